/// Resolving names: variables, fields, rules (in the module, imported, or qualified), enum cases,
/// built-in functions and lookups. Every resolution is recorded for the compiler.
extension Checker {
    mutating func checkName(_ expr: Expr, _ identifier: Identifier, scope: inout Scope, expected: RType?) -> RType {
        let name = identifier.name
        if let local = scope.local(name) {
            program.resolutions[expr.id] = .local(local.slot)
            return local.type
        }
        if let subject = scope.subject, subject.name == name {
            program.resolutions[expr.id] = .subject
            return .record(subject.schema)
        }
        if name == "as_of" {
            program.resolutions[expr.id] = .asOf
            return .date
        }
        // A bare case name where an enum is expected: `| harmful_3_1 |`, `e.class == harmful_3_1`.
        if case .enumeration(let e)? = expected?.base, let c = program.enums[e].caseIndex[name] {
            program.resolutions[expr.id] = .enumCase(EnumCase(enumIndex: Int32(e), caseIndex: Int32(c)))
            program.literals[expr.id] = .enumCase(EnumCase(enumIndex: Int32(e), caseIndex: Int32(c)))
            return .enumeration(e)
        }
        if let rule = resolveRuleName(QualifiedName(parts: [identifier]), scope: scope, reportUnknown: false) {
            return referenceRule(expr, rule, scope: &scope)
        }
        if Builtins.named(name) != nil {
            report(Messages.functionNeedsCall, [name], at: identifier.range)
            return .error
        }
        report(Messages.unknownName, [name], at: identifier.range,
               suggestion: Suggestions.closest(to: name, among: visibleNames(scope)))
        return .error
    }

    /// Every name visible in the scope (for suggestions).
    func visibleNames(_ scope: Scope) -> [String] {
        var names = scope.locals.map(\.name)
        if let subject = scope.subject { names.append(subject.name) }
        for module in visibleModules(file: scope.file) { names += ruleNames[module].map { Array($0.keys) } ?? [] }
        return names + ["as_of"]
    }

    /// A reference to a rule's result from an expression.
    mutating func referenceRule(_ expr: Expr, _ rule: Int, scope: inout Scope) -> RType {
        checkRule(rule)
        let symbol = program.rules[rule]
        if symbol.kind == .lookup {
            report(Messages.lookupNeedsKey, [symbol.name], at: expr.range)
            return .error
        }
        if let schema = symbol.subjectSchema {
            guard let subject = scope.subject, subject.schema == schema else {
                let here = scope.subject.map { program.schemas[$0.schema].name } ?? "—"
                report(Messages.subjectMismatch, [symbol.name, program.schemas[schema].name, here], at: expr.range)
                return .error
            }
        }
        program.resolutions[expr.id] = .rule(rule)
        noteDependency(on: rule, scope: scope)
        if symbol.kind == .indicator { return .bool }
        // Values over optional data, tables and scores may be undetermined for some records.
        switch symbol.kind {
        case .table, .score: return symbol.resultType.optionalized
        default: return symbol.resultType
        }
    }

    mutating func noteDependency(on rule: Int, scope: Scope) {
        if slaReads != nil { slaReads!.insert(rule) }
        guard let current = scope.rule, !scope.inTest, current != rule else { return }
        program.rules[current].directDependencies.insert(rule)
        program.rules[current].indicatorDependencies.formUnion(program.rules[rule].indicatorDependencies)
        if program.rules[rule].kind == .indicator { program.rules[current].indicatorDependencies.insert(rule) }
    }

    /// Finds a rule by a plain or module-qualified name among the modules the scope's file sees.
    mutating func resolveRuleName(_ name: QualifiedName, scope: Scope, reportUnknown: Bool = true) -> Int? {
        let last = name.parts.last!.name
        if name.parts.count == 1 {
            if let own = ruleNames[scope.module]?[last] { return own }
            let found = fileImports[scope.file].compactMap { ruleNames[$0]?[last] }
            if found.count > 1 {
                let modules = found.map { program.rules[$0].module }.joined(separator: ", ")
                report(Messages.ambiguousName, [last, modules], at: name.range)
            }
            if let first = found.first { return first }
        } else {
            let module = name.parts.dropLast().map(\.name).joined(separator: ".")
            if visibleModules(file: scope.file).contains(module), let rule = ruleNames[module]?[last] { return rule }
            if moduleFiles[module] != nil, !visibleModules(file: scope.file).contains(module) {
                if reportUnknown { report(Messages.moduleNotImported, [module], at: name.range) }
                return nil
            }
        }
        if reportUnknown {
            var candidates: [String] = []
            for module in visibleModules(file: scope.file) { candidates += ruleNames[module].map { Array($0.keys) } ?? [] }
            report(Messages.unknownName, [name.description], at: name.range,
                   suggestion: Suggestions.closest(to: last, among: candidates))
        }
        return nil
    }

