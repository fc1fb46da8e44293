/// A runtime value of the rule language. Numbers are exact (`ExactDecimal`); `missing` is the
/// absent value whose comparisons are unknown. Equality of numbers is by value across int and decimal.
public enum Value: Sendable, CustomStringConvertible {
    case missing
    case bool(Bool)
    case int(Int64)
    case decimal(ExactDecimal)
    case string(String)
    case date(CivilDate)
    case datetime(DateTimeValue)
    case duration(DurationValue)
    /// Working time on a calendar (`3 workdays`, `12 work hours`): meaningful only with a calendar.
    case workDuration(WorkDuration)
    case enumCase(EnumCase)
    case record(RecordValue)
    case list([Value])

    public var isMissing: Bool {
        if case .missing = self { return true }
        return false
    }

    /// The value as an exact decimal, for numbers.
    @inline(__always) public var number: ExactDecimal? {
        switch self {
        case .decimal(let d): return d
        case .int(let i): return ExactDecimal(i)
        default: return nil
        }
    }

    public var description: String {
        switch self {
        case .missing: return "missing"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .decimal(let d): return d.description
        case .string(let s): return "\"\(s)\""
        case .date(let d): return d.description
        case .datetime(let d): return d.description
        case .duration(let d): return d.isoText
        case .workDuration(let w): return w.description
        case .enumCase(let c): return "#\(c.enumIndex).\(c.caseIndex)"
        case .record(let r): return "{" + r.slots.map(\.description).joined(separator: ", ") + "}"
        case .list(let l): return "[" + l.map(\.description).joined(separator: ", ") + "]"
        }
    }
}

extension Value: Hashable {
    public static func == (lhs: Value, rhs: Value) -> Bool {
        switch (lhs, rhs) {
        case (.missing, .missing): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.int, .decimal), (.decimal, .int), (.decimal, .decimal): return lhs.number! == rhs.number!
        case (.string(let a), .string(let b)): return a == b
        case (.date(let a), .date(let b)): return a == b
        case (.datetime(let a), .datetime(let b)): return a == b
        case (.duration(let a), .duration(let b)): return a == b
        case (.workDuration(let a), .workDuration(let b)): return a == b
        case (.enumCase(let a), .enumCase(let b)): return a == b
        case (.record(let a), .record(let b)): return a === b || a.slots == b.slots
        case (.list(let a), .list(let b)): return a == b
        default: return false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .missing: hasher.combine(0)
        case .bool(let b): hasher.combine(b)
        case .int, .decimal: hasher.combine(number!)
        case .string(let s): hasher.combine(s)
        case .date(let d): hasher.combine(d)
        case .datetime(let d): hasher.combine(d)
        case .duration(let d): hasher.combine(d)
        case .workDuration(let w): hasher.combine(w)
        case .enumCase(let c): hasher.combine(c)
        case .record(let r): hasher.combine(r.slots)
        case .list(let l): hasher.combine(l)
        }
    }
}

/// A case of an enum: the enum's index in the program and the case's position (its priority order).
public struct EnumCase: Sendable, Hashable {
    public let enumIndex: Int32
    public let caseIndex: Int32
}

/// A record (an instance of a schema): its fields in declaration order, missing where absent.
public final class RecordValue: Sendable {
    public let schema: Int32
    public let slots: [Value]
    /// The numeric fields as exact decimals (nil for missing and non-numeric fields): the evaluator
    /// reads numbers from here without unpacking values.
    let numbers: [ExactDecimal?]

    public init(schema: Int, slots: [Value]) {
        self.schema = Int32(truncatingIfNeeded: schema)
        self.slots = slots
        self.numbers = slots.map { $0.number }
    }

    /// A record whose numeric view the caller built while decoding (it must match `slots`).
    init(schema: Int, slots: [Value], numbers: [ExactDecimal?]) {
        self.schema = Int32(truncatingIfNeeded: schema)
        self.slots = slots
        self.numbers = numbers
    }
}

/// The outcome of three-valued logic: a condition over missing data is `unknown`.
public enum Tri: UInt8, Sendable, Hashable, BitwiseCopyable {
    case no = 0, yes = 1, unknown = 2

    @inline(__always) init(_ b: Bool) { self = b ? .yes : .no }

    /// Kleene conjunction: false wins over unknown.
    @inline(__always) static func and(_ a: Tri, _ b: Tri) -> Tri {
        if a == .no || b == .no { return .no }
        if a == .yes && b == .yes { return .yes }
        return .unknown
    }

    /// Kleene disjunction: true wins over unknown.
    @inline(__always) static func or(_ a: Tri, _ b: Tri) -> Tri {
        if a == .yes || b == .yes { return .yes }
        if a == .no && b == .no { return .no }
        return .unknown
    }

    @inline(__always) var negated: Tri {
        switch self {
        case .no: return .yes
        case .yes: return .no
        case .unknown: return .unknown
        }
    }

    var value: Value {
        switch self {
        case .no: return .bool(false)
        case .yes: return .bool(true)
        case .unknown: return .missing
        }
    }
}

/// A span of working time: whole working days, or working seconds, on some calendar.
public struct WorkDuration: Sendable, Hashable, CustomStringConvertible {
    public let days: Int32
    public let seconds: Int64

    public init(days: Int32, seconds: Int64) {
        self.days = days
        self.seconds = seconds
    }

    public var description: String {
        if days != 0 { return "\(days) workdays" }
        if seconds % 3600 == 0 { return "\(seconds / 3600) work hours" }
        return "\(seconds / 60) work minutes"
    }

    /// In words for a reader: "3 рабочих дня", "12 work hours".
    public func text(russian: Bool) -> String {
        if days != 0 {
            return russian ? "\(days) \(RussianPlural.word(Int64(days), "рабочий день", "рабочих дня", "рабочих дней"))"
                : "\(days) working day\(days == 1 ? "" : "s")"
        }
        if seconds % 3600 == 0 {
            let h = seconds / 3600
            return russian ? "\(h) \(RussianPlural.word(h, "рабочий час", "рабочих часа", "рабочих часов"))" : "\(h) working hour\(h == 1 ? "" : "s")"
        }
        let m = seconds / 60
        return russian ? "\(m) \(RussianPlural.word(m, "рабочая минута", "рабочие минуты", "рабочих минут"))" : "\(m) working minutes"
    }
}

/// Russian noun forms after a number: 1 день, 2 дня, 5 дней, 21 день, 11 дней.
enum RussianPlural {
    static func word(_ n: Int64, _ one: String, _ few: String, _ many: String) -> String {
        let a = n.magnitude % 100
        let b = a % 10
        if a >= 11 && a <= 14 { return many }
        if b == 1 { return one }
        if b >= 2 && b <= 4 { return few }
        return many
    }
}
