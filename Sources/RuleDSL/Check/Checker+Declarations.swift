/// Declaring schemas, enums and rules, resolving written types, and checking rule versions.
extension Checker {
    // MARK: - Types

    mutating func declareTypes() {
        for (fileIndex, file) in program.files.enumerated() {
            let module = fileModule[fileIndex]
            for declaration in file.declarations {
                switch declaration.kind {
                case .schema(let schema):
                    guard declareName(schema.name, module: module) else { continue }
                    let index = program.schemas.count
                    var fieldIndex: [String: Int] = [:]
                    var fields: [FieldInfo] = []
                    for field in schema.fields {
                        if let previous = fieldIndex[field.name.name] {
                            report(Messages.duplicateMember, [field.name.name, schema.name.name], at: field.name.range,
                                   notes: [declaredHere(fields[previous].range)])
                            continue
                        }
                        fieldIndex[field.name.name] = fields.count
                        fields.append(FieldInfo(name: field.name.name, title: field.title?.value, type: .error, range: field.name.range))
                    }
                    program.schemas.append(SchemaInfo(
                        index: index, module: module, name: schema.name.name, title: schema.title?.value,
                        fields: fields, fieldIndex: fieldIndex, range: schema.name.range))
                    typeNames[module, default: [:]][schema.name.name] = .schema(index)
                case .enumeration(let enumeration):
                    guard declareName(enumeration.name, module: module) else { continue }
                    var caseIndex: [String: Int] = [:]
                    var cases: [EnumCaseInfo] = []
                    for c in enumeration.cases {
                        if caseIndex[c.name.name] != nil {
                            report(Messages.duplicateMember, [c.name.name, enumeration.name.name], at: c.name.range)
                            continue
                        }
                        caseIndex[c.name.name] = cases.count
                        cases.append(EnumCaseInfo(name: c.name.name, title: c.title?.value))
                    }
                    if cases.isEmpty { report(Messages.emptyEnum, [enumeration.name.name], at: enumeration.name.range) }
                    let index = program.enums.count
                    program.enums.append(EnumInfo(
                        index: index, module: module, name: enumeration.name.name, title: enumeration.title?.value,
                        cases: cases, caseIndex: caseIndex, range: enumeration.name.range))
                    typeNames[module, default: [:]][enumeration.name.name] = .enumeration(index)
                default:
                    continue
                }
            }
        }
    }

    /// Reserves a type name in a module; reports a duplicate and returns false if taken.
    private mutating func declareName(_ name: Identifier, module: String) -> Bool {
        if RType.builtin(name.name) != nil {
            report(Messages.shadowsBuiltinType, [name.name], at: name.range)
            return false
        }
        if let existing = typeNames[module]?[name.name] {
            let range: SourceRange
            switch existing {
            case .schema(let i): range = program.schemas[i].range
            case .enumeration(let i): range = program.enums[i].range
            }
            report(Messages.duplicateDeclaration, [name.name, module], at: name.range, notes: [declaredHere(range)])
            return false
        }
        return true
    }

    mutating func resolveSchemaFields() {
        for (fileIndex, file) in program.files.enumerated() {
            for declaration in file.declarations {
                guard case .schema(let schema) = declaration.kind,
                    case .schema(let index)? = typeNames[fileModule[fileIndex]]?[schema.name.name],
                    program.schemas[index].range == schema.name.range
                else { continue }
                for field in schema.fields {
                    guard let slot = program.schemas[index].fieldIndex[field.name.name],
                        program.schemas[index].fields[slot].range == field.name.range
                    else { continue }
                    let type = resolveType(field.type, file: fileIndex)
                    program.schemas[index].fields[slot].type = type
                    if let allowed = field.allowed {
                        program.schemas[index].fields[slot].allowed = allowedValues(allowed, field: field.name.name, type: type)
                    }
                }
            }
        }
    }

