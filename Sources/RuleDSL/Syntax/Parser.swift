/// A recursive-descent parser that recovers: it reports an error, resynchronises at the next clause,
/// line or declaration, and goes on, so one run reports every error in a file.
struct Parser {
    let file: SourceFile
    var tokens: [Token]
    var index = 0
    var diagnostics = DiagnosticSink()
    var nextID: NodeID
    /// Nesting depth of the expression being parsed (bounded so no later pass can exhaust the stack).
    var depth = 0
    /// Clause keywords of the declaration being parsed: at the start of a line they end an expression.
    var clauseKeywords: Set<String> = []
    /// Greater than zero while parsing a `{ … }` block of a declaration.
    var blockDepth = 0
    /// After the first declaration, `source` at the start of a line is a clause, not the file's basis.
    var sawDeclaration = false
    /// Set after "nested too deeply": the errors that unwinding would cause are not worth reporting.
    var bailing = false

    static let maximumDepth = 96

    /// Words that begin a top-level declaration when they start a line and are followed by a name or string.
    static let declarationKeywords: Set<String> = [
        "module", "import", "source", "schema", "enum", "const", "lookup", "indicator", "value", "score", "table",
        "calendar", "keywords", "sla", "test",
    ]

    /// Words that may never name a field or a variable.
    static let reservedWords: Set<String> = [
        "and", "or", "not", "true", "false", "if", "then", "else", "in", "is", "missing", "present", "with", "for",
        "where",
    ]

    init(file: SourceFile, tokens: [Token], firstID: NodeID) {
        self.file = file
        self.tokens = tokens
        self.nextID = firstID
    }

    /// Parses one file. Returns the syntax tree (always), the diagnostics, and the next free node id.
    static func parse(_ file: SourceFile, firstID: NodeID = 0) -> (FileSyntax, [Diagnostic], NodeID) {
        let lexed = Lexer.lex(file)
        var parser = Parser(file: file, tokens: lexed.tokens, firstID: firstID)
        parser.diagnostics.append(contentsOf: lexed.diagnostics)
        let syntax = parser.parseFile(comments: lexed.comments)
        return (syntax, parser.diagnostics.diagnostics, parser.nextID)
    }

    // MARK: - File

    mutating func parseFile(comments: [Comment]) -> FileSyntax {
        var syntax = FileSyntax(file: file, module: nil, imports: [], fileSource: nil, declarations: [], comments: comments)
        while !at(.endOfFile) {
            let token = current
            if token.kind == .identifier, Self.declarationKeywords.contains(token.text),
                !(sawDeclaration && ["source", "module", "import"].contains(token.text))
            {
                parseTopLevel(token.text, into: &syntax)
            } else {
                if token.kind != .invalid {
                    report(Messages.expectedDeclaration, [describe(token)], at: token.range)
                }
                advance()
                skipToDeclaration()
            }
        }
        return syntax
    }

    private mutating func parseTopLevel(_ keyword: String, into syntax: inout FileSyntax) {
        bailing = false
        let start = current.range
        switch keyword {
        case "module":
            advance()
            guard let name = parseQualifiedName(context: "module") else { return skipToDeclaration() }
            if let previous = syntax.module {
                report(Messages.duplicateModuleClause, [previous.description], at: name.range)
            } else if !syntax.declarations.isEmpty || !syntax.imports.isEmpty {
                report(Messages.moduleNotFirst, [], at: start.union(name.range))
                syntax.module = name
            } else {
                syntax.module = name
            }
        case "import":
            advance()
            guard let name = parseQualifiedName(context: "import") else { return skipToDeclaration() }
            syntax.imports.append(ImportDecl(name: name, range: start.union(name.range)))
        case "source":
            advance()
            guard let text = expectString(context: "source") else { return skipToDeclaration() }
            syntax.fileSource = text
        default:
            if let declaration = parseDeclaration(keyword) { syntax.declarations.append(declaration) }
        }
        expectEndOfLine()
    }

    private mutating func parseDeclaration(_ keyword: String) -> Declaration? {
        sawDeclaration = true
        let start = current.range
        advance()
        let id = makeID()
        let kind: DeclarationKind?
        switch keyword {
        case "schema": kind = parseSchema().map(DeclarationKind.schema)
        case "enum": kind = parseEnum().map(DeclarationKind.enumeration)
        case "const": kind = parseConst().map(DeclarationKind.constant)
        case "lookup": kind = parseLookup().map(DeclarationKind.lookup)
        case "indicator": kind = parseIndicator().map(DeclarationKind.indicator)
        case "value": kind = parseValue().map(DeclarationKind.value)
        case "score": kind = parseScore().map(DeclarationKind.score)
        case "table": kind = parseTable().map(DeclarationKind.table)
        case "test": kind = parseTest().map(DeclarationKind.test)
        case "calendar": kind = parseCalendar().map(DeclarationKind.calendar)
        case "keywords": kind = parseKeywords().map(DeclarationKind.keywords)
        case "sla": kind = parseSLA().map(DeclarationKind.sla)
        default: kind = nil
        }
        guard let kind else {
            skipToDeclaration()
            return nil
        }
        return Declaration(id: id, range: start.union(previousRange), kind: kind)
    }

