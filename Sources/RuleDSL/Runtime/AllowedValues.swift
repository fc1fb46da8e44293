/// The values a schema field admits, declared after its type (`priority: int? in 0..3`,
/// `channel: string? in ["portal", "chat"]`). Data outside them is rejected when read, with the
/// record and field named; rules then never see a value the methodologist did not foresee.
public enum AllowedValues: Sendable, Hashable {
    /// `low..high` (inclusive) or `low..<high`: numbers or dates.
    case range(low: Value, high: Value, inclusiveUpper: Bool)
    /// `[a, b, c]`: one of the listed numbers, strings or dates.
    case oneOf([Value])

    /// True when `value` is allowed (a missing value is the schema's business: `?` or required).
    public func admits(_ value: Value) -> Bool {
        if value.isMissing { return true }
        switch self {
        case .range(let low, let high, let inclusive):
            guard let a = ValueOrder.compare(value, low), let b = ValueOrder.compare(value, high) else { return false }
            return a >= 0 && (inclusive ? b <= 0 : b < 0)
        case .oneOf(let values):
            return values.contains { ValueOrder.compare(value, $0) == 0 || value == $0 }
        }
    }

    /// As written in the rules: `0..3`, `["portal", "chat"]`.
    public var description: String {
        func show(_ v: Value) -> String {
            if case .string(let s) = v { return "\"\(s)\"" }
            return v.description
        }
        switch self {
        case .range(let low, let high, let inclusive): return show(low) + (inclusive ? ".." : "..<") + show(high)
        case .oneOf(let values): return "[" + values.map(show).joined(separator: ", ") + "]"
        }
    }

    /// The problem to report for a value the field does not admit (the caller names the field).
    func problem(_ value: Value) -> FieldDecoder.Problem {
        let shown: String
        if case .string(let s) = value { shown = s } else { shown = value.description }
        return FieldDecoder.Problem(
            en: "‘\(shown)’ is not among the allowed values \(description); correct the data or widen ‘in …’ in the schema",
            ru: "«\(shown)» не входит в допустимые значения \(description); исправьте данные или расширьте «in …» в схеме")
    }
}
