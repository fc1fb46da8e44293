import Foundation
import Testing

@testable import RuleDSL

/// Fields that declare their allowed values (`in 0..3`, `in ["a", "b"]`) reject other data on
/// every reading path, naming the record and field; and a CSV file read in parts on several
/// threads gives exactly the records, rows and lines of reading it whole.
@Suite struct AllowedValuesAndPartsTests {
    static let rules = """
        schema Ticket {
            id: string
            priority: int? in 0..3
            channel: string? in ["portal", "chat"]
            share: decimal? in 0..<1
            opened: date? in 2023-01-01..2026-12-31
            note: string?
        }
        indicator urgent on t: Ticket
            when t.priority == 0
        """

    static func temporaryFile(_ text: String) throws -> String {
        let path = NSTemporaryDirectory() + "etalon-parts-\(UUID().uuidString).csv"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// Every record read from `path` as "ok id" or "row:line field", in file order, on `parts` threads.
    static func readAll(_ ruleSet: CompiledRuleSet, path: String, parts: Int) throws -> [String] {
        let schema = try #require(ruleSet.schema(named: "Ticket"))
        let result = FactReader.readInParts(
            path: path, schema: schema, decoder: FieldDecoder(ruleSet: ruleSet), parts: parts, start: { [String]() }
        ) { seen, record in
            switch record {
            case .success(let r):
                if case .string(let id) = r.slots[0] { seen.append("ok \(id)") }
            case .failure(let e):
                seen.append("\(e.row):\(e.line) \(e.field)")
            }
        }
        switch result {
        case .success(let lists): return lists.flatMap { $0 }
        case .failure(let error): throw error
        }
    }

    @Test func valuesOutsideTheAllowedOnesRejectTheRecordWithItsField() throws {
        let ruleSet = try Support.ruleSet(Self.rules)
        let path = try Self.temporaryFile("""
            id,priority,channel,share,opened
            a,0,portal,0.5,2023-03-01
            b,7,portal,,
            c,,pigeon,,
            d,3,,1,
            e,,,,2031-01-01
            f,,,,

            """)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try Self.readAll(ruleSet, path: path, parts: 1) == ["ok a", "2:3 priority", "3:4 channel", "4:5 share", "5:6 opened", "ok f"])
        // The message says what is allowed and how to fix it.
        let schema = try #require(ruleSet.schema(named: "Ticket"))
        var messages: [String] = []
        _ = FactReader.read(path: path, schema: schema, decoder: FieldDecoder(ruleSet: ruleSet)) { record in
            if case .failure(let e) = record { messages.append(e.message(in: .en)) }
        }
        #expect(messages.first == "record 2 (line 3), field ‘priority’: ‘7’ is not among the allowed values 0..3; correct the data or widen ‘in …’ in the schema")
        #expect(messages[1].contains("[\"portal\", \"chat\"]"))
    }

    @Test func theColumnarPathRejectsTheSameRecordsEvenForFieldsItDoesNotDecode() throws {
        let ruleSet = try Support.ruleSet(Self.rules)
        let schema = try #require(ruleSet.schema(named: "Ticket"))
        let path = try Self.temporaryFile("id,priority,channel\na,0,portal\nb,9,chat\nc,1,fax\n")
        defer { try? FileManager.default.removeItem(atPath: path) }
        for fields: Set<Int>? in [nil, [1], []] {
            var rejected: [String] = []
            var rows = 0
            let error = FactReader.readBatches(path: path, schema: schema, decoder: FieldDecoder(ruleSet: ruleSet), batchSize: 2, fields: fields,
                                               { rows += $0.count }, rejected: { rejected.append("\($0.row) \($0.field)") })
            #expect(error == nil)
            #expect(rejected == ["2 priority", "3 channel"], "fields \(String(describing: fields))")
            #expect(rows == 1)
        }
    }

    @Test func jsonRecordsAreCheckedToo() throws {
        let ruleSet = try Support.ruleSet(Self.rules)
        let schema = try #require(ruleSet.schema(named: "Ticket"))
        let text = #"[{"id": "a", "priority": 2}, {"id": "b", "priority": 4}, {"id": "c", "channel": "email"}]"#
        var outcome: [String] = []
        _ = FactReader.read(bytes: Array(text.utf8), path: "t.json", format: .json, schema: schema, decoder: FieldDecoder(ruleSet: ruleSet)) { r in
            switch r {
            case .success: outcome.append("ok")
            case .failure(let e): outcome.append(e.field)
            }
        }
        #expect(outcome == ["ok", "priority", "channel"])
    }

