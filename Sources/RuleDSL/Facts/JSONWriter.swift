/// Builds JSON text without Foundation's floating-point detours: numbers are written from exact
/// decimals, strings are escaped per RFC 8259.
public struct JSONWriter: Sendable {
    public private(set) var text = ""

    public init() {}

    /// A JSON string literal.
    public static func quote(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    /// A JSON object from ordered members whose values are already JSON text.
    public static func object(_ members: [(String, String)]) -> String {
        "{" + members.map { "\(quote($0.0)):\($0.1)" }.joined(separator: ",") + "}"
    }

    /// A JSON array from elements already encoded.
    public static func array(_ items: [String]) -> String { "[" + items.joined(separator: ",") + "]" }

    /// A runtime value as JSON: numbers exact, dates ISO, enums by case name, missing as null.
    public static func value(_ value: Value, enums: [EnumInfo], schemas: [SchemaInfo]) -> String {
        switch value {
        case .missing: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .decimal(let d): return d.description
        case .string(let s): return quote(s)
        case .date(let d): return quote(d.description)
        case .datetime(let t): return quote(t.description)
        case .duration(let d): return quote(d.isoText)
        case .workDuration(let w): return quote(w.description)
        case .enumCase(let c): return quote(enums[Int(c.enumIndex)].cases[Int(c.caseIndex)].name)
        case .list(let items): return array(items.map { Self.value($0, enums: enums, schemas: schemas) })
        case .record(let r):
            let schema = Int(r.schema) < schemas.count ? schemas[Int(r.schema)] : nil
            return object(r.slots.enumerated().map { i, v in
                (schema.flatMap { i < $0.fields.count ? $0.fields[i].name : nil } ?? String(i), Self.value(v, enums: enums, schemas: schemas))
            })
        }
    }
}
