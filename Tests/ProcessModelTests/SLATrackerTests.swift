import Foundation
import Testing

@testable import ProcessModel
@testable import RuleDSL

/// The SLA clock, ticket by ticket: start, pause and resume, stop, cancel, reset, targets in working
/// hours, working days and calendar hours, the ticket's own zone, at-risk and breached states,
/// escalations at a share and before the deadline, the version in force at the opening, and the
/// report over many tickets (merging parts, mass incidents, tickets that cannot be tracked).
@Suite struct SLATrackerTests {
    /// An office on Moscow time, Mon–Fri 09:00–18:00 with lunch 13:00–14:00 (8 working hours a day),
    /// New Year holidays 1–8 January 2025.
    static let rules = """
        calendar office "Офис" {
            years 2025..2025
            zone "Europe/Moscow"
            week mon..fri 09:00-18:00 break 13:00-14:00
            holiday 2025-01-01..2025-01-08
        }

        schema Ticket {
            id: string
            kind: string
            zone: string?
            history: string
        }

        table target "Нормативное время" on t: Ticket hit first
            effective 2025-01-01 until 2025-06-30
        {
            | t.kind     | => target: duration |
            | "outage"   | 4 work hours        |
            | "question" | 2 workdays          |
            | "letter"   | 30 hours            |
        }

        table target "Нормативное время" on t: Ticket hit first
            effective 2025-07-01
        {
            | t.kind     | => target: duration |
            | "outage"   | 2 work hours        |
            | "question" | 1 workday           |
            | "letter"   | 30 hours            |
        }

        sla desk "SLA" on t: Ticket {
            calendar office
            zone t.zone ?? "Europe/Moscow"
            history t.history
            start on "new"
            pause on "waiting"
            resume on "in_progress"
            stop on "resolved"
            cancel on "cancelled"
            reset on "reopened"
            target target
            escalate at 50% to "Дежурный инженер"
            escalate before 1 work hours to "Руководитель линии"
            escalate at 100% to "Руководитель службы " + t.kind
            kpi compliance target >= 90%
            report by t.kind
            mass incident when 3 within 30 minutes where t.kind == "outage" by t.kind priority "P0" target 2 hours
        }
        """

    static let ruleSet: CompiledRuleSet = {
        let result = RuleDSL.compile([SourceFile(id: 0, path: "desk.rules", text: rules)])
        precondition(result.errors.isEmpty, "the test rules do not compile: \(result.errors.map(\.code))")
        return result.ruleSet!
    }()

    static func ticket(_ history: String, kind: String = "outage", zone: String? = nil, id: String = "T") -> RecordValue {
        let schema = ruleSet.schema(named: "Ticket")!
        return RecordValue(schema: schema.index, slots: [.string(id), .string(kind), zone.map { .string($0) } ?? .missing, .string(history)])
    }

    static func moment(_ text: String) -> DateTimeValue { DateTimeValue(iso: text)! }

    static func inputs(_ history: String, kind: String = "outage", zone: String? = nil) throws -> SLATicketInputs {
        try ruleSet.slaInputs(ticket(history, kind: kind, zone: zone), sla: "desk").get()
    }

    static func track(_ history: String, kind: String = "outage", zone: String? = nil, asOf: String) throws -> TicketSLA {
        try SLATracker.track(inputs(history, kind: kind, zone: zone), asOf: moment(asOf))
    }

    static let hour: Int64 = 3600

    // MARK: - States

    @Test func onTrackCountsWorkingTimeAndSkipsLunch() throws {
        let t = try Self.track("new@2025-02-03T10:00:00+03:00", asOf: "2025-02-03T11:00:00+03:00")
        #expect(t.state == .onTrack)
        #expect(t.elapsed == Self.hour && t.target == 4 * Self.hour && t.remaining == 3 * Self.hour)
        #expect(t.working)
        #expect(t.share == ExactDecimal(significand: 25, scale: 2))
        // 10:00 + 4 working hours: 10–13 is three, lunch 13–14 does not count, 14–15 the fourth.
        #expect(t.due == Self.moment("2025-02-03T15:00:00+03:00"))
        #expect(t.escalationsDue.isEmpty)
        #expect(t.started == Self.moment("2025-02-03T10:00:00+03:00"))
    }

