/// The rule language's entry points: parse, check and compile rule files.
public enum RuleDSL {
    /// The version of the language and of the `etalon` command.
    public static let version = "0.1.0"

    /// Parses one file: its syntax tree (always, with error nodes where parsing failed) and diagnostics.
    public static func parse(_ file: SourceFile) -> (FileSyntax, [Diagnostic]) {
        let (syntax, diagnostics, _) = Parser.parse(file)
        return (syntax, diagnostics)
    }

    /// Parses, checks and compiles a set of files (the modules of one rule set). Reports every
    /// diagnostic; returns a compiled rule set only when there are no errors.
    public static func compile(_ files: [SourceFile]) -> CompileResult {
        var syntax: [FileSyntax] = []
        var diagnostics: [Diagnostic] = []
        var nextID: NodeID = 0
        for file in files {
            let (tree, found, next) = Parser.parse(file, firstID: nextID)
            nextID = next
            syntax.append(tree)
            diagnostics += found
        }
        let (program, checked) = Checker.check(syntax)
        diagnostics += checked
        let hasErrors = diagnostics.contains { $0.severity == .error }
        let sorted = diagnostics.enumerated().sorted { a, b in
            let x = a.element.range
            let y = b.element.range
            if x.file != y.file { return x.file < y.file }
            if x.start != y.start { return x.start < y.start }
            return a.offset < b.offset
        }.map(\.element)
        return CompileResult(
            files: files, syntax: syntax, diagnostics: sorted,
            ruleSet: hasErrors ? nil : CompiledRuleSet(program: program))
    }
}

/// The outcome of compiling: all diagnostics, and the rule set when there were no errors.
public struct CompileResult: Sendable {
    public let files: [SourceFile]
    public let syntax: [FileSyntax]
    public let diagnostics: [Diagnostic]
    public let ruleSet: CompiledRuleSet?

    public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
}