    /// The type a `TypeSyntax` names, reporting unknown names (with a suggestion).
    mutating func resolveType(_ syntax: TypeSyntax, file: Int) -> RType {
        switch syntax {
        case .optional(let inner, _):
            return resolveType(inner, file: file).optionalized
        case .list(let element, _):
            let e = resolveType(element, file: file)
            return e.isError ? .error : .list(e)
        case .named(let name):
            if name.parts.count == 1, let builtin = RType.builtin(name.parts[0].name) { return builtin }
            if let symbol = lookupType(name, file: file) {
                switch symbol {
                case .schema(let i): return .record(i)
                case .enumeration(let i): return .enumeration(i)
                }
            }
            var candidates = RType.builtinNames
            for module in visibleModules(file: file) { candidates += typeNames[module]?.keys.map { $0 } ?? [] }
            report(Messages.unknownType, [name.description], at: name.range,
                   suggestion: Suggestions.closest(to: name.description, among: candidates))
            return .error
        }
    }

    func lookupType(_ name: QualifiedName, file: Int) -> TypeSymbol? {
        let last = name.parts.last!.name
        if name.parts.count == 1 {
            for module in visibleModules(file: file) {
                if let symbol = typeNames[module]?[last] { return symbol }
            }
            return nil
        }
        let module = name.parts.dropLast().map(\.name).joined(separator: ".")
        guard visibleModules(file: file).contains(module) else { return nil }
        return typeNames[module]?[last]
    }

    // MARK: - Rules

    mutating func declareRules() {
        for (fileIndex, file) in program.files.enumerated() {
            let module = fileModule[fileIndex]
            for (declIndex, declaration) in file.declarations.enumerated() {
                let kind: RuleKind
                let header: RuleHeader
                switch declaration.kind {
                case .constant(let d): (kind, header) = (.constant, d.header)
                case .lookup(let d): (kind, header) = (.lookup, d.header)
                case .indicator(let d): (kind, header) = (.indicator, d.header)
                case .value(let d): (kind, header) = (.value, d.header)
                case .score(let d): (kind, header) = (.score, d.header)
                case .table(let d): (kind, header) = (.table, d.header)
                case .test:
                    program.tests.append(DeclLocation(file: fileIndex, index: declIndex))
                    continue
                default: continue
                }
                let name = header.name
                if typeNames[module]?[name.name] != nil {
                    report(Messages.duplicateDeclaration, [name.name, module], at: name.range)
                    continue
                }
                let version = RuleVersion(
                    location: DeclLocation(file: fileIndex, index: declIndex),
                    from: parseDate(header.effective?.from), until: parseDate(header.effective?.until),
                    range: name.range)
                if let existing = ruleNames[module]?[name.name] {
                    guard program.rules[existing].kind == kind else {
                        report(Messages.duplicateDeclaration, [name.name, module], at: name.range,
                               notes: [declaredHere(program.rules[existing].versions[0].range)])
                        continue
                    }
                    program.rules[existing].versions.append(version)
                } else {
                    let index = program.rules.count
                    program.rules.append(RuleSymbol(index: index, module: module, name: name.name, kind: kind, versions: [version]))
                    ruleNames[module, default: [:]][name.name] = index
                }
            }
        }
        ruleState = Array(repeating: .unchecked, count: program.rules.count)
    }

    /// The date of a literal, reporting an impossible date (2025-02-30).
    mutating func parseDate(_ literal: DateLiteral?) -> CivilDate? {
        guard let literal else { return nil }
        guard let date = CivilDate(iso: literal.text) else {
            report(Messages.invalidDate, [literal.text], at: literal.range)
            return nil
        }
        return date
    }

    /// Versions of one rule must not overlap in time; every version of a versioned rule names its start.
    mutating func checkVersions() {
        for index in program.rules.indices {
            var versions = program.rules[index].versions
            for v in versions {
                if let from = v.from, let until = v.until, until < from {
                    report(Messages.untilBeforeFrom, [until.description, from.description], at: v.range)
                }
            }
            guard versions.count > 1 else { continue }
            let name = program.rules[index].name
            if let open = versions.first(where: { $0.from == nil }) {
                report(Messages.versionWithoutStart, [name], at: open.range,
                       notes: versions.filter { $0.range != open.range }.prefix(1).map { declaredHere($0.range) })
                continue
            }
            versions.sort { $0.from! < $1.from! }
            for (a, b) in zip(versions, versions.dropFirst()) {
                let overlaps = a.from! == b.from! || (a.until.map { $0 >= b.from! } ?? false)
                if overlaps {
                    report(Messages.versionsOverlap, [name, a.from!.description, b.from!.description], at: b.range,
                           notes: [declaredHere(a.range)])
                }
            }
            program.rules[index].versions = versions
        }
    }

