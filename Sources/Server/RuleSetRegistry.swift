public import RuleDSL
import Synchronization

/// The rule sets a service evaluates, by name, each with the content hash of its files. A new
/// version is compiled and its tests run before it replaces the old one, atomically: a rule set that
/// fails to compile or whose tests fail never replaces a working one.
public final class RuleSetRegistry: Sendable {
    /// A compiled rule set in service.
    public struct Loaded: Sendable {
        public let name: String
        /// SHA-256 over the files' paths and contents, in path order.
        public let hash: String
        public let paths: [String]
        public let ruleSet: CompiledRuleSet
        public let testCount: Int
    }

    /// Why a new version was refused (the previous one, if any, stays in service).
    public enum LoadFailure: Error, Sendable {
        case unreadable(SourceLoader.LoadError)
        case errors([Diagnostic], files: [SourceFile])
        case failingTests([TestResult])
    }

    private let sets = Mutex<[String: Loaded]>([:])

    public init() {}

    /// The rule set in service under `name`.
    public func current(_ name: String) -> Loaded? { sets.withLock { $0[name] } }

    /// Compiles the files at `paths`, runs their tests as of `today`, and puts the result in service
    /// under `name` only if both succeed.
    @discardableResult
    public func load(name: String, paths: [String], today: CivilDate) -> Result<Loaded, LoadFailure> {
        let files: [SourceFile]
        switch SourceLoader.load(paths) {
        case .failure(let error): return .failure(.unreadable(error))
        case .success(let loaded): files = loaded
        }
        let result = RuleDSL.compile(files)
        guard let ruleSet = result.ruleSet else { return .failure(.errors(result.errors, files: files)) }
        let tests = TestRunner.run(ruleSet, today: today)
        let failed = tests.filter { !$0.passed }
        guard failed.isEmpty else { return .failure(.failingTests(failed)) }
        let loaded = Loaded(name: name, hash: Self.hash(files), paths: paths, ruleSet: ruleSet, testCount: tests.count)
        sets.withLock { $0[name] = loaded }
        return .success(loaded)
    }

    /// The content hash of a set of files (order-independent: sorted by path).
    public static func hash(_ files: [SourceFile]) -> String {
        var bytes: [UInt8] = []
        for file in files.sorted(by: { $0.path < $1.path }) {
            bytes += Array(file.path.utf8) + [0] + file.bytes + [0]
        }
        return SHA256.hex(bytes)
    }
}
