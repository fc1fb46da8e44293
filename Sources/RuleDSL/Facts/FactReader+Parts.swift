import Dispatch
import Foundation

extension FactReader {
    /// Reads the file at `path` in up to `parts` consecutive parts, one thread each. Every part
    /// gets its own state from `start` (on its thread) and `body` with each of its records in
    /// order; the states come back in file order, for the caller to merge. CSV splits between
    /// rows; JSON and JSON lines are read as one part. Row and line numbers in record errors are
    /// those of the whole file.
    public static func readInParts<State>(
        path: String, format: Format? = nil, schema: SchemaInfo, decoder: FieldDecoder, parts: Int,
        start: @Sendable () -> State, _ body: @Sendable (inout State, Result<RecordValue, RecordError>) -> Void
    ) -> Result<[State], FileError> {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            return .failure(FileError(path: path, en: "no such file", ru: "нет такого файла"))
        }
        guard let bytes = FileBytes.read(path) else {
            return .failure(FileError(path: path, en: "cannot be read", ru: "не удаётся прочитать"))
        }
        let detected = format ?? Format(path: path) ?? sniff(bytes)
        guard detected == .csv, parts > 1, !bytes.contains(0) else {
            var state = start()
            if let error = read(bytes: bytes, path: path, format: detected, schema: schema, decoder: decoder, { body(&state, $0) }) {
                return .failure(error)
            }
            return .success([state])
        }
        let reader: CSVReader
        do throws(CSVReader.HeaderError) {
            reader = try CSVReader(bytes: bytes, schema: schema, decoder: decoder)
        } catch {
            return .failure(headerError(error, path: path, schema: schema))
        }
        let split = reader.parts(parts)
        let results = PartResults<State>(count: split.count)
        DispatchQueue.concurrentPerform(iterations: split.count) { index in
            var state = start()
            reader.forEachRow(in: split[index]) { row, line, result in
                body(&state, result.mapError { RecordError(row: row, line: line, field: $0.path, problem: $0.problem) })
            }
            results.store(state, at: index)
        }
        return .success(results.collect())
    }
}

/// One slot per part, each written by its own thread once, read after all threads have joined.
private final class PartResults<State>: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<State?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        slots.deinitialize()
        slots.deallocate()
    }

    func store(_ state: State, at index: Int) { slots[index] = state }

    func collect() -> [State] { slots.map { $0! } }
}
