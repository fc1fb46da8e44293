/// A schema after checking: its fields with resolved types, in declaration order (the slot order).
public struct SchemaInfo: Sendable {
    public let index: Int
    public let module: String
    public let name: String
    public let title: String?
    public internal(set) var fields: [FieldInfo]
    let fieldIndex: [String: Int]
    let range: SourceRange

    /// The slot of the field called `name`.
    public func slot(of name: String) -> Int? { fieldIndex[name] }
}

public struct FieldInfo: Sendable {
    public let name: String
    public let title: String?
    public internal(set) var type: RType
    let range: SourceRange
    /// The values the field admits (`in 0..3`), checked when data is read.
    public internal(set) var allowed: AllowedValues? = nil
}

/// An enum after checking; case order is the priority order of `hit priority` tables.
public struct EnumInfo: Sendable {
    public let index: Int
    public let module: String
    public let name: String
    public let title: String?
    public let cases: [EnumCaseInfo]
    let caseIndex: [String: Int]
    let range: SourceRange

    /// The case spelled `text` in data: by name, else by title (case-insensitive).
    public func caseNamed(_ text: String) -> Int? {
        if let i = caseIndex[text] { return i }
        let lowered = text.lowercased()
        return cases.firstIndex { $0.title?.lowercased() == lowered || $0.name.lowercased() == lowered }
    }
}

public struct EnumCaseInfo: Sendable {
    public let name: String
    public let title: String?
}

/// The kinds of named rule declaration.
public enum RuleKind: String, Sendable, Hashable {
    case constant = "const", lookup, indicator, value, score, table
}

/// Where a declaration sits: file index and position in that file's declarations.
struct DeclLocation: Sendable, Hashable {
    let file: Int
    let index: Int
}

/// One version of a rule, in force from `from` to `until` (inclusive; nil = unbounded).
struct RuleVersion: Sendable {
    let location: DeclLocation
    let from: CivilDate?
    let until: CivilDate?
    let range: SourceRange

    func isInForce(on date: CivilDate) -> Bool {
        if let from, date < from { return false }
        if let until, date > until { return false }
        return true
    }
}

/// A named rule (const, lookup, indicator, value, score, table) with all its versions.
struct RuleSymbol: Sendable {
    let index: Int
    let module: String
    let name: String
    let kind: RuleKind
    var versions: [RuleVersion]
    /// The schema of `on e: Schema` (nil for consts and lookups).
    var subjectSchema: Int?
    /// The type of the rule's result (bool for indicators; a record type for multi-output tables).
    var resultType: RType = .error
    /// For lookups: the key type.
    var keyType: RType = .error
    /// Indicators this rule depends on, directly or through other rules (for "determined despite unknown").
    var indicatorDependencies: Set<Int> = []
    /// Rules this rule reads directly.
    var directDependencies: Set<Int> = []

    var qualifiedName: String { "\(module).\(name)" }
}

/// A declared calendar and the business calendar built from it.
struct CalendarInfo: Sendable {
    let name: String
    let module: String
    let location: DeclLocation
    let range: SourceRange
    var calendar: BusinessCalendar?
}

/// A declared SLA and its versions by date.
struct SLASymbol: Sendable {
    let name: String
    let module: String
    var versions: [RuleVersion]
    var subjectSchema: Int?
    /// Per version (same order as `versions`): the rules its clauses read directly.
    var reads: [Set<Int>] = []
}

/// A keyword set: phrases as sequences of lower-case word prefixes, matched over UTF-8 bytes
/// (this runs for every ticket of a log: no Unicode tables per character).
public struct KeywordSet: Sendable {
    public let name: String
    let phrases: [[[UInt8]]]

    init(name: String, phrases: [[String]]) {
        self.name = name
        self.phrases = phrases.map { $0.map { Array($0.utf8) } }
    }

    /// The words of a text, lower-cased (Latin and Cyrillic letters, digits; everything else separates).
    static func words(_ text: String) -> [String] {
        var words = TextWords()
        words.split(text)
        return (0..<words.count).map { i in words.word(i) { String(decoding: $0, as: UTF8.self) } }
    }

    /// True when some phrase occurs in the text: consecutive words starting with the phrase's
    /// words («ошибк» matches «ошибка», «ошибки», «ошибкой»), regardless of case.
    public func matches(_ text: String) -> Bool {
        var words = TextWords()
        words.split(text)
        return matches(words: words)
    }