    @Test func atRiskFromThreeQuartersWithTheEscalationsDueByThen() throws {
        // 10–13 and 14–14:30: 3.5 of 4 working hours, 0.875 of the target.
        let t = try Self.track("new@2025-02-03T10:00:00+03:00", asOf: "2025-02-03T14:30:00+03:00")
        #expect(t.state == .atRisk)
        #expect(t.elapsed == 3 * Self.hour + 1800)
        #expect(t.escalationsDue.map(\.recipient) == ["Дежурный инженер", "Руководитель линии"])
        // Lunch does not count: at 13:30 the clock still shows 3 hours.
        let lunch = try Self.track("new@2025-02-03T10:00:00+03:00", asOf: "2025-02-03T13:30:00+03:00")
        #expect(lunch.elapsed == 3 * Self.hour)
        #expect(lunch.escalationsDue.map(\.recipient) == ["Дежурный инженер", "Руководитель линии"])
    }

    @Test func breachedPastTheDeadlineEscalatesToEveryRung() throws {
        let t = try Self.track("new@2025-02-03T10:00:00+03:00", asOf: "2025-02-03T16:00:00+03:00")
        #expect(t.state == .breached)
        #expect(t.elapsed == 5 * Self.hour && t.remaining == -Self.hour)
        #expect(t.due == Self.moment("2025-02-03T15:00:00+03:00"))
        #expect(t.escalationsDue.map(\.recipient) == ["Дежурный инженер", "Руководитель линии", "Руководитель службы outage"])
    }

    @Test func metAndMissedWhenStopped() throws {
        let met = try Self.track("new@2025-02-03T10:00:00+03:00;resolved@2025-02-03T12:00:00+03:00", asOf: "2025-02-10T00:00:00+03:00")
        #expect(met.state == .met)
        #expect(met.elapsed == 2 * Self.hour)
        #expect(met.stopped == Self.moment("2025-02-03T12:00:00+03:00"))
        #expect(met.due == nil && met.escalationsDue.isEmpty)
        // Resolved the next morning: 10–18 less lunch is 7 hours, then 09–10: 8 working hours.
        let missed = try Self.track("new@2025-02-03T10:00:00+03:00;resolved@2025-02-04T10:00:00+03:00", asOf: "2025-02-10T00:00:00+03:00")
        #expect(missed.state == .missed)
        #expect(missed.elapsed == 8 * Self.hour)
        // Stopped exactly at the deadline is met.
        let onTheDot = try Self.track("new@2025-02-03T10:00:00+03:00;resolved@2025-02-03T15:00:00+03:00", asOf: "2025-02-10T00:00:00+03:00")
        #expect(onTheDot.state == .met)
    }

    @Test func pauseStopsTheClockAndResumeMovesTheDeadline() throws {
        let history = "new@2025-02-03T10:00:00+03:00;waiting@2025-02-03T11:00:00+03:00;in_progress@2025-02-03T15:00:00+03:00"
        let paused = try Self.track(history, asOf: "2025-02-03T12:00:00+03:00")
        #expect(paused.paused && paused.state == .onTrack)
        #expect(paused.elapsed == Self.hour)
        #expect(paused.due == nil)
        let resumed = try Self.track(history, asOf: "2025-02-03T16:00:00+03:00")
        #expect(!resumed.paused)
        #expect(resumed.elapsed == 2 * Self.hour)
        // Three working hours were left at 15:00: 15–18.
        #expect(resumed.due == Self.moment("2025-02-03T18:00:00+03:00"))
        // A status that is not `resume on` does not restart a paused clock.
        let other = try Self.track("new@2025-02-03T10:00:00+03:00;waiting@2025-02-03T11:00:00+03:00;assigned@2025-02-03T12:00:00+03:00",
                                   asOf: "2025-02-03T16:00:00+03:00")
        #expect(other.paused && other.elapsed == Self.hour)
    }

