/// Data and rule declarations: schema, enum, const, lookup, indicator, value, score.
extension Parser {
    static let commonClauses: Set<String> = ["effective", "until", "source", "unconfirmed", "note"]

    // MARK: - Schema and enum

    mutating func parseSchema() -> SchemaDecl? {
        guard let name = expectIdentifier(context: "schema") else { return nil }
        let title = optionalTitle()
        var fields: [FieldDecl] = []
        guard expect(.leftBrace, context: "schema \(name.name)") else { return SchemaDecl(name: name, title: title, fields: []) }
        while !at(.rightBrace), !at(.endOfFile), !atDeclarationStart {
            if consume(.comma) { continue }
            let start = current.range
            guard let fieldName = expectIdentifier(context: "schema \(name.name)") else {
                skipToLineStart()
                continue
            }
            guard expect(.colon, context: "field \(fieldName.name)"), let type = parseType(context: "field \(fieldName.name)")
            else {
                if !current.startsLine { skipToLineStart() }
                continue
            }
            var allowed: Expr?
            if !current.startsLine, consumeWord("in") { allowed = parseExpression() }
            let fieldTitle = optionalTitle()
            fields.append(FieldDecl(id: makeID(), name: fieldName, type: type, allowed: allowed, title: fieldTitle, range: start.union(previousRange)))
            if !at(.rightBrace), !at(.comma), !current.startsLine {
                report(Messages.unexpectedInBlock, [describe(current), "schema \(name.name)"], at: current.range)
                skipToLineStart()
            }
        }
        expect(.rightBrace, context: "schema \(name.name)")
        return SchemaDecl(name: name, title: title, fields: fields)
    }

    mutating func parseEnum() -> EnumDecl? {
        guard let name = expectIdentifier(context: "enum") else { return nil }
        let title = optionalTitle()
        var cases: [EnumCaseDecl] = []
        guard expect(.leftBrace, context: "enum \(name.name)") else { return EnumDecl(name: name, title: title, cases: []) }
        while !at(.rightBrace), !at(.endOfFile), !atDeclarationStart {
            if consume(.comma) { continue }
            let start = current.range
            guard let caseName = expectIdentifier(context: "enum \(name.name)") else {
                skipToLineStart()
                continue
            }
            let caseTitle = optionalTitle()
            cases.append(EnumCaseDecl(name: caseName, title: caseTitle, range: start.union(previousRange)))
            if !at(.rightBrace), !at(.comma), !current.startsLine {
                report(Messages.unexpectedInBlock, [describe(current), "enum \(name.name)"], at: current.range)
                skipToLineStart()
            }
        }
        expect(.rightBrace, context: "enum \(name.name)")
        return EnumDecl(name: name, title: title, cases: cases)
    }

    // MARK: - Types

    /// `int`, `money?`, `list of Worker`, `(list of int)?`
    mutating func parseType(context: String) -> TypeSyntax? {
        let start = current.range
        var type: TypeSyntax
        if consume(.leftParen) {
            depth += 1
            defer { depth -= 1 }
            guard depth < Self.maximumDepth else {
                report(Messages.nestedTooDeeply, [], at: current.range)
                return nil
            }
            guard let inner = parseType(context: context) else { return nil }
            expect(.rightParen, context: context)
            type = inner
        } else if atWord("list"), peek().isWord("of") {
            advance()
            advance()
            depth += 1
            defer { depth -= 1 }
            guard depth < Self.maximumDepth else {
                report(Messages.nestedTooDeeply, [], at: current.range)
                return nil
            }
            guard let element = parseType(context: context) else { return nil }
            type = .list(element, start.union(previousRange))
        } else {
            guard let name = parseQualifiedName(context: context) else { return nil }
            type = .named(name)
        }
        while at(.question), !current.startsLine {
            advance()
            type = .optional(type, start.union(previousRange))
        }
        return type
    }

    // MARK: - Rule headers and clauses

    /// `name ["title"] [on v: Schema]`
    mutating func parseRuleHeader(context: String, subject: Bool) -> RuleHeader? {
        guard let name = expectIdentifier(context: context) else { return nil }
        var header = RuleHeader(name: name)
        header.title = optionalTitle()
        if subject {
            if atWord("on") {
                let start = current.range
                advance()
                if let variable = expectIdentifier(context: "\(context) \(name.name) on"),
                    expect(.colon, context: "on \(variable.name)"),
                    let schema = parseQualifiedName(context: "on \(variable.name):")
                {
                    header.subject = SubjectBinding(variable: variable, schema: schema, range: start.union(previousRange))
                }
            } else {
                reportExpected("‘on name: Schema’ (the record this rule is about)", context: "\(context) \(name.name)")
            }
        }
        return header
    }

