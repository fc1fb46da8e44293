/// The state of one record's evaluation: the record, list-expression variables, every rule's result
/// and outcome, and the cost budget. Compiled code reads and writes it through `inout`; nothing is
/// shared between evaluations, so one compiled rule set serves any number of threads.
struct Frame: Sendable {
    var subject: RecordValue
    /// The subject's fields, held directly so that reading one is an array access (no class hop).
    var fields: [Value]
    /// The subject's numeric fields as exact decimals.
    var numbers: [ExactDecimal?]
    /// Results of numeric rules (values, scores, tables with a number output, indicators' weights).
    var ruleNumbers: Slab<ExactDecimal?>
    /// Which rules keep their result in `ruleNumbers`.
    let layout: ResultLayout
    /// Working slots of decision tables (their input values).
    var scratch: [Value]
    var scratchNumbers: Slab<ExactDecimal?>
    /// Registers of the fast-path machine (numbers and three-valued conditions).
    var registers: Slab<ExactDecimal?>
    var tris: Slab<Tri>
    var locals: [Value]
    /// Results by rule index: a value, a score, a table's output, or an indicator's weight when it fired.
    var results: [Value]
    var outcomes: Slab<Outcome>
    /// Why a rule's result could not be computed, by rule index (only for rules that failed).
    var failures: [Int: EvalFailure]
    /// The failure of the expression being computed, if any.
    var failure: EvalFailure?
    /// Steps left before the evaluation stops (list iterations count).
    var budget: Int
    /// The budget the evaluation started with (named in the cost-limit error).
    var costLimit: Int
    var asOf: CivilDate
    /// Rules that were determined although indicators they depend on were undetermined.
    var determinedDespite: [Int: [Int]]
    /// Set while tracing: records every sub-expression's value and the missing fields read.
    var recorder: TraceRecorder?
    /// The last text split into words by `mentions` (several keyword sets usually test one text).
    var wordCache: (text: String?, words: TextWords) = (nil, TextWords())

    init(
        subject: RecordValue, layout: ResultLayout, localSlots: Int, asOf: CivilDate, budget: Int, scratchSlots: Int,
        registers: (numbers: Int, tris: Int) = (0, 0)
    ) {
        let ruleCount = layout.numeric.count
        self.subject = subject
        self.fields = subject.slots
        self.numbers = subject.numbers
        self.ruleNumbers = Slab(repeating: nil, count: ruleCount)
        self.layout = layout
        self.scratch = Array(repeating: .missing, count: max(scratchSlots, 1))
        self.scratchNumbers = Slab(repeating: nil, count: max(scratchSlots, 1))
        self.registers = Slab(repeating: nil, count: max(registers.numbers, 1))
        self.tris = Slab(repeating: .unknown, count: max(registers.tris, 1))
        self.locals = Array(repeating: .missing, count: max(localSlots, 1))
        self.results = Array(repeating: .missing, count: ruleCount)
        self.outcomes = Slab(repeating: .notInForce, count: ruleCount)
        self.failures = [:]
        self.failure = nil
        self.budget = budget
        self.costLimit = budget
        self.asOf = asOf
        self.determinedDespite = [:]
        self.recorder = nil
    }

    /// Reuses the frame for another record without reallocating its arrays.
    mutating func reset(subject: RecordValue, asOf: CivilDate, budget: Int) {
        self.subject = subject
        self.fields = subject.slots
        self.numbers = subject.numbers
        self.asOf = asOf
        self.budget = budget
        self.costLimit = budget
        self.failure = nil
        if !failures.isEmpty { failures.removeAll(keepingCapacity: true) }
        if !determinedDespite.isEmpty { determinedDespite.removeAll(keepingCapacity: true) }
    }

    /// A copy whose working memory is its own (an Evaluation keeps one while the batch goes on).
    func snapshot() -> Frame {
        var copy = self
        copy.ruleNumbers = ruleNumbers.copy()
        copy.outcomes = outcomes.copy()
        copy.scratchNumbers = scratchNumbers.copy()
        copy.registers = registers.copy()
        copy.tris = tris.copy()
        return copy
    }

    /// A rule's result as a value, wherever it is kept.
    func value(of rule: Int) -> Value {
        guard layout.numeric[rule] else { return results[rule] }
        guard let n = ruleNumbers[rule] else { return .missing }
        if layout.integral[rule], let i = n.int64Value { return .int(i) }
        return .decimal(n)
    }

    /// Stores a rule's result where its kind is kept.
    @inline(__always) mutating func setValue(_ value: Value, of rule: Int) {
        if layout.numeric[rule] { ruleNumbers[rule] = value.number } else { results[rule] = value }
    }

    /// Records a failure (the first one wins) and returns the missing value to propagate.
    @inline(__always) mutating func fail(_ failure: EvalFailure) {
        if self.failure == nil { self.failure = failure }
    }
}

/// An indicator's (or any rule's) outcome for one record.
public enum Outcome: String, Sendable, Hashable, Codable, BitwiseCopyable {
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

extension Outcome {
    /// The outcome in words for a reader.
    public func text(_ language: MessageLanguage) -> String {
        switch (self, language) {
        case (.fired, .en): return "fired"
        case (.fired, .ru): return "сработал"
        case (.notFired, .en): return "not fired"
        case (.notFired, .ru): return "не сработал"
        case (.undetermined, .en): return "undetermined"
        case (.undetermined, .ru): return "не определено"
        case (.error, .en): return "error"
        case (.error, .ru): return "ошибка"
        case (.notInForce, .en): return "not in force"
        case (.notInForce, .ru): return "не действует"
        case (.determined, .en): return "determined"
        case (.determined, .ru): return "определено"
        }
    }
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

/// Where each rule's result lives in a frame: numbers apart from other values, so numeric rules
/// never box their results. Shared by all frames of a rule set.
final class ResultLayout: Sendable {
    let numeric: [Bool]
    let integral: [Bool]

    init(numeric: [Bool], integral: [Bool]) {
        self.numeric = numeric
        self.integral = integral
    }

    init(program: CheckedProgram) {
        numeric = program.rules.map { $0.kind == .indicator || ($0.kind != .lookup && $0.resultType.isNumeric) }
        integral = program.rules.map { rule in
            if rule.kind == .indicator { return true }
            return rule.resultType.base == .int
        }
    }
}

/// Fixed-size working memory of plain values, read and written without copy-on-write checks
/// (the evaluator writes here millions of times a second).
final class Slab<Element: BitwiseCopyable>: @unchecked Sendable {
    // @unchecked: a slab belongs to one frame, and a frame is used by one thread at a time;
    // a frame handed to another owner (an Evaluation) gets copies through `Frame.snapshot()`.
    let pointer: UnsafeMutablePointer<Element>
    let count: Int

    init(repeating value: Element, count: Int) {
        self.count = count
        pointer = UnsafeMutablePointer<Element>.allocate(capacity: max(count, 1))
        pointer.initialize(repeating: value, count: max(count, 1))
    }

    private init(copying other: Slab<Element>) {
        count = other.count
        pointer = UnsafeMutablePointer<Element>.allocate(capacity: max(count, 1))
        pointer.initialize(from: other.pointer, count: max(count, 1))
    }

    func copy() -> Slab<Element> { Slab(copying: self) }

    subscript(index: Int) -> Element {
        @inline(__always) get {
            precondition(index >= 0 && index < count, "slab index out of range")
            return pointer[index]
        }
        @inline(__always) set {
            precondition(index >= 0 && index < count, "slab index out of range")
            pointer[index] = newValue
        }
    }

    deinit { pointer.deallocate() }
}
