/// A span of working time within one day, in seconds from local midnight: `start ..< end`.
///
/// 09:00–13:00 is `WorkInterval(start: 32_400, end: 46_800)`. A valid interval has
/// `0 ≤ start < end ≤ 86_400` (`end == 86_400` is 24:00, the end of the day); `BusinessCalendar`
/// checks that when it is built, so any value can be stored here.
public struct WorkInterval: Sendable, Hashable, CustomStringConvertible {
    /// Opening, in seconds from local midnight (inclusive).
    public let start: Int32
    /// Closing, in seconds from local midnight (exclusive); at most 86 400 (24:00).
    public let end: Int32

    /// The interval `start ..< end` (no validation; see the type documentation).
    public init(start: Int32, end: Int32) {
        self.start = start
        self.end = end
    }

    /// The interval from `fromHour:fromMinute` to `toHour:toMinute` (24:00 allowed as the end),
    /// or nil unless both are wall-clock times of one day (hours 0…24, minutes 0…59, nothing after 24:00).
    public init?(_ fromHour: Int, _ fromMinute: Int, _ toHour: Int, _ toMinute: Int) {
        guard fromHour >= 0, fromHour <= 24, toHour >= 0, toHour <= 24,
              fromMinute >= 0, fromMinute < 60, toMinute >= 0, toMinute < 60 else { return nil }
        let s = fromHour * 3600 + fromMinute * 60, e = toHour * 3600 + toMinute * 60
        guard s <= 86_400, e <= 86_400 else { return nil }
        self.init(start: Int32(s), end: Int32(e))
    }

    /// Length in seconds (`end − start`; negative for an invalid interval, never traps).
    public var seconds: Int64 { Int64(end) - Int64(start) }

    /// `09:00-13:00`.
    public var description: String {
        func hm(_ v: Int32) -> String {
            let m = Int(v) / 60
            return CivilDate.two(m / 60) + ":" + CivilDate.two(m % 60)
        }
        return hm(start) + "-" + hm(end)
    }

    /// A working day `span` with the `breaks` cut out: `09:00-18:00 break 13:00-14:00` gives
    /// `[09:00-13:00, 14:00-18:00]`. Breaks are clipped to the span and may come in any order;
    /// empty pieces are dropped. The rule language's `week … break …` maps onto this.
    public static func cutting(_ span: WorkInterval, breaks: [WorkInterval]) -> [WorkInterval] {
        var pieces = [span]
        for b in breaks.sorted(by: { $0.start < $1.start }) {
            var next: [WorkInterval] = []
            for p in pieces {
                if b.end <= p.start || b.start >= p.end { next.append(p); continue }
                if b.start > p.start { next.append(WorkInterval(start: p.start, end: b.start)) }
                if b.end < p.end { next.append(WorkInterval(start: b.end, end: p.end)) }
            }
            pieces = next
        }
        return pieces
    }
}

/// Why a business calendar could not be built or could not answer.
public enum CalendarError: Error, Sendable, Hashable {
    /// The date (given, or reached by the arithmetic) lies outside the years the calendar covers.
    /// When a result would leave the coverage, the date named is the first day beyond it
    /// (January 1 after `lastYear`, or December 31 before `firstYear`).
    case outOfRange(CivilDate, firstYear: Int, lastYear: Int)
    /// The working intervals of this ISO weekday (1 = Monday … 7 = Sunday) are unsorted or overlap.
    case overlappingHours(weekday: Int)
    /// Any other defect of the definition; the text names the offending date or field.
    case invalidDefinition(String)
}

/// A calendar's definition, as the rule language declares it: the weekly pattern of working hours
/// over a range of years plus the exceptions of a production calendar (holidays, transferred
/// working days, shortened pre-holiday days). Plain data; `BusinessCalendar(_:)` validates it.
public struct CalendarDefinition: Sendable {
    /// Identifier of the calendar in the rule language (`ru`, `ru_24x7`).
    public var name: String
    /// Human-readable title ("Производственный календарь РФ (пятидневка, 40 часов)").
    public var title: String
    /// First year covered (inclusive).
    public var firstYear: Int
    /// Last year covered (inclusive).
    public var lastYear: Int
    /// ISO weekday 1…7 → the working intervals of that weekday, sorted and non-overlapping.
    /// A missing or empty entry is a day off.
    public var week: [Int: [WorkInterval]]
    /// Days off that the week pattern would make working: public holidays and transferred days off.
    /// Dates that are already off (a holiday on a Sunday) may be listed too and change nothing.
    public var holidays: Set<CivilDate>
    /// Working days outside the week pattern (a transferred working Saturday), with their hours.
    public var workdays: [CivilDate: [WorkInterval]]
    /// Shortened (pre-holiday) working days: working seconds taken off the end of the day
    /// (3600 = one hour; with 09:00–13:00, 14:00–18:00 the day ends at 17:00).
    public var shortened: [CivilDate: Int32]
    /// The zone whose wall clock the hours refer to when a query names no zone.
    public var zone: ZoneRules
    /// Where the data comes from (acts, decrees), as the rule language's `source` lines state it.
    public var sources: [String]
    /// Notes on data not yet checked against the official text (`unconfirmed` lines).
    public var unconfirmed: [String]

