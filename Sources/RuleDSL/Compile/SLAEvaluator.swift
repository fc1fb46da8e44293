/// Computes what an SLA needs to track each ticket (`SLATicketInputs`), reusing one frame and
/// running only the rules the SLA's clauses read — a ticket log has hundreds of thousands of
/// tickets, and a rule set may hold many rules about other things. Its working memory is its own
/// and is reused: make one per thread and never copy one (copies would share that memory).
public struct SLAEvaluator {
    let ruleSet: CompiledRuleSet
    let sla: CompiledSLA
    public let name: String
    let formatter: ValueFormatter
    /// Steps to run per version and plan (the rules read and their dependencies, in dependency order).
    let steps: [[[Step]]]
    /// Rules read but not in force under a plan: cleared so that no earlier ticket's result shows through.
    let inactive: [[[Int]]]
    /// Report columns, and each version's key → column.
    public let reportKeys: SLAReportKeys
    let keyColumns: [[Int]]
    var frame: Frame
    /// Zones by name, as tickets give them (a handful of names over a whole log).
    var zones: [(name: String, rules: ZoneRules)] = []
    var changes: [StatusHistory.Change] = []
    var listNames: [UInt8] = []

    /// An evaluator for SLA `name`, or nil when the rules declare no such SLA.
    public init?(_ ruleSet: CompiledRuleSet, sla name: String, language: MessageLanguage = .en) {
        guard let sla = ruleSet.slas.first(where: { $0.name == name }) else { return nil }
        self.ruleSet = ruleSet
        self.sla = sla
        self.name = name
        self.formatter = ValueFormatter(language: language, enums: ruleSet.program.enums, schemas: ruleSet.program.schemas)
        var steps: [[[Step]]] = []
        var inactive: [[[Int]]] = []
        for version in sla.versions {
            var perPlan: [[Step]] = []
            var clearedPerPlan: [[Int]] = []
            for plan in ruleSet.plans {
                var needed = version.reads
                for rule in version.reads { needed.formUnion(plan.dependencyClosure[rule]) }
                let schemaSteps = sla.schema.flatMap { plan.steps[$0] } ?? plan.constants
                let chosen = schemaSteps.filter { needed.contains($0.rule) }
                let running = Set(chosen.map(\.rule))
                perPlan.append(chosen)
                clearedPerPlan.append(needed.subtracting(running).sorted())
            }
            steps.append(perPlan)
            inactive.append(clearedPerPlan)
        }
        self.steps = steps
        self.inactive = inactive
        var labels: [String] = []
        var types: [RType] = []
        var keyColumns: [[Int]] = []
        for version in sla.versions {
            keyColumns.append(version.reportKeys.map { key in
                if let existing = labels.firstIndex(of: key.text) { return existing }
                labels.append(key.text)
                types.append(key.type)
                return labels.count - 1
            })
        }
        self.reportKeys = SLAReportKeys(labels: labels, types: types, formatter: formatter)
        self.keyColumns = keyColumns
        let empty = RecordValue(schema: sla.schema ?? 0, slots: [])
        self.frame = Frame(subject: empty, layout: ruleSet.layout, localSlots: ruleSet.program.localSlots,
                           asOf: CivilDate(daysSinceEpoch: 0), budget: CompiledRuleSet.defaultCostLimit,
                           scratchSlots: ruleSet.program.tableColumns, registers: ruleSet.registers)
    }

