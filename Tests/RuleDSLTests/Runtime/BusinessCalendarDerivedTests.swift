import Foundation
import Testing
@testable import RuleDSL

private typealias Fixture = RussianCalendarFixture
private func date(_ text: String) -> CivilDate { Fixture.date(text) }
private func local(_ d: String, _ h: Int, _ m: Int = 0, _ s: Int = 0) -> Int64 { Fixture.local(d, h, m, s) }

/// Working days and hours of `year`.
private func totals(_ calendar: BusinessCalendar, _ year: Int) throws -> (days: Int, hours: Double) {
    let first = CivilDate(year: year, month: 1, day: 1)!, last = CivilDate(year: year, month: 12, day: 31)!
    let seconds = try calendar.workSeconds(fromLocal: Int64(first.daysSinceEpoch) * 86_400, toLocal: Int64(last.daysSinceEpoch + 1) * 86_400)
    return (try calendar.workdays(from: first, to: last), Double(seconds) / 3600)
}

@Suite struct BusinessCalendarDerivedTests {
    @Test func continuousCalendarWorksEveryHour() throws {
        let c = try BusinessCalendar(Fixture.continuousDefinition)
        #expect(try totals(c, 2025) == (365, 8760))
        #expect(try totals(c, 2024) == (366, 8784))
        #expect(try c.isWorkingDay(date("2025-01-01")))
        #expect(try c.addWorkSeconds(3600, toLocal: local("2025-01-01", 23, 30)) == local("2025-01-02", 0, 30))
        #expect(try c.addWorkSeconds(1800, toLocal: local("2025-01-01", 23, 30)) == local("2025-01-02", 0))
        #expect(try c.addWorkSeconds(-86_400 * 3, toLocal: local("2025-01-04", 12)) == local("2025-01-01", 12))
        #expect(try c.addWorkdays(1, to: date("2025-12-31")) == date("2026-01-01"))
        #expect(c.zone === Fixture.moscow)
    }

    /// `ru_24x7` as the rules file derives it: round the clock, but `ru`'s days off and shortened days stay.
    @Test func roundTheClockInheritsDaysOff() throws {
        let c = try BusinessCalendar(Fixture.roundTheClockDefinition)
        // 2025: 19 listed days off; 4 shortened days of 23 h.
        #expect(try totals(c, 2025) == (346, 346 * 24 - 4))
        #expect(try !c.isWorkingDay(date("2025-01-04")))
        #expect(try c.isWorkingDay(date("2025-01-11")))
        #expect(try c.workingSeconds(on: date("2025-11-01")) == 23 * 3600)
        // 31 Dec – 9 Jan are off; Saturday 10 Jan is not a holiday, so round the clock it works.
        #expect(try c.addWorkSeconds(3600, toLocal: local("2025-12-30", 23, 30)) == local("2026-01-10", 0, 30))
    }

    /// `ru_six_day`: Monday–Friday 7 h, Saturday 5 h. A transferred working day keeps working a
    /// regular weekday (7 h, here minus the pre-holiday hour); the days off are `ru`'s. (A real
    /// six-day production calendar has transfers of its own; the derivation does not invent them.)
    @Test func sixDayWeek() throws {
        let c = try BusinessCalendar(Fixture.sixDayDefinition)
        // 2025: 365 − 52 Sundays − 17 holidays on Monday–Saturday; 246 weekdays × 7 h − 3 shortened
        // weekdays + 49 Saturdays × 5 h + 6 h on the shortened working Saturday 1 Nov.
        #expect(try totals(c, 2025) == (296, 1970))
        #expect(try c.workingSeconds(on: date("2025-03-15")) == 5 * 3600)
        #expect(try c.workingSeconds(on: date("2025-11-01")) == 6 * 3600)
        #expect(try c.workingSeconds(on: date("2025-03-07")) == 6 * 3600)
        #expect(try c.addWorkdays(1, to: date("2025-03-14")) == date("2025-03-15"))
        #expect(try c.addWorkSeconds(3600, toLocal: local("2025-03-14", 16, 30)) == local("2025-03-15", 9, 30))
        #expect(try c.addWorkSeconds(6 * 3600, toLocal: local("2025-03-15", 10)) == local("2025-03-17", 11))
    }

