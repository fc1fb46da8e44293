/// `calendar` declarations: production calendars for working-time arithmetic.
extension Parser {
    static let weekdayNames = ["mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6, "sun": 7]

    mutating func parseCalendar() -> CalendarDecl? {
        guard var header = parseRuleHeader(context: "calendar", subject: false) else { return nil }
        var base: QualifiedName?
        if consumeWord("from") { base = parseQualifiedName(context: "calendar \(header.name.name) from") }
        parseBlockPrelude(&header, kind: "calendar")
        var decl = CalendarDecl(header: header, base: base)
        let context = "calendar \(header.name.name)"
        guard expect(.leftBrace, context: context) else { return decl }
        blockDepth += 1
        defer { blockDepth -= 1 }
        while !at(.rightBrace), !at(.endOfFile), !atDeclarationStart {
            bailing = false
            let start = current.range
            if parseCommonClause(&decl.header) { continue }
            guard at(.identifier) else {
                report(Messages.unexpectedInBlock, [describe(current), context], at: current.range)
                skipToLineStart()
                continue
            }
            let word = current.text
            advance()
            switch word {
            case "years":
                guard let first = expectInteger(context: "years"), expect(.dotDot, context: "years"),
                    let last = expectInteger(context: "years")
                else {
                    skipToLineStart()
                    continue
                }
                if decl.years != nil { report(Messages.duplicateClause, ["years"], at: start) }
                decl.years = YearSpan(first: first, last: last, range: start.union(previousRange))
            case "zone":
                if let zone = expectString(context: "zone") {
                    if decl.zone != nil { report(Messages.duplicateClause, ["zone"], at: start) }
                    decl.zone = zone
                }
            case "week":
                repeat {
                    if let week = parseWeekSpec(context: context) { decl.weeks.append(week) }
                } while consume(.comma)
            case "holiday":
                repeat {
                    if let span = parseDaySpan(context: "holiday") { decl.holidays.append(span) }
                } while consume(.comma)
            case "workday":
                repeat {
                    guard let span = parseDaySpan(context: "workday") else { break }
                    var hours: [TimeSpan] = []
                    while at(.timeOfDay), let t = parseTimeSpan(context: "workday") { hours.append(t) }
                    decl.workdays.append(WorkdaySpec(day: span, hours: hours))
                } while consume(.comma)
            case "short":
                repeat {
                    guard let span = parseDaySpan(context: "short") else { break }
                    var seconds: Int32 = 3600
                    if consumeWord("by") {
                        if let n = expectInteger(context: "short … by"), let unit = expectIdentifier(context: "short … by") {
                            switch DurationUnit(word: unit.name) {
                            case .hours?: seconds = Int32(clamping: n * 3600)
                            case .minutes?: seconds = Int32(clamping: n * 60)
                            default: report(Messages.shortenByUnit, [unit.name], at: unit.range)
                            }
                        }
                    }
                    decl.shortened.append(ShortSpec(day: span, seconds: seconds))
                } while consume(.comma)
            default:
                report(Messages.unexpectedClause, ["‘\(word)’", context, "years, zone, week, holiday, workday, short, source, unconfirmed, note"],
                       at: start)
                if !current.startsLine { skipToLineStart() }
                continue
            }
            if !at(.rightBrace), !current.startsLine, !at(.endOfFile) {
                report(Messages.unexpectedInBlock, [describe(current), context], at: current.range)
                skipToLineStart()
            }
        }
        expect(.rightBrace, context: context)
        return decl
    }

    /// `mon..fri 09:00-18:00 [09:00-…] [break 13:00-14:00]`
    private mutating func parseWeekSpec(context: String) -> WeekSpec? {
        let start = current.range
        var days: [DayRange] = []
        while at(.identifier), let first = Self.weekdayNames[current.text] {
            let dayStart = current.range
            advance()
            var last = first
            if consume(.dotDot) {
                guard at(.identifier), let l = Self.weekdayNames[current.text] else {
                    reportExpected("a weekday (mon, tue, wed, thu, fri, sat, sun)", context: "week")
                    return nil
                }
                last = l
                advance()
            }
            days.append(DayRange(from: first, to: last, range: dayStart.union(previousRange)))
            if !(at(.identifier) && Self.weekdayNames[current.text] != nil) { break }
        }
        guard !days.isEmpty else {
            reportExpected("a weekday (mon, tue, wed, thu, fri, sat, sun)", context: "week")
            return nil
        }
        var hours: [TimeSpan] = []
        while at(.timeOfDay), let span = parseTimeSpan(context: "week") { hours.append(span) }
        var breaks: [TimeSpan] = []
        if consumeWord("break") {
            while at(.timeOfDay), let span = parseTimeSpan(context: "break") { breaks.append(span) }
        }
        if hours.isEmpty, !consumeWord("off") {
            reportExpected("working hours (09:00-18:00) or ‘off’", context: "week")
        }
        return WeekSpec(days: days, hours: hours, breaks: breaks, range: start.union(previousRange))
    }

    /// `09:00-18:00`
    private mutating func parseTimeSpan(context: String) -> TimeSpan? {
        let start = current.range
        guard let from = expectTime(context: context), expect(.minus, context: context), let to = expectTime(context: context) else {
            return nil
        }
        let range = start.union(previousRange)
        if from >= to { report(Messages.emptyHours, [file.text(of: range)], at: range) }
        return TimeSpan(start: from, end: to, range: range)
    }

    private mutating func expectTime(context: String) -> Int32? {
        guard at(.timeOfDay) else {
            reportExpected("a time of day (09:00)", context: context)
            return nil
        }
        let token = current
        advance()
        let parts = token.text.split(separator: ":").compactMap { Int32($0) }
        guard parts.count >= 2, parts[0] <= 24, parts[1] < 60, parts.count < 3 || parts[2] < 60,
            parts[0] < 24 || (parts[1] == 0 && (parts.count < 3 || parts[2] == 0))
        else {
            report(Messages.invalidTime, [token.text], at: token.range)
            return nil
        }
        return parts[0] * 3600 + parts[1] * 60 + (parts.count > 2 ? parts[2] : 0)
    }

    /// `2025-01-01` or `2025-01-01..2025-01-08`
    private mutating func parseDaySpan(context: String) -> DaySpan? {
        let start = current.range
        guard let from = expectDate(context: context) else { return nil }
        var to: DateLiteral?
        if consume(.dotDot) { to = expectDate(context: context) }
        return DaySpan(from: from, to: to, range: start.union(previousRange))
    }

    private mutating func expectInteger(context: String) -> Int? {
        guard at(.integer), let n = Int(current.text.filter { $0 != "_" }) else {
            reportExpected("a whole number", context: context)
            return nil
        }
        advance()
        return n
    }
}
