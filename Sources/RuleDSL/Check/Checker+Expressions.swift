/// Typing expressions: literals, operators, conditionals, lists, records and list expressions.
/// Names, members and calls are in Checker+Names.swift.
extension Checker {
    /// Checks an expression, records its type, and returns it. `expected` is a hint (for bare enum
    /// case names and empty lists), not a requirement: callers check fit themselves.
    @discardableResult
    mutating func checkExpression(_ expr: Expr, scope: inout Scope, expected: RType?) -> RType {
        // A rule is checked inside the expression that first names it, so around a dependency cycle
        // the expression walks nest: bound their total depth (a rule counting as 8 levels) so that
        // the stack cannot run out.
        guard expressionDepth + 8 * ruleStack.count < Self.maximumExpressionDepth else {
            if !reportedTooDeep { report(Messages.nestedTooDeeply, [], at: expr.range) }
            reportedTooDeep = true
            return .error
        }
        expressionDepth += 1
        defer { expressionDepth -= 1 }
        let type = inferType(expr, scope: &scope, expected: expected)
        program.types[expr.id] = type
        return type
    }

    private mutating func inferType(_ expr: Expr, scope: inout Scope, expected: RType?) -> RType {
        switch expr.kind {
        case .error:
            return .error
        case .integer(let text):
            guard let value = Int64(text.filter { $0 != "_" }) else {
                report(Messages.integerTooLarge, [text], at: expr.range)
                return .error
            }
            program.literals[expr.id] = .int(value)
            return .int
        case .decimal(let text):
            guard let value = ExactDecimal(text) else {
                report(Messages.decimalOutOfRange, [text], at: expr.range)
                return .error
            }
            program.literals[expr.id] = .decimal(value)
            return .decimal
        case .percent(let text):
            guard let number = ExactDecimal(String(text.dropLast())),
                let value = try? number.divided(by: ExactDecimal(100))
            else {
                report(Messages.decimalOutOfRange, [text], at: expr.range)
                return .error
            }
            program.literals[expr.id] = .decimal(value)
            return .percent
        case .string(let text):
            program.literals[expr.id] = .string(text)
            return .string
        case .bool(let b):
            program.literals[expr.id] = .bool(b)
            return .bool
        case .date(let text):
            guard let date = CivilDate(iso: text) else {
                report(Messages.invalidDate, [text], at: expr.range)
                return .error
            }
            program.literals[expr.id] = .date(date)
            return .date
        case .datetime(let text):
            guard let value = DateTimeValue(iso: text) else {
                report(Messages.invalidDateTime, [text], at: expr.range)
                return .error
            }
            program.literals[expr.id] = .datetime(value)
            return .datetime
        case .duration(let amount, let unit):
            return checkDuration(expr, amount: amount, unit: unit)
        case .missing:
            program.literals[expr.id] = .missing
            return .nothing
        case .name(let identifier):
            return checkName(expr, identifier, scope: &scope, expected: expected)
        case .member(let base, let member):
            return checkMember(expr, base: base, member: member, scope: &scope)
        case .call(let callee, let arguments):
            return checkCall(expr, callee: callee, arguments: arguments, scope: &scope, expected: expected)
        case .unary(let op, let operand):
            return checkUnary(expr, op, operand, scope: &scope)
        case .binary(let op, let left, let right):
            return checkBinary(expr, op, left, right, scope: &scope, expected: expected)
        case .isMissing(let operand, _):
            let type = checkExpression(operand, scope: &scope, expected: nil)
            if !type.isError, !type.isOptional, !isListElementOrRule(operand) {
                report(Messages.neverMissing, [operand.rangeText(program.files), spell(type)], at: operand.range)
            }
            return .bool
        case .membership(let element, let container, _):
            return checkMembership(element, container, scope: &scope)
        case .range:
            report(Messages.rangeOutsideIn, [], at: expr.range)
            return .error
        case .conditional(let condition, let thenBranch, let elseBranch):
            let c = checkExpression(condition, scope: &scope, expected: .bool)
            if !c.isError, c.base != .bool { report(Messages.conditionNotBool, [spell(c)], at: condition.range) }
            let a = checkExpression(thenBranch, scope: &scope, expected: expected)
            let b = checkExpression(elseBranch, scope: &scope, expected: expected ?? a)
            guard let joined = RType.join(a, b) else {
                report(Messages.branchesDiffer, [spell(a), spell(b)], at: elseBranch.range)
                return .error
            }
            return joined
        case .list(let elements):
            var elementType: RType? = nil
            if case .list(let e)? = expected?.base { elementType = e }
            var joined: RType? = nil
            for element in elements {
                let t = checkExpression(element, scope: &scope, expected: elementType ?? joined)
                if let current = joined {
                    guard let j = RType.join(current, t) else {
                        report(Messages.listElementsDiffer, [spell(current), spell(t)], at: element.range)
                        return .error
                    }
                    joined = j
                } else {
                    joined = t
                }
            }
            return .list(joined ?? elementType ?? .nothing)
        case .record(let name, let fields):
            return checkRecordLiteral(expr, name: name, fields: fields, scope: &scope)
        case .update(let base, let fields):
            let type = checkExpression(base, scope: &scope, expected: nil)
            guard case .record(let schema) = type.base else {
                if !type.isError { report(Messages.withNeedsRecord, [spell(type)], at: base.range) }
                return .error
            }
            checkFieldInits(fields, schema: schema, scope: &scope, requireAll: false, at: expr.range)
            return .record(schema)
        case .comprehension:
            report(Messages.listExpressionOutsideAggregate, [], at: expr.range)
            return .error
        }
    }

