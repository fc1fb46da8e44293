/// Reads records of one schema from CSV with a header row (RFC 4180 quoting; `,` or `;` separated,
/// detected from the header). Columns are matched to fields by name; cells are decoded straight
/// from the bytes. A bad cell rejects its row with an error naming the row and field; the other rows go on.
struct CSVReader: Sendable {
    let bytes: [UInt8]
    let schema: SchemaInfo
    let decoder: FieldDecoder
    let delimiter: UInt8
    /// Slot of each column (nil: the column is not a field and is ignored).
    let columnSlots: [Int?]
    let columnNames: [String]
    let dataStart: Int

    enum HeaderError: Error {
        case empty
        case missingColumns([String])
        case duplicateColumn(String)
    }

    init(bytes: [UInt8], schema: SchemaInfo, decoder: FieldDecoder) throws(HeaderError) {
        self.bytes = bytes
        self.schema = schema
        self.decoder = decoder
        var start = 0
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { start = 3 }
        var end = start
        while end < bytes.count, bytes[end] != 0x0A { end += 1 }
        guard end > start else { throw .empty }
        let headerLine = bytes[start..<end]
        let semicolons = headerLine.filter { $0 == UInt8(ascii: ";") }.count
        let commas = headerLine.filter { $0 == UInt8(ascii: ",") }.count
        delimiter = semicolons > commas ? UInt8(ascii: ";") : UInt8(ascii: ",")
        var names: [String] = []
        var pos = start
        var cell: [UInt8] = []
        while pos <= end {
            let (next, _) = Self.readCell(bytes, from: pos, lineEnd: end, delimiter: delimiter, into: &cell)
            names.append(String(decoding: cell, as: UTF8.self).trimmingSpaces)
            pos = next
            if pos > end { break }
        }
        var slots: [Int?] = []
        var seen: Set<String> = []
        for name in names {
            if !seen.insert(name).inserted, !name.isEmpty { throw .duplicateColumn(name) }
            slots.append(schema.slot(of: name))
        }
        let present = Set(slots.compactMap { $0 })
        let missing = schema.fields.enumerated().filter { i, f in
            !present.contains(i) && !f.type.isOptional && !Self.isList(f.type)
        }.map(\.element.name)
        if !missing.isEmpty { throw .missingColumns(missing) }
        columnSlots = slots
        columnNames = names
        dataStart = end + 1
    }

    private static func isList(_ type: RType) -> Bool {
        if case .list = type.base { return true }
        return false
    }

    /// Reads one cell starting at `from`; returns the position after its delimiter (or past `lineEnd`)
    /// and whether it was quoted. Unquoted cells are not copied: `into` is left empty and the caller
    /// uses the byte range.
    static func readCell(_ bytes: [UInt8], from: Int, lineEnd: Int, delimiter: UInt8, into cell: inout [UInt8]) -> (Int, Bool) {
        cell.removeAll(keepingCapacity: true)
        var pos = from
        if pos < lineEnd, bytes[pos] == UInt8(ascii: "\"") {
            pos += 1
            while pos < bytes.count {
                let b = bytes[pos]
                if b == UInt8(ascii: "\"") {
                    if pos + 1 < bytes.count, bytes[pos + 1] == UInt8(ascii: "\"") {
                        cell.append(b)
                        pos += 2
                        continue
                    }
                    pos += 1
                    break
                }
                cell.append(b)
                pos += 1
            }
            while pos < lineEnd, bytes[pos] != delimiter { pos += 1 }
            return (pos + 1, true)
        }
        while pos < lineEnd, bytes[pos] != delimiter { pos += 1 }
        var end = pos
        if end > from, bytes[end - 1] == 0x0D { end -= 1 }
        cell.append(contentsOf: bytes[from..<end])
        return (pos + 1, false)
    }

    /// How a column is decoded: the common numeric and text kinds directly, others by the decoder.
    fileprivate enum ColumnKind {
        case skip
        case int(Int)
        case number(Int)
        case text(Int)
        case other(Int, RType)
    }

    private var columnKinds: [ColumnKind] {
        columnSlots.map { slot in
            guard let slot else { return .skip }
            let type = schema.fields[slot].type
            if schema.fields[slot].allowed != nil { return .other(slot, type) }
            switch type.base {
            case .int: return .int(slot)
            case .decimal, .money: return .number(slot)
            case .string: return .text(slot)
            default: return .other(slot, type)
            }
        }
    }

    /// Calls `body` with each data row: its number (1-based, header excluded), its line, and the record or the problem.
    /// One pass over the bytes; unquoted cells are decoded in place.
    func forEachRow(_ body: (Int, Int, Result<RecordValue, FieldProblem>) -> Void) {
        forEachRow(in: Part(start: dataStart, end: bytes.count, rowsBefore: 0, linesBefore: 1), body)
    }