    /// Parses a clause every rule declaration accepts; false if the current word is not one.
    mutating func parseCommonClause(_ header: inout RuleHeader) -> Bool {
        let start = current.range
        if consumeWord("effective") {
            var from: DateLiteral?
            var until: DateLiteral?
            if atWord("until") {
                advance()
                until = expectDate(context: "effective until")
            } else {
                from = expectDate(context: "effective")
                if consumeWord("until") { until = expectDate(context: "until") }
            }
            if header.effective != nil { report(Messages.duplicateClause, ["effective"], at: start) }
            header.effective = EffectiveRange(from: from, until: until, range: start.union(previousRange))
            return true
        }
        if consumeWord("until") {
            let until = expectDate(context: "until")
            if let existing = header.effective, existing.until == nil {
                header.effective = EffectiveRange(from: existing.from, until: until, range: existing.range.union(previousRange))
            } else if header.effective != nil {
                report(Messages.duplicateClause, ["until"], at: start)
            } else {
                header.effective = EffectiveRange(from: nil, until: until, range: start.union(previousRange))
            }
            return true
        }
        if consumeWord("source") {
            if let text = expectString(context: "source") { header.sources.append(text) }
            while consume(.comma) {
                if let text = expectString(context: "source") { header.sources.append(text) }
            }
            return true
        }
        if consumeWord("unconfirmed") {
            // Several reasons may be given; they are kept together, in order.
            guard let text = expectString(context: "unconfirmed") else { return true }
            if let existing = header.unconfirmed {
                header.unconfirmed = StringLiteral(value: existing.value + "; " + text.value, range: existing.range)
            } else {
                header.unconfirmed = text
            }
            return true
        }
        if consumeWord("note") {
            if let text = expectString(context: "note") { header.notes.append(text) }
            return true
        }
        return false
    }

    mutating func expectDate(context: String) -> DateLiteral? {
        guard at(.date) else {
            reportExpected("a date (YYYY-MM-DD)", context: context)
            return nil
        }
        let token = current
        advance()
        return DateLiteral(text: token.text, range: token.range)
    }

    /// Runs the clause loop of a clause-style declaration until the next declaration.
    /// `handle` parses one declaration-specific clause and returns false if the word is not its own.
    mutating func parseClauses(
        _ header: inout RuleHeader, kind: String, keywords: Set<String>,
        _ handle: (inout Parser, String, SourceRange) -> Bool
    ) {
        let saved = clauseKeywords
        clauseKeywords = keywords.union(Self.commonClauses)
        defer { clauseKeywords = saved }
        while !at(.endOfFile), !atDeclarationStart {
            bailing = false
            let token = current
            if token.kind == .identifier {
                if parseCommonClause(&header) { continue }
                if keywords.contains(token.text) {
                    advance()
                    if handle(&self, token.text, token.range) { continue }
                }
            }
            if token.kind != .invalid {
                let expected = (keywords.sorted() + Self.commonClauses.sorted()).joined(separator: ", ")
                report(Messages.unexpectedClause, [describe(token), "\(kind) \(header.name.name)", expected], at: token.range)
            }
            skipToLineStart()
        }
    }

    // MARK: - Declarations

    mutating func parseConst() -> ConstDecl? {
        guard var header = parseRuleHeader(context: "const", subject: false) else { return nil }
        var type: TypeSyntax?
        if consume(.colon) { type = parseType(context: "const \(header.name.name)") }
        guard expect(.assign, context: "const \(header.name.name)") else { return nil }
        let value = withClauseStops(["effective", "until", "source", "unconfirmed", "note"]) { $0.parseExpression() }
        parseClauses(&header, kind: "const", keywords: []) { _, _, _ in false }
        return ConstDecl(header: header, type: type, value: value)
    }

    mutating func parseValue() -> ValueDecl? {
        guard var header = parseRuleHeader(context: "value", subject: true) else { return nil }
        var type: TypeSyntax?
        if consume(.colon) { type = parseType(context: "value \(header.name.name)") }
        // Clauses may come before or after `= expression`.
        parseBlockPrelude(&header, kind: "value", stop: .assign)
        var value: Expr?
        if consume(.assign) {
            value = withClauseStops(Self.commonClauses) { $0.parseExpression() }
            parseClauses(&header, kind: "value", keywords: []) { _, _, _ in false }
        } else {
            reportExpected("‘= expression’", context: "value \(header.name.name)")
        }
        return ValueDecl(header: header, type: type, value: value)
    }

