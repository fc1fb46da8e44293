/// Turns data (CSV text cells, JSON values) into runtime values of a schema's field types, exactly:
/// numbers are parsed as decimals from their digits, never through binary floating point.
public struct FieldDecoder: Sendable {
    let schemas: [SchemaInfo]
    let enums: [EnumInfo]

    public init(ruleSet: CompiledRuleSet) {
        self.schemas = ruleSet.schemas
        self.enums = ruleSet.enums
    }

    /// Why a cell does not fit its field (English and Russian).
    public struct Problem: Error, Sendable, Hashable {
        public let en: String
        public let ru: String
        public func message(in language: MessageLanguage) -> String { language == .ru ? ru : en }
    }

    /// A text cell as a value of `type`; an empty cell is missing.
    public func decode(text: String, as type: RType) -> Result<Value, Problem> {
        if text.isEmpty { return .success(.missing) }
        var t = text
        return t.withUTF8 { decode(utf8: $0, as: type) }
    }

    /// A text cell as a value of field `slot` of `schema`, which must be one of the field's allowed
    /// values if it declares them. (Reads the field's type and allowed values in place: copying the
    /// whole field per cell costs reference counting on the CSV hot path.)
    func decode(utf8 bytes: UnsafeBufferPointer<UInt8>, slot: Int, of schema: SchemaInfo) -> Result<Value, Problem> {
        let decoded = decode(utf8: bytes, as: schema.fields[slot].type)
        if case .success(let v) = decoded, let allowed = schema.fields[slot].allowed, !allowed.admits(v) { return .failure(allowed.problem(v)) }
        return decoded
    }

    /// A text cell given as UTF-8 bytes (the CSV reader's fast path).
    public func decode(utf8 bytes: UnsafeBufferPointer<UInt8>, as type: RType) -> Result<Value, Problem> {
        if bytes.isEmpty { return .success(.missing) }
        switch type.base {
        case .int:
            if let i = Self.parseInt(bytes) { return .success(.int(i)) }
            if let d = ExactDecimal.parse(utf8: bytes), let i = d.int64Value { return .success(.int(i)) }
            return .failure(problem(bytes, en: "a whole number", ru: "целое число"))
        case .decimal, .money:
            if let d = ExactDecimal.parse(utf8: bytes) { return .success(.decimal(d)) }
            return .failure(problem(bytes, en: "a number (digits with an optional ‘.’)", ru: "число (цифры с необязательной «.»)"))
        case .percent:
            if bytes.last == UInt8(ascii: "%") {
                let digits = UnsafeBufferPointer(rebasing: bytes[..<(bytes.count - 1)])
                if let d = ExactDecimal.parse(utf8: digits), let fraction = try? d.divided(by: ExactDecimal(100)) {
                    return .success(.decimal(fraction))
                }
            } else if let d = ExactDecimal.parse(utf8: bytes) {
                return .success(.decimal(d))
            }
            return .failure(problem(bytes, en: "a fraction (0.5) or a percent (50%)", ru: "доля (0.5) или процент (50%)"))
        case .bool:
            switch String(decoding: bytes, as: UTF8.self).lowercased() {
            case "true", "1", "yes", "да", "истина": return .success(.bool(true))
            case "false", "0", "no", "нет", "ложь": return .success(.bool(false))
            default: return .failure(problem(bytes, en: "true or false", ru: "true или false"))
            }
        case .string:
            return .success(.string(String(decoding: bytes, as: UTF8.self)))
        case .date:
            if let d = CivilDate.parse(utf8: bytes) { return .success(.date(d)) }
            return .failure(problem(bytes, en: "a date (2025-06-01 or 01.06.2025)", ru: "дата (2025-06-01 или 01.06.2025)"))
        case .datetime:
            let text = String(decoding: bytes, as: UTF8.self)
            if let t = DateTimeValue(iso: text) { return .success(.datetime(t)) }
            if DateTimeValue(iso: text, defaultZone: ZoneRules.named("UTC")) != nil {
                return .failure(Problem(
                    en: "‘\(text)’ has no time zone; add an offset (+03:00) or a zone ([Europe/Moscow])",
                    ru: "у «\(text)» не указан часовой пояс; добавьте смещение (+03:00) или зону ([Europe/Moscow])"))
            }
            return .failure(problem(bytes, en: "a date-time with a zone (2025-06-01T09:00:00+03:00)",
                                    ru: "дата-время с поясом (2025-06-01T09:00:00+03:00)"))
        case .duration:
            if let d = DurationValue(iso: String(decoding: bytes, as: UTF8.self)) { return .success(.duration(d)) }
            return .failure(problem(bytes, en: "an ISO 8601 duration (P3D, PT6H)", ru: "длительность ISO 8601 (P3D, PT6H)"))
        case .enumeration(let e):
            let text = String(decoding: bytes, as: UTF8.self)
            if let c = enums[e].caseNamed(text) {
                return .success(.enumCase(EnumCase(enumIndex: Int32(e), caseIndex: Int32(c))))
            }
            let names = enums[e].cases.map(\.name).joined(separator: ", ")
            // Suggest by title too: "3.2" is the title of harmful_3_2.
            let byTitle = enums[e].cases.first { ($0.title ?? "").lowercased().hasPrefix(text.lowercased()) }?.name
            let suggestion = byTitle ?? Suggestions.closest(to: text, among: enums[e].cases.map(\.name))
            let hintEn = suggestion.map { "; did you mean ‘\($0)’?" } ?? ""
            let hintRu = suggestion.map { "; возможно, «\($0)»?" } ?? ""
            return .failure(Problem(en: "‘\(text)’ is not one of \(enums[e].name): \(names)\(hintEn)",
                                    ru: "«\(text)» не входит в \(enums[e].name): \(names)\(hintRu)"))
        default:
            return .failure(Problem(en: "this field cannot be given as text in a table; use JSON",
                                    ru: "это поле нельзя задать текстом в таблице; используйте JSON"))
        }
    }

