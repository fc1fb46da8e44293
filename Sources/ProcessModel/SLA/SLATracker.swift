public import RuleDSL

/// The state of one ticket under its SLA as of a moment.
public enum SLAState: String, Sendable, CaseIterable {
    case notStarted = "not_started", onTrack = "on_track", atRisk = "at_risk", breached, met, missed, cancelled
}

/// One ticket's SLA, as of a moment: the clock (elapsed and remaining time in the SLA's units),
/// the deadline, the state and the escalations due.
public struct TicketSLA: Sendable {
    public let state: SLAState
    public let paused: Bool
    public let started: DateTimeValue?
    public let stopped: DateTimeValue?
    /// The deadline (nil before the start, while paused, and after the stop).
    public let due: DateTimeValue?
    /// Working seconds (working targets) or seconds (calendar targets).
    public let elapsed: Int64
    public let target: Int64
    public let working: Bool
    public let escalationsDue: [EscalationLevel]

    /// Elapsed share of the target (0.5 = half the time used).
    public var share: ExactDecimal {
        guard target > 0 else { return .zero }
        return (try? ExactDecimal(elapsed).divided(by: ExactDecimal(target)).rounded(scale: 4, mode: .halfEven)) ?? .zero
    }
    public var remaining: Int64 { target - elapsed }
}

/// Runs an SLA clock over a ticket's status history (ServiceNow-style: start, pause, resume, stop,
/// cancel, reset), in working time on the calendar in the ticket's zone, or in calendar time.
public enum SLATracker {
    public static func track(_ inputs: SLATicketInputs, asOf: DateTimeValue) throws(CalendarError) -> TicketSLA {
        let calendar = inputs.calendar
        let zone = inputs.zone
        let working: Bool
        switch inputs.target {
        case .calendarSeconds: working = false
        default: working = true
        }
        func measure(_ a: DateTimeValue, _ b: DateTimeValue) throws(CalendarError) -> Int64 {
            guard b > a else { return 0 }
            return working ? try calendar.workSeconds(from: a, to: b, zone: zone) : b.utcSeconds - a.utcSeconds
        }
        func advance(_ from: DateTimeValue, by seconds: Int64) throws(CalendarError) -> DateTimeValue {
            if working { return try calendar.addWorkSeconds(seconds, to: from, zone: zone) }
            return from.adding(seconds: seconds) ?? from
        }
        var started: DateTimeValue?
        var runningSince: DateTimeValue?
        var stopped: DateTimeValue?
        var elapsed: Int64 = 0
        var budget: Int64 = 0
        var cancelled = false
        func begin(_ at: DateTimeValue) throws(CalendarError) {
            started = at
            runningSince = at
            stopped = nil
            elapsed = 0
            switch inputs.target {
            case .calendarSeconds(let s), .workSeconds(let s): budget = s
            case .workdays(let n):
                // N working days: the same time of day N working days later, as working time from the start.
                let due = try calendar.addWorkdays(n, to: at, zone: zone)
                budget = try calendar.workSeconds(from: at, to: due, zone: zone)
            }
        }
        for event in inputs.events where event.at <= asOf {
            let triggers = event.triggers
            if triggers.contains(.cancel) {
                cancelled = true
                break
            }
            if triggers.contains(.reset) {
                try begin(event.at)
                continue
            }
            guard started != nil else {
                if triggers.contains(.start) { try begin(event.at) }
                continue
            }
            if stopped != nil { continue }
            if triggers.contains(.stop) {
                if let r = runningSince { elapsed += try measure(r, event.at) }
                runningSince = nil
                stopped = event.at
            } else if triggers.contains(.pause) {
                if let r = runningSince { elapsed += try measure(r, event.at) }
                runningSince = nil
            } else if runningSince == nil, triggers.contains(.resume) {
                runningSince = event.at
            }
        }
        var sinceResume: Int64 = 0
        if let r = runningSince, stopped == nil, !cancelled {
            sinceResume = try measure(r, asOf)
            elapsed += sinceResume
        }
        let state: SLAState
        var due: DateTimeValue?
        if cancelled {
            state = .cancelled
        } else if started == nil {
            state = .notStarted
        } else if stopped != nil {
            state = elapsed <= budget ? .met : .missed
        } else {
            if let r = runningSince { due = try advance(r, by: budget - (elapsed - sinceResume)) }
            if elapsed > budget {
                state = .breached
            } else if budget > 0, let share = try? ExactDecimal(elapsed).divided(by: ExactDecimal(budget)), share >= inputs.atRisk {
                state = .atRisk
            } else {
                state = .onTrack
            }
        }
        var escalations: [EscalationLevel] = []
        if state == .onTrack || state == .atRisk || state == .breached {
            let share = budget > 0 ? ((try? ExactDecimal(elapsed).divided(by: ExactDecimal(budget))) ?? .zero) : .one
            for level in inputs.escalations {
                switch level.trigger {
                case .share(let s): if share >= s { escalations.append(level) }
                case .beforeSeconds(let s, _): if budget - elapsed <= s { escalations.append(level) }
                }
            }
        }
        return TicketSLA(state: state, paused: started != nil && stopped == nil && runningSince == nil && !cancelled, started: started,
                         stopped: stopped, due: due, elapsed: elapsed, target: budget, working: working, escalationsDue: escalations)
    }
}
