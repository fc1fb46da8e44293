/// Keyword sets and SLA declarations.
extension Checker {
    mutating func declareSupport() {
        for (fileIndex, file) in program.files.enumerated() {
            let module = fileModule[fileIndex]
            for (declIndex, declaration) in file.declarations.enumerated() {
                let location = DeclLocation(file: fileIndex, index: declIndex)
                switch declaration.kind {
                case .keywords(let k):
                    guard claim(k.header.name, module: module) else { continue }
                    supportNames[module, default: [:]][k.header.name.name] = .keywords(program.keywordSets.count)
                    var phrases: [[String]] = []
                    for phrase in k.phrases {
                        let words = KeywordSet.words(phrase.value)
                        if words.isEmpty { report(Messages.emptyKeyword, [], at: phrase.range) } else { phrases.append(words) }
                    }
                    program.keywordSets.append(KeywordSet(name: k.header.name.name, phrases: phrases))
                case .sla(let s):
                    let name = s.header.name
                    let version = RuleVersion(location: location, from: parseDate(s.header.effective?.from),
                                              until: parseDate(s.header.effective?.until), range: name.range)
                    if case .sla(let existing)? = supportNames[module]?[name.name] {
                        program.slas[existing].versions.append(version)
                        continue
                    }
                    guard claim(name, module: module) else { continue }
                    supportNames[module, default: [:]][name.name] = .sla(program.slas.count)
                    program.slas.append(SLASymbol(name: name.name, module: module, versions: [version]))
                default:
                    continue
                }
            }
        }
    }

    /// Reserves a name in the module's namespace; reports a duplicate and returns false if taken.
    private mutating func claim(_ name: Identifier, module: String) -> Bool {
        if typeNames[module]?[name.name] != nil || ruleNames[module]?[name.name] != nil || calendarNames[module]?[name.name] != nil
            || supportNames[module]?[name.name] != nil
        {
            report(Messages.duplicateDeclaration, [name.name, module], at: name.range)
            return false
        }
        return true
    }

    mutating func checkSLAs() {
        for index in program.slas.indices {
            var versions = program.slas[index].versions
            if versions.count > 1 {
                if let open = versions.first(where: { $0.from == nil }) {
                    report(Messages.versionWithoutStart, [program.slas[index].name], at: open.range)
                } else {
                    versions.sort { $0.from! < $1.from! }
                    for (a, b) in zip(versions, versions.dropFirst()) where a.from! == b.from! || (a.until.map { $0 >= b.from! } ?? false) {
                        report(Messages.versionsOverlap, [program.slas[index].name, a.from!.description, b.from!.description], at: b.range)
                    }
                    program.slas[index].versions = versions
                }
            }
            program.slas[index].reads = []
            for version in program.slas[index].versions {
                slaReads = []
                if case .sla(let s) = program.declaration(version.location).kind {
                    checkSLA(s, file: version.location.file, symbol: index)
                }
                program.slas[index].reads.append(slaReads ?? [])
                slaReads = nil
            }
        }
    }

    private mutating func checkSLA(_ s: SLADecl, file: Int, symbol: Int) {
        var scope = Scope(file: file, module: fileModule[file])
        scope.inTest = true  // expressions of an SLA are not rules: they record no dependencies
        if let subject = s.header.subject, case .schema(let schema)? = lookupType(subject.schema, file: file) {
            scope.subject = (subject.variable.name, schema)
            program.slas[symbol].subjectSchema = schema
        } else if let subject = s.header.subject {
            report(Messages.unknownType, [subject.schema.description], at: subject.schema.range)
            return
        }
        let context = "sla \(s.header.name.name)"
        if let calendar = s.calendar {
            if lookupCalendar(calendar, file: file) == nil {
                report(Messages.unknownCalendar, [calendar.description], at: calendar.range,
                       suggestion: Suggestions.closest(to: calendar.description, among: calendarCandidates(file)))
            }
        } else {
            report(Messages.missingClause, ["calendar", context], at: s.header.name.range)
        }
        func expect(_ expr: Expr?, _ clause: String, _ accepts: (RType) -> Bool, _ wanted: String, _ checker: inout Checker) {
            guard let expr else { return }
            let type = checker.checkExpression(expr, scope: &scope, expected: nil)
            if !type.isError, !accepts(type.base) {
                checker.report(Messages.slaClauseType, [clause, wanted, checker.spell(type)], at: expr.range)
            }
        }
        expect(s.zone, "zone", { $0 == .string }, "string", &self)
        if s.history == nil, scope.subject.map({ program.schemas[$0.schema].slot(of: "history") == nil }) ?? true {
            report(Messages.missingClause, ["history", context], at: s.header.name.range)
        }
        let schemas = program.schemas
        // The history is read before the ticket's rules run (its opening picks their version): it
        // may read fields only. Its reads are collected apart to tell.
        let readBeforeHistory = slaReads
        slaReads = []
        expect(s.history, "history", { type in
            if type == .string { return true }
            if case .list(let e) = type, case .record(let r) = e.base {
                let info = schemas[r]
                return info.slot(of: "at").map { info.fields[$0].type.base == .datetime } == true && info.slot(of: "status") != nil
            }
            return false
        }, "a string “status@moment;…” or a list of records with ‘at’ and ‘status’", &self)
        if let h = s.history, let rule = slaReads?.min() {
            report(Messages.historyReadsRule, [program.rules[rule].name], at: h.range)
        }
        slaReads = readBeforeHistory.map { $0.union(slaReads ?? []) }
        if s.target == nil { report(Messages.missingClause, ["target", context], at: s.header.name.range) }
        expect(s.target, "target", { $0 == .duration }, "duration (6 hours, 1 workday, 12 work hours)", &self)
        if s.events[.start] == nil { report(Messages.missingClause, ["start on", context], at: s.header.name.range) }
        if s.events[.stop] == nil { report(Messages.missingClause, ["stop on", context], at: s.header.name.range) }
        for e in s.escalations {
            switch e.trigger {
            case .percent(let p): expect(p, "escalate at", { $0 == .percent || $0 == .decimal }, "percent", &self)
            case .before(let d): expect(d, "escalate before", { $0 == .duration }, "duration", &self)
            }
            expect(e.recipient, "escalate … to", { _ in true }, "any", &self)
        }
        expect(s.atRisk, "at risk at", { $0 == .percent || $0 == .decimal }, "percent", &self)
        expect(s.kpiTarget, "kpi compliance target", { $0 == .percent || $0 == .decimal }, "percent", &self)
        for key in s.reportBy { expect(key, "report by", { _ in true }, "any", &self) }
        if let m = s.mass {
            expect(m.count, "mass incident when", { $0 == .int }, "int", &self)
            expect(m.window, "mass incident within", { $0 == .duration }, "duration", &self)
            expect(m.filter, "mass incident where", { $0 == .bool }, "bool", &self)
            expect(m.target, "mass incident target", { $0 == .duration }, "duration (6 hours, 12 work hours)", &self)
            for key in m.keys { expect(key, "mass incident by", { _ in true }, "any", &self) }
            expect(m.priority, "mass incident priority", { _ in true }, "any", &self)
        }
    }
}
