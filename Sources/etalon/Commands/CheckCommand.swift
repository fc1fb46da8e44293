import Foundation
import RuleDSL

/// `etalon check PATH…`: compile and report every diagnostic.
enum CheckCommand: Command {
    static let name = "check"
    static let synopsis = "[--lang en|ru] [--format text|json] PATH…"
    static let summary = "Check rule files: syntax, names, types, tables, versions."
    static let details = """
        Reads the .rules files (folders are searched recursively), reports every error and warning
        with its code, file:line:column and the source line, and exits 1 if there is an error.
        """
    static let options = [CommonOptions.lang, CommonOptions.format,
                          OptionSpec(name: "strict", value: nil, help: "Treat warnings as errors.")]

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        let format = try arguments.choice("format", ["text", "json"], default: "text")
        guard let result = try RuleLoading.compile(arguments.positional, context, quiet: format == "json") else { return 1 }
        let failed = !result.errors.isEmpty || (arguments.has("strict") && !result.warnings.isEmpty)
        if format == "json" {
            context.stdout.line(DiagnosticJSON.encode(result.diagnostics, files: result.files, language: context.language))
        } else if result.diagnostics.isEmpty {
            let rules = result.ruleSet.map { "\($0.ruleCount) rules" } ?? ""
            context.stdout.line(context.language == .ru
                ? "проверено файлов: \(result.files.count), ошибок нет (\(rules))"
                : "checked \(result.files.count) file\(result.files.count == 1 ? "" : "s"): no problems (\(rules))")
        }
        return failed ? 1 : 0
    }
}
