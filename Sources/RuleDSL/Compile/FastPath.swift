/// A register machine for the numeric and logical core of rules — field reads, constants, rule
/// results, arithmetic, comparisons, three-valued and/or/not, presence tests — the part every
/// risk indicator is made of. Compiled from the same checked tree as the closures; expressions
/// outside the core (strings, dates, lists, calls) use the closures. Both operands of `and`/`or`
/// are computed (no side effects here; Kleene logic gives the same result as short-circuiting).
enum Instruction: Sendable {
    case field(dst: Int32, slot: Int32)
    case boolField(dst: Int32, slot: Int32)
    case constant(dst: Int32, value: ExactDecimal?)
    case constantTri(dst: Int32, value: Tri)
    case ruleNumber(dst: Int32, rule: Int32)
    case ruleBool(dst: Int32, rule: Int32)
    case indicator(dst: Int32, rule: Int32)
    case arithmetic(op: BinaryOp, dst: Int32, a: Int32, b: Int32)
    case compare(op: ComparisonOp, dst: Int32, a: Int32, b: Int32)
    case compareConstant(op: ComparisonOp, dst: Int32, a: Int32, value: ExactDecimal)
    case and(dst: Int32, a: Int32, b: Int32)
    case or(dst: Int32, a: Int32, b: Int32)
    case not(dst: Int32, a: Int32)
    case present(dst: Int32, a: Int32, negated: Bool)
    case coalesce(dst: Int32, a: Int32, b: Int32)
    case negate(dst: Int32, a: Int32)
}

/// A compiled fast-path program: its instructions and the register holding the result.
struct MachineProgram: Sendable {
    let code: [Instruction]
    let result: Int32
    /// Registers the program uses (numbers, conditions).
    var numberRegisters: Int32 = 0
    var triRegisters: Int32 = 0

    @inline(__always) func runBool(_ f: inout Frame) -> Tri {
        run(&f)
        return f.tris.pointer[Int(result)]
    }

    @inline(__always) func runNumber(_ f: inout Frame) -> ExactDecimal? {
        run(&f)
        return f.registers.pointer[Int(result)]
    }

    func run(_ f: inout Frame) {
        // Raw pointers into the frame's slabs: no reference counting or uniqueness checks per access.
        // Register indices come from the compiler and are within the slabs it sized.
        let n = f.registers.pointer
        let t = f.tris.pointer
        let ruleNumbers = f.ruleNumbers.pointer
        let outcomes = f.outcomes.pointer
        f.numbers.withUnsafeBufferPointer { numbers in
            code.withUnsafeBufferPointer { code in
                for instruction in code {
                    switch instruction {
                    case .field(let dst, let slot):
                        n[Int(dst)] = numbers[Int(slot)]
                    case .boolField(let dst, let slot):
                        if case .bool(let b) = f.fields[Int(slot)] { t[Int(dst)] = b ? .yes : .no } else { t[Int(dst)] = .unknown }
                    case .constant(let dst, let value):
                        n[Int(dst)] = value
                    case .constantTri(let dst, let value):
                        t[Int(dst)] = value
                    case .ruleNumber(let dst, let rule):
                        n[Int(dst)] = ruleNumbers[Int(rule)]
                    case .ruleBool(let dst, let rule):
                        if case .bool(let b) = f.results[Int(rule)] { t[Int(dst)] = b ? .yes : .no } else { t[Int(dst)] = .unknown }
                    case .indicator(let dst, let rule):
                        switch outcomes[Int(rule)] {
                        case .fired: t[Int(dst)] = .yes
                        case .undetermined, .error: t[Int(dst)] = .unknown
                        default: t[Int(dst)] = .no
                        }
                    case .arithmetic(let op, let dst, let a, let b):
                        guard let x = n[Int(a)], let y = n[Int(b)] else {
                            n[Int(dst)] = nil
                            continue
                        }
                        do throws(DecimalError) {
                            switch op {
                            case .add: n[Int(dst)] = try x.adding(y)
                            case .subtract: n[Int(dst)] = try x.subtracting(y)
                            case .multiply: n[Int(dst)] = try x.multiplying(y)
                            default: n[Int(dst)] = try x.divided(by: y)
                            }
                        } catch {
                            f.fail(EvalFailure.from(error))
                            n[Int(dst)] = nil
                        }
                    case .compare(let op, let dst, let a, let b):
                        if let x = n[Int(a)], let y = n[Int(b)] {
                            t[Int(dst)] = op.holds(x, y) ? .yes : .no
                        } else {
                            t[Int(dst)] = .unknown
                        }
                    case .compareConstant(let op, let dst, let a, let value):
                        if let x = n[Int(a)] { t[Int(dst)] = op.holds(x, value) ? .yes : .no } else { t[Int(dst)] = .unknown }
                    case .and(let dst, let a, let b):
                        t[Int(dst)] = Tri.and(t[Int(a)], t[Int(b)])
                    case .or(let dst, let a, let b):
                        t[Int(dst)] = Tri.or(t[Int(a)], t[Int(b)])
                    case .not(let dst, let a):
                        t[Int(dst)] = t[Int(a)].negated
                    case .present(let dst, let a, let negated):
                        t[Int(dst)] = (n[Int(a)] != nil) != negated ? .yes : .no
                    case .coalesce(let dst, let a, let b):
                        n[Int(dst)] = n[Int(a)] ?? n[Int(b)]
                    case .negate(let dst, let a):
                        if let x = n[Int(a)] {
                            do throws(DecimalError) { n[Int(dst)] = try x.negated() } catch {
                                f.fail(EvalFailure.from(error))
                                n[Int(dst)] = nil
                            }
                        } else {
                            n[Int(dst)] = nil
                        }
                    }
                }
            }
        }
    }
}

