/// One rule's compiled step: computes its result into the frame.
struct Step: Sendable {
    let rule: Int
    let version: Int
    let run: @Sendable (inout Frame) -> Void
    /// Non-indicator steps can be resolved by cases when indicators they read are undetermined.
    let resolvable: Bool
    /// Fast-path registers the step uses.
    var numberRegisters: Int32 = 0
    var triRegisters: Int32 = 0
    /// The same computation for a whole block of records, when the rule has a fast-path form.
    var block: BlockOperation?
}

/// The rules in force during one period (an "epoch" between version boundaries), in dependency order,
/// grouped by the schema of the record they are about.
struct Plan: Sendable {
    /// First day of the period (nil: from the beginning of time).
    let from: CivilDate?
    /// Version index in force for each rule (nil: not in force).
    let active: [Int?]
    /// Steps by schema index (rules without a subject — consts — are in every list).
    let steps: [Int: [Step]]
    /// Steps of rules without a subject (consts), for building test records that use them.
    let constants: [Step]
    /// Indicators each rule depends on (sorted), for resolution by cases.
    let indicatorDependencies: [[Int]]
    /// Rules each rule reads directly or indirectly, for re-running a chain.
    let dependencyClosure: [Set<Int>]

    /// The most undetermined indicators a result is resolved over (2^10 cases).
    static let maximumCases = 10

    func run(_ f: inout Frame, schema: Int) {
        guard let steps = steps[schema] else { return }
        run(&f, steps: steps)
    }

    /// Runs the given steps (a schema's list, looked up once by a batch evaluator).
    func run(_ f: inout Frame, steps: [Step]) {
        // Indexing (not iterating) reads only each step's closure, without copying the whole step.
        for index in steps.indices {
            steps[index].run(&f)
            if steps[index].resolvable, f.outcomes[steps[index].rule] == .undetermined {
                resolveByCases(steps: steps, index: index, &f)
            }
        }
    }

    /// A result that depends on undetermined indicators is still determined when every combination
    /// of their outcomes gives the same answer (e.g. a category already high whatever the unknowns).
    private func resolveByCases(steps: [Step], index: Int, _ f: inout Frame) {
        let rule = steps[index].rule
        let unknown = indicatorDependencies[rule].filter { f.outcomes[$0] == .undetermined }
        guard !unknown.isEmpty, unknown.count <= Self.maximumCases else { return }
        let closure = dependencyClosure[rule]
        let chain = steps[...index].filter { $0.resolvable && ($0.rule == rule || closure.contains($0.rule)) }
        let touched = chain.map(\.rule) + unknown
        let savedResults = touched.map { f.results[$0] }
        let savedNumbers = touched.map { f.ruleNumbers[$0] }
        let savedOutcomes = touched.map { f.outcomes[$0] }
        let savedFailures = f.failures
        var answer: Value?
        var consistent = true
        for mask in 0..<(1 << unknown.count) {
            for (bit, indicator) in unknown.enumerated() {
                f.outcomes[indicator] = mask & (1 << bit) != 0 ? .fired : .notFired
            }
            for step in chain { step.run(&f) }
            let value = f.value(of: rule)
            if value.isMissing || (answer != nil && answer! != value) {
                consistent = false
                break
            }
            answer = value
        }
        for (i, r) in touched.enumerated() {
            f.results[r] = savedResults[i]
            f.ruleNumbers[r] = savedNumbers[i]
            f.outcomes[r] = savedOutcomes[i]
        }
        f.failures = savedFailures
        if consistent, let answer {
            f.setValue(answer, of: rule)
            f.outcomes[rule] = .determined
            f.determinedDespite[rule] = unknown
        }
    }
}