    @Test func resetRestartsTheClockFromZero() throws {
        let history = "new@2025-02-03T10:00:00+03:00;resolved@2025-02-03T11:00:00+03:00;reopened@2025-02-04T10:00:00+03:00"
        let t = try Self.track(history, asOf: "2025-02-04T11:30:00+03:00")
        #expect(t.state == .onTrack)
        #expect(t.started == Self.moment("2025-02-04T10:00:00+03:00"))
        #expect(t.stopped == nil)
        #expect(t.elapsed == Self.hour + 1800)
        #expect(t.due == Self.moment("2025-02-04T15:00:00+03:00"))
    }

    @Test func cancelWithdrawsTheTicket() throws {
        let t = try Self.track("new@2025-02-03T10:00:00+03:00;cancelled@2025-02-03T11:00:00+03:00", asOf: "2025-02-05T11:00:00+03:00")
        #expect(t.state == .cancelled)
        #expect(t.escalationsDue.isEmpty)
        // Before the cancellation the clock ran normally.
        #expect(try Self.track("new@2025-02-03T10:00:00+03:00;cancelled@2025-02-03T11:00:00+03:00", asOf: "2025-02-03T10:30:00+03:00").state == .onTrack)
    }

    @Test func notStartedUntilAStartStatus() throws {
        let t = try Self.track("created@2025-02-03T10:00:00+03:00", asOf: "2025-02-05T11:00:00+03:00")
        #expect(t.state == .notStarted && t.started == nil && t.elapsed == 0)
        // Changes after the report's moment are not seen yet.
        #expect(try Self.track("new@2025-02-03T10:00:00+03:00", asOf: "2025-02-03T09:00:00+03:00").state == .notStarted)
    }

    // MARK: - Calendars, units and zones

    @Test func aStartOutsideWorkingHoursCountsFromTheNextWorkingMoment() throws {
        // Saturday noon: the clock starts Monday 09:00, and 4 working hours end as lunch begins.
        let t = try Self.track("new@2025-02-01T12:00:00+03:00", asOf: "2025-02-03T10:00:00+03:00")
        #expect(t.elapsed == Self.hour)
        #expect(t.due == Self.moment("2025-02-03T13:00:00+03:00"))
        // In the holidays: 8 January 2025 is a day off, the clock starts on the 9th.
        let holiday = try Self.track("new@2025-01-08T10:00:00+03:00", asOf: "2025-01-09T09:30:00+03:00")
        #expect(holiday.elapsed == 1800)
    }

    @Test func workingDayTargetsEndAtTheSameTimeOfDay() throws {
        // Two working days from Friday 10:00 end on Tuesday 10:00 (the weekend does not count).
        let t = try Self.track("new@2025-02-07T10:00:00+03:00", kind: "question", asOf: "2025-02-07T11:00:00+03:00")
        #expect(t.target == 16 * Self.hour)
        #expect(t.due == Self.moment("2025-02-11T10:00:00+03:00"))
    }

    @Test func calendarHourTargetsCountEveryHour() throws {
        let t = try Self.track("new@2025-02-07T10:00:00+03:00", kind: "letter", asOf: "2025-02-08T10:00:00+03:00")
        #expect(!t.working)
        #expect(t.elapsed == 24 * Self.hour)
        #expect(t.due == Self.moment("2025-02-08T16:00:00+03:00"))
        #expect(t.state == .atRisk)
    }

    @Test func theTicketsZoneDecidesItsWorkingHours() throws {
        // 10:00 in Yekaterinburg is 08:00 in Moscow: working there, not yet in Moscow.
        let local = try Self.track("new@2025-02-03T10:00:00+05:00", zone: "Asia/Yekaterinburg", asOf: "2025-02-03T11:00:00+05:00")
        #expect(local.elapsed == Self.hour)
        #expect(local.due == Self.moment("2025-02-03T15:00:00+05:00"))
        let moscow = try Self.track("new@2025-02-03T10:00:00+05:00", asOf: "2025-02-03T11:00:00+05:00")
        #expect(moscow.elapsed == 0)
        #expect(moscow.due == Self.moment("2025-02-03T13:00:00+03:00"))
    }

