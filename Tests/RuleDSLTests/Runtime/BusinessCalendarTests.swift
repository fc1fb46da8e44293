import Foundation
import Testing
@testable import RuleDSL

private typealias Fixture = RussianCalendarFixture
private let ru = Fixture.calendar
private func date(_ text: String) -> CivilDate { Fixture.date(text) }
private func local(_ d: String, _ h: Int, _ m: Int = 0, _ s: Int = 0) -> Int64 { Fixture.local(d, h, m, s) }

/// The UTC instant of a UTC wall-clock time, shown in `zone`.
private func instant(_ d: String, _ h: Int, _ m: Int = 0, zone: ZoneRules = .utc) -> DateTimeValue {
    DateTimeValue(utcSeconds: local(d, h, m), zone: zone)
}

/// `.outOfRange` on the Russian calendar naming `d`.
private func outOfRange(_ d: String) -> CalendarError { .outOfRange(date(d), firstYear: 2023, lastYear: 2026) }

@Suite struct BusinessCalendarTests {
    // MARK: - Official totals (labour-law-ru.md § 5)

    @Test(arguments: [(2023, 247, 1973), (2024, 248, 1979), (2025, 247, 1972), (2026, 247, 1972)])
    func officialYearlyTotals(year: Int, workdays: Int, hours: Int) throws {
        let first = try #require(CivilDate(year: year, month: 1, day: 1))
        let last = try #require(CivilDate(year: year, month: 12, day: 31))
        #expect(try ru.workdays(from: first, to: last) == workdays)
        let seconds = try ru.workSeconds(fromLocal: Int64(first.daysSinceEpoch) * 86_400,
                                         toLocal: Int64(last.daysSinceEpoch + 1) * 86_400)
        #expect(seconds == Int64(hours) * 3600)
        #expect(CivilDate.days(from: first, to: last) + 1 - workdays == 118)
    }

    @Test func january2025Has17WorkingDays() throws {
        #expect(try ru.workdays(from: date("2025-01-01"), to: date("2025-01-31")) == 17)
        #expect(try ru.workdays(from: date("2025-01-31"), to: date("2025-01-01")) == -17)
        #expect(try ru.workdays(from: date("2025-01-04"), to: date("2025-01-04")) == 0)
        #expect(try ru.workdays(from: date("2025-01-09"), to: date("2025-01-09")) == 1)
    }

