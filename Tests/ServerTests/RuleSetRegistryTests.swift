import Foundation
import Testing

@testable import RuleDSL
@testable import Server

@Suite struct SHA256Tests {
    @Test(arguments: [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        ("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"),
    ])
    func knownVectors(input: String, digest: String) {
        #expect(SHA256.hex(Array(input.utf8)) == digest)
    }

    @Test func longInputsSpanningBlocks() {
        #expect(SHA256.hex(Array(repeating: UInt8(ascii: "a"), count: 1_000)) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3")
    }
}

@Suite struct RuleSetRegistryTests {
    func write(_ text: String, to dir: String, _ name: String = "r.rules") throws -> String {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/" + name
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    let good = """
        module m
        schema S { x: int }
        indicator big on s: S
            when s.x > 10
        test "big" as of 2025-01-01 {
            given S { x: 11 }
            expect fired big
        }
        """

    @Test func aBrokenVersionNeverReplacesAWorkingOne() throws {
        let dir = NSTemporaryDirectory() + "etalon-registry-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = try write(good, to: dir)
        let registry = RuleSetRegistry()
        let today = CivilDate(year: 2025, month: 6, day: 1)!
        guard case .success(let first) = registry.load(name: "m", paths: [path], today: today) else {
            Issue.record("the good rule set should load")
            return
        }
        #expect(first.testCount == 1)
        #expect(first.hash.count == 64)

        // A syntax error: refused with diagnostics; the first version stays.
        _ = try write(good.replacingOccurrences(of: "when s.x > 10", with: "when s.x >"), to: dir)
        guard case .failure(.errors(let diagnostics, _)) = registry.load(name: "m", paths: [path], today: today) else {
            Issue.record("a file with errors must be refused")
            return
        }
        #expect(!diagnostics.isEmpty)
        #expect(registry.current("m")?.hash == first.hash)

        // A failing test: refused too.
        _ = try write(good.replacingOccurrences(of: "when s.x > 10", with: "when s.x > 100"), to: dir)
        guard case .failure(.failingTests(let failed)) = registry.load(name: "m", paths: [path], today: today) else {
            Issue.record("a rule set whose tests fail must be refused")
            return
        }
        #expect(failed.count == 1)
        #expect(registry.current("m")?.hash == first.hash)

        // A good change is taken, with a new hash.
        _ = try write(good.replacingOccurrences(of: "x: 11", with: "x: 12"), to: dir)
        guard case .success(let second) = registry.load(name: "m", paths: [path], today: today) else {
            Issue.record("the changed good rule set should load")
            return
        }
        #expect(second.hash != first.hash)
        #expect(registry.current("m")?.hash == second.hash)
    }

    @Test func aMissingPathIsReportedNotThrown() {
        let registry = RuleSetRegistry()
        guard case .failure(.unreadable(let error)) = registry.load(name: "x", paths: ["/no/such/path"], today: CivilDate(year: 2025, month: 1, day: 1)!) else {
            Issue.record("expected an unreadable-path failure")
            return
        }
        #expect(error.reason == .notFound)
    }

    @Test func hashIgnoresFileOrderButNotContent() {
        let a = SourceFile(id: 0, path: "a.rules", text: "module a")
        let b = SourceFile(id: 1, path: "b.rules", text: "module b")
        #expect(RuleSetRegistry.hash([a, b]) == RuleSetRegistry.hash([b, a]))
        #expect(RuleSetRegistry.hash([a, b]) != RuleSetRegistry.hash([a, SourceFile(id: 1, path: "b.rules", text: "module c")]))
    }
}
