import Foundation
import RuleDSL

/// `etalon calendar RULES --calendar NAME workdays|add|show …`: working-time arithmetic on a declared calendar.
enum CalendarCommand: Command {
    static let name = "calendar"
    static let synopsis = """
        PATH… --calendar NAME workdays FROM TO
               etalon calendar PATH… --calendar NAME add START AMOUNT UNIT [--tz ZONE]
               etalon calendar PATH… --calendar NAME show YEAR
        """
    static let summary = "Working days and hours on a production calendar: count, add, show a year."
    static let details = """
        workdays FROM TO    working days from FROM to TO, both inclusive (2025-01-01 2025-01-31 → 17 on the
                            Russian calendar)
        add START AMOUNT UNIT
                            the moment AMOUNT units after START; UNIT is workdays, workhours, hours, days or
                            minutes. START is a date (for workdays and days) or a date-time with a zone
                            (2025-01-09T17:00:00+03:00); --tz ZONE counts the calendar's hours in that zone
                            (a Kamchatka office works 09:00–18:00 Kamchatka time) and reads a START without zone there.
        show YEAR           month by month: working days, days off and working hours, with the year's totals
                            — to hold against the official calendar.
        Dates outside the calendar's years are an error, never a guess.
        """
    static let options = [
        OptionSpec(name: "calendar", value: "NAME", help: "The calendar (as declared in the rules)."),
        OptionSpec(name: "tz", value: "ZONE", help: "IANA time zone for work-hour arithmetic (default: the calendar's)."),
        OptionSpec(name: "format", value: "text|json", help: "Readable text (default) or JSON."),
        CommonOptions.lang,
    ]

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        let verbs = ["workdays", "add", "show"]
        guard let verbIndex = arguments.positional.firstIndex(where: verbs.contains) else {
            throw UsageError(message: "say what to do: workdays FROM TO, add START AMOUNT UNIT, or show YEAR")
        }
        let paths = Array(arguments.positional[..<verbIndex])
        let verb = arguments.positional[verbIndex]
        let rest = Array(arguments.positional[(verbIndex + 1)...])
        guard let name = arguments.value("calendar") else { throw UsageError(message: "--calendar NAME is required") }
        let json = try arguments.choice("format", ["text", "json"], default: "text") == "json"
        var zone: ZoneRules?
        if let tz = arguments.value("tz") {
            guard let z = ZoneRules.named(tz) else { throw UsageError(message: "--tz: unknown time zone ‘\(tz)’ (use an IANA name such as Asia/Kamchatka)") }
            zone = z
        }
        guard let result = try RuleLoading.compile(paths, context), let ruleSet = result.ruleSet else { return 1 }
        guard let calendar = ruleSet.calendar(named: name) else {
            let known = ruleSet.calendarNames.joined(separator: ", ")
            context.error("error: no calendar ‘\(name)’ in the rules" + (known.isEmpty ? "" : "; calendars: \(known)"))
            return 1
        }
        let out = context.stdout
        let ru = context.language == .ru
        do {
            switch verb {
            case "workdays":
                guard rest.count == 2, let from = CivilDate(iso: rest[0]), let to = CivilDate(iso: rest[1]) else {
                    throw UsageError(message: "workdays needs two dates: workdays 2025-01-01 2025-01-31")
                }
                let n = try calendar.workdays(from: from, to: to)
                out.line(json ? JSONWriter.object([("calendar", JSONWriter.quote(name)), ("from", JSONWriter.quote(from.description)),
                                                   ("to", JSONWriter.quote(to.description)), ("workdays", String(n))]) : String(n))
            case "add":
                guard rest.count == 3, let amount = Int64(rest[1]) else {
                    throw UsageError(message: "add needs START AMOUNT UNIT: add 2025-01-09T17:00:00+03:00 6 workhours")
                }
                let unit = rest[2]
                let moment: String
                switch unit {
                case "workdays", "workday", "days", "day":
                    guard let start = CivilDate(iso: rest[0]) else { throw UsageError(message: "\(unit) are added to a date: 2025-04-30") }
                    guard let n = Int(exactly: amount), abs(n) < 1_000_000 else { throw UsageError(message: "amount too large") }
                    if unit.hasPrefix("work") {
                        moment = try calendar.addWorkdays(n, to: start).description
                    } else {
                        guard let d = start.adding(days: n) else { throw UsageError(message: "the date would leave years 1–9999") }
                        moment = d.description
                    }
                case "workhours", "workhour", "work-hours", "hours", "hour", "minutes", "minute":
                    let defaultZone = zone ?? calendar.zone
                    guard let start = DateTimeValue(iso: rest[0], defaultZone: defaultZone) else {
                        throw UsageError(message: "‘\(rest[0])’ is not a date-time (2025-01-09T17:00:00+03:00)")
                    }
                    let perUnit: Int64 = unit.hasPrefix("minute") ? 60 : 3600
                    let (seconds, overflow) = amount.multipliedReportingOverflow(by: perUnit)
                    guard !overflow else { throw UsageError(message: "amount too large") }
                    if unit.hasPrefix("work") {
                        moment = try calendar.addWorkSeconds(seconds, to: start, zone: zone).inZone(defaultZone).description
                    } else {
                        guard let t = start.adding(seconds: seconds) else { throw UsageError(message: "the moment would leave years 1–9999") }
                        moment = t.inZone(defaultZone).description
                    }
                default:
                    throw UsageError(message: "unknown unit ‘\(unit)’: use workdays, workhours, hours, days or minutes")
                }
                out.line(json ? JSONWriter.object([("calendar", JSONWriter.quote(name)), ("start", JSONWriter.quote(rest[0])),
                                                   ("amount", String(amount)), ("unit", JSONWriter.quote(unit)),
                                                   ("result", JSONWriter.quote(moment))]) : moment)
            default:  // show
                guard rest.count == 1, let year = Int(rest[0]) else { throw UsageError(message: "show needs a year: show 2025") }
                try show(calendar, year: year, json: json, ru: ru, out: out)
            }
        } catch let error as CalendarError {
            switch error {
            case .outOfRange(let date, let first, let last):
                context.error(ru ? "ошибка: \(date.russianText) вне лет календаря «\(name)» (\(first)–\(last))"
                                 : "error: \(date) is outside the years of calendar ‘\(name)’ (\(first)–\(last))")
            case .overlappingHours(let weekday):
                context.error("error: overlapping hours on weekday \(weekday)")
            case .invalidDefinition(let why):
                context.error("error: \(why)")
            }
            return 1
        }
        return 0
    }

    private static func show(_ calendar: BusinessCalendar, year: Int, json: Bool, ru: Bool, out: StandardOutput) throws(CalendarError) {
        let monthsRu = ["Январь", "Февраль", "Март", "Апрель", "Май", "Июнь", "Июль", "Август", "Сентябрь", "Октябрь", "Ноябрь", "Декабрь"]
        let monthsEn = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
        var rows: [(Int, Int, Int64)] = []
        for month in 1...12 {
            guard let first = CivilDate(year: year, month: month, day: 1) else { continue }
            let last = first.endOfMonth
            let working = try calendar.workdays(from: first, to: last)
            let seconds = try calendar.workingSeconds(from: first, through: last)
            rows.append((working, CivilDate.days(from: first, to: last) + 1 - working, seconds))
        }
        let hours = { (s: Int64) -> String in
            let h = ExactDecimal(s)
            return ((try? h.divided(by: ExactDecimal(3600))) ?? h).formatted(ru ? .russian : .english)
        }
        if json {
            let months = rows.enumerated().map { i, r in
                JSONWriter.object([("month", String(i + 1)), ("working_days", String(r.0)), ("days_off", String(r.1)),
                                   ("working_hours", (try? ExactDecimal(r.2).divided(by: ExactDecimal(3600)))?.description ?? "0")])
            }
            out.line(JSONWriter.object([
                ("calendar", JSONWriter.quote(calendar.name)), ("year", String(year)), ("months", JSONWriter.array(months)),
                ("working_days", String(rows.map(\.0).reduce(0, +))), ("days_off", String(rows.map(\.1).reduce(0, +))),
                ("working_hours", (try? ExactDecimal(rows.map(\.2).reduce(0, +)).divided(by: ExactDecimal(3600)))?.description ?? "0"),
            ]))
            return
        }
        out.line(ru ? "\(calendar.name): \(year)" : "\(calendar.name): \(year)")
        out.line((ru ? "месяц" : "month").padding(toLength: 12, withPad: " ", startingAt: 0)
            + (ru ? "рабочих дней  выходных  рабочих часов" : "working days  days off  working hours"))
        for (i, r) in rows.enumerated() {
            let name = (ru ? monthsRu : monthsEn)[i].padding(toLength: 12, withPad: " ", startingAt: 0)
            out.line(name + String(r.0).padding(toLength: 14, withPad: " ", startingAt: 0) + String(r.1).padding(toLength: 10, withPad: " ", startingAt: 0)
                + hours(r.2))
        }
        let total = (ru ? "Итого" : "Total").padding(toLength: 12, withPad: " ", startingAt: 0)
        out.line(total + String(rows.map(\.0).reduce(0, +)).padding(toLength: 14, withPad: " ", startingAt: 0)
            + String(rows.map(\.1).reduce(0, +)).padding(toLength: 10, withPad: " ", startingAt: 0) + hours(rows.map(\.2).reduce(0, +)))
    }
}