    /// Calls `body(row, line, record)` for the rows of one part of the file.
    func forEachRow(in part: Part, _ body: (Int, Int, Result<RecordValue, FieldProblem>) -> Void) {
        let kinds = columnKinds
        let columnCount = kinds.count
        let template: [Value] = schema.fields.map { field in
            if case .list = field.type { return .list([]) }
            return .missing
        }
        let noNumbers = [ExactDecimal?](repeating: nil, count: schema.fields.count)
        let required = schema.fields.indices.filter { i in
            let type = schema.fields[i].type
            if case .list = type.base { return false }
            return !type.isOptional
        }
        let quote = UInt8(ascii: "\"")
        let delimiter = self.delimiter
        var row = part.rowsBefore
        var line = part.linesBefore
        var cell: [UInt8] = []
        cell.reserveCapacity(64)
        bytes.withUnsafeBufferPointer { buffer in
            let end = buffer.count
            var pos = part.start
            while pos < part.end {
                line += 1
                let rowLine = line
                // A blank line (or a lone \r) is skipped.
                if buffer[pos] == 0x0A {
                    pos += 1
                    continue
                }
                if buffer[pos] == 0x0D, pos + 1 >= end || buffer[pos + 1] == 0x0A {
                    pos += 2
                    continue
                }
                row += 1
                var slots = template
                var numbers = noNumbers
                var column = 0
                var problem: FieldProblem?
                var atLineEnd = false
                while !atLineEnd {
                    // One cell: [start, stop) in the buffer, or the unquoted copy in `cell`.
                    var start = pos
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
                    if quoted {
                        cell.withUnsafeBufferPointer { bytes in
                            if let p = Self.decodeCell(bytes, kind, &slots, &numbers, decoder, schema) {
                                problem = FieldProblem(path: columnNames[column], problem: p)
                            }
                        }
                    } else {
                        start = min(start, stop)
                        if let p = Self.decodeCell(UnsafeBufferPointer(rebasing: buffer[start..<stop]), kind, &slots, &numbers, decoder, schema) {
                            problem = FieldProblem(path: columnNames[column], problem: p)
                        }
                    }
                }
                if problem == nil, column != columnCount {
                    problem = FieldProblem(path: "", problem: FieldDecoder.Problem(
                        en: "the row has \(column) cells but the header has \(columnCount)",
                        ru: "в строке \(column) ячеек, а в заголовке \(columnCount)"))
                }
                if problem == nil, let slot = required.first(where: { slots[$0].isMissing }) {
                    problem = decoder.requiredMissing(slots, schema: schema.index, path: "")
                    _ = slot
                }
                if let problem {
                    body(row, rowLine, .failure(problem))
                } else {
                    body(row, rowLine, .success(RecordValue(schema: schema.index, slots: slots, numbers: numbers)))
                }
            }
        }
    }
}

extension CSVReader {
    /// Decodes one cell into its slot (and the numeric view); returns the problem if it does not fit.
    @inline(__always)
    fileprivate static func decodeCell(
        _ bytes: UnsafeBufferPointer<UInt8>, _ kind: ColumnKind, _ slots: inout [Value], _ numbers: inout [ExactDecimal?],
        _ decoder: FieldDecoder, _ schema: SchemaInfo
    ) -> FieldDecoder.Problem? {
        switch kind {
        case .skip:
            return nil
        case .int(let slot):
            if bytes.isEmpty { return nil }
            if let i = FieldDecoder.parseInt(bytes) {
                slots[slot] = .int(i)
                numbers[slot] = ExactDecimal(i)
                return nil
            }
            return decodeOther(bytes, slot, &slots, &numbers, decoder, schema)
        case .number(let slot):
            if bytes.isEmpty { return nil }
            if let d = ExactDecimal.parse(utf8: bytes) {
                slots[slot] = .decimal(d)
                numbers[slot] = d
                return nil
            }
            return decodeOther(bytes, slot, &slots, &numbers, decoder, schema)
        case .text(let slot):
            if !bytes.isEmpty { slots[slot] = .string(String(decoding: bytes, as: UTF8.self)) }
            return nil
        case .other(let slot, _):
            return decodeOther(bytes, slot, &slots, &numbers, decoder, schema)
        }
    }

    private static func decodeOther(
        _ bytes: UnsafeBufferPointer<UInt8>, _ slot: Int, _ slots: inout [Value], _ numbers: inout [ExactDecimal?],
        _ decoder: FieldDecoder, _ schema: SchemaInfo
    ) -> FieldDecoder.Problem? {
        switch decoder.decode(utf8: bytes, slot: slot, of: schema) {
        case .success(let v):
            slots[slot] = v
            numbers[slot] = v.number
            return nil
        case .failure(let p):
            return p
        }
    }
}

extension Result {
    /// The failure, if this is one.
    var failureValue: Failure? {
        if case .failure(let f) = self { return f }
        return nil
    }
}
