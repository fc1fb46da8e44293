/// An expression node. Every node has an id (for the checker's side tables) and a source range.
public struct Expr: Sendable {
    public let id: NodeID
    public let range: SourceRange
    public let kind: ExprKind
}

public indirect enum ExprKind: Sendable {
    /// Literals keep their source spelling; the checker turns them into values (and reports overflow).
    case integer(String)
    case decimal(String)
    case percent(String)
    case string(String)
    case bool(Bool)
    case date(String)
    case datetime(String)
    /// `3 days`, `6 hours`, `2 months`
    case duration(Expr, Identifier)
    /// `missing`: the absent value (in lookups and record literals).
    case missing
    case name(Identifier)
    /// `e.avg_wage`, `Class.harmful`, `common.mrot`
    case member(Expr, Identifier)
    /// `round(x, 2, half_up)`, `risk_score(e)`, `count(w in e.workers where w.wage < mrot)`
    case call(Expr, [Expr])
    case unary(UnaryOp, Expr)
    case binary(BinaryOp, Expr, Expr)
    /// `x is missing`, `x is present` (negated)
    case isMissing(Expr, negated: Bool)
    /// `x in [1, 2]`, `x in 1..5`, `x not in …`
    case membership(Expr, Expr, negated: Bool)
    /// `a..b` (inclusive) and `a..<b`
    case range(Expr, Expr, inclusiveUpper: Bool)
    /// `if c then a else b`
    case conditional(Expr, Expr, Expr)
    case list([Expr])
    /// `Employer { inn: "77…", headcount: 10 }`
    case record(QualifiedName, [FieldInit])
    /// `base with { headcount: 10 }`
    case update(Expr, [FieldInit])
    /// `w in e.workers where …` or `w.wage for w in e.workers where …` (only as an aggregate's argument)
    case comprehension(Comprehension)
    /// Stands in for an expression that failed to parse (already diagnosed).
    case error
}

public enum UnaryOp: String, Sendable, Hashable {
    case negate = "-"
    case not = "not"
}

public enum BinaryOp: String, Sendable, Hashable {
    case add = "+", subtract = "-", multiply = "*", divide = "/"
    case and = "and", or = "or"
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case coalesce = "??"

    /// Binding strength: higher binds tighter.
    var precedence: Int {
        switch self {
        case .or: return 2
        case .and: return 3
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: return 5
        case .coalesce: return 6
        case .add, .subtract: return 8
        case .multiply, .divide: return 9
        }
    }

    var isComparison: Bool { precedence == 5 }
}

public struct FieldInit: Sendable {
    public let name: Identifier
    public let value: Expr
    public let range: SourceRange
}

public struct Comprehension: Sendable {
    public let variable: Identifier
    public let source: Expr
    public let filter: Expr?
    /// The mapped expression of the `for` form (`w.wage for w in …`); nil for the `in` form.
    public let projection: Expr?
}

extension Expr {
    /// The dotted name this expression spells, if it is a plain `a.b.c` chain.
    public var dottedName: QualifiedName? {
        switch kind {
        case .name(let id): return QualifiedName(parts: [id])
        case .member(let base, let member):
            guard let b = base.dottedName else { return nil }
            return QualifiedName(parts: b.parts + [member])
        default: return nil
        }
    }
}
