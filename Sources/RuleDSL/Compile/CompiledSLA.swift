/// An SLA's versions, compiled: what a ticket's clock needs, computed from the ticket by the rules
/// in force when the ticket was opened.
struct CompiledSLA: Sendable {
    let name: String
    let module: String
    let schema: Int?
    let versions: [CompiledSLAVersion]
}

/// A class: the tracker reads a version per ticket from several threads, and copying a struct of
/// closures would retain each of them (shared reference counts are contended between cores).
final class CompiledSLAVersion: Sendable {
    let from: CivilDate?
    let until: CivilDate?
    let title: String?
    let calendar: BusinessCalendar?
    let zone: ValueCode?
    let history: ValueCode
    let statuses: StatusTable
    /// Rules the clauses read directly (the evaluator runs these and what they depend on).
    let reads: Set<Int>
    let target: ValueCode
    let escalations: [(percent: ValueCode?, before: ValueCode?, recipient: ValueCode, recipientType: RType, text: String)]
    let atRisk: ValueCode?
    let kpiTarget: ValueCode?
    let reportKeys: [(code: ValueCode, type: RType, text: String)]
    let mass: CompiledMassRule?

    init(
        from: CivilDate?,
        until: CivilDate?,
        title: String?,
        calendar: BusinessCalendar?,
        zone: ValueCode?,
        history: @escaping ValueCode,
        statuses: StatusTable,
        reads: Set<Int>,
        target: @escaping ValueCode,
        escalations: [(percent: ValueCode?, before: ValueCode?, recipient: ValueCode, recipientType: RType, text: String)],
        atRisk: ValueCode?,
        kpiTarget: ValueCode?,
        reportKeys: [(code: ValueCode, type: RType, text: String)],
        mass: CompiledMassRule?
    ) {
        self.from = from
        self.until = until
        self.title = title
        self.calendar = calendar
        self.zone = zone
        self.history = history
        self.statuses = statuses
        self.reads = reads
        self.target = target
        self.escalations = escalations
        self.atRisk = atRisk
        self.kpiTarget = kpiTarget
        self.reportKeys = reportKeys
        self.mass = mass
    }
}

struct CompiledMassRule: Sendable {
    let count: ValueCode
    let window: ValueCode
    let filter: ValueCode?
    let keys: [(ValueCode, RType)]
    let priority: ValueCode?
    let priorityType: RType
    let target: ValueCode?
}

extension Compiler {
    func compileSLAs() -> [CompiledSLA] {
        var result: [CompiledSLA] = []
        for symbol in program.slas {
            var versions: [CompiledSLAVersion] = []
            for (index, version) in symbol.versions.enumerated() {
                let reads = index < symbol.reads.count ? symbol.reads[index] : []
                if let compiled = compileSLAVersion(version, symbol: symbol, reads: reads) { versions.append(compiled) }
            }
            result.append(CompiledSLA(name: symbol.name, module: symbol.module, schema: symbol.subjectSchema, versions: versions))
        }
        return result
    }

    private func compileSLAVersion(_ version: RuleVersion, symbol: SLASymbol, reads: Set<Int>) -> CompiledSLAVersion? {
        guard case .sla(let s) = program.declaration(version.location).kind else { return nil }
        let file = version.location.file
        var calendar: BusinessCalendar?
        if let name = s.calendar {
            let last = name.parts.last!.name
            let module = name.parts.dropLast().map(\.name).joined(separator: ".")
            calendar = program.calendars.first { $0.name == last && (name.parts.count == 1 || $0.module == module) }?.calendar
        }
        let history: ValueCode
        if let h = s.history {
            history = compile(h).asValue
        } else if let schema = symbol.subjectSchema, let slot = program.schemas[schema].slot(of: "history") {
            history = { f in f.fields[slot] }
        } else {
            history = { _ in .missing }
        }
        var statuses: [SLAEvent: Set<String>] = [:]
        for (event, list) in s.events { statuses[event] = Set(list.map(\.value)) }
        func text(_ e: Expr) -> String { program.files[file].file.text(of: e.range) }
        var escalations: [(percent: ValueCode?, before: ValueCode?, recipient: ValueCode, recipientType: RType, text: String)] = []
        for e in s.escalations {
            let recipient = compile(e.recipient).asValue
            let type = program.type(of: e.recipient)
            switch e.trigger {
            case .percent(let p): escalations.append((compile(p).asValue, nil, recipient, type, text(p)))
            case .before(let d): escalations.append((nil, compile(d).asValue, recipient, type, text(d)))
            }
        }
        var reportKeys: [(code: ValueCode, type: RType, text: String)] = []
        for key in s.reportBy { reportKeys.append((compile(key).asValue, program.type(of: key), text(key))) }
        var mass: CompiledMassRule?
        if let m = s.mass {
            var keys: [(ValueCode, RType)] = []
            for key in m.keys { keys.append((compile(key).asValue, program.type(of: key))) }
            let priority: ValueCode? = m.priority.map { compile($0).asValue }
            let priorityType: RType = m.priority.map { program.type(of: $0) } ?? .string
            mass = CompiledMassRule(count: compile(m.count).asValue, window: compile(m.window).asValue, filter: m.filter.map { compile($0).asValue },
                                    keys: keys, priority: priority, priorityType: priorityType, target: m.target.map { compile($0).asValue })
        }
        let target: ValueCode
        if let t = s.target { target = compile(t).asValue } else { target = { _ in .missing } }
        let zone: ValueCode? = s.zone.map { compile($0).asValue }
        let atRisk: ValueCode? = s.atRisk.map { compile($0).asValue }
        let kpiTarget: ValueCode? = s.kpiTarget.map { compile($0).asValue }
        return CompiledSLAVersion(
            from: version.from, until: version.until, title: s.header.title?.value, calendar: calendar,
            zone: zone, history: history, statuses: StatusTable(statuses), reads: reads, target: target,
            escalations: escalations, atRisk: atRisk, kpiTarget: kpiTarget,
            reportKeys: reportKeys, mass: mass)
    }
}
