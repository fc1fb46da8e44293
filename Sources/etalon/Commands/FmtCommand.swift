import Foundation
import RuleDSL

/// `etalon fmt [--check] PATH…`: canonical formatting, in place.
enum FmtCommand: Command {
    static let name = "fmt"
    static let synopsis = "[--check] PATH…"
    static let summary = "Format rule files canonically (keeps comments)."
    static let details = """
        Rewrites each file in the canonical layout: four-space indentation, aligned table columns,
        one clause per line, comments kept in place. Files with syntax errors are left untouched
        and reported. With --check nothing is written: the files that would change are listed and
        the exit code is 1 if there are any.
        """
    static let options = [OptionSpec(name: "check", value: nil, help: "Only report files that are not formatted."),
                          CommonOptions.lang]

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        guard !arguments.positional.isEmpty else { throw UsageError(message: "give at least one rules file or folder") }
        let files: [SourceFile]
        switch SourceLoader.load(arguments.positional) {
        case .failure(let error):
            context.error("error: " + error.message(in: context.language))
            return 1
        case .success(let loaded): files = loaded
        }
        var status: Int32 = 0
        let ru = context.language == .ru
        for file in files {
            let (syntax, diagnostics) = RuleDSL.parse(file)
            if diagnostics.contains(where: { $0.severity == .error }) {
                let formatter = DiagnosticFormatter(files: [SourceFile(id: 0, path: file.path, text: file.text)], language: context.language)
                context.error(formatter.render(diagnostics.map { d in
                    Diagnostic(d.template, d.arguments, at: SourceRange(file: 0, start: Int(d.range.start), end: Int(d.range.end)))
                }))
                context.error(ru ? "\(file.path): не отформатирован — сначала исправьте синтаксические ошибки"
                                 : "\(file.path): not formatted — fix the syntax errors first")
                status = 1
                continue
            }
            let formatted = Formatter.format(syntax)
            guard formatted != file.text else { continue }
            if arguments.has("check") {
                context.stdout.line(ru ? "требует форматирования: \(file.path)" : "would reformat \(file.path)")
                status = 1
            } else {
                do {
                    try formatted.write(toFile: file.path, atomically: true, encoding: .utf8)
                    context.stdout.line(ru ? "отформатирован: \(file.path)" : "formatted \(file.path)")
                } catch {
                    context.error("\(file.path): \(error.localizedDescription)")
                    status = 1
                }
            }
        }
        return status
    }
}