    // MARK: - Cursor

    var current: Token { tokens[index] }
    var previousRange: SourceRange { index > 0 ? tokens[index - 1].range : tokens[0].range }

    func peek(_ offset: Int = 1) -> Token { tokens[min(index + offset, tokens.count - 1)] }

    mutating func advance() {
        if index < tokens.count - 1 { index += 1 }
    }

    func at(_ kind: TokenKind) -> Bool { current.kind == kind }
    func atWord(_ word: String) -> Bool { current.isWord(word) }

    mutating func consume(_ kind: TokenKind) -> Bool {
        if at(kind) {
            advance()
            return true
        }
        return false
    }

    mutating func consumeWord(_ word: String) -> Bool {
        if atWord(word) {
            advance()
            return true
        }
        return false
    }

    mutating func makeID() -> NodeID {
        defer { nextID += 1 }
        return nextID
    }

    mutating func report(_ template: MessageTemplate, _ arguments: [String], at range: SourceRange) {
        if bailing { return }
        if template == Messages.nestedTooDeeply { bailing = true }
        diagnostics.report(template, arguments, at: range)
    }

    /// Reports that `kind` was expected; consumes nothing (the token is treated as inserted).
    @discardableResult
    mutating func expect(_ kind: TokenKind, context: String) -> Bool {
        if consume(kind) { return true }
        reportExpected("‘\(kind.spelling)’", context: context)
        return false
    }

    mutating func reportExpected(_ what: String, context: String) {
        if current.kind == .invalid { return }  // the lexer already said why
        let range = current.kind == .endOfFile || current.startsLine ? previousRange.atEnd : current.range
        report(Messages.expectedToken, [what, context, describe(current)], at: range)
    }

    /// "name ‘foo’", "‘:’", "end of file" — how a token is named in messages.
    func describe(_ token: Token) -> String {
        switch token.kind {
        case .endOfFile: return TokenKind.endOfFile.spelling
        case .identifier: return "‘\(token.text)’"
        case .string: return "string \(token.text)"
        default: return "‘\(token.text)’"
        }
    }

    mutating func expectIdentifier(context: String) -> Identifier? {
        guard at(.identifier) else {
            reportExpected("a name", context: context)
            return nil
        }
        let token = current
        if Self.reservedWords.contains(token.text) {
            report(Messages.reservedWord, [token.text], at: token.range)
        }
        advance()
        return Identifier(name: token.text, range: token.range)
    }

    mutating func expectString(context: String) -> StringLiteral? {
        guard at(.string) else {
            reportExpected("a string in quotes", context: context)
            return nil
        }
        let token = current
        advance()
        return StringLiteral(value: token.stringValue ?? "", range: token.range)
    }

    mutating func optionalTitle() -> StringLiteral? {
        guard at(.string), !current.startsLine else { return nil }
        let token = current
        advance()
        return StringLiteral(value: token.stringValue ?? "", range: token.range)
    }

    mutating func parseQualifiedName(context: String) -> QualifiedName? {
        guard let first = expectIdentifier(context: context) else { return nil }
        var parts = [first]
        while at(.dot), peek().kind == .identifier {
            advance()
            parts.append(Identifier(name: current.text, range: current.range))
            advance()
        }
        return QualifiedName(parts: parts)
    }

    // MARK: - Recovery

    /// True when the current token starts a line and begins a top-level declaration.
    var atDeclarationStart: Bool {
        let token = current
        guard token.kind == .identifier, token.startsLine, Self.declarationKeywords.contains(token.text) else {
            return token.kind == .endOfFile
        }
        if sawDeclaration, token.text == "source" || token.text == "module" || token.text == "import" { return false }
        // Inside a block, an indented keyword is a clause (`calendar ru` in an sla), not a declaration.
        if blockDepth > 0, !token.atColumnOne { return false }
        let next = peek()
        return !next.startsLine && (next.kind == .identifier || next.kind == .string)
    }

    mutating func skipToDeclaration() {
        while !at(.endOfFile), !atDeclarationStart { advance() }
    }

    /// Skips the rest of the current line (to the next token that starts a line).
    mutating func skipToLineStart() {
        advance()
        while !at(.endOfFile), !current.startsLine { advance() }
    }

    /// Reports stray tokens left on a line that should have ended.
    mutating func expectEndOfLine() {
        guard !at(.endOfFile), !current.startsLine else { return }
        if current.kind != .invalid {
            report(Messages.unexpectedAfterDeclaration, [describe(current)], at: current.range)
        }
        skipToLineStart()
    }
}
