import Foundation
import Synchronization

/// Compiled regular expressions by pattern, shared by all threads (patterns are literals in the
/// rules, so the cache is as large as the rule set's distinct patterns).
final class RegexCache: Sendable {
    /// `NSRegularExpression` is immutable after creation and documented as thread-safe for matching;
    /// the box only carries it across the Sendable boundary.
    struct Compiled: @unchecked Sendable {
        let regex: NSRegularExpression

        func matches(_ text: String) -> Bool {
            let range = NSRange(text.startIndex..<text.endIndex, in: text)
            return regex.firstMatch(in: text, range: range) != nil
        }
    }

    private static let shared = Mutex<[String: Compiled]>([:])

    /// The compiled pattern, or nil if it is not a valid regular expression.
    static func compile(_ pattern: String) -> Compiled? {
        if let cached = shared.withLock({ $0[pattern] }) { return cached }
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return nil }
        let compiled = Compiled(regex: regex)
        shared.withLock { $0[pattern] = compiled }
        return compiled
    }
}