    private func problem(_ bytes: UnsafeBufferPointer<UInt8>, en: String, ru: String) -> Problem {
        let text = String(decoding: bytes, as: UTF8.self)
        return Problem(en: "‘\(text)’ is not \(en)", ru: "«\(text)» — не \(ru)")
    }

    /// A whole number of ASCII digits with an optional sign, without overflow.
    @inline(__always) static func parseInt(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var i = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "-") || bytes[0] == UInt8(ascii: "+") {
            negative = bytes[0] == UInt8(ascii: "-")
            i = 1
        }
        guard i < bytes.count, bytes.count - i <= 18 else { return nil }
        var value: Int64 = 0
        while i < bytes.count {
            let d = bytes[i] &- 0x30
            guard d < 10 else { return nil }
            value = value &* 10 &+ Int64(d)
            i += 1
        }
        return negative ? -value : value
    }

    // MARK: - JSON

    /// A JSON value as a value of `type`; `path` names the place for errors (`workers[2].wage`).
    public func decode(json: JSONValue, as type: RType, path: String) -> Result<Value, FieldProblem> {
        if case .null = json { return .success(.missing) }
        switch type.base {
        case .record(let s):
            guard case .object(let members) = json else {
                return .failure(FieldProblem(path: path, problem: Problem(en: "expected an object", ru: "ожидался объект")))
            }
            return decodeRecord(members, schema: s, path: path)
        case .list(let element):
            guard case .array(let items) = json else {
                return .failure(FieldProblem(path: path, problem: Problem(en: "expected a list", ru: "ожидался список")))
            }
            var values: [Value] = []
            for (i, item) in items.enumerated() {
                switch decode(json: item, as: element, path: "\(path)[\(i)]") {
                case .success(let v): values.append(v)
                case .failure(let e): return .failure(e)
                }
            }
            return .success(.list(values))
        default:
            let text: String
            switch json {
            case .number(let n): text = n
            case .string(let s):
                if type.base.isNumeric, s.isEmpty { return .success(.missing) }
                text = s
            case .bool(let b):
                guard type.base == .bool else {
                    return .failure(FieldProblem(path: path, problem: Problem(en: "expected \(type.base), found true/false",
                                                                              ru: "ожидался тип \(type.base), а найдено true/false")))
                }
                return .success(.bool(b))
            default:
                return .failure(FieldProblem(path: path, problem: Problem(en: "expected \(type.base)", ru: "ожидался тип \(type.base)")))
            }
            if text.isEmpty, type.base == .string { return .success(.string("")) }
            return decode(text: text, as: type).mapError { FieldProblem(path: path, problem: $0) }
        }
    }

    /// A JSON object as a record of the schema: unknown members are refused, required members must be present.
    public func decodeRecord(_ members: [(String, JSONValue)], schema: Int, path: String) -> Result<Value, FieldProblem> {
        let info = schemas[schema]
        var slots: [Value] = info.fields.map { field in
            if case .list = field.type { return .list([]) }
            return .missing
        }
        for (key, value) in members {
            let fieldPath = path.isEmpty ? key : "\(path).\(key)"
            guard let slot = info.slot(of: key) else {
                let suggestion = Suggestions.closest(to: key, among: info.fields.map(\.name))
                let hint = suggestion.map { " (did you mean ‘\($0)’?)" } ?? ""
                let hintRu = suggestion.map { " (возможно, «\($0)»?)" } ?? ""
                return .failure(FieldProblem(path: fieldPath, problem: Problem(
                    en: "\(info.name) has no field ‘\(key)’\(hint)", ru: "у \(info.name) нет поля «\(key)»\(hintRu)")))
            }
            switch decode(json: value, as: info.fields[slot].type, path: fieldPath) {
            case .success(let v):
                if let allowed = info.fields[slot].allowed, !allowed.admits(v) {
                    return .failure(FieldProblem(path: fieldPath, problem: allowed.problem(v)))
                }
                slots[slot] = v
            case .failure(let e): return .failure(e)
            }
        }
        if let problem = requiredMissing(slots, schema: schema, path: path) { return .failure(problem) }
        return .success(.record(RecordValue(schema: schema, slots: slots)))
    }

    /// The first required field left missing, as a problem.
    func requiredMissing(_ slots: [Value], schema: Int, path: String) -> FieldProblem? {
        let info = schemas[schema]
        for (i, field) in info.fields.enumerated() where slots[i].isMissing && !field.type.isOptional {
            let fieldPath = path.isEmpty ? field.name : "\(path).\(field.name)"
            return FieldProblem(path: fieldPath, problem: Problem(
                en: "required field ‘\(field.name)’ is missing (mark it optional with ‘?’ in the schema if it may be absent)",
                ru: "обязательное поле «\(field.name)» не заполнено (если оно может отсутствовать, отметьте его «?» в схеме)"))
        }
        return nil
    }
}

/// A problem with one field of one record: where (a path) and why.
public struct FieldProblem: Error, Sendable, Hashable {
    public let path: String
    public let problem: FieldDecoder.Problem
}
