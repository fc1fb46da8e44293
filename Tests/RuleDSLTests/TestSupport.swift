import Foundation
import Testing

@testable import RuleDSL

enum SupportError: Error { case doesNotCompile }

/// Shared helpers of the RuleDSL tests: compiling text, building records, a seeded generator and
/// golden files. (Names are prefixed or namespaced so they do not clash with the file-private
/// helpers of older test files.)
enum Support {
    // MARK: - Compiling

    /// One in-memory file.
    static func file(_ text: String, path: String = "t.rules", id: Int = 0) -> SourceFile {
        SourceFile(id: id, path: path, text: text)
    }

    /// Compiles one file given as text.
    static func compile(_ text: String, path: String = "t.rules") -> CompileResult {
        RuleDSL.compile([file(text, path: path)])
    }

    /// Compiles several in-memory files (path, text), numbered in order.
    static func compile(files: [(String, String)]) -> CompileResult {
        RuleDSL.compile(files.enumerated().map { SourceFile(id: $0.offset, path: $0.element.0, text: $0.element.1) })
    }

    /// Compiles text that must have no errors, and returns the rule set.
    static func ruleSet(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws -> CompiledRuleSet {
        let result = compile(text)
        guard let ruleSet = result.ruleSet, result.errors.isEmpty else {
            let rendered = DiagnosticFormatter(files: result.files, language: .en).render(result.errors)
            Issue.record("the rules do not compile:\n\(rendered)", sourceLocation: sourceLocation)
            throw SupportError.doesNotCompile
        }
        return ruleSet
    }

    /// `code@line:column` for each diagnostic, in order.
    static func codesAt(_ result: CompileResult) -> [String] {
        result.diagnostics.map { d in
            let file = result.files[Int(d.range.file)]
            return "\(d.code)@\(file.location(of: Int(d.range.start)))"
        }
    }

    /// Every diagnostic rendered (for failure messages).
    static func render(_ result: CompileResult, _ language: MessageLanguage = .en) -> String {
        DiagnosticFormatter(files: result.files, language: language).render(result.diagnostics)
    }

    // MARK: - Records

    /// A record of `schema` with the given fields (others missing, lists empty).
    static func record(_ ruleSet: CompiledRuleSet, _ schema: String, _ fields: [String: Value]) throws -> RecordValue {
        let info = try #require(ruleSet.schema(named: schema))
        var slots: [Value] = info.fields.map { field in
            if case .list = field.type { return .list([]) }
            return .missing
        }
        for (name, value) in fields {
            let slot = try #require(info.slot(of: name), "no field \(name)")
            slots[slot] = value
        }
        return RecordValue(schema: info.index, slots: slots)
    }

    static func date(_ text: String) -> CivilDate { CivilDate(iso: text)! }

    static func dec(_ text: String) -> Value { .decimal(ExactDecimal(text)!) }

    // MARK: - Golden files

    /// The golden data in the source tree (so that re-recording writes the repository's files).
    static let goldenDirectory = repositoryRoot + "/Tests/RuleDSLTests/Golden"

    /// True when `ETALON_RECORD_GOLDEN=1`: golden files are rewritten instead of compared.
    static var recording: Bool { ProcessInfo.processInfo.environment["ETALON_RECORD_GOLDEN"] == "1" }

    static func readGolden(_ relative: String) -> String? {
        try? String(contentsOfFile: goldenDirectory + "/" + relative, encoding: .utf8)
    }

    /// Compares `actual` with the golden file (or records it); a mismatch names the first differing line.
    static func assertGolden(_ actual: String, _ relative: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let path = goldenDirectory + "/" + relative
        if recording {
            try? FileManager.default.createDirectory(
                atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            do { try actual.write(toFile: path, atomically: true, encoding: .utf8) } catch {
                Issue.record("cannot write \(path): \(error)", sourceLocation: sourceLocation)
            }
            return
        }
        guard let expected = readGolden(relative) else {
            Issue.record("missing golden file \(relative); run with ETALON_RECORD_GOLDEN=1 to create it",
                         sourceLocation: sourceLocation)
            return
        }
        if expected != actual {
            let a = expected.components(separatedBy: "\n")
            let b = actual.components(separatedBy: "\n")
            let index = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
            let want = index < a.count ? a[index] : "<end of file>"
            let got = index < b.count ? b[index] : "<end of file>"
            Issue.record(
                "\(relative) differs at line \(index + 1):\n  expected: \(want)\n  actual:   \(got)\n(ETALON_RECORD_GOLDEN=1 re-records)",
                sourceLocation: sourceLocation)
        }
    }

    /// Names of the files with `suffix` directly in a golden folder, sorted.
    static func goldenInputs(_ folder: String, suffix: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: goldenDirectory + "/" + folder)) ?? []
        return names.filter { $0.hasSuffix(suffix) }.sorted()
    }

    // MARK: - Shipped files

    /// Every `.rules` file under `rules/` and `examples/`, relative to the repository root.
    static func shippedRuleFiles() -> [String] {
        var found: [String] = []
        for top in ["rules", "examples"] {
            let base = repositoryRoot + "/" + top
            guard let enumerator = FileManager.default.enumerator(atPath: base) else { continue }
            while let relative = enumerator.nextObject() as? String {
                if relative.hasSuffix(".rules") { found.append(top + "/" + relative) }
            }
        }
        return found.sorted()
    }

    /// The ```etalon blocks of docs/language.md: (line of the opening fence, text).
    static func languageDocBlocks(tag: String = "etalon") -> [(line: Int, text: String)] {
        guard let doc = try? String(contentsOfFile: repositoryRoot + "/docs/language.md", encoding: .utf8) else { return [] }
        var blocks: [(Int, String)] = []
        var current: [String]?
        var start = 0
        for (i, line) in doc.components(separatedBy: "\n").enumerated() {
            if var lines = current {
                if line.hasPrefix("```") {
                    blocks.append((start, lines.joined(separator: "\n") + "\n"))
                    current = nil
                } else {
                    lines.append(line)
                    current = lines
                }
            } else if line == "```" + tag {
                current = []
                start = i + 1
            }
        }
        return blocks
    }
}

/// SplitMix64: a tiny deterministic generator for property tests (fixed seeds, no dependencies).
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// 0..<n.
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    /// A value in `range` (modulo bias is irrelevant here).
    mutating func int(in range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % (UInt64(range.upperBound - range.lowerBound) + 1))
    }

    mutating func chance(_ percent: Int) -> Bool { below(100) < percent }

    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    mutating func int(_ range: ClosedRange<Int64>) -> Int64 {
        let width = UInt64(bitPattern: range.upperBound &- range.lowerBound) &+ 1
        if width == 0 { return Int64(bitPattern: next()) }
        return range.lowerBound &+ Int64(bitPattern: next() % width)
    }
}
