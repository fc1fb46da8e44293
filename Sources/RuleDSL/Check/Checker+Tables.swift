/// Decision tables: typing inputs, cells and outputs, the hit policy's result type, and the static
/// checks (overlapping rows under `unique` and `any`, unreachable rows under `first`, gaps).
extension Checker {
    /// Tables with more rows than this skip the overlap, reachability and gap analyses.
    static let analysisRowLimit = 1_000

    mutating func checkTable(_ d: TableDecl, declaration: Declaration, rule: Int, scope: inout Scope) -> RType {
        let inputTypes = d.inputs.map { checkExpression($0.expr, scope: &scope, expected: nil) }
        program.tableColumns = max(program.tableColumns, d.inputs.count)
        var outputTypes: [RType?] = d.outputs.map { $0.type.map { resolveType($0, file: scope.file) } }
        var boxes: [TableAnalysis.Box] = []
        var hasUnsetOutput = Array(repeating: false, count: d.outputs.count)
        for row in d.rows {
            var box: TableAnalysis.Box = []
            for (column, cell) in row.inputs.enumerated() where column < inputTypes.count {
                let values = checkCell(cell, columnType: inputTypes[column], scope: &scope)
                // An optional column has one more coordinate: whether the input is present or missing.
                if inputTypes[column].isOptional {
                    let present = Value.bool(true)
                    let missing = Value.bool(false)
                    switch cell.kind {
                    case .any:
                        box.append(.finite([present, missing], complement: false))
                        box.append(values)
                    case .missing:
                        box.append(.finite([missing], complement: false))
                        box.append(fullSet(inputTypes[column]))
                    default:
                        box.append(.finite([present], complement: false))
                        box.append(values)
                    }
                } else {
                    box.append(values)
                }
            }
            boxes.append(box)
            for (column, output) in row.outputs.enumerated() where column < outputTypes.count {
                guard let output else {
                    hasUnsetOutput[column] = true
                    continue
                }
                let type = checkExpression(output, scope: &scope, expected: outputTypes[column])
                if let declared = d.outputs[column].type.map({ _ in outputTypes[column]! }) {
                    if !type.fits(declared), !type.base.fits(declared.base) {
                        report(Messages.fieldTypeMismatch, [d.outputs[column].name.name, spell(declared), spell(type)], at: output.range)
                    }
                } else if let current = outputTypes[column] {
                    guard let joined = RType.join(current, type) else {
                        report(Messages.branchesDiffer, [spell(current), spell(type)], at: output.range)
                        continue
                    }
                    outputTypes[column] = joined
                } else {
                    outputTypes[column] = type
                }
            }
        }
        let resolvedOutputs = outputTypes.enumerated().map { i, t in
            let type = t ?? .nothing
            return hasUnsetOutput[i] ? type.optionalized : type
        }
        analyse(d, boxes: boxes, inputTypes: inputTypes)
        return tableResultType(d, declaration: declaration, rule: rule, outputs: resolvedOutputs, module: scope.module)
    }

    private mutating func tableResultType(
        _ d: TableDecl, declaration: Declaration, rule: Int, outputs: [RType], module: String
    ) -> RType {
        guard !outputs.isEmpty else { return .error }
        var single: RType
        if outputs.count == 1 {
            single = outputs[0]
        } else {
            // Several outputs: the table's value is a record with one field per output.
            let index = program.schemas.count
            var fieldIndex: [String: Int] = [:]
            var fields: [FieldInfo] = []
            for (output, type) in zip(d.outputs, outputs) where fieldIndex[output.name.name] == nil {
                fieldIndex[output.name.name] = fields.count
                fields.append(FieldInfo(name: output.name.name, title: output.title?.value, type: type, range: output.name.range))
            }
            program.schemas.append(SchemaInfo(
                index: index, module: module, name: "\(d.header.name.name).outputs", title: d.header.title?.value,
                fields: fields, fieldIndex: fieldIndex, range: d.header.name.range))
            program.tableOutputs[rule] = fields.map(\.name)
            single = .record(index)
        }
        switch d.hitPolicy {
        case .unique, .first, .priority, .any:
            if d.hitPolicy == .priority, outputs.count == 1, !outputs[0].base.isOrdered, !isEnum(outputs[0]), !outputs[0].isError,
                outputs[0].base != .bool
            {
                report(Messages.priorityNeedsOrder, [spell(outputs[0])], at: d.hitPolicyRange ?? d.header.name.range)
            }
            return single
        case .collect:
            return .list(single)
        case .collectCount:
            return .int
        case .collectSum, .collectMin, .collectMax:
            guard outputs.count == 1, outputs[0].base.isNumeric || (d.hitPolicy != .collectSum && (outputs[0].base.isOrdered || isEnum(outputs[0]))) else {
                report(Messages.collectNeedsNumbers, [d.hitPolicy.rawValue], at: d.hitPolicyRange ?? d.header.name.range)
                return .error
            }
            return d.hitPolicy == .collectSum ? outputs[0].base : outputs[0].base.optionalized
        }
    }

