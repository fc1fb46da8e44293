/// Checking the body of each rule kind; rules are checked on first reference so that every rule
/// is checked after the rules it reads (and a dependency cycle is found on the way).
extension Checker {
    mutating func checkRule(_ index: Int) {
        switch ruleState[index] {
        case .done: return
        case .inProgress:
            let start = ruleStack.lastIndex(of: index) ?? 0
            let cycle = (ruleStack[start...] + [index]).map { program.rules[$0].name }
            report(Messages.ruleCycle, [cycle.joined(separator: " → ")], at: program.rules[index].versions[0].range)
            return
        case .unchecked:
            break
        }
        ruleState[index] = .inProgress
        ruleStack.append(index)
        defer {
            ruleStack.removeLast()
            ruleState[index] = .done
            program.order.append(index)
        }
        var types: [RType] = []
        var subjects: [(Int, SourceRange)] = []
        for version in program.rules[index].versions {
            let declaration = program.declaration(version.location)
            let file = version.location.file
            var scope = Scope(file: file, module: fileModule[file], rule: index)
            if let header = ruleHeader(declaration), let subject = header.subject {
                if let schema = resolveSubject(subject, file: file) {
                    scope.subject = (subject.variable.name, schema)
                    subjects.append((schema, subject.range))
                }
            }
            let type: RType
            switch declaration.kind {
            case .constant(let d): type = checkConstant(d, scope: &scope)
            case .lookup(let d): type = checkLookup(d, rule: index, scope: &scope)
            case .indicator(let d): type = checkIndicator(d, scope: &scope)
            case .value(let d): type = checkValue(d, scope: &scope)
            case .score(let d): type = checkScore(d, declaration: declaration.id, rule: index, scope: &scope)
            case .table(let d): type = checkTable(d, declaration: declaration, rule: index, scope: &scope)
            default: type = .error
            }
            types.append(type)
        }
        if let (first, _) = subjects.first {
            program.rules[index].subjectSchema = first
            for (schema, range) in subjects.dropFirst() where schema != first {
                report(Messages.versionSubjectMismatch, [program.rules[index].name, program.schemas[first].name,
                                                         program.schemas[schema].name], at: range)
            }
        }
        var result = types.first ?? .error
        for (type, version) in zip(types, program.rules[index].versions).dropFirst() {
            if let joined = RType.join(result, type) {
                result = joined
            } else {
                report(Messages.versionTypeMismatch, [program.rules[index].name, spell(result), spell(type)], at: version.range)
            }
        }
        if program.rules[index].kind == .indicator { result = .bool }
        program.rules[index].resultType = result
    }

    private mutating func resolveSubject(_ subject: SubjectBinding, file: Int) -> Int? {
        switch lookupType(subject.schema, file: file) {
        case .schema(let i)?:
            return i
        case .enumeration?:
            report(Messages.subjectNotSchema, [subject.schema.description], at: subject.schema.range)
            return nil
        case nil:
            let names = visibleModules(file: file).flatMap { module in
                typeNames[module]?.compactMap { key, value -> String? in
                    if case .schema = value { return key }
                    return nil
                } ?? []
            }
            report(Messages.unknownType, [subject.schema.description], at: subject.schema.range,
                   suggestion: Suggestions.closest(to: subject.schema.description, among: names))
            return nil
        }
    }

    // MARK: - Kinds

    private mutating func checkConstant(_ d: ConstDecl, scope: inout Scope) -> RType {
        let declared = d.type.map { resolveType($0, file: scope.file) }
        let type = checkExpression(d.value, scope: &scope, expected: declared)
        return conform(type, to: declared, at: d.value.range)
    }

    private mutating func checkValue(_ d: ValueDecl, scope: inout Scope) -> RType {
        let declared = d.type.map { resolveType($0, file: scope.file) }
        guard let value = d.value else { return declared ?? .error }
        let type = checkExpression(value, scope: &scope, expected: declared)
        return conform(type, to: declared, at: value.range)
    }

    /// Reports a value that does not fit its declared type; returns the declared type when given.
    mutating func conform(_ type: RType, to declared: RType?, at range: SourceRange) -> RType {
        guard let declared else { return type }
        if !type.fits(declared) {
            // A value over optional data may be missing: that is what undetermined means, not a type error.
            if !type.base.fits(declared.base) {
                report(Messages.typeMismatch, [spell(declared), spell(type)], at: range)
            }
        }
        return type.isOptional ? declared.optionalized : declared
    }