    /// A definition from its parts; see the properties. Nothing is checked here.
    public init(name: String, title: String = "", firstYear: Int, lastYear: Int,
                week: [Int: [WorkInterval]], holidays: Set<CivilDate> = [],
                workdays: [CivilDate: [WorkInterval]] = [:], shortened: [CivilDate: Int32] = [:],
                zone: ZoneRules, sources: [String] = [], unconfirmed: [String] = []) {
        self.name = name
        self.title = title
        self.firstYear = firstYear
        self.lastYear = lastYear
        self.week = week
        self.holidays = holidays
        self.workdays = workdays
        self.shortened = shortened
        self.zone = zone
        self.sources = sources
        self.unconfirmed = unconfirmed
    }

    /// The hours of a regular working day: those of the first weekday (Monday first) that has any.
    /// A working day declared without hours (`workday 2024-04-27` in the rule language) works these.
    public var standardHours: [WorkInterval] {
        for weekday in 1...7 {
            if let hours = week[weekday], !hours.isEmpty { return hours }
        }
        return []
    }

    /// Whether `date` works under this definition (ignoring the covered years): a listed workday,
    /// else not a holiday and a weekday with hours.
    public func isWorkingDay(_ date: CivilDate) -> Bool {
        if workdays[date] != nil { return true }
        if holidays.contains(date) { return false }
        return !(week[date.weekday] ?? []).isEmpty
    }

    /// A calendar derived from `base`: a round-the-clock or six-day variant of a production
    /// calendar, or a regional one with extra holidays.
    ///
    /// - `week`: a new weekly pattern (nil keeps the base's). With a new week, the base's transferred
    ///   working days keep their dates but work `workdayHours` (default: the new week's
    ///   `standardHours`), since the base's hours belong to the base's week.
    /// - `inheritDaysOff`: keep the base's holidays and transferred working days (default). Pass
    ///   false for a true 24×7 calendar that works on public holidays too.
    /// - `inheritShortened`: keep the base's shortened days (default); a shortened day that is not a
    ///   working day of the result is dropped.
    /// - `extraHolidays`: further days off (regional holidays); they win over an inherited workday
    ///   or shortened entry on the same date (and over `extraWorkdays`). `extraWorkdays` and
    ///   `extraShortened` add to (and replace on the same date) what is inherited.
    /// - `title`, `zone`, `firstYear`, `lastYear`: nil keeps the base's. Changed years drop the
    ///   inherited holidays, workdays and shortened days outside them (the extra ones are kept, so
    ///   a stray extra date is still reported when the calendar is built).
    ///
    /// Sources and unconfirmed notes are inherited. The result is validated when a
    /// `BusinessCalendar` is built from it.
    public static func derived(
        from base: CalendarDefinition, name: String, title: String? = nil,
        week: [Int: [WorkInterval]]? = nil, workdayHours: [WorkInterval]? = nil,
        inheritDaysOff: Bool = true, inheritShortened: Bool = true,
        extraHolidays: Set<CivilDate> = [], extraWorkdays: [CivilDate: [WorkInterval]] = [:],
        extraShortened: [CivilDate: Int32] = [:], zone: ZoneRules? = nil,
        firstYear: Int? = nil, lastYear: Int? = nil
    ) -> CalendarDefinition {
        var result = base
        result.name = name
        if let title { result.title = title }
        if let zone { result.zone = zone }
        if let firstYear { result.firstYear = firstYear }
        if let lastYear { result.lastYear = lastYear }
        if firstYear != nil || lastYear != nil {
            let (from, to) = (result.firstYear, result.lastYear)
            func covered(_ d: CivilDate) -> Bool { d.year >= from && d.year <= to }
            result.holidays = result.holidays.filter(covered)
            result.workdays = result.workdays.filter { covered($0.key) }
            result.shortened = result.shortened.filter { covered($0.key) }
        }
        if let week {
            result.week = week
            let hours = workdayHours ?? result.standardHours
            result.workdays = result.workdays.mapValues { _ in hours }
        } else if let workdayHours {
            result.workdays = result.workdays.mapValues { _ in workdayHours }
        }
        if !inheritDaysOff {
            result.holidays = []
            result.workdays = [:]
        }
        if !inheritShortened { result.shortened = [:] }
        for (date, hours) in extraWorkdays {
            result.workdays[date] = hours
            result.holidays.remove(date)
        }
        for date in extraHolidays {
            result.holidays.insert(date)
            result.workdays[date] = nil
            result.shortened[date] = nil
        }
        result.shortened = result.shortened.filter { result.isWorkingDay($0.key) }
        for (date, cut) in extraShortened { result.shortened[date] = cut }
        return result
    }
}
