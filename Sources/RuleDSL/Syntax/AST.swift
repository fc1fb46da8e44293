/// Identifies an AST node within one compilation; the checker keeps its findings in side tables keyed by it.
public typealias NodeID = Int32

/// A name as written, with its range.
public struct Identifier: Sendable, Hashable {
    public let name: String
    public let range: SourceRange
}

/// A dotted name (`rostrud.indicators`).
public struct QualifiedName: Sendable, Hashable, CustomStringConvertible {
    public let parts: [Identifier]
    public var range: SourceRange { parts.first!.range.union(parts.last!.range) }
    public var description: String { parts.map(\.name).joined(separator: ".") }
}

/// A parsed file: its module, imports and declarations, in source order.
public struct FileSyntax: Sendable {
    public let file: SourceFile
    public var module: QualifiedName?
    public var imports: [ImportDecl]
    /// `source "…"` at file level: the legal basis for declarations that name none.
    public var fileSource: StringLiteral?
    public var declarations: [Declaration]
    public var comments: [Comment]
}

/// `import a.b`
public struct ImportDecl: Sendable {
    public let name: QualifiedName
    public let range: SourceRange
}

/// A string literal with its decoded value.
public struct StringLiteral: Sendable, Hashable {
    public let value: String
    public let range: SourceRange
}

/// A top-level declaration. New kinds (calendar, sla, process, scenario) are new cases here, a new
/// parse function in the parser and a new pass in the checker; nothing else moves.
public struct Declaration: Sendable {
    public let id: NodeID
    public let range: SourceRange
    public var kind: DeclarationKind

    /// The declared name (tests use their title).
    public var name: Identifier? {
        switch kind {
        case .schema(let d): return d.name
        case .enumeration(let d): return d.name
        case .constant(let d): return d.header.name
        case .lookup(let d): return d.header.name
        case .indicator(let d): return d.header.name
        case .value(let d): return d.header.name
        case .score(let d): return d.header.name
        case .table(let d): return d.header.name
        case .calendar(let d): return d.header.name
        case .keywords(let d): return d.header.name
        case .sla(let d): return d.header.name
        case .test: return nil
        }
    }
}

public enum DeclarationKind: Sendable {
    case schema(SchemaDecl)
    case enumeration(EnumDecl)
    case constant(ConstDecl)
    case lookup(LookupDecl)
    case indicator(IndicatorDecl)
    case value(ValueDecl)
    case score(ScoreDecl)
    case table(TableDecl)
    case calendar(CalendarDecl)
    case keywords(KeywordsDecl)
    case sla(SLADecl)
    case test(TestDecl)
}

// MARK: - Types

/// A type as written: `int`, `money?`, `list of Worker`, `Region`.
public indirect enum TypeSyntax: Sendable, Hashable {
    case named(QualifiedName)
    case list(TypeSyntax, SourceRange)
    case optional(TypeSyntax, SourceRange)

    public var range: SourceRange {
        switch self {
        case .named(let n): return n.range
        case .list(_, let r), .optional(_, let r): return r
        }
    }
}

// MARK: - Data declarations

/// `schema Employer "Работодатель" { field: type "title" … }`
public struct SchemaDecl: Sendable {
    public let name: Identifier
    public let title: StringLiteral?
    public var fields: [FieldDecl]
}

public struct FieldDecl: Sendable {
    public let id: NodeID
    public let name: Identifier
    public let type: TypeSyntax
    /// `in 0..3` or `in ["a", "b"]`: the values the field admits.
    public let allowed: Expr?
    public let title: StringLiteral?
    public let range: SourceRange
}

/// `enum Class "Класс условий труда" { optimal "1 — оптимальный", … }`
public struct EnumDecl: Sendable {
    public let name: Identifier
    public let title: StringLiteral?
    public var cases: [EnumCaseDecl]
}

public struct EnumCaseDecl: Sendable {
    public let name: Identifier
    public let title: StringLiteral?
    public let range: SourceRange
}

// MARK: - Rule declarations

/// What every rule declaration carries: name, title, the record it is about, its time of validity,
/// its legal basis and a marker for facts not confirmed against the official text.
public struct RuleHeader: Sendable {
    public let name: Identifier
    public var title: StringLiteral?
    /// `on e: Employer` — the subject variable and its schema.
    public var subject: SubjectBinding?
    public var effective: EffectiveRange?
    public var sources: [StringLiteral] = []
    /// `unconfirmed "why"` — the rule relies on a fact not confirmed against the official text.
    public var unconfirmed: StringLiteral?
    public var notes: [StringLiteral] = []
}

public struct SubjectBinding: Sendable {
    public let variable: Identifier
    public let schema: QualifiedName
    public let range: SourceRange
}

