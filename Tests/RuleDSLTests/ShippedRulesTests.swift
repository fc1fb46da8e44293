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
    @Test(arguments: ["rules/rostrud", "examples/bench"])
    func shippedRulesCompileWithoutDiagnosticsAndPassTheirTests(path: String) throws {
        let result = try compileRepository([path])
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
