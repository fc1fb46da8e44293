public import RuleDSL

/// The SLA report over many tickets: states, compliance by each report key and by month against
/// the KPI target, escalations due, mass incidents, and the tickets that could not be tracked.
public struct SLAReport: Sendable {
    /// Tickets counted by outcome. Open tickets (on track, at risk, paused, not started) are `open`.
    public struct Group: Sendable, Equatable {
        public var met = 0, missed = 0, breached = 0, open = 0, cancelled = 0

        public init() {}

        /// Tickets in the group, whatever their state.
        public var tickets: Int { met + missed + breached + open + cancelled }

        /// met / (met + missed + breached): the share of decided tickets that kept the deadline
        /// (a ticket still open past its deadline counts against it); nil when none is decided yet.
        public var compliance: ExactDecimal? {
            let decided = met + missed + breached
            guard decided > 0 else { return nil }
            return try? ExactDecimal(Int64(met)).divided(by: ExactDecimal(Int64(decided))).rounded(scale: 4, mode: .halfEven)
        }

        /// Counts one ticket in `state`.
        public mutating func count(_ state: SLAState) {
            switch state {
            case .met: met += 1
            case .missed: missed += 1
            case .breached: breached += 1
            case .cancelled: cancelled += 1
            case .onTrack, .atRisk, .notStarted: open += 1
            }
        }

        /// Adds the counts of another group.
        public mutating func add(_ other: Group) {
            met += other.met
            missed += other.missed
            breached += other.breached
            open += other.open
            cancelled += other.cancelled
        }
    }

    /// One `report by` key: its groups, largest first (ties by value).
    public struct KeyBreakdown: Sendable {
        public let label: String
        public let groups: [(value: String, group: Group)]
    }

    /// N similar tickets opened within a window: one incident with its own priority and, when the
    /// SLA gives it a target, its own clock from detection to the resolution of its last ticket.
    public struct MassIncident: Sendable {
        public let key: String
        /// The opening of its first ticket.
        public let first: DateTimeValue
        /// The opening of its last ticket.
        public let last: DateTimeValue
        /// The opening of the ticket that made it a mass incident (the N-th).
        public let detected: DateTimeValue
        /// Its tickets' ids, in opening order.
        public let tickets: [String]
        public let priority: String?
        /// Its own clock (nil when the SLA gives mass incidents no target).
        public let sla: TicketSLA?
    }

    /// A ticket that could not be tracked, and why.
    public struct Rejected: Sendable {
        public let ticket: String
        public let en: String
        public let ru: String
    }

    public var total = 0
    public var states: [SLAState: Int] = [:]
    public var overall = Group()
    /// By each `report by` key, in the order the SLA lists them.
    public var byKey: [KeyBreakdown] = []
    /// By opening month ("2023-03"), in order.
    public var byMonth: [(month: String, group: Group)] = []
    /// Escalations due now, by recipient: most first (ties by name).
    public var escalations: [(recipient: String, count: Int)] = []
    public var kpiTarget: ExactDecimal?
    public var massIncidents: [MassIncident] = []
    public var rejected: [Rejected] = []
    /// The first tickets (as many as asked) with their clocks, for the detailed listing.
    public var tickets: [(id: String, sla: TicketSLA)] = []

    public init() {}
}
