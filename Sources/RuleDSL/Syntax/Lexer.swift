/// Turns a source file's UTF-8 bytes into tokens and comments. Hand-written over bytes for speed;
/// never fails: bad characters become `.invalid` tokens with a diagnostic, and lexing goes on.
struct Lexer {
    private let file: SourceFile
    private let bytes: [UInt8]
    /// The end of the text being lexed (the file's end, or a template hole's).
    private let limit: Int
    private var pos = 0
    private var sawLineBreak = true
    private(set) var tokens: [Token] = []
    private(set) var comments: [Comment] = []
    private(set) var diagnostics = DiagnosticSink()

    init(file: SourceFile, from start: Int = 0, to end: Int? = nil) {
        self.file = file
        // Lexing a slice (a template hole) sees only the bytes up to `end`.
        // A slice (a template hole) is lexed in place: `limit` stops it, the file's bytes are shared.
        self.bytes = file.bytes
        self.limit = end.map { min($0, file.bytes.count) } ?? file.bytes.count
        self.pos = start
        self.sawLineBreak = start == 0
    }

    /// Lexes the whole file. The token list always ends with `.endOfFile`.
    static func lex(_ file: SourceFile, from start: Int = 0, to end: Int? = nil)
        -> (tokens: [Token], comments: [Comment], diagnostics: [Diagnostic])
    {
        var lexer = Lexer(file: file, from: start, to: end)
        lexer.run()
        return (lexer.tokens, lexer.comments, lexer.diagnostics.diagnostics)
    }

    private mutating func run() {
        // Skip a UTF-8 byte-order mark.
        if pos == 0, limit >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { pos = 3 }
        while true {
            skipTrivia()
            guard pos < limit else { break }
            lexToken()
        }
        emit(.endOfFile, from: limit)
    }

    // MARK: - Trivia