/// `effective 2024-01-01 until 2024-12-31` — both ends inclusive; either may be absent.
public struct EffectiveRange: Sendable {
    public let from: DateLiteral?
    public let until: DateLiteral?
    public let range: SourceRange
}

/// A date literal with its parsed value (nil if it was not a valid date: already diagnosed).
public struct DateLiteral: Sendable {
    public let text: String
    public let range: SourceRange
}

/// `const name "title" : type = expr` plus clauses.
public struct ConstDecl: Sendable {
    public var header: RuleHeader
    public let type: TypeSyntax?
    public let value: Expr
}

/// `lookup name "title" : K -> V { key => value … else => value }`
public struct LookupDecl: Sendable {
    public var header: RuleHeader
    public let keyType: TypeSyntax
    public let valueType: TypeSyntax
    public var entries: [LookupEntry]
    public var otherwise: Expr?
}

public struct LookupEntry: Sendable {
    public let keys: [Expr]
    public let value: Expr
    public let range: SourceRange
}

/// `indicator name "title" on e: T when … weight … because "…"`
public struct IndicatorDecl: Sendable {
    public var header: RuleHeader
    public var condition: Expr?
    public var weight: Expr?
    public var because: Template?
}

/// `value name "title" on e: T [: type] = expr`
public struct ValueDecl: Sendable {
    public var header: RuleHeader
    public let type: TypeSyntax?
    public let value: Expr?
}

/// `score name "title" on e: T { indicator, indicator, … }` — the sum of the weights of fired indicators.
public struct ScoreDecl: Sendable {
    public var header: RuleHeader
    /// Indicator names; empty with `includesAll` = every indicator on the same schema in the module.
    public var members: [QualifiedName]
    public var includesAll: Bool
}

/// A decision table.
public struct TableDecl: Sendable {
    public var header: RuleHeader
    public var hitPolicy: HitPolicy
    public var hitPolicyRange: SourceRange?
    public var inputs: [TableInput]
    public var outputs: [TableOutput]
    public var rows: [TableRow]
}

public enum HitPolicy: String, Sendable, Hashable, CaseIterable {
    case unique, first, priority, any, collect
    case collectSum = "collect sum", collectCount = "collect count"
    case collectMin = "collect min", collectMax = "collect max"
}

public struct TableInput: Sendable {
    public let expr: Expr
    public let range: SourceRange
}

public struct TableOutput: Sendable {
    public let name: Identifier
    public let type: TypeSyntax?
    public let title: StringLiteral?
    public let range: SourceRange
}

public struct TableRow: Sendable {
    public let id: NodeID
    public var inputs: [Cell]
    public var outputs: [Expr?]  // nil: `-` (no value)
    public let range: SourceRange
}

/// An input cell of a decision table: a test applied to the column's value.
public struct Cell: Sendable {
    public let id: NodeID
    public let kind: CellKind
    public let range: SourceRange
}

public enum CellKind: Sendable {
    /// `-`: matches anything, including a missing value.
    case any
    /// `>= 1`, `< 0.75`, `!= "x"`
    case comparison(ComparisonOp, Expr)
    /// `0.75..<1`, `1..5`
    case range(Expr, Expr, inclusiveUpper: Bool)
    /// `"a", "b"` or a single value: equality with one of them.
    case oneOf([Expr])
    /// `not "a", "b"`
    case noneOf([Expr])
    /// `missing`, `present`
    case missing, present
}

public enum ComparisonOp: String, Sendable, Hashable, BitwiseCopyable {
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
}

// MARK: - Tests

/// `test "title" as of 2025-06-01 { given … expect … }`
public struct TestDecl: Sendable {
    public let title: StringLiteral
    public let asOf: DateLiteral?
    public var given: Expr?
    public var expectations: [Expectation]
}

public struct Expectation: Sendable {
    public let id: NodeID
    public let kind: ExpectationKind
    public let range: SourceRange
}

public enum ExpectationKind: Sendable {
    case fired(QualifiedName)
    case notFired(QualifiedName)
    /// Optionally with the fields that must be named as missing.
    case undetermined(QualifiedName, missing: [QualifiedName])
    case notInForce(QualifiedName)
    /// The rule's result could not be computed (a date outside a calendar, division by zero…).
    case error(QualifiedName)
    /// `expect name == value` (also `!=`, `<` …)
    case compare(QualifiedName, ComparisonOp, Expr)
}

// MARK: - Templates

/// A `because` text: literal pieces and `{expression}` holes.
public struct Template: Sendable {
    public let parts: [TemplatePart]
    public let range: SourceRange
}

public enum TemplatePart: Sendable {
    case text(String)
    case hole(Expr)
}
