import Foundation
import Testing

@testable import RuleDSL

/// Reading records from CSV: RFC 4180 quoting, `;` or `,`, byte-order marks, CRLF, blank lines,
/// the header (missing required columns stop the file; unknown columns are ignored), and bad
/// cells, which reject their record with its row, line and field while the others are read.
@Suite struct CSVReaderTests {
    static let rules = """
        enum Category "Категория" {
            high "высокий"
            low "низкий"
        }
        schema Employer {
            name: string
            headcount: int
            wage: money?
            share: percent?
            since: date?
            active: bool?
            category: Category?
            moment: datetime?
            wait: duration?
            workers: list of int
        }
        indicator big on e: Employer
            when e.headcount > 100
        """

    struct Read {
        var records: [RecordValue] = []
        var errors: [FactReader.RecordError] = []
        var fileError: FactReader.FileError?
        var order: [String] = []
    }

    static func read(_ text: String, format: FactReader.Format? = .csv, bytes: [UInt8]? = nil) throws -> (Read, CompiledRuleSet) {
        let ruleSet = try Support.ruleSet(Self.rules)
        let schema = try #require(ruleSet.schema(named: "Employer"))
        var read = Read()
        read.fileError = FactReader.read(bytes: bytes ?? Array(text.utf8), path: "facts.csv", format: format, schema: schema,
                                         decoder: FieldDecoder(ruleSet: ruleSet)) { result in
            switch result {
            case .success(let r):
                read.records.append(r)
                read.order.append("ok")
            case .failure(let e):
                read.errors.append(e)
                read.order.append("error")
            }
        }
        return (read, ruleSet)
    }

    private func slot(_ ruleSet: CompiledRuleSet, _ name: String) -> Int { ruleSet.schema(named: "Employer")!.slot(of: name)! }

    @Test func aSimpleFile() throws {
        let (read, ruleSet) = try Self.read("name,headcount,wage\nАльфа,120,15000.50\nБета,5,\n")
        #expect(read.fileError == nil)
        #expect(read.errors.isEmpty)
        #expect(read.records.count == 2)
        let first = read.records[0]
        #expect(first.slots[slot(ruleSet, "name")] == .string("Альфа"))
        #expect(first.slots[slot(ruleSet, "headcount")] == .int(120))
        #expect(first.slots[slot(ruleSet, "wage")] == Support.dec("15000.50"))
        // An empty cell is missing; a list column left out is an empty list.
        #expect(read.records[1].slots[slot(ruleSet, "wage")] == .missing)
        #expect(read.records[1].slots[slot(ruleSet, "workers")] == .list([]))
        // The records evaluate.
        let e = ruleSet.evaluate(first, asOf: Support.date("2025-06-01"))
        #expect(e.result(named: "big")?.outcome == .fired)
    }

    @Test func quotedCellsWithDelimitersQuotesAndLineBreaks() throws {
        let text = "name,headcount\n\"ООО \"\"Ромашка\"\", филиал\",1\n\"two\nlines\",2\n\"\",3\nplain,4\n"
        let (read, ruleSet) = try Self.read(text)
        #expect(read.records.map { $0.slots[slot(ruleSet, "name")] } == [.string("ООО \"Ромашка\", филиал"), .string("two\nlines"), .string("plain")])
        #expect(read.records.map { $0.slots[slot(ruleSet, "headcount")] } == [.int(1), .int(2), .int(4)])
        // A quoted empty cell is an empty cell: missing, and `name` is required.
        #expect(read.errors.map { "\($0.row):\($0.line):\($0.field)" } == ["3:5:name"])
    }

    @Test func lineNumbersCountTheLinesInsideQuotedCells() throws {
        let text = "name,headcount\n\"a\nb\nc\",1\nbad,x\n"
        let (read, _) = try Self.read(text)
        #expect(read.records.count == 1)
        let error = try #require(read.errors.first)
        #expect(error.row == 2)
        #expect(error.line == 5)
        #expect(error.field == "headcount")
    }

    @Test func semicolonDelimiterIsDetectedFromTheHeader() throws {
        let (read, ruleSet) = try Self.read("name;headcount;wage\n\"Альфа, ООО\";12;100.5\n")
        #expect(read.errors.isEmpty)
        #expect(read.records.first?.slots[slot(ruleSet, "name")] == .string("Альфа, ООО"))
        #expect(read.records.first?.slots[slot(ruleSet, "wage")] == Support.dec("100.5"))
    }

    @Test func byteOrderMarkAndCRLF() throws {
        let text = "\u{FEFF}name,headcount,wage\r\nАльфа,12,100\r\n\"Бета\",13,200\r\n"
        let (read, ruleSet) = try Self.read(text)
        #expect(read.fileError == nil)
        #expect(read.errors.isEmpty, "\(read.errors.map { $0.message(in: .en) })")
        #expect(read.records.map { $0.slots[slot(ruleSet, "wage")] } == [.int(100), .int(200)])
        #expect(read.records.map { $0.slots[slot(ruleSet, "name")] } == [.string("Альфа"), .string("Бета")])
    }

