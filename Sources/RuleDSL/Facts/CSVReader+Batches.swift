import Foundation

/// Reading CSV straight into columnar batches: the fast path of batch evaluation, with no object
/// per record. Errors are reported per record exactly as `forEachRow` reports them.
extension CSVReader {
    /// Fills `batch` with up to `batchSize` records at a time and calls `body` with each full (or
    /// last) batch; `problem` gets each rejected record's number, line and problem.
    func forEachBatch(
        _ batch: RecordBatch, batchSize: Int, fields: Set<Int>?, _ body: (RecordBatch) -> Void,
        problem report: (Int, Int, FieldProblem) -> Void
    ) {
        let kinds = batchKinds(batch, fields: fields)
        batch.presentOnly = Set(kinds.compactMap { kind -> Int? in
            if case .presence(let slot) = kind { return slot }
            if case .checked(let slot) = kind { return slot }
            return nil
        })
        let columnCount = kinds.count
        let required = schema.fields.indices.filter { i in
            let type = schema.fields[i].type
            if case .list = type.base { return false }
            return !type.isOptional
        }
        let quote = UInt8(ascii: "\"")
        let delimiter = self.delimiter
        var record = 0
        var line = 1
        var cell: [UInt8] = []
        batch.removeAll()
        bytes.withUnsafeBufferPointer { buffer in
            let end = buffer.count
            var pos = dataStart
            while pos < end {
                line += 1
                let rowLine = line
                if buffer[pos] == 0x0A {
                    pos += 1
                    continue
                }
                if buffer[pos] == 0x0D, pos + 1 >= end || buffer[pos + 1] == 0x0A {
                    pos += 2
                    continue
                }
                record += 1
                let row = batch.beginRecord()
                var column = 0
                var problem: FieldProblem?
                var atLineEnd = false
                while !atLineEnd {
                    let start = pos
                    var stop = pos
                    var quoted = false
                    if pos < end, buffer[pos] == quote {
                        quoted = true
                        cell.removeAll(keepingCapacity: true)
                        pos += 1
                        while pos < end {
                            let b = buffer[pos]
                            if b == quote {
                                if pos + 1 < end, buffer[pos + 1] == quote {
                                    cell.append(quote)
                                    pos += 2
                                    continue
                                }
                                pos += 1
                                break
                            }
                            if b == 0x0A { line += 1 }
                            cell.append(b)
                            pos += 1
                        }
                        while pos < end, buffer[pos] != delimiter, buffer[pos] != 0x0A { pos += 1 }
                    } else {
                        while pos < end, buffer[pos] != delimiter, buffer[pos] != 0x0A { pos += 1 }
                        stop = pos
                        if stop > start, buffer[stop - 1] == 0x0D { stop -= 1 }
                    }
                    if pos >= end || buffer[pos] == 0x0A { atLineEnd = true }
                    pos += 1
                    defer { column += 1 }
                    guard column < columnCount, problem == nil else { continue }
                    let kind = kinds[column]
                    if case .skip = kind { continue }
                    let failure: FieldDecoder.Problem?
                    if quoted {
                        failure = cell.withUnsafeBufferPointer { Self.decodeCell($0, kind, batch, row, decoder, schema) }
                    } else {
                        failure = Self.decodeCell(UnsafeBufferPointer(rebasing: buffer[start..<max(start, stop)]), kind, batch, row, decoder, schema)
                    }
                    if let failure { problem = FieldProblem(path: columnNames[column], problem: failure) }
                }
                if problem == nil, column != columnCount {
                    problem = FieldProblem(path: "", problem: FieldDecoder.Problem(
                        en: "the row has \(column) cells but the header has \(columnCount)",
                        ru: "в строке \(column) ячеек, а в заголовке \(columnCount)"))
                }
                if problem == nil, let slot = required.first(where: { batch.isMissing(slot: $0, row: row) }) {
                    let name = schema.fields[slot].name
                    problem = FieldProblem(path: name, problem: FieldDecoder.Problem(
                        en: "required field ‘\(name)’ is missing (mark it optional with ‘?’ in the schema if it may be absent)",
                        ru: "обязательное поле «\(name)» не заполнено (если оно может отсутствовать, отметьте его «?» в схеме)"))
                }
                if let problem {
                    report(record, rowLine, problem)
                    continue
                }
                batch.commitRecord()
                if batch.count == batchSize {
                    body(batch)
                    batch.removeAll()
                }
            }
        }
        if batch.count > 0 { body(batch) }
    }

