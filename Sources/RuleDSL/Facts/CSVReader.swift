/// Reads records of one schema from CSV with a header row (RFC 4180 quoting; `,` or `;` separated,
/// detected from the header). Columns are matched to fields by name; cells are decoded straight
/// from the bytes. A bad cell rejects its row with an error naming the row and field; the other rows go on.
struct CSVReader {
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

    /// Calls `body` with each data row: its number (1-based, header excluded), its line, and the record or the problem.
    func forEachRow(_ body: (Int, Int, Result<RecordValue, FieldProblem>) -> Void) {
        let fieldCount = schema.fields.count
        let template: [Value] = schema.fields.map { field in
            if case .list = field.type { return .list([]) }
            return .missing
        }
        var pos = dataStart
        var row = 0
        var line = 1
        var cell: [UInt8] = []
        cell.reserveCapacity(64)
        bytes.withUnsafeBufferPointer { buffer in
            while pos < buffer.count {
                line += 1
                // Find the end of the record: a line break outside quotes.
                var end = pos
                var quoted = false
                while end < buffer.count {
                    let b = buffer[end]
                    if b == UInt8(ascii: "\"") { quoted.toggle() } else if b == 0x0A, !quoted { break }
                    end += 1
                }
                let lineEnd = end
                defer {
                    line += buffer[pos..<min(lineEnd, buffer.count)].reduce(0) { $1 == 0x0A ? $0 + 1 : $0 }
                    pos = lineEnd + 1
                }
                if lineEnd == pos || (lineEnd == pos + 1 && buffer[pos] == 0x0D) { continue }  // blank line
                row += 1
                var slots = template
                var column = 0
                var cursor = pos
                var problem: FieldProblem?
                while cursor <= lineEnd {
                    let cellStart = cursor
                    if cursor < lineEnd, buffer[cursor] == UInt8(ascii: "\"") {
                        let (next, _) = Self.readCell(bytes, from: cursor, lineEnd: lineEnd, delimiter: delimiter, into: &cell)
                        cursor = next
                        if column < columnSlots.count, let slot = columnSlots[column], problem == nil {
                            let result = cell.withUnsafeBufferPointer { decoder.decode(utf8: $0, as: schema.fields[slot].type) }
                            switch result {
                            case .success(let v): slots[slot] = v
                            case .failure(let p): problem = FieldProblem(path: columnNames[column], problem: p)
                            }
                        }
                    } else {
                        var e = cursor
                        while e < lineEnd, buffer[e] != delimiter { e += 1 }
                        var cellEnd = e
                        if cellEnd > cellStart, buffer[cellEnd - 1] == 0x0D { cellEnd -= 1 }
                        cursor = e + 1
                        if column < columnSlots.count, let slot = columnSlots[column], problem == nil {
                            let slice = UnsafeBufferPointer(rebasing: buffer[cellStart..<cellEnd])
                            switch decoder.decode(utf8: slice, as: schema.fields[slot].type) {
                            case .success(let v): slots[slot] = v
                            case .failure(let p): problem = FieldProblem(path: columnNames[column], problem: p)
                            }
                        }
                    }
                    column += 1
                }
                if problem == nil, column != columnSlots.count {
                    problem = FieldProblem(path: "", problem: FieldDecoder.Problem(
                        en: "the row has \(column) cells but the header has \(columnSlots.count)",
                        ru: "в строке \(column) ячеек, а в заголовке \(columnSlots.count)"))
                }
                if problem == nil, let missing = decoder.requiredMissing(slots, schema: schema.index, path: "") {
                    problem = missing
                }
                _ = fieldCount
                if let problem {
                    body(row, line, .failure(problem))
                } else {
                    body(row, line, .success(RecordValue(schema: schema.index, slots: slots)))
                }
            }
        }
    }
}
