/// A decision table whose inputs are numbers and whose cells and outputs are constants — the usual
/// category table — evaluated without boxing: inputs from machine programs, cells as range tests.
struct FastTable: Sendable {
    enum Test: Sendable {
        case any, missing, present
        case compare(ComparisonOp, ExactDecimal)
        case range(ExactDecimal, ExactDecimal, inclusive: Bool)
        case oneOf([ExactDecimal])

        @inline(__always) func holds(_ x: ExactDecimal?) -> Tri {
            switch self {
            case .any: return .yes
            case .missing: return x == nil ? .yes : .no
            case .present: return x == nil ? .no : .yes
            case .compare(let op, let k):
                guard let x else { return .unknown }
                return op.holds(x, k) ? .yes : .no
            case .range(let lo, let hi, let inclusive):
                guard let x else { return .unknown }
                return x >= lo && (inclusive ? x <= hi : x < hi) ? .yes : .no
            case .oneOf(let values):
                guard let x else { return .unknown }
                return values.contains(x) ? .yes : .no
            }
        }
    }

    let inputs: [MachineProgram]
    let rows: [[Test]]
    /// The tests row after row, for the block evaluator's inner loop (`columns` per row).
    let flat: [FlatTest]
    let columns: Int
    let outputs: [Value]
    let rowIDs: [NodeID]
    let unique: Bool

    /// The first (or, for `unique`, the only) matching row's output; missing when undecided.
    func evaluate(_ f: inout Frame) -> Value {
        for (column, input) in inputs.enumerated() { f.scratchNumbers[column] = input.runNumber(&f) }
        var found = -1
        rowLoop: for index in rows.indices {
            var match = Tri.yes
            let tests = rows[index]
            for column in tests.indices {
                match = Tri.and(match, tests[column].holds(f.scratchNumbers[column]))
                if match == .no { continue rowLoop }
            }
            if match == .unknown { return .missing }
            if !unique { return outputs[index] }
            if found >= 0 { return .missing }  // several rows: the closure path reports it
            found = index
        }
        return found >= 0 ? outputs[found] : .missing
    }

    /// Builds the fast form when the table qualifies (nil otherwise).
    static func make(_ d: TableDecl, _ program: CheckedProgram) -> (FastTable, Int32, Int32)? {
        guard d.hitPolicy == .first, d.outputs.count == 1 else { return nil }
        var numberRegisters: Int32 = 0
        var triRegisters: Int32 = 0
        var inputs: [MachineProgram] = []
        for input in d.inputs {
            guard program.type(of: input.expr).isNumeric, let (p, n, t) = MachineCompiler.number(input.expr, program) else { return nil }
            inputs.append(p)
            numberRegisters = max(numberRegisters, n)
            triRegisters = max(triRegisters, t)
        }
        var rows: [[Test]] = []
        var outputs: [Value] = []
        for row in d.rows {
            var tests: [Test] = []
            for cell in row.inputs {
                guard let test = test(cell, program) else { return nil }
                tests.append(test)
            }
            rows.append(tests)
            if let output = row.outputs[0] {
                guard let value = program.literals[output.id] else { return nil }
                outputs.append(value)
            } else {
                outputs.append(.missing)
            }
        }
        var flat: [FlatTest] = []
        for row in rows {
            for test in row {
                guard let f = FlatTest(test) else { return nil }
                flat.append(f)
            }
        }
        return (FastTable(inputs: inputs, rows: rows, flat: flat, columns: d.inputs.count, outputs: outputs,
                          rowIDs: d.rows.map(\.id), unique: false),
                numberRegisters, triRegisters)
    }

    private static func test(_ cell: Cell, _ program: CheckedProgram) -> Test? {
        switch cell.kind {
        case .any: return .any
        case .missing: return .missing
        case .present: return .present
        case .comparison(let op, let e):
            return program.literals[e.id]?.number.map { .compare(op, $0) }
        case .range(let lo, let hi, let inclusive):
            guard let a = program.literals[lo.id]?.number, let b = program.literals[hi.id]?.number else { return nil }
            return .range(a, b, inclusive: inclusive)
        case .oneOf(let values):
            let numbers = values.compactMap { program.literals[$0.id]?.number }
            return numbers.count == values.count ? .oneOf(numbers) : nil
        case .noneOf:
            return nil
        }
    }
}

/// A cell test as plain data (no arrays), so testing a block of records copies nothing.
struct FlatTest: Sendable, BitwiseCopyable {
    enum Kind: UInt8, BitwiseCopyable { case any, missing, present, compare, range }
    let kind: Kind
    let op: ComparisonOp
    let low: ExactDecimal
    let high: ExactDecimal
    let inclusive: Bool

    /// Nil for tests that need a list (`oneOf`): such tables keep the record-by-record path.
    init?(_ test: FastTable.Test) {
        switch test {
        case .any: (kind, op, low, high, inclusive) = (.any, .equal, .zero, .zero, false)
        case .missing: (kind, op, low, high, inclusive) = (.missing, .equal, .zero, .zero, false)
        case .present: (kind, op, low, high, inclusive) = (.present, .equal, .zero, .zero, false)
        case .compare(let o, let k): (kind, op, low, high, inclusive) = (.compare, o, k, .zero, false)
        case .range(let a, let b, let i): (kind, op, low, high, inclusive) = (.range, .equal, a, b, i)
        case .oneOf(let values):
            guard values.count == 1 else { return nil }
            (kind, op, low, high, inclusive) = (.compare, .equal, values[0], .zero, false)
        }
    }

    @inline(__always) func holds(_ x: ExactDecimal?) -> Tri {
        switch kind {
        case .any: return .yes
        case .missing: return x == nil ? .yes : .no
        case .present: return x == nil ? .no : .yes
        case .compare:
            guard let x else { return .unknown }
            return op.holds(x, low) ? .yes : .no
        case .range:
            guard let x else { return .unknown }
            return x >= low && (inclusive ? x <= high : x < high) ? .yes : .no
        }
    }
}
