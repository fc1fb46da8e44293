import Foundation
import ProcessModel
import RuleDSL

/// The SLA report as readable text and as JSON: two renderings of the same report value.
enum SLAReportRendering {
    static func ratio(_ value: ExactDecimal?, _ language: MessageLanguage) -> String {
        guard let value else { return "—" }
        return value.formatted((language == .ru ? NumberStyle.russian : .english).fractionDigits(min: 4, max: 4))
    }

    static func text(_ r: SLAReport, name: String, asOf: DateTimeValue, language: MessageLanguage, rejectedRecords: Int,
                     seconds: Double, out: StandardOutput) {
        let ru = language == .ru
        let n = { (i: Int) in ExactDecimal(Int64(i)).formatted(ru ? .russian : .english) }
        out.line(ru ? "SLA «\(name)» на \(asOf): обращений \(n(r.total)), не отслежено \(n(r.rejected.count + rejectedRecords))"
                    : "SLA ‘\(name)’ as of \(asOf): \(n(r.total)) tickets, \(n(r.rejected.count + rejectedRecords)) not tracked")
        let stateNames: [SLAState: (String, String)] = [
            .met: ("met", "исполнено в срок"), .missed: ("missed", "исполнено с нарушением"), .breached: ("breached", "просрочено"),
            .atRisk: ("at risk", "под угрозой"), .onTrack: ("on track", "в срок"), .notStarted: ("not started", "не начато"),
            .cancelled: ("cancelled", "отменено"),
        ]
        let states = SLAState.allCases.compactMap { s -> String? in
            guard let count = r.states[s], count > 0 else { return nil }
            return "\(ru ? stateNames[s]!.1 : stateNames[s]!.0) \(n(count))"
        }
        out.line((ru ? "  состояния: " : "  states: ") + states.joined(separator: ", "))
        let target = r.kpiTarget.map { ratio($0, language) } ?? "—"
        let compliance = r.overall.compliance
        let verdict: String
        if let c = compliance, let t = r.kpiTarget {
            verdict = c >= t ? (ru ? "цель достигнута" : "target met") : (ru ? "цель НЕ достигнута" : "target NOT met")
        } else {
            verdict = ""
        }
        out.line(ru ? "  коэффициент исполнения SLA: \(ratio(compliance, language)) (цель \(target)) — \(verdict)"
                    : "  SLA compliance: \(ratio(compliance, language)) (target \(target)) — \(verdict)")
        for key in r.byKey {
            let shown = key.groups.prefix(12).map { "\($0.value) \(ratio($0.group.compliance, language)) (\(n($0.group.tickets)))" }
            let more = key.groups.count > 12 ? (ru ? ", … ещё \(key.groups.count - 12)" : ", … \(key.groups.count - 12) more") : ""
            out.line("  \(ru ? "по" : "by") \(key.label): " + shown.joined(separator: ", ") + more)
        }
        let months = r.byMonth.map { "\($0.month) \(ratio($0.group.compliance, language))" }
        if !months.isEmpty { out.line("  \(ru ? "по месяцам" : "by month"): " + months.joined(separator: ", ")) }
        if !r.escalations.isEmpty {
            let list = r.escalations.prefix(8).map { "\($0.recipient) \(n($0.count))" }.joined(separator: ", ")
            let more = r.escalations.count > 8 ? (ru ? ", … ещё \(r.escalations.count - 8)" : ", … \(r.escalations.count - 8) more") : ""
            out.line((ru ? "  эскалации к исполнению: " : "  escalations due: ") + list + more)
        }
        if !r.massIncidents.isEmpty {
            var outcome = SLAReport.Group()
            for m in r.massIncidents { if let sla = m.sla { outcome.count(sla.state) } }
            let tracked = outcome.met + outcome.missed + outcome.breached + outcome.open
            var head = ru ? "  массовые инциденты: \(n(r.massIncidents.count))" : "  mass incidents: \(n(r.massIncidents.count))"
            if tracked > 0 {
                head += ru ? " (в срок \(outcome.met), с нарушением \(outcome.missed), просрочено \(outcome.breached), открыто \(outcome.open))"
                           : " (met \(outcome.met), missed \(outcome.missed), breached \(outcome.breached), open \(outcome.open))"
            }
            out.line(head)
            for m in r.massIncidents.prefix(10) {
                var line = "    \(m.key): \(m.tickets.count) \(ru ? "обращений" : "tickets") \(offsetOnly(m.first)) … \(offsetOnly(m.last))"
                line += ru ? ", выявлен \(offsetOnly(m.detected))" : ", detected \(offsetOnly(m.detected))"
                if let p = m.priority { line += ru ? ", приоритет \(p)" : ", priority \(p)" }
                if let sla = m.sla { line += ", " + clock(sla, stateNames: stateNames, ru: ru) }
                out.line(line)
            }
            if r.massIncidents.count > 10 { out.line(ru ? "    … и ещё \(r.massIncidents.count - 10)" : "    … and \(r.massIncidents.count - 10) more") }
        }
        for rejected in r.rejected.prefix(10) {
            out.line("  \(ru ? "не отслежено" : "not tracked") \(rejected.ticket): \(ru ? rejected.ru : rejected.en)")
        }
        if r.rejected.count > 10 { out.line(ru ? "  … и ещё \(r.rejected.count - 10)" : "  … and \(r.rejected.count - 10) more") }
        for (id, t) in r.tickets { out.line("  \(id): " + clock(t, stateNames: stateNames, ru: ru)) }
        out.line(ru ? String(format: "  (%.2f с)", seconds) : String(format: "  (%.2f s)", seconds))
    }

