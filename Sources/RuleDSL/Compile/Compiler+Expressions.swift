/// Expressions: literals, names, fields, rule references, operators, conditionals, records, calls.
extension Compiler {
    func compileUntraced(_ expr: Expr) -> Code {
        let type = program.type(of: expr)
        if let literal = program.literals[expr.id] { return literalCode(literal, type) }
        switch expr.kind {
        case .name, .member:
            return compileReference(expr, type)
        case .call(let callee, let arguments):
            return compileCall(expr, callee: callee, arguments: arguments, type)
        case .unary(.not, let operand):
            let c = compile(operand).asBool
            return .bool { f in c(&f).negated }
        case .unary(.negate, let operand):
            return compileNegation(operand, type)
        case .binary(let op, let left, let right):
            return compileBinary(op, left, right, type)
        case .isMissing(let operand, let negated):
            let c = compile(operand).asValue
            return .bool { f in
                let v = c(&f)
                return Tri(v.isMissing != negated)
            }
        case .membership(let element, let container, let negated):
            let code = compileMembership(element, container)
            return negated ? .bool { f in code(&f).negated } : .bool(code)
        case .conditional(let condition, let thenBranch, let elseBranch):
            return compileConditional(condition, thenBranch, elseBranch, type)
        case .list(let elements):
            let codes = elements.map { compile($0).asValue }
            return .value { f in .list(codes.map { $0(&f) }) }
        case .record(_, let fields):
            guard case .record(let schema) = type.base else { return .value { _ in .missing } }
            return compileRecord(schema: schema, base: nil, fields: fields)
        case .update(let base, let fields):
            guard case .record(let schema) = type.base else { return .value { _ in .missing } }
            return compileRecord(schema: schema, base: compile(base).asValue, fields: fields)
        default:
            return literalCode(.missing, type)
        }
    }

    // MARK: - References

    private func compileReference(_ expr: Expr, _ type: RType) -> Code {
        switch program.resolutions[expr.id] {
        case .subject?:
            return .value { f in .record(f.subject) }
        case .local(let slot)?:
            return adapt(.value { f in f.locals[slot] }, to: type)
        case .asOf?:
            return .value { f in .date(f.asOf) }
        case .rule(let rule)?:
            return ruleReference(rule, type)
        case .field(let slot)?:
            guard case .member(let base, _) = expr.kind else { return literalCode(.missing, type) }
            if case .subject? = program.resolutions[base.id] {
                switch representation(type) {
                case .number(let integral):
                    return .number({ f in f.numbers[slot] }, integral: integral)
                case .bool:
                    return .bool { f in
                        if case .bool(let b) = f.fields[slot] { return b ? .yes : .no }
                        return .unknown
                    }
                case .value:
                    return .value { f in f.fields[slot] }
                }
            }
            let b = compile(base).asValue
            return adapt(.value { f in
                if case .record(let r) = b(&f) { return r.slots[slot] }
                return .missing
            }, to: type)
        default:
            return literalCode(.missing, type)
        }
    }

    /// A rule's result read from the frame (rules run in dependency order, so it is already there).
    func ruleReference(_ rule: Int, _ type: RType) -> Code {
        if program.rules[rule].kind == .indicator {
            return .bool { f in
                switch f.outcomes[rule] {
                case .fired: return .yes
                case .undetermined, .error: return .unknown
                default: return .no
                }
            }
        }
        if program.rules[rule].resultType.isNumeric {
            return adapt(.number({ f in f.ruleNumbers[rule] }, integral: program.rules[rule].resultType.base == .int), to: type)
        }
        return adapt(.value { f in f.results[rule] }, to: type)
    }

    /// Converts value code to the representation the static type calls for.
    func adapt(_ code: Code, to type: RType) -> Code {
        switch representation(type) {
        case .bool: return .bool(code.asBool)
        case .number(let integral): return .number(code.asNumber, integral: integral)
        case .value: return .value(code.asValue)
        }
    }

    // MARK: - Operators

    private func compileNegation(_ operand: Expr, _ type: RType) -> Code {
        let c = compile(operand)
        if case .duration = type.base {
            let v = c.asValue
            return .value { f in
                if case .duration(let d) = v(&f), let n = d.negated() { return .duration(n) }
                return .missing
            }
        }
        let n = c.asNumber
        return .number({ f in
            guard let x = n(&f) else { return nil }
            do { return try x.negated() } catch {
                f.fail(EvalFailure.from(error))
                return nil
            }
        }, integral: type.base == .int)
    }

