/// Renders diagnostics for a terminal: severity and code, message, file:line:column, the source line
/// with carets under the span, the suggestion and the notes — in English or Russian.
public struct DiagnosticFormatter: Sendable {
    public let files: [SourceFile]
    public let language: MessageLanguage

    public init(files: [SourceFile], language: MessageLanguage) {
        self.files = files
        self.language = language
    }

    /// All diagnostics, each followed by a blank line, then a summary line.
    public func render(_ diagnostics: [Diagnostic]) -> String {
        var out = ""
        for d in diagnostics { out += render(d) + "\n" }
        return out
    }

    public func render(_ d: Diagnostic) -> String {
        var out = "\(severityWord(d.severity))[\(d.code)]: \(d.message(in: language))\n"
        out += snippet(d.range)
        if let suggestion = d.suggestion {
            out += language == .ru
                ? "   = подсказка: возможно, имелось в виду «\(suggestion)»?\n"
                : "   = help: did you mean ‘\(suggestion)’?\n"
        }
        for note in d.notes {
            out += "\(severityWord(.note)): \(note.template.render(note.arguments, in: language))\n"
            if let range = note.range { out += snippet(range) }
        }
        return out
    }

    /// `file:line:column` of a range's start.
    public func position(_ range: SourceRange) -> String {
        guard let file = file(range) else { return "<built-in>" }
        let location = file.location(of: Int(range.start))
        return "\(file.path):\(location.line):\(location.column)"
    }

    func file(_ range: SourceRange) -> SourceFile? {
        guard range.file >= 0, Int(range.file) < files.count else { return nil }
        return files[Int(range.file)]
    }

    private func snippet(_ range: SourceRange) -> String {
        guard let file = file(range) else { return "" }
        let start = file.location(of: Int(range.start))
        let end = file.location(of: Int(range.end))
        let lineNumber = String(start.line)
        let gutter = String(repeating: " ", count: lineNumber.count)
        let text = file.lineText(start.line)
        let width = text.unicodeScalars.count
        let caretStart = min(start.column, width + 1)
        let caretEnd = end.line == start.line ? max(end.column, caretStart + 1) : width + 1
        let carets = String(repeating: "^", count: max(1, min(caretEnd, width + 1) - caretStart))
        var indent = ""
        // Keep tabs in the indentation so the carets line up.
        for (i, scalar) in text.unicodeScalars.enumerated() where i < caretStart - 1 { indent += scalar == "\t" ? "\t" : " " }
        return "\(gutter)--> \(file.path):\(start.line):\(start.column)\n"
            + "\(gutter) |\n"
            + "\(lineNumber) | \(text)\n"
            + "\(gutter) | \(indent)\(carets)\n"
    }

    private func severityWord(_ severity: Severity) -> String {
        switch (severity, language) {
        case (.error, .en): return "error"
        case (.warning, .en): return "warning"
        case (.note, .en): return "note"
        case (.error, .ru): return "ошибка"
        case (.warning, .ru): return "предупреждение"
        case (.note, .ru): return "примечание"
        }
    }

    /// "2 errors, 1 warning" / "ошибок: 2, предупреждений: 1".
    public func summary(_ diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        if language == .ru { return "ошибок: \(errors), предупреждений: \(warnings)" }
        return "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    }
}
