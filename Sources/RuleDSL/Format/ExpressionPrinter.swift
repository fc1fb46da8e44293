/// Prints expressions in canonical form: single spaces around operators, the fewest parentheses
/// that keep the meaning, literals as written.
struct ExpressionPrinter {
    let file: SourceFile

    func print(_ expr: Expr) -> String { print(expr, context: 0) }

    /// The expression as an operand that binds tightest (a `with` base, a member's base):
    /// parenthesised unless it is an atom.
    func printAtom(_ expr: Expr) -> String { print(expr, context: Self.atom) }

    /// `context` is the binding strength of the surrounding operator: weaker expressions get parentheses.
    private func print(_ expr: Expr, context: Int) -> String {
        let (text, strength) = render(expr)
        return strength < context ? "(\(text))" : text
    }

    private static let atom = 100

    private func render(_ expr: Expr) -> (String, Int) {
        switch expr.kind {
        case .integer(let t), .decimal(let t), .percent(let t), .date(let t), .datetime(let t):
            return (t, Self.atom)
        case .string(let s):
            return (Self.quote(s), Self.atom)
        case .bool(let b):
            return (b ? "true" : "false", Self.atom)
        case .missing:
            return ("missing", Self.atom)
        case .error:
            return (file.text(of: expr.range), Self.atom)
        case .duration(let amount, let unit):
            let spelled = unit.name == "workhours" ? "work hours" : unit.name == "workminutes" ? "work minutes" : unit.name
            return ("\(print(amount, context: Self.atom)) \(spelled)", Self.atom)
        case .name(let id):
            return (id.name, Self.atom)
        case .member(let base, let member):
            return ("\(print(base, context: Self.atom)).\(member.name)", Self.atom)
        case .call(let callee, let arguments):
            return ("\(print(callee, context: Self.atom))(\(arguments.map { print($0, context: 0) }.joined(separator: ", ")))", Self.atom)
        case .comprehension(let c):
            var text = ""
            if let projection = c.projection {
                // A projection that reads `x in …` would parse back as the comprehension's own
                // `variable in source`: keep its parentheses.
                let printed = print(projection, context: 2)
                let readsAsComprehension = printed.firstMatch(of: /^[\p{L}_][\p{L}\p{N}_]*\s+(not\s+)?in\s/) != nil
                text = (readsAsComprehension ? "(\(printed))" : printed) + " for "
            }
            text += "\(c.variable.name) in \(print(c.source, context: 7))"
            if let filter = c.filter { text += " where \(print(filter, context: 0))" }
            return (text, 0)
        case .unary(.negate, let operand):
            return ("-\(print(operand, context: 10))", 10)
        case .unary(.not, let operand):
            return ("not \(print(operand, context: 4))", 4)
        case .binary(let op, let left, let right):
            let p = op.precedence
            // Left-associative: the right operand of the same strength needs parentheses (except ?? which is right-assoc).
            if op == .coalesce {
                return ("\(print(left, context: p + 1)) ?? \(print(right, context: p))", p)
            }
            let rightContext = op.isComparison ? p + 1 : p + 1
            let leftContext = op.isComparison ? p + 1 : p
            return ("\(print(left, context: leftContext)) \(op.rawValue) \(print(right, context: rightContext))", p)
        case .isMissing(let operand, let negated):
            return ("\(print(operand, context: 6)) is \(negated ? "present" : "missing")", 5)
        case .membership(let element, let container, let negated):
            return ("\(print(element, context: 6)) \(negated ? "not in" : "in") \(print(container, context: 6))", 5)
        case .range(let lo, let hi, let inclusive):
            return ("\(print(lo, context: 8))\(inclusive ? ".." : "..<")\(print(hi, context: 8))", 7)
        case .conditional(let c, let a, let b):
            return ("if \(print(c, context: 0)) then \(print(a, context: 0)) else \(print(b, context: 0))", 0)
        case .list(let items):
            return ("[" + items.map { print($0, context: 0) }.joined(separator: ", ") + "]", Self.atom)
        case .record(let name, let fields):
            return ("\(name) " + fieldList(fields), Self.atom)
        case .update(let base, let fields):
            return ("\(print(base, context: Self.atom)) with " + fieldList(fields), Self.atom)
        }
    }

    private func fieldList(_ fields: [FieldInit]) -> String {
        if fields.isEmpty { return "{}" }
        return "{ " + fields.map { "\($0.name.name): \(print($0.value, context: 0))" }.joined(separator: ", ") + " }"
    }

    /// A string literal with `"`, `\`, line breaks and tabs escaped.
    static func quote(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default: out.unicodeScalars.append(c)
            }
        }
        return out + "\""
    }
}
