/// `calendar` declarations: each becomes a `BusinessCalendar` (validated here, so evaluation never
/// meets a malformed one); derived calendars start from their base.
extension Checker {
    /// Working-time functions: their first argument names a calendar.
    static let calendarFunctions: Set<String> = [
        "workdays_between", "add_workdays", "next_workday", "is_workday", "add_work_hours", "work_hours_between",
    ]

    mutating func declareCalendars() {
        for (fileIndex, file) in program.files.enumerated() {
            let module = fileModule[fileIndex]
            for (declIndex, declaration) in file.declarations.enumerated() {
                guard case .calendar(let c) = declaration.kind else { continue }
                let name = c.header.name
                if typeNames[module]?[name.name] != nil || ruleNames[module]?[name.name] != nil
                    || calendarNames[module]?[name.name] != nil
                {
                    report(Messages.duplicateDeclaration, [name.name, module], at: name.range)
                    continue
                }
                calendarNames[module, default: [:]][name.name] = program.calendars.count
                program.calendars.append(CalendarInfo(
                    name: name.name, module: module, location: DeclLocation(file: fileIndex, index: declIndex),
                    range: name.range, calendar: nil))
            }
        }
    }

    /// Builds every calendar, bases first.
    mutating func checkCalendars() {
        var state = Array(repeating: 0, count: program.calendars.count)  // 1 building, 2 done
        var definitions: [CalendarDefinition?] = Array(repeating: nil, count: program.calendars.count)
        func build(_ index: Int, _ path: [String], _ checker: inout Checker) {
            if state[index] == 2 { return }
            if state[index] == 1 {
                checker.report(Messages.calendarBaseCycle, [(path + [checker.program.calendars[index].name]).joined(separator: " → ")],
                               at: checker.program.calendars[index].range)
                return
            }
            state[index] = 1
            defer { state[index] = 2 }
            let info = checker.program.calendars[index]
            guard case .calendar(let decl) = checker.program.declaration(info.location).kind else { return }
            var base: CalendarDefinition?
            if let baseName = decl.base {
                guard let baseIndex = checker.lookupCalendar(baseName, file: info.location.file) else {
                    checker.report(Messages.unknownCalendar, [baseName.description], at: baseName.range,
                                   suggestion: Suggestions.closest(to: baseName.description, among: checker.calendarCandidates(info.location.file)))
                    return
                }
                build(baseIndex, path + [info.name], &checker)
                base = definitions[baseIndex]
                if base == nil { return }
            }
            guard let definition = checker.calendarDefinition(decl, base: base, file: info.location.file) else { return }
            do throws(CalendarError) {
                checker.program.calendars[index].calendar = try BusinessCalendar(definition)
                definitions[index] = definition
            } catch {
                switch error {
                case .overlappingHours(let weekday):
                    checker.report(Messages.overlappingHours, [Formatter.dayName(weekday)], at: decl.header.name.range)
                case .outOfRange(let date, let first, let last):
                    checker.report(Messages.dateOutsideCalendarYears, [date.description, info.name, String(first), String(last)],
                                   at: decl.header.name.range)
                case .invalidDefinition(let why):
                    checker.report(Messages.invalidCalendar, [info.name, why], at: decl.header.name.range)
                }
            }
        }
        for index in program.calendars.indices { build(index, [], &self) }
    }