    private mutating func checkIndicator(_ d: IndicatorDecl, scope: inout Scope) -> RType {
        if let condition = d.condition {
            let type = checkExpression(condition, scope: &scope, expected: .bool)
            if !type.isError, type.base != .bool {
                report(Messages.conditionNotBool, [spell(type)], at: condition.range)
            }
        }
        if let weight = d.weight {
            let type = checkExpression(weight, scope: &scope, expected: .int)
            if !type.isError, !type.base.isNumeric || type.base == .money {
                report(Messages.weightNotNumber, [spell(type)], at: weight.range)
            }
        }
        if let because = d.because { checkTemplate(because, scope: &scope) }
        return .bool
    }

    mutating func checkTemplate(_ template: Template, scope: inout Scope) {
        for part in template.parts {
            if case .hole(let expr) = part { _ = checkExpression(expr, scope: &scope, expected: nil) }
        }
    }

    private mutating func checkLookup(_ d: LookupDecl, rule: Int, scope: inout Scope) -> RType {
        let keyType = resolveType(d.keyType, file: scope.file)
        let valueType = resolveType(d.valueType, file: scope.file)
        program.rules[rule].keyType = keyType
        var seen: [Value: SourceRange] = [:]
        for entry in d.entries {
            for key in entry.keys {
                let type = checkExpression(key, scope: &scope, expected: keyType)
                if !type.fits(keyType) {
                    report(Messages.typeMismatch, [spell(keyType), spell(type)], at: key.range)
                }
                guard let value = constantValue(key) else {
                    report(Messages.lookupKeyNotConstant, [], at: key.range)
                    continue
                }
                if let previous = seen[value] {
                    report(Messages.duplicateLookupKey, [key.rangeText(program.files)], at: key.range, notes: [declaredHere(previous)])
                }
                seen[value] = key.range
            }
            let type = checkExpression(entry.value, scope: &scope, expected: valueType)
            if !type.fits(valueType) { report(Messages.typeMismatch, [spell(valueType), spell(type)], at: entry.value.range) }
        }
        if let otherwise = d.otherwise {
            let type = checkExpression(otherwise, scope: &scope, expected: valueType)
            if !type.fits(valueType) { report(Messages.typeMismatch, [spell(valueType), spell(type)], at: otherwise.range) }
            return valueType
        }
        return valueType.optionalized
    }

    private mutating func checkScore(_ d: ScoreDecl, declaration: NodeID, rule: Int, scope: inout Scope) -> RType {
        guard let subject = scope.subject else { return .error }
        var members: [Int] = []
        if d.includesAll {
            for (i, other) in program.rules.enumerated()
            where other.kind == .indicator && other.module == scope.module && i != rule {
                checkRule(i)
                if program.rules[i].subjectSchema == subject.schema { members.append(i) }
            }
        }
        for name in d.members {
            guard let target = resolveRuleName(name, scope: scope) else { continue }
            checkRule(target)
            let symbol = program.rules[target]
            guard symbol.kind == .indicator else {
                report(Messages.scoreMemberNotIndicator, [name.description, symbol.kind.rawValue], at: name.range)
                continue
            }
            guard symbol.subjectSchema == nil || symbol.subjectSchema == subject.schema else {
                report(Messages.subjectMismatch, [name.description, program.schemas[symbol.subjectSchema!].name,
                                                  program.schemas[subject.schema].name], at: name.range)
                continue
            }
            if members.contains(target) {
                report(Messages.duplicateScoreMember, [name.description], at: name.range)
                continue
            }
            members.append(target)
        }
        if members.isEmpty { report(Messages.emptyScore, [program.rules[rule].name], at: program.rules[rule].versions[0].range) }
        var type = RType.int
        for member in members {
            program.rules[rule].directDependencies.insert(member)
            program.rules[rule].indicatorDependencies.insert(member)
            program.rules[rule].indicatorDependencies.formUnion(program.rules[member].indicatorDependencies)
            for version in program.rules[member].versions {
                if case .indicator(let ind) = program.declaration(version.location).kind, let weight = ind.weight,
                    program.type(of: weight).base != .int
                {
                    type = .decimal
                }
            }
        }
        program.scoreMembers[declaration] = members
        return type
    }
}

extension Expr {
    /// The expression's source text (for messages).
    func rangeText(_ files: [FileSyntax]) -> String {
        guard range.file >= 0, Int(range.file) < files.count else { return "" }
        return files[Int(range.file)].file.text(of: range)
    }
}
