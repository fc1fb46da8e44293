import Foundation

/// Reads fact files — CSV with a header, a JSON array or object, or JSON lines — as records of a
/// schema. Problems with single records are reported per record; the others are still read.
public enum FactReader {
    public enum Format: String, Sendable, CaseIterable {
        case csv, json, jsonLines = "jsonl"

        /// The format a file name suggests (`.csv`, `.json`, `.jsonl`/`.ndjson`), nil if none.
        public init?(path: String) {
            let lower = path.lowercased()
            if lower.hasSuffix(".csv") || lower.hasSuffix(".tsv") { self = .csv } else if lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") {
                self = .jsonLines
            } else if lower.hasSuffix(".json") {
                self = .json
            } else {
                return nil
            }
        }
    }

    /// A problem that stops the whole file from being read.
    public struct FileError: Error, Sendable, Hashable {
        public let path: String
        public let en: String
        public let ru: String

        public init(path: String, en: String, ru: String) {
            self.path = path
            self.en = en
            self.ru = ru
        }

        public func message(in language: MessageLanguage) -> String { "\(path): " + (language == .ru ? ru : en) }
    }

    /// A problem with one record: which (row number, line) and where (field path).
    public struct RecordError: Error, Sendable, Hashable {
        public let row: Int
        /// The record's line in the file, or 0 when it is not known (the elements of a JSON array).
        public let line: Int
        public let field: String
        public let problem: FieldDecoder.Problem

        public func message(in language: MessageLanguage) -> String {
            let place = field.isEmpty ? "" : (language == .ru ? ", поле «\(field)»" : ", field ‘\(field)’")
            let at = line > 0 ? (language == .ru ? " (строка \(line))" : " (line \(line))") : ""
            return language == .ru
                ? "запись \(row)\(at)\(place): \(problem.ru)"
                : "record \(row)\(at)\(place): \(problem.en)"
        }
    }

    /// Reads the file at `path`, calling `body` with each record (or its problem) in order.
    public static func read(
        path: String, format: Format? = nil, schema: SchemaInfo, decoder: FieldDecoder,
        _ body: (Result<RecordValue, RecordError>) -> Void
    ) -> FileError? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            return FileError(path: path, en: "no such file", ru: "нет такого файла")
        }
        guard let bytes = FileBytes.read(path) else {
            return FileError(path: path, en: "cannot be read", ru: "не удаётся прочитать")
        }
        return read(bytes: bytes, path: path, format: format, schema: schema, decoder: decoder, body)
    }

    /// Reads records from bytes already in memory.
    public static func read(
        bytes: [UInt8], path: String, format: Format?, schema: SchemaInfo, decoder: FieldDecoder,
        _ body: (Result<RecordValue, RecordError>) -> Void
    ) -> FileError? {
        if bytes.contains(0) {
            return FileError(path: path, en: "binary data, not a CSV or JSON text file", ru: "двоичные данные, а не текстовый CSV или JSON")
        }
        let detected = format ?? Format(path: path) ?? sniff(bytes)
        switch detected {
        case .csv:
            do throws(CSVReader.HeaderError) {
                let reader = try CSVReader(bytes: bytes, schema: schema, decoder: decoder)
                reader.forEachRow { row, line, result in
                    body(result.mapError { RecordError(row: row, line: line, field: $0.path, problem: $0.problem) })
                }
                return nil
            } catch {
                return headerError(error, path: path, schema: schema)
            }
        case .json:
            switch JSONParser.parse(bytes) {
            case .failure(let e):
                return FileError(path: path, en: "invalid JSON at \(e.line):\(e.column): \(e.message)", ru: "неверный JSON в \(e.line):\(e.column): \(e.message)")
            case .success(let value):
                let items: [JSONValue]
                if case .array(let a) = value { items = a } else { items = [value] }
                for (i, item) in items.enumerated() {
                    body(decodeJSONRecord(item, schema: schema, decoder: decoder, row: i + 1, line: 0))
                }
                return nil
            }
        case .jsonLines:
            var row = 0
            var lineNumber = 0
            var start = 0
            while start < bytes.count {
                var end = start
                while end < bytes.count, bytes[end] != 0x0A { end += 1 }
                lineNumber += 1
                let line = Array(bytes[start..<end])
                start = end + 1
                if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
                row += 1
                switch JSONParser.parse(line) {
                case .failure(let e):
                    body(.failure(RecordError(row: row, line: lineNumber, field: "", problem: FieldDecoder.Problem(
                        en: "invalid JSON at column \(e.column): \(e.message)", ru: "неверный JSON в столбце \(e.column): \(e.message)"))))
                case .success(let value):
                    body(decodeJSONRecord(value, schema: schema, decoder: decoder, row: row, line: lineNumber))
                }
            }
            return nil
        }
    }

    static func headerError(_ error: CSVReader.HeaderError, path: String, schema: SchemaInfo) -> FileError {
        switch error {
        case .empty:
            return FileError(path: path, en: "empty: expected a header row naming the fields", ru: "пустой файл: ожидалась строка заголовка с именами полей")
        case .missingColumns(let names):
            return FileError(path: path, en: "the header lacks required fields of \(schema.name): \(names.joined(separator: ", "))",
                             ru: "в заголовке нет обязательных полей \(schema.name): \(names.joined(separator: ", "))")
        case .duplicateColumn(let name):
            return FileError(path: path, en: "column ‘\(name)’ appears twice in the header", ru: "столбец «\(name)» встречается в заголовке дважды")
        }
    }

    private static func decodeJSONRecord(
        _ value: JSONValue, schema: SchemaInfo, decoder: FieldDecoder, row: Int, line: Int
    ) -> Result<RecordValue, RecordError> {
        guard case .object(let members) = value else {
            return .failure(RecordError(row: row, line: line, field: "", problem: FieldDecoder.Problem(
                en: "expected an object with the fields of \(schema.name)", ru: "ожидался объект с полями \(schema.name)")))
        }
        switch decoder.decodeRecord(members, schema: schema.index, path: "") {
        case .success(.record(let r)): return .success(r)
        case .success: return .failure(RecordError(row: row, line: line, field: "", problem: FieldDecoder.Problem(en: "not a record", ru: "не запись")))
        case .failure(let p): return .failure(RecordError(row: row, line: line, field: p.path, problem: p.problem))
        }
    }

    /// Guesses the format from the first non-space byte: `[` or `{` is JSON (lines when every line is an object).
    static func sniff(_ bytes: [UInt8]) -> Format {
        guard let first = bytes.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }) else { return .csv }
        if first == UInt8(ascii: "[") { return .json }
        if first == UInt8(ascii: "{") {
            return JSONParser.parse(bytes).map { _ in Format.json }.get(or: .jsonLines)
        }
        return .csv
    }
}

extension Result {
    func get(or fallback: Success) -> Success {
        if case .success(let v) = self { return v }
        return fallback
    }
}