    private func isEnum(_ type: RType) -> Bool {
        if case .enumeration = type.base { return true }
        return false
    }

    // MARK: - Cells

    /// Types a cell against its column and returns the set of column values it accepts.
    private mutating func checkCell(_ cell: Cell, columnType: RType, scope: inout Scope) -> TableAnalysis.ColumnSet {
        let expected: RType? = columnType.isError ? nil : columnType.base
        switch cell.kind {
        case .any, .present:
            return fullSet(columnType)
        case .missing:
            if !columnType.isOptional, !columnType.isError {
                report(Messages.neverMissing, ["this column", spell(columnType)], at: cell.range)
            }
            return emptySet(columnType)
        case .comparison(let op, let value):
            let t = checkExpression(value, scope: &scope, expected: expected)
            if !t.isError, !columnType.isError {
                checkComparable(BinaryOp(rawValue: op.rawValue)!, columnType, t, at: cell.range)
            }
            guard let constant = constantValue(value) else { return .opaque }
            return comparisonSet(op, constant, columnType)
        case .range(let lo, let hi, let inclusive):
            let a = checkExpression(lo, scope: &scope, expected: expected)
            let b = checkExpression(hi, scope: &scope, expected: expected)
            if !columnType.isError {
                if !a.isError { checkComparable(.less, columnType, a, at: lo.range) }
                if !b.isError { checkComparable(.less, columnType, b, at: hi.range) }
            }
            guard let l = constantValue(lo), let h = constantValue(hi) else { return .opaque }
            guard let set = rangeSet(l, h, inclusive: inclusive, columnType) else { return .opaque }
            if TableAnalysis.isEmpty(set) { report(Messages.emptyRange, [], at: cell.range) }
            return set
        case .oneOf(let values), .noneOf(let values):
            var union: TableAnalysis.ColumnSet? = emptySet(columnType)
            for value in values {
                var part: TableAnalysis.ColumnSet = .opaque
                if case .range(let lo, let hi, let inclusive) = value.kind {
                    let a = checkExpression(lo, scope: &scope, expected: expected)
                    let b = checkExpression(hi, scope: &scope, expected: expected)
                    program.types[value.id] = columnType
                    if !columnType.isError, !a.isError, !b.isError {
                        checkComparable(.less, columnType, a, at: lo.range)
                        checkComparable(.less, columnType, b, at: hi.range)
                    }
                    if let l = constantValue(lo), let h = constantValue(hi), let s = rangeSet(l, h, inclusive: inclusive, columnType) {
                        part = s
                    }
                } else {
                    let t = checkExpression(value, scope: &scope, expected: expected)
                    if !t.isError, !columnType.isError { checkComparable(.equal, columnType, t, at: value.range) }
                    if let constant = constantValue(value) { part = comparisonSet(.equal, constant, columnType) }
                }
                if let current = union {
                    union = unite(current, part)
                }
            }
            guard let set = union else { return .opaque }
            if case .noneOf = cell.kind { return TableAnalysis.subtract(fullSet(columnType), set) ?? .opaque }
            return set
        }
    }

    private func unite(_ a: TableAnalysis.ColumnSet, _ b: TableAnalysis.ColumnSet) -> TableAnalysis.ColumnSet? {
        switch (a, b) {
        case (.intervals(let x, let integral), .intervals(let y, _)):
            // Union = not (not x and not y).
            let full = [TableAnalysis.Interval(lower: .negativeInfinity, upper: .positiveInfinity)]
            let notX = TableAnalysis.subtract(full, x, integral: integral)
            let notBoth = TableAnalysis.subtract(notX, y, integral: integral)
            return .intervals(TableAnalysis.subtract(full, notBoth, integral: integral), integral: integral)
        case (.finite(let x, false), .finite(let y, false)):
            return .finite(x.union(y), complement: false)
        default:
            return nil
        }
    }

    /// The constant value of an expression (a literal, a folded negation, an enum case, a literal const).
    func constantValue(_ expr: Expr) -> Value? {
        if let literal = program.literals[expr.id] { return literal }
        return nil
    }

    // MARK: - Column sets

