/// Evaluates records in blocks, column by column, when every rule about the schema has a fast-path
/// form (numeric and logical conditions, scores, category tables with constant cells): each machine
/// instruction runs over the whole block, so its dispatch costs once per block instead of once per
/// record. Records whose result needs the full semantics — an undetermined result that may be
/// resolved by cases, or an arithmetic failure — are evaluated again one by one, so the results
/// are exactly those of `BatchEvaluator`.
public struct BlockEvaluator {
    /// Records per block.
    public static let blockSize = 256

    let ruleSet: CompiledRuleSet
    let operations: [BlockOperation]
    /// Per rule: where its block result lives (table outputs by row, conditions, or numbers).
    let places: [ResultPlace]
    /// Slots of the schema's bool fields (transposed into condition columns).
    let boolFields: [Int]
    let storage: BlockStorage
    var single: BatchEvaluator
    /// Records of the current block evaluated one by one, with their results.
    private var slow: [Int: Evaluation] = [:]
    private var count = 0

    /// Nil when some rule has no fast-path form; use `BatchEvaluator` then.
    init?(ruleSet: CompiledRuleSet, asOf: CivilDate, schema: Int, costLimit: Int) {
        let single = BatchEvaluator(ruleSet: ruleSet, asOf: asOf, schema: schema, costLimit: costLimit)
        var operations: [BlockOperation] = []
        for step in single.steps {
            guard let operation = step.block else { return nil }
            operations.append(operation)
        }
        self.ruleSet = ruleSet
        self.single = single
        self.operations = operations
        var places = Array(repeating: ResultPlace.number, count: ruleSet.program.rules.count)
        for operation in operations {
            switch operation {
            case .table(let rule, let table, _): places[rule] = .tableRow(table.outputs)
            case .condition(let rule, _): places[rule] = .condition
            default: break
            }
        }
        self.places = places
        self.boolFields = ruleSet.program.schemas[schema].fields.indices.filter { ruleSet.program.schemas[schema].fields[$0].type.base == .bool }
        let fields = ruleSet.program.schemas[schema].fields.count
        self.storage = BlockStorage(
            rules: ruleSet.program.rules.count, fields: fields, numberRegisters: ruleSet.registers.numbers,
            triRegisters: ruleSet.registers.tris, tableColumns: ruleSet.program.tableColumns)
    }

    /// The fields (slots) the rules read: a batch needs only these decoded.
    public var fieldsRead: Set<Int> {
        var slots: Set<Int> = []
        func scan(_ program: MachineProgram) {
            for instruction in program.code {
                switch instruction {
                case .field(_, let slot), .boolField(_, let slot): slots.insert(Int(slot))
                default: break
                }
            }
        }
        for operation in operations {
            switch operation {
            case .indicator(_, let condition, let weight):
                scan(condition)
                if let weight { scan(weight) }
            case .table(_, let table, _): table.inputs.forEach(scan)
            case .number(_, let program, _), .condition(_, let program): scan(program)
            case .score: break
            }
        }
        return slots
    }

    /// Evaluates up to `blockSize` records; read their results with `result(of:at:)`.
    public mutating func run(_ records: ArraySlice<RecordValue>) {
        precondition(records.count <= Self.blockSize, "a block holds at most \(Self.blockSize) records")
        count = records.count
        slow.removeAll(keepingCapacity: true)
        let s = storage
        let b = Self.blockSize
        // Transpose the records' fields into columns.
        for (i, record) in records.enumerated() {
            record.numbers.withUnsafeBufferPointer { numbers in
                for slot in 0..<min(numbers.count, s.fields) { s.fieldNumbers[slot * b + i] = numbers[slot] }
            }
            for slot in boolFields where slot < record.slots.count {
                if case .bool(let flag) = record.slots[slot] {
                    s.fieldTris[slot * b + i] = flag ? .yes : .no
                } else {
                    s.fieldTris[slot * b + i] = .unknown
                }
            }
            s.needsSlowPath[i] = false
        }
        for slot in 0..<s.fields {
            s.fieldNumberBase[slot] = s.fieldNumbers + slot * b
            s.fieldTriBase[slot] = s.fieldTris + slot * b
        }
        for operation in operations { operation.run(s, count: count) }
        let base = records.startIndex
        for i in 0..<count where s.needsSlowPath[i] {
            slow[i] = single.evaluate(records[base + i])
        }
    }

