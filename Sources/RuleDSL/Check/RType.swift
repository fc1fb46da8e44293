/// A static type of the rule language.
public indirect enum RType: Sendable, Hashable, CustomStringConvertible {
    case bool, int, decimal, money, percent, string, date, datetime, duration
    case enumeration(Int)  // index into the program's enums
    case record(Int)  // index into the program's schemas
    case list(RType)
    /// A value that may be missing (an optional field, a lookup without `else`…).
    case optional(RType)
    /// The type of the `missing` literal and of `-` in an output cell: fits any optional.
    case nothing
    /// The type of an expression that already failed to check: never reported again.
    case error

    /// The type without its optional wrapper.
    public var base: RType {
        if case .optional(let inner) = self { return inner.base }
        return self
    }

    public var isOptional: Bool {
        switch self {
        case .optional, .nothing: return true
        default: return false
        }
    }

    /// The same type, marked as possibly missing.
    public var optionalized: RType {
        switch self {
        case .optional, .nothing, .error: return self
        default: return .optional(self)
        }
    }

    public var isNumeric: Bool {
        switch base {
        case .int, .decimal, .money, .percent: return true
        default: return false
        }
    }

    /// Types with an order (`<` is defined).
    public var isOrdered: Bool {
        switch base {
        case .int, .decimal, .money, .percent, .date, .datetime, .string: return true
        default: return false
        }
    }

    public var isError: Bool { if case .error = self { return true } else { return false } }

    public var description: String { spelled(enums: nil, schemas: nil) }

    /// The type as a methodologist writes it, with enum and schema names when known.
    func spelled(enums: [EnumInfo]?, schemas: [SchemaInfo]?) -> String {
        switch self {
        case .bool: return "bool"
        case .int: return "int"
        case .decimal: return "decimal"
        case .money: return "money"
        case .percent: return "percent"
        case .string: return "string"
        case .date: return "date"
        case .datetime: return "datetime"
        case .duration: return "duration"
        case .enumeration(let i): return enums.map { $0[i].name } ?? "enum"
        case .record(let i): return schemas.map { $0[i].name } ?? "record"
        case .list(let element): return "list of \(element.spelled(enums: enums, schemas: schemas))"
        case .optional(let inner): return inner.spelled(enums: enums, schemas: schemas) + "?"
        case .nothing: return "missing"
        case .error: return "<error>"
        }
    }

    /// The built-in type named `name`, if any.
    static func builtin(_ name: String) -> RType? {
        switch name {
        case "bool": return .bool
        case "int": return .int
        case "decimal": return .decimal
        case "money": return .money
        case "percent": return .percent
        case "string": return .string
        case "date": return .date
        case "datetime": return .datetime
        case "duration": return .duration
        default: return nil
        }
    }

    static let builtinNames = ["bool", "int", "decimal", "money", "percent", "string", "date", "datetime", "duration"]
}

extension RType {
    /// The result of `+ - * /` on two numeric types, or nil if the operation makes no sense
    /// (adding a percent to money, dividing a percent by money…).
    static func arithmetic(_ op: BinaryOp, _ a: RType, _ b: RType) -> RType? {
        let x = a.base
        let y = b.base
        guard x.isNumeric, y.isNumeric else { return nil }
        switch op {
        case .add, .subtract:
            switch (x, y) {
            case (.int, .int): return .int
            case (.money, .money), (.money, .int), (.int, .money), (.money, .decimal), (.decimal, .money): return .money
            case (.percent, .percent): return .percent
            case (.percent, .int), (.int, .percent), (.percent, .decimal), (.decimal, .percent): return .decimal
            case (.money, .percent), (.percent, .money): return nil
            default: return .decimal
            }
        case .multiply:
            switch (x, y) {
            case (.int, .int): return .int
            case (.money, .money): return nil
            case (.money, _), (_, .money): return .money
            case (.percent, .percent): return .percent
            default: return .decimal
            }
        case .divide:
            switch (x, y) {
            case (.money, .money): return .decimal
            case (.money, _): return .money
            case (_, .money): return nil
            case (.percent, .percent): return .decimal
            default: return .decimal
            }
        default:
            return nil
        }
    }

    /// True when a value of type `self` may be used where `target` is expected.
    func fits(_ target: RType) -> Bool {
        if self == target || isError || target.isError { return true }
        if case .nothing = self { return target.isOptional }
        switch (self, target) {
        case (.optional(let a), .optional(let b)): return a.fits(b)
        case (_, .optional(let b)): return fits(b)
        case (.optional, _): return false
        case (.int, .decimal), (.int, .money), (.decimal, .money), (.int, .percent), (.decimal, .percent): return true
        case (.list(let a), .list(let b)): return a.fits(b)
        default: return false
        }
    }

    /// The common type of two branches (`if`, `??`, table outputs), if they have one.
    static func join(_ a: RType, _ b: RType) -> RType? {
        if a.isError { return b }
        if b.isError { return a }
        if case .nothing = a { return b.optionalized }
        if case .nothing = b { return a.optionalized }
        let optional = a.isOptional || b.isOptional
        let x = a.base
        let y = b.base
        var joined: RType?
        if x == y {
            joined = x
        } else if x.isNumeric, y.isNumeric {
            if x == .money || y == .money { joined = .money } else { joined = .decimal }
        } else if case .list(let ex) = x, case .list(let ey) = y, let e = join(ex, ey) {
            joined = .list(e)
        }
        guard let result = joined else { return nil }
        return optional ? result.optionalized : result
    }
}