    private enum Domain {
        case ordered(integral: Bool)
        case finite(universe: [Value])
        case strings
        case other
    }

    private func domain(_ type: RType) -> Domain {
        switch type.base {
        case .int, .date, .datetime: return .ordered(integral: true)
        case .decimal, .money, .percent: return .ordered(integral: false)
        case .bool: return .finite(universe: [.bool(false), .bool(true)])
        case .enumeration(let e):
            return .finite(universe: program.enums[e].cases.indices.map { .enumCase(EnumCase(enumIndex: Int32(e), caseIndex: Int32($0))) })
        case .string: return .strings
        default: return .other
        }
    }

    private func fullSet(_ type: RType) -> TableAnalysis.ColumnSet {
        switch domain(type) {
        case .ordered(let integral): return .intervals([.init(lower: .negativeInfinity, upper: .positiveInfinity)], integral: integral)
        case .finite(let universe): return .finite(Set(universe), complement: false)
        case .strings: return .finite([], complement: true)
        case .other: return .opaque
        }
    }

    private func emptySet(_ type: RType) -> TableAnalysis.ColumnSet {
        switch domain(type) {
        case .ordered(let integral): return .intervals([], integral: integral)
        case .finite, .strings: return .finite([], complement: false)
        case .other: return .opaque
        }
    }

    /// A value as a point on the column's number line.
    private func key(_ value: Value) -> ExactDecimal? {
        switch value {
        case .int, .decimal: return value.number
        case .date(let d): return ExactDecimal(Int64(d.daysSinceEpoch))
        case .datetime(let t): return ExactDecimal(t.utcSeconds)
        default: return nil
        }
    }

    private func comparisonSet(_ op: ComparisonOp, _ value: Value, _ type: RType) -> TableAnalysis.ColumnSet {
        switch domain(type) {
        case .ordered(let integral):
            guard let k = key(value) else { return .opaque }
            let point = TableAnalysis.Bound.value(k, closed: true)
            let open = TableAnalysis.Bound.value(k, closed: false)
            let interval: [TableAnalysis.Interval]
            switch op {
            case .equal: interval = [.init(lower: point, upper: point)]
            case .notEqual: interval = [.init(lower: .negativeInfinity, upper: open), .init(lower: open, upper: .positiveInfinity)]
            case .less: interval = [.init(lower: .negativeInfinity, upper: open)]
            case .lessEqual: interval = [.init(lower: .negativeInfinity, upper: point)]
            case .greater: interval = [.init(lower: open, upper: .positiveInfinity)]
            case .greaterEqual: interval = [.init(lower: point, upper: .positiveInfinity)]
            }
            return .intervals(interval.filter { !$0.isEmpty(integral: integral) }, integral: integral)
        case .finite(let universe):
            let matching = universe.filter { candidate in
                switch op {
                case .equal: return candidate == value
                case .notEqual: return candidate != value
                default:
                    guard case .enumCase(let c) = candidate, case .enumCase(let v) = value else { return false }
                    switch op {
                    case .less: return c.caseIndex < v.caseIndex
                    case .lessEqual: return c.caseIndex <= v.caseIndex
                    case .greater: return c.caseIndex > v.caseIndex
                    default: return c.caseIndex >= v.caseIndex
                    }
                }
            }
            return .finite(Set(matching), complement: false)
        case .strings:
            switch op {
            case .equal: return .finite([value], complement: false)
            case .notEqual: return .finite([value], complement: true)
            default: return .opaque
            }
        case .other:
            return .opaque
        }
    }

    private func rangeSet(_ lo: Value, _ hi: Value, inclusive: Bool, _ type: RType) -> TableAnalysis.ColumnSet? {
        guard case .ordered(let integral) = domain(type), let a = key(lo), let b = key(hi) else { return nil }
        let interval = TableAnalysis.Interval(lower: .value(a, closed: true), upper: .value(b, closed: inclusive))
        return .intervals(interval.isEmpty(integral: integral) ? [] : [interval], integral: integral)
    }

    // MARK: - Analysis

