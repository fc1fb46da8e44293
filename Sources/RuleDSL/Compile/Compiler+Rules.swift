/// Compiling each rule version to a step, and the steps into plans by period of validity.
extension Compiler {
    /// The step computing one version of a rule (nil for lookups, which are called inline).
    func compileStep(rule: Int, version: Int) -> Step? {
        let symbol = program.rules[rule]
        let declaration = program.declaration(symbol.versions[version].location)
        let resultType = symbol.resultType
        switch declaration.kind {
        case .constant(let d):
            return withBlockForm(valueStep(rule, version, convert(compile(d.value).asValue, to: resultType)), d.value)
        case .value(let d):
            guard let value = d.value else { return nil }
            return withBlockForm(valueStep(rule, version, convert(compile(value).asValue, to: resultType)), value)
        case .table(let d):
            if !tracing, let (fast, n, t) = FastTable.make(d, program) {
                var step = valueStep(rule, version, { f in fast.evaluate(&f) })
                step.numberRegisters = n
                step.triRegisters = t
                step.block = .table(rule: rule, fast, resolvable: !symbol.indicatorDependencies.isEmpty)
                return step
            }
            return valueStep(rule, version, compileTable(d, rule: rule))
        case .indicator(let d):
            let condition: BoolCode
            let weight: NumCode
            var registers: (Int32, Int32) = (0, 0)
            var blockCondition: MachineProgram?
            var blockWeight: MachineProgram?
            if !tracing, let c = d.condition, let (program, n, t) = MachineCompiler.bool(c, self.program) {
                condition = { f in program.runBool(&f) }
                blockCondition = program
                registers = (n, t)
            } else if let c = d.condition {
                condition = compile(c).asBool
            } else {
                condition = { _ in .unknown }
            }
            if !tracing, let w = d.weight, let (program, n, t) = MachineCompiler.number(w, self.program) {
                weight = { f in program.runNumber(&f) }
                blockWeight = program
                registers = (max(registers.0, n), max(registers.1, t))
            } else if let w = d.weight {
                weight = compile(w).asNumber
            } else {
                weight = { _ in ExactDecimal.one }
            }
            var step = Step(rule: rule, version: version, run: { f in
                f.failure = nil
                let outcome: Outcome
                switch condition(&f) {
                case .yes: outcome = .fired
                case .no: outcome = .notFired
                case .unknown: outcome = f.failure != nil ? .error : .undetermined
                }
                if let failure = f.failure, outcome == .error { f.failures[rule] = failure }
                f.outcomes[rule] = outcome
                if outcome == .fired || outcome == .undetermined {
                    f.failure = nil
                    f.ruleNumbers[rule] = weight(&f)
                    if let failure = f.failure {
                        f.outcomes[rule] = .error
                        f.failures[rule] = failure
                    }
                } else {
                    f.ruleNumbers[rule] = nil
                }
            }, resolvable: false)
            step.numberRegisters = registers.0
            step.triRegisters = registers.1
            if let blockCondition, d.weight == nil || blockWeight != nil {
                step.block = .indicator(rule: rule, condition: blockCondition, weight: blockWeight)
            }
            return step
        case .score:
            let members = program.scoreMembers[declaration.id] ?? []
            var step = Step(rule: rule, version: version, run: { f in
                var total = ExactDecimal.zero
                var unknown = false
                for member in members {
                    switch f.outcomes[member] {
                    case .fired:
                        guard let w = f.ruleNumbers[member], let sum = try? total.adding(w) else {
                            unknown = true
                            continue
                        }
                        total = sum
                    case .undetermined, .error:
                        unknown = true
                    default:
                        break
                    }
                }
                if unknown {
                    f.ruleNumbers[rule] = nil
                    f.outcomes[rule] = .undetermined
                } else {
                    f.ruleNumbers[rule] = total
                    f.outcomes[rule] = .determined
                }
            }, resolvable: true)
            step.block = .score(rule: rule, members: members)
            return step
        default:
            return nil
        }
    }

