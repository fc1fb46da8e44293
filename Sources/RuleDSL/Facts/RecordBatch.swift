/// Records of one schema stored column by column: numbers as exact decimals, booleans as
/// conditions, other fields as values. Filled straight from CSV (no per-record objects) and read by
/// the block evaluator without copying; `record(at:)` rebuilds one record when needed.
public final class RecordBatch: @unchecked Sendable {
    // @unchecked: a batch is filled by one reader and then only read; it is not mutated while shared.
    // The stored properties skip dynamic exclusivity checks for the same reason (one writer, no
    // overlapping accesses): those checks cost more than the decoding itself.
    public let schema: SchemaInfo
    @exclusivity(unchecked) public private(set) var count = 0
    @exclusivity(unchecked) private(set) var capacity: Int
    /// Per field: the kind of column it has.
    let kinds: [Kind]
    @exclusivity(unchecked) private(set) var numberColumns: [UnsafeMutablePointer<ExactDecimal?>?]
    @exclusivity(unchecked) private(set) var triColumns: [UnsafeMutablePointer<Tri>?]
    @exclusivity(unchecked) private var valueColumns: [[Value]]

    enum Kind: Equatable {
        case number(integral: Bool), condition, value
    }

    public init(schema: SchemaInfo, capacity: Int = 256) {
        self.schema = schema
        self.capacity = max(capacity, 1)
        kinds = schema.fields.map { field in
            switch field.type {
            case .int, .optional(.int): return .number(integral: true)
            case .decimal, .money, .percent, .optional(.decimal), .optional(.money), .optional(.percent): return .number(integral: false)
            case .bool, .optional(.bool): return .condition
            default: return .value
            }
        }
        let c = self.capacity
        numberColumns = kinds.map { kind in
            guard case .number = kind else { return nil }
            let p = UnsafeMutablePointer<ExactDecimal?>.allocate(capacity: c)
            p.initialize(repeating: nil, count: c)
            return p
        }
        triColumns = kinds.map { kind in
            guard kind == .condition else { return nil }
            let p = UnsafeMutablePointer<Tri>.allocate(capacity: c)
            p.initialize(repeating: .unknown, count: c)
            return p
        }
        valueColumns = kinds.map { kind in kind == .value ? [] : [] }
        for (i, kind) in kinds.enumerated() where kind == .value { valueColumns[i].reserveCapacity(c) }
    }

    deinit {
        for p in numberColumns { p?.deallocate() }
        for p in triColumns { p?.deallocate() }
    }

    /// Removes every record, keeping the memory.
    public func removeAll() {
        count = 0
        for i in valueColumns.indices { valueColumns[i].removeAll(keepingCapacity: true) }
    }

    /// Makes room for one more record and returns its index; its cells start missing.
    func beginRecord() -> Int {
        if count == capacity { grow() }
        for (i, kind) in kinds.enumerated() {
            switch kind {
            case .number: numberColumns[i]![count] = nil
            case .condition: triColumns[i]![count] = .unknown
            case .value:
                let empty: Value
                if case .list = schema.fields[i].type { empty = .list([]) } else { empty = .missing }
                if valueColumns[i].count > count { valueColumns[i][count] = empty } else { valueColumns[i].append(empty) }
            }
        }
        return count
    }

    /// Keeps the record begun last (a record with a bad cell is simply not committed).
    func commitRecord() { count += 1 }

    @inline(__always) func setNumber(_ value: ExactDecimal?, slot: Int, row: Int) { numberColumns[slot]![row] = value }

    /// Sets any cell from a value.
    func set(_ value: Value, slot: Int, row: Int) {
        switch kinds[slot] {
        case .number: numberColumns[slot]![row] = value.number
        case .condition:
            if case .bool(let b) = value { triColumns[slot]![row] = b ? .yes : .no } else { triColumns[slot]![row] = .unknown }
        case .value: valueColumns[slot][row] = value
        }
    }

    /// Appends a record built elsewhere.
    public func append(_ record: RecordValue) {
        let row = beginRecord()
        for slot in 0..<min(record.slots.count, kinds.count) { set(record.slots[slot], slot: slot, row: row) }
        commitRecord()
    }

    /// Notes that a field not decoded (not needed) was present, for the required-field check.
    func markPresent(slot: Int, row: Int) {
        switch kinds[slot] {
        case .number: numberColumns[slot]![row] = .zero
        case .condition: triColumns[slot]![row] = .no
        case .value: valueColumns[slot][row] = .bool(true)
        }
    }

    /// Fields recorded as present without their values (read with `fields:`): missing in records.
    @exclusivity(unchecked) var presentOnly: Set<Int> = []

    /// True when the required field `slot` of record `row` is missing.
    func isMissing(slot: Int, row: Int) -> Bool {
        switch kinds[slot] {
        case .number: return numberColumns[slot]![row] == nil
        case .condition: return triColumns[slot]![row] == .unknown
        case .value: return valueColumns[slot][row].isMissing
        }
    }

    /// The record at `row`, rebuilt as a value.
    public func record(at row: Int) -> RecordValue {
        var slots: [Value] = []
        var numbers: [ExactDecimal?] = []
        slots.reserveCapacity(kinds.count)
        numbers.reserveCapacity(kinds.count)
        for (slot, kind) in kinds.enumerated() {
            if presentOnly.contains(slot) {
                slots.append(.missing)
                numbers.append(nil)
                continue
            }
            switch kind {
            case .number(let integral):
                let n = numberColumns[slot]![row]
                numbers.append(n)
                if let n { slots.append(integral ? (n.int64Value.map(Value.int) ?? .decimal(n)) : .decimal(n)) } else { slots.append(.missing) }
            case .condition:
                numbers.append(nil)
                slots.append(triColumns[slot]![row].value)
            case .value:
                let v = valueColumns[slot][row]
                numbers.append(v.number)
                slots.append(v)
            }
        }
        return RecordValue(schema: schema.index, slots: slots, numbers: numbers)
    }

    private func grow() {
        let newCapacity = capacity * 2
        for i in numberColumns.indices {
            guard let old = numberColumns[i] else { continue }
            let p = UnsafeMutablePointer<ExactDecimal?>.allocate(capacity: newCapacity)
            p.moveInitialize(from: old, count: capacity)
            (p + capacity).initialize(repeating: nil, count: newCapacity - capacity)
            old.deallocate()
            numberColumns[i] = p
        }
        for i in triColumns.indices {
            guard let old = triColumns[i] else { continue }
            let p = UnsafeMutablePointer<Tri>.allocate(capacity: newCapacity)
            p.moveInitialize(from: old, count: capacity)
            (p + capacity).initialize(repeating: .unknown, count: newCapacity - capacity)
            old.deallocate()
            triColumns[i] = p
        }
        capacity = newCapacity
    }
}