    private mutating func analyse(_ d: TableDecl, boxes: [TableAnalysis.Box], inputTypes: [RType]) {
        guard boxes.count == d.rows.count, !inputTypes.contains(where: \.isError) else { return }
        // Rows whose width differs (a cell that failed to check) are not analysed.
        let width = inputTypes.reduce(0) { $0 + ($1.isOptional ? 2 : 1) }
        guard boxes.allSatisfy({ $0.count == width }) else { return }
        // The analyses are quadratic in rows; very large tables (generated ones) are checked only
        // for what stays cheap.
        if boxes.count > Self.analysisRowLimit { return }
        // The whole input space; for gaps, optional inputs count only when present (a missing
        // input makes a row undecided, not unmatched).
        let full = inputTypes.flatMap { type -> [TableAnalysis.ColumnSet] in
            type.isOptional ? [.finite([.bool(true), .bool(false)], complement: false), fullSet(type)] : [fullSet(type)]
        }
        let presentOnly = inputTypes.flatMap { type -> [TableAnalysis.ColumnSet] in
            type.isOptional ? [.finite([.bool(true)], complement: false), fullSet(type)] : [fullSet(type)]
        }
        // Which coordinate belongs to which input (for the gap's example).
        let coordinates = inputTypes.enumerated().flatMap { column, type -> [(input: Int, isFlag: Bool)] in
            type.isOptional ? [(column, true), (column, false)] : [(column, false)]
        }
        switch d.hitPolicy {
        case .unique, .any:
            for i in boxes.indices {
                for j in boxes.indices where j > i {
                    guard TableAnalysis.overlap(boxes[i], boxes[j]) == true else { continue }
                    if d.hitPolicy == .any {
                        let same = zip(d.rows[i].outputs, d.rows[j].outputs).allSatisfy { a, b in
                            guard let a, let b else { return a == nil && b == nil }
                            guard let x = constantValue(a), let y = constantValue(b) else { return true }
                            return x == y
                        }
                        if same { continue }
                        report(Messages.anyRowsDisagree, [line(d.rows[i].range), line(d.rows[j].range)], at: d.rows[j].range,
                               notes: [declaredHere(d.rows[i].range)])
                    } else {
                        report(Messages.uniqueRowsOverlap, [line(d.rows[i].range), line(d.rows[j].range)], at: d.rows[j].range,
                               notes: [declaredHere(d.rows[i].range)])
                    }
                }
            }
        case .first:
            for i in boxes.indices where i > 0 {
                guard !boxes[i].contains(where: \.isOpaque) || true else { continue }
                let candidate = boxes[i].enumerated().map { column, set in set.isOpaque ? full[column] : set }
                if let rest = TableAnalysis.uncovered(candidate, by: Array(boxes[..<i])), rest.isEmpty {
                    report(Messages.unreachableRow, [line(d.rows[i].range)], at: d.rows[i].range)
                }
            }
        default:
            break
        }
        switch d.hitPolicy {
        case .unique, .first, .priority, .any:
            guard !boxes.isEmpty, let gaps = TableAnalysis.uncovered(presentOnly, by: boxes), let gap = gaps.first else { return }
            let example = zip(coordinates, gap).filter { !$0.0.isFlag }.map { coordinate, set in
                "\(d.inputs[coordinate.input].expr.rangeText(program.files)) = \(describe(set))"
            }.joined(separator: ", ")
            report(Messages.tableNotExhaustive, [d.header.name.name, example], at: d.header.name.range)
        default:
            break
        }
    }

    private func line(_ range: SourceRange) -> String {
        guard range.file >= 0, Int(range.file) < program.files.count else { return "?" }
        return String(program.files[Int(range.file)].file.location(of: Int(range.start)).line)
    }

    /// An example value from a set, for "no row matches e.g. …".
    private func describe(_ set: TableAnalysis.ColumnSet) -> String {
        switch set {
        case .opaque: return "…"
        case .finite(let values, let complement):
            if complement {
                let listed = values.map(describeConstant).sorted()
                return listed.isEmpty ? "any" : "not " + listed.joined(separator: ", ")
            }
            return values.map(describeConstant).sorted().first ?? "…"
        case .intervals(let intervals, let integral):
            guard let i = intervals.first else { return "…" }
            switch (i.lower, i.upper) {
            case (.value(let a, true), _): return a.description
            case (_, .value(let b, true)): return b.description
            case (.value(let a, false), .positiveInfinity):
                return integral ? ((try? a.adding(.one))?.description ?? a.description) : "more than \(a)"
            case (.negativeInfinity, .value(let b, false)):
                return integral ? ((try? b.subtracting(.one))?.description ?? b.description) : "less than \(b)"
            case (.value(let a, false), .value(let b, false)):
                if integral, let next = try? a.adding(.one) { return next.description }
                return "between \(a) and \(b)"
            default:
                return "any"
            }
        }
    }

    func describeConstant(_ value: Value) -> String {
        switch value {
        case .enumCase(let c): return program.enums[Int(c.enumIndex)].cases[Int(c.caseIndex)].name
        default: return value.description
        }
    }
}
