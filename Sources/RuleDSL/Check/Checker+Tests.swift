/// `test` blocks: the record given, and each expectation's rule and value.
extension Checker {
    mutating func checkTests() {
        for location in program.tests {
            guard case .test(let test) = program.declaration(location).kind else { continue }
            var scope = Scope(file: location.file, module: fileModule[location.file])
            scope.inTest = true
            if let asOf = test.asOf {
                _ = parseDate(asOf)
            } else {
                report(Messages.testWithoutDate, [test.title.value], at: test.title.range)
            }
            var schema: Int?
            if let given = test.given {
                let type = checkExpression(given, scope: &scope, expected: nil)
                if case .record(let s) = type.base {
                    schema = s
                } else if !type.isError {
                    report(Messages.givenNotRecord, [spell(type)], at: given.range)
                }
            }
            for expectation in test.expectations {
                checkExpectation(expectation, schema: schema, scope: &scope)
            }
        }
    }

    private mutating func checkExpectation(_ expectation: Expectation, schema: Int?, scope: inout Scope) {
        let name: QualifiedName
        switch expectation.kind {
        case .fired(let n), .notFired(let n), .notInForce(let n), .error(let n), .undetermined(let n, _), .compare(let n, _, _): name = n
        }
        var fieldPath: [Int] = []
        var fieldType: RType?
        var resolved = resolveRuleName(name, scope: scope, reportUnknown: false)
        if resolved == nil, name.parts.count > 1 {
            // `table.output`: a rule's record result and a path of fields into it.
            for split in stride(from: name.parts.count - 1, through: 1, by: -1) {
                let prefix = QualifiedName(parts: Array(name.parts[..<split]))
                guard let rule = resolveRuleName(prefix, scope: scope, reportUnknown: false) else { continue }
                checkRule(rule)
                var type = program.rules[rule].resultType
                var path: [Int] = []
                for part in name.parts[split...] {
                    guard case .record(let s) = type.base, let slot = program.schemas[s].slot(of: part.name) else {
                        path = []
                        break
                    }
                    path.append(slot)
                    type = program.schemas[s].fields[slot].type
                }
                if path.count == name.parts.count - split {
                    resolved = rule
                    fieldPath = path
                    fieldType = type
                }
                break
            }
        }
        guard let rule = resolved ?? resolveRuleName(name, scope: scope) else { return }
        checkRule(rule)
        program.resolutions[expectation.id] = .rule(rule)
        if !fieldPath.isEmpty { program.expectationFields[expectation.id] = fieldPath }
        let symbol = program.rules[rule]
        if let schema, let subject = symbol.subjectSchema, subject != schema {
            report(Messages.subjectMismatch, [symbol.name, program.schemas[subject].name, program.schemas[schema].name],
                   at: name.range)
            return
        }
        switch expectation.kind {
        case .fired, .notFired:
            if symbol.kind != .indicator {
                report(Messages.expectFiredNeedsIndicator, [symbol.name, symbol.kind.rawValue], at: name.range)
            }
        case .notInForce, .error:
            break
        case .undetermined(_, let missing):
            guard let schema else { return }
            for path in missing where !isFieldPath(path, schema: schema) {
                report(Messages.unknownField, [path.description, program.schemas[schema].name], at: path.range,
                       suggestion: Suggestions.closest(to: path.description, among: program.schemas[schema].fields.map(\.name)))
            }
        case .compare(_, let op, let value):
            if symbol.kind == .lookup {
                report(Messages.lookupNeedsKey, [symbol.name], at: name.range)
                return
            }
            let resultType = fieldType ?? (symbol.kind == .indicator ? RType.bool : symbol.resultType)
            let type = checkExpression(value, scope: &scope, expected: resultType.base)
            if !type.isError, !resultType.isError {
                checkComparable(BinaryOp(rawValue: op.rawValue)!, resultType, type, at: value.range)
            }
        }
    }

    /// True when `path` (`headcount_prev`, `address.region`) names a field of the schema.
    private func isFieldPath(_ path: QualifiedName, schema: Int) -> Bool {
        var current = schema
        for (i, part) in path.parts.enumerated() {
            guard let slot = program.schemas[current].slot(of: part.name) else { return false }
            if i == path.parts.count - 1 { return true }
            var type = program.schemas[current].fields[slot].type.base
            if case .list(let e) = type { type = e.base }
            guard case .record(let next) = type else { return false }
            current = next
        }
        return true
    }
}