    /// Rest periods as the press reported them: every day off, and the days around them working.
    @Test(arguments: [
        ("2023-01-01", "2023-01-08"), ("2023-02-23", "2023-02-26"), ("2023-03-08", "2023-03-08"),
        ("2023-04-29", "2023-05-01"), ("2023-05-06", "2023-05-09"), ("2023-06-10", "2023-06-12"),
        ("2023-11-04", "2023-11-06"),
        ("2025-12-31", "2026-01-11"), ("2026-02-21", "2026-02-23"), ("2026-03-07", "2026-03-09"),
        ("2026-05-01", "2026-05-03"), ("2026-05-09", "2026-05-11"), ("2026-06-12", "2026-06-14"),
        ("2026-11-04", "2026-11-04"), ("2026-12-31", "2026-12-31"),
    ])
    func restPeriods(first: String, last: String) throws {
        for day in Fixture.dates(first, last) { #expect(try !ru.isWorkingDay(day), "\(day)") }
        if let before = date(first).adding(days: -1), before >= ru.firstDate { #expect(try ru.isWorkingDay(before), "\(before)") }
        if let after = date(last).adding(days: 1), after <= ru.lastDate { #expect(try ru.isWorkingDay(after), "\(after)") }
    }

    @Test func shortenedAndWorkingSaturdays() throws {
        for day in Fixture.shortenedDays {
            #expect(try ru.workingSeconds(on: day) == 7 * 3600, "\(day)")
            #expect(try ru.workingHours(on: day).last?.end == 17 * 3600, "\(day)")
        }
        for day in ["2024-04-27", "2024-12-28", "2023-04-28", "2025-10-31"].map(date) {
            #expect(try ru.workingSeconds(on: day) == 8 * 3600, "\(day) is a full day")
        }
        for day in Fixture.workingSaturdays { #expect(try ru.isWorkingDay(day) && day.weekday == 6) }
        // 2025: the only six-day week is 27 Oct – 1 Nov; 30 Dec is the last working day.
        #expect(try ru.workdays(from: date("2025-10-27"), to: date("2025-11-01")) == 6)
        #expect(try ru.addWorkdays(-1, to: date("2026-01-01")) == date("2025-12-30"))
        #expect(try ru.workingHours(on: date("2025-03-04")) == Fixture.standardDay)
        #expect(try ru.workingHours(on: date("2025-03-08")).isEmpty)
    }

    // MARK: - Working days

    @Test func startOnAHoliday() throws {
        #expect(try ru.addWorkdays(0, to: date("2025-01-01")) == date("2025-01-09"))
        #expect(try ru.addWorkdays(1, to: date("2025-01-01")) == date("2025-01-09"))
        #expect(try ru.addWorkdays(2, to: date("2025-01-01")) == date("2025-01-10"))
        #expect(try ru.addWorkdays(-1, to: date("2025-01-01")) == date("2024-12-28"))
        #expect(try ru.nextWorkingDay(after: date("2025-01-01")) == date("2025-01-09"))
        #expect(try ru.workingDayOnOrAfter(date("2025-01-09")) == date("2025-01-09"))
        #expect(try ru.addWorkSeconds(3600, toLocal: local("2025-01-01", 12)) == local("2025-01-09", 10))
        #expect(try ru.addWorkSeconds(0, toLocal: local("2025-01-01", 12)) == local("2025-01-09", 9))
    }

    @Test func transferredWorkingSaturday() throws {
        #expect(try ru.isWorkingDay(date("2024-04-27")))
        #expect(try !ru.isWorkingDay(date("2024-04-29")))
        #expect(try ru.addWorkdays(1, to: date("2024-04-26")) == date("2024-04-27"))
        #expect(try ru.addWorkdays(1, to: date("2024-04-27")) == date("2024-05-02"))
        #expect(try ru.previousWorkingDay(before: date("2024-05-02")) == date("2024-04-27"))
        #expect(try ru.addWorkSeconds(3600, toLocal: local("2024-04-27", 17, 30)) == local("2024-05-02", 9, 30))
        // 2 Nov 2024 is a shortened working Saturday: it ends at 17:00, then Sunday and the 4 Nov holiday.
        #expect(try ru.addWorkSeconds(3600, toLocal: local("2024-11-02", 16, 30)) == local("2024-11-05", 9, 30))
        // Back over New Year onto the working Saturday 28 Dec 2024.
        #expect(try ru.addWorkdays(-1, to: date("2025-01-09")) == date("2024-12-28"))
        #expect(try ru.addWorkdays(-2, to: date("2025-01-09")) == date("2024-12-27"))
        #expect(try ru.addWorkSeconds(-3600, toLocal: local("2025-01-09", 9, 30)) == local("2024-12-28", 17, 30))
    }

    @Test func acrossNewYear() throws {
        #expect(try ru.addWorkdays(1, to: date("2023-12-29")) == date("2024-01-09"))
        #expect(try ru.addWorkdays(1, to: date("2025-12-30")) == date("2026-01-12"))
        #expect(try ru.addWorkdays(-1, to: date("2026-01-12")) == date("2025-12-30"))
        #expect(try ru.workdays(from: date("2025-12-29"), to: date("2026-01-12")) == 3)
        #expect(try ru.addWorkSeconds(2 * 3600, toLocal: local("2025-12-30", 17)) == local("2026-01-12", 10))
        #expect(try ru.workSeconds(fromLocal: local("2025-12-30", 12), toLocal: local("2026-01-12", 12)) == 8 * 3600)
    }

    @Test func zeroAndNegativeCounts() throws {
        #expect(try ru.addWorkdays(0, to: date("2025-03-04")) == date("2025-03-04"))
        #expect(try ru.addWorkdays(0, to: date("2025-03-08")) == date("2025-03-10"))
        #expect(try ru.addWorkdays(1, to: date("2025-03-07")) == date("2025-03-10"))
        #expect(try ru.addWorkdays(-1, to: date("2025-03-10")) == date("2025-03-07"))
        #expect(try ru.addWorkdays(-1, to: date("2025-03-09")) == date("2025-03-07"))
        #expect(try ru.addWorkdays(-5, to: date("2025-03-14")) == date("2025-03-07"))
        #expect(try ru.addWorkSeconds(0, toLocal: local("2025-03-04", 10)) == local("2025-03-04", 10))
    }

    // MARK: - Working time

    @Test func shortenedDayEndsAt1700() throws {
        #expect(try ru.addWorkSeconds(3600, toLocal: local("2025-03-07", 16)) == local("2025-03-07", 17))
        #expect(try ru.addWorkSeconds(3601, toLocal: local("2025-03-07", 16)) == local("2025-03-10", 9, 0, 1))
        #expect(try ru.isWorkingMoment(local: local("2025-03-07", 16, 59, 59)))
        #expect(try !ru.isWorkingMoment(local: local("2025-03-07", 17)))
        #expect(try ru.workSeconds(fromLocal: local("2025-03-07", 0), toLocal: local("2025-03-08", 0)) == 7 * 3600)
    }

    @Test func lunchBreak() throws {
        #expect(try ru.addWorkSeconds(0, toLocal: local("2025-03-04", 13, 30)) == local("2025-03-04", 14))
        #expect(try ru.addWorkSeconds(3600, toLocal: local("2025-03-04", 13, 30)) == local("2025-03-04", 15))
        #expect(try ru.addWorkSeconds(3600, toLocal: local("2025-03-04", 12, 30)) == local("2025-03-04", 14, 30))
        #expect(try ru.addWorkSeconds(3600, toLocal: local("2025-03-04", 12)) == local("2025-03-04", 13), "ends at the closing")
        #expect(try ru.addWorkSeconds(-1800, toLocal: local("2025-03-04", 14, 30)) == local("2025-03-04", 14), "ends at the opening")
        #expect(try ru.addWorkSeconds(-3600, toLocal: local("2025-03-04", 14, 30)) == local("2025-03-04", 12, 30))
        #expect(try ru.addWorkSeconds(-1800, toLocal: local("2025-03-04", 13, 30)) == local("2025-03-04", 12, 30))
        #expect(try ru.workSeconds(fromLocal: local("2025-03-04", 12), toLocal: local("2025-03-04", 15)) == 7200)
        #expect(try ru.workSeconds(fromLocal: local("2025-03-04", 13, 10), toLocal: local("2025-03-04", 13, 50)) == 0)
        #expect(try !ru.isWorkingMoment(local: local("2025-03-04", 13)))
    }

    @Test func lastMomentAndOpening() throws {
        #expect(try ru.isWorkingMoment(local: local("2025-03-04", 17, 59, 59)))
        #expect(try ru.addWorkSeconds(1, toLocal: local("2025-03-04", 17, 59, 59)) == local("2025-03-04", 18))
        #expect(try ru.addWorkSeconds(0, toLocal: local("2025-03-04", 18)) == local("2025-03-05", 9))
        #expect(try ru.addWorkSeconds(1, toLocal: local("2025-03-04", 18)) == local("2025-03-05", 9, 0, 1))
        #expect(try ru.workSeconds(fromLocal: local("2025-03-04", 17, 59, 59), toLocal: local("2025-03-05", 9)) == 1)
        #expect(try ru.addWorkSeconds(0, toLocal: local("2025-03-14", 18)) == local("2025-03-17", 9), "Friday close → Monday")
        #expect(try ru.isWorkingMoment(local: local("2025-03-04", 9)))
        #expect(try !ru.isWorkingMoment(local: local("2025-03-04", 8, 59, 59)))
        #expect(try ru.addWorkSeconds(0, toLocal: local("2025-03-04", 9)) == local("2025-03-04", 9))
        #expect(try ru.addWorkSeconds(-1, toLocal: local("2025-03-05", 9)) == local("2025-03-04", 17, 59, 59))
        #expect(try ru.addWorkSeconds(-3600, toLocal: local("2025-03-17", 10)) == local("2025-03-17", 9))
        #expect(try ru.addWorkSeconds(-7200, toLocal: local("2025-03-17", 10)) == local("2025-03-14", 17))
        #expect(try ru.workSeconds(fromLocal: local("2025-03-05", 9), toLocal: local("2025-03-04", 9)) == 0)
    }

    // MARK: - Time zones

    @Test func sameInstantInDifferentZones() throws {
        let kaliningrad = Fixture.zone("Europe/Kaliningrad"), moscow = Fixture.moscow
        let yekaterinburg = Fixture.zone("Asia/Yekaterinburg"), kamchatka = Fixture.zone("Asia/Kamchatka")
        let t = instant("2025-03-04", 6, 30)  // 08:30 Kaliningrad, 09:30 Moscow, 11:30 Yekaterinburg, 18:30 Kamchatka
        #expect(try !ru.isWorkingMoment(t, zone: kaliningrad))
        #expect(try ru.isWorkingMoment(t, zone: moscow))
        #expect(try ru.isWorkingMoment(t))
        #expect(try ru.isWorkingMoment(t, zone: yekaterinburg))
        #expect(try !ru.isWorkingMoment(t, zone: kamchatka))

        #expect(try ru.addWorkSeconds(3600, to: t, zone: kaliningrad) == instant("2025-03-04", 8))
        #expect(try ru.addWorkSeconds(3600, to: t, zone: moscow) == instant("2025-03-04", 7, 30))
        #expect(try ru.addWorkSeconds(3600, to: t) == instant("2025-03-04", 7, 30))
        #expect(try ru.addWorkSeconds(3600, to: t, zone: kamchatka) == instant("2025-03-04", 22))
        #expect(try ru.nextWorkingMoment(t, zone: kamchatka) == instant("2025-03-04", 21))
        #expect(try ru.addWorkSeconds(3600, to: t, zone: kamchatka).zone === ZoneRules.utc, "shown in the value's zone")

        let hourLater = try #require(t.adding(seconds: 3600))
        #expect(try ru.workSeconds(from: t, to: hourLater, zone: kaliningrad) == 1800)
        #expect(try ru.workSeconds(from: t, to: hourLater, zone: moscow) == 3600)
        #expect(try ru.workSeconds(from: t, to: hourLater, zone: kamchatka) == 0)
        #expect(try ru.workSeconds(from: hourLater, to: t, zone: moscow) == 0)

        #expect(try ru.addWorkdays(1, to: t, zone: kamchatka) == instant("2025-03-05", 6, 30))
        #expect(try ru.addWorkdays(1, to: instant("2025-03-07", 13), zone: kamchatka) == instant("2025-03-09", 13),
                "Kamchatka is already on Saturday 8 March")
        #expect(try ru.isWorkingDay(instant("2025-03-07", 13), zone: moscow))
        #expect(try !ru.isWorkingDay(instant("2025-03-07", 13), zone: kamchatka))
    }

    @Test func zonesAcrossADateLine() throws {
        let kamchatka = Fixture.zone("Asia/Kamchatka")
        let t = instant("2025-03-06", 22, 30)  // Kamchatka: Fri 7 Mar 10:30 (shortened day); Moscow: 01:30
        // Kamchatka: 2.5 h + 3 h on 7 Mar (ends 17:00), the rest on Mon 10 Mar → 10:30 local.
        #expect(try ru.addWorkSeconds(7 * 3600, to: t, zone: kamchatka) == instant("2025-03-09", 22, 30))
        // Moscow: opens 09:00, 4 h + 3 h end exactly at the shortened closing 17:00.
        #expect(try ru.addWorkSeconds(7 * 3600, to: t, zone: Fixture.moscow) == instant("2025-03-07", 14))
        let vladivostok = Fixture.zone("Asia/Vladivostok")
        let v = DateTimeValue(utcSeconds: local("2025-03-04", 10) - 10 * 3600, zone: vladivostok)
        #expect(try ru.addWorkSeconds(8 * 3600, to: v, zone: vladivostok).description == "2025-03-05T10:00:00+10:00[Asia/Vladivostok]")
    }

    @Test func zonedDatesOutsideTheYears() throws {
        let kamchatka = Fixture.zone("Asia/Kamchatka")
        let t = instant("2026-12-31", 22)  // 1 Jan 2027 in Kamchatka
        #expect(throws: outOfRange("2027-01-01")) { try ru.addWorkSeconds(0, to: t, zone: kamchatka) }
        #expect(throws: outOfRange("2027-01-01")) { try ru.isWorkingDay(t, zone: kamchatka) }
        #expect(throws: outOfRange("2027-01-01")) { try ru.addWorkdays(0, to: t, zone: kamchatka) }
        // Moscow, 31 Dec 2026 15:00: a day off with no working moment left in the calendar.
        #expect(throws: outOfRange("2027-01-01")) { try ru.addWorkSeconds(0, to: instant("2026-12-31", 12)) }
    }

    // MARK: - Errors

    @Test func datesOutsideTheYears() throws {
        #expect(throws: outOfRange("2022-12-31")) { try ru.isWorkingDay(date("2022-12-31")) }
        #expect(throws: outOfRange("2027-01-01")) { try ru.workingSeconds(on: date("2027-01-01")) }
        #expect(throws: outOfRange("2022-12-31")) { try ru.workdays(from: date("2022-12-31"), to: date("2023-01-10")) }
        #expect(throws: outOfRange("2027-01-01")) { try ru.addWorkdays(1, to: date("2026-12-30")) }
        #expect(throws: outOfRange("2027-01-01")) { try ru.addWorkdays(0, to: date("2026-12-31")) }
        #expect(throws: outOfRange("2022-12-31")) { try ru.addWorkdays(-1, to: date("2023-01-09")) }
        #expect(throws: outOfRange("2027-01-01")) { try ru.addWorkSeconds(3600, toLocal: local("2026-12-30", 17, 30)) }
        #expect(throws: outOfRange("2022-12-31")) { try ru.addWorkSeconds(-3600, toLocal: local("2023-01-09", 9, 30)) }
        #expect(throws: outOfRange("2027-01-01")) { try ru.workSeconds(fromLocal: local("2026-12-01", 0), toLocal: local("2027-01-01", 0, 0, 1)) }
        #expect(try ru.workSeconds(fromLocal: local("2023-01-01", 0), toLocal: local("2027-01-01", 0)) == (1973 + 1979 + 1972 + 1972) * 3600)
        #expect(try ru.addWorkdays(246, to: date("2023-01-09")) == date("2023-12-29"))
        #expect(try ru.addWorkdays(-246, to: date("2026-12-30")) == date("2026-01-12"))
    }

    @Test func extremeInputsNeverTrap() {
        let dates = [CivilDate(daysSinceEpoch: .min), CivilDate(daysSinceEpoch: .max), date("2025-06-01"), date("2026-12-31")]
        for d in dates {
            for n in [Int.min, Int.min + 1, -1_000_000, 1_000_000, Int.max] {
                #expect(throws: CalendarError.self) { try ru.addWorkdays(n, to: d) }
            }
            _ = try? ru.workdays(from: d, to: CivilDate(daysSinceEpoch: .max))
        }
        for t in [Int64.min, Int64.min + 1, -86_400, 0, Int64.max - 1, Int64.max] {
            #expect(throws: CalendarError.self) { try ru.addWorkSeconds(0, toLocal: t) }
            #expect(throws: CalendarError.self) { try ru.workSeconds(fromLocal: t, toLocal: local("2025-01-01", 0)) }
            #expect(throws: CalendarError.self) { try ru.isWorkingMoment(local: t) }
        }
        for s in [Int64.min, Int64.min + 1, -1 << 40, 1 << 40, Int64.max] {
            #expect(throws: CalendarError.self) { try ru.addWorkSeconds(s, toLocal: local("2025-06-02", 12)) }
            let far = DateTimeValue(utcSeconds: Int64.max, zone: Fixture.moscow)
            #expect(throws: CalendarError.self) { try ru.addWorkSeconds(s, to: far, zone: Fixture.zone("Asia/Kamchatka")) }
        }
    }

    @Test func overlappingHoursAreRejected() {
        func build(_ week: [Int: [WorkInterval]]) throws(CalendarError) -> BusinessCalendar {
            try BusinessCalendar(CalendarDefinition(name: "t", firstYear: 2025, lastYear: 2025, week: week, zone: .utc))
        }
        let overlap = [WorkInterval(start: 9 * 3600, end: 13 * 3600), WorkInterval(start: 12 * 3600, end: 18 * 3600)]
        #expect(throws: CalendarError.overlappingHours(weekday: 1)) { try build([1: overlap]) }
        #expect(throws: CalendarError.overlappingHours(weekday: 3)) { try build([1: Fixture.standardDay, 3: Array(Fixture.standardDay.reversed())]) }
        let touching = [WorkInterval(start: 9 * 3600, end: 13 * 3600), WorkInterval(start: 13 * 3600, end: 18 * 3600)]
        #expect(throws: Never.self) { try build([1: touching]) }
        #expect((try? build([1: touching]).workingSeconds(on: date("2025-03-03"))) == 9 * 3600)
    }

    @Test func invalidDefinitionsNameTheProblem() {
        func message(_ change: (inout CalendarDefinition) -> Void) -> String? {
            var d = Fixture.definition
            change(&d)
            do { _ = try BusinessCalendar(d); return nil } catch {
                guard case .invalidDefinition(let text) = error else { return "\(error)" }
                return text
            }
        }
        #expect(message { $0.holidays.insert(date("2027-01-01")) }?.contains("2027-01-01") == true)
        #expect(message { $0.workdays[date("2022-12-31")] = Fixture.standardDay }?.contains("2022-12-31") == true)
        #expect(message { $0.workdays[date("2025-01-02")] = Fixture.standardDay }?.contains("both a holiday and a workday") == true)
        #expect(message { $0.workdays[date("2025-01-11")] = [] }?.contains("2025-01-11") == true)
        #expect(message { $0.shortened[date("2025-03-09")] = 3600 }?.contains("2025-03-09") == true)
        #expect(message { $0.shortened[date("2025-03-04")] = 8 * 3600 }?.contains("2025-03-04") == true)
        #expect(message { $0.shortened[date("2025-03-04")] = 0 }?.contains("2025-03-04") == true)
        #expect(message { $0.week[1] = [WorkInterval(start: 9 * 3600, end: 25 * 3600)] } != nil)
        #expect(message { $0.week[8] = Fixture.standardDay }?.contains("8") == true)
        #expect(message { $0.lastYear = 2022 } != nil)
        #expect(message { $0.firstYear = 0 } != nil)
        #expect(message { $0.firstYear = 1000 } != nil)
        #expect(message { _ in } == nil)
        // Cutting more than the last interval takes time off the one before.
        var long = Fixture.definition
        long.shortened[date("2025-03-04")] = 5 * 3600
        #expect((try? BusinessCalendar(long).workingHours(on: date("2025-03-04"))) == [WorkInterval(start: 9 * 3600, end: 12 * 3600)])
    }
}
