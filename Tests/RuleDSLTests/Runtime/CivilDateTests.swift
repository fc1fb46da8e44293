import Testing
@testable import RuleDSL

private extension SeededGenerator {
    mutating func date() -> CivilDate {
        CivilDate(daysSinceEpoch: Int32(int(in: Int(CivilDate.minDays)...Int(CivilDate.maxDays))))
    }
}

private func d(_ text: String) -> CivilDate {
    guard let date = CivilDate(iso: text) else { fatalError("bad test date \(text)") }
    return date
}

@Suite struct CivilDateTests {
    // MARK: Construction and fields

    @Test(arguments: [
        ("1970-01-01", 0, 4), ("2025-06-01", 20240, 7), ("2000-03-01", 11017, 3), ("0001-01-01", -719_162, 1),
        ("9999-12-31", 2_932_896, 5), ("2024-02-29", 19782, 4), ("1900-03-01", -25508, 4), ("1582-10-15", -141_427, 5),
        ("1969-12-31", -1, 3),
    ])
    func knownDays(text: String, days: Int32, weekday: Int) {
        let date = d(text)
        #expect(date.daysSinceEpoch == days)
        #expect(date.weekday == weekday)
        #expect(date.description == text)
        #expect(CivilDate(daysSinceEpoch: days) == date)
    }

    @Test func supportedRange() {
        #expect(CivilDate.earliest == CivilDate(year: 1, month: 1, day: 1))
        #expect(CivilDate.latest == CivilDate(year: 9999, month: 12, day: 31))
        #expect(CivilDate.earliest.isSupported && CivilDate.latest.isSupported)
        #expect(!CivilDate(daysSinceEpoch: CivilDate.minDays - 1).isSupported)
        #expect(!CivilDate(daysSinceEpoch: CivilDate.maxDays + 1).isSupported)
    }

    @Test(arguments: [
        (1900, false), (2000, true), (2024, true), (2023, false), (2100, false), (1600, true), (4, true), (1, false),
        (0, true), (-4, true), (-100, false), (Int.min, true), (Int.max, false),
    ])
    func leapYears(year: Int, leap: Bool) {
        #expect(CivilDate.isLeap(year) == leap)
    }