    private func compileBinary(_ op: BinaryOp, _ left: Expr, _ right: Expr, _ type: RType) -> Code {
        switch op {
        case .and:
            let a = compile(left).asBool
            let b = compile(right).asBool
            return .bool { f in
                let x = a(&f)
                if x == .no { return .no }
                let y = b(&f)
                return Tri.and(x, y)
            }
        case .or:
            let a = compile(left).asBool
            let b = compile(right).asBool
            return .bool { f in
                let x = a(&f)
                if x == .yes { return .yes }
                let y = b(&f)
                return Tri.or(x, y)
            }
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
            return .bool(compileComparison(ComparisonOp(op)!, left, right))
        case .coalesce:
            let a = compile(left).asValue
            let b = compile(right).asValue
            return adapt(.value { f in
                let x = a(&f)
                return x.isMissing ? b(&f) : x
            }, to: type)
        case .add, .subtract, .multiply, .divide:
            return compileArithmetic(op, left, right, type)
        }
    }

    private func compileComparison(_ op: ComparisonOp, _ left: Expr, _ right: Expr) -> BoolCode {
        let lt = program.type(of: left)
        let rt = program.type(of: right)
        if lt.isNumeric, rt.isNumeric {
            let a = compile(left).asNumber
            // The common case: a field compared with a constant.
            if !tracing, let constant = program.literals[right.id]?.number {
                switch op {
                case .less: return { f in a(&f).map { Tri($0 < constant) } ?? .unknown }
                case .lessEqual: return { f in a(&f).map { Tri($0 <= constant) } ?? .unknown }
                case .greater: return { f in a(&f).map { Tri($0 > constant) } ?? .unknown }
                case .greaterEqual: return { f in a(&f).map { Tri($0 >= constant) } ?? .unknown }
                case .equal: return { f in a(&f).map { Tri($0 == constant) } ?? .unknown }
                case .notEqual: return { f in a(&f).map { Tri($0 != constant) } ?? .unknown }
                }
            }
            let b = compile(right).asNumber
            return { f in
                guard let x = a(&f) else {
                    if f.recorder != nil { _ = b(&f) }  // when tracing, read the other side too
                    return .unknown
                }
                guard let y = b(&f) else { return .unknown }
                return Tri(op.holds(x, y))
            }
        }
        let a = compile(left).asValue
        let b = compile(right).asValue
        return { f in
            let x = a(&f)
            let y = b(&f)
            return ValueOrder.test(op, x, y)
        }
    }

    private func compileArithmetic(_ op: BinaryOp, _ left: Expr, _ right: Expr, _ type: RType) -> Code {
        guard type.isNumeric else { return compileTemporalArithmetic(op, left, right, type) }
        let a = compile(left).asNumber
        let integral = type.base == .int
        if !tracing, let constant = program.literals[right.id]?.number {
            switch op {
            case .multiply:
                return .number({ f in
                    guard let x = a(&f) else { return nil }
                    do { return try x.multiplying(constant) } catch {
                        f.fail(EvalFailure.from(error))
                        return nil
                    }
                }, integral: integral)
            default: break
            }
        }
        let b = compile(right).asNumber
        let intDivision = op == .divide && integral
        return .number({ f in
            guard let x = a(&f), let y = b(&f) else { return nil }
            do {
                switch op {
                case .add: return try x.adding(y)
                case .subtract: return try x.subtracting(y)
                case .multiply: return try x.multiplying(y)
                default:
                    let q = try x.divided(by: y)
                    return intDivision ? try q.rounded(scale: 0, mode: .down) : q
                }
            } catch {
                f.fail(EvalFailure.from(error))
                return nil
            }
        }, integral: integral)
    }

