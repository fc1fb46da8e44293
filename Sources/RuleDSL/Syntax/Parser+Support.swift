/// Support-desk declarations: keyword sets and SLAs.
extension Parser {
    mutating func parseKeywords() -> KeywordsDecl? {
        guard var header = parseRuleHeader(context: "keywords", subject: false) else { return nil }
        parseBlockPrelude(&header, kind: "keywords")
        var decl = KeywordsDecl(header: header, phrases: [])
        guard expect(.leftBrace, context: "keywords \(header.name.name)") else { return decl }
        while !at(.rightBrace), !at(.endOfFile), !atDeclarationStart {
            if consume(.comma) { continue }
            if let phrase = expectString(context: "keywords \(header.name.name)") {
                decl.phrases.append(phrase)
            } else {
                skipToLineStart()
            }
        }
        expect(.rightBrace, context: "keywords \(header.name.name)")
        return decl
    }

    mutating func parseSLA() -> SLADecl? {
        guard var header = parseRuleHeader(context: "sla", subject: true) else { return nil }
        parseBlockPrelude(&header, kind: "sla")
        var decl = SLADecl(header: header)
        let context = "sla \(header.name.name)"
        guard expect(.leftBrace, context: context) else { return decl }
        blockDepth += 1
        defer { blockDepth -= 1 }
        let saved = clauseKeywords
        clauseKeywords = ["calendar", "zone", "history", "start", "pause", "resume", "stop", "cancel", "reset", "target", "escalate",
                          "at", "kpi", "report", "mass"]
        defer { clauseKeywords = saved }
        while !at(.rightBrace), !at(.endOfFile), !atDeclarationStart {
            bailing = false
            let start = current.range
            if parseCommonClause(&decl.header) { continue }
            guard at(.identifier) else {
                report(Messages.unexpectedInBlock, [describe(current), context], at: current.range)
                skipToLineStart()
                continue
            }
            let word = current.text
            advance()
            switch word {
            case "calendar":
                decl.calendar = parseQualifiedName(context: "calendar")
            case "zone":
                decl.zone = parseExpression()
            case "history":
                decl.history = parseExpression()
            case "target":
                decl.target = parseExpression()
            case "escalate":
                if consumeWord("at") {
                    let amount = parseExpression()
                    guard consumeWord("to") else {
                        reportExpected("‘to’", context: "escalate")
                        skipToLineStart()
                        continue
                    }
                    decl.escalations.append(Escalation(trigger: .percent(amount), recipient: parseExpression(), range: start.union(previousRange)))
                } else if consumeWord("before") {
                    let amount = parseExpression()
                    guard consumeWord("to") else {
                        reportExpected("‘to’", context: "escalate")
                        skipToLineStart()
                        continue
                    }
                    decl.escalations.append(Escalation(trigger: .before(amount), recipient: parseExpression(), range: start.union(previousRange)))
                } else {
                    reportExpected("‘at PERCENT’ or ‘before DURATION’", context: "escalate")
                    skipToLineStart()
                    continue
                }
            case "at":
                guard consumeWord("risk"), consumeWord("at") else {
                    reportExpected("‘at risk at PERCENT’", context: context)
                    skipToLineStart()
                    continue
                }
                decl.atRisk = parseExpression()
            case "kpi":
                guard consumeWord("compliance"), consumeWord("target"), consume(.greaterEqual) else {
                    reportExpected("‘kpi compliance target >= PERCENT’", context: context)
                    skipToLineStart()
                    continue
                }
                decl.kpiTarget = parseExpression()
            case "report":
                guard consumeWord("by") else {
                    reportExpected("‘report by EXPRESSION, …’", context: context)
                    skipToLineStart()
                    continue
                }
                repeat { decl.reportBy.append(parseExpression()) } while consume(.comma)
            case "mass":
                guard consumeWord("incident"), consumeWord("when") else {
                    reportExpected("‘mass incident when N within DURATION by …’", context: context)
                    skipToLineStart()
                    continue
                }
                let count = parseExpression()
                guard consumeWord("within") else {
                    reportExpected("‘within DURATION’", context: "mass incident")
                    skipToLineStart()
                    continue
                }
                let window = parseExpression()
                var filter: Expr?
                if consumeWord("where") { filter = parseExpression() }
                var keys: [Expr] = []
                if consumeWord("by") {
                    repeat { keys.append(parseExpression()) } while consume(.comma)
                }
                var priority: Expr?
                if consumeWord("priority") { priority = parseExpression() }
                var target: Expr?
                if consumeWord("target") { target = parseExpression() }
                decl.mass = MassIncident(count: count, window: window, filter: filter, keys: keys, priority: priority, target: target,
                                         range: start.union(previousRange))
            default:
                if let event = SLAEvent(rawValue: word) {
                    guard consumeWord("on") else {
                        reportExpected("‘on \"status\", …’", context: word)
                        skipToLineStart()
                        continue
                    }
                    var statuses: [StringLiteral] = []
                    repeat {
                        if let s = expectString(context: "\(word) on") { statuses.append(s) }
                    } while consume(.comma)
                    decl.events[event, default: []] += statuses
                } else {
                    report(Messages.unexpectedClause, ["‘\(word)’", context,
                        "calendar, zone, history, start, pause, resume, stop, cancel, reset, target, escalate, at risk, kpi, report, mass"],
                           at: start)
                    if !current.startsLine { skipToLineStart() }
                    continue
                }
            }
            if !at(.rightBrace), !current.startsLine, !at(.endOfFile) {
                report(Messages.unexpectedInBlock, [describe(current), context], at: current.range)
                skipToLineStart()
            }
        }
        expect(.rightBrace, context: context)
        return decl
    }
}
