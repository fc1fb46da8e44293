import Foundation
import Testing

@testable import RuleDSL

/// JSON facts: the strict parser (positions, depth limit, exact numbers), records with nested
/// records and lists, null as missing, unknown members refused with a suggestion, JSON lines, and
/// the writer.
@Suite struct JSONTests {
    static let rules = """
        schema Address {
            region: string
            zip: string?
        }
        schema Worker {
            wage: money
            age: int?
        }
        schema Employer {
            name: string
            headcount: int
            a: decimal?
            b: decimal?
            address: Address?
            workers: list of Worker
            tags: list of string
            active: bool?
        }
        indicator exact on e: Employer
            when e.a + e.b == 0.3
        value total on e: Employer = sum(w.wage for w in e.workers)
        value region on e: Employer = e.address.region
        """

    static func read(_ text: String, format: FactReader.Format = .json) throws -> (records: [RecordValue], errors: [FactReader.RecordError], file: FactReader.FileError?, ruleSet: CompiledRuleSet) {
        let ruleSet = try Support.ruleSet(Self.rules)
        let schema = try #require(ruleSet.schema(named: "Employer"))
        var records: [RecordValue] = []
        var errors: [FactReader.RecordError] = []
        let file = FactReader.read(bytes: Array(text.utf8), path: "facts.json", format: format, schema: schema,
                                   decoder: FieldDecoder(ruleSet: ruleSet)) { result in
            switch result {
            case .success(let r): records.append(r)
            case .failure(let e): errors.append(e)
            }
        }
        return (records, errors, file, ruleSet)
    }

    // MARK: - Parser