    /// The inputs for tracking `ticket`: the SLA version in force on the ticket's opening (its
    /// earliest status change) and the rules as of that day; or why the ticket cannot be tracked.
    public mutating func inputs(_ ticket: RecordValue) -> Result<SLATicketInputs, SLAInputProblem> {
        guard let anyVersion = sla.versions.first else {
            return .failure(SLAInputProblem(en: "the SLA has no version", ru: "у SLA нет версий"))
        }
        frame.reset(subject: ticket, asOf: CivilDate(daysSinceEpoch: 0), budget: CompiledRuleSet.defaultCostLimit)
        let history = anyVersion.history(&frame)
        let defaultZone = anyVersion.calendar?.zone ?? .utc
        switch history {
        case .string(var text):
            if let result = text.withUTF8({ bytes in inputs(ticket, history: bytes, defaultZone: defaultZone) }) { return result }
            return .failure(SLAInputProblem(en: "the ticket has no status history", ru: "у заявки нет истории статусов"))
        case .list(let items):
            changes.removeAll(keepingCapacity: true)
            listNames.removeAll(keepingCapacity: true)
            for item in items {
                guard case .record(let r) = item else { continue }
                let info = ruleSet.program.schemas[Int(r.schema)]
                guard let atSlot = info.slot(of: "at"), let statusSlot = info.slot(of: "status"),
                      case .datetime(let at) = r.slots[atSlot], case .string(let status) = r.slots[statusSlot] else { continue }
                let start = listNames.count
                listNames.append(contentsOf: status.utf8)
                changes.append(StatusHistory.Change(at: at, name: start..<listNames.count))
            }
            let names = listNames
            return names.withUnsafeBufferPointer { bytes in
                track(ticket, names: bytes) ?? .failure(SLAInputProblem(en: "the ticket has no status history", ru: "у заявки нет истории статусов"))
            }
        case .missing:
            return .failure(SLAInputProblem(en: "the ticket has no status history", ru: "у заявки нет истории статусов"))
        default:
            return .failure(SLAInputProblem(en: "the history is neither text nor a list", ru: "история — не текст и не список"))
        }
    }

    private mutating func inputs(_ ticket: RecordValue, history: UnsafeBufferPointer<UInt8>, defaultZone: ZoneRules) -> Result<SLATicketInputs, SLAInputProblem>? {
        if let problem = StatusHistory.parse(history, defaultZone: defaultZone, into: &changes) { return .failure(problem) }
        return track(ticket, names: history)
    }

    /// Picks the version by the opening, maps statuses to triggers, evaluates the clauses. Nil: no changes.
    private mutating func track(_ ticket: RecordValue, names: UnsafeBufferPointer<UInt8>) -> Result<SLATicketInputs, SLAInputProblem>? {
        StatusHistory.sortedByTime(&changes)
        guard let opened = changes.first?.at else { return nil }
        let openedDay = opened.localDate
        guard let versionIndex = sla.versions.lastIndex(where: { v in
            (v.from.map { openedDay >= $0 } ?? true) && (v.until.map { openedDay <= $0 } ?? true)
        }) else {
            return .failure(SLAInputProblem(en: "no version of SLA ‘\(name)’ was in force on \(openedDay) (the ticket's opening)",
                                            ru: "на \(openedDay.russianText) (открытие заявки) не действовала ни одна версия SLA «\(name)»"))
        }
        let version = sla.versions[versionIndex]
        guard let calendar = version.calendar else {
            return .failure(SLAInputProblem(en: "the SLA's calendar has errors", ru: "в календаре SLA есть ошибки"))
        }
        var events: [StatusEvent] = []
        events.reserveCapacity(changes.count)
        for change in changes {
            events.append(StatusEvent(at: change.at, triggers: version.statuses.triggers(of: UnsafeBufferPointer(rebasing: names[change.name]))))
        }
        // The ticket's rules as of the opening day: targets from tables in force then.
        let plan = ruleSet.planIndex(for: openedDay)
        frame.reset(subject: ticket, asOf: openedDay, budget: CompiledRuleSet.defaultCostLimit)
        for rule in inactive[versionIndex][plan] {
            frame.setValue(.missing, of: rule)
            frame.outcomes[rule] = .notInForce
        }
        ruleSet.plans[plan].run(&frame, steps: steps[versionIndex][plan])
        return clauses(of: version, columns: keyColumns[versionIndex], calendar: calendar, events: events)
    }

