/// Decision tables: `table name "title" on e: T hit first { | inputs | => outputs | … }`.
extension Parser {
    mutating func parseTable() -> TableDecl? {
        guard var header = parseRuleHeader(context: "table", subject: true) else { return nil }
        var policy = HitPolicy.unique
        var policyRange: SourceRange?
        parseBlockPrelude(&header, kind: "table") { parser in
            guard parser.atWord("hit") else { return false }
            let start = parser.current.range
            parser.advance()
            if let parsed = parser.parseHitPolicy() {
                if policyRange != nil { parser.report(Messages.duplicateClause, ["hit"], at: start) }
                policy = parsed
                policyRange = start.union(parser.previousRange)
            }
            return true
        }
        let context = "table \(header.name.name)"
        var table = TableDecl(header: header, hitPolicy: policy, hitPolicyRange: policyRange, inputs: [], outputs: [], rows: [])
        guard expect(.leftBrace, context: context) else { return table }
        var sawHeader = false
        while !at(.rightBrace), !at(.endOfFile), !atDeclarationStart {
            guard at(.pipe) else {
                report(Messages.expectedTableRow, [describe(current), context], at: current.range)
                skipToLineStart()
                continue
            }
            if !sawHeader {
                sawHeader = true
                parseTableHeader(into: &table, context: context)
            } else if let row = parseTableRow(table, context: context) {
                table.rows.append(row)
            }
        }
        expect(.rightBrace, context: context)
        return table
    }

    private mutating func parseHitPolicy() -> HitPolicy? {
        guard at(.identifier) else {
            reportExpected("a hit policy (unique, first, priority, any, collect)", context: "hit")
            return nil
        }
        let word = current.text
        let range = current.range
        advance()
        if word == "collect", at(.identifier), !current.startsLine,
            let aggregated = HitPolicy(rawValue: "collect \(current.text)")
        {
            advance()
            return aggregated
        }
        guard let policy = HitPolicy(rawValue: word), !word.contains(" ") else {
            report(Messages.unknownHitPolicy, [word], at: range)
            return nil
        }
        return policy
    }

    /// `| input | input | => name: type "title" | name |`
    private mutating func parseTableHeader(into table: inout TableDecl, context: String) {
        advance()  // |
        var inOutputs = false
        while !at(.endOfFile), !current.startsLine {
            let start = current.range
            if consume(.arrow) { inOutputs = true }
            if inOutputs {
                guard let name = expectIdentifier(context: "the output column of \(context)") else {
                    skipToLineStart()
                    return
                }
                var type: TypeSyntax?
                if consume(.colon) { type = parseType(context: "output \(name.name)") }
                let title = optionalTitle()
                table.outputs.append(TableOutput(name: name, type: type, title: title, range: start.union(previousRange)))
            } else {
                let expr = parseExpression()
                table.inputs.append(TableInput(expr: expr, range: start.union(previousRange)))
            }
            guard consume(.pipe) else {
                if !current.startsLine {
                    reportExpected("‘|’", context: "the table header")
                    skipToLineStart()
                }
                return
            }
        }
        if table.outputs.isEmpty {
            report(Messages.tableWithoutOutputs, [context], at: table.header.name.range)
        }
    }

    private mutating func parseTableRow(_ table: TableDecl, context: String) -> TableRow? {
        let start = current.range
        advance()  // |
        var inputs: [Cell] = []
        var outputs: [Expr?] = []
        var column = 0
        while !at(.endOfFile), !current.startsLine {
            if column < table.inputs.count {
                inputs.append(parseCell())
            } else {
                _ = consume(.arrow)
                if at(.minus), peek().kind == .pipe {
                    advance()
                    outputs.append(nil)
                } else {
                    outputs.append(parseExpression())
                }
            }
            column += 1
            guard consume(.pipe) else {
                if !current.startsLine {
                    reportExpected("‘|’", context: "the table row")
                    skipToLineStart()
                }
                break
            }
        }
        let range = start.union(previousRange)
        let expected = table.inputs.count + table.outputs.count
        if column != expected {
            report(Messages.tableRowWidth, [String(column), String(expected)], at: range)
            return nil
        }
        return TableRow(id: makeID(), inputs: inputs, outputs: outputs, range: range)
    }

    /// An input cell: `-`, `missing`, `present`, `not a, b`, `>= x`, `a..<b`, `a, b`.
    private mutating func parseCell() -> Cell {
        let start = current.range
        let id = makeID()
        if at(.minus), peek().kind == .pipe {
            advance()
            return Cell(id: id, kind: .any, range: start)
        }
        if (atWord("missing") || atWord("present")), peek().kind == .pipe {
            let isMissing = atWord("missing")
            advance()
            return Cell(id: id, kind: isMissing ? .missing : .present, range: start)
        }
        if let op = cellComparison(current.kind) {
            advance()
            let value = parseExpression()
            return Cell(id: id, kind: .comparison(op, value), range: start.union(previousRange))
        }
        let negated = consumeWord("not")
        var values = [parseExpression()]
        while consume(.comma) { values.append(parseExpression()) }
        let range = start.union(previousRange)
        if !negated, values.count == 1, case .range(let lo, let hi, let inclusive) = values[0].kind {
            return Cell(id: id, kind: .range(lo, hi, inclusiveUpper: inclusive), range: range)
        }
        return Cell(id: id, kind: negated ? .noneOf(values) : .oneOf(values), range: range)
    }

    private func cellComparison(_ kind: TokenKind) -> ComparisonOp? {
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