    /// The same over a text already split into words.
    func matches(words text: TextWords) -> Bool {
        guard text.count > 0 else { return false }
        return text.bytes.withUnsafeBufferPointer { bytes in
            for phrase in phrases where phrase.count <= text.count {
                for start in 0...(text.count - phrase.count) {
                    var all = true
                    for (i, word) in phrase.enumerated() {
                        let from = Int(text.starts[start + i]), to = Int(text.starts[start + i + 1])
                        guard to - from >= word.count, word.withUnsafeBufferPointer({ w in
                            for k in 0..<w.count where w[k] != bytes[from + k] { return false }
                            return true
                        }) else {
                            all = false
                            break
                        }
                    }
                    if all { return true }
                }
            }
            return false
        }
    }
}

/// A text split into lower-cased words, kept flat (one byte buffer, word boundaries) so that
/// splitting a ticket's text allocates nothing once the buffers have grown. Lower-casing covers
/// ASCII and Cyrillic (А–Я, Ё); other letters are kept as written. ASCII punctuation, Latin-1
/// punctuation (« » etc.) and general punctuation (— …) separate words.
struct TextWords: Sendable {
    /// The words' bytes, one after another.
    private(set) var bytes: [UInt8] = []
    /// Where each word starts in `bytes`, plus the end of the last one.
    private(set) var starts: [Int32] = [0]

    var count: Int { starts.count - 1 }

    /// Word `i`'s bytes.
    func word<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[Int(starts[i])..<Int(starts[i + 1])])) }
    }

    /// Replaces the words with those of `text`.
    mutating func split(_ text: String) {
        bytes.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true)
        starts.append(0)
        var text = text
        text.withUTF8 { split($0) }
    }

    private mutating func split(_ source: UnsafeBufferPointer<UInt8>) {
        func endWord(_ words: inout TextWords) {
            if Int(words.starts[words.starts.count - 1]) < words.bytes.count { words.starts.append(Int32(truncatingIfNeeded: words.bytes.count)) }
        }
        var i = 0
        let n = source.count
        while i < n {
            let b = source[i]
            if b < 0x80 {
                if (b >= 0x30 && b <= 0x39) || (b >= 0x61 && b <= 0x7A) || b == 0x5F {
                    bytes.append(b)
                } else if b >= 0x41 && b <= 0x5A {
                    bytes.append(b + 0x20)
                } else {
                    endWord(&self)
                }
                i += 1
                continue
            }
            let length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2
            let end = min(i + length, n)
            if b == 0xC2 || (b == 0xE2 && i + 1 < n && source[i + 1] == 0x80) {
                endWord(&self)
            } else if b == 0xD0, i + 1 < n {
                let c = source[i + 1]
                if c >= 0x90 && c <= 0x9F {
                    bytes.append(0xD0)
                    bytes.append(c + 0x20)
                } else if c >= 0xA0 && c <= 0xAF {
                    bytes.append(0xD1)
                    bytes.append(c - 0x20)
                } else if c == 0x81 {
                    bytes.append(0xD1)
                    bytes.append(0x91)
                } else {
                    bytes.append(b)
                    bytes.append(c)
                }
            } else {
                for k in i..<end { bytes.append(source[k]) }
            }
            i = end
        }
        endWord(&self)
    }
}

/// How the checker resolved a name or call; the compiler reads this instead of looking names up again.
enum Resolution: Sendable {
    /// The subject variable of the rule (`e` in `on e: Employer`).
    case subject
    /// A variable bound by a list expression (`w` in `count(w in e.workers …)`), by slot.
    case local(Int)
    /// A field of a record, by slot.
    case field(Int)
    /// A rule of the program, by index (a const, a value, an indicator's outcome, a score, a table).
    case rule(Int)
    /// An enum case.
    case enumCase(EnumCase)
    /// A built-in function.
    case builtin(String)
    /// The evaluation's "as of" date.
    case asOf
    /// A rounding mode named as an argument of `round`.
    case roundingMode(RoundingMode)
    /// A calendar named as the first argument of a working-time function.
    case calendar(Int)
    /// A keyword set named as the second argument of `mentions`.
    case keywordSet(Int)
}
