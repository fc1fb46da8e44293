import Foundation
import RuleDSL

/// Loading and compiling rule paths for a command, printing diagnostics the same way everywhere.
enum RuleLoading {
    /// Loads and compiles; prints diagnostics (text to stderr, or nothing when `quiet`).
    /// Returns nil (after printing why) when the files cannot be read or have errors.
    static func compile(_ paths: [String], _ context: CommandContext, quiet: Bool = false) throws -> CompileResult? {
        guard !paths.isEmpty else { throw UsageError(message: "give at least one rules file or folder") }
        let files: [SourceFile]
        switch SourceLoader.load(paths) {
        case .failure(let error):
            context.error("error: " + error.message(in: context.language))
            return nil
        case .success(let loaded):
            files = loaded
        }
        let result = RuleDSL.compile(files)
        if !quiet, !result.diagnostics.isEmpty {
            let formatter = DiagnosticFormatter(files: files, language: context.language)
            context.error(formatter.render(result.diagnostics) + formatter.summary(result.diagnostics))
        }
        return result
    }
}
