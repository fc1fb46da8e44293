import Testing
@testable import RuleDSL

private extension SeededGenerator {
    /// Mostly small values, sometimes zero, sometimes the extremes of the type.
    mutating func part<T: FixedWidthInteger & SignedInteger>(_: T.Type) -> T {
        switch next() % 8 {
        case 0, 1: return 0
        case 2: return T.min
        case 3: return T.max
        case 4: return T(truncatingIfNeeded: next())
        default: return T(truncatingIfNeeded: Int64(next() % 2001) - 1000)
        }
    }
}

private func dur(_ months: Int32 = 0, _ days: Int32 = 0, _ seconds: Int64 = 0) -> DurationValue {
    DurationValue(months: months, days: days, seconds: seconds)
}

private func d(_ text: String) -> CivilDate {
    guard let date = CivilDate(iso: text) else { fatalError("bad test date \(text)") }
    return date
}

private func dt(_ text: String) -> DateTimeValue {
    guard let value = DateTimeValue(iso: text) else { fatalError("bad test date-time \(text)") }
    return value
}

@Suite struct DurationValueTests {
    // MARK: Units

    @Test func unitConstructors() {
        #expect(DurationValue.years(2) == dur(24))
        #expect(DurationValue.months(3) == dur(3))
        #expect(DurationValue.weeks(3) == dur(0, 21))
        #expect(DurationValue.days(-5) == dur(0, -5))
        #expect(DurationValue.hours(6) == dur(0, 0, 21600))
        #expect(DurationValue.minutes(90) == dur(0, 0, 5400))
        #expect(DurationValue.seconds(-7) == dur(0, 0, -7))
        #expect(DurationValue.years(1) == DurationValue.months(12))
        #expect(DurationValue.weeks(1) == DurationValue.days(7))
        #expect(DurationValue.days(1) != DurationValue.hours(24))
        #expect(DurationValue.zero.isZero && !dur(0, 0, 1).isZero)
    }

    @Test func unitOverflowIsNil() {
        #expect(DurationValue.months(Int(Int32.max)) != nil)
        #expect(DurationValue.months(Int(Int32.max) + 1) == nil)
        #expect(DurationValue.months(Int(Int32.min) - 1) == nil)
        #expect(DurationValue.years(Int(Int32.max) / 12) != nil)
        #expect(DurationValue.years(Int(Int32.max) / 12 + 1) == nil)
        #expect(DurationValue.days(Int(Int32.max) + 1) == nil)
        #expect(DurationValue.weeks(Int(Int32.max) / 7 + 1) == nil)
        for n in [Int.max, Int.min] {
            #expect(DurationValue.years(n) == nil)
            #expect(DurationValue.weeks(n) == nil)
            #expect(DurationValue.hours(n) == nil)
            #expect(DurationValue.minutes(n) == nil)
            #expect(DurationValue.months(n) == nil)
            #expect(DurationValue.days(n) == nil)
        }
        #expect(DurationValue.seconds(Int.max) == dur(0, 0, .max))
        #expect(DurationValue.hours(Int.max / 3600) != nil)
    }

    @Test func addingAndNegating() {
        #expect(dur(1, 2, 3).adding(dur(10, 20, 30)) == dur(11, 22, 33))
        #expect(dur(1, 0, 0).adding(dur(0, -1, 0)) == dur(1, -1, 0))
        #expect(dur(.max).adding(dur(1)) == nil)
        #expect(dur(0, .min).adding(dur(0, -1)) == nil)
        #expect(dur(0, 0, .max).adding(dur(0, 0, 1)) == nil)
        #expect(dur(1, -2, 3).negated() == dur(-1, 2, -3))
        #expect(dur(.min).negated() == nil)
        #expect(dur(0, .min).negated() == nil)
        #expect(dur(0, 0, .min).negated() == nil)
        #expect(dur(.max, .max, .max).negated() == dur(-.max, -.max, -.max))
    }

    // MARK: ISO 8601

    @Test(arguments: [
        ("P1Y2M3DT4H5M6S", dur(14, 3, 14706)), ("PT6H", dur(0, 0, 21600)), ("P3D", dur(0, 3)), ("-P1D", dur(0, -1)),
        ("+P1D", dur(0, 1)), ("P2W", dur(0, 14)), ("P1W2D", dur(0, 9)), ("p1d", dur(0, 1)), ("P1y2m3dt4h5m6s", dur(14, 3, 14706)),
        ("PT0S", dur()), ("P0D", dur()), ("P1M", dur(1)), ("PT1M", dur(0, 0, 60)), ("PT36H", dur(0, 0, 129_600)),
        ("P1M-1D", dur(1, -1)), ("-P1M-1D", dur(-1, 1)), ("P-1Y-2M", dur(-14)), ("PT-6H", dur(0, 0, -21600)),
        ("P0001D", dur(0, 1)), ("-P1Y2M3DT4H5M6S", dur(-14, -3, -14706)),
        ("PT9223372036854775807S", dur(0, 0, .max)), ("P178956970Y7M", dur(.max)), ("-P178956970Y8M", dur(.min)),
        ("P2147483647D", dur(0, .max)), ("-P2147483648D", dur(0, .min)),
    ])
    func parsesISO(text: String, expected: DurationValue) {
        #expect(DurationValue(iso: text) == expected)
        #expect(DurationValue(iso: Substring(text)) == expected)
    }

