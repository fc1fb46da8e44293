import Foundation
import Testing

@testable import RuleDSL

/// The repository root, found from this file's path (Tests/RuleDSLTests/…).
let repositoryRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

/// Compiles the files under the given repository paths, failing the test on load errors.
func compileRepository(_ paths: [String]) throws -> CompileResult {
    let files = try SourceLoader.load(paths.map { repositoryRoot + "/" + $0 }).get()
    return RuleDSL.compile(files)
}

@Suite struct ShippedRulesTests {
    @Test(arguments: ["rules/rostrud", "rules/ohs", "rules/kz", "rules/calendars rules/hr", "examples/bench"])
    func shippedRulesCompileWithoutDiagnosticsAndPassTheirTests(path: String) throws {
        let result = try compileRepository(path.split(separator: " ").map(String.init))
        let rendered = DiagnosticFormatter(files: result.files, language: .en).render(result.diagnostics)
        #expect(result.diagnostics.isEmpty, "\(rendered)")
        let ruleSet = try #require(result.ruleSet)
        let results = TestRunner.run(ruleSet, today: CivilDate(year: 2025, month: 6, day: 1)!)
        #expect(!results.isEmpty)
        for r in results where !r.passed {
            Issue.record("\(r.path):\(r.line) \(r.title): \(r.failures.map(\.message).joined(separator: "; "))")
        }
    }
}

@Suite struct ShippedCalendarTests {
    /// The Russian production calendar, as the language declares it, holds the official yearly totals.
    @Test func russianCalendarMatchesOfficialTotals() throws {
        let ruleSet = try #require(try compileRepository(["rules/calendars"]).ruleSet)
        let ru = try #require(ruleSet.calendar(named: "ru"))
        let official = [2023: (247, 1973), 2024: (248, 1979), 2025: (247, 1972), 2026: (247, 1972)]
        for (year, (days, hours)) in official {
            let first = CivilDate(year: year, month: 1, day: 1)!
            let last = CivilDate(year: year, month: 12, day: 31)!
            #expect(try ru.workdays(from: first, to: last) == days, "working days in \(year)")
            var seconds: Int64 = 0
            var day = first
            while day <= last {
                seconds += try ru.workingSeconds(on: day)
                day = day.adding(days: 1)!
            }
            #expect(seconds == Int64(hours) * 3600, "working hours in \(year)")
        }
        #expect(try ru.workdays(from: CivilDate(year: 2025, month: 1, day: 1)!, to: CivilDate(year: 2025, month: 1, day: 31)!) == 17)
        #expect(throws: CalendarError.self) { try ru.isWorkingDay(CivilDate(year: 2027, month: 1, day: 11)!) }
    }
}
