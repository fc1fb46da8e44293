import RuleDSL

/// `etalon functions`: the built-in functions, from the same table the checker and evaluator use.
enum FunctionsCommand: Command {
    static let name = "functions"
    static let synopsis = "[--lang en|ru] [--format text|markdown]"
    static let summary = "List the built-in functions of the rule language."
    static let details = "Prints every built-in function with its signatures and what it does."
    static let options = [CommonOptions.lang, OptionSpec(name: "format", value: "text|markdown", help: "Plain text (default) or a Markdown table.")]

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        let format = try arguments.choice("format", ["text", "markdown"], default: "text")
        let ru = context.language == .ru
        if format == "markdown" {
            context.stdout.line(ru ? "| функция | что делает |" : "| function | what it does |")
            context.stdout.line("|---|---|")
            for f in Builtins.all {
                let signatures = f.signatures.map { "`\($0)`" }.joined(separator: "<br>")
                context.stdout.line("| \(signatures) | \(ru ? f.ru : f.en) |")
            }
            return 0
        }
        for f in Builtins.all {
            for signature in f.signatures { context.stdout.line(signature) }
            context.stdout.line("    " + (ru ? f.ru : f.en))
        }
        return 0
    }
}