    @Test func parsesEveryKindOfValue() throws {
        let value = try JSONParser.parse(Array(#"{"a": [1, -2.5, 3e2, true, false, null], "b": {"c": "x\"y\\z\n\u0416\ud83d\ude00"}, "e": []}"#.utf8)).get()
        #expect(value["a"] == .array([.number("1"), .number("-2.5"), .number("3e2"), .bool(true), .bool(false), .null]))
        #expect(value["b"]?["c"] == .string("x\"y\\z\nЖ😀"))
        #expect(value["e"] == .array([]))
        #expect(value["missing"] == nil)
        // Member order is kept.
        guard case .object(let members) = value else { Issue.record("not an object"); return }
        #expect(members.map(\.0) == ["a", "b", "e"])
    }

    @Test(arguments: [
        ("{\"a\": }", 1, 7, "unexpected character"),
        ("[1, 2", 1, 6, "unexpected end of input in an array"),
        ("{\"a\" 1}", 1, 6, "expected ‘:’ after a member name"),
        ("{\n  \"a\": 1,\n  \"b\": tru\n}", 3, 8, "invalid literal"),
        ("[1.]", 1, 4, "invalid number"),
        ("\"abc", 1, 5, "unterminated string"),
        ("\"a\u{01}\"", 1, 4, "control character in a string"),
        ("\"\\x\"", 1, 4, "invalid escape"),
        ("\"\\ud800\"", 1, 8, "unpaired surrogate"),
        ("[1] 2", 1, 5, "unexpected text after the JSON value"),
        ("", 1, 1, "unexpected end of input"),
        ("{\"ж\": 1 \"b\": 2}", 1, 9, "expected ‘,’ or ‘}’ in an object"),
    ])
    func syntaxErrorsHaveAPosition(_ text: String, _ line: Int, _ column: Int, _ message: String) {
        switch JSONParser.parse(Array(text.utf8)) {
        case .success(let v): Issue.record("parsed \(text.debugDescription) as \(v)")
        case .failure(let e):
            #expect(e.message == message)
            #expect("\(e.line):\(e.column)" == "\(line):\(column)", "\(text.debugDescription)")
        }
    }

    @Test func leadingZerosAreNotJSON() {
        // RFC 8259: a number has no leading zeros; the parser calls itself strict.
        let result = JSONParser.parse(Array("[01, -007]".utf8))
        #expect(throws: JSONError.self) { try result.get() }
        #expect((try? JSONParser.parse(Array("[0, -0.5, 10]".utf8)).get()) != nil)
    }

    @Test func nestingIsBounded() {
        let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
        #expect(throws: JSONError.self) { try JSONParser.parse(Array(deep.utf8)).get() }
        if case .failure(let e) = JSONParser.parse(Array(deep.utf8)) { #expect(e.message == "nested deeper than 64 levels") }
        let fine = String(repeating: "[", count: 64) + String(repeating: "]", count: 64)
        #expect((try? JSONParser.parse(Array(fine.utf8)).get()) != nil)
        // Hostile depth does not exhaust the stack.
        let hostile = String(repeating: "{\"a\":", count: 100_000)
        #expect((try? JSONParser.parse(Array(hostile.utf8)).get()) == nil)
    }

    // MARK: - Records

    @Test func nestedRecordsListsAndNull() throws {
        let (records, errors, file, ruleSet) = try Self.read("""
            [
              {"name": "Альфа", "headcount": 10, "a": 0.1, "b": 0.2, "address": {"region": "77", "zip": null},
               "workers": [{"wage": 15000.50, "age": 30}, {"wage": "20000", "age": null}], "tags": ["x", "y"], "active": true},
              {"name": "Бета", "headcount": "12", "a": null}
            ]
            """)
        #expect(file == nil)
        #expect(errors.isEmpty, "\(errors.map { $0.message(in: .en) })")
        #expect(records.count == 2)
        let schema = try #require(ruleSet.schema(named: "Employer"))
        let first = records[0]
        #expect(first.slots[schema.slot(of: "headcount")!] == .int(10))
        #expect(first.slots[schema.slot(of: "tags")!] == .list([.string("x"), .string("y")]))
        let e = ruleSet.evaluate(first, asOf: Support.date("2025-06-01"))
        // Numbers are read digit by digit: 0.1 + 0.2 is exactly 0.3.
        #expect(e.result(named: "exact")?.outcome == .fired)
        #expect(e.result(named: "total")?.value == Support.dec("35000.50"))
        #expect(e.result(named: "region")?.value == .string("77"))
        // null is missing; an absent list is empty; numbers may be strings.
        let second = records[1]
        #expect(second.slots[schema.slot(of: "headcount")!] == .int(12))
        #expect(second.slots[schema.slot(of: "a")!] == .missing)
        #expect(second.slots[schema.slot(of: "workers")!] == .list([]))
        let f = ruleSet.evaluate(second, asOf: Support.date("2025-06-01"))
        #expect(f.result(named: "exact")?.outcome == .undetermined)
        #expect(f.result(named: "total")?.value == .int(0) || f.result(named: "total")?.value == Support.dec("0"))
    }

    @Test func aSingleObjectIsOneRecord() throws {
        let (records, errors, _, _) = try Self.read(#"{"name": "x", "headcount": 1}"#)
        #expect(records.count == 1)
        #expect(errors.isEmpty)
    }

    @Test func numbersAreExact() throws {
        let (records, errors, _, ruleSet) = try Self.read(#"[{"name": "x", "headcount": 9223372036854775807, "a": 123456789.123456789, "b": 1.5e-3}]"#)
        #expect(errors.isEmpty, "\(errors.map { $0.message(in: .en) })")
        let schema = try #require(ruleSet.schema(named: "Employer"))
        #expect(records[0].slots[schema.slot(of: "headcount")!] == .int(.max))
        #expect(records[0].slots[schema.slot(of: "a")!] == Support.dec("123456789.123456789"))
        #expect(records[0].slots[schema.slot(of: "b")!] == Support.dec("0.0015"))
        let (_, tooPrecise, _, _) = try Self.read(#"[{"name": "x", "headcount": 1, "a": 0.1234567890123456789}]"#)
        #expect(tooPrecise.map(\.field) == ["a"])
        let (_, fractional, _, _) = try Self.read(#"[{"name": "x", "headcount": 1.5}]"#)
        #expect(fractional.map { "\($0.row) \($0.field): \($0.problem.en)" } == ["1 headcount: ‘1.5’ is not a whole number"])
    }

    @Test func unknownMembersAreRefusedWithASuggestion() throws {
        let (records, errors, _, _) = try Self.read(#"[{"name": "x", "headcont": 1}, {"name": "y", "headcount": 2}, {"name": "z", "headcount": 3, "address": {"regoin": "77"}}, {"name": "w", "headcount": 4, "zzz": 1}]"#)
        #expect(records.count == 1)
        #expect(errors.map { "\($0.row) \($0.field): \($0.problem.en)" } == [
            "1 headcont: Employer has no field ‘headcont’ (did you mean ‘headcount’?)",
            "3 address.regoin: Address has no field ‘regoin’ (did you mean ‘region’?)",
            "4 zzz: Employer has no field ‘zzz’",
        ])
        #expect(errors[0].problem.ru == "у Employer нет поля «headcont» (возможно, «headcount»?)")
    }

    @Test func recordsOfAJSONArrayAreNotPlacedOnLineZero() throws {
        // A JSON array's records have no line number, and the message says “(line 0)”.
        let (_, errors, _, _) = try Self.read("[\n  {\"name\": \"x\"}\n]")
        let message = try #require(errors.first).message(in: .en)
        #expect(message.hasPrefix("record 1, field"))
        #expect(message.hasSuffix("field ‘headcount’: required field ‘headcount’ is missing (mark it optional with ‘?’ in the schema if it may be absent)"))
        #expect(!message.contains("(line 0)"), "\(message)")
    }

    @Test func typeProblemsNameTheirPath() throws {
        let (_, errors, _, _) = try Self.read("""
            [
              {"name": "a", "headcount": true},
              {"name": "b", "headcount": 1, "workers": [{"wage": 1}, {"wage": "много"}]},
              {"name": "c", "headcount": 1, "workers": {"wage": 1}},
              {"name": "d", "headcount": 1, "address": "Москва"},
              {"name": "e", "headcount": 1, "address": {"zip": "1"}},
              "not an object",
              {"headcount": 1}
            ]
            """)
        #expect(errors.map { "\($0.row) \($0.field)" } == ["1 headcount", "2 workers[1].wage", "3 workers", "4 address", "5 address.region", "6 ", "7 name"])
        #expect(errors[0].problem.en == "expected int, found true/false")
        #expect(errors[5].problem.en == "expected an object with the fields of Employer")
    }

    @Test func invalidJSONStopsTheFile() throws {
        let (records, _, file, _) = try Self.read("[{\"name\": \"a\", \"headcount\": 1},\n {\"name\": }]")
        #expect(records.isEmpty)
        #expect(file?.message(in: .en) == "facts.json: invalid JSON at 2:11: unexpected character")
        #expect(file?.message(in: .ru) == "facts.json: неверный JSON в 2:11: unexpected character")
    }

    @Test func jsonLinesReportsBadLinesAndReadsTheRest() throws {
        let text = """
            {"name": "a", "headcount": 1}

            {"name": "b", "headcount": }
            {"name": "c", "headcount": "x"}
            {"name": "d", "headcount": 4}
            """
        let (records, errors, file, _) = try Self.read(text, format: .jsonLines)
        #expect(file == nil)
        #expect(records.count == 2)
        #expect(errors.map { $0.message(in: .en) } == [
            "record 2 (line 3): invalid JSON at column 28: unexpected character",
            "record 3 (line 4), field ‘headcount’: ‘x’ is not a whole number",
        ])
    }

    // MARK: - Writer

    @Test func writerEscapesStrings() {
        #expect(JSONWriter.quote("a\"b\\c\nd\re\tf\u{01}ж") == #""a\"b\\c\nd\re\tf\u0001ж""#)
        #expect(JSONWriter.object([("a", "1"), ("b", JSONWriter.quote("x"))]) == #"{"a":1,"b":"x"}"#)
        #expect(JSONWriter.array(["1", "2"]) == "[1,2]")
        // What it writes, the parser reads back.
        let text = JSONWriter.object([("s", JSONWriter.quote("строка \"в кавычках\"\n")), ("n", "0.1")])
        let parsed = try? JSONParser.parse(Array(text.utf8)).get()
        #expect(parsed?["s"] == .string("строка \"в кавычках\"\n"))
        #expect(parsed?["n"] == .number("0.1"))
    }

    @Test func diagnosticsAsJSON() throws {
        let result = Support.compile("schema S {\n    a: int\n}\nindicator i on s: S\n    when s.b > 1\nconst c = 1\n    unconfirmed \"x\"\n")
        let text = DiagnosticJSON.encode(result.diagnostics, files: result.files, language: .en)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(object["errors"] as? Int == 1)
        #expect(object["warnings"] as? Int == 1)
        let items = try #require(object["diagnostics"] as? [[String: Any]])
        #expect(items.count == 2)
        #expect(items[0]["code"] as? String == "E0209")
        #expect(items[0]["line"] as? Int == 5)
        #expect(items[0]["column"] as? Int == 12)
        #expect(items[0]["end_column"] as? Int == 13)
        #expect(items[0]["file"] as? String == "t.rules")
        #expect(items[0]["message"] as? String == "‘S’ has no field ‘b’")
        #expect(items[1]["severity"] as? String == "warning")
        #expect(items[1]["suggestion"] is NSNull)
    }
}