    /// A moment with its UTC offset only (`2023-10-25T11:00:00+03:00`), for lines a person reads.
    static func offsetOnly(_ t: DateTimeValue) -> String {
        guard let fixed = ZoneRules.fixed(offsetSeconds: t.zone.offset(atUTC: t.utcSeconds)) else { return t.description }
        return t.inZone(fixed).description
    }

    /// "met 3.2/6.0 h, due …, escalate to: …" for one clock.
    static func clock(_ t: TicketSLA, stateNames: [SLAState: (String, String)], ru: Bool) -> String {
        let unit = t.working ? (ru ? "раб. ч" : "work h") : (ru ? "ч" : "h")
        let hours = { (s: Int64) in ((try? ExactDecimal(s).divided(by: ExactDecimal(3600)).rounded(scale: 1, mode: .halfEven)) ?? .zero).formatted(ru ? .russian : .english) }
        var line = "\(ru ? stateNames[t.state]!.1 : stateNames[t.state]!.0)\(t.paused ? (ru ? " (пауза)" : " (paused)") : "") "
        line += "\(hours(t.elapsed))/\(hours(t.target)) \(unit)"
        if let due = t.due { line += (ru ? ", срок " : ", due ") + due.description }
        if !t.escalationsDue.isEmpty { line += (ru ? ", эскалация: " : ", escalate to: ") + t.escalationsDue.map(\.recipient).joined(separator: ", ") }
        return line
    }

    static func json(_ r: SLAReport, name: String, asOf: DateTimeValue, rejectedRecords: [String]) -> String {
        func group(_ g: SLAReport.Group) -> String {
            JSONWriter.object([("tickets", String(g.tickets)), ("met", String(g.met)), ("missed", String(g.missed)), ("breached", String(g.breached)),
                               ("open", String(g.open)), ("cancelled", String(g.cancelled)), ("compliance", g.compliance?.description ?? "null")])
        }
        func clock(_ t: TicketSLA) -> [(String, String)] {
            [("state", JSONWriter.quote(t.state.rawValue)), ("paused", t.paused ? "true" : "false"),
             ("started", t.started.map { JSONWriter.quote($0.description) } ?? "null"),
             ("stopped", t.stopped.map { JSONWriter.quote($0.description) } ?? "null"),
             ("elapsed_seconds", String(t.elapsed)), ("remaining_seconds", String(t.remaining)), ("target_seconds", String(t.target)),
             ("working_time", t.working ? "true" : "false"), ("share", t.share.description),
             ("due", t.due.map { JSONWriter.quote($0.description) } ?? "null"),
             ("escalate_to", JSONWriter.array(t.escalationsDue.map { JSONWriter.quote($0.recipient) }))]
        }
        var members: [(String, String)] = [
            ("sla", JSONWriter.quote(name)), ("as_of", JSONWriter.quote(asOf.description)), ("tickets", String(r.total)),
            ("states", JSONWriter.object(SLAState.allCases.map { ($0.rawValue, String(r.states[$0] ?? 0)) })),
            ("compliance", group(r.overall)), ("kpi_target", r.kpiTarget?.description ?? "null"),
            ("kpi_met", r.overall.compliance.flatMap { c in r.kpiTarget.map { c >= $0 ? "true" : "false" } } ?? "null"),
        ]
        members.append(("by", JSONWriter.object(r.byKey.map { key in
            (key.label, JSONWriter.object(key.groups.sorted { $0.value < $1.value }.map { ($0.value, group($0.group)) }))
        })))
        members.append(("by_month", JSONWriter.object(r.byMonth.map { ($0.month, group($0.group)) })))
        members.append(("escalations_due", JSONWriter.object(r.escalations.sorted { $0.recipient < $1.recipient }.map { ($0.recipient, String($0.count)) })))
        members.append(("mass_incidents", JSONWriter.array(r.massIncidents.map { m in
            JSONWriter.object([("key", JSONWriter.quote(m.key)), ("tickets", String(m.tickets.count)), ("first", JSONWriter.quote(m.first.description)),
                               ("last", JSONWriter.quote(m.last.description)), ("detected", JSONWriter.quote(m.detected.description)),
                               ("priority", m.priority.map(JSONWriter.quote) ?? "null"),
                               ("clock", m.sla.map { JSONWriter.object(clock($0)) } ?? "null"),
                               ("members", JSONWriter.array(m.tickets.map(JSONWriter.quote)))])
        })))
        members.append(("not_tracked", JSONWriter.array(r.rejected.map {
            JSONWriter.object([("ticket", JSONWriter.quote($0.ticket)), ("reason", JSONWriter.quote($0.en)), ("reason_ru", JSONWriter.quote($0.ru))])
        } + rejectedRecords.map { JSONWriter.object([("record", JSONWriter.quote($0))]) })))
        members.append(("details", JSONWriter.array(r.tickets.map { id, t in JSONWriter.object([("ticket", JSONWriter.quote(id))] + clock(t)) })))
        return JSONWriter.object(members)
    }
}
