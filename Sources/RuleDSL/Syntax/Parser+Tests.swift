/// `test "title" as of 2025-06-01 { given … expect … }`
extension Parser {
    mutating func parseTest() -> TestDecl? {
        guard let title = expectString(context: "test") else { return nil }
        var asOf: DateLiteral?
        if atWord("as"), peek().isWord("of") {
            advance()
            advance()
            asOf = expectDate(context: "as of")
        }
        var test = TestDecl(title: title, asOf: asOf, given: nil, expectations: [])
        guard expect(.leftBrace, context: "test") else { return test }
        let saved = clauseKeywords
        clauseKeywords = ["given", "expect"]
        defer { clauseKeywords = saved }
        while !at(.rightBrace), !at(.endOfFile), !atDeclarationStart {
            bailing = false
            let start = current.range
            if consumeWord("given") {
                if test.given != nil { report(Messages.duplicateClause, ["given"], at: start) }
                test.given = parseExpression()
            } else if consumeWord("expect") {
                if let kind = parseExpectation() {
                    test.expectations.append(Expectation(id: makeID(), kind: kind, range: start.union(previousRange)))
                }
            } else {
                report(Messages.unexpectedInBlock, [describe(current), "test"], at: current.range)
                skipToLineStart()
                continue
            }
            if !at(.rightBrace), !current.startsLine, !at(.endOfFile) {
                report(Messages.unexpectedInBlock, [describe(current), "test"], at: current.range)
                skipToLineStart()
            }
        }
        expect(.rightBrace, context: "test")
        if test.given == nil {
            report(Messages.missingClause, ["given", "test \(title.text)"], at: title.range)
        }
        return test
    }

    private mutating func parseExpectation() -> ExpectationKind? {
        if consumeWord("fired") {
            return parseQualifiedName(context: "expect fired").map(ExpectationKind.fired)
        }
        if atWord("not"), peek().isWord("fired") {
            advance()
            advance()
            return parseQualifiedName(context: "expect not fired").map(ExpectationKind.notFired)
        }
        if atWord("not"), peek().isWord("in"), peek(2).isWord("force") {
            advance()
            advance()
            advance()
            return parseQualifiedName(context: "expect not in force").map(ExpectationKind.notInForce)
        }
        if consumeWord("error") {
            return parseQualifiedName(context: "expect error").map(ExpectationKind.error)
        }
        if consumeWord("undetermined") {
            guard let name = parseQualifiedName(context: "expect undetermined") else { return nil }
            var missing: [QualifiedName] = []
            if consumeWord("missing") {
                repeat {
                    if let field = parseQualifiedName(context: "missing") { missing.append(field) }
                } while consume(.comma)
            }
            return .undetermined(name, missing: missing)
        }
        guard let name = parseQualifiedName(context: "expect") else { return nil }
        guard let op = comparisonOperator(current.kind).flatMap({ ComparisonOp(rawValue: $0.rawValue) }) else {
            reportExpected("‘==’ or another comparison", context: "expect \(name)")
            return nil
        }
        advance()
        return .compare(name, op, parseExpression())
    }
}

extension StringLiteral {
    /// The literal as written in source, for messages.
    var text: String { "\"\(value)\"" }
}
