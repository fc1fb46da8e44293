public import RuleDSL

/// Builds the SLA report for tickets of one SLA as of a moment. Builders of consecutive parts of a
/// log (read by several threads) merge into the report of the whole log, in file order.
public struct SLAReportBuilder: Sendable {
    public let asOf: DateTimeValue
    public let keepTickets: Int
    let keys: SLAReportKeys
    var total = 0
    var states: [SLAState: Int] = [:]
    var overall = SLAReport.Group()
    /// Per report column: groups by the key's value (formatted only when the report is finished).
    var byKey: [[Value: SLAReport.Group]]
    var byMonth: [CivilDate: SLAReport.Group] = [:]
    var escalations: [String: Int] = [:]
    /// The KPI target of the newest SLA version seen (nil start: the version open at the start).
    var kpi: (from: CivilDate?, target: ExactDecimal)?
    var rejected: [SLAReport.Rejected] = []
    var tickets: [(id: String, sla: TicketSLA)] = []
    var massCandidates: [String: [MassCandidate]] = [:]

    /// A ticket that can join a mass incident: what grouping needs, and what the incident's own
    /// clock borrows from its first ticket (calendar, escalation ladder, at-risk share).
    struct MassCandidate: Sendable {
        let id: String
        let opened: DateTimeValue
        let stopped: DateTimeValue?
        let cancelled: Bool
        let rule: MassIncidentRule
        let sla: String
        let versionFrom: CivilDate?
        let calendar: BusinessCalendar
        let escalations: [EscalationLevel]
        let atRisk: ExactDecimal
    }

    public init(asOf: DateTimeValue, keys: SLAReportKeys, keepTickets: Int = 0) {
        self.asOf = asOf
        self.keys = keys
        self.keepTickets = keepTickets
        self.byKey = Array(repeating: [:], count: keys.labels.count)
    }

    /// Tracks one ticket (or records why it cannot be tracked).
    public mutating func add(id: String, _ inputs: Result<SLATicketInputs, SLAInputProblem>) {
        switch inputs {
        case .failure(let problem):
            rejected.append(SLAReport.Rejected(ticket: id, en: problem.en, ru: problem.ru))
        case .success(let inputs):
            do throws(CalendarError) {
                let result = try SLATracker.track(inputs, asOf: asOf)
                count(id: id, inputs: inputs, result: result)
                if let key = inputs.massKey, let rule = inputs.massRule, let opened = inputs.events.first?.at {
                    massCandidates[key, default: []].append(MassCandidate(
                        id: id, opened: opened, stopped: result.stopped, cancelled: result.state == .cancelled, rule: rule, sla: inputs.sla,
                        versionFrom: inputs.versionFrom, calendar: inputs.calendar, escalations: inputs.escalations, atRisk: inputs.atRisk))
                }
            } catch {
                let why = SLAReportBuilder.explain(error)
                rejected.append(SLAReport.Rejected(ticket: id, en: why.en, ru: why.ru))
            }
        }
    }

    private mutating func count(id: String, inputs: SLATicketInputs, result: TicketSLA) {
        total += 1
        states[result.state, default: 0] += 1
        overall.count(result.state)
        for (column, value) in inputs.reportKeys where column < byKey.count {
            byKey[column][value, default: SLAReport.Group()].count(result.state)
        }
        if let opened = inputs.events.first?.at.localDate {
            byMonth[opened.startOfMonth, default: SLAReport.Group()].count(result.state)
        }
        for level in result.escalationsDue { escalations[level.recipient, default: 0] += 1 }
        if let target = inputs.kpiTarget, kpi == nil || Self.isNewer(inputs.versionFrom, than: kpi!.from) {
            kpi = (inputs.versionFrom, target)
        }
        if tickets.count < keepTickets { tickets.append((id, result)) }
    }

    private static func isNewer(_ a: CivilDate?, than b: CivilDate?) -> Bool {
        guard let a else { return false }
        guard let b else { return true }
        return a > b
    }

    /// Adds the counts of a builder that read the tickets after this one's.
    public mutating func merge(_ later: SLAReportBuilder) {
        total += later.total
        for (state, n) in later.states { states[state, default: 0] += n }
        overall.add(later.overall)
        for column in byKey.indices where column < later.byKey.count {
            for (value, group) in later.byKey[column] { byKey[column][value, default: SLAReport.Group()].add(group) }
        }
        for (month, group) in later.byMonth { byMonth[month, default: SLAReport.Group()].add(group) }
        for (recipient, n) in later.escalations { escalations[recipient, default: 0] += n }
        if let k = later.kpi, kpi == nil || Self.isNewer(k.from, than: kpi!.from) { kpi = k }
        rejected += later.rejected
        tickets += later.tickets.prefix(max(0, keepTickets - tickets.count))
        for (key, list) in later.massCandidates { massCandidates[key, default: []] += list }
    }

