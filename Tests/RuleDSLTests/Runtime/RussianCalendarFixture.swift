import RuleDSL

/// The Russian production calendar 2023–2026 (five-day week, 40 hours) as a `CalendarDefinition`,
/// the same data as rules/calendars/ru.rules, so the calendar tests do not depend on the parser.
///
/// Source: /work/shared/domain/labour-law-ru.md § 5 (ст. 112 ТК РФ; Government decrees on moving
/// days off: ПП № 1505 of 29.08.2022 for 2023; 2024, 2025 and 2026 decree numbers UNCONFIRMED).
enum RussianCalendarFixture {
    /// A date from `YYYY-MM-DD` (the fixture's own literals; a typo stops the test run loudly).
    static func date(_ text: String) -> CivilDate {
        guard let d = CivilDate(iso: text) else { fatalError("bad fixture date \(text)") }
        return d
    }

    /// Every date from `first` to `last` inclusive.
    static func dates(_ first: String, _ last: String) -> [CivilDate] {
        let a = date(first).daysSinceEpoch, b = date(last).daysSinceEpoch
        return (a...b).map { CivilDate(daysSinceEpoch: $0) }
    }

    /// The local wall-clock reading of `date` at `hour:minute:second` (seconds since 1970-01-01 local).
    static func local(_ date: String, _ hour: Int, _ minute: Int = 0, _ second: Int = 0) -> Int64 {
        Int64(Self.date(date).daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    /// A zone of the tz database (the tests need it to exist).
    static func zone(_ name: String) -> ZoneRules {
        guard let z = ZoneRules.named(name) else { fatalError("no tz database entry for \(name)") }
        return z
    }

    /// 09:00–13:00 and 14:00–18:00.
    static let standardDay = [WorkInterval(start: 9 * 3600, end: 13 * 3600), WorkInterval(start: 14 * 3600, end: 18 * 3600)]

    /// Non-working holidays (ст. 112 ТК), transferred days off and auto-observed days, per year.
    static let holidays: [CivilDate] =
        // 2023: 24 Feb ← 1 Jan (Sun); 8 May ← 8 Jan (Sun); 6 Nov observed for 4 Nov (Sat).
        dates("2023-01-01", "2023-01-08")
        + ["2023-02-23", "2023-02-24", "2023-03-08", "2023-05-01", "2023-05-08", "2023-05-09",
           "2023-06-12", "2023-11-04", "2023-11-06"].map(date)
        // 2024: 29 Apr ← 27 Apr (Sat); 30 Apr ← 2 Nov (Sat); 10 May ← 6 Jan (Sat); 30 Dec ← 28 Dec (Sat); 31 Dec ← 7 Jan (Sun).
        + dates("2024-01-01", "2024-01-08")
        + ["2024-02-23", "2024-03-08", "2024-04-29", "2024-04-30", "2024-05-01", "2024-05-09", "2024-05-10",
           "2024-06-12", "2024-11-04", "2024-12-30", "2024-12-31"].map(date)
        // 2025: 2 May ← 4 Jan (Sat); 8 May ← 23 Feb (Sun); 13 Jun ← 8 Mar (Sat); 3 Nov ← 1 Nov (Sat); 31 Dec ← 5 Jan (Sun).
        + dates("2025-01-01", "2025-01-08")
        + ["2025-02-23", "2025-03-08", "2025-05-01", "2025-05-02", "2025-05-08", "2025-05-09",
           "2025-06-12", "2025-06-13", "2025-11-03", "2025-11-04", "2025-12-31"].map(date)
        // 2026: 9 Jan ← 3 Jan (Sat); 31 Dec ← 4 Jan (Sun); 9 Mar observed for 8 Mar (Sun); 11 May for 9 May (Sat).
        + dates("2026-01-01", "2026-01-09")
        + ["2026-02-23", "2026-03-08", "2026-03-09", "2026-05-01", "2026-05-09", "2026-05-11",
           "2026-06-12", "2026-11-04", "2026-12-31"].map(date)

    /// Transferred working Saturdays.
    static let workingSaturdays = ["2024-04-27", "2024-11-02", "2024-12-28", "2025-11-01"].map(date)

    /// Pre-holiday days shortened by one hour (ст. 95 ТК), as officially listed: 2 Nov 2024 and
    /// 1 Nov 2025 (working Saturdays) are shortened; 27 Apr and 28 Dec 2024 are not.
    static let shortenedDays = [
        "2023-02-22", "2023-03-07", "2023-11-03",
        "2024-02-22", "2024-03-07", "2024-05-08", "2024-06-11", "2024-11-02",
        "2025-03-07", "2025-04-30", "2025-06-11", "2025-11-01",
        "2026-04-30", "2026-05-08", "2026-06-11", "2026-11-03",
    ].map(date)

    static let moscow = zone("Europe/Moscow")

    /// The `ru` calendar definition.
    static let definition = CalendarDefinition(
        name: "ru", title: "Производственный календарь РФ (пятидневка, 40 часов)",
        firstYear: 2023, lastYear: 2026,
        week: [1: standardDay, 2: standardDay, 3: standardDay, 4: standardDay, 5: standardDay],
        holidays: Set(holidays),
        workdays: Dictionary(uniqueKeysWithValues: workingSaturdays.map { ($0, standardDay) }),
        shortened: Dictionary(uniqueKeysWithValues: shortenedDays.map { ($0, Int32(3600)) }),
        zone: moscow,
        sources: ["ст. 112 ТК РФ; постановления Правительства о переносе выходных"],
        unconfirmed: ["номера постановлений на 2024–2026 годы"])

    /// The `ru` calendar, built once.
    static let calendar: BusinessCalendar = {
        do { return try BusinessCalendar(definition) } catch { fatalError("ru calendar: \(error)") }
    }()
}

extension RussianCalendarFixture {
    /// `ru_24x7` as rules/calendars/ru.rules derives it: every day 00:00–24:00, but `ru`'s days off
    /// and shortened days are inherited.
    static let roundTheClockDefinition = CalendarDefinition.derived(
        from: definition, name: "ru_24x7", title: "Круглосуточно",
        week: Dictionary(uniqueKeysWithValues: (1...7).map { ($0, [WorkInterval(start: 0, end: 86_400)]) }))

    /// A truly continuous calendar: every day 00:00–24:00, holidays included.
    static let continuousDefinition = CalendarDefinition.derived(
        from: definition, name: "continuous",
        week: Dictionary(uniqueKeysWithValues: (1...7).map { ($0, [WorkInterval(start: 0, end: 86_400)]) }),
        inheritDaysOff: false, inheritShortened: false)

    /// `ru_six_day`: Monday–Friday 09:00–17:00 with a 13:00–14:00 break, Saturday 09:00–14:00 (40 h).
    static let sixDayDefinition = CalendarDefinition.derived(
        from: definition, name: "ru_six_day", title: "Шестидневная неделя",
        week: [1: sixDayWeekday, 2: sixDayWeekday, 3: sixDayWeekday, 4: sixDayWeekday, 5: sixDayWeekday,
               6: [WorkInterval(start: 9 * 3600, end: 14 * 3600)]])

    /// 09:00–13:00 and 14:00–17:00.
    static let sixDayWeekday = [WorkInterval(start: 9 * 3600, end: 13 * 3600), WorkInterval(start: 14 * 3600, end: 17 * 3600)]
}
