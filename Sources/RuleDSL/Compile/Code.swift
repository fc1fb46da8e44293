/// Compiled code: closures specialised by static type, so numbers and conditions run without boxing.
typealias ValueCode = @Sendable (inout Frame) -> Value
typealias BoolCode = @Sendable (inout Frame) -> Tri
typealias NumCode = @Sendable (inout Frame) -> ExactDecimal?

/// A compiled expression in the representation its type calls for.
enum Code: Sendable {
    case value(ValueCode)
    case bool(BoolCode)
    /// A number; `integral` says the static type is int (results are stored as `.int`).
    case number(NumCode, integral: Bool)

    var asValue: ValueCode {
        switch self {
        case .value(let c): return c
        case .bool(let c): return { f in c(&f).value }
        case .number(let c, let integral):
            if integral {
                return { f in
                    guard let d = c(&f) else { return .missing }
                    if let i = d.int64Value { return .int(i) }
                    return .decimal(d)
                }
            }
            return { f in c(&f).map(Value.decimal) ?? .missing }
        }
    }

    var asBool: BoolCode {
        switch self {
        case .bool(let c): return c
        case .value(let c):
            return { f in
                if case .bool(let b) = c(&f) { return b ? .yes : .no }
                return .unknown
            }
        case .number: return { _ in .unknown }
        }
    }

    var asNumber: NumCode {
        switch self {
        case .number(let c, _): return c
        case .value(let c): return { f in c(&f).number }
        case .bool: return { _ in nil }
        }
    }
}

/// Ordering and equality of runtime values of the same static type (numbers across int and decimal).
enum ValueOrder {
    /// -1, 0, 1; nil when either is missing or the values have no common order.
    static func compare(_ a: Value, _ b: Value) -> Int? {
        switch (a, b) {
        case (.int(let x), .int(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.int, .decimal), (.decimal, .int), (.decimal, .decimal):
            let x = a.number!
            let y = b.number!
            return x < y ? -1 : (x == y ? 0 : 1)
        case (.string(let x), .string(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.date(let x), .date(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.datetime(let x), .datetime(let y)): return x < y ? -1 : (x == y ? 0 : 1)
        case (.enumCase(let x), .enumCase(let y)) where x.enumIndex == y.enumIndex:
            return x.caseIndex < y.caseIndex ? -1 : (x.caseIndex == y.caseIndex ? 0 : 1)
        case (.bool(let x), .bool(let y)): return x == y ? 0 : (x ? 1 : -1)
        default: return nil
        }
    }

    /// Three-valued comparison: unknown when either side is missing.
    static func test(_ op: ComparisonOp, _ a: Value, _ b: Value) -> Tri {
        if a.isMissing || b.isMissing { return .unknown }
        switch op {
        case .equal: return Tri(a == b)
        case .notEqual: return Tri(a != b)
        default:
            guard let c = compare(a, b) else { return .unknown }
            switch op {
            case .less: return Tri(c < 0)
            case .lessEqual: return Tri(c <= 0)
            case .greater: return Tri(c > 0)
            default: return Tri(c >= 0)
            }
        }
    }
}

extension ComparisonOp {
    init?(_ op: BinaryOp) { self.init(rawValue: op.rawValue) }

    @inline(__always) func holds(_ a: ExactDecimal, _ b: ExactDecimal) -> Bool {
        switch self {
        case .equal: return a == b
        case .notEqual: return a != b
        case .less: return a < b
        case .lessEqual: return a <= b
        case .greater: return a > b
        case .greaterEqual: return a >= b
        }
    }
}
