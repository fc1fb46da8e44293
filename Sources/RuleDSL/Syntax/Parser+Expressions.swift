/// Expressions, by precedence from loosest to tightest:
/// `if`-`then`-`else`; `or`; `and`; `not`; comparisons, `in`, `is missing`; `??`; ranges `..` `..<`;
/// `+ -`; `* /`; unary `-`; postfix `.name`, calls, `Schema { … }`, `with { … }`; literals and names.
extension Parser {
    static let aggregateFunctions: Set<String> = ["count", "sum", "min", "max", "any", "all", "avg", "filter", "map"]

    mutating func parseExpression() -> Expr {
        guard enterNesting() else { return errorExpr() }
        defer { depth -= 1 }
        if atWord("if") {
            let start = current.range
            advance()
            let condition = parseExpression()
            guard consumeWord("then") else {
                reportExpected("‘then’", context: "if")
                return node(start, .error)
            }
            let thenBranch = parseExpression()
            guard consumeWord("else") else {
                reportExpected("‘else’", context: "if … then …")
                return node(start, .error)
            }
            let elseBranch = parseExpression()
            return node(start.union(elseBranch.range), .conditional(condition, thenBranch, elseBranch))
        }
        return parseOr()
    }

    /// `a ?? b` binds tighter than comparisons (`e.x ?? 0 > 5` compares the coalesced value).
    private mutating func parseCoalesce() -> Expr {
        let left = parseRange()
        guard at(.questionQuestion) else { return left }
        advance()
        guard enterNesting() else { return errorExpr() }
        defer { depth -= 1 }
        let right = parseCoalesce()
        return node(left.range.union(right.range), .binary(.coalesce, left, right))
    }

    private mutating func parseOr() -> Expr {
        var left = parseAnd()
        var chain = 0
        defer { depth -= chain }
        while atWord("or") {
            advance()
            guard enterNesting() else { return errorExpr() }
            chain += 1
            let right = parseAnd()
            left = node(left.range.union(right.range), .binary(.or, left, right))
        }
        return left
    }

    private mutating func parseAnd() -> Expr {
        var left = parseNot()
        var chain = 0
        defer { depth -= chain }
        while atWord("and") {
            advance()
            guard enterNesting() else { return errorExpr() }
            chain += 1
            let right = parseNot()
            left = node(left.range.union(right.range), .binary(.and, left, right))
        }
        return left
    }

    private mutating func parseNot() -> Expr {
        guard atWord("not") else { return parseComparison() }
        let start = current.range
        advance()
        guard enterNesting() else { return errorExpr() }
        defer { depth -= 1 }
        let operand = parseNot()
        return node(start.union(operand.range), .unary(.not, operand))
    }

    private mutating func parseComparison() -> Expr {
        let left = parseCoalesce()
        if let op = comparisonOperator(current.kind) {
            advance()
            let right = parseCoalesce()
            let result = node(left.range.union(right.range), .binary(op, left, right))
            if comparisonOperator(current.kind) != nil {
                report(Messages.chainedComparison, [], at: current.range)
            }
            return result
        }
        if atWord("in") || (atWord("not") && peek().isWord("in") && !current.startsLine) {
            let negated = atWord("not")
            if negated { advance() }
            advance()
            let right = parseCoalesce()
            return node(left.range.union(right.range), .membership(left, right, negated: negated))
        }
        if atWord("is") {
            advance()
            let negated = consumeWord("not")
            if atWord("missing") || atWord("present") {
                let isPresent = atWord("present")
                advance()
                return node(left.range.union(previousRange), .isMissing(left, negated: negated != isPresent))
            }
            reportExpected("‘missing’ or ‘present’", context: "is")
            return node(left.range, .error)
        }
        return left
    }

    private mutating func parseRange() -> Expr {
        let left = parseAdditive()
        guard at(.dotDot) || at(.dotDotLess) else { return left }
        let inclusive = at(.dotDot)
        advance()
        let right = parseAdditive()
        return node(left.range.union(right.range), .range(left, right, inclusiveUpper: inclusive))
    }

    private mutating func parseAdditive() -> Expr {
        var left = parseMultiplicative()
        var chain = 0
        defer { depth -= chain }
        while at(.plus) || at(.minus) {
            let op: BinaryOp = at(.plus) ? .add : .subtract
            advance()
            guard enterNesting() else { return errorExpr() }
            chain += 1
            let right = parseMultiplicative()
            left = node(left.range.union(right.range), .binary(op, left, right))
        }
        return left
    }

    private mutating func parseMultiplicative() -> Expr {
        var left = parseUnary()
        var chain = 0
        defer { depth -= chain }
        while at(.star) || at(.slash) {
            let op: BinaryOp = at(.star) ? .multiply : .divide
            advance()
            guard enterNesting() else { return errorExpr() }
            chain += 1
            let right = parseUnary()
            left = node(left.range.union(right.range), .binary(op, left, right))
        }
        return left
    }

