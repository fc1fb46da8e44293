/// Renders values for people, in their language: numbers with the language's separators
/// (15 000,50 in Russian, 15,000.50 in English), money with two decimals, percents, dates, enum titles.
public struct ValueFormatter: Sendable {
    public let language: MessageLanguage
    let enums: [EnumInfo]
    let schemas: [SchemaInfo]

    public init(language: MessageLanguage, enums: [EnumInfo], schemas: [SchemaInfo]) {
        self.language = language
        self.enums = enums
        self.schemas = schemas
    }

    var style: NumberStyle { language == .ru ? .russian : .english }

    /// The value as text, formatted for its static type.
    public func format(_ value: Value, as type: RType) -> String {
        switch value {
        case .missing:
            return language == .ru ? "нет данных" : "missing"
        case .bool(let b):
            return language == .ru ? (b ? "да" : "нет") : (b ? "yes" : "no")
        case .int(let i):
            if case .money = type.base { return ExactDecimal(i).formatted(style.fractionDigits(min: 2, max: 2)) }
            if case .percent = type.base { return formatPercent(ExactDecimal(i)) }
            return ExactDecimal(i).formatted(style)
        case .decimal(let d):
            switch type.base {
            case .money: return d.formatted(style.fractionDigits(min: 2, max: 2))
            case .percent: return formatPercent(d)
            default: return d.formatted(style)
            }
        case .string(let s):
            return s
        case .date(let d):
            return language == .ru ? d.russianText : d.description
        case .datetime(let t):
            return t.description
        case .duration(let d):
            return d.text(russian: language == .ru)
        case .workDuration(let w):
            return w.text(russian: language == .ru)
        case .enumCase(let c):
            let info = enums[Int(c.enumIndex)].cases[Int(c.caseIndex)]
            return info.title ?? info.name
        case .record(let r):
            let schema = Int(r.schema) < schemas.count ? schemas[Int(r.schema)] : nil
            let parts = r.slots.enumerated().map { i, v -> String in
                let field = schema.flatMap { i < $0.fields.count ? $0.fields[i] : nil }
                return "\(field?.name ?? String(i)): \(format(v, as: field?.type ?? .error))"
            }
            return "{" + parts.joined(separator: ", ") + "}"
        case .list(let items):
            var element = RType.error
            if case .list(let e) = type.base { element = e }
            return items.map { format($0, as: element) }.joined(separator: ", ")
        }
    }

    private func formatPercent(_ fraction: ExactDecimal) -> String {
        let hundred = (try? fraction.multiplying(ExactDecimal(100))) ?? fraction
        let text = hundred.normalized.formatted(style.fractionDigits(min: 0, max: 2))
        return language == .ru ? text + " %" : text + "%"
    }
}
