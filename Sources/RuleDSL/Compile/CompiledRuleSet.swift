import Synchronization

/// A checked and compiled rule set: evaluate records against it as of a date, from any number of
/// threads at once. Compile once, evaluate many times.
public final class CompiledRuleSet: Sendable {
    /// The most list-element steps one record's evaluation may take.
    public static let defaultCostLimit = 1_000_000

    let program: CheckedProgram
    let plans: [Plan]
    let slas: [CompiledSLA]
    let layout: ResultLayout
    /// Fast-path registers a frame needs (the most any step uses).
    let registers: (numbers: Int, tris: Int)
    /// Plans that also record every sub-expression's value, compiled on first use (for explanations).
    private let tracedPlans = Mutex<[Plan]?>(nil)

    init(program: CheckedProgram) {
        self.program = program
        self.plans = Compiler(program: program, tracing: false).compilePlans()
        self.slas = Compiler(program: program, tracing: false).compileSLAs()
        self.layout = ResultLayout(program: program)
        var numbers: Int32 = 0
        var tris: Int32 = 0
        for plan in plans {
            for steps in plan.steps.values {
                for step in steps {
                    numbers = max(numbers, step.numberRegisters)
                    tris = max(tris, step.triRegisters)
                }
            }
        }
        self.registers = (Int(numbers), Int(tris))
    }

    /// The same rules compiled anew into code objects of their own. Threads that evaluate many
    /// records in parallel each take one: compiled code is shared safely, but every call
    /// retains its closure, and reference counts shared between cores slow both down.
    public func independentCopy() -> CompiledRuleSet { CompiledRuleSet(program: program) }

    /// The number of named rules (consts, lookups, indicators, values, scores, tables).
    public var ruleCount: Int { program.rules.count }
    /// The number of test blocks.
    public var testCount: Int { program.tests.count }

    /// The schemas of the rule set (including the synthetic output records of multi-output tables).
    public var schemas: [SchemaInfo] { program.schemas }
    /// The enums of the rule set.
    public var enums: [EnumInfo] { program.enums }

    /// The schema called `name` (optionally `module.Name`).
    public func schema(named name: String) -> SchemaInfo? {
        program.schemas.first { $0.name == name || "\($0.module).\($0.name)" == name }
    }

    /// Schemas that rules are about (the kinds of record that can be evaluated).
    public var subjectSchemas: [SchemaInfo] {
        let used = Set(program.rules.compactMap(\.subjectSchema))
        return program.schemas.filter { used.contains($0.index) }
    }

    /// The plan in force on a date.
    func planIndex(for date: CivilDate) -> Int {
        var lo = 0
        var hi = plans.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if let from = plans[mid].from, from > date { hi = mid - 1 } else { lo = mid }
        }
        return lo
    }

    func tracedPlan(_ index: Int) -> Plan {
        tracedPlans.withLock { cached in
            if cached == nil { cached = Compiler(program: program, tracing: true).compilePlans() }
            return cached![index]
        }
    }

    /// Evaluates one record as of a date.
    public func evaluate(_ record: RecordValue, asOf: CivilDate, costLimit: Int = defaultCostLimit) -> Evaluation {
        let index = planIndex(for: asOf)
        var frame = Frame(subject: record, layout: layout, localSlots: program.localSlots, asOf: asOf,
                          budget: costLimit, scratchSlots: program.tableColumns, registers: registers)
        plans[index].run(&frame, schema: Int(record.schema))
        return Evaluation(ruleSet: self, plan: index, frame: frame)
    }

    /// An evaluator that reuses its working memory across records: the fast path for batches.
    /// One per thread; it is not shared.
    public func batchEvaluator(asOf: CivilDate, schema: Int, costLimit: Int = defaultCostLimit) -> BatchEvaluator {
        BatchEvaluator(ruleSet: self, asOf: asOf, schema: schema, costLimit: costLimit)
    }

    /// Rules that evaluating a record of `schema` produces, in dependency order.
    func rules(for schema: Int) -> [Int] {
        program.order.filter { program.rules[$0].kind != .lookup && (program.rules[$0].subjectSchema == schema || program.rules[$0].subjectSchema == nil) }
    }
}

/// Evaluates many records of one schema as of one date, reusing its memory. Not thread-safe: make one per thread.
public struct BatchEvaluator {
    let ruleSet: CompiledRuleSet
    let plan: Plan
    let steps: [Step]
    let planIndex: Int
    let schema: Int
    let costLimit: Int
    var frame: Frame

    init(ruleSet: CompiledRuleSet, asOf: CivilDate, schema: Int, costLimit: Int) {
        self.ruleSet = ruleSet
        self.planIndex = ruleSet.planIndex(for: asOf)
        self.plan = ruleSet.plans[planIndex]
        self.steps = plan.steps[schema] ?? []
        self.schema = schema
        self.costLimit = costLimit
        let empty = RecordValue(schema: schema, slots: [])
        self.frame = Frame(subject: empty, layout: ruleSet.layout, localSlots: ruleSet.program.localSlots,
                           asOf: asOf, budget: costLimit, scratchSlots: ruleSet.program.tableColumns,
                           registers: ruleSet.registers)
    }

    /// Evaluates one record; read the results through the returned evaluation or `outcome`/`result`.
    @discardableResult
    public mutating func evaluate(_ record: RecordValue) -> Evaluation {
        run(record)
        return Evaluation(ruleSet: ruleSet, plan: planIndex, frame: frame.snapshot())
    }

    /// Evaluates one record without building an `Evaluation` (read results with `result(of:)`).
    public mutating func run(_ record: RecordValue) {
        frame.reset(subject: record, asOf: frame.asOf, budget: costLimit)
        plan.run(&frame, steps: steps)
    }

    /// The result of a rule (by index from `ruleIndex(named:)`) for the last record run.
    public func result(of rule: Int) -> Value { frame.value(of: rule) }

    /// The outcome of a rule for the last record run.
    public func outcome(of rule: Int) -> Outcome { frame.outcomes[rule] }

    /// The index of the rule called `name` (`module.name` or a unique plain name).
    public func ruleIndex(named name: String) -> Int? { ruleSet.ruleIndex(named: name) }
}

extension CompiledRuleSet {
    /// The index of the rule called `name` (`module.name`, or a plain name that only one module declares).
    public func ruleIndex(named name: String) -> Int? {
        if let exact = program.rules.firstIndex(where: { $0.qualifiedName == name }) { return exact }
        let plain = program.rules.indices.filter { program.rules[$0].name == name }
        return plain.count == 1 ? plain[0] : nil
    }
}

extension CompiledRuleSet {
    /// Names of the indicators about a schema, in dependency order.
    public func indicatorNames(schema: Int) -> [String] {
        program.order.filter { program.rules[$0].kind == .indicator && program.rules[$0].subjectSchema == schema }
            .map { program.rules[$0].name }
    }

    /// The name of a rule by index.
    public func ruleName(_ index: Int) -> String { program.rules[index].name }
}

extension CompiledRuleSet {
    /// True when another rule reads this rule's result (an intermediate value rather than a conclusion).
    public func isReadByOtherRules(_ index: Int) -> Bool {
        program.rules.contains { $0.index != index && $0.directDependencies.contains(index) }
    }
}

extension CompiledRuleSet {
    /// The calendar called `name` (`module.name` or a plain name).
    public func calendar(named name: String) -> BusinessCalendar? {
        program.calendars.first { $0.name == name || "\($0.module).\($0.name)" == name }?.calendar
    }

    /// Names of the declared calendars.
    public var calendarNames: [String] { program.calendars.map(\.name) }
}
