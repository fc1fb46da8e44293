/// `keywords name "title" { "ошибк", "не работает" }`: word prefixes that classify free text.
public struct KeywordsDecl: Sendable {
    public var header: RuleHeader
    public var phrases: [StringLiteral]
}

/// `sla name "title" on t: Ticket { calendar …  start on …  target …  escalate …  kpi … }`
public struct SLADecl: Sendable {
    public var header: RuleHeader
    public var calendar: QualifiedName?
    public var zone: Expr?
    public var history: Expr?
    /// Status lists by clock event (start, pause, resume, stop, cancel, reset).
    public var events: [SLAEvent: [StringLiteral]] = [:]
    public var target: Expr?
    public var escalations: [Escalation] = []
    /// `at risk at 75%`
    public var atRisk: Expr?
    /// `kpi compliance target >= 95%`
    public var kpiTarget: Expr?
    /// `report by t.kind, t.priority`
    public var reportBy: [Expr] = []
    public var mass: MassIncident?
}

public enum SLAEvent: String, Sendable, Hashable, CaseIterable {
    case start, pause, resume, stop, cancel, reset
}

/// `escalate at 75% to curator` or `escalate before 2 hours to "ФЦК"`
public struct Escalation: Sendable {
    public enum Trigger: Sendable {
        case percent(Expr)
        case before(Expr)
    }
    public let trigger: Trigger
    public let recipient: Expr
    public let range: SourceRange
}

/// `mass incident when 10 within 30 minutes where kind == incident by t.kind, t.subsystem priority 0 target 6 hours`
public struct MassIncident: Sendable {
    public let count: Expr
    public let window: Expr
    /// Which tickets can join a mass incident (all when absent).
    public let filter: Expr?
    public let keys: [Expr]
    public let priority: Expr?
    /// The mass incident's own target, from its detection to the resolution of its last ticket.
    public let target: Expr?
    public let range: SourceRange
}