    private mutating func skipTrivia() {
        while pos < limit {
            let b = bytes[pos]
            if b == 0x0A {
                sawLineBreak = true
                pos += 1
            } else if b == 0x20 || b == 0x09 || b == 0x0D {
                pos += 1
            } else if b == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "/") {
                let start = pos
                while pos < limit, bytes[pos] != 0x0A { pos += 1 }
                var end = pos
                if end > start, bytes[end - 1] == 0x0D { end -= 1 }
                let range = SourceRange(file: file.id, start: start, end: end)
                comments.append(Comment(range: range, text: file.text(of: range), isTrailing: !sawLineBreak))
            } else if b == 0xC2, peek(1) == 0xA0 {  // no-break space
                pos += 2
            } else {
                return
            }
        }
    }

    // MARK: - Tokens

    private mutating func lexToken() {
        let start = pos
        let b = bytes[pos]
        switch b {
        case UInt8(ascii: "0")...UInt8(ascii: "9"):
            lexNumberOrDate()
        case UInt8(ascii: "\""):
            lexString()
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "_"):
            lexIdentifier()
        case 0x80...:
            if let (scalar, _) = decodeScalar(at: pos), isIdentifierStart(scalar) {
                lexIdentifier()
            } else {
                let length = decodeScalar(at: pos)?.1 ?? 1
                pos += length
                invalid(from: start, Messages.unexpectedCharacter, [file.text(of: range(from: start))])
            }
        default:
            lexPunctuation(start: start, b)
        }
    }

    private mutating func lexPunctuation(start: Int, _ b: UInt8) {
        pos += 1
        let kind: TokenKind
        switch b {
        case UInt8(ascii: "("): kind = .leftParen
        case UInt8(ascii: ")"): kind = .rightParen
        case UInt8(ascii: "{"): kind = .leftBrace
        case UInt8(ascii: "}"): kind = .rightBrace
        case UInt8(ascii: "["): kind = .leftBracket
        case UInt8(ascii: "]"): kind = .rightBracket
        case UInt8(ascii: ","): kind = .comma
        case UInt8(ascii: ":"): kind = .colon
        case UInt8(ascii: "+"): kind = .plus
        case UInt8(ascii: "*"): kind = .star
        case UInt8(ascii: "/"): kind = .slash
        case UInt8(ascii: "|"): kind = .pipe
        case UInt8(ascii: "."):
            if match(".") { kind = match("<") ? .dotDotLess : .dotDot } else { kind = .dot }
        case UInt8(ascii: "-"):
            kind = match(">") ? .thinArrow : .minus
        case UInt8(ascii: "="):
            if match("=") { kind = .equal } else if match(">") { kind = .arrow } else { kind = .assign }
        case UInt8(ascii: "!"):
            if match("=") {
                kind = .notEqual
            } else {
                invalid(from: start, Messages.bangNotOperator, [])
                return
            }
        case UInt8(ascii: "<"):
            kind = match("=") ? .lessEqual : .less
        case UInt8(ascii: ">"):
            kind = match("=") ? .greaterEqual : .greater
        case UInt8(ascii: "?"):
            kind = match("?") ? .questionQuestion : .question
        default:
            invalid(from: start, Messages.unexpectedCharacter, [file.text(of: range(from: start))])
            return
        }
        emit(kind, from: start)
    }

    private mutating func lexIdentifier() {
        let start = pos
        while pos < limit {
            let b = bytes[pos]
            if isASCIIIdentifierByte(b) {
                pos += 1
            } else if b >= 0x80, let (scalar, length) = decodeScalar(at: pos), isIdentifierContinue(scalar) {
                pos += length
            } else {
                break
            }
        }
        emit(.identifier, from: start)
    }

    private mutating func lexNumberOrDate() {
        let start = pos
        let digits = countDigits(at: pos)
        // 2025-06-01 and 2025-06-01T09:00:00+03:00
        if digits == 4, peek(4) == UInt8(ascii: "-"), countDigits(at: pos + 5) == 2, peek(7) == UInt8(ascii: "-"),
            countDigits(at: pos + 8) == 2
        {
            pos += 10
            if peek(0) == UInt8(ascii: "T"), countDigits(at: pos + 1) == 2, peek(3) == UInt8(ascii: ":") {
                pos += 1
                lexClockTime()
                lexZoneSuffix()
                emit(.datetime, from: start)
            } else {
                emit(.date, from: start)
            }
            return
        }
        // 09:00 (time of day)
        if digits <= 2, peek(digits) == UInt8(ascii: ":"), countDigits(at: pos + digits + 1) == 2 {
            lexClockTime()
            emit(.timeOfDay, from: start)
            return
        }
        var kind = TokenKind.integer
        skipDigitsAndSeparators()
        if peek(0) == UInt8(ascii: "."), let next = peek(1), isDigit(next) {
            kind = .decimal
            pos += 1
            skipDigitsAndSeparators()
        }
        if peek(0) == UInt8(ascii: "%") {
            pos += 1
            kind = .percent
        }
        if let next = peek(0), isASCIIIdentifierByte(next) && !isDigit(next) {
            // 12abc: a number glued to a name. Report and take the whole run as one bad token.
            while let b = peek(0), isASCIIIdentifierByte(b) { pos += 1 }
            invalid(from: start, Messages.malformedNumber, [file.text(of: range(from: start))])
            return
        }
        emit(kind, from: start)
    }

    /// hh:mm or hh:mm:ss (the caller checked the first `hh:`).
    private mutating func lexClockTime() {
        pos += countDigits(at: pos) + 1
        pos += countDigits(at: pos)
        if peek(0) == UInt8(ascii: ":"), countDigits(at: pos + 1) == 2 { pos += 3 }
    }

    /// Z, +03:00, -05:00 and an optional [Area/City] after a date-time.
    private mutating func lexZoneSuffix() {
        if peek(0) == UInt8(ascii: "Z") {
            pos += 1
        } else if let sign = peek(0), sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-"),
            countDigits(at: pos + 1) == 2
        {
            pos += 3
            if peek(0) == UInt8(ascii: ":"), countDigits(at: pos + 1) == 2 { pos += 3 }
        }
        if peek(0) == UInt8(ascii: "[") {
            var end = pos + 1
            while end < limit, bytes[end] != UInt8(ascii: "]"), bytes[end] != 0x0A { end += 1 }
            if end < limit, bytes[end] == UInt8(ascii: "]") { pos = end + 1 }
        }
    }

    private mutating func lexString() {
        let start = pos
        pos += 1
        var value: [UInt8] = []
        var ok = true
        while true {
            guard pos < limit, bytes[pos] != 0x0A else {
                diagnostics.report(Messages.unterminatedString, [], at: range(from: start))
                emitString(from: start, value: nil)
                return
            }
            let b = bytes[pos]
            if b == UInt8(ascii: "\"") {
                pos += 1
                break
            }
            if b == UInt8(ascii: "\\") {
                let escapeStart = pos
                pos += 1
                guard pos < limit else { continue }
                let e = bytes[pos]
                pos += 1
                switch e {
                case UInt8(ascii: "\""): value.append(UInt8(ascii: "\""))
                case UInt8(ascii: "\\"): value.append(UInt8(ascii: "\\"))
                case UInt8(ascii: "n"): value.append(0x0A)
                case UInt8(ascii: "t"): value.append(0x09)
                default:
                    ok = false
                    diagnostics.report(
                        Messages.unknownEscape, [file.text(of: range(from: escapeStart))],
                        at: range(from: escapeStart))
                }
                continue
            }
            value.append(b)
            pos += 1
        }
        emitString(from: start, value: ok ? String(decoding: value, as: UTF8.self) : nil)
    }

    // MARK: - Helpers

    private func range(from start: Int) -> SourceRange { SourceRange(file: file.id, start: start, end: pos) }

    private mutating func emit(_ kind: TokenKind, from start: Int) {
        let r = SourceRange(file: file.id, start: start, end: pos)
        var token = Token(kind: kind, range: r, text: file.text(of: r), startsLine: sawLineBreak, stringValue: nil)
        token.atColumnOne = sawLineBreak && (start == 0 || bytes[start - 1] == 0x0A)
        tokens.append(token)
        sawLineBreak = false
    }

    private mutating func emitString(from start: Int, value: String?) {
        let r = SourceRange(file: file.id, start: start, end: pos)
        tokens.append(Token(kind: .string, range: r, text: file.text(of: r), startsLine: sawLineBreak, stringValue: value))
        sawLineBreak = false
    }

    private mutating func invalid(from start: Int, _ template: MessageTemplate, _ arguments: [String]) {
        diagnostics.report(template, arguments, at: range(from: start))
        emit(.invalid, from: start)
    }

    private func peek(_ offset: Int) -> UInt8? {
        let i = pos + offset
        return i < limit ? bytes[i] : nil
    }

    private mutating func match(_ c: Unicode.Scalar) -> Bool {
        if pos < limit, bytes[pos] == UInt8(c.value) {
            pos += 1
            return true
        }
        return false
    }

    private func countDigits(at index: Int) -> Int {
        var i = index
        while i < limit, isDigit(bytes[i]) { i += 1 }
        return i - index
    }

    private mutating func skipDigitsAndSeparators() {
        while let b = peek(0) {
            if isDigit(b) {
                pos += 1
            } else if b == UInt8(ascii: "_"), let next = peek(1), isDigit(next) {
                pos += 1
            } else {
                break
            }
        }
    }

    private func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    private func isASCIIIdentifierByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x5F
    }

    private func decodeScalar(at index: Int) -> (Unicode.Scalar, Int)? {
        var iterator = bytes[index..<limit].makeIterator()
        var decoder = UTF8()
        switch decoder.decode(&iterator) {
        case .scalarValue(let s): return (s, UTF8.width(s))
        default: return nil
        }
    }

    private func isIdentifierStart(_ s: Unicode.Scalar) -> Bool { s.properties.isAlphabetic }

    private func isIdentifierContinue(_ s: Unicode.Scalar) -> Bool {
        s.properties.isAlphabetic || s.properties.numericType != nil || s.properties.generalCategory == .nonspacingMark
    }
}