    // MARK: - Members

    mutating func checkMember(_ expr: Expr, base: Expr, member: Identifier, scope: inout Scope) -> RType {
        if let dotted = base.dottedName, scope.local(dotted.parts[0].name) == nil,
            scope.subject?.name != dotted.parts[0].name
        {
            // Enum.case
            if case .enumeration(let e)? = lookupType(dotted, file: scope.file) {
                guard let c = program.enums[e].caseIndex[member.name] else {
                    report(Messages.unknownEnumCase, [member.name, program.enums[e].name], at: member.range,
                           suggestion: Suggestions.closest(to: member.name, among: program.enums[e].cases.map(\.name)))
                    return .error
                }
                let value = EnumCase(enumIndex: Int32(e), caseIndex: Int32(c))
                program.resolutions[expr.id] = .enumCase(value)
                program.literals[expr.id] = .enumCase(value)
                return .enumeration(e)
            }
            // module.rule
            let module = dotted.description
            if moduleFiles[module] != nil {
                guard let rule = resolveRuleName(QualifiedName(parts: dotted.parts + [member]), scope: scope) else { return .error }
                return referenceRule(expr, rule, scope: &scope)
            }
        }
        let baseType = checkExpression(base, scope: &scope, expected: nil)
        if baseType.isError { return .error }
        guard case .record(let schema) = baseType.base else {
            report(Messages.noFields, [member.name, spell(baseType)], at: member.range)
            return .error
        }
        let info = program.schemas[schema]
        guard let slot = info.slot(of: member.name) else {
            report(Messages.unknownField, [member.name, info.name], at: member.range,
                   suggestion: Suggestions.closest(to: member.name, among: info.fields.map(\.name)))
            return .error
        }
        program.resolutions[expr.id] = .field(slot)
        let type = info.fields[slot].type
        return baseType.isOptional ? type.optionalized : type
    }

    // MARK: - Calls

    mutating func checkCall(_ expr: Expr, callee: Expr, arguments: [Expr], scope: inout Scope, expected: RType?) -> RType {
        guard let name = callee.dottedName else {
            report(Messages.notCallable, [callee.rangeText(program.files)], at: callee.range)
            return .error
        }
        if name.parts.count == 1, let builtin = Builtins.named(name.parts[0].name), scope.local(builtin.name) == nil {
            program.resolutions[callee.id] = .builtin(builtin.name)
            if builtin.isAggregate { return checkAggregate(expr, builtin, arguments, scope: &scope) }
            return checkBuiltinCall(expr, builtin, arguments, scope: &scope)
        }
        guard let rule = resolveRuleName(name, scope: scope) else {
            for argument in arguments { checkExpression(argument, scope: &scope, expected: nil) }
            return .error
        }
        checkRule(rule)
        let symbol = program.rules[rule]
        program.resolutions[callee.id] = .rule(rule)
        switch symbol.kind {
        case .lookup:
            guard arguments.count == 1 else {
                report(Messages.argumentCount, [symbol.name, "1", String(arguments.count)], at: expr.range)
                return .error
            }
            let keyType = checkExpression(arguments[0], scope: &scope, expected: symbol.keyType)
            if !keyType.isError, !keyType.base.fits(symbol.keyType.base) {
                report(Messages.typeMismatch, [spell(symbol.keyType), spell(keyType)], at: arguments[0].range)
            }
            noteDependency(on: rule, scope: scope)
            program.resolutions[expr.id] = .rule(rule)
            return keyType.isOptional ? symbol.resultType.optionalized : symbol.resultType
        case .constant:
            report(Messages.notCallable, [symbol.name], at: callee.range)
            return .error
        default:
            // risk_score(e): a rule applied to the rule's own subject.
            guard arguments.count == 1 else {
                report(Messages.argumentCount, [symbol.name, "1", String(arguments.count)], at: expr.range)
                return .error
            }
            let argumentType = checkExpression(arguments[0], scope: &scope, expected: nil)
            if argumentType.isError { return .error }
            guard case .subject? = program.resolutions[arguments[0].id] else {
                report(Messages.ruleOnOtherRecord, [symbol.name, scope.subject?.name ?? "e"], at: arguments[0].range)
                return .error
            }
            return referenceRule(expr, rule, scope: &scope)
        }
    }