    /// An illustrative regional calendar (shaped like Tatarstan's: republic holidays on top of the
    /// federal calendar; the dates are examples, not checked against a regional law).
    @Test func regionalCalendarWithExtraHolidays() throws {
        let regional = CalendarDefinition.derived(
            from: Fixture.definition, name: "ru_regional",
            extraHolidays: [date("2025-03-30"), date("2025-06-06"), date("2025-08-30"), date("2025-11-06")],
            extraShortened: [date("2025-06-05"): 3600, date("2025-11-05"): 3600])
        let c = try BusinessCalendar(regional)
        #expect(try totals(c, 2025) == (245, 1972 - 16 - 2))
        #expect(try totals(c, 2024) == (248, 1979))
        #expect(try c.addWorkdays(1, to: date("2025-06-05")) == date("2025-06-09"))
        #expect(try Fixture.calendar.addWorkdays(1, to: date("2025-06-05")) == date("2025-06-06"))
        #expect(try c.workingHours(on: date("2025-11-05")).last?.end == 17 * 3600)

        // An extra holiday on an inherited working Saturday wins, and its shortening goes with it.
        let noSaturday = CalendarDefinition.derived(from: Fixture.definition, name: "x", extraHolidays: [date("2025-11-01")])
        #expect(noSaturday.workdays[date("2025-11-01")] == nil && noSaturday.shortened[date("2025-11-01")] == nil)
        #expect(try !BusinessCalendar(noSaturday).isWorkingDay(date("2025-11-01")))
        #expect(try totals(BusinessCalendar(noSaturday), 2025) == (246, 1965))
    }

    @Test func derivationKeepsTheBaseAndCanNarrowTheYears() throws {
        let narrowed = try BusinessCalendar(CalendarDefinition.derived(from: Fixture.definition, name: "ru_2025", firstYear: 2025, lastYear: 2025))
        #expect(try totals(narrowed, 2025) == (247, 1972))
        #expect(throws: CalendarError.outOfRange(date("2024-12-31"), firstYear: 2025, lastYear: 2025)) {
            try narrowed.isWorkingDay(date("2024-12-31"))
        }
        #expect(throws: CalendarError.outOfRange(date("2024-12-31"), firstYear: 2025, lastYear: 2025)) {
            try narrowed.addWorkdays(-1, to: date("2025-01-09"))
        }
        let stray = CalendarDefinition.derived(from: Fixture.definition, name: "x", extraHolidays: [date("2030-01-02")], lastYear: 2025)
        #expect(throws: CalendarError.invalidDefinition("holiday 2030-01-02 is outside the calendar's years 2023…2025")) {
            try BusinessCalendar(stray)
        }
        let d = CalendarDefinition.derived(from: Fixture.definition, name: "copy", title: "Копия")
        #expect(d.holidays == Fixture.definition.holidays && d.shortened == Fixture.definition.shortened)
        #expect(d.title == "Копия" && d.sources == Fixture.definition.sources)
        #expect(Fixture.definition.standardHours == Fixture.standardDay)
        #expect(WorkInterval.cutting(WorkInterval(9, 0, 18, 0)!, breaks: [WorkInterval(13, 0, 14, 0)!]) == Fixture.standardDay)
        #expect(WorkInterval(0, 0, 24, 0) == WorkInterval(start: 0, end: 86_400))
        #expect(WorkInterval(24, 0, 24, 30) == nil)
        #expect(WorkInterval(9, 0, 13, 0)!.description == "09:00-13:00")
    }

    /// rules/calendars/ru.rules carries the same data as the Swift fixture (checked by reading its
    /// `holiday`, `workday` and `short` lines, until the rule language parses calendars).
    @Test func rulesFileMatchesTheFixture() throws {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }
        let text = try String(contentsOf: url.appendingPathComponent("rules/calendars/ru.rules"), encoding: .utf8)
        var holidays = Set<CivilDate>(), workdays = Set<CivilDate>(), shortened = Set<CivilDate>()
        var inRu = false, years = "", zone = "", week = ""
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = (raw.range(of: "//").map { raw[..<$0.lowerBound] } ?? raw[...]).trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("calendar ru \"") { inRu = true; continue }
            guard inRu else { continue }
            if line == "}" { break }
            guard let space = line.firstIndex(of: " ") else { continue }
            let keyword = line[..<space], rest = line[line.index(after: space)...]
            func dates() throws -> [CivilDate] {
                try rest.split(separator: ",").flatMap { item -> [CivilDate] in
                    let bounds = item.trimmingCharacters(in: .whitespaces).components(separatedBy: "..")
                    let a = try #require(CivilDate(iso: bounds[0])), b = try #require(CivilDate(iso: bounds[bounds.count - 1]))
                    return (a.daysSinceEpoch...b.daysSinceEpoch).map { CivilDate(daysSinceEpoch: $0) }
                }
            }
            switch keyword {
            case "holiday": holidays.formUnion(try dates())
            case "workday": workdays.formUnion(try dates())
            case "short": shortened.formUnion(try dates())
            case "years": years = String(rest)
            case "zone": zone = String(rest)
            case "week": week = String(rest)
            default: break
            }
        }
        #expect(holidays == Fixture.definition.holidays)
        #expect(workdays == Set(Fixture.workingSaturdays))
        #expect(shortened == Set(Fixture.shortenedDays))
        #expect(years == "2023..2026" && zone == "\"Europe/Moscow\"" && week == "mon..fri 09:00-18:00 break 13:00-14:00")
    }
}