    @Test func blankLinesAreSkippedButCounted() throws {
        let text = "name,headcount\n\na,1\n\r\n\nb,x\n"
        let (read, _) = try Self.read(text)
        #expect(read.records.count == 1)
        let error = try #require(read.errors.first)
        #expect(error.row == 2)
        #expect(error.line == 6)
    }

    @Test func aMissingRequiredColumnStopsTheFile() throws {
        let (read, _) = try Self.read("name,wage\nАльфа,1\n")
        let error = try #require(read.fileError)
        #expect(error.message(in: .en) == "facts.csv: the header lacks required fields of Employer: headcount")
        #expect(error.message(in: .ru) == "facts.csv: в заголовке нет обязательных полей Employer: headcount")
        #expect(read.records.isEmpty && read.errors.isEmpty)
        // Optional fields and lists may be left out.
        let (fine, _) = try Self.read("headcount,name\n1,a\n")
        #expect(fine.fileError == nil)
        #expect(fine.records.count == 1)
    }

    @Test func headerProblems() throws {
        #expect(try Self.read("").0.fileError?.message(in: .en) == "facts.csv: empty: expected a header row naming the fields")
        #expect(try Self.read("\nname,headcount\n").0.fileError != nil)
        #expect(try Self.read("name,headcount,name\na,1,b\n").0.fileError?.message(in: .en) == "facts.csv: column ‘name’ appears twice in the header")
        let binary = try Self.read("", bytes: [0x6E, 0x00, 0x01, 0x0A]).0
        #expect(binary.fileError?.message(in: .en) == "facts.csv: binary data, not a CSV or JSON text file")
    }