    /// Evaluates the records `range` (at most `blockSize`) of a columnar batch, reading its
    /// columns in place; read the results with `result(of:at:)` (indices from 0 within the range).
    public mutating func run(_ batch: RecordBatch, range: Range<Int>) {
        precondition(range.count <= Self.blockSize, "a block holds at most \(Self.blockSize) records")
        precondition(range.lowerBound >= 0 && range.upperBound <= batch.count, "range outside the batch")
        count = range.count
        slow.removeAll(keepingCapacity: true)
        let s = storage
        for slot in 0..<min(s.fields, batch.kinds.count) {
            if let column = batch.numberColumns[slot] { s.fieldNumberBase[slot] = column + range.lowerBound }
            if let column = batch.triColumns[slot] { s.fieldTriBase[slot] = column + range.lowerBound }
        }
        s.needsSlowPath.update(repeating: false, count: count)
        for operation in operations { operation.run(s, count: count) }
        for i in 0..<count where s.needsSlowPath[i] {
            slow[i] = single.evaluate(batch.record(at: range.lowerBound + i))
        }
    }

    /// The result of a rule for the `index`-th record of the last block.
    public func result(of rule: Int, at index: Int) -> Value {
        if let evaluation = slow[index] { return evaluation.frame.value(of: rule) }
        return storage.value(of: rule, at: index, layout: ruleSet.layout, place: places[rule])
    }

    /// The outcome of a rule for the `index`-th record of the last block.
    public func outcome(of rule: Int, at index: Int) -> Outcome {
        if let evaluation = slow[index] { return evaluation.frame.outcomes[rule] }
        return storage.outcomes[rule * Self.blockSize + index]
    }
}

extension CompiledRuleSet {
    /// A block evaluator for records of `schema` as of `asOf`, or nil when the rules need the
    /// record-by-record evaluator (some rule has no fast-path form).
    public func blockEvaluator(asOf: CivilDate, schema: Int, costLimit: Int = defaultCostLimit) -> BlockEvaluator? {
        BlockEvaluator(ruleSet: self, asOf: asOf, schema: schema, costLimit: costLimit)
    }
}

/// Where a rule's result lives in a block's storage.
enum ResultPlace: Sendable {
    case number, condition
    case tableRow([Value])
}

/// The fast-path form of one rule step.
enum BlockOperation: Sendable {
    case indicator(rule: Int, condition: MachineProgram, weight: MachineProgram?)
    case score(rule: Int, members: [Int])
    case table(rule: Int, FastTable, resolvable: Bool)
    case number(rule: Int, MachineProgram, resolvable: Bool)
    case condition(rule: Int, MachineProgram)