    /// The end of a version's validity: its `until`, or the day before the next version starts.
    func effectiveEnd(of version: Int, in rule: RuleSymbol) -> CivilDate? {
        let v = rule.versions[version]
        if let until = v.until { return until }
        guard version + 1 < rule.versions.count, let next = rule.versions[version + 1].from else { return nil }
        return next.adding(days: -1)
    }

    mutating func warnUnconfirmedWithoutSource() {
        for rule in program.rules {
            for version in rule.versions {
                let header = ruleHeader(program.declaration(version.location))
                if header?.unconfirmed != nil, header?.sources.isEmpty ?? true,
                    program.files[version.location.file].fileSource == nil
                {
                    report(Messages.unconfirmedWithoutSource, [rule.name], at: version.range)
                }
            }
        }
    }

    func ruleHeader(_ declaration: Declaration) -> RuleHeader? {
        switch declaration.kind {
        case .constant(let d): return d.header
        case .lookup(let d): return d.header
        case .indicator(let d): return d.header
        case .value(let d): return d.header
        case .score(let d): return d.header
        case .table(let d): return d.header
        default: return nil
        }
    }
}

extension Checker {
    /// The values `in …` admits for a field of `type`: a range or a list of literal constants.
    mutating func allowedValues(_ expr: Expr, field: String, type: RType) -> AllowedValues? {
        func constant(_ e: Expr) -> Value? {
            switch e.kind {
            case .integer(let text):
                if let i = Int64(text.filter { $0 != "_" }) { return .int(i) }
                return ExactDecimal(text.filter { $0 != "_" }).map { .decimal($0) }
            case .decimal(let text): return ExactDecimal(text.filter { $0 != "_" }).map { .decimal($0) }
            case .string(let s): return .string(s)
            case .date(let text): return CivilDate(iso: text).map { .date($0) }
            case .unary(.negate, let inner):
                switch constant(inner) {
                case .int(let i)?: return i == .min ? nil : .int(-i)
                case .decimal(let d)?: return (try? d.negated()).map { .decimal($0) }
                default: return nil
                }
            default: return nil
            }
        }
        func fits(_ v: Value) -> Bool {
            switch (type.base, v) {
            case (.int, .int), (.decimal, .int), (.decimal, .decimal), (.money, .int), (.money, .decimal), (.string, .string), (.date, .date): return true
            default: return false
            }
        }
        let allowed: AllowedValues
        switch expr.kind {
        case .range(let low, let high, let inclusive):
            guard let a = constant(low), let b = constant(high) else {
                report(Messages.allowedNotConstant, [field], at: expr.range)
                return nil
            }
            if case .string = a {
                report(Messages.allowedNotConstant, [field], at: expr.range)
                return nil
            }
            guard fits(a), fits(b) else {
                report(Messages.allowedWrongType, [field, spell(type)], at: expr.range)
                return nil
            }
            if let order = ValueOrder.compare(a, b), order > 0 || (order == 0 && !inclusive) {
                report(Messages.emptyRange, [], at: expr.range)
                return nil
            }
            allowed = .range(low: a, high: b, inclusiveUpper: inclusive)
        case .list(let items):
            var values: [Value] = []
            for item in items {
                guard let v = constant(item) else {
                    report(Messages.allowedNotConstant, [field], at: item.range)
                    return nil
                }
                guard fits(v) else {
                    report(Messages.allowedWrongType, [field, spell(type)], at: item.range)
                    return nil
                }
                values.append(v)
            }
            allowed = .oneOf(values)
        default:
            report(Messages.allowedNotConstant, [field], at: expr.range)
            return nil
        }
        return allowed
    }
}