    private mutating func parseUnary() -> Expr {
        guard at(.minus) else { return parsePostfix() }
        let start = current.range
        advance()
        guard enterNesting() else { return errorExpr() }
        defer { depth -= 1 }
        let operand = parseUnary()
        return node(start.union(operand.range), .unary(.negate, operand))
    }

    private mutating func parsePostfix() -> Expr {
        var base = parsePrimary()
        var chain = 0
        defer { depth -= chain }
        while !current.startsLine {
            guard enterNesting() else { return errorExpr() }
            chain += 1
            if at(.dot) {
                advance()
                guard let member = expectIdentifier(context: "‘.’") else { return node(base.range, .error) }
                base = node(base.range.union(member.range), .member(base, member))
            } else if at(.leftParen) {
                base = parseCall(callee: base)
            } else if at(.leftBrace), let name = base.dottedName {
                let fields = parseFieldInits(context: name.description)
                base = node(base.range.union(previousRange), .record(name, fields))
            } else if atWord("with"), peek().kind == .leftBrace {
                advance()
                let fields = parseFieldInits(context: "with")
                base = node(base.range.union(previousRange), .update(base, fields))
            } else {
                break
            }
        }
        return base
    }

    private mutating func parseCall(callee: Expr) -> Expr {
        advance()  // (
        var arguments: [Expr] = []
        let isAggregate = callee.dottedName.map { $0.parts.count == 1 && Self.aggregateFunctions.contains($0.parts[0].name) } ?? false
        while !at(.rightParen), !at(.endOfFile) {
            if isAggregate, arguments.isEmpty, at(.identifier), peek().isWord("in") {
                arguments.append(parseComprehension(projection: nil))
            } else {
                let argument = parseExpression()
                if isAggregate, arguments.isEmpty, atWord("for") {
                    advance()
                    arguments.append(parseComprehension(projection: argument))
                } else {
                    arguments.append(argument)
                }
            }
            if !consume(.comma) { break }
        }
        expect(.rightParen, context: "the arguments of \(callee.dottedName?.description ?? "the call")")
        return node(callee.range.union(previousRange), .call(callee, arguments))
    }

    /// `x in source [where condition]`, after an optional projection `expr for`.
    private mutating func parseComprehension(projection: Expr?) -> Expr {
        let start = projection?.range ?? current.range
        guard let variable = expectIdentifier(context: "a list expression") else { return node(start, .error) }
        guard consumeWord("in") else {
            reportExpected("‘in’", context: variable.name)
            return node(start, .error)
        }
        let source = parseRange()
        var filter: Expr?
        if consumeWord("where") { filter = parseExpression() }
        let comprehension = Comprehension(variable: variable, source: source, filter: filter, projection: projection)
        return node(start.union(previousRange), .comprehension(comprehension))
    }

    mutating func parseFieldInits(context: String) -> [FieldInit] {
        advance()  // {
        var fields: [FieldInit] = []
        while !at(.rightBrace), !at(.endOfFile) {
            if consume(.comma) { continue }
            let start = current.range
            guard let name = expectIdentifier(context: context) else {
                skipToLineStart()
                if atDeclarationStart { return fields }
                continue
            }
            guard expect(.colon, context: name.name) else {
                if !current.startsLine { skipToLineStart() }
                continue
            }
            let value = parseExpression()
            fields.append(FieldInit(name: name, value: value, range: start.union(value.range)))
            if !at(.comma), !at(.rightBrace), !current.startsLine {
                report(Messages.unexpectedInBlock, [describe(current), context], at: current.range)
                skipToLineStart()
            }
        }
        expect(.rightBrace, context: context)
        return fields
    }

    private mutating func parsePrimary() -> Expr {
        let token = current
        switch token.kind {
        case .integer, .decimal:
            advance()
            let literal = node(token.range, token.kind == .integer ? .integer(token.text) : .decimal(token.text))
            if at(.identifier), !current.startsLine, let _ = DurationUnit(word: current.text) {
                let unit = Identifier(name: current.text, range: current.range)
                advance()
                return node(token.range.union(unit.range), .duration(literal, unit))
            }
            // `12 work hours`, `30 work minutes`
            if atWord("work"), !current.startsLine, peek().kind == .identifier, !peek().startsLine,
                let unit = DurationUnit(word: "work" + peek().text), unit.isWorking
            {
                let start = current.range
                advance()
                let unitToken = current
                advance()
                let name = Identifier(name: "work" + (unit == .workhours ? "hours" : "minutes"), range: start.union(unitToken.range))
                return node(token.range.union(unitToken.range), .duration(literal, name))
            }
            return literal
        case .percent:
            advance()
            return node(token.range, .percent(token.text))
        case .string:
            advance()
            return node(token.range, .string(token.stringValue ?? ""))
        case .date:
            advance()
            return node(token.range, .date(token.text))
        case .datetime:
            advance()
            return node(token.range, .datetime(token.text))
        case .leftParen:
            advance()
            let inner = parseExpression()
            expect(.rightParen, context: "the parenthesised expression")
            return Expr(id: inner.id, range: token.range.union(previousRange), kind: inner.kind)
        case .leftBracket:
            advance()
            var elements: [Expr] = []
            while !at(.rightBracket), !at(.endOfFile) {
                elements.append(parseExpression())
                if !consume(.comma) { break }
            }
            expect(.rightBracket, context: "the list")
            return node(token.range.union(previousRange), .list(elements))
        case .identifier:
            if token.startsLine, clauseKeywords.contains(token.text) || atDeclarationStart {
                reportExpected("an expression", context: "this clause")
                return node(previousRange.atEnd, .error)
            }
            switch token.text {
            case "true", "false":
                advance()
                return node(token.range, .bool(token.text == "true"))
            case "missing":
                advance()
                return node(token.range, .missing)
            default:
                if Self.reservedWords.contains(token.text) {
                    reportExpected("an expression", context: "this clause")
                    return node(token.range.atEnd, .error)
                }
                advance()
                return node(token.range, .name(Identifier(name: token.text, range: token.range)))
            }
        case .invalid:
            advance()
            return node(token.range, .error)
        default:
            reportExpected("an expression", context: "this clause")
            return node(token.range.atEnd, .error)
        }
    }

