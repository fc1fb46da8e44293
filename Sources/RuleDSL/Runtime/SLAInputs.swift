/// What an SLA needs to track one ticket, computed by the rules in force when it was opened:
/// the calendar and zone, the status history, the target, the escalation ladder, report keys.
/// The clock itself (elapsed, due, state, escalations due) is ProcessModel's `SLATracker`.
public struct SLATicketInputs: Sendable {
    public let sla: String
    /// First day of the SLA version used (nil: the only version, unbounded).
    public let versionFrom: CivilDate?
    public let calendar: BusinessCalendar
    public let zone: ZoneRules
    /// Status changes, in time order, with what each does to the clock.
    public let events: [StatusEvent]
    public let target: SLATarget
    public let escalations: [EscalationLevel]
    /// Elapsed share from which an open ticket is "at risk" (0.75 by default).
    public let atRisk: ExactDecimal
    public let kpiTarget: ExactDecimal?
    /// Report keys: the column (in `SLAReportKeys`) and the ticket's value.
    public let reportKeys: [(column: Int, value: Value)]
    /// The mass-incident key (the `by` values, joined) when the ticket can join a mass incident.
    public let massKey: String?
    public let massRule: MassIncidentRule?

    public init(
        sla: String, versionFrom: CivilDate?, calendar: BusinessCalendar, zone: ZoneRules, events: [StatusEvent], target: SLATarget,
        escalations: [EscalationLevel], atRisk: ExactDecimal, kpiTarget: ExactDecimal?, reportKeys: [(column: Int, value: Value)],
        massKey: String?, massRule: MassIncidentRule?
    ) {
        self.sla = sla
        self.versionFrom = versionFrom
        self.calendar = calendar
        self.zone = zone
        self.events = events
        self.target = target
        self.escalations = escalations
        self.atRisk = atRisk
        self.kpiTarget = kpiTarget
        self.reportKeys = reportKeys
        self.massKey = massKey
        self.massRule = massRule
    }
}

/// How similar tickets become one mass incident: `count` opened within `windowSeconds`, with the
/// incident's own priority and target (counted from its detection to its last ticket's resolution).
public struct MassIncidentRule: Sendable {
    public let count: Int
    public let windowSeconds: Int64
    public let priority: String?
    public let target: SLATarget?
}

/// How long the SLA allows: calendar time, working time, or working days on the calendar.
public enum SLATarget: Sendable, Hashable {
    case calendarSeconds(Int64)
    case workSeconds(Int64)
    case workdays(Int)
}

/// A rung of the escalation ladder: at a share of the target or a fixed time before the deadline.
public struct EscalationLevel: Sendable, Hashable {
    public enum Trigger: Sendable, Hashable {
        case share(ExactDecimal)
        case beforeSeconds(Int64, working: Bool)
    }
    public let trigger: Trigger
    public let recipient: String
    public let label: String
}

/// The `report by` keys of an SLA's versions as report columns (keys written alike in several
/// versions share a column), and how their values are shown.
public struct SLAReportKeys: Sendable {
    /// The keys as written (`classify.kind`, `t.region`), one per column.
    public let labels: [String]
    let types: [RType]
    let formatter: ValueFormatter

    /// A key's value as shown in the report ("Инцидент", "77").
    public func format(column: Int, _ value: Value) -> String { formatter.format(value, as: types[column]) }
}

/// Why a ticket cannot be tracked (reported with the ticket; the rest of the report goes on).
public struct SLAInputProblem: Error, Sendable {
    public let en: String
    public let ru: String
    public func message(in language: MessageLanguage) -> String { language == .ru ? ru : en }
}

extension CompiledRuleSet {
    /// Names of the SLAs declared.
    public var slaNames: [String] { slas.map(\.name) }

    /// The schema an SLA tracks.
    public func slaSchema(_ name: String) -> SchemaInfo? {
        slas.first { $0.name == name }?.schema.map { program.schemas[$0] }
    }

    /// The inputs for tracking `ticket` under SLA `name`: the version in force on the ticket's
    /// opening (its first status change) and the rules as of that day. For many tickets, make one
    /// `SLAEvaluator` and reuse it.
    public func slaInputs(_ ticket: RecordValue, sla name: String, language: MessageLanguage = .en) -> Result<SLATicketInputs, SLAInputProblem> {
        guard var evaluator = SLAEvaluator(self, sla: name, language: language) else {
            return .failure(SLAInputProblem(en: "no SLA ‘\(name)’", ru: "нет SLA «\(name)»"))
        }
        return evaluator.inputs(ticket)
    }
}