    /// The finished report: values formatted, groups ordered, mass incidents found and tracked.
    public func finish() -> SLAReport {
        var report = SLAReport()
        report.total = total
        report.states = states
        report.overall = overall
        report.byKey = byKey.enumerated().map { column, groups in
            let shown = groups.map { (value: keys.format(column: column, $0.key), group: $0.value) }
            return SLAReport.KeyBreakdown(label: keys.labels[column], groups: shown.sorted { a, b in
                a.group.tickets != b.group.tickets ? a.group.tickets > b.group.tickets : a.value < b.value
            })
        }
        report.byMonth = byMonth.sorted { $0.key < $1.key }.map { (String($0.key.description.prefix(7)), $0.value) }
        report.escalations = escalations.map { (recipient: $0.key, count: $0.value) }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0.recipient < $1.recipient }
        report.kpiTarget = kpi?.target
        report.rejected = rejected
        report.tickets = tickets
        report.massIncidents = massIncidents()
        return report
    }

    /// Per key, in opening order: an incident forms when `count` tickets open within the window,
    /// and takes every ticket opened within the window from its first one.
    private func massIncidents() -> [SLAReport.MassIncident] {
        var found: [SLAReport.MassIncident] = []
        for (key, list) in massCandidates.sorted(by: { $0.key < $1.key }) {
            let sorted = list.enumerated().sorted { a, b in
                a.element.opened != b.element.opened ? a.element.opened < b.element.opened : a.offset < b.offset
            }.map(\.element)
            var start = 0
            var i = 0
            while i < sorted.count {
                let rule = sorted[start].rule
                while sorted[i].opened.utcSeconds - sorted[start].opened.utcSeconds > rule.windowSeconds { start += 1 }
                guard i - start + 1 >= rule.count else {
                    i += 1
                    continue
                }
                var end = i
                while end + 1 < sorted.count, sorted[end + 1].opened.utcSeconds - sorted[start].opened.utcSeconds <= rule.windowSeconds { end += 1 }
                let members = Array(sorted[start...end])
                // Shown in the calendar's zone: its tickets may come from several zones.
                let zone = members[0].calendar.zone
                let detected = sorted[i].opened.inZone(zone)
                found.append(SLAReport.MassIncident(
                    key: key, first: members[0].opened.inZone(zone), last: members[members.count - 1].opened.inZone(zone), detected: detected,
                    tickets: members.map(\.id), priority: rule.priority, sla: clock(of: members, detected: detected, rule: rule)))
                i = end + 1
                start = i
            }
        }
        return found.sorted { $0.detected != $1.detected ? $0.detected < $1.detected : $0.key < $1.key }
    }

    /// The mass incident's own clock: from its detection until every ticket in it is resolved
    /// (cancelled tickets aside), against the mass-incident target, on the SLA's calendar.
    private func clock(of members: [MassCandidate], detected: DateTimeValue, rule: MassIncidentRule) -> TicketSLA? {
        guard let target = rule.target, let first = members.first else { return nil }
        let live = members.filter { !$0.cancelled }
        var events = [StatusEvent(at: detected, triggers: .start)]
        if !live.isEmpty, live.allSatisfy({ $0.stopped != nil }), let resolved = live.compactMap(\.stopped).max() {
            events.append(StatusEvent(at: max(resolved, detected), triggers: .stop))
        }
        let inputs = SLATicketInputs(
            sla: first.sla, versionFrom: first.versionFrom, calendar: first.calendar, zone: first.calendar.zone,
            events: events, target: target, escalations: first.escalations, atRisk: first.atRisk, kpiTarget: nil,
            reportKeys: [], massKey: nil, massRule: nil)
        return try? SLATracker.track(inputs, asOf: asOf)
    }

    static func explain(_ error: CalendarError) -> (en: String, ru: String) {
        switch error {
        case .outOfRange(let date, let first, let last):
            return ("\(date) is outside the calendar's years (\(first)–\(last))", "\(date.russianText) вне лет календаря (\(first)–\(last))")
        case .overlappingHours(let weekday):
            return ("the calendar's working hours of weekday \(weekday) overlap", "рабочие часы календаря в день недели \(weekday) пересекаются")
        case .invalidDefinition(let text):
            return ("the calendar is invalid: \(text)", "календарь задан неверно: \(text)")
        }
    }
}
