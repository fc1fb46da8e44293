/// What an SLA needs to track one ticket, computed by the rules in force when it was opened:
/// the calendar and zone, the status history, the target, the escalation ladder, report keys.
/// The clock itself (elapsed, due, state, escalations due) is ProcessModel's `SLATracker`.
public struct SLATicketInputs: Sendable {
    public let sla: String
    /// First day of the SLA version used (nil: the only version, unbounded).
    public let versionFrom: CivilDate?
    public let calendar: BusinessCalendar
    public let zone: ZoneRules
    /// Status changes, in time order.
    public let events: [StatusEvent]
    public let statuses: [SLAEvent: Set<String>]
    public let target: SLATarget
    public let escalations: [EscalationLevel]
    /// Elapsed share from which an open ticket is "at risk" (0.75 by default).
    public let atRisk: ExactDecimal
    public let kpiTarget: ExactDecimal?
    /// Report keys, formatted ("incident", "77", …), with their expressions as written.
    public let reportKeys: [(label: String, value: String)]
    public let massKey: String?
    public let massRule: (count: Int, windowSeconds: Int64, priority: String?)?
}

/// One status change.
public struct StatusEvent: Sendable, Hashable {
    public let at: DateTimeValue
    public let status: String
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
    /// opening (its first status change) and the rules as of that day.
    public func slaInputs(_ ticket: RecordValue, sla name: String, language: MessageLanguage = .en) -> Result<SLATicketInputs, SLAInputProblem> {
        guard let sla = slas.first(where: { $0.name == name }) else {
            return .failure(SLAInputProblem(en: "no SLA ‘\(name)’", ru: "нет SLA «\(name)»"))
        }
        // The history first: it gives the opening moment, which picks the version.
        guard let anyVersion = sla.versions.first else { return .failure(SLAInputProblem(en: "the SLA has no version", ru: "у SLA нет версий")) }
        var probe = Frame(subject: ticket, layout: layout, localSlots: program.localSlots, asOf: CivilDate(daysSinceEpoch: 0),
                          budget: Self.defaultCostLimit, scratchSlots: program.tableColumns, registers: registers)
        let defaultZone = anyVersion.calendar?.zone ?? .utc
        let events: [StatusEvent]
        switch Self.parseHistory(anyVersion.history(&probe), defaultZone: defaultZone) {
        case .failure(let problem): return .failure(problem)
        case .success(let e): events = e
        }
        guard let opened = events.first else {
            return .failure(SLAInputProblem(en: "the ticket has no status history", ru: "у заявки нет истории статусов"))
        }
        let openedDay = opened.at.localDate
        guard let version = sla.versions.last(where: { v in
            (v.from.map { openedDay >= $0 } ?? true) && (v.until.map { openedDay <= $0 } ?? true)
        }) else {
            return .failure(SLAInputProblem(en: "no version of SLA ‘\(name)’ was in force on \(openedDay) (the ticket's opening)",
                                            ru: "на \(openedDay.russianText) (открытие заявки) не действовала ни одна версия SLA «\(name)»"))
        }
        guard let calendar = version.calendar else {
            return .failure(SLAInputProblem(en: "the SLA's calendar has errors", ru: "в календаре SLA есть ошибки"))
        }
        // The ticket's rules as of the opening day: targets from tables in force then.
        let evaluation = evaluate(ticket, asOf: openedDay)
        var f = evaluation.frame
        var zone = calendar.zone
        if let zoneCode = version.zone {
            switch zoneCode(&f) {
            case .string(let z):
                guard let rules = ZoneRules.named(z) else {
                    return .failure(SLAInputProblem(en: "unknown time zone ‘\(z)’", ru: "неизвестный часовой пояс «\(z)»"))
                }
                zone = rules
            case .missing: break
            default: return .failure(SLAInputProblem(en: "the zone is not a string", ru: "часовой пояс — не строка"))
            }
        }
        let target: SLATarget
        switch version.target(&f) {
        case .duration(let d):
            guard d.months == 0 else {
                return .failure(SLAInputProblem(en: "an SLA target in months is not a fixed span; use days or hours",
                                                ru: "цель SLA в месяцах не фиксирована; задайте дни или часы"))
            }
            target = .calendarSeconds(Int64(d.days) * 86_400 + d.seconds)
        case .workDuration(let w):
            target = w.days != 0 ? .workdays(Int(w.days)) : .workSeconds(w.seconds)
        case .missing:
            let why = f.failure?.message(in: .en) ?? "no target for this ticket (check the target table's rows)"
            let whyRu = f.failure?.message(in: .ru) ?? "для заявки нет цели (проверьте строки таблицы целей)"
            return .failure(SLAInputProblem(en: why, ru: whyRu))
        default:
            return .failure(SLAInputProblem(en: "the target is not a duration", ru: "цель — не длительность"))
        }
        let formatter = ValueFormatter(language: language, enums: program.enums, schemas: program.schemas)
        var ladder: [EscalationLevel] = []
        for e in version.escalations {
            let recipient = formatter.format(e.recipient(&f), as: e.recipientType)
            if let p = e.percent, let share = p(&f).number {
                ladder.append(EscalationLevel(trigger: .share(share), recipient: recipient, label: e.text))
            } else if let b = e.before {
                switch b(&f) {
                case .duration(let d): ladder.append(EscalationLevel(trigger: .beforeSeconds(Int64(d.days) * 86_400 + d.seconds, working: false),
                                                                     recipient: recipient, label: e.text))
                case .workDuration(let w): ladder.append(EscalationLevel(trigger: .beforeSeconds(w.seconds + Int64(w.days) * 8 * 3600, working: true),
                                                                         recipient: recipient, label: e.text))
                default: break
                }
            }
        }
        let atRisk = version.atRisk.flatMap { $0(&f).number } ?? ExactDecimal(significand: 75, scale: 2)
        let kpi = version.kpiTarget.flatMap { $0(&f).number }
        let keys = version.reportKeys.map { ($0.text, formatter.format($0.code(&f), as: $0.type)) }
        var massKey: String?
        var massRule: (count: Int, windowSeconds: Int64, priority: String?)?
        if let m = version.mass, case .int(let count) = m.count(&f) {
            var window: Int64 = 0
            switch m.window(&f) {
            case .duration(let d): window = Int64(d.days) * 86_400 + d.seconds
            case .workDuration(let w): window = w.seconds + Int64(w.days) * 86_400
            default: break
            }
            massKey = m.keys.map { formatter.format($0.0(&f), as: $0.1) }.joined(separator: " · ")
            massRule = (Int(count), window, m.priority.map { formatter.format($0(&f), as: m.priorityType) })
        }
        return .success(SLATicketInputs(
            sla: name, versionFrom: version.from, calendar: calendar, zone: zone, events: events, statuses: version.statuses,
            target: target, escalations: ladder, atRisk: atRisk, kpiTarget: kpi, reportKeys: keys, massKey: massKey, massRule: massRule))
    }