    @Test func aBadCellRejectsItsRecordAndTheOthersAreRead() throws {
        let text = "name,headcount,wage,share,since,active,category\n"
            + "a,1,100,50%,2025-06-01,true,high\n"
            + "b,сорок,100,,,,\n"
            + "c,3,12.5.1,,,,\n"
            + "d,4,,abc,,,\n"
            + "e,5,,,2025-02-30,,\n"
            + "f,6,,,,maybe,\n"
            + "g,7,,,,,medium\n"
            + "h,8,,0.25,01.06.2025,да,Низкий\n"
        let (read, ruleSet) = try Self.read(text)
        #expect(read.order == ["ok", "error", "error", "error", "error", "error", "error", "ok"])
        #expect(read.records.count == 2)
        let messages = read.errors.map { $0.message(in: .en) }
        #expect(messages == [
            "record 2 (line 3), field ‘headcount’: ‘сорок’ is not a whole number",
            "record 3 (line 4), field ‘wage’: ‘12.5.1’ is not a number (digits with an optional ‘.’)",
            "record 4 (line 5), field ‘share’: ‘abc’ is not a fraction (0.5) or a percent (50%)",
            "record 5 (line 6), field ‘since’: ‘2025-02-30’ is not a date (2025-06-01 or 01.06.2025)",
            "record 6 (line 7), field ‘active’: ‘maybe’ is not true or false",
            "record 7 (line 8), field ‘category’: ‘medium’ is not one of Category: high, low",
        ])
        #expect(read.errors[0].message(in: .ru) == "запись 2 (строка 3), поле «headcount»: «сорок» — не целое число")
        // The last record: Russian date, да, the enum by its title in another case.
        let h = read.records[1]
        #expect(h.slots[slot(ruleSet, "share")] == Support.dec("0.25"))
        #expect(h.slots[slot(ruleSet, "since")] == .date(Support.date("2025-06-01")))
        #expect(h.slots[slot(ruleSet, "active")] == .bool(true))
        #expect(h.slots[slot(ruleSet, "category")] == .enumCase(EnumCase(enumIndex: 0, caseIndex: 1)))
        #expect(read.records[0].slots[slot(ruleSet, "share")] == Support.dec("0.5"))
    }

    @Test func aRequiredCellLeftEmptyRejectsTheRecord() throws {
        let (read, _) = try Self.read("name,headcount\na,\n,2\n")
        #expect(read.records.isEmpty)
        #expect(read.errors.map { $0.message(in: .en) } == [
            "record 1 (line 2), field ‘headcount’: required field ‘headcount’ is missing (mark it optional with ‘?’ in the schema if it may be absent)",
            "record 2 (line 3), field ‘name’: required field ‘name’ is missing (mark it optional with ‘?’ in the schema if it may be absent)",
        ])
    }

    @Test func columnsThatAreNotFieldsAreIgnored() throws {
        let (read, ruleSet) = try Self.read("comment,name,headcount,extra\nanything at all,a,1,x\n")
        #expect(read.errors.isEmpty)
        #expect(read.records.count == 1)
        #expect(read.records[0].slots[slot(ruleSet, "headcount")] == .int(1))
    }

    @Test func rowsWithTheWrongNumberOfCells() throws {
        let (read, _) = try Self.read("name,headcount\na,1,extra\nb\nc,3\n")
        #expect(read.order == ["error", "error", "ok"])
        #expect(read.errors.map { $0.message(in: .en) } == [
            "record 1 (line 2): the row has 3 cells but the header has 2",
            "record 2 (line 3): the row has 1 cells but the header has 2",
        ])
    }

    @Test func numbersAreReadExactly() throws {
        let (read, ruleSet) = try Self.read("name,headcount,wage\na,9223372036854775807,0.1\nb,-5,123456789012.345678\nc,1e3,1.5e2\nd,+7,.5\n")
        #expect(read.errors.isEmpty, "\(read.errors.map { $0.message(in: .en) })")
        #expect(read.records.map { $0.slots[slot(ruleSet, "headcount")] } == [.int(.max), .int(-5), .int(1000), .int(7)])
        #expect(read.records.map { $0.slots[slot(ruleSet, "wage")] }
            == [Support.dec("0.1"), Support.dec("123456789012.345678"), Support.dec("150"), Support.dec("0.5")])
        let (overflow, _) = try Self.read("name,headcount\na,9223372036854775808\n")
        #expect(overflow.errors.first?.field == "headcount")
    }

    @Test func dateTimesNeedAZone() throws {
        let (read, ruleSet) = try Self.read("name,headcount,moment,wait\na,1,2025-06-01T09:00:00+03:00,P3D\nb,2,2025-06-01T09:00:00,\nc,3,,3 days\n")
        #expect(read.records.count == 1)
        #expect(read.records[0].slots[slot(ruleSet, "moment")] == .datetime(DateTimeValue(iso: "2025-06-01T09:00:00+03:00")!))
        #expect(read.errors.map { $0.message(in: .en) } == [
            "record 2 (line 3), field ‘moment’: ‘2025-06-01T09:00:00’ has no time zone; add an offset (+03:00) or a zone ([Europe/Moscow])",
            "record 3 (line 4), field ‘wait’: ‘3 days’ is not an ISO 8601 duration (P3D, PT6H)",
        ])
    }

    @Test func booleanSpellings() throws {
        let rows = ["true", "FALSE", "1", "0", "yes", "No", "да", "НЕТ", "истина", "ложь"].enumerated().map { "n\($0.offset),1,\($0.element)" }
        let (read, ruleSet) = try Self.read("name,headcount,active\n" + rows.joined(separator: "\n") + "\n")
        #expect(read.errors.isEmpty)
        #expect(read.records.map { $0.slots[slot(ruleSet, "active")] }
            == [true, false, true, false, true, false, true, false, true, false].map(Value.bool))
    }

    @Test func theShippedExampleWithErrors() throws {
        let result = try compileRepository(["rules/ohs"])
        let ruleSet = try #require(result.ruleSet)
        let schema = try #require(ruleSet.schema(named: "Worker"))
        var good = 0
        var errors: [FactReader.RecordError] = []
        let fileError = FactReader.read(path: repositoryRoot + "/examples/ohs/workers-with-errors.csv", schema: schema,
                                        decoder: FieldDecoder(ruleSet: ruleSet)) { result in
            switch result {
            case .success: good += 1
            case .failure(let e): errors.append(e)
            }
        }
        #expect(fileError == nil)
        #expect(good >= 1)
        #expect(errors.count >= 3)
        #expect(errors.map(\.row) == errors.map(\.row).sorted())
        #expect(errors.allSatisfy { $0.line == $0.row + 1 && !$0.field.isEmpty })
        #expect(errors.contains { $0.field == "conditions_class" })
        #expect(errors.contains { $0.field == "birth_date" })
    }

    @Test func formatFromThePathOrTheContent() {
        #expect(FactReader.Format(path: "a.CSV") == .csv)
        #expect(FactReader.Format(path: "a.tsv") == .csv)
        #expect(FactReader.Format(path: "a.json") == .json)
        #expect(FactReader.Format(path: "a.jsonl") == .jsonLines)
        #expect(FactReader.Format(path: "a.ndjson") == .jsonLines)
        #expect(FactReader.Format(path: "a.txt") == nil)
        #expect(FactReader.sniff(Array("  [{}]".utf8)) == .json)
        #expect(FactReader.sniff(Array("{\"a\": 1}".utf8)) == .json)
        #expect(FactReader.sniff(Array("{\"a\": 1}\n{\"a\": 2}\n".utf8)) == .jsonLines)
        #expect(FactReader.sniff(Array("a,b\n".utf8)) == .csv)
        #expect(FactReader.sniff([]) == .csv)
    }

    @Test func aMissingFileIsAFileError() throws {
        let ruleSet = try Support.ruleSet(Self.rules)
        let schema = try #require(ruleSet.schema(named: "Employer"))
        let error = FactReader.read(path: "/nonexistent/facts.csv", schema: schema, decoder: FieldDecoder(ruleSet: ruleSet)) { _ in }
        #expect(error?.message(in: .en) == "/nonexistent/facts.csv: no such file")
        let folder = FactReader.read(path: NSTemporaryDirectory(), schema: schema, decoder: FieldDecoder(ruleSet: ruleSet)) { _ in }
        #expect(folder != nil)
    }
}