    @Test func aTicketKeepsTheRulesInForceWhenItWasOpened() throws {
        let june = try Self.inputs("new@2025-06-30T10:00:00+03:00")
        #expect(june.target == .workSeconds(4 * Self.hour))
        let july = try Self.inputs("new@2025-07-01T10:00:00+03:00")
        #expect(july.target == .workSeconds(2 * Self.hour))
        #expect(try Self.inputs("new@2025-07-01T10:00:00+03:00", kind: "question").target == .workdays(1))
    }

    // MARK: - Bad input

    @Test func ticketsThatCannotBeTrackedSayWhy() throws {
        func problem(_ history: String, kind: String = "outage", zone: String? = nil) -> String? {
            if case .failure(let p) = Self.ruleSet.slaInputs(Self.ticket(history, kind: kind, zone: zone), sla: "desk") { return p.en }
            return nil
        }
        #expect(problem("new@2025-02-03T10:00:00")?.contains("has no time zone") == true)
        #expect(problem("new at noon") == "history item ‘new at noon’ is not status@moment")
        #expect(problem("new@yesterday") == "history moment ‘yesterday’ is not a date-time")
        #expect(problem("") == "the ticket has no status history")
        #expect(problem("new@2025-02-03T10:00:00+03:00", zone: "Mars/Olympus") == "unknown time zone ‘Mars/Olympus’")
        #expect(problem("new@2025-02-03T10:00:00+03:00", kind: "fax")?.contains("no target") == true)
        #expect(problem("new@2025-12-31T17:00:00+03:00", kind: "question") == nil)
        #expect(problem("new@2024-12-30T10:00:00+03:00")?.contains("no target") == true)
        // A moment outside the calendar's years is reported by the report builder, with the years.
        var builder = SLAReportBuilder(asOf: Self.moment("2026-03-01T00:00:00+03:00"), keys: SLAEvaluator(Self.ruleSet, sla: "desk")!.reportKeys)
        builder.add(id: "old", Self.ruleSet.slaInputs(Self.ticket("new@2025-12-31T17:00:00+03:00", kind: "question"), sla: "desk"))
        builder.add(id: "ok", Self.ruleSet.slaInputs(Self.ticket("new@2025-02-03T10:00:00+03:00;resolved@2025-02-03T11:00:00+03:00"), sla: "desk"))
        let report = builder.finish()
        #expect(report.total == 1)
        #expect(report.rejected.map(\.ticket) == ["old"])
        #expect(report.rejected.first?.en == "2026-01-01 is outside the calendar's years (2025–2025)")
        #expect(report.rejected.first?.ru == "01.01.2026 вне лет календаря (2025–2025)")
    }

    // MARK: - The report

    static func report(_ tickets: [(String, String, String)], asOf: String, parts: Int) -> SLAReport {
        let keys = SLAEvaluator(ruleSet, sla: "desk")!.reportKeys
        var builders: [SLAReportBuilder] = []
        let size = (tickets.count + parts - 1) / parts
        for start in stride(from: 0, to: tickets.count, by: size) {
            var evaluator = SLAEvaluator(ruleSet, sla: "desk")!
            var builder = SLAReportBuilder(asOf: moment(asOf), keys: keys, keepTickets: 3)
            for (id, kind, history) in tickets[start..<min(start + size, tickets.count)] {
                builder.add(id: id, evaluator.inputs(ticket(history, kind: kind, id: id)))
            }
            builders.append(builder)
        }
        var whole = builders[0]
        for later in builders.dropFirst() { whole.merge(later) }
        return whole.finish()
    }

    static let log: [(String, String, String)] = [
        ("A", "outage", "new@2025-02-03T10:00:00+03:00;resolved@2025-02-03T11:00:00+03:00"),
        ("B", "outage", "new@2025-02-03T10:10:00+03:00;resolved@2025-02-03T11:30:00+03:00"),
        ("C", "question", "new@2025-02-03T10:15:00+03:00;resolved@2025-02-07T10:00:00+03:00"),
        ("D", "outage", "new@2025-02-03T10:20:00+03:00;resolved@2025-02-03T12:45:00+03:00"),
        ("E", "outage", "new@2025-03-03T10:00:00+03:00"),
        ("F", "letter", "new@2025-03-03T10:00:00+03:00;cancelled@2025-03-03T11:00:00+03:00"),
        ("G", "outage", "new@2025-03-04T10:00:00+03:00;resolved@2025-03-05T10:00:00+03:00"),
    ]

