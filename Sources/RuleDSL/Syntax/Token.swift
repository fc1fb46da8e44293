/// The kinds of token the lexer produces. Keywords are contextual: the lexer emits `identifier`
/// and the parser decides, so a methodologist may still name a field `weight` or `source`.
public enum TokenKind: Sendable, Hashable {
    case identifier
    case integer          // 15000, 15_000
    case decimal          // 0.75
    case percent          // 50%, 12.5%
    case string           // "…" (the token text keeps the quotes; `Token.stringValue` decodes escapes)
    case date             // 2025-06-01
    case datetime         // 2025-06-01T09:00:00+03:00, …Z, …[Europe/Moscow]
    case timeOfDay        // 09:00
    case leftParen, rightParen, leftBrace, rightBrace, leftBracket, rightBracket
    case comma, colon, dot, dotDot, dotDotLess, arrow /* => */, thinArrow /* -> */
    case plus, minus, star, slash, pipe, question, questionQuestion, assign
    case equal, notEqual, less, lessEqual, greater, greaterEqual
    case endOfFile
    case invalid          // a character or malformed literal the lexer could not use (already diagnosed)
}

/// A token: its kind, its byte range, and whether a line break precedes it.
public struct Token: Sendable {
    public let kind: TokenKind
    public let range: SourceRange
    /// The exact source text of the token.
    public let text: String
    /// True when a line break (or the start of the file) separates this token from the previous one.
    public let startsLine: Bool
    /// True when the token starts its line with no indentation (column 1).
    public var atColumnOne: Bool = false
    /// The string content with escapes decoded (for `.string` tokens; `nil` otherwise or when malformed).
    public let stringValue: String?

    /// True for an identifier spelled exactly `word` (contextual keyword test).
    @inline(__always) public func isWord(_ word: String) -> Bool { kind == .identifier && text == word }
}

/// A `//` comment kept for the formatter.
public struct Comment: Sendable, Hashable {
    public let range: SourceRange
    /// The comment text including the leading `//`, without the line break.
    public let text: String
    /// True when code precedes the comment on its line (a trailing comment).
    public let isTrailing: Bool
}

extension TokenKind {
    /// How the token is spelled, for messages ("expected ‘:’").
    public var spelling: String {
        switch self {
        case .identifier: return "name"
        case .integer, .decimal, .percent: return "number"
        case .string: return "string"
        case .date: return "date"
        case .datetime: return "date-time"
        case .timeOfDay: return "time of day"
        case .leftParen: return "("
        case .rightParen: return ")"
        case .leftBrace: return "{"
        case .rightBrace: return "}"
        case .leftBracket: return "["
        case .rightBracket: return "]"
        case .comma: return ","
        case .colon: return ":"
        case .dot: return "."
        case .dotDot: return ".."
        case .dotDotLess: return "..<"
        case .arrow: return "=>"
        case .thinArrow: return "->"
        case .plus: return "+"
        case .minus: return "-"
        case .star: return "*"
        case .slash: return "/"
        case .pipe: return "|"
        case .question: return "?"
        case .questionQuestion: return "??"
        case .assign: return "="
        case .equal: return "=="
        case .notEqual: return "!="
        case .less: return "<"
        case .lessEqual: return "<="
        case .greater: return ">"
        case .greaterEqual: return ">="
        case .endOfFile: return "end of file"
        case .invalid: return "invalid token"
        }
    }
}