    /// date ± duration, datetime ± duration, duration ± duration, string + string.
    private func compileTemporalArithmetic(_ op: BinaryOp, _ left: Expr, _ right: Expr, _ type: RType) -> Code {
        let a = compile(left).asValue
        let b = compile(right).asValue
        let subtract = op == .subtract
        return .value { f in
            let x = a(&f)
            let y = b(&f)
            switch (x, y) {
            case (.date(let d), .duration(let p)):
                guard let q = subtract ? p.negated() : p, let r = d.adding(q) else { return fail(&f, x, y) }
                return .date(r)
            case (.datetime(let t), .duration(let p)):
                guard let q = subtract ? p.negated() : p, let r = t.adding(q) else { return fail(&f, x, y) }
                return .datetime(r)
            case (.duration(let p), .duration(let q)):
                guard let r = subtract ? q.negated().flatMap({ p.adding($0) }) : p.adding(q) else { return fail(&f, x, y) }
                return .duration(r)
            case (.string(let s), .string(let t)):
                return .string(s + t)
            case (.int(let n), .duration(let p)), (.duration(let p), .int(let n)):
                guard let r = p.multiplied(by: n) else { return fail(&f, x, y) }
                return .duration(r)
            default:
                return .missing
            }
        }
    }

    private func fail(_ f: inout Frame, _ x: Value, _ y: Value) -> Value {
        f.fail(EvalFailure(Messages.arithmeticOverflow))
        return .missing
    }

    private func compileMembership(_ element: Expr, _ container: Expr) -> BoolCode {
        let e = compile(element).asValue
        if case .range(let lo, let hi, let inclusive) = container.kind {
            let l = compile(lo).asValue
            let h = compile(hi).asValue
            return { f in
                let x = e(&f)
                let lower = ValueOrder.test(.greaterEqual, x, l(&f))
                if lower == .no { return .no }
                return Tri.and(lower, ValueOrder.test(inclusive ? .lessEqual : .less, x, h(&f)))
            }
        }
        if !tracing, case .list(let items) = container.kind {
            let constants = items.compactMap { program.literals[$0.id] }
            if constants.count == items.count, !constants.contains(where: \.isMissing) {
                let set = Set(constants)
                return { f in
                    let x = e(&f)
                    if x.isMissing { return .unknown }
                    return Tri(set.contains(x))
                }
            }
        }
        let c = compile(container).asValue
        return { f in
            let x = e(&f)
            guard case .list(let items) = c(&f) else { return .unknown }
            var result = Tri.no
            for item in items {
                result = Tri.or(result, ValueOrder.test(.equal, x, item))
                if result == .yes { return .yes }
            }
            return result
        }
    }

    private func compileConditional(_ condition: Expr, _ thenBranch: Expr, _ elseBranch: Expr, _ type: RType) -> Code {
        let c = compile(condition).asBool
        switch representation(type) {
        case .number(let integral):
            let a = compile(thenBranch).asNumber
            let b = compile(elseBranch).asNumber
            return .number({ f in
                switch c(&f) {
                case .yes: return a(&f)
                case .no: return b(&f)
                case .unknown: return nil
                }
            }, integral: integral)
        case .bool:
            let a = compile(thenBranch).asBool
            let b = compile(elseBranch).asBool
            return .bool { f in
                switch c(&f) {
                case .yes: return a(&f)
                case .no: return b(&f)
                case .unknown: return .unknown
                }
            }
        case .value:
            let a = compile(thenBranch).asValue
            let b = compile(elseBranch).asValue
            return .value { f in
                switch c(&f) {
                case .yes: return a(&f)
                case .no: return b(&f)
                case .unknown: return .missing
                }
            }
        }
    }

    private func compileRecord(schema: Int, base: ValueCode?, fields: [FieldInit]) -> Code {
        let info = program.schemas[schema]
        let defaults: [Value] = info.fields.map { field in
            if case .list = field.type { return .list([]) }
            return .missing
        }
        let assignments: [(Int, ValueCode)] = fields.compactMap { field in
            guard let slot = info.slot(of: field.name.name) else { return nil }
            return (slot, convert(compile(field.value).asValue, to: info.fields[slot].type))
        }
        return .value { f in
            var slots = defaults
            if let base, case .record(let r) = base(&f) { slots = r.slots }
            for (slot, code) in assignments { slots[slot] = code(&f) }
            return .record(RecordValue(schema: schema, slots: slots))
        }
    }

    /// Stores an int given where a decimal is declared as a decimal (and vice versa keeps exact values).
    func convert(_ code: @escaping ValueCode, to type: RType) -> ValueCode {
        switch type.base {
        case .decimal, .money, .percent:
            return { f in
                let v = code(&f)
                if case .int(let i) = v { return .decimal(ExactDecimal(i)) }
                return v
            }
        default:
            return code
        }
    }
}
