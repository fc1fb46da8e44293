/// An SLA's versions, compiled: what a ticket's clock needs, computed from the ticket by the rules
/// in force when the ticket was opened.
struct CompiledSLA: Sendable {
    let name: String
    let module: String
    let schema: Int?
    let versions: [CompiledSLAVersion]
}

struct CompiledSLAVersion: Sendable {
    let from: CivilDate?
    let until: CivilDate?
    let title: String?
    let calendar: BusinessCalendar?
    let zone: ValueCode?
    let history: ValueCode
    let statuses: [SLAEvent: Set<String>]
    let target: ValueCode
    let escalations: [(percent: ValueCode?, before: ValueCode?, recipient: ValueCode, recipientType: RType, text: String)]
    let atRisk: ValueCode?
    let kpiTarget: ValueCode?
    let reportKeys: [(code: ValueCode, type: RType, text: String)]
    let mass: (count: ValueCode, window: ValueCode, keys: [(ValueCode, RType)], priority: ValueCode?, priorityType: RType)?
}

extension Compiler {
    func compileSLAs() -> [CompiledSLA] {
        var result: [CompiledSLA] = []
        for symbol in program.slas {
            var versions: [CompiledSLAVersion] = []
            for version in symbol.versions {
                if let compiled = compileSLAVersion(version, symbol: symbol) { versions.append(compiled) }
            }
            result.append(CompiledSLA(name: symbol.name, module: symbol.module, schema: symbol.subjectSchema, versions: versions))
        }
        return result
    }

    private func compileSLAVersion(_ version: RuleVersion, symbol: SLASymbol) -> CompiledSLAVersion? {
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
        var mass: (count: ValueCode, window: ValueCode, keys: [(ValueCode, RType)], priority: ValueCode?, priorityType: RType)?
        if let m = s.mass {
            var keys: [(ValueCode, RType)] = []
            for key in m.keys { keys.append((compile(key).asValue, program.type(of: key))) }
            let priority: ValueCode? = m.priority.map { compile($0).asValue }
            let priorityType: RType = m.priority.map { program.type(of: $0) } ?? .string
            mass = (compile(m.count).asValue, compile(m.window).asValue, keys, priority, priorityType)
        }
        let target: ValueCode
        if let t = s.target { target = compile(t).asValue } else { target = { _ in .missing } }
        let zone: ValueCode? = s.zone.map { compile($0).asValue }
        let atRisk: ValueCode? = s.atRisk.map { compile($0).asValue }
        let kpiTarget: ValueCode? = s.kpiTarget.map { compile($0).asValue }
        return CompiledSLAVersion(
            from: version.from, until: version.until, title: s.header.title?.value, calendar: calendar,
            zone: zone, history: history, statuses: statuses, target: target,
            escalations: escalations, atRisk: atRisk, kpiTarget: kpiTarget,
            reportKeys: reportKeys, mass: mass)
    }
}
