/// One rule file's text, with a line index for turning byte offsets into line:column positions.
public struct SourceFile: Sendable {
    /// Index of this file within the compilation (stable for one `compile` call).
    public let id: Int
    /// The path as the user gave it (used in diagnostics).
    public let path: String
    /// The file's text, UTF-8.
    public let text: String
    /// The UTF-8 bytes of `text`.
    public let bytes: [UInt8]
    /// Byte offset of the first byte of every line.
    let lineStarts: [Int]

    /// Creates a source file from text already read and validated as UTF-8.
    public init(id: Int, path: String, text: String) {
        self.id = id
        self.path = path
        self.text = text
        self.bytes = Array(text.utf8)
        var starts = [0]
        for (i, b) in bytes.enumerated() where b == UInt8(ascii: "\n") { starts.append(i + 1) }
        self.lineStarts = starts
    }

    /// The 1-based line and column (in Unicode scalars) of a byte offset.
    public func location(of offset: Int) -> SourcePosition {
        let clamped = max(0, min(offset, bytes.count))
        var lo = 0
        var hi = lineStarts.count - 1
        while lo < hi {
            let mid = (lo + hi + 1) / 2
            if lineStarts[mid] <= clamped { lo = mid } else { hi = mid - 1 }
        }
        let start = lineStarts[lo]
        var column = 1
        var i = start
        while i < clamped {
            // Count scalars: skip UTF-8 continuation bytes.
            if bytes[i] & 0xC0 != 0x80 { column += 1 }
            i += 1
        }
        // A position inside a multi-byte scalar counts as that scalar.
        if clamped < bytes.count, bytes[clamped] & 0xC0 == 0x80 { column -= 1 }
        return SourcePosition(line: lo + 1, column: column)
    }

    /// The text of 1-based line `line`, without its line break.
    public func lineText(_ line: Int) -> String {
        guard line >= 1, line <= lineStarts.count else { return "" }
        let start = lineStarts[line - 1]
        var end = line < lineStarts.count ? lineStarts[line] : bytes.count
        while end > start, bytes[end - 1] == UInt8(ascii: "\n") || bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }

    /// The source text covered by a range.
    public func text(of range: SourceRange) -> String {
        let s = max(0, min(Int(range.start), bytes.count))
        let e = max(s, min(Int(range.end), bytes.count))
        return String(decoding: bytes[s..<e], as: UTF8.self)
    }

    /// Number of lines in the file.
    public var lineCount: Int { lineStarts.count }
}

/// A 1-based line and column (columns count Unicode scalars, so Cyrillic letters are one column each).
public struct SourcePosition: Sendable, Hashable, CustomStringConvertible {
    public let line: Int
    public let column: Int
    public var description: String { "\(line):\(column)" }
}

/// A half-open byte range `start..<end` in one source file.
public struct SourceRange: Sendable, Hashable {
    public let file: Int32
    public let start: Int32
    public let end: Int32

    public init(file: Int, start: Int, end: Int) {
        self.file = Int32(truncatingIfNeeded: file)
        self.start = Int32(truncatingIfNeeded: start)
        self.end = Int32(truncatingIfNeeded: max(start, end))
    }

    /// A range for nodes that have no place in any file (built-in declarations).
    public static let builtin = SourceRange(file: -1, start: 0, end: 0)

    /// The smallest range covering both.
    public func union(_ other: SourceRange) -> SourceRange {
        guard other.file == file else { return self }
        return SourceRange(file: Int(file), start: Int(min(start, other.start)), end: Int(max(end, other.end)))
    }

    /// An empty range at this range's end (where a missing token would go).
    public var atEnd: SourceRange { SourceRange(file: Int(file), start: Int(end), end: Int(end)) }
}