    /// `x is missing` on a required field is suspicious, but list variables and rule results may be missing.
    private func isListElementOrRule(_ expr: Expr) -> Bool {
        if case .rule? = program.resolutions[expr.id] { return true }
        return false
    }

    private mutating func checkDuration(_ expr: Expr, amount: Expr, unit: Identifier) -> RType {
        guard case .integer(let text) = amount.kind, let n = Int64(text.filter { $0 != "_" }), n <= Int64(Int32.max) else {
            report(Messages.durationNeedsWholeNumber, [unit.name], at: amount.range)
            return .error
        }
        if let working = DurationUnit(word: unit.name), working.isWorking {
            let amount = Int64(n)
            let work: WorkDuration
            switch working {
            case .workdays: work = WorkDuration(days: Int32(clamping: amount), seconds: 0)
            case .workhours: work = WorkDuration(days: 0, seconds: amount * 3600)
            default: work = WorkDuration(days: 0, seconds: amount * 60)
            }
            program.literals[expr.id] = .workDuration(work)
            return .duration
        }
        let value: DurationValue?
        switch DurationUnit(word: unit.name) {
        case .years?: value = .years(Int(n))
        case .months?: value = .months(Int(n))
        case .weeks?: value = .weeks(Int(n))
        case .days?: value = .days(Int(n))
        case .hours?: value = .hours(Int(n))
        case .minutes?: value = .minutes(Int(n))
        case .seconds?: value = .seconds(Int(n))
        case nil, .workdays?, .workhours?, .workminutes?: value = nil
        }
        guard let value else {
            report(Messages.integerTooLarge, [text], at: amount.range)
            return .error
        }
        program.literals[expr.id] = .duration(value)
        return .duration
    }

    private mutating func checkUnary(_ expr: Expr, _ op: UnaryOp, _ operand: Expr, scope: inout Scope) -> RType {
        let type = checkExpression(operand, scope: &scope, expected: op == .not ? .bool : nil)
        if type.isError { return .error }
        switch op {
        case .not:
            if type.base != .bool { report(Messages.operatorOperand, ["not", "bool", spell(type)], at: operand.range) }
            return .bool
        case .negate:
            if type.base.isNumeric || type.base == .duration {
                if let value = program.literals[operand.id] { foldNegation(expr, value) }
                return type
            }
            report(Messages.operatorOperand, ["-", "number", spell(type)], at: operand.range)
            return .error
        }
    }

    private mutating func foldNegation(_ expr: Expr, _ value: Value) {
        switch value {
        case .int(let i) where i != Int64.min: program.literals[expr.id] = .int(-i)
        case .decimal(let d): if let n = try? d.negated() { program.literals[expr.id] = .decimal(n) }
        case .duration(let d): if let n = d.negated() { program.literals[expr.id] = .duration(n) }
        default: break
        }
    }

    private mutating func checkBinary(
        _ expr: Expr, _ op: BinaryOp, _ left: Expr, _ right: Expr, scope: inout Scope, expected: RType?
    ) -> RType {
        switch op {
        case .and, .or:
            for side in [left, right] {
                let t = checkExpression(side, scope: &scope, expected: .bool)
                if !t.isError, t.base != .bool { report(Messages.operatorOperand, [op.rawValue, "bool", spell(t)], at: side.range) }
            }
            return .bool
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            let a = checkExpression(left, scope: &scope, expected: nil)
            let b = checkExpression(right, scope: &scope, expected: a.isError ? nil : a.base)
            if a.isError || b.isError { return .bool }
            checkComparable(op, a, b, at: expr.range)
            return .bool
        case .coalesce:
            let a = checkExpression(left, scope: &scope, expected: expected)
            let b = checkExpression(right, scope: &scope, expected: a.base)
            if a.isError || b.isError { return .error }
            if !a.isOptional { report(Messages.neverMissing, [left.rangeText(program.files), spell(a)], at: left.range) }
            guard let joined = RType.join(a.base, b) else {
                report(Messages.branchesDiffer, [spell(a.base), spell(b)], at: right.range)
                return .error
            }
            return joined
        case .add, .subtract, .multiply, .divide:
            let a = checkExpression(left, scope: &scope, expected: nil)
            let b = checkExpression(right, scope: &scope, expected: nil)
            if a.isError || b.isError { return .error }
            let optional = a.isOptional || b.isOptional
            if let result = RType.arithmetic(op, a, b) { return optional ? result.optionalized : result }
            switch (op, a.base, b.base) {
            case (.add, .date, .duration), (.subtract, .date, .duration): return optional ? .optional(.date) : .date
            case (.add, .datetime, .duration), (.subtract, .datetime, .duration): return optional ? .optional(.datetime) : .datetime
            case (.add, .duration, .duration), (.subtract, .duration, .duration): return optional ? .optional(.duration) : .duration
            case (.add, .string, .string): return optional ? .optional(.string) : .string
            case (.multiply, .int, .duration), (.multiply, .duration, .int): return optional ? .optional(.duration) : .duration
            default:
                report(Messages.arithmeticTypes, [op.rawValue, spell(a), spell(b)], at: expr.range)
                return .error
            }
        }
    }