    func run(_ s: BlockStorage, count: Int) {
        let b = BlockEvaluator.blockSize
        switch self {
        case .indicator(let rule, let condition, let weight):
            let t = s.execute(condition, count: count).tris
            let outcomes = s.outcomes + rule * b
            let weights = s.ruleNumbers + rule * b
            var any = false
            for i in 0..<count {
                switch t[i] {
                case .yes:
                    outcomes[i] = .fired
                    any = true
                case .no:
                    outcomes[i] = .notFired
                case .unknown:
                    outcomes[i] = .undetermined
                    any = true
                }
                weights[i] = nil
            }
            guard any else { return }
            if let weight {
                let w = s.execute(weight, count: count).numbers
                for i in 0..<count where outcomes[i] != .notFired { weights[i] = w[i] }
            } else {
                for i in 0..<count where outcomes[i] != .notFired { weights[i] = .one }
            }
        case .score(let rule, let members):
            let outcomes = s.outcomes + rule * b
            let totals = s.ruleNumbers + rule * b
            for i in 0..<count {
                var total = ExactDecimal.zero
                var unknown = false
                for member in members {
                    switch s.outcomes[member * b + i] {
                    case .fired:
                        guard let w = s.ruleNumbers[member * b + i], let sum = try? total.adding(w) else {
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
                    totals[i] = nil
                    outcomes[i] = .undetermined
                    s.needsSlowPath[i] = true
                } else {
                    totals[i] = total
                    outcomes[i] = .determined
                }
            }
        case .table(let rule, let table, let resolvable):
            for (column, input) in table.inputs.enumerated() {
                let r = s.execute(input, count: count).numbers
                let target = s.tableInputs + column * b
                for i in 0..<count { target[i] = r[i] }
            }
            let rows = s.tableRows + rule * b
            let outcomes = s.outcomes + rule * b
            let numericOutput = table.outputs.contains { $0.number != nil }
            let columns = table.columns
            let rowCount = table.rows.count
            table.flat.withUnsafeBufferPointer { tests in
            for i in 0..<count {
                var chosen: Int32 = -1
                rowLoop: for index in 0..<rowCount {
                    var match = Tri.yes
                    for column in 0..<columns {
                        match = Tri.and(match, tests[index * columns + column].holds(s.tableInputs[column * b + i]))
                        if match == .no { continue rowLoop }
                    }
                    if match == .yes { chosen = Int32(index) }
                    break
                }
                rows[i] = chosen
                if numericOutput { s.ruleNumbers[rule * b + i] = chosen >= 0 ? table.outputs[Int(chosen)].number : nil }
                if chosen >= 0, !table.outputs[Int(chosen)].isMissing {
                    outcomes[i] = .determined
                } else {
                    outcomes[i] = .undetermined
                    if resolvable { s.needsSlowPath[i] = true }
                }
            }
            }
        case .number(let rule, let program, let resolvable):
            let r = s.execute(program, count: count).numbers
            let target = s.ruleNumbers + rule * b
            let outcomes = s.outcomes + rule * b
            for i in 0..<count {
                target[i] = r[i]
                outcomes[i] = r[i] == nil ? .undetermined : .determined
                if r[i] == nil, resolvable { s.needsSlowPath[i] = true }
            }
        case .condition(let rule, let program):
            let t = s.execute(program, count: count).tris
            let target = s.conditionResults + rule * b
            let outcomes = s.outcomes + rule * b
            for i in 0..<count {
                target[i] = t[i]
                outcomes[i] = t[i] == .unknown ? .undetermined : .determined
                if t[i] == .unknown { s.needsSlowPath[i] = true }
            }
        }
    }
}

/// The columns of one block: field values, registers and every rule's results, as raw memory.
final class BlockStorage: @unchecked Sendable {
    // @unchecked: a block storage belongs to one BlockEvaluator, which is used by one thread.
    let fields: Int
    let fieldNumbers: UnsafeMutablePointer<ExactDecimal?>
    let fieldTris: UnsafeMutablePointer<Tri>
    let numbers: UnsafeMutablePointer<ExactDecimal?>
    let tris: UnsafeMutablePointer<Tri>
    let ruleNumbers: UnsafeMutablePointer<ExactDecimal?>
    let outcomes: UnsafeMutablePointer<Outcome>
    let tableRows: UnsafeMutablePointer<Int32>
    let conditionResults: UnsafeMutablePointer<Tri>
    let tableInputs: UnsafeMutablePointer<ExactDecimal?>
    let needsSlowPath: UnsafeMutablePointer<Bool>
    /// Where each field's column starts for the current block (the storage's own transposed
    /// columns, or a batch's columns read in place).
    let fieldNumberBase: UnsafeMutablePointer<UnsafeMutablePointer<ExactDecimal?>>
    let fieldTriBase: UnsafeMutablePointer<UnsafeMutablePointer<Tri>>
    private var allocations: [(UnsafeMutableRawPointer)] = []

    init(rules: Int, fields: Int, numberRegisters: Int, triRegisters: Int, tableColumns: Int) {
        let b = BlockEvaluator.blockSize
        func make<T>(_ count: Int, _ value: T) -> UnsafeMutablePointer<T> {
            let p = UnsafeMutablePointer<T>.allocate(capacity: max(count, 1) * b)
            p.initialize(repeating: value, count: max(count, 1) * b)
            return p
        }
        self.fields = fields
        fieldNumbers = make(fields, nil)
        fieldTris = make(fields, .unknown)
        numbers = make(numberRegisters, nil)
        tris = make(triRegisters, .unknown)
        ruleNumbers = make(rules, nil)
        outcomes = make(rules, .notInForce)
        tableRows = make(rules, -1)
        conditionResults = make(rules, .unknown)
        tableInputs = make(tableColumns, nil)
        needsSlowPath = make(1, false)
        fieldNumberBase = .allocate(capacity: max(fields, 1))
        fieldNumberBase.initialize(repeating: fieldNumbers, count: max(fields, 1))
        fieldTriBase = .allocate(capacity: max(fields, 1))
        fieldTriBase.initialize(repeating: fieldTris, count: max(fields, 1))
        allocations = [
            UnsafeMutableRawPointer(fieldNumbers), UnsafeMutableRawPointer(fieldTris), UnsafeMutableRawPointer(numbers),
            UnsafeMutableRawPointer(tris), UnsafeMutableRawPointer(ruleNumbers), UnsafeMutableRawPointer(outcomes),
            UnsafeMutableRawPointer(tableRows), UnsafeMutableRawPointer(conditionResults), UnsafeMutableRawPointer(tableInputs),
            UnsafeMutableRawPointer(needsSlowPath), UnsafeMutableRawPointer(fieldNumberBase), UnsafeMutableRawPointer(fieldTriBase),
        ]
    }

    deinit { for p in allocations { p.deallocate() } }

    func value(of rule: Int, at index: Int, layout: ResultLayout, place: ResultPlace) -> Value {
        let b = BlockEvaluator.blockSize
        switch place {
        case .tableRow(let outputs):
            let row = tableRows[rule * b + index]
            return row >= 0 ? outputs[Int(row)] : .missing
        case .condition:
            return conditionResults[rule * b + index].value
        case .number:
            break
        }
        guard layout.numeric[rule], let n = ruleNumbers[rule * b + index] else { return .missing }
        if layout.integral[rule], let i = n.int64Value { return .int(i) }
        return .decimal(n)
    }

    /// Runs a machine program over the block; returns the register holding its result. Field and
    /// rule-result loads do not copy: the register is pointed at the column (`column(of:)` reads
    /// through that map), so a block costs one pass per computing instruction.
    func execute(_ program: MachineProgram, count: Int) -> ExecutionResult {
        let b = BlockEvaluator.blockSize
        var numberColumns = [UnsafeMutablePointer<ExactDecimal?>](unsafeUninitializedCapacity: Int(program.numberRegisters)) { buffer, initialized in
            for r in 0..<Int(program.numberRegisters) { (buffer.baseAddress! + r).initialize(to: numbers + r * b) }
            initialized = Int(program.numberRegisters)
        }
        var triColumns = [UnsafeMutablePointer<Tri>](unsafeUninitializedCapacity: Int(program.triRegisters)) { buffer, initialized in
            for r in 0..<Int(program.triRegisters) { (buffer.baseAddress! + r).initialize(to: tris + r * b) }
            initialized = Int(program.triRegisters)
        }
        for instruction in program.code {
            switch instruction {
            case .field(let dst, let slot):
                numberColumns[Int(dst)] = fieldNumberBase[Int(slot)]
            case .boolField(let dst, let slot):
                triColumns[Int(dst)] = fieldTriBase[Int(slot)]
            case .constant(let dst, let value):
                numberColumns[Int(dst)].update(repeating: value, count: count)
            case .constantTri(let dst, let value):
                triColumns[Int(dst)].update(repeating: value, count: count)
            case .ruleNumber(let dst, let rule):
                numberColumns[Int(dst)] = ruleNumbers + rule.int * b
            case .ruleBool(let dst, let rule):
                triColumns[Int(dst)] = conditionResults + rule.int * b
            case .indicator(let dst, let rule):
                let t = triColumns[Int(dst)]
                let o = outcomes + rule.int * b
                for i in 0..<count {
                    switch o[i] {
                    case .fired: t[i] = .yes
                    case .undetermined, .error: t[i] = .unknown
                    default: t[i] = .no
                    }
                }
            case .arithmetic(let op, let dst, let a, let c):
                let d = numberColumns[Int(dst)]
                let x = numberColumns[Int(a)]
                let y = numberColumns[Int(c)]
                for i in 0..<count {
                    guard let l = x[i], let r = y[i] else {
                        d[i] = nil
                        continue
                    }
                    do throws(DecimalError) {
                        switch op {
                        case .add: d[i] = try l.adding(r)
                        case .subtract: d[i] = try l.subtracting(r)
                        case .multiply: d[i] = try l.multiplying(r)
                        default: d[i] = try l.divided(by: r)
                        }
                    } catch {
                        d[i] = nil
                        needsSlowPath[i] = true
                    }
                }
            case .compare(let op, let dst, let a, let c):
                let d = triColumns[Int(dst)]
                let x = numberColumns[Int(a)]
                let y = numberColumns[Int(c)]
                switch op {
                case .less: Self.compare(d, x, y, count) { $0 < $1 }
                case .lessEqual: Self.compare(d, x, y, count) { !($1 < $0) }
                case .greater: Self.compare(d, x, y, count) { $1 < $0 }
                case .greaterEqual: Self.compare(d, x, y, count) { !($0 < $1) }
                case .equal: Self.compare(d, x, y, count) { $0 == $1 }
                case .notEqual: Self.compare(d, x, y, count) { $0 != $1 }
                }
            case .compareConstant(let op, let dst, let a, let value):
                let d = triColumns[Int(dst)]
                let x = numberColumns[Int(a)]
                switch op {
                case .less: Self.compare(d, x, value, count) { $0 < $1 }
                case .lessEqual: Self.compare(d, x, value, count) { !($1 < $0) }
                case .greater: Self.compare(d, x, value, count) { $1 < $0 }
                case .greaterEqual: Self.compare(d, x, value, count) { !($0 < $1) }
                case .equal: Self.compare(d, x, value, count) { $0 == $1 }
                case .notEqual: Self.compare(d, x, value, count) { $0 != $1 }
                }
            case .and(let dst, let a, let c):
                let d = triColumns[Int(dst)]
                let x = triColumns[Int(a)]
                let y = triColumns[Int(c)]
                for i in 0..<count { d[i] = Tri.and(x[i], y[i]) }
            case .or(let dst, let a, let c):
                let d = triColumns[Int(dst)]
                let x = triColumns[Int(a)]
                let y = triColumns[Int(c)]
                for i in 0..<count { d[i] = Tri.or(x[i], y[i]) }
            case .not(let dst, let a):
                let d = triColumns[Int(dst)]
                let x = triColumns[Int(a)]
                for i in 0..<count { d[i] = x[i].negated }
            case .present(let dst, let a, let negated):
                let d = triColumns[Int(dst)]
                let x = numberColumns[Int(a)]
                for i in 0..<count { d[i] = (x[i] != nil) != negated ? .yes : .no }
            case .coalesce(let dst, let a, let c):
                let d = numberColumns[Int(dst)]
                let x = numberColumns[Int(a)]
                let y = numberColumns[Int(c)]
                for i in 0..<count { d[i] = x[i] ?? y[i] }
            case .negate(let dst, let a):
                let d = numberColumns[Int(dst)]
                let x = numberColumns[Int(a)]
                for i in 0..<count {
                    guard let v = x[i] else {
                        d[i] = nil
                        continue
                    }
                    do throws(DecimalError) { d[i] = try v.negated() } catch {
                        d[i] = nil
                        needsSlowPath[i] = true
                    }
                }
            }
        }
        return ExecutionResult(numbers: numberColumns.isEmpty ? numbers : numberColumns[min(Int(program.result), numberColumns.count - 1)],
                               tris: triColumns.isEmpty ? tris : triColumns[min(Int(program.result), triColumns.count - 1)])
    }

    /// Where a program's result column is (numbers or conditions, by the program's kind).
    struct ExecutionResult {
        let numbers: UnsafeMutablePointer<ExactDecimal?>
        let tris: UnsafeMutablePointer<Tri>
    }

    /// `d[i] = holds(x[i], y[i])`, unknown where either is missing.
    @inline(__always)
    private static func compare(
        _ d: UnsafeMutablePointer<Tri>, _ x: UnsafeMutablePointer<ExactDecimal?>, _ y: UnsafeMutablePointer<ExactDecimal?>,
        _ count: Int, _ holds: (ExactDecimal, ExactDecimal) -> Bool
    ) {
        for i in 0..<count {
            if let l = x[i], let r = y[i] { d[i] = holds(l, r) ? .yes : .no } else { d[i] = .unknown }
        }
    }

    /// `d[i] = holds(x[i], value)`, unknown where x is missing.
    @inline(__always)
    private static func compare(
        _ d: UnsafeMutablePointer<Tri>, _ x: UnsafeMutablePointer<ExactDecimal?>, _ value: ExactDecimal, _ count: Int,
        _ holds: (ExactDecimal, ExactDecimal) -> Bool
    ) {
        for i in 0..<count {
            if let l = x[i] { d[i] = holds(l, value) ? .yes : .no } else { d[i] = .unknown }
        }
    }
}

extension Int32 {
    @inline(__always) var int: Int { Int(self) }
}
