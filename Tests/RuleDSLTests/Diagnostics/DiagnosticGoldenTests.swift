import Foundation
import Testing

@testable import RuleDSL

/// Golden diagnostics: every `Golden/diagnostics/NAME.rules` (or folder `NAME/` of files compiled
/// together) renders, in English and in Russian, exactly as `NAME.en.txt` and `NAME.ru.txt`.
/// Paths in the output are the relative `diagnostics/…` ones, so the files do not depend on where
/// the repository is. `ETALON_RECORD_GOLDEN=1` rewrites them.
@Suite struct DiagnosticGoldenTests {
    /// Inputs: single files and folders.
    static let inputs: [String] = {
        let directory = Support.goldenDirectory + "/diagnostics"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { name in
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: directory + "/" + name, isDirectory: &isDirectory)
            return isDirectory.boolValue || name.hasSuffix(".rules")
        }.map { $0.hasSuffix(".rules") ? String($0.dropLast(".rules".count)) : $0 }.sorted()
    }()

    /// The codes each input must report (at least these; the golden files pin the rest).
    static let requiredCodes: [String: Set<String>] = [
        "syntax_recovery": ["E0105", "E0110", "E0111", "E0116", "E0117", "E0119"],
        "unknown_names": ["E0209", "E0206", "E0204"],
        "type_mismatch": ["E0301", "E0306", "E0307", "E0310", "E0309", "E0313", "E0308", "E0314", "E0312", "E0323", "E0324"],
        "unique_overlap": ["E0401", "E0403", "E0406"],
        "unreachable_row": ["W0401"],
        "non_exhaustive": ["W0402"],
        "duplicates": ["E0203", "E0208", "E0218", "E0402", "E0223", "E0224", "E0216"],
        "effective_overlap": ["E0501", "E0502", "E0503", "E0504", "E0505"],
        "import_cycle": ["E0202", "E0201", "E0213", "E0214", "E0212"],
        "reserved_words": ["E0106"],
        "deep_nesting": ["E0108"],
        "invalid_dates": ["E0304", "E0305", "E0302", "E0303"],
        "lexical": ["E0001", "E0002", "E0003", "E0004", "E0005"],
        "tests_errors": ["W0601", "E0601", "E0318", "E0602", "E0210", "E0310", "E0209"],
        "tables_types": ["E0404", "E0405", "E0310", "E0317", "W0301"],
        "calendars_sla": ["E0801", "E0803", "E0804", "E0805", "E0806", "E0807", "E0808", "E0811", "E0814", "W0801", "E0901", "E0902", "E0903", "E0904"],
    ]

    /// The files of one input, numbered in order, with their relative paths.
    static func files(_ name: String) -> [SourceFile] {
        let directory = Support.goldenDirectory + "/diagnostics"
        var isDirectory: ObjCBool = false
        FileManager.default.fileExists(atPath: directory + "/" + name, isDirectory: &isDirectory)
        let relative: [String]
        if isDirectory.boolValue {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory + "/" + name)) ?? []
            relative = names.filter { $0.hasSuffix(".rules") }.sorted().map { "\(name)/\($0)" }
        } else {
            relative = [name + ".rules"]
        }
        return relative.enumerated().map { index, path in
            let text = (try? String(contentsOfFile: directory + "/" + path, encoding: .utf8)) ?? ""
            return SourceFile(id: index, path: "diagnostics/" + path, text: text)
        }
    }

    @Test func thereAreGoldenInputsForEveryCase() {
        #expect(Self.inputs.count >= 12)
        #expect(Set(Self.inputs) == Set(Self.requiredCodes.keys))
    }

    @Test(arguments: inputs)
    func rendersAsRecorded(_ name: String) throws {
        let files = Self.files(name)
        #expect(!files.isEmpty)
        let result = RuleDSL.compile(files)
        // Each input has several findings, and the ones it is about.
        #expect(result.diagnostics.count >= 2, "\(name): \(result.diagnostics.map(\.code))")
        let codes = Set(result.diagnostics.map(\.code))
        let required = Self.requiredCodes[name] ?? []
        #expect(required.isSubset(of: codes), "\(name): missing \(required.subtracting(codes).sorted()), found \(codes.sorted())")
        for language in MessageLanguage.allCases {
            let rendered = DiagnosticFormatter(files: result.files, language: language).render(result.diagnostics)
            Support.assertGolden(rendered, "diagnostics/\(name).\(language.rawValue).txt")
            // Every diagnostic names its file:line:column with a relative path.
            #expect(!rendered.contains(repositoryRoot))
        }
    }

    @Test(arguments: inputs)
    func russianAndEnglishRenderTheSameDiagnostics(_ name: String) {
        let result = RuleDSL.compile(Self.files(name))
        let en = DiagnosticFormatter(files: result.files, language: .en)
        let ru = DiagnosticFormatter(files: result.files, language: .ru)
        for d in result.diagnostics {
            // Same place, different words.
            #expect(en.position(d.range) == ru.position(d.range))
            if d.template.en != d.template.ru { #expect(d.message(in: .en) != d.message(in: .ru), "\(d.code)") }
            #expect(!d.message(in: .ru).contains("{0}") && !d.message(in: .en).contains("{0}"), "\(d.code): unfilled placeholder")
        }
    }
}

