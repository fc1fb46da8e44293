/// The state of one record's evaluation: the record, list-expression variables, every rule's result
/// and outcome, and the cost budget. Compiled code reads and writes it through `inout`; nothing is
/// shared between evaluations, so one compiled rule set serves any number of threads.
struct Frame: Sendable {
    var subject: RecordValue
    var locals: [Value]
    /// Results by rule index: a value, a score, a table's output, or an indicator's weight when it fired.
    var results: [Value]
    var outcomes: [Outcome]
    /// Why a rule's result could not be computed, by rule index (only for rules that failed).
    var failures: [Int: EvalFailure]
    /// The failure of the expression being computed, if any.
    var failure: EvalFailure?
    /// Steps left before the evaluation stops (list iterations count).
    var budget: Int
    var asOf: CivilDate
    /// Rules that were determined although indicators they depend on were undetermined.
    var determinedDespite: [Int: [Int]]
    /// Set while tracing: records every sub-expression's value and the missing fields read.
    var recorder: TraceRecorder?

    init(subject: RecordValue, ruleCount: Int, localSlots: Int, asOf: CivilDate, budget: Int) {
        self.subject = subject
        self.locals = Array(repeating: .missing, count: max(localSlots, 1))
        self.results = Array(repeating: .missing, count: ruleCount)
        self.outcomes = Array(repeating: .notInForce, count: ruleCount)
        self.failures = [:]
        self.failure = nil
        self.budget = budget
        self.asOf = asOf
        self.determinedDespite = [:]
        self.recorder = nil
    }

    /// Reuses the frame for another record without reallocating its arrays.
    mutating func reset(subject: RecordValue, asOf: CivilDate, budget: Int) {
        self.subject = subject
        self.asOf = asOf
        self.budget = budget
        self.failure = nil
        if !failures.isEmpty { failures.removeAll(keepingCapacity: true) }
        if !determinedDespite.isEmpty { determinedDespite.removeAll(keepingCapacity: true) }
    }

    /// Records a failure (the first one wins) and returns the missing value to propagate.
    @inline(__always) mutating func fail(_ failure: EvalFailure) {
        if self.failure == nil { self.failure = failure }
    }
}

/// An indicator's (or any rule's) outcome for one record.
public enum Outcome: String, Sendable, Hashable, Codable {
    /// The condition holds.
    case fired
    /// The condition does not hold.
    case notFired = "not_fired"
    /// The condition depends on missing data.
    case undetermined
    /// The condition could not be computed (division by zero, overflow, cost limit).
    case error
    /// No version of the rule is in force on the evaluation date.
    case notInForce = "not_in_force"
    /// For values, scores and tables: computed.
    case determined
}

/// Collects the values of sub-expressions and the missing fields read, for explanations.
/// Lives for one traced evaluation on one thread.
final class TraceRecorder: @unchecked Sendable {
    // @unchecked: a recorder is created for one traced evaluation and used by that thread only;
    // it never enters a compiled rule set or an Evaluation shared across threads.
    var values: [NodeID: Value] = [:]
    var missing: [String] = []

    func record(_ id: NodeID, _ value: Value) { values[id] = value }

    func noteMissing(_ path: String) {
        if !missing.contains(path) { missing.append(path) }
    }
}