    @Test func daysInMonth() {
        let common = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        for (i, n) in common.enumerated() {
            #expect(CivilDate.daysIn(month: i + 1, year: 2023) == n)
            #expect(CivilDate.daysIn(month: i + 1, year: 2024) == (i == 1 ? 29 : n))
        }
        #expect(CivilDate.daysIn(month: 2, year: 1900) == 28)
        #expect(CivilDate.daysIn(month: 2, year: 2000) == 29)
        for month in [0, 13, -1, Int.min, Int.max] { #expect(CivilDate.daysIn(month: month, year: 2024) == 0) }
    }

    @Test(arguments: [
        (2023, 2, 29), (1900, 2, 29), (2100, 2, 29), (0, 1, 1), (10000, 1, 1), (2025, 13, 1), (2025, 0, 1), (2025, 4, 31),
        (2025, 1, 0), (2025, 1, 32), (-1, 1, 1), (Int.max, Int.max, Int.max), (Int.min, Int.min, Int.min), (2025, Int.max, 1),
    ])
    func invalidFields(year: Int, month: Int, day: Int) {
        #expect(CivilDate(year: year, month: month, day: day) == nil)
    }

    @Test func validFieldsAndComponents() {
        for (y, m, day) in [(2024, 2, 29), (2000, 2, 29), (1, 1, 1), (9999, 12, 31), (2025, 12, 31)] {
            let date = CivilDate(year: y, month: m, day: day)
            #expect(date?.year == y && date?.month == m && date?.day == day)
            #expect(date.map { $0.components == (y, m, day) } == true)
        }
    }

    @Test(arguments: [
        ("2025-01-01", 1, 1), ("2025-03-31", 1, 90), ("2025-04-01", 2, 91), ("2024-03-01", 1, 61), ("2023-03-01", 1, 60),
        ("2024-12-31", 4, 366), ("2023-12-31", 4, 365), ("2025-07-01", 3, 182), ("2025-10-01", 4, 274),
    ])
    func quarterAndDayOfYear(text: String, quarter: Int, dayOfYear: Int) {
        #expect(d(text).quarter == quarter)
        #expect(d(text).dayOfYear == dayOfYear)
    }

    @Test(arguments: [
        // date, startOfMonth, endOfMonth, startOfQuarter, endOfQuarter, startOfYear
        ("2024-02-10", "2024-02-01", "2024-02-29", "2024-01-01", "2024-03-31", "2024-01-01"),
        ("2023-02-28", "2023-02-01", "2023-02-28", "2023-01-01", "2023-03-31", "2023-01-01"),
        ("2025-05-31", "2025-05-01", "2025-05-31", "2025-04-01", "2025-06-30", "2025-01-01"),
        ("2025-08-15", "2025-08-01", "2025-08-31", "2025-07-01", "2025-09-30", "2025-01-01"),
        ("2025-12-31", "2025-12-01", "2025-12-31", "2025-10-01", "2025-12-31", "2025-01-01"),
        ("0001-01-01", "0001-01-01", "0001-01-31", "0001-01-01", "0001-03-31", "0001-01-01"),
        ("9999-12-31", "9999-12-01", "9999-12-31", "9999-10-01", "9999-12-31", "9999-01-01"),
    ])
    func periodBoundaries(text: String, som: String, eom: String, soq: String, eoq: String, soy: String) {
        let date = d(text)
        #expect(date.startOfMonth == d(som))
        #expect(date.endOfMonth == d(eom))
        #expect(date.startOfQuarter == d(soq))
        #expect(date.endOfQuarter == d(eoq))
        #expect(date.startOfYear == d(soy))
    }

    @Test func outOfRangeValuesNeverTrap() {
        for raw in [Int32.min, Int32.max, CivilDate.minDays - 1, CivilDate.maxDays + 1, -719_528, 0] {
            let date = CivilDate(daysSinceEpoch: raw)
            _ = (date.year, date.month, date.day, date.weekday, date.quarter, date.dayOfYear)
            _ = (date.startOfMonth, date.endOfMonth, date.startOfQuarter, date.endOfQuarter, date.startOfYear)
            _ = (date.description, date.russianText)
            _ = (date.adding(days: 1), date.adding(months: 1), date.adding(years: 1))
            _ = CivilDate.wholeYears(from: date, to: .earliest)
            _ = CivilDate.wholeMonths(from: .latest, to: date)
            #expect(CivilDate.days(from: date, to: date) == 0)
        }
        #expect(CivilDate(daysSinceEpoch: -719_163).description == "0000-12-31")
        #expect(CivilDate(daysSinceEpoch: -719_529).description == "-0001-12-31")
        #expect(CivilDate(daysSinceEpoch: CivilDate.maxDays + 1).description == "10000-01-01")
        #expect(CivilDate(daysSinceEpoch: CivilDate.maxDays + 1).russianText == "01.01.10000")
        #expect(CivilDate(daysSinceEpoch: CivilDate.minDays - 1).adding(days: 1) == .earliest)
        #expect(CivilDate(daysSinceEpoch: Int32.max).adding(days: Int.min) == nil)
    }

    // MARK: Parsing

    @Test(arguments: [
        ("2025-06-01", "2025-06-01"), ("01.06.2025", "2025-06-01"), ("2024-02-29", "2024-02-29"), ("29.02.2024", "2024-02-29"),
        ("0001-01-01", "0001-01-01"), ("9999-12-31", "9999-12-31"), ("31.12.9999", "9999-12-31"), ("2000-02-29", "2000-02-29"),
    ])
    func parsesValid(text: String, iso: String) {
        #expect(CivilDate(iso: text)?.description == iso)
        #expect(CivilDate(iso: Substring(text))?.description == iso)
        let parsed = Array(text.utf8).withUnsafeBufferPointer { CivilDate.parse(utf8: $0) }
        #expect(parsed?.description == iso)
    }

    @Test(arguments: [
        "", "2025", "2025-6-01", "2025-06-1", " 2025-06-01", "2025-06-01 ", "+2025-06-01", "2025/06/01", "2025-02-29",
        "1900-02-29", "0000-01-01", "2025-06-0a", "01.06.25", "1.06.2025", "31.04.2025", "2025-13-01", "2025-00-10",
        "2025-06-00", "00.06.2025", "2025.06.01", "01-06-2025", "２０２５-06-01", "2025-06-01T00:00", "20250601",
        "2025-06-011", "-025-06-01", "2025--6-01", "01.06.-025", "2025-0６-01",
    ])
    func rejectsInvalid(text: String) {
        #expect(CivilDate(iso: text) == nil)
        let parsed = Array(text.utf8).withUnsafeBufferPointer { CivilDate.parse(utf8: $0) }
        #expect(parsed == nil)
    }

    @Test func parsesFromSubstringSlices() {
        let line = "x,2025-06-01,y"
        let field = line.split(separator: ",")[1]
        #expect(CivilDate(iso: field) == d("2025-06-01"))
        let bytes = Array(line.utf8)
        let parsed = bytes.withUnsafeBufferPointer { CivilDate.parse(utf8: UnsafeBufferPointer(rebasing: $0[2..<12])) }
        #expect(parsed == d("2025-06-01"))
    }

    @Test func texts() {
        #expect(d("2025-06-01").russianText == "01.06.2025")
        #expect(d("0001-01-01").russianText == "01.01.0001")
        #expect(d("0999-10-09").description == "0999-10-09")
        #expect(d("2025-06-01") < d("2025-06-02"))
        #expect(Set([d("2025-06-01"), d("01.06.2025")]).count == 1)
    }

    // MARK: Arithmetic

    @Test func addingDays() {
        #expect(d("2024-02-28").adding(days: 1) == d("2024-02-29"))
        #expect(d("2023-02-28").adding(days: 1) == d("2023-03-01"))
        #expect(d("2025-01-01").adding(days: -1) == d("2024-12-31"))
        #expect(CivilDate.latest.adding(days: 1) == nil)
        #expect(CivilDate.earliest.adding(days: -1) == nil)
        #expect(CivilDate.earliest.adding(days: Int(CivilDate.maxDays - CivilDate.minDays)) == .latest)
        for n in [Int.max, Int.min, Int(Int32.max), Int(Int32.min)] { #expect(d("2025-06-01").adding(days: n) == nil) }
    }

    @Test(arguments: [
        ("2023-01-31", 1, "2023-02-28"), ("2024-01-31", 1, "2024-02-29"), ("2025-03-31", -1, "2025-02-28"),
        ("2024-03-31", -1, "2024-02-29"), ("2024-10-31", 4, "2025-02-28"), ("2025-12-15", 1, "2026-01-15"),
        ("2025-01-15", -1, "2024-12-15"), ("2025-05-31", 1, "2025-06-30"), ("2025-01-31", 12, "2026-01-31"),
        ("2025-01-31", -13, "2023-12-31"), ("2025-06-01", 0, "2025-06-01"), ("0001-01-31", 119_987, "9999-12-31"),
        ("9999-12-31", -119_987, "0001-01-31"),
    ])
    func addingMonths(text: String, months: Int, expected: String) {
        #expect(d(text).adding(months: months) == d(expected))
    }

    @Test func addingMonthsOutOfRange() {
        #expect(d("9999-12-01").adding(months: 1) == nil)
        #expect(d("0001-01-31").adding(months: -1) == nil)
        for n in [Int.max, Int.min, Int.max / 12, Int.min / 12] {
            #expect(d("2025-06-01").adding(months: n) == nil)
            #expect(d("2025-06-01").adding(years: n) == nil)
        }
    }

    @Test(arguments: [
        ("2024-02-29", 1, "2025-02-28"), ("2024-02-29", 4, "2028-02-29"), ("2024-02-29", -100, "1924-02-29"),
        ("2000-02-29", 100, "2100-02-28"), ("2025-06-01", -2024, "0001-06-01"), ("2025-06-01", 7974, "9999-06-01"),
    ])
    func addingYears(text: String, years: Int, expected: String) {
        #expect(d(text).adding(years: years) == d(expected))
    }

    @Test func addingYearsOutOfRange() {
        #expect(d("2025-06-01").adding(years: 7975) == nil)
        #expect(d("2025-06-01").adding(years: -2025) == nil)
    }

    @Test func daysBetween() {
        #expect(CivilDate.days(from: d("2025-01-01"), to: d("2025-12-31")) == 364)
        #expect(CivilDate.days(from: d("2025-12-31"), to: d("2025-01-01")) == -364)
        #expect(CivilDate.days(from: .earliest, to: .latest) == 3_652_058)
        #expect(CivilDate.days(from: CivilDate(daysSinceEpoch: .max), to: CivilDate(daysSinceEpoch: .min)) == -4_294_967_295)
    }

    @Test(arguments: [
        ("2025-01-15", "2025-02-15", 1), ("2025-01-15", "2025-02-14", 0), ("2025-01-31", "2025-02-28", 0),
        ("2025-01-31", "2025-03-01", 1), ("2024-01-31", "2024-02-29", 0), ("2025-03-15", "2025-01-15", -2),
        ("2025-03-15", "2025-01-16", -1), ("2025-06-01", "2025-06-01", 0), ("2025-06-01", "2025-05-31", 0),
        ("2024-02-29", "2025-02-28", 11), ("2024-02-29", "2025-03-01", 12), ("0001-01-01", "9999-12-31", 119_987),
        ("9999-12-31", "0001-01-01", -119_987), ("2025-01-01", "2025-12-31", 11),
    ])
    func wholeMonths(from: String, to: String, expected: Int) {
        #expect(CivilDate.wholeMonths(from: d(from), to: d(to)) == expected)
    }

    @Test(arguments: [
        ("2000-06-15", "2025-06-14", 24), ("2000-06-15", "2025-06-15", 25), ("2004-02-29", "2005-02-28", 0),
        ("2004-02-29", "2005-03-01", 1), ("2004-02-29", "2008-02-28", 3), ("2004-02-29", "2008-02-29", 4),
        ("2025-06-15", "2000-06-15", -25), ("2025-06-15", "2000-06-16", -24), ("2025-06-15", "2025-06-15", 0),
        ("0001-01-01", "9999-12-31", 9998), ("2025-01-01", "2025-12-31", 0), ("1999-12-31", "2000-01-01", 0),
    ])
    func wholeYears(from: String, to: String, expected: Int) {
        #expect(CivilDate.wholeYears(from: d(from), to: d(to)) == expected)
    }

    // MARK: Properties

    @Test func monthsTileTheWholeRange() {
        // Every month from 0001-01 to 9999-12: its first day follows the previous month's last day,
        // and the first, middle and last days round-trip through their fields.
        var expected = Int(CivilDate.minDays)
        for year in 1...9999 {
            for month in 1...12 {
                let length = CivilDate.daysIn(month: month, year: year)
                guard let first = CivilDate(year: year, month: month, day: 1),
                      let middle = CivilDate(year: year, month: month, day: 15),
                      let last = CivilDate(year: year, month: month, day: length),
                      Int(first.daysSinceEpoch) == expected, Int(last.daysSinceEpoch) == expected + length - 1,
                      first.components == (year, month, 1), middle.components == (year, month, 15),
                      last.components == (year, month, length), CivilDate(year: year, month: month, day: length + 1) == nil
                else {
                    Issue.record("month \(year)-\(month)")
                    return
                }
                expected += length
            }
        }
        #expect(expected == Int(CivilDate.maxDays) + 1)
    }

    @Test func roundTripDaysToFields() {
        // Every day of the edge years and of calendar-reform/century years, then random days
        // from the whole range: fields round-trip, the next day is the calendar successor.
        var days: [Int32] = []
        for year in [1, 2, 4, 100, 400, 1582, 1900, 1970, 2000, 2024, 2100, 9996, 9999] {
            let start = d(CivilDate.yearText(year) + "-01-01").daysSinceEpoch
            days += (start..<(start + (CivilDate.isLeap(year) ? 366 : 365)))
        }
        var rng = SeededGenerator(seed: 0xC1_7D_A7E)
        for _ in 0..<100_000 { days.append(rng.date().daysSinceEpoch) }
        for raw in days {
            let date = CivilDate(daysSinceEpoch: raw)
            let (y, m, dd) = date.components
            var ok = CivilDate(year: y, month: m, day: dd) == date
            if let next = date.adding(days: 1) {
                let successor = dd < CivilDate.daysIn(month: m, year: y) ? (y, m, dd + 1) : m < 12 ? (y, m + 1, 1) : (y + 1, 1, 1)
                ok = ok && next.components == successor && next.weekday == date.weekday % 7 + 1
            }
            guard ok else { Issue.record("day \(raw): \(y)-\(m)-\(dd)"); return }
        }
    }

    @Test func addingDaysMatchesDaysBetween() {
        var rng = SeededGenerator(seed: 42)
        for _ in 0..<50_000 {
            let date = rng.date()
            let n = rng.int(in: -4_000_000...4_000_000)
            let ok: Bool
            if let result = date.adding(days: n) {
                ok = CivilDate.days(from: date, to: result) == n && CivilDate.days(from: result, to: date) == -n
            } else {
                let target = Int(date.daysSinceEpoch) + n
                ok = target < Int(CivilDate.minDays) || target > Int(CivilDate.maxDays)
            }
            guard ok else { Issue.record("\(date) + \(n) days"); return }
        }
    }

    @Test func wholeYearsMatchesAddingYears() {
        var rng = SeededGenerator(seed: 7)
        for i in 0..<30_000 {
            // Every tenth sample starts on a Feb 29 to exercise the convention.
            var date = rng.date()
            if i % 10 == 0, let leap = CivilDate(year: rng.int(in: 1...2499) * 4, month: 2, day: 29) { date = leap }
            let n = rng.int(in: 0...200)
            guard let later = date.adding(years: n) else { continue }
            let clampedFeb29 = date.month == 2 && date.day == 29 && !CivilDate.isLeap(later.year)
            let years = CivilDate.wholeYears(from: date, to: later)
            var ok = years == (clampedFeb29 ? n - 1 : n)
            if let next = later.adding(days: 1) { ok = ok && CivilDate.wholeYears(from: date, to: next) == n }
            if n > 0, !clampedFeb29, let before = later.adding(days: -1) {
                ok = ok && CivilDate.wholeYears(from: date, to: before) == n - 1
            }
            ok = ok && CivilDate.wholeYears(from: later, to: date) == -years
            ok = ok && years == CivilDate.wholeMonths(from: date, to: later) / 12
            guard ok else { Issue.record("\(date) + \(n) years = \(later): \(years)"); return }
        }
    }

    @Test func wholeMonthsMatchesAddingMonths() {
        var rng = SeededGenerator(seed: 99)
        for _ in 0..<30_000 {
            let date = rng.date()
            let n = rng.int(in: 0...2400)
            guard let later = date.adding(months: n) else { continue }
            let clamped = later.day != date.day
            let months = CivilDate.wholeMonths(from: date, to: later)
            var ok = months == (clamped ? n - 1 : n) && CivilDate.wholeMonths(from: later, to: date) == -months
            if let next = later.adding(days: 1) { ok = ok && CivilDate.wholeMonths(from: date, to: next) == n }
            guard ok else { Issue.record("\(date) + \(n) months = \(later): \(months)"); return }
        }
    }

    @Test func isoTextRoundTrip() {
        var rng = SeededGenerator(seed: 2025)
        for _ in 0..<50_000 {
            let date = rng.date()
            guard CivilDate(iso: date.description) == date, CivilDate(iso: date.russianText) == date else {
                Issue.record("text round trip of \(date)")
                return
            }
        }
    }
}