/// Compiles expressions of the numeric and logical core to machine programs (nil for anything else).
struct MachineCompiler {
    let program: CheckedProgram
    private(set) var code: [Instruction] = []
    private var nextNumber: Int32 = 0
    private var nextTri: Int32 = 0
    /// A field read once per program: later reads reuse its register.
    private var fieldRegisters: [Int32: Int32] = [:]
    /// Registers used (the frame's register files must be at least this large).
    var numberRegisters: Int32 { nextNumber }
    var triRegisters: Int32 { nextTri }

    init(program: CheckedProgram) { self.program = program }

    /// A program computing a condition, or nil if the expression is outside the core.
    static func bool(_ expr: Expr, _ program: CheckedProgram) -> (MachineProgram, Int32, Int32)? {
        var compiler = MachineCompiler(program: program)
        guard let r = compiler.tri(expr) else { return nil }
        return (MachineProgram(code: compiler.code, result: r, numberRegisters: compiler.nextNumber, triRegisters: compiler.nextTri),
                compiler.nextNumber, compiler.nextTri)
    }

    /// A program computing a number, or nil if the expression is outside the core.
    static func number(_ expr: Expr, _ program: CheckedProgram) -> (MachineProgram, Int32, Int32)? {
        var compiler = MachineCompiler(program: program)
        guard let r = compiler.num(expr) else { return nil }
        return (MachineProgram(code: compiler.code, result: r, numberRegisters: compiler.nextNumber, triRegisters: compiler.nextTri),
                compiler.nextNumber, compiler.nextTri)
    }

    private mutating func newNumber() -> Int32 {
        defer { nextNumber += 1 }
        return nextNumber
    }

    private mutating func newTri() -> Int32 {
        defer { nextTri += 1 }
        return nextTri
    }

    private func isSubjectField(_ expr: Expr) -> Int32? {
        guard case .member(let base, _) = expr.kind, case .field(let slot)? = program.resolutions[expr.id],
            case .subject? = program.resolutions[base.id]
        else { return nil }
        return Int32(slot)
    }