    @Test(arguments: [
        "", "P", "PT", "P1", "1D", "D", "P1H", "PT1D", "P1D1M", "P1DT", "P1.5D", "PT0.5S", "P1Y1Y", "--P1D", "-+P1D", "P-", "P-D",
        " P1D", "P1D ", "PT1M1H", "P1DT1H1D", "PT1HT1M", "P9999999999999999999D", "P178956971Y", "P2147483648D",
        "PT9223372036854775808S", "PT2562047788015216H", "P1X", "Q1D", "P 1D", "P1D2", "P１D", "T1H", "P1M2Y", "P1W1W",
    ])
    func rejectsISO(text: String) {
        #expect(DurationValue(iso: text) == nil)
    }

    @Test(arguments: [
        (dur(), "PT0S"), (dur(14, 3, 14706), "P1Y2M3DT4H5M6S"), (dur(-14, -3), "-P1Y2M3D"), (dur(1, -1), "P1M-1D"),
        (dur(0, 0, 3661), "PT1H1M1S"), (dur(0, 14), "P14D"), (dur(12), "P1Y"), (dur(0, 0, 86_400), "PT24H"),
        (dur(-1, 0, 60), "P-1MT1M"), (dur(0, 0, -21600), "-PT6H"), (dur(0, 5, -1), "P5DT-1S"),
    ])
    func writesISO(value: DurationValue, text: String) {
        #expect(value.isoText == text)
        #expect(value.description == text)
    }

    @Test func isoRoundTrip() {
        var rng = SeededGenerator(seed: 8601)
        for _ in 0..<30_000 {
            let value = dur(rng.part(Int32.self), rng.part(Int32.self), rng.part(Int64.self))
            guard DurationValue(iso: value.isoText) == value else { Issue.record("round trip of \(value.isoText)"); return }
        }
    }

    // MARK: Words

    @Test(arguments: [
        (dur(0, 1), "1 день"), (dur(0, 2), "2 дня"), (dur(0, 3), "3 дня"), (dur(0, 5), "5 дней"), (dur(0, 11), "11 дней"),
        (dur(0, 12), "12 дней"), (dur(0, 14), "14 дней"), (dur(0, 21), "21 день"), (dur(0, 22), "22 дня"), (dur(0, 25), "25 дней"),
        (dur(0, 101), "101 день"), (dur(0, 111), "111 дней"), (dur(0, 112), "112 дней"), (dur(0, 122), "122 дня"),
        (dur(0, 0, 6 * 3600), "6 часов"), (dur(0, 0, 3600), "1 час"), (dur(0, 0, 2 * 3600), "2 часа"), (dur(0, 0, 21 * 3600), "21 час"),
        (dur(1, 2), "1 месяц 2 дня"), (dur(2), "2 месяца"), (dur(5), "5 месяцев"), (dur(12), "1 год"), (dur(24), "2 года"),
        (dur(60), "5 лет"), (dur(252), "21 год"), (dur(0, 0, 60), "1 минута"), (dur(0, 0, 120), "2 минуты"), (dur(0, 0, 300), "5 минут"),
        (dur(0, 0, 1), "1 секунда"), (dur(0, 0, 22), "22 секунды"), (dur(0, 0, 11), "11 секунд"), (dur(), "0 секунд"),
        (dur(14, 3, 14706), "1 год 2 месяца 3 дня 4 часа 5 минут 6 секунд"), (dur(0, -1), "-1 день"), (dur(1, -2), "1 месяц -2 дня"),
        (dur(0, .min), "-2147483648 дней"),
    ])
    func russianText(value: DurationValue, text: String) {
        #expect(value.text(russian: true) == text)
    }

    @Test(arguments: [
        (dur(0, 3), "3 days"), (dur(0, 1), "1 day"), (dur(0, 0, 6 * 3600), "6 hours"), (dur(1, 2), "1 month 2 days"),
        (dur(12), "1 year"), (dur(25), "2 years 1 month"), (dur(0, 0, 61), "1 minute 1 second"), (dur(), "0 seconds"),
        (dur(0, -1), "-1 day"), (dur(0, 21), "21 days"), (dur(0, 0, 7200), "2 hours"),
    ])
    func englishText(value: DurationValue, text: String) {
        #expect(value.text(russian: false) == text)
    }

