public import RuleDSL

/// The SLA report over many tickets: states, compliance by each report key and by month against
/// the KPI target, escalations due, mass incidents, and the tickets that could not be tracked.
public struct SLAReport: Sendable {
    public struct Group: Sendable {
        public var met = 0, missed = 0, breached = 0, open = 0, cancelled = 0
        /// met / (met + missed + breached); nil when nothing was decided yet.
        public var compliance: ExactDecimal? {
            let decided = met + missed + breached
            guard decided > 0 else { return nil }
            return try? ExactDecimal(Int64(met)).divided(by: ExactDecimal(Int64(decided))).rounded(scale: 4, mode: .halfEven)
        }
    }

    public struct MassIncident: Sendable {
        public let key: String
        public let first: DateTimeValue
        public let last: DateTimeValue
        public let tickets: Int
        public let priority: String?
    }

    public struct Rejected: Sendable {
        public let ticket: String
        public let en: String
        public let ru: String
    }

    public var total = 0
    public var states: [SLAState: Int] = [:]
    public var overall = Group()
    /// By report key label, then key value.
    public var byKey: [String: [String: Group]] = [:]
    public var keyOrder: [String] = []
    /// By opening month ("2023-03").
    public var byMonth: [String: Group] = [:]
    public var escalations: [String: Int] = [:]
    public var kpiTarget: ExactDecimal?
    public var massIncidents: [MassIncident] = []
    public var rejected: [Rejected] = []
    /// Per ticket (id, result) for the detailed listing.
    public var tickets: [(id: String, sla: TicketSLA)] = []

    public init() {}

    mutating func add(id: String, inputs: SLATicketInputs, result: TicketSLA, keepTicket: Bool) {
        total += 1
        states[result.state, default: 0] += 1
        func count(_ g: inout Group) {
            switch result.state {
            case .met: g.met += 1
            case .missed: g.missed += 1
            case .breached: g.breached += 1
            case .cancelled: g.cancelled += 1
            default: g.open += 1
            }
        }
        count(&overall)
        for (label, value) in inputs.reportKeys {
            if byKey[label] == nil { keyOrder.append(label) }
            count(&byKey[label, default: [:]][value, default: Group()])
        }
        if let opened = inputs.events.first?.at.localDate {
            let month = opened.description.prefix(7)
            count(&byMonth[String(month), default: Group()])
        }
        for level in result.escalationsDue { escalations[level.recipient, default: 0] += 1 }
        if kpiTarget == nil { kpiTarget = inputs.kpiTarget }
        if keepTicket { tickets.append((id, result)) }
    }
}

/// Builds the report for tickets of one SLA as of a moment.
public struct SLAReportBuilder {
    public let asOf: DateTimeValue
    public var report = SLAReport()
    public let keepTickets: Int
    private var massCandidates: [String: [(DateTimeValue, Int, Int64, String?)]] = [:]

    public init(asOf: DateTimeValue, keepTickets: Int = 0) {
        self.asOf = asOf
        self.keepTickets = keepTickets
    }

    public mutating func add(id: String, _ inputs: Result<SLATicketInputs, SLAInputProblem>) {
        switch inputs {
        case .failure(let problem):
            report.rejected.append(SLAReport.Rejected(ticket: id, en: problem.en, ru: problem.ru))
        case .success(let inputs):
            do throws(CalendarError) {
                let result = try SLATracker.track(inputs, asOf: asOf)
                report.add(id: id, inputs: inputs, result: result, keepTicket: report.tickets.count < keepTickets)
                if let key = inputs.massKey, let rule = inputs.massRule, let opened = inputs.events.first?.at {
                    massCandidates[key, default: []].append((opened, rule.count, rule.windowSeconds, rule.priority))
                }
            } catch {
                let why: (String, String)
                switch error {
                case .outOfRange(let date, let first, let last):
                    why = ("\(date) is outside the calendar's years (\(first)–\(last))", "\(date.russianText) вне лет календаря (\(first)–\(last))")
                default:
                    why = ("calendar error", "ошибка календаря")
                }
                report.rejected.append(SLAReport.Rejected(ticket: id, en: why.0, ru: why.1))
            }
        }
    }

    /// Finishes the report: finds mass incidents (N similar tickets opened within the window).
    public mutating func finish() -> SLAReport {
        for (key, list) in massCandidates.sorted(by: { $0.key < $1.key }) {
            let sorted = list.sorted { $0.0 < $1.0 }
            guard let first = sorted.first else { continue }
            let (_, need, window, priority) = first
            // A mass incident starts when `need` tickets open within the window, and takes every
            // ticket opened within the window from its first one.
            var start = 0
            var i = 0
            while i < sorted.count {
                while sorted[i].0.utcSeconds - sorted[start].0.utcSeconds > window { start += 1 }
                if i - start + 1 >= need {
                    var end = i
                    while end + 1 < sorted.count, sorted[end + 1].0.utcSeconds - sorted[start].0.utcSeconds <= window { end += 1 }
                    report.massIncidents.append(.init(key: key, first: sorted[start].0, last: sorted[end].0, tickets: end - start + 1,
                                                      priority: priority))
                    i = end + 1
                    start = i
                    continue
                }
                i += 1
            }
        }
        return report
    }
}
