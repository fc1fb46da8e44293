/// Decision tables: each cell becomes a test on its column's value; the hit policy picks the result.
extension Compiler {
    typealias CellCode = @Sendable (Value, inout Frame) -> Tri

    /// A closure in a struct: an array of structs keeps each closure as compiled, while an array of
    /// bare closures stores them in their most general form, behind a conversion thunk per call.
    struct CellTest: Sendable {
        let test: CellCode
    }

    struct InputCode: Sendable {
        let value: ValueCode
    }

    func compileTable(_ d: TableDecl, rule: Int) -> ValueCode {
        let inputs = d.inputs.map { InputCode(value: compile($0.expr).asValue) }
        let outputTypes = outputTypes(rule: rule, count: d.outputs.count)
        let rows: [(id: NodeID, cells: [CellCode], outputs: [ValueCode])] = d.rows.map { row in
            let cells = row.inputs.enumerated().map { column, cell in
                compileCell(cell, columnType: program.type(of: d.inputs[column].expr))
            }
            let outputs: [ValueCode] = row.outputs.enumerated().map { column, output in
                guard let output else { return { _ in .missing } }
                return convert(compile(output).asValue, to: outputTypes[column])
            }
            return (row.id, cells, outputs)
        }
        let lines = d.rows.map { row in
            String(program.files[Int(row.range.file)].file.location(of: Int(row.range.start)).line)
        }
        let outputSchema: Int? = {
            guard d.outputs.count > 1, case .record(let s) = program.rules[rule].resultType.base else { return nil }
            return s
        }()
        let policy = d.hitPolicy
        let name = d.header.name.name
        let priority = priorityRanks(d, rule: rule)
        // Cells row after row in one array: the `first` loop reads them without copying a row.
        let columns = d.inputs.count
        let anything: CellCode = { _, _ in .yes }
        var cellsInRows: [CellTest] = []
        for row in rows {
            for column in 0..<columns { cellsInRows.append(CellTest(test: column < row.cells.count ? row.cells[column] : anything)) }
        }
        let flatCells = cellsInRows

        return { f in
            for column in inputs.indices { f.scratch[column] = inputs[column].value(&f) }
            func output(_ index: Int) -> Value {
                let row = rows[index]
                if let outputSchema {
                    return .record(RecordValue(schema: outputSchema, slots: row.outputs.map { $0(&f) }))
                }
                return row.outputs[0](&f)
            }
            // `first`: stop at the first row that matches (or that cannot be decided).
            if policy == .first {
                rowLoop: for index in rows.indices {
                    var match = Tri.yes
                    let base = index * columns
                    for column in 0..<columns {
                        match = Tri.and(match, flatCells[base + column].test(f.scratch[column], &f))
                        if match == .no { continue rowLoop }
                    }
                    if match == .unknown { return .missing }
                    f.recorder?.record(rows[index].id, .bool(true))
                    return output(index)
                }
                return .missing
            }
            var matched: [Int] = []
            var undecided = false
            rowLoop: for (index, row) in rows.enumerated() {
                var match = Tri.yes
                for (column, cell) in row.cells.enumerated() {
                    match = Tri.and(match, cell(f.scratch[column], &f))
                    if match == .no { continue rowLoop }
                }
                if match == .unknown {
                    undecided = true
                    continue
                }
                f.recorder?.record(row.id, .bool(true))
                matched.append(index)
            }
            switch policy {
            case .first:
                return matched.first.map(output) ?? .missing
            case .unique, .any:
                if undecided { return .missing }
                guard let first = matched.first else { return .missing }
                if matched.count == 1 { return output(first) }
                let values = matched.map(output)
                if policy == .any, values.allSatisfy({ $0 == values[0] }) { return values[0] }
                let which = matched.map { lines[$0] }.joined(separator: ", ")
                f.fail(EvalFailure(policy == .unique ? Messages.uniqueViolated : Messages.anyViolated, [name, which]))
                return .missing
            case .priority:
                if undecided { return .missing }
                let outputs = matched.map(output)
                return outputs.min { a, b in priorityRank(a, priority) < priorityRank(b, priority) } ?? .missing
            case .collect:
                if undecided { return .missing }
                return .list(matched.map(output))
            case .collectCount:
                if undecided { return .missing }
                return .int(Int64(matched.count))
            case .collectSum, .collectMin, .collectMax:
                if undecided { return .missing }
                let outputs = matched.map(output)
                if policy == .collectSum {
                    var total = ExactDecimal.zero
                    for o in outputs {
                        guard let n = o.number else { return .missing }
                        do { total = try total.adding(n) } catch {
                            f.fail(EvalFailure.from(error))
                            return .missing
                        }
                    }
                    if let i = total.int64Value, case .int = outputs.first ?? .int(0) { return .int(i) }
                    return .decimal(total)
                }
                if outputs.contains(where: \.isMissing) { return .missing }
                let wantMin = policy == .collectMin
                return outputs.min { a, b in
                    let c = ValueOrder.compare(a, b) ?? 0
                    return wantMin ? c < 0 : c > 0
                } ?? .missing
            }
        }
    }