    private mutating func clauses(of version: CompiledSLAVersion, columns: [Int], calendar: BusinessCalendar, events: [StatusEvent]) -> Result<SLATicketInputs, SLAInputProblem> {
        var zone = calendar.zone
        if let zoneCode = version.zone {
            switch zoneCode(&frame) {
            case .string(let z):
                if let known = zones.first(where: { $0.name == z }) {
                    zone = known.rules
                } else {
                    guard let rules = ZoneRules.named(z) else {
                        return .failure(SLAInputProblem(en: "unknown time zone ‘\(z)’", ru: "неизвестный часовой пояс «\(z)»"))
                    }
                    if zones.count < 64 { zones.append((z, rules)) }
                    zone = rules
                }
            case .missing: break
            default: return .failure(SLAInputProblem(en: "the zone is not a string", ru: "часовой пояс — не строка"))
            }
        }
        let target: SLATarget
        switch Self.target(version.target(&frame), failure: frame.failure) {
        case .success(let t): target = t
        case .failure(let problem): return .failure(problem)
        }
        var ladder: [EscalationLevel] = []
        for e in version.escalations {
            let recipient = formatter.format(e.recipient(&frame), as: e.recipientType)
            if let p = e.percent, let share = p(&frame).number {
                ladder.append(EscalationLevel(trigger: .share(share), recipient: recipient, label: e.text))
            } else if let b = e.before {
                switch b(&frame) {
                case .duration(let d):
                    ladder.append(EscalationLevel(trigger: .beforeSeconds(Int64(d.days) * 86_400 + d.seconds, working: false),
                                                  recipient: recipient, label: e.text))
                case .workDuration(let w):
                    ladder.append(EscalationLevel(trigger: .beforeSeconds(w.seconds + Int64(w.days) * 8 * 3600, working: true),
                                                  recipient: recipient, label: e.text))
                default: break
                }
            }
        }
        let atRisk = version.atRisk.flatMap { $0(&frame).number } ?? ExactDecimal(significand: 75, scale: 2)
        let kpi = version.kpiTarget.flatMap { $0(&frame).number }
        var keys: [(column: Int, value: Value)] = []
        keys.reserveCapacity(version.reportKeys.count)
        for (i, key) in version.reportKeys.enumerated() { keys.append((columns[i], key.code(&frame))) }
        var massKey: String?
        var massRule: MassIncidentRule?
        if let m = version.mass, case .int(let count) = m.count(&frame), count > 0, m.filter.map({ $0(&frame) == .bool(true) }) ?? true {
            var window: Int64 = 0
            switch m.window(&frame) {
            case .duration(let d): window = Int64(d.days) * 86_400 + d.seconds
            case .workDuration(let w): window = w.seconds + Int64(w.days) * 86_400
            default: break
            }
            var parts: [String] = []
            for key in m.keys { parts.append(formatter.format(key.0(&frame), as: key.1)) }
            massKey = parts.joined(separator: " · ")
            let massTarget = m.target.flatMap { code in try? Self.target(code(&frame), failure: nil).get() }
            massRule = MassIncidentRule(count: Int(count), windowSeconds: window,
                                        priority: m.priority.map { formatter.format($0(&frame), as: m.priorityType) }, target: massTarget)
        }
        return .success(SLATicketInputs(
            sla: name, versionFrom: version.from, calendar: calendar, zone: zone, events: events,
            target: target, escalations: ladder, atRisk: atRisk, kpiTarget: kpi, reportKeys: keys, massKey: massKey, massRule: massRule))
    }

    /// An SLA target from a duration: calendar time, working time, or working days.
    static func target(_ value: Value, failure: EvalFailure?) -> Result<SLATarget, SLAInputProblem> {
        switch value {
        case .duration(let d):
            guard d.months == 0 else {
                return .failure(SLAInputProblem(en: "an SLA target in months is not a fixed span; use days or hours",
                                                ru: "цель SLA в месяцах не фиксирована; задайте дни или часы"))
            }
            return .success(.calendarSeconds(Int64(d.days) * 86_400 + d.seconds))
        case .workDuration(let w):
            return .success(w.days != 0 ? .workdays(Int(w.days)) : .workSeconds(w.seconds))
        case .missing:
            let why = failure?.message(in: .en) ?? "no target for this ticket (check the target table's rows)"
            let whyRu = failure?.message(in: .ru) ?? "для заявки нет цели (проверьте строки таблицы целей)"
            return .failure(SLAInputProblem(en: why, ru: whyRu))
        default:
            return .failure(SLAInputProblem(en: "the target is not a duration", ru: "цель — не длительность"))
        }
    }
}