    /// A history: "status@2023-03-01T10:00:00+03:00;status@…" or a list of records with `at` and `status`.
    static func parseHistory(_ value: Value, defaultZone: ZoneRules) -> Result<[StatusEvent], SLAInputProblem> {
        var events: [StatusEvent] = []
        switch value {
        case .string(let text):
            // "status@moment;status@moment", split over UTF-8 bytes.
            let bytes = Array(text.utf8)
            var itemStart = 0
            while itemStart < bytes.count {
                var itemEnd = itemStart
                while itemEnd < bytes.count, bytes[itemEnd] != UInt8(ascii: ";") { itemEnd += 1 }
                defer { itemStart = itemEnd + 1 }
                var at = itemEnd - 1
                while at >= itemStart, bytes[at] != UInt8(ascii: "@") { at -= 1 }
                let item = String(decoding: bytes[itemStart..<itemEnd], as: UTF8.self)
                if item.allSatisfy({ $0 == " " }) { continue }
                guard at >= itemStart else {
                    return .failure(SLAInputProblem(en: "history item ‘\(item)’ is not status@moment", ru: "элемент истории «\(item)» — не статус@момент"))
                }
                let status = String(decoding: bytes[itemStart..<at], as: UTF8.self).trimmingSpaces
                let moment = String(decoding: bytes[(at + 1)..<itemEnd], as: UTF8.self).trimmingSpaces
                guard let time = DateTimeValue(iso: moment) else {
                    if DateTimeValue(iso: moment, defaultZone: defaultZone) != nil {
                        return .failure(SLAInputProblem(en: "history moment ‘\(moment)’ has no time zone; add +03:00 or [Europe/Moscow]",
                                                        ru: "у момента истории «\(moment)» нет часового пояса; добавьте +03:00 или [Europe/Moscow]"))
                    }
                    return .failure(SLAInputProblem(en: "history moment ‘\(moment)’ is not a date-time", ru: "момент истории «\(moment)» — не дата-время"))
                }
                events.append(StatusEvent(at: time, status: status))
            }
        case .list(let items):
            for item in items {
                guard case .record(let r) = item else { continue }
                var at: DateTimeValue?
                var status: String?
                for v in r.slots {
                    if case .datetime(let t) = v, at == nil { at = t }
                    if case .string(let s) = v, status == nil { status = s }
                }
                guard let at, let status else { continue }
                events.append(StatusEvent(at: at, status: status))
            }
        case .missing:
            return .failure(SLAInputProblem(en: "the ticket has no status history", ru: "у заявки нет истории статусов"))
        default:
            return .failure(SLAInputProblem(en: "the history is neither text nor a list", ru: "история — не текст и не список"))
        }
        events.sort { $0.at < $1.at }
        return .success(events)
    }
}