    @Test func readingInPartsGivesTheRowsAndLinesOfReadingWhole() throws {
        let ruleSet = try Support.ruleSet(Self.rules)
        // Quoted newlines and doubled quotes, blank lines, CRLF, bad rows, a row with too few cells.
        var text = "id,priority,channel,note\r\n"
        var rng = SeededGenerator(seed: 7)
        for i in 1...400 {
            switch rng.int(in: 0...9) {
            case 0: text += "t\(i),1,chat,\"two\nlines, and \"\"quotes\"\"\"\n"
            case 1: text += "\n"
            case 2: text += "t\(i),8,chat,x\n"
            case 3: text += "t\(i),2\r\n"
            case 4: text += "t\(i),0,portal,\"a,b\"\r\n"
            default: text += "t\(i),\(rng.int(in: 0...3)),portal,plain\n"
            }
        }
        let path = try Self.temporaryFile(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let whole = try Self.readAll(ruleSet, path: path, parts: 1)
        #expect(whole.count > 300)
        for parts in [2, 3, 5, 16] {
            #expect(try Self.readAll(ruleSet, path: path, parts: parts) == whole, "parts: \(parts)")
        }
    }

    @Test func aFileOfOnlyAHeaderOrOneRowSplitsSafely() throws {
        let ruleSet = try Support.ruleSet(Self.rules)
        for text in ["id,priority\n", "id,priority\nonly,1", "id,priority\n\n\n"] {
            let path = try Self.temporaryFile(text)
            defer { try? FileManager.default.removeItem(atPath: path) }
            #expect(try Self.readAll(ruleSet, path: path, parts: 4) == Self.readAll(ruleSet, path: path, parts: 1))
        }
    }

    @Test func randomCSVTextSplitsExactlyLikeReadingWhole() throws {
        let ruleSet = try Support.ruleSet(Self.rules)
        var rng = SeededGenerator(seed: 2026)
        let pieces = ["\"", "\"\"", ",", "\n", "\r\n", "\r", "a", "1", "7", "portal", "пусто", " ", "\n\n"]
        for round in 0..<40 {
            var text = "id,priority,channel,note\n"
            for _ in 0..<rng.int(in: 0...200) { text += rng.pick(pieces) }
            let path = try Self.temporaryFile(text)
            defer { try? FileManager.default.removeItem(atPath: path) }
            let whole = try Self.readAll(ruleSet, path: path, parts: 1)
            for parts in [2, 3, 7] {
                #expect(try Self.readAll(ruleSet, path: path, parts: parts) == whole, "round \(round), parts \(parts): \(text.debugDescription)")
            }
        }
    }

    @Test func statusHistoriesOfRandomBytesNeverTrap() {
        var rng = SeededGenerator(seed: 11)
        let pieces: [[UInt8]] = [Array("new".utf8), [0x40], [0x3B], [0x20], Array("2025-02-03T10:00:00+03:00".utf8), Array("2025-02-03T10:00".utf8),
                                 Array("[Europe/Moscow]".utf8), [0xD0, 0x9F], [0xFF], [0x00], Array("+99:99".utf8), Array("Z".utf8)]
        var changes: [StatusHistory.Change] = []
        var parsed = 0
        for _ in 0..<2000 {
            var bytes: [UInt8] = []
            for _ in 0..<rng.int(in: 0...12) { bytes += rng.pick(pieces) }
            let problem = bytes.withUnsafeBufferPointer { StatusHistory.parse($0, defaultZone: .utc, into: &changes) }
            if problem == nil {
                parsed += 1
                // Every change found names a status inside the text.
                for change in changes { #expect(change.name.lowerBound >= 0 && change.name.upperBound <= bytes.count) }
            } else {
                #expect(!(problem?.en.isEmpty ?? true) && !(problem?.ru.isEmpty ?? true))
            }
        }
        #expect(parsed > 100)
    }
}