    /// A numeric expression into a number register.
    mutating func num(_ expr: Expr) -> Int32? {
        let type = program.type(of: expr)
        guard type.isNumeric else { return nil }
        if let literal = program.literals[expr.id] {
            let r = newNumber()
            code.append(.constant(dst: r, value: literal.number))
            return r
        }
        switch expr.kind {
        case .name, .member, .call:
            if let slot = isSubjectField(expr) {
                if let r = fieldRegisters[slot] { return r }
                let r = newNumber()
                code.append(.field(dst: r, slot: slot))
                fieldRegisters[slot] = r
                return r
            }
            if case .rule(let rule)? = program.resolutions[expr.id], program.rules[rule].kind != .indicator,
                program.rules[rule].kind != .lookup, program.rules[rule].resultType.isNumeric
            {
                let r = newNumber()
                code.append(.ruleNumber(dst: r, rule: Int32(rule)))
                return r
            }
            return nil
        case .binary(let op, let left, let right):
            switch op {
            case .add, .subtract, .multiply:
                guard let a = num(left), let b = num(right) else { return nil }
                let r = newNumber()
                code.append(.arithmetic(op: op, dst: r, a: a, b: b))
                return r
            case .divide:
                // Integer division truncates: left to the closures.
                guard type.base != .int, let a = num(left), let b = num(right) else { return nil }
                let r = newNumber()
                code.append(.arithmetic(op: op, dst: r, a: a, b: b))
                return r
            case .coalesce:
                guard let a = num(left), let b = num(right) else { return nil }
                let r = newNumber()
                code.append(.coalesce(dst: r, a: a, b: b))
                return r
            default:
                return nil
            }
        case .unary(.negate, let operand):
            guard let a = num(operand) else { return nil }
            let r = newNumber()
            code.append(.negate(dst: r, a: a))
            return r
        default:
            return nil
        }
    }

    /// A condition into a three-valued register.
    mutating func tri(_ expr: Expr) -> Int32? {
        guard program.type(of: expr).base == .bool else { return nil }
        if case .bool(let b)? = program.literals[expr.id] {
            let r = newTri()
            code.append(.constantTri(dst: r, value: b ? .yes : .no))
            return r
        }
        switch expr.kind {
        case .name, .member, .call:
            if let slot = isSubjectField(expr) {
                let r = newTri()
                code.append(.boolField(dst: r, slot: slot))
                return r
            }
            guard case .rule(let rule)? = program.resolutions[expr.id] else { return nil }
            let r = newTri()
            switch program.rules[rule].kind {
            case .indicator: code.append(.indicator(dst: r, rule: Int32(rule)))
            case .lookup: return nil
            default: code.append(.ruleBool(dst: r, rule: Int32(rule)))
            }
            return r
        case .unary(.not, let operand):
            guard let a = tri(operand) else { return nil }
            let r = newTri()
            code.append(.not(dst: r, a: a))
            return r
        case .binary(let op, let left, let right):
            switch op {
            case .and, .or:
                guard let a = tri(left), let b = tri(right) else { return nil }
                let r = newTri()
                code.append(op == .and ? .and(dst: r, a: a, b: b) : .or(dst: r, a: a, b: b))
                return r
            case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual:
                let comparison = ComparisonOp(op)!
                guard program.type(of: left).isNumeric, program.type(of: right).isNumeric, let a = num(left) else { return nil }
                let r = newTri()
                if let constant = program.literals[right.id]?.number {
                    code.append(.compareConstant(op: comparison, dst: r, a: a, value: constant))
                    return r
                }
                guard let b = num(right) else { return nil }
                code.append(.compare(op: comparison, dst: r, a: a, b: b))
                return r
            default:
                return nil
            }
        case .isMissing(let operand, let negated):
            guard program.type(of: operand).isNumeric, let a = num(operand) else { return nil }
            let r = newTri()
            code.append(.present(dst: r, a: a, negated: !negated))
            return r
        case .membership(let element, let container, let negated):
            guard case .range(let lo, let hi, let inclusive) = container.kind, let low = program.literals[lo.id]?.number,
                let high = program.literals[hi.id]?.number, let a = num(element)
            else { return nil }
            let x = newTri()
            let y = newTri()
            let r = newTri()
            code.append(.compareConstant(op: .greaterEqual, dst: x, a: a, value: low))
            code.append(.compareConstant(op: inclusive ? .lessEqual : .less, dst: y, a: a, value: high))
            code.append(.and(dst: r, a: x, b: y))
            if negated {
                let n = newTri()
                code.append(.not(dst: n, a: r))
                return n
            }
            return r
        default:
            return nil
        }
    }
}
