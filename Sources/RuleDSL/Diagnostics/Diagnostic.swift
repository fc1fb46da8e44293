/// How serious a diagnostic is. Errors stop a rule set from being used; warnings do not.
public enum Severity: String, Sendable, Hashable, Codable {
    case error, warning, note
}

/// The language of user-facing messages.
public enum MessageLanguage: String, Sendable, Hashable, CaseIterable {
    case en, ru

    /// The language asked for by the environment (`ETALON_LANG`, then `LC_ALL`, `LC_MESSAGES`, `LANG`):
    /// Russian when the first one set starts with `ru`, English otherwise.
    public static func fromEnvironment(_ environment: [String: String]) -> MessageLanguage {
        for key in ["ETALON_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] {
            if let value = environment[key], !value.isEmpty {
                return value.lowercased().hasPrefix("ru") ? .ru : .en
            }
        }
        return .en
    }
}

/// A catalogue entry: a stable code, a severity and the text in both languages. `{0}`, `{1}` … are
/// replaced by the diagnostic's arguments.
public struct MessageTemplate: Sendable, Hashable {
    public let code: String
    public let severity: Severity
    public let en: String
    public let ru: String

    init(_ code: String, _ severity: Severity, en: String, ru: String) {
        self.code = code
        self.severity = severity
        self.en = en
        self.ru = ru
    }

    /// The template's text in `language` with its placeholders filled.
    public func render(_ arguments: [String], in language: MessageLanguage) -> String {
        let text = language == .ru ? ru : en
        // Replace {0}…{9}; a brace not followed by a digit and ‘}’ stays as written.
        var result = ""
        var scalars = Array(text.unicodeScalars)[...]
        while let c = scalars.first {
            if c == "{", scalars.count >= 3, let digit = scalars.dropFirst().first?.properties.numericType != nil
                ? Int(String(scalars[scalars.startIndex + 1])) : nil,
                scalars[scalars.startIndex + 2] == "}", digit < arguments.count
            {
                result += arguments[digit]
                scalars = scalars.dropFirst(3)
            } else {
                result.unicodeScalars.append(c)
                scalars = scalars.dropFirst()
            }
        }
        return result
    }
}

/// A replacement the user may apply: data, not code (a range and the new text).
public struct FixIt: Sendable, Hashable {
    public let range: SourceRange
    public let replacement: String
}

/// A secondary message attached to a diagnostic ("declared here"), optionally pointing somewhere.
public struct DiagnosticNote: Sendable, Hashable {
    public let template: MessageTemplate
    public let arguments: [String]
    public let range: SourceRange?
}

/// One finding of the compiler: what, where (a source range), why, and how to fix it.
public struct Diagnostic: Sendable, Hashable {
    public let template: MessageTemplate
    public let arguments: [String]
    public let range: SourceRange
    public var notes: [DiagnosticNote]
    public var fixIts: [FixIt]
    /// A likely intended name ("did you mean ‘avg_wage’?"); also offered as a fix-it replacing `range`.
    public var suggestion: String?

    public init(
        _ template: MessageTemplate, _ arguments: [String] = [], at range: SourceRange,
        notes: [DiagnosticNote] = [], fixIts: [FixIt] = [], suggestion: String? = nil
    ) {
        self.template = template
        self.arguments = arguments
        self.range = range
        self.notes = notes
        self.fixIts = fixIts
        self.suggestion = suggestion
        if let suggestion, fixIts.isEmpty { self.fixIts = [FixIt(range: range, replacement: suggestion)] }
    }

    public var code: String { template.code }
    public var severity: Severity { template.severity }

    /// The message in `language`.
    public func message(in language: MessageLanguage) -> String { template.render(arguments, in: language) }
}

/// Collects diagnostics for one compilation, in the order found.
struct DiagnosticSink {
    private(set) var diagnostics: [Diagnostic] = []
    private(set) var errorCount = 0

    mutating func report(_ diagnostic: Diagnostic) {
        if diagnostic.severity == .error { errorCount += 1 }
        diagnostics.append(diagnostic)
    }

    mutating func report(
        _ template: MessageTemplate, _ arguments: [String] = [], at range: SourceRange,
        notes: [DiagnosticNote] = [], fixIts: [FixIt] = [], suggestion: String? = nil
    ) {
        report(Diagnostic(template, arguments, at: range, notes: notes, fixIts: fixIts, suggestion: suggestion))
    }

    mutating func append(contentsOf other: [Diagnostic]) {
        for d in other { report(d) }
    }
}
