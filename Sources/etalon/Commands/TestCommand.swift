import Foundation
import RuleDSL

/// `etalon test PATH…`: run every `test` block and report like a test runner.
enum TestCommand: Command {
    static let name = "test"
    static let synopsis = "[--lang en|ru] [--format text|json] [--today DATE] PATH…"
    static let summary = "Run the test blocks of rule files."
    static let details = """
        Compiles the rules, evaluates each test's record as of its date and checks every expectation.
        Prints one line per test and the details of each failure; exits 1 if a test fails or the rules
        have errors. Tests without ‘as of’ run as of --today (default: the system date).
        """
    static let options = [CommonOptions.lang, CommonOptions.format,
                          OptionSpec(name: "today", value: "DATE", help: "The date for tests without ‘as of’.")]

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        let format = try arguments.choice("format", ["text", "json"], default: "text")
        let today = try arguments.date("today") ?? CivilDate.today()
        guard let result = try RuleLoading.compile(arguments.positional, context), let ruleSet = result.ruleSet else { return 1 }
        let started = Date()
        let results = TestRunner.run(ruleSet, today: today)
        let elapsed = Date().timeIntervalSince(started)
        let failed = results.filter { !$0.passed }
        if format == "json" {
            let items = results.map { r in
                JSONWriter.object([
                    ("title", JSONWriter.quote(r.title)), ("file", JSONWriter.quote(r.path)), ("line", String(r.line)),
                    ("as_of", JSONWriter.quote(r.asOf.description)), ("passed", r.passed ? "true" : "false"),
                    ("failures", JSONWriter.array(r.failures.map { f in
                        JSONWriter.object([("line", String(f.line)), ("expectation", JSONWriter.quote(f.expectation)),
                                           ("message", JSONWriter.quote(f.message))])
                    })),
                ])
            }
            context.stdout.line(JSONWriter.object([
                ("tests", JSONWriter.array(items)), ("passed", String(results.count - failed.count)), ("failed", String(failed.count)),
            ]))
            return failed.isEmpty ? 0 : 1
        }
        let ru = context.language == .ru
        for r in results {
            context.stdout.line("\(r.passed ? "ok  " : "FAIL") \(r.path):\(r.line)  \(r.title)")
            for f in r.failures {
                context.stdout.line("       \(r.path):\(f.line): \(f.expectation)")
                context.stdout.line("         \(f.message)")
            }
        }
        let seconds = String(format: "%.2f", elapsed)
        if ru {
            context.stdout.line("\nтестов: \(results.count), прошло: \(results.count - failed.count), упало: \(failed.count) (\(seconds) с)")
        } else {
            context.stdout.line("\n\(results.count) tests, \(results.count - failed.count) passed, \(failed.count) failed (\(seconds) s)")
        }
        return failed.isEmpty ? 0 : 1
    }
}