    /// The definition a declaration gives (on top of its base), or nil after reporting why not.
    private mutating func calendarDefinition(_ decl: CalendarDecl, base: CalendarDefinition?, file: Int) -> CalendarDefinition? {
        let name = decl.header.name.name
        var first = base?.firstYear
        var last = base?.lastYear
        if let years = decl.years {
            guard years.first >= 1, years.last <= 9999, years.first <= years.last, years.last - years.first < 1000 else {
                report(Messages.invalidYears, [String(years.first), String(years.last)], at: years.range)
                return nil
            }
            first = years.first
            last = years.last
        }
        guard let firstYear = first, let lastYear = last else {
            report(Messages.calendarYearsMissing, [name], at: decl.header.name.range)
            return nil
        }
        var zone = base?.zone ?? ZoneRules.utc
        if let z = decl.zone {
            guard let rules = ZoneRules.named(z.value) else {
                report(Messages.unknownZone, [z.value], at: z.range)
                return nil
            }
            zone = rules
        }
        var week = base?.week ?? [:]
        var givenHere: [Int: SourceRange] = [:]
        let text = program.files[file].file
        for spec in decl.weeks {
            // Within one line: hours in order without overlaps, and breaks inside them.
            let sorted = spec.hours.sorted { $0.start < $1.start }
            if let clash = zip(sorted, sorted.dropFirst()).first(where: { $0.1.start < $0.0.end }) {
                report(Messages.overlappingHours, [spec.days.map { text.text(of: $0.range) }.joined(separator: " ")], at: clash.1.range)
                continue
            }
            for b in spec.breaks where !spec.hours.contains(where: { $0.start < b.end && b.start < $0.end }) {
                report(Messages.breakOutsideHours, [text.text(of: b.range)], at: b.range)
            }
            for days in spec.days where days.from <= days.to {
                for day in days.from...days.to {
                    if let earlier = givenHere[day] {
                        report(Messages.weekdayGivenTwice, [Formatter.dayName(day), name], at: days.range,
                               notes: [DiagnosticNote(template: Messages.noteGivenFirstHere, arguments: [], range: earlier)])
                        break
                    }
                }
                for day in days.from...days.to { givenHere[day] = days.range }
            }
            let hours = spec.hours.flatMap { WorkInterval.cutting(WorkInterval(start: $0.start, end: $0.end), breaks: spec.breaks.map {
                WorkInterval(start: $0.start, end: $0.end)
            }) }
            for days in spec.days {
                guard days.from <= days.to else {
                    report(Messages.emptyHours, [file == file ? "\(Formatter.dayName(days.from))..\(Formatter.dayName(days.to))" : ""], at: days.range)
                    continue
                }
                for day in days.from...days.to { week[day] = hours }
            }
        }
        var ok = true
        func dates(_ span: DaySpan, _ checker: inout Checker) -> [CivilDate] {
            guard let from = checker.parseDate(span.from) else {
                ok = false
                return []
            }
            let to = span.to.flatMap { checker.parseDate($0) } ?? from
            guard from.year >= firstYear, to.year <= lastYear, from <= to else {
                checker.report(Messages.dateOutsideCalendarYears, [checker.program.files[file].file.text(of: span.range), name,
                                                                   String(firstYear), String(lastYear)], at: span.range)
                ok = false
                return []
            }
            return (from.daysSinceEpoch...to.daysSinceEpoch).map { CivilDate(daysSinceEpoch: $0) }
        }
        var holidays = Set<CivilDate>()
        for span in decl.holidays { holidays.formUnion(dates(span, &self)) }
        var workdays: [CivilDate: [WorkInterval]] = [:]
        // The hours of a transferred working day: the first weekday's (Monday first), deterministic.
        let standard = (1...7).lazy.compactMap { week[$0] }.first { !$0.isEmpty } ?? []
        for spec in decl.workdays {
            let hours = spec.hours.isEmpty ? standard : spec.hours.map { WorkInterval(start: $0.start, end: $0.end) }
            for date in dates(spec.day, &self) { workdays[date] = hours }
        }
        var shortened: [CivilDate: Int32] = [:]
        for spec in decl.shortened {
            for date in dates(spec.day, &self) { shortened[date] = spec.seconds }
        }
        guard ok else { return nil }
        let sources = decl.header.sources.map(\.value)
        if let base {
            var derived = CalendarDefinition.derived(
                from: base, name: name, title: decl.header.title?.value, week: decl.weeks.isEmpty ? nil : week,
                extraHolidays: holidays, extraWorkdays: workdays, extraShortened: shortened, zone: zone,
                firstYear: firstYear, lastYear: lastYear)
            derived.sources += sources
            return derived
        }
        return CalendarDefinition(
            name: name, title: decl.header.title?.value ?? "", firstYear: firstYear, lastYear: lastYear, week: week,
            holidays: holidays, workdays: workdays, shortened: shortened, zone: zone, sources: sources,
            unconfirmed: decl.header.unconfirmed.map { [$0.value] } ?? [])
    }

    /// The calendar a (possibly module-qualified) name denotes in a file.
    func lookupCalendar(_ name: QualifiedName, file: Int) -> Int? {
        let last = name.parts.last!.name
        if name.parts.count == 1 {
            for module in visibleModules(file: file) {
                if let index = calendarNames[module]?[last] { return index }
            }
            return nil
        }
        let module = name.parts.dropLast().map(\.name).joined(separator: ".")
        guard visibleModules(file: file).contains(module) else { return nil }
        return calendarNames[module]?[last]
    }

    func calendarCandidates(_ file: Int) -> [String] {
        visibleModules(file: file).flatMap { calendarNames[$0].map { Array($0.keys) } ?? [] }
    }
}