    /// Reports a comparison between values that cannot be compared.
    mutating func checkComparable(_ op: BinaryOp, _ a: RType, _ b: RType, at range: SourceRange) {
        let x = a.base
        let y = b.base
        if case .nothing = x { return }
        if case .nothing = y { return }
        let compatible = (x.isNumeric && y.isNumeric) || x == y
        if !compatible {
            report(Messages.incomparable, [spell(a), spell(b)], at: range)
            return
        }
        if op != .equal && op != .notEqual {
            var ordered = x.isOrdered
            if case .enumeration = x { ordered = true }
            if !ordered { report(Messages.unordered, [spell(x)], at: range) }
        }
    }

    private mutating func checkMembership(_ element: Expr, _ container: Expr, scope: inout Scope) -> RType {
        let e = checkExpression(element, scope: &scope, expected: nil)
        if case .range(let lo, let hi, _) = container.kind {
            let l = checkExpression(lo, scope: &scope, expected: e.base)
            let h = checkExpression(hi, scope: &scope, expected: e.base)
            program.types[container.id] = e
            if !e.isError {
                checkComparable(.less, e, l, at: lo.range)
                checkComparable(.less, e, h, at: hi.range)
            }
            return .bool
        }
        let c = checkExpression(container, scope: &scope, expected: e.isError ? nil : .list(e.base))
        if e.isError || c.isError { return .bool }
        guard case .list(let elementType) = c.base else {
            report(Messages.inNeedsList, [spell(c)], at: container.range)
            return .bool
        }
        checkComparable(.equal, e, elementType, at: element.range.union(container.range))
        return .bool
    }

    // MARK: - Records

    private mutating func checkRecordLiteral(_ expr: Expr, name: QualifiedName, fields: [FieldInit], scope: inout Scope) -> RType {
        guard case .schema(let schema)? = lookupType(name, file: scope.file) else {
            let names = visibleModules(file: scope.file).flatMap { typeNames[$0].map { Array($0.keys) } ?? [] }
            report(Messages.unknownType, [name.description], at: name.range,
                   suggestion: Suggestions.closest(to: name.description, among: names))
            for field in fields { checkExpression(field.value, scope: &scope, expected: nil) }
            return .error
        }
        checkFieldInits(fields, schema: schema, scope: &scope, requireAll: true, at: name.range)
        return .record(schema)
    }

    mutating func checkFieldInits(_ fields: [FieldInit], schema: Int, scope: inout Scope, requireAll: Bool, at range: SourceRange) {
        let info = program.schemas[schema]
        var given: Set<String> = []
        for field in fields {
            guard let slot = info.slot(of: field.name.name) else {
                report(Messages.unknownField, [field.name.name, info.name], at: field.name.range,
                       suggestion: Suggestions.closest(to: field.name.name, among: info.fields.map(\.name)))
                checkExpression(field.value, scope: &scope, expected: nil)
                continue
            }
            if !given.insert(field.name.name).inserted {
                report(Messages.duplicateClause, [field.name.name], at: field.name.range)
            }
            let declared = info.fields[slot].type
            let type = checkExpression(field.value, scope: &scope, expected: declared)
            if !type.fits(declared) {
                report(Messages.fieldTypeMismatch, [field.name.name, spell(declared), spell(type)], at: field.value.range)
            }
        }
        if requireAll {
            let absent = info.fields.filter { !$0.type.isOptional && !$0.type.isError && !given.contains($0.name) && !isList($0.type) }
            if !absent.isEmpty {
                report(Messages.requiredFieldsAbsent, [info.name, absent.map(\.name).joined(separator: ", ")], at: range)
            }
        }
    }

    /// Lists may be left out of a record literal: they are then empty.
    private func isList(_ type: RType) -> Bool {
        if case .list = type { return true }
        return false
    }
}
