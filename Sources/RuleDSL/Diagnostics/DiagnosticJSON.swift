/// The JSON encoding of diagnostics, shared by `etalon check --format json` and the HTTP API.
public enum DiagnosticJSON {
    /// `{"diagnostics":[{code, severity, message, file, line, column, end_line, end_column, suggestion, notes}], "errors": n, "warnings": n}`
    public static func encode(_ diagnostics: [Diagnostic], files: [SourceFile], language: MessageLanguage) -> String {
        let items = diagnostics.map { d -> String in
            var members: [(String, String)] = [
                ("code", JSONWriter.quote(d.code)),
                ("severity", JSONWriter.quote(d.severity.rawValue)),
                ("message", JSONWriter.quote(d.message(in: language))),
            ]
            members += position(d.range, files)
            members.append(("suggestion", d.suggestion.map(JSONWriter.quote) ?? "null"))
            members.append(("notes", JSONWriter.array(d.notes.map { note in
                JSONWriter.object([("message", JSONWriter.quote(note.template.render(note.arguments, in: language)))]
                                  + (note.range.map { position($0, files) } ?? []))
            })))
            return JSONWriter.object(members)
        }
        let errors = diagnostics.filter { $0.severity == .error }.count
        let warnings = diagnostics.filter { $0.severity == .warning }.count
        return JSONWriter.object([("diagnostics", JSONWriter.array(items)), ("errors", String(errors)), ("warnings", String(warnings))])
    }

    static func position(_ range: SourceRange, _ files: [SourceFile]) -> [(String, String)] {
        guard range.file >= 0, Int(range.file) < files.count else { return [("file", "null")] }
        let file = files[Int(range.file)]
        let start = file.location(of: Int(range.start))
        let end = file.location(of: Int(range.end))
        return [("file", JSONWriter.quote(file.path)), ("line", String(start.line)), ("column", String(start.column)),
                ("end_line", String(end.line)), ("end_column", String(end.column))]
    }
}