    // MARK: - Templates

    /// A `because` string: text with `{expression}` holes; `{{` and `}}` stand for braces.
    mutating func parseTemplate(context: String) -> Template? {
        guard at(.string) else {
            reportExpected("a string in quotes", context: context)
            return nil
        }
        let token = current
        advance()
        let bytes = file.bytes
        let start = Int(token.range.start) + 1
        var end = Int(token.range.end)
        if end > start, bytes[end - 1] == UInt8(ascii: "\"") { end -= 1 }
        var parts: [TemplatePart] = []
        var text: [UInt8] = []
        var i = start
        func flush() {
            if !text.isEmpty {
                parts.append(.text(String(decoding: text, as: UTF8.self)))
                text.removeAll()
            }
        }
        while i < end {
            let b = bytes[i]
            if b == UInt8(ascii: "\\"), i + 1 < end {
                switch bytes[i + 1] {
                case UInt8(ascii: "n"): text.append(0x0A)
                case UInt8(ascii: "t"): text.append(0x09)
                default: text.append(bytes[i + 1])
                }
                i += 2
            } else if b == UInt8(ascii: "{"), i + 1 < end, bytes[i + 1] == UInt8(ascii: "{") {
                text.append(b)
                i += 2
            } else if b == UInt8(ascii: "}"), i + 1 < end, bytes[i + 1] == UInt8(ascii: "}") {
                text.append(b)
                i += 2
            } else if b == UInt8(ascii: "{") {
                var close = i + 1
                while close < end, bytes[close] != UInt8(ascii: "}") { close += 1 }
                guard close < end else {
                    report(Messages.unclosedTemplateHole, [], at: SourceRange(file: file.id, start: i, end: end))
                    break
                }
                flush()
                if let hole = parseHole(from: i + 1, to: close) { parts.append(.hole(hole)) }
                i = close + 1
            } else {
                text.append(b)
                i += 1
            }
        }
        flush()
        return Template(parts: parts, range: token.range)
    }

    /// Parses the expression inside one `{…}` of a template, with its real source positions.
    private mutating func parseHole(from start: Int, to end: Int) -> Expr? {
        let lexed = Lexer.lex(file, from: start, to: end)
        diagnostics.append(contentsOf: lexed.diagnostics)
        guard lexed.tokens.count > 1 else {
            report(Messages.emptyTemplateHole, [], at: SourceRange(file: file.id, start: start - 1, end: end + 1))
            return nil
        }
        var sub = Parser(file: file, tokens: lexed.tokens, firstID: nextID)
        let expr = sub.parseExpression()
        if !sub.at(.endOfFile) {
            sub.report(Messages.unexpectedInTemplate, [sub.describe(sub.current)], at: sub.current.range)
        }
        diagnostics.append(contentsOf: sub.diagnostics.diagnostics)
        nextID = sub.nextID
        return expr
    }

    // MARK: - Helpers

    mutating func node(_ range: SourceRange, _ kind: ExprKind) -> Expr {
        Expr(id: makeID(), range: range, kind: kind)
    }

    mutating func errorExpr() -> Expr {
        let range = current.range
        // Skip what cannot be parsed at this depth, up to the end of the line.
        while !at(.endOfFile), !current.startsLine || index == 0 { advance() }
        return node(range, .error)
    }

    /// Enters one more level of nesting; reports and refuses past `maximumDepth`.
    mutating func enterNesting() -> Bool {
        depth += 1
        if depth > Self.maximumDepth {
            depth -= 1
            report(Messages.nestedTooDeeply, [], at: current.range)
            return false
        }
        return true
    }

    func comparisonOperator(_ kind: TokenKind) -> BinaryOp? {
        switch kind {
        case .equal: return .equal
        case .notEqual: return .notEqual
        case .less: return .less
        case .lessEqual: return .lessEqual
        case .greater: return .greater
        case .greaterEqual: return .greaterEqual
        default: return nil
        }
    }
}
