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
        for label in r.keyOrder {
            guard let groups = r.byKey[label] else { continue }
            let sorted = groups.sorted { a, b in
                let x = a.value.met + a.value.missed + a.value.breached + a.value.open
                let y = b.value.met + b.value.missed + b.value.breached + b.value.open
                return x != y ? x > y : a.key < b.key
            }
            let shown = sorted.prefix(12).map { "\($0.key) \(ratio($0.value.compliance, language))" }.joined(separator: ", ")
            out.line("  \(ru ? "по" : "by") \(label): \(shown)\(sorted.count > 12 ? (ru ? ", … ещё \(sorted.count - 12)" : ", … \(sorted.count - 12) more") : "")")
        }
        let months = r.byMonth.sorted { $0.key < $1.key }.map { "\($0.key) \(ratio($0.value.compliance, language))" }
        if !months.isEmpty { out.line("  \(ru ? "по месяцам" : "by month"): " + months.joined(separator: ", ")) }
        if !r.escalations.isEmpty {
            let list = r.escalations.sorted { $0.value > $1.value }.prefix(8).map { "\($0.key) \(n($0.value))" }.joined(separator: ", ")
            out.line((ru ? "  эскалации к исполнению: " : "  escalations due: ") + list)
        }
        if !r.massIncidents.isEmpty {
            out.line(ru ? "  массовые инциденты: \(r.massIncidents.count)" : "  mass incidents: \(r.massIncidents.count)")
            for m in r.massIncidents.prefix(5) {
                out.line("    \(m.key): \(m.tickets) \(ru ? "обращений" : "tickets") \(m.first) … \(m.last)\(m.priority.map { ru ? ", приоритет \($0)" : ", priority \($0)" } ?? "")")
            }
        }
        for rejected in r.rejected.prefix(10) {
            out.line("  \(ru ? "не отслежено" : "not tracked") \(rejected.ticket): \(ru ? rejected.ru : rejected.en)")
        }
        if r.rejected.count > 10 { out.line(ru ? "  … и ещё \(r.rejected.count - 10)" : "  … and \(r.rejected.count - 10) more") }
        for (id, t) in r.tickets {
            let unit = t.working ? (ru ? "раб. ч" : "work h") : (ru ? "ч" : "h")
            let hours = { (s: Int64) in ((try? ExactDecimal(s).divided(by: ExactDecimal(3600)).rounded(scale: 1, mode: .halfEven)) ?? .zero).formatted(ru ? .russian : .english) }
            var line = "  \(id): \(ru ? stateNames[t.state]!.1 : stateNames[t.state]!.0)\(t.paused ? (ru ? " (пауза)" : " (paused)") : "") "
            line += "\(hours(t.elapsed))/\(hours(t.target)) \(unit)"
            if let due = t.due { line += (ru ? ", срок " : ", due ") + due.description }
            if !t.escalationsDue.isEmpty { line += (ru ? ", эскалация: " : ", escalate to: ") + t.escalationsDue.map(\.recipient).joined(separator: ", ") }
            out.line(line)
        }
        out.line(ru ? String(format: "  (%.2f с)", seconds) : String(format: "  (%.2f s)", seconds))
    }

    static func json(_ r: SLAReport, name: String, asOf: DateTimeValue, rejectedRecords: [String]) -> String {
        func group(_ g: SLAReport.Group) -> String {
            JSONWriter.object([("met", String(g.met)), ("missed", String(g.missed)), ("breached", String(g.breached)), ("open", String(g.open)),
                               ("cancelled", String(g.cancelled)), ("compliance", g.compliance?.description ?? "null")])
        }
        var members: [(String, String)] = [
            ("sla", JSONWriter.quote(name)), ("as_of", JSONWriter.quote(asOf.description)), ("tickets", String(r.total)),
            ("states", JSONWriter.object(SLAState.allCases.map { ($0.rawValue, String(r.states[$0] ?? 0)) })),
            ("compliance", group(r.overall)), ("kpi_target", r.kpiTarget?.description ?? "null"),
        ]
        members.append(("by", JSONWriter.object(r.keyOrder.map { label in
            (label, JSONWriter.object((r.byKey[label] ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, group($0.value)) }))
        })))
        members.append(("by_month", JSONWriter.object(r.byMonth.sorted { $0.key < $1.key }.map { ($0.key, group($0.value)) })))
        members.append(("escalations_due", JSONWriter.object(r.escalations.sorted { $0.key < $1.key }.map { ($0.key, String($0.value)) })))
        members.append(("mass_incidents", JSONWriter.array(r.massIncidents.map { m in
            JSONWriter.object([("key", JSONWriter.quote(m.key)), ("tickets", String(m.tickets)), ("first", JSONWriter.quote(m.first.description)),
                               ("last", JSONWriter.quote(m.last.description)), ("priority", m.priority.map(JSONWriter.quote) ?? "null")])
        })))
        members.append(("not_tracked", JSONWriter.array(r.rejected.map { JSONWriter.object([("ticket", JSONWriter.quote($0.ticket)), ("reason", JSONWriter.quote($0.en))]) }
            + rejectedRecords.map { JSONWriter.object([("record", JSONWriter.quote($0))]) })))
        members.append(("details", JSONWriter.array(r.tickets.map { id, t in
            JSONWriter.object([("ticket", JSONWriter.quote(id)), ("state", JSONWriter.quote(t.state.rawValue)), ("paused", t.paused ? "true" : "false"),
                               ("elapsed_seconds", String(t.elapsed)), ("target_seconds", String(t.target)), ("working_time", t.working ? "true" : "false"),
                               ("share", t.share.description), ("due", t.due.map { JSONWriter.quote($0.description) } ?? "null"),
                               ("escalate_to", JSONWriter.array(t.escalationsDue.map { JSONWriter.quote($0.recipient) }))])
        })))
        return JSONWriter.object(members)
    }
}