    private func outputTypes(rule: Int, count: Int) -> [RType] {
        let result = program.rules[rule].resultType
        var single = result
        if case .list(let e) = result.base { single = e }
        if count > 1, case .record(let s) = single.base { return program.schemas[s].fields.map(\.type) }
        return [single]
    }

    /// Priority of output values: an enum's case order, numbers high to low… the order of first
    /// appearance in the table otherwise (the DMN output-values list, written as rows).
    private func priorityRanks(_ d: TableDecl, rule: Int) -> [Value: Int] {
        guard d.hitPolicy == .priority else { return [:] }
        var ranks: [Value: Int] = [:]
        for row in d.rows {
            guard let first = row.outputs.first, let output = first, let value = program.literals[output.id] else { continue }
            if case .enumCase(let c) = value {
                ranks[value] = Int(c.caseIndex)
            } else if ranks[value] == nil {
                ranks[value] = ranks.count
            }
        }
        return ranks
    }


    // MARK: - Cells

    func compileCell(_ cell: Cell, columnType: RType) -> CellCode {
        switch cell.kind {
        case .any:
            return { _, _ in .yes }
        case .missing:
            return { v, _ in Tri(v.isMissing) }
        case .present:
            return { v, _ in Tri(!v.isMissing) }
        case .comparison(let op, let expr):
            if let constant = program.literals[expr.id]?.number, columnType.isNumeric {
                return { v, _ in
                    guard let n = v.number else { return .unknown }
                    return Tri(op.holds(n, constant))
                }
            }
            let rhs = compile(expr).asValue
            return { v, f in ValueOrder.test(op, v, rhs(&f)) }
        case .range(let lo, let hi, let inclusive):
            return rangeTest(lo, hi, inclusive: inclusive, columnType: columnType)
        case .oneOf(let values):
            let test = membershipTest(values, columnType: columnType)
            return test
        case .noneOf(let values):
            let test = membershipTest(values, columnType: columnType)
            return { v, f in test(v, &f).negated }
        }
    }

    private func rangeTest(_ lo: Expr, _ hi: Expr, inclusive: Bool, columnType: RType) -> CellCode {
        if columnType.isNumeric, let a = program.literals[lo.id]?.number, let b = program.literals[hi.id]?.number {
            return { v, _ in
                guard let n = v.number else { return .unknown }
                return Tri(n >= a && (inclusive ? n <= b : n < b))
            }
        }
        let l = compile(lo).asValue
        let h = compile(hi).asValue
        return { v, f in
            let lower = ValueOrder.test(.greaterEqual, v, l(&f))
            if lower == .no { return .no }
            return Tri.and(lower, ValueOrder.test(inclusive ? .lessEqual : .less, v, h(&f)))
        }
    }

    private func membershipTest(_ values: [Expr], columnType: RType) -> CellCode {
        let constants = values.compactMap { program.literals[$0.id] }
        if constants.count == values.count {
            let keys = constants.map(normalizedKey)
            if keys.count <= 4 {
                // A few values (the usual cell: one enum case, a number, a string): comparing is
                // cheaper than hashing the column's value.
                return { v, _ in
                    if v.isMissing { return .unknown }
                    let key = normalizedKey(v)
                    for k in keys where k == key { return .yes }
                    return .no
                }
            }
            let set = Set(keys)
            return { v, _ in
                if v.isMissing { return .unknown }
                return Tri(set.contains(normalizedKey(v)))
            }
        }
        let tests: [CellCode] = values.map { value in
            if case .range(let lo, let hi, let inclusive) = value.kind {
                return rangeTest(lo, hi, inclusive: inclusive, columnType: columnType)
            }
            let code = compile(value).asValue
            return { v, f in ValueOrder.test(.equal, v, code(&f)) }
        }
        return { v, f in
            var result = Tri.no
            for test in tests {
                result = Tri.or(result, test(v, &f))
                if result == .yes { return .yes }
            }
            return result
        }
    }
}

/// Free function form so closures need not capture a Compiler.
@inline(__always) func normalizedKey(_ v: Value) -> Value {
    if case .decimal(let d) = v, let i = d.int64Value { return .int(i) }
    return v
}

/// The priority rank of a table output (lower wins); outputs not listed rank last.
func priorityRank(_ value: Value, _ ranks: [Value: Int]) -> Int {
    let key: Value
    if case .record(let r) = value, let first = r.slots.first { key = first } else { key = value }
    return ranks[key] ?? Int.max
}