    enum BatchKind {
        case skip
        /// A field the caller does not need: only checked to be present when it is required.
        case presence(Int)
        /// A field the caller does not need but whose values are constrained (`in 0..3`): checked, then like `presence`.
        case checked(Int)
        case int(Int)
        case number(Int)
        case other(Int)
    }

    private func batchKinds(_ batch: RecordBatch, fields: Set<Int>?) -> [BatchKind] {
        columnSlots.map { slot in
            guard let slot else { return .skip }
            let constrained = schema.fields[slot].allowed != nil
            if let fields, !fields.contains(slot) { return constrained ? .checked(slot) : .presence(slot) }
            if constrained { return .other(slot) }
            switch batch.kinds[slot] {
            case .number(let integral): return integral ? .int(slot) : .number(slot)
            default: return .other(slot)
            }
        }
    }

    @inline(__always)
    static func decodeCell(
        _ bytes: UnsafeBufferPointer<UInt8>, _ kind: BatchKind, _ batch: RecordBatch, _ row: Int, _ decoder: FieldDecoder,
        _ schema: SchemaInfo
    ) -> FieldDecoder.Problem? {
        switch kind {
        case .skip:
            return nil
        case .presence(let slot):
            if !bytes.isEmpty { batch.markPresent(slot: slot, row: row) }
            return nil
        case .checked(let slot):
            if bytes.isEmpty { return nil }
            switch decoder.decode(utf8: bytes, slot: slot, of: schema) {
            case .success: batch.markPresent(slot: slot, row: row)
            case .failure(let p): return p
            }
            return nil
        case .int(let slot):
            if bytes.isEmpty { return nil }
            if let i = FieldDecoder.parseInt(bytes) {
                batch.setNumber(ExactDecimal(i), slot: slot, row: row)
                return nil
            }
            return decodeAny(bytes, slot, batch, row, decoder, schema)
        case .number(let slot):
            if bytes.isEmpty { return nil }
            if let d = ExactDecimal.parse(utf8: bytes) {
                batch.setNumber(d, slot: slot, row: row)
                return nil
            }
            return decodeAny(bytes, slot, batch, row, decoder, schema)
        case .other(let slot):
            return decodeAny(bytes, slot, batch, row, decoder, schema)
        }
    }

    private static func decodeAny(
        _ bytes: UnsafeBufferPointer<UInt8>, _ slot: Int, _ batch: RecordBatch, _ row: Int, _ decoder: FieldDecoder,
        _ schema: SchemaInfo
    ) -> FieldDecoder.Problem? {
        if bytes.isEmpty { return nil }
        switch decoder.decode(utf8: bytes, slot: slot, of: schema) {
        case .success(let v):
            batch.set(v, slot: slot, row: row)
            return nil
        case .failure(let p):
            return p
        }
    }
}

extension FactReader {
    /// Reads a CSV file into columnar batches of `batchSize` records (the fast path of batch
    /// evaluation). Rejected records go to `rejected`; whole-file problems are returned.
    /// With `fields`, only those fields (by slot) are decoded; the others are only checked to be
    /// present when required, and are missing in the batch.
    public static func readBatches(
        path: String, schema: SchemaInfo, decoder: FieldDecoder, batchSize: Int, fields: Set<Int>? = nil,
        _ body: (RecordBatch) -> Void, rejected: (RecordError) -> Void
    ) -> FileError? {
        guard let bytes = FileBytes.read(path) else {
            return FileError(path: path, en: "no such file or not readable", ru: "нет такого файла или он не читается")
        }
        if bytes.contains(0) {
            return FileError(path: path, en: "binary data, not a CSV text file", ru: "двоичные данные, а не текстовый CSV")
        }
        do throws(CSVReader.HeaderError) {
            let reader = try CSVReader(bytes: bytes, schema: schema, decoder: decoder)
            let batch = RecordBatch(schema: schema, capacity: batchSize)
            reader.forEachBatch(batch, batchSize: batchSize, fields: fields, body) { record, line, problem in
                rejected(RecordError(row: record, line: line, field: problem.path, problem: problem.problem))
            }
            return nil
        } catch {
            return headerError(error, path: path, schema: schema)
        }
    }
}