    private mutating func checkBuiltinCall(_ expr: Expr, _ builtin: Builtin, _ arguments: [Expr], scope: inout Scope) -> RType {
        if Self.calendarFunctions.contains(builtin.name) { return checkCalendarCall(expr, builtin, arguments, scope: &scope) }
        if builtin.name == "mentions" { return checkMentions(expr, builtin, arguments, scope: &scope) }
        var types: [RType] = []
        for (i, argument) in arguments.enumerated() {
            if builtin.name == "round", i == 2, case .name(let id) = argument.kind {
                guard let mode = RoundingMode(rawValue: id.name) else {
                    report(Messages.unknownRoundingMode, [id.name], at: argument.range,
                           suggestion: Suggestions.closest(to: id.name, among: RoundingMode.allCases.map(\.rawValue)))
                    return .error
                }
                program.resolutions[argument.id] = .roundingMode(mode)
                program.literals[argument.id] = .string(mode.rawValue)
                program.types[argument.id] = .string
                types.append(.string)
                continue
            }
            types.append(checkExpression(argument, scope: &scope, expected: nil))
        }
        if types.contains(where: \.isError) { return .error }
        if builtin.name == "round", arguments.count == 3, program.resolutions[arguments[2].id] == nil {
            report(Messages.roundNeedsMode, [], at: arguments[2].range)
            return .error
        }
        if builtin.name == "matches", arguments.count == 2 {
            guard case .string(let pattern)? = program.literals[arguments[1].id] else {
                report(Messages.patternNotLiteral, [], at: arguments[1].range)
                return .error
            }
            if !Self.isValidPattern(pattern) { report(Messages.invalidPattern, [pattern], at: arguments[1].range) }
        }
        guard let result = builtin.check(types) else {
            let given = types.map(spell).joined(separator: ", ")
            report(Messages.builtinArguments, [builtin.name, given, builtin.signatures.joined(separator: "; ")], at: expr.range)
            return .error
        }
        return types.contains(where: \.isOptional) ? result.optionalized : result
    }

    // MARK: - List functions

    private mutating func checkAggregate(_ expr: Expr, _ builtin: Builtin, _ arguments: [Expr], scope: inout Scope) -> RType {
        let name = builtin.name
        // min(a, b, …) and max(a, b, …) over plain values.
        if (name == "min" || name == "max"), arguments.count >= 2 {
            var joined: RType?
            for argument in arguments {
                let t = checkExpression(argument, scope: &scope, expected: joined)
                if t.isError { return .error }
                guard t.base.isOrdered else {
                    report(Messages.unordered, [spell(t)], at: argument.range)
                    return .error
                }
                guard let j = joined.map({ RType.join($0, t) }) ?? t else {
                    report(Messages.listElementsDiffer, [spell(joined!), spell(t)], at: argument.range)
                    return .error
                }
                joined = j
            }
            return joined ?? .error
        }
        guard arguments.count == 1 else {
            report(Messages.builtinArguments, [name, String(arguments.count) + " arguments", builtin.signatures.joined(separator: "; ")],
                   at: expr.range)
            return .error
        }
        let argument = arguments[0]
        var element: RType
        var optionalSource = false
        if case .comprehension(let c) = argument.kind {
            let sourceType = checkExpression(c.source, scope: &scope, expected: nil)
            if sourceType.isError { return .error }
            guard case .list(let e) = sourceType.base else {
                report(Messages.inNeedsList, [spell(sourceType)], at: c.source.range)
                return .error
            }
            optionalSource = sourceType.isOptional
            let slot = scope.nextSlot
            scope.locals.append((c.variable.name, slot, e))
            program.localSlots = max(program.localSlots, scope.locals.count)
            program.resolutions[argument.id] = .local(slot)
            defer { scope.locals.removeLast() }
            if let filter = c.filter {
                let t = checkExpression(filter, scope: &scope, expected: .bool)
                if !t.isError, t.base != .bool { report(Messages.conditionNotBool, [spell(t)], at: filter.range) }
            }
            if let projection = c.projection {
                element = checkExpression(projection, scope: &scope, expected: nil)
            } else {
                element = e
            }
            program.types[argument.id] = .list(element)
        } else {
            let t = checkExpression(argument, scope: &scope, expected: nil)
            if t.isError { return .error }
            guard case .list(let e) = t.base else {
                report(Messages.inNeedsList, [spell(t)], at: argument.range)
                return .error
            }
            optionalSource = t.isOptional
            element = e
        }
        if element.isError { return .error }
        let result: RType
        switch name {
        case "count":
            result = .int
        case "any", "all":
            if case .comprehension(let c) = argument.kind, c.projection == nil, c.filter != nil {
                result = .bool
            } else if element.base == .bool {
                result = .bool
            } else {
                report(Messages.builtinArguments, [name, "list of \(spell(element))", builtin.signatures.joined(separator: "; ")], at: expr.range)
                return .error
            }
        case "sum", "avg":
            guard element.base.isNumeric else {
                report(Messages.builtinArguments, [name, "list of \(spell(element))", builtin.signatures.joined(separator: "; ")], at: expr.range)
                return .error
            }
            result = name == "sum" ? element.base : (element.base == .money ? .money : .decimal)
        case "min", "max":
            guard element.base.isOrdered else {
                report(Messages.unordered, [spell(element)], at: argument.range)
                return .error
            }
            result = element.base.optionalized
        case "filter":
            if case .comprehension(let c) = argument.kind, c.projection == nil {
                result = .list(element)
            } else {
                report(Messages.builtinArguments, [name, spell(element), builtin.signatures.joined(separator: "; ")], at: expr.range)
                return .error
            }
        default:  // map
            guard case .comprehension(let c) = argument.kind, c.projection != nil else {
                report(Messages.builtinArguments, [name, spell(element), builtin.signatures.joined(separator: "; ")], at: expr.range)
                return .error
            }
            result = .list(element)
        }
        return optionalSource || name == "avg" ? result.optionalized : result
    }