/// The terminal rendering of one diagnostic: gutter, caret under the span (in scalars, keeping
/// tabs), suggestions, notes and the summary line.
@Suite struct DiagnosticFormatterTests {
    private func render(_ text: String, _ language: MessageLanguage = .en) -> String {
        let result = Support.compile(text)
        return DiagnosticFormatter(files: result.files, language: language).render(result.diagnostics)
    }

    @Test func caretsAreCountedInScalarsAndKeepTabs() {
        let text = "schema Работник {\n\tзарплата: money\n}\nindicator i on р: Работник\n\twhen р.зарплат > 1\n"
        #expect(render(text) == """
            error[E0209]: ‘Работник’ has no field ‘зарплат’
             --> t.rules:5:9
              |
            5 | \twhen р.зарплат > 1
              | \t       ^^^^^^^
               = help: did you mean ‘зарплата’?


            """)
    }

    @Test func aMissingTokenIsMarkedAtTheEndOfTheLine() {
        #expect(render("const c = 1 +\n") == """
            error[E0105]: expected an expression in this clause, found end of file
             --> t.rules:1:14
              |
            1 | const c = 1 +
              |              ^


            """)
    }

    @Test func notesAreRenderedWithTheirPlace() {
        let rendered = render("schema S {\n    a: int\n    a: int\n}\n")
        #expect(rendered == """
            error[E0208]: ‘a’ appears twice in S
             --> t.rules:3:5
              |
            3 |     a: int
              |     ^
            note: declared here
             --> t.rules:2:5
              |
            2 |     a: int
              |     ^


            """)
        #expect(render("schema S {\n    a: int\n    a: int\n}\n", .ru).contains("примечание: объявлено здесь\n"))
    }

    @Test func aSpanOverSeveralLinesIsMarkedToTheEndOfItsFirstLine() throws {
        let result = Support.compile("schema S {\n    n: int\n}\nindicator i on s: S\n    when s.n\n        + 1\n")
        let formatter = DiagnosticFormatter(files: result.files, language: .en)
        let d = try #require(result.diagnostics.first)
        #expect(d.code == "E0306")
        #expect(formatter.position(d.range) == "t.rules:5:10")
        #expect(formatter.render(d).hasSuffix("5 |     when s.n\n  |          ^^^\n"))
        #expect(formatter.position(.builtin) == "<built-in>")
        // A table row's span covers the row.
        let table = Support.compile("schema S {\n    n: int\n}\ntable t on s: S {\n    | s.n | => r: int |\n    | >= 1 | 1 |\n    | <= 1 | 2 |\n}\n")
        let overlap = try #require(table.diagnostics.first)
        #expect(DiagnosticFormatter(files: table.files, language: .en).render(overlap).contains("7 |     | <= 1 | 2 |\n  |     ^^^^^^^^^^^^\n"))
    }

    @Test func summaries() {
        let result = Support.compile("const c = x\nconst d = 1\n    unconfirmed \"a\"\nconst e = 1\n    unconfirmed \"b\"\n")
        #expect(DiagnosticFormatter(files: result.files, language: .en).summary(result.diagnostics) == "1 error, 2 warnings")
        #expect(DiagnosticFormatter(files: result.files, language: .ru).summary(result.diagnostics) == "ошибок: 1, предупреждений: 2")
        #expect(DiagnosticFormatter(files: [], language: .en).summary([]) == "0 errors, 0 warnings")
    }
}