    /// Adds the block form of a value's expression, when it is in the fast-path core.
    private func withBlockForm(_ step: Step?, _ expr: Expr) -> Step? {
        guard var step, !tracing else { return step }
        let resolvable = !program.rules[step.rule].indicatorDependencies.isEmpty
        if program.rules[step.rule].resultType.isNumeric, let (p, n, t) = MachineCompiler.number(expr, program) {
            step.block = .number(rule: step.rule, p, resolvable: resolvable)
            step.numberRegisters = max(step.numberRegisters, n)
            step.triRegisters = max(step.triRegisters, t)
        } else if program.rules[step.rule].resultType.base == .bool, let (p, n, t) = MachineCompiler.bool(expr, program) {
            step.block = .condition(rule: step.rule, p)
            step.numberRegisters = max(step.numberRegisters, n)
            step.triRegisters = max(step.triRegisters, t)
        }
        return step
    }

    private func valueStep(_ rule: Int, _ version: Int, _ code: @escaping ValueCode) -> Step {
        if program.rules[rule].resultType.isNumeric {
            let number = Code.value(code).asNumber
            return Step(rule: rule, version: version, run: { f in
                f.failure = nil
                let value = number(&f)
                f.ruleNumbers[rule] = value
                if let failure = f.failure, value == nil {
                    f.outcomes[rule] = .error
                    f.failures[rule] = failure
                } else {
                    f.outcomes[rule] = value == nil ? .undetermined : .determined
                }
            }, resolvable: true)
        }
        return Step(rule: rule, version: version, run: { f in
            f.failure = nil
            let value = code(&f)
            f.results[rule] = value
            if let failure = f.failure, value.isMissing {
                f.outcomes[rule] = .error
                f.failures[rule] = failure
            } else {
                f.outcomes[rule] = value.isMissing ? .undetermined : .determined
            }
        }, resolvable: true)
    }

    /// Every period between version boundaries gets a plan with the versions in force then.
    func compilePlans() -> [Plan] {
        var steps: [[Step?]] = []
        for rule in program.rules.indices {
            steps.append(program.rules[rule].versions.indices.map { compileStep(rule: rule, version: $0) })
        }
        var boundaries: Set<CivilDate> = []
        for rule in program.rules {
            for v in rule.versions {
                if let from = v.from { boundaries.insert(from) }
                if let until = v.until, let next = until.adding(days: 1) { boundaries.insert(next) }
            }
        }
        let starts: [CivilDate?] = [nil] + boundaries.sorted().map { Optional($0) }
        let closure = dependencyClosures()
        let indicatorDependencies = program.rules.map { $0.indicatorDependencies.sorted() }
        return starts.enumerated().map { index, start in
            // A representative day of the period: its first day, or the day before the first boundary.
            let day: CivilDate? = start ?? (starts.count > 1 ? starts[1]!.adding(days: -1) : nil)
            var active: [Int?] = []
            for rule in program.rules {
                // Versions are sorted by start: the newest one in force wins, so an open-ended
                // version ends the day before the next one starts.
                active.append(rule.versions.lastIndex { v in day.map { v.isInForce(on: $0) } ?? true })
            }
            var bySchema: [Int: [Step]] = [:]
            var constants: [Step] = []
            let schemas = Set(program.rules.compactMap(\.subjectSchema))
            for rule in program.order {
                guard let version = active[rule], let step = steps[rule][version] else { continue }
                if let schema = program.rules[rule].subjectSchema {
                    bySchema[schema, default: []].append(step)
                } else {
                    constants.append(step)
                    for schema in schemas { bySchema[schema, default: []].append(step) }
                }
            }
            _ = index
            return Plan(from: start, active: active, steps: bySchema, constants: constants,
                        indicatorDependencies: indicatorDependencies,
                        dependencyClosure: closure)
        }
    }

    private func dependencyClosures() -> [Set<Int>] {
        var closures = Array(repeating: Set<Int>(), count: program.rules.count)
        for rule in program.order {  // dependencies first
            var all = program.rules[rule].directDependencies
            for dependency in program.rules[rule].directDependencies { all.formUnion(closures[dependency]) }
            closures[rule] = all
        }
        return closures
    }
}