    @Test func theReportCountsByKeyMonthAndState() throws {
        let r = Self.report(Self.log, asOf: "2025-03-04T12:00:00+03:00", parts: 1)
        #expect(r.total == 7)
        #expect(r.states == [.met: 3, .missed: 1, .breached: 1, .onTrack: 1, .cancelled: 1])
        // Decided: A, B, D met; C missed (2 working days); E breached. G is open, F cancelled.
        #expect(r.overall.met == 3 && r.overall.missed == 1 && r.overall.breached == 1 && r.overall.open == 1 && r.overall.cancelled == 1)
        #expect(r.overall.compliance == ExactDecimal(significand: 6, scale: 1))
        #expect(r.kpiTarget == ExactDecimal(significand: 90, scale: 2))
        #expect(r.byKey.map(\.label) == ["t.kind"])
        #expect(r.byKey[0].groups.map(\.value) == ["outage", "letter", "question"])
        #expect(r.byMonth.map(\.month) == ["2025-02", "2025-03"])
        #expect(r.byMonth[0].group.tickets == 4)
        #expect(r.tickets.map(\.id) == ["A", "B", "C"])
        // E (breached) and G (at 2 of 4 working hours) are due escalations.
        #expect(r.escalations.map(\.recipient) == ["Дежурный инженер", "Руководитель линии", "Руководитель службы outage"])
        #expect(r.escalations.map(\.count) == [2, 1, 1])
    }

    @Test func mergingPartsGivesTheReportOfTheWhole() throws {
        let whole = Self.report(Self.log, asOf: "2025-03-04T12:00:00+03:00", parts: 1)
        for parts in [2, 3, 7] {
            let merged = Self.report(Self.log, asOf: "2025-03-04T12:00:00+03:00", parts: parts)
            #expect(merged.total == whole.total && merged.states == whole.states && merged.overall == whole.overall)
            #expect(merged.byKey[0].groups.map(\.value) == whole.byKey[0].groups.map(\.value))
            #expect(merged.byKey[0].groups.map(\.group) == whole.byKey[0].groups.map(\.group))
            #expect(merged.byMonth.map(\.group) == whole.byMonth.map(\.group))
            #expect(merged.escalations.map(\.count) == whole.escalations.map(\.count))
            #expect(merged.tickets.map(\.id) == whole.tickets.map(\.id))
            #expect(merged.massIncidents.map(\.tickets) == whole.massIncidents.map(\.tickets))
        }
    }

    @Test func similarTicketsWithinTheWindowBecomeOneMassIncidentWithItsOwnClock() throws {
        let r = Self.report(Self.log, asOf: "2025-03-04T12:00:00+03:00", parts: 2)
        // A, B and D are outages opened within 30 minutes; C is a question (not eligible).
        #expect(r.massIncidents.count == 1)
        let m = try #require(r.massIncidents.first)
        #expect(m.tickets == ["A", "B", "D"])
        #expect(m.key == "outage")
        #expect(m.priority == "P0")
        #expect(m.first == Self.moment("2025-02-03T10:00:00+03:00"))
        #expect(m.detected == Self.moment("2025-02-03T10:20:00+03:00"))
        // From detection (10:20) to the last resolution (12:45): 2 h 25 min against 2 calendar hours.
        let clock = try #require(m.sla)
        #expect(clock.state == .missed)
        #expect(clock.elapsed == 2 * Self.hour + 25 * 60)
        #expect(!clock.working)
        // Two outages are not enough.
        let pair = Self.report(Array(Self.log.prefix(2)), asOf: "2025-03-04T12:00:00+03:00", parts: 1)
        #expect(pair.massIncidents.isEmpty)
        // While a member is open, the mass incident is open too.
        let open = Self.report(Self.log.prefix(3) + [("D", "outage", "new@2025-02-03T10:20:00+03:00")], asOf: "2025-02-03T11:00:00+03:00", parts: 1)
        #expect(open.massIncidents.first?.sla?.state == .onTrack)
        #expect(open.massIncidents.first?.sla?.due == Self.moment("2025-02-03T12:20:00+03:00"))
    }
}
