/// Compiling each rule version to a step, and the steps into plans by period of validity.
extension Compiler {
    /// The step computing one version of a rule (nil for lookups, which are called inline).
    func compileStep(rule: Int, version: Int) -> Step? {
        let symbol = program.rules[rule]
        let declaration = program.declaration(symbol.versions[version].location)
        let resultType = symbol.resultType
        switch declaration.kind {
        case .constant(let d):
            return valueStep(rule, version, convert(compile(d.value).asValue, to: resultType))
        case .value(let d):
            guard let value = d.value else { return nil }
            return valueStep(rule, version, convert(compile(value).asValue, to: resultType))
        case .table(let d):
            return valueStep(rule, version, compileTable(d, rule: rule))
        case .indicator(let d):
            let condition: BoolCode
            if let c = d.condition { condition = compile(c).asBool } else { condition = { _ in .unknown } }
            let weight: ValueCode
            if let w = d.weight { weight = compile(w).asValue } else { weight = { _ in .int(1) } }
            return Step(rule: rule, version: version, run: { f in
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
                    f.results[rule] = weight(&f)
                    if let failure = f.failure {
                        f.outcomes[rule] = .error
                        f.failures[rule] = failure
                    }
                } else {
                    f.results[rule] = .missing
                }
            }, resolvable: false)
        case .score:
            let members = program.scoreMembers[declaration.id] ?? []
            let integral = resultType.base == .int
            return Step(rule: rule, version: version, run: { f in
                var total = ExactDecimal.zero
                var unknown = false
                for member in members {
                    switch f.outcomes[member] {
                    case .fired:
                        guard let w = f.results[member].number, let sum = try? total.adding(w) else {
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
                    f.results[rule] = .missing
                    f.outcomes[rule] = .undetermined
                } else {
                    f.results[rule] = integral ? (total.int64Value.map(Value.int) ?? .decimal(total)) : .decimal(total)
                    f.outcomes[rule] = .determined
                }
            }, resolvable: true)
        default:
            return nil
        }
    }

    private func valueStep(_ rule: Int, _ version: Int, _ code: @escaping ValueCode) -> Step {
        Step(rule: rule, version: version, run: { f in
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
                active.append(rule.versions.firstIndex { v in day.map { v.isInForce(on: $0) } ?? true })
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
