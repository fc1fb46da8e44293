extension CSVReader {
    /// A run of whole rows: from `start` (the first byte of a row) to `end` (the first byte of the
    /// next part, or the end of the file), with the row and line numbers before it.
    struct Part: Sendable {
        let start: Int
        let end: Int
        let rowsBefore: Int
        let linesBefore: Int
    }

    /// Splits the rows into up to `count` parts of about equal size, cutting only between rows.
    /// One pass over the bytes follows the same quoting rules as `forEachRow` (without decoding),
    /// so every part starts exactly where the whole-file reading would start that row.
    func parts(_ count: Int) -> [Part] {
        let total = bytes.count - dataStart
        guard count > 1, total > 0 else { return [Part(start: dataStart, end: bytes.count, rowsBefore: 0, linesBefore: 1)] }
        let quote = UInt8(ascii: "\""), newline: UInt8 = 0x0A, delimiter = self.delimiter
        var parts: [Part] = []
        return bytes.withUnsafeBufferPointer { buffer in
            let end = buffer.count
            var pos = dataStart
            var row = 0
            var line = 1
            var partStart = (pos, row, line)
            var nextCut = dataStart + total / count
            while pos < end {
                if pos >= nextCut, parts.count < count - 1 {
                    parts.append(Part(start: partStart.0, end: pos, rowsBefore: partStart.1, linesBefore: partStart.2))
                    partStart = (pos, row, line)
                    nextCut = dataStart + total / count * (parts.count + 1)
                }
                line += 1
                if buffer[pos] == newline {
                    pos += 1
                    continue
                }
                if buffer[pos] == 0x0D, pos + 1 >= end || buffer[pos + 1] == newline {
                    pos += 2
                    continue
                }
                row += 1
                var atLineEnd = false
                while !atLineEnd {
                    if pos < end, buffer[pos] == quote {
                        pos += 1
                        while pos < end {
                            let b = buffer[pos]
                            if b == quote {
                                if pos + 1 < end, buffer[pos + 1] == quote {
                                    pos += 2
                                    continue
                                }
                                pos += 1
                                break
                            }
                            if b == newline { line += 1 }
                            pos += 1
                        }
                    }
                    while pos < end, buffer[pos] != delimiter, buffer[pos] != newline { pos += 1 }
                    if pos >= end || buffer[pos] == newline { atLineEnd = true }
                    pos += 1
                }
            }
            parts.append(Part(start: partStart.0, end: end, rowsBefore: partStart.1, linesBefore: partStart.2))
            return parts
        }
    }
}