    mutating func parseIndicator() -> IndicatorDecl? {
        guard let header = parseRuleHeader(context: "indicator", subject: true) else { return nil }
        var decl = IndicatorDecl(header: header, condition: nil, weight: nil, because: nil)
        var header2 = header
        parseClauses(&header2, kind: "indicator", keywords: ["when", "weight", "because"]) { parser, word, range in
            switch word {
            case "when":
                if decl.condition != nil { parser.report(Messages.duplicateClause, ["when"], at: range) }
                decl.condition = parser.parseExpression()
            case "weight":
                if decl.weight != nil { parser.report(Messages.duplicateClause, ["weight"], at: range) }
                decl.weight = parser.parseExpression()
            default:
                if decl.because != nil { parser.report(Messages.duplicateClause, ["because"], at: range) }
                decl.because = parser.parseTemplate(context: "because")
            }
            return true
        }
        decl.header = header2
        if decl.condition == nil {
            report(Messages.missingClause, ["when", "indicator \(header.name.name)"], at: header.name.range)
        }
        return decl
    }

    mutating func parseScore() -> ScoreDecl? {
        guard var header = parseRuleHeader(context: "score", subject: true) else { return nil }
        parseBlockPrelude(&header, kind: "score")
        var members: [QualifiedName] = []
        var includesAll = false
        guard expect(.leftBrace, context: "score \(header.name.name)") else {
            return ScoreDecl(header: header, members: [], includesAll: false)
        }
        while !at(.rightBrace), !at(.endOfFile), !atDeclarationStart {
            if consume(.comma) { continue }
            if atWord("all"), peek().kind == .rightBrace || peek().kind == .comma || peek().startsLine {
                includesAll = true
                advance()
                continue
            }
            if let name = parseQualifiedName(context: "score \(header.name.name)") {
                members.append(name)
            } else {
                skipToLineStart()
            }
        }
        expect(.rightBrace, context: "score \(header.name.name)")
        return ScoreDecl(header: header, members: members, includesAll: includesAll)
    }

    mutating func parseLookup() -> LookupDecl? {
        guard var header = parseRuleHeader(context: "lookup", subject: false) else { return nil }
        let context = "lookup \(header.name.name)"
        guard expect(.colon, context: context), let keyType = parseType(context: context),
            expect(.thinArrow, context: context), let valueType = parseType(context: context)
        else {
            skipToDeclaration()
            return nil
        }
        parseBlockPrelude(&header, kind: "lookup")
        var decl = LookupDecl(header: header, keyType: keyType, valueType: valueType, entries: [], otherwise: nil)
        guard expect(.leftBrace, context: context) else { return decl }
        while !at(.rightBrace), !at(.endOfFile), !atDeclarationStart {
            if consume(.comma) { continue }
            let start = current.range
            if atWord("else"), peek().kind == .arrow {
                advance()
                advance()
                let value = parseExpression()
                if decl.otherwise != nil { report(Messages.duplicateClause, ["else"], at: start) }
                decl.otherwise = value
                continue
            }
            var keys = [parseExpression()]
            while consume(.comma) { keys.append(parseExpression()) }
            guard expect(.arrow, context: context) else {
                skipToLineStart()
                continue
            }
            let value = parseExpression()
            decl.entries.append(LookupEntry(keys: keys, value: value, range: start.union(previousRange)))
            if !at(.rightBrace), !current.startsLine, !at(.comma) {
                report(Messages.unexpectedInBlock, [describe(current), context], at: current.range)
                skipToLineStart()
            }
        }
        expect(.rightBrace, context: context)
        return decl
    }

    /// Clauses written between a block declaration's header and its `{`.
    mutating func parseBlockPrelude(
        _ header: inout RuleHeader, kind: String, stop: TokenKind = .leftBrace, extra: ((inout Parser) -> Bool)? = nil
    ) {
        while !at(stop), !at(.endOfFile), !atDeclarationStart {
            if parseCommonClause(&header) { continue }
            if let extra, extra(&self) { continue }
            if current.kind != .invalid {
                report(Messages.unexpectedClause, [describe(current), "\(kind) \(header.name.name)", "effective, until, source, unconfirmed, note, \(stop.spelling)"], at: current.range)
            }
            advance()
            if current.startsLine && !at(stop) { break }
        }
    }

    /// Parses with extra words that end an expression at the start of a line.
    mutating func withClauseStops<T>(_ words: Set<String>, _ body: (inout Parser) -> T) -> T {
        let saved = clauseKeywords
        clauseKeywords.formUnion(words)
        defer { clauseKeywords = saved }
        return body(&self)
    }
}