    @Test func russianPluralCategories() {
        let one: [UInt64] = [1, 21, 31, 101, 1001, 1_000_001]
        let few: [UInt64] = [2, 3, 4, 22, 23, 24, 102, 1002]
        let many: [UInt64] = [0, 5, 9, 10, 11, 12, 13, 14, 15, 19, 20, 25, 100, 111, 112, 114, 211, UInt64.max]
        for n in one { #expect(DurationValue.russianPlural(n) == .one, "\(n)") }
        for n in few { #expect(DurationValue.russianPlural(n) == .few, "\(n)") }
        for n in many { #expect(DurationValue.russianPlural(n) == .many, "\(n)") }
    }

    // MARK: Applying to dates

    @Test(arguments: [
        ("2025-01-31", dur(1, 1), "2025-03-01"), ("2025-01-31", dur(1), "2025-02-28"), ("2024-01-31", dur(1), "2024-02-29"),
        ("2025-06-01", dur(0, 0, 172_800), "2025-06-03"), ("2025-06-01", dur(0, -1), "2025-05-31"), ("2024-02-29", dur(12), "2025-02-28"),
        ("2025-03-31", dur(-1, 1), "2025-03-01"), ("2025-06-01", dur(0, 1, -86_400), "2025-06-01"), ("2025-06-01", dur(), "2025-06-01"),
    ])
    func addingToDate(date: String, duration: DurationValue, expected: String) {
        #expect(d(date).adding(duration) == d(expected))
    }

    @Test func addingToDateRejects() {
        #expect(d("2025-06-01").adding(dur(0, 0, 6 * 3600)) == nil)      // not whole days
        #expect(d("2025-06-01").adding(dur(0, 0, -1)) == nil)
        #expect(CivilDate.latest.adding(dur(0, 1)) == nil)
        #expect(CivilDate.earliest.adding(dur(-1)) == nil)
        #expect(d("2025-06-01").adding(dur(.max, .max)) == nil)
        #expect(d("2025-06-01").adding(dur(0, .max, Int64.max / 86_400 * 86_400)) == nil)
        #expect(d("2025-06-01").adding(dur(0, .min, Int64.min / 86_400 * 86_400)) == nil)
    }

    @Test func addingToDateTime() {
        // Calendar parts move the wall clock: 09:00 + 1 day = 09:00 the next day, 23 hours later.
        let saturday = dt("2025-03-29T09:00+01:00[Europe/Berlin]")
        #expect(saturday.adding(dur(0, 1))?.description == "2025-03-30T09:00:00+02:00[Europe/Berlin]")
        #expect(saturday.adding(dur(0, 1))?.utcSeconds == saturday.utcSeconds + 23 * 3600)
        // Exact seconds do not: + 24 hours = 10:00 CEST.
        #expect(saturday.adding(dur(0, 0, 86_400))?.description == "2025-03-30T10:00:00+02:00[Europe/Berlin]")
        // Months clamp to month end.
        #expect(dt("2025-01-31T10:00 Europe/Moscow").adding(dur(1))?.description == "2025-02-28T10:00:00+03:00[Europe/Moscow]")
        #expect(dt("2025-01-31T10:00 Europe/Moscow").adding(dur(1, 0, 3600))?.description == "2025-02-28T11:00:00+03:00[Europe/Moscow]")
        // Landing in the gap moves forward; landing in the overlap takes the earlier instant.
        #expect(dt("2025-03-29T02:30 Europe/Berlin").adding(dur(0, 1))?.description == "2025-03-30T03:30:00+02:00[Europe/Berlin]")
        #expect(dt("2025-10-25T02:30 Europe/Berlin").adding(dur(0, 1))?.description == "2025-10-26T02:30:00+02:00[Europe/Berlin]")
        // Without calendar parts the instant is kept exactly, even the second 02:30 of an overlap.
        let second = dt("2025-10-26T02:30+01:00[Europe/Berlin]")
        #expect(second.adding(dur()) == second)
        #expect(second.adding(dur(0, 0, 60))?.description == "2025-10-26T02:31:00+01:00[Europe/Berlin]")
        // Fixed offsets and Moscow's 2014 change.
        #expect(dt("2025-03-01T09:30+03:00").adding(dur(0, -1, -1800))?.description == "2025-02-28T09:00:00+03:00")
        #expect(dt("2014-10-25T12:00 Europe/Moscow").adding(dur(0, 1))?.description == "2014-10-26T12:00:00+03:00[Europe/Moscow]")
        // Range and overflow.
        #expect(dt("9999-12-31T12:00Z").adding(dur(0, 1)) == nil)
        #expect(dt("9999-12-31T12:00Z").adding(dur(0, 0, 43_200)) == nil)
        #expect(dt("2025-01-01T00:00Z").adding(dur(0, 0, .max)) == nil)
        #expect(dt("2025-01-01T00:00Z").adding(dur(.min)) == nil)
    }
}
