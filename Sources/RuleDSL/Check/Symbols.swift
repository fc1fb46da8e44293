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
}