    /// `mentions(text, keywords)`: the second argument names a keyword set.
    private mutating func checkMentions(_ expr: Expr, _ builtin: Builtin, _ arguments: [Expr], scope: inout Scope) -> RType {
        guard arguments.count == 2 else {
            report(Messages.argumentCount, ["mentions", "2", String(arguments.count)], at: expr.range)
            return .error
        }
        let text = checkExpression(arguments[0], scope: &scope, expected: .string)
        guard let name = arguments[1].dottedName else {
            report(Messages.unknownKeywordSet, [arguments[1].rangeText(program.files)], at: arguments[1].range)
            return .error
        }
        var found: Int?
        for module in (name.parts.count == 1 ? visibleModules(file: scope.file) : [name.parts.dropLast().map(\.name).joined(separator: ".")]) {
            if case .keywords(let i)? = supportNames[module]?[name.parts.last!.name] { found = i; break }
        }
        guard let set = found else {
            let names = visibleModules(file: scope.file).flatMap { m in
                supportNames[m]?.compactMap { key, value -> String? in
                    if case .keywords = value { return key }
                    return nil
                } ?? []
            }
            report(Messages.unknownKeywordSet, [name.description], at: name.range, suggestion: Suggestions.closest(to: name.description, among: names))
            return .error
        }
        program.resolutions[arguments[1].id] = .keywordSet(set)
        if !text.isError, text.base != .string { report(Messages.typeMismatch, ["string", spell(text)], at: arguments[0].range) }
        return text.isOptional ? .optional(.bool) : .bool
    }

    /// A working-time function: a calendar name, then dates, moments and amounts.
    private mutating func checkCalendarCall(_ expr: Expr, _ builtin: Builtin, _ arguments: [Expr], scope: inout Scope) -> RType {
        guard let first = arguments.first, let name = first.dottedName, let calendar = lookupCalendar(name, file: scope.file) else {
            if let first = arguments.first, let name = first.dottedName {
                report(Messages.unknownCalendar, [name.description], at: first.range,
                       suggestion: Suggestions.closest(to: name.description, among: calendarCandidates(scope.file)))
            } else {
                report(Messages.calendarArgument, [builtin.name], at: expr.range)
            }
            for argument in arguments.dropFirst() { checkExpression(argument, scope: &scope, expected: nil) }
            return .error
        }
        program.resolutions[first.id] = .calendar(calendar)
        let types = arguments.dropFirst().map { checkExpression($0, scope: &scope, expected: nil) }
        if types.contains(where: \.isError) { return .error }
        let bases = types.map(\.base)
        let optional = types.contains(where: \.isOptional)
        let result: RType?
        switch builtin.name {
        case "workdays_between": result = bases == [.date, .date] ? .int : nil
        case "add_workdays": result = bases == [.date, .int] ? .date : nil
        case "next_workday": result = bases == [.date] ? .date : nil
        case "is_workday": result = bases == [.date] ? .bool : nil
        case "add_work_hours":
            result = bases.count >= 2 && bases.count <= 3 && bases[0] == .datetime && bases[1].isNumeric
                && (bases.count == 2 || bases[2] == .string) ? .datetime : nil
        default:  // work_hours_between
            result = bases.count >= 2 && bases.count <= 3 && bases[0] == .datetime && bases[1] == .datetime
                && (bases.count == 2 || bases[2] == .string) ? .decimal : nil
        }
        guard let result else {
            report(Messages.builtinArguments, [builtin.name, (["calendar"] + types.map(spell)).joined(separator: ", "),
                                               builtin.signatures.joined(separator: "; ")], at: expr.range)
            return .error
        }
        return optional ? result.optionalized : result
    }

    static func isValidPattern(_ pattern: String) -> Bool {
        RegexCache.compile(pattern) != nil
    }
}
