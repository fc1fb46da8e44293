import Foundation
import Testing
@testable import RuleDSL

private typealias Fixture = RussianCalendarFixture

private extension SeededGenerator {
    mutating func int(_ range: ClosedRange<Int>) -> Int { int(in: range) }
}

/// A naive day-by-day reading of a definition: the reference the tables are checked against.
private struct Reference {
    let definition: CalendarDefinition
    let first: Int32, last: Int32  // covered day numbers

    init(_ definition: CalendarDefinition) {
        self.definition = definition
        first = CivilDate(year: definition.firstYear, month: 1, day: 1)!.daysSinceEpoch
        last = CivilDate(year: definition.lastYear, month: 12, day: 31)!.daysSinceEpoch
    }

    /// The day's intervals: keep the first (total − cut) working seconds of the unshortened hours.
    func hours(_ day: Int32) -> [WorkInterval] {
        let d = CivilDate(daysSinceEpoch: day)
        let base = definition.workdays[d] ?? (definition.holidays.contains(d) ? [] : definition.week[d.weekday] ?? [])
        guard let cut = definition.shortened[d] else { return base }
        var keep = base.reduce(0) { $0 + Int($1.end - $1.start) } - Int(cut)
        var result: [WorkInterval] = []
        for i in base where keep > 0 {
            let length = Int(i.end - i.start)
            result.append(WorkInterval(start: i.start, end: i.start + Int32(min(length, keep))))
            keep -= length
        }
        return result
    }

    func works(_ day: Int32) -> Bool { !hours(day).isEmpty }

    func workdays(from a: Int32, to b: Int32) -> Int {
        if a > b { return -workdays(from: b, to: a) }
        return (a...b).filter(works).count
    }

    func addWorkdays(_ n: Int, to d: Int32) -> Int32? {
        var day = d
        if n == 0 {
            while !works(day) { day += 1; if day > last { return nil } }
            return day
        }
        var left = abs(n)
        while left > 0 {
            day += n > 0 ? 1 : -1
            if day > last || day < first { return nil }
            if works(day) { left -= 1 }
        }
        return day
    }

    /// Absolute intervals of the days `from ... to`.
    func intervals(_ from: Int32, _ to: Int32) -> [(Int64, Int64)] {
        (from...to).flatMap { day in hours(day).map { (Int64(day) * 86_400 + Int64($0.start), Int64(day) * 86_400 + Int64($0.end)) } }
    }

    func workSeconds(_ a: Int64, _ b: Int64) -> Int64 {
        guard b > a else { return 0 }
        let da = Int32(a / 86_400), db = Int32((b - 1) / 86_400)
        return intervals(da, db).reduce(0) { $0 + max(0, min($1.1, b) - max($1.0, a)) }
    }

    /// Walks the intervals forward (s ≥ 0) or backward (s < 0) from `t`, day by day.
    func addWorkSeconds(_ s: Int64, to t: Int64) -> Int64? {
        var day = Int32(t / 86_400)
        var left = s.magnitude
        if s >= 0 {
            while day <= last {
                for i in hours(day) {
                    let start = Int64(day) * 86_400 + Int64(i.start), end = Int64(day) * 86_400 + Int64(i.end)
                    guard end > t else { continue }
                    let from = max(start, t)
                    if s == 0 || left <= UInt64(end - from) { return from + Int64(left) }
                    left -= UInt64(end - from)
                }
                day += 1
            }
            return nil
        }
        while day >= first {
            for i in hours(day).reversed() {
                let start = Int64(day) * 86_400 + Int64(i.start), end = Int64(day) * 86_400 + Int64(i.end)
                guard start < t else { continue }
                let to = min(end, t)
                if left <= UInt64(to - start) { return to - Int64(left) }
                left -= UInt64(to - start)
            }
            day -= 1
        }
        return nil
    }
}

/// A random but valid definition over 1–3 years: random weekly hours (possibly touching or
/// round-the-clock), holidays, workdays with their own hours and shortened days.
private func randomDefinition(_ rng: inout SeededGenerator) -> CalendarDefinition {
    func randomHours() -> [WorkInterval] {
        if rng.chance(10) { return [WorkInterval(start: 0, end: 86_400)] }
        let points = (0..<(2 * rng.int(1...3))).map { _ in Int32(rng.int(0...96) * 900) }.sorted()
        return stride(from: 0, to: points.count, by: 2).compactMap {
            points[$0] < points[$0 + 1] ? WorkInterval(start: points[$0], end: points[$0 + 1]) : nil
        }
    }
    let firstYear = rng.int(2000...2030), lastYear = firstYear + rng.int(0...2)
    var week: [Int: [WorkInterval]] = [:]
    for weekday in 1...7 where !rng.chance(25) { week[weekday] = randomHours() }
    var definition = CalendarDefinition(name: "random", firstYear: firstYear, lastYear: lastYear, week: week, zone: .utc)
    let reference = Reference(definition)
    let span = Int(reference.last - reference.first)
    func randomDay() -> CivilDate { CivilDate(daysSinceEpoch: reference.first + Int32(rng.int(0...span))) }
    for _ in 0..<rng.int(0...60) { definition.holidays.insert(randomDay()) }
    for _ in 0..<rng.int(0...12) {
        let d = randomDay(), hours = randomHours()
        if !definition.holidays.contains(d), !hours.isEmpty { definition.workdays[d] = hours }
    }
    for _ in 0..<rng.int(0...20) {
        let d = randomDay()
        let total = Reference(definition).hours(d.daysSinceEpoch).reduce(0) { $0 + Int($1.end - $1.start) }
        if total > 1 { definition.shortened[d] = Int32(rng.int(1...(total - 1))) }
    }
    return definition
}

/// Checks `calendar` against the naive reference on `samples` random queries.
private func checkAgainstReference(_ definition: CalendarDefinition, samples: Int, seed: UInt64) throws {
    let calendar = try BusinessCalendar(definition)
    let ref = Reference(definition)
    var rng = SeededGenerator(seed: seed)
    let span = Int(ref.last - ref.first)
    func randomDay() -> Int32 { ref.first + Int32(rng.int(0...span)) }
    func randomLocal() -> Int64 { Int64(randomDay()) * 86_400 + Int64(rng.int(0...86_399) / 900 * 900 + (rng.chance(50) ? 0 : rng.int(0...899))) }
    for _ in 0..<samples {
        // Working days: count, add, round trip.
        let d = randomDay(), other = Int32(clamping: Int(d) + rng.int(-120...120))
        let date = CivilDate(daysSinceEpoch: d)
        if other >= ref.first, other <= ref.last {
            #expect(try calendar.workdays(from: date, to: CivilDate(daysSinceEpoch: other)) == ref.workdays(from: d, to: other))
        }
        let n = rng.int(-40...40)
        let expected = ref.addWorkdays(n, to: d)
        let actual = try? calendar.addWorkdays(n, to: date)
        #expect(actual?.daysSinceEpoch == expected, "\(definition.name): \(date) + \(n) working days")
        if let actual {
            let works = ref.works(d)
            let count = n > 0 ? (works ? n + 1 : n) : n < 0 ? (works ? n - 1 : n) : 1
            #expect(try calendar.workdays(from: date, to: actual) == count)
        }

        // Working seconds: difference, add (both signs and 0), round trips, composition.
        let t = randomLocal(), u = t + Int64(rng.int(0...(12 * 86_400)))
        if u <= (Int64(ref.last) + 1) * 86_400 {
            #expect(try calendar.workSeconds(fromLocal: t, toLocal: u) == ref.workSeconds(t, u))
        }
        // Amounts in whole quarter hours half of the time, so that results land on openings and closings.
        var s = rng.chance(10) ? 0 : Int64(rng.int(-300_000...300_000))
        if rng.chance(50) { s = s / 900 * 900 }
        let sum = try? calendar.addWorkSeconds(s, toLocal: t)
        #expect(sum == ref.addWorkSeconds(s, to: t), "\(definition.name): \(t) + \(s) s")
        if let sum {
            if s >= 0 { #expect(try calendar.workSeconds(fromLocal: t, toLocal: sum) == s) }
            if s < 0 { #expect(try calendar.workSeconds(fromLocal: sum, toLocal: t) == -s) }
            if s > 0, let further = try? calendar.addWorkSeconds(4321, toLocal: sum) {
                #expect(try calendar.addWorkSeconds(s + 4321, toLocal: t) == further)
            }
            if s == 0 { #expect(try calendar.isWorkingMoment(local: sum)) }
        }
    }
}

@Suite struct BusinessCalendarPropertyTests {
    @Test(arguments: [0, 1, 2, 3])
    func russianCalendarsAgreeWithTheNaiveReference(which: Int) throws {
        let definition = [Fixture.definition, Fixture.roundTheClockDefinition, Fixture.continuousDefinition, Fixture.sixDayDefinition][which]
        try checkAgainstReference(definition, samples: 1500, seed: 0xCA1E_0000 + UInt64(which))
    }

    @Test func randomDefinitionsAgreeWithTheNaiveReference() throws {
        var rng = SeededGenerator(seed: 0xD1CE)
        for round in 0..<24 {
            let definition = randomDefinition(&rng)
            try checkAgainstReference(definition, samples: 250, seed: UInt64(round))
        }
    }

    /// The bucket table inverts the per-day prefix sums exactly, at and around every day boundary
    /// and every bucket boundary (where an off-by-one would hide from random amounts).
    @Test func secondsInverseIsExactAtEveryBoundary() throws {
        var rng = SeededGenerator(seed: 7)
        let definitions = [Fixture.definition, Fixture.roundTheClockDefinition, Fixture.continuousDefinition,
                           Fixture.sixDayDefinition] + (0..<8).map { _ in randomDefinition(&rng) }
        for definition in definitions {
            let c = try BusinessCalendar(definition)
            let before = c.secondsBefore, total = before[c.dayCount]
            var centres: [Int64] = before
            for b in 0...((total >> c.bucketShift) + 1) { centres.append(b << c.bucketShift) }
            for centre in centres {
                for t in [centre - 1, centre, centre + 1] where t >= 1 && t <= total {
                    var lo = 0, hi = c.dayCount
                    while lo < hi { let mid = (lo + hi) / 2; if before[mid] >= t { hi = mid } else { lo = mid + 1 } }
                    #expect(c.firstDayIndex(reaching: t) == lo, "\(definition.name): \(t) s")
                }
            }
        }
    }

    /// The zoned wrappers equal converting with `offset(atUTC:)`, computing on the wall clock and
    /// converting back with `resolve(localSeconds:)`, also next to DST changes (where the
    /// constant-offset shortcut must step aside).
    @Test(arguments: ["Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kamchatka", "Europe/Moscow"])
    func zonedArithmeticMatchesResolve(zoneName: String) throws {
        let zone = Fixture.zone(zoneName)
        var rng = SeededGenerator(seed: UInt64(zoneName.utf8.count))
        for calendar in [Fixture.calendar, try BusinessCalendar(Fixture.continuousDefinition)] {
            for _ in 0..<4000 {
                let utc = Fixture.local("2023-01-03", 0) + Int64(rng.int(0...(1450 * 86_400)))
                let value = DateTimeValue(utcSeconds: utc, zone: .utc)
                let s = Int64(rng.int(-30 * 3600...30 * 3600))
                let local = utc + Int64(zone.offset(atUTC: utc))
                let expected = (try? calendar.addWorkSeconds(s, toLocal: local)).map { zone.resolve(localSeconds: $0) }
                #expect((try? calendar.addWorkSeconds(s, to: value, zone: zone))?.utcSeconds == expected, "\(value) + \(s) s")
                let other = DateTimeValue(utcSeconds: utc + s * 3, zone: .utc)
                let otherLocal = other.utcSeconds + Int64(zone.offset(atUTC: other.utcSeconds))
                let difference = (try? calendar.workSeconds(fromLocal: local, toLocal: otherLocal)).map { s > 0 ? $0 : 0 }
                #expect((try? calendar.workSeconds(from: value, to: other, zone: zone)) == difference, "\(value) → \(other)")
            }
        }
        // Round the clock in Berlin: 01:30 CET + 1 h of wall-clock time is 02:30, which the spring
        // change skips, so it resolves to 03:30 CEST (01:30Z); in autumn 02:30 repeats: the earlier one.
        if zoneName == "Europe/Berlin" {
            let c = try BusinessCalendar(Fixture.continuousDefinition)
            let spring = DateTimeValue(utcSeconds: Fixture.local("2025-03-30", 0, 30), zone: zone)
            #expect(try c.addWorkSeconds(3600, to: spring, zone: zone).utcSeconds == Fixture.local("2025-03-30", 1, 30))
            let autumn = DateTimeValue(utcSeconds: Fixture.local("2025-10-25", 23, 30), zone: zone)  // 01:30 CEST
            #expect(try c.addWorkSeconds(3600, to: autumn, zone: zone).utcSeconds == Fixture.local("2025-10-26", 0, 30))
        }
    }

    @Test func addAndDifferenceRoundTripAtWorkingMoments() throws {
        let ru = Fixture.calendar
        var rng = SeededGenerator(seed: 42)
        for _ in 0..<3000 {
            let day = CivilDate(daysSinceEpoch: ru.firstDate.daysSinceEpoch + Int32(rng.int(0...1300)))
            guard let hours = try ru.workingHours(on: day).randomElement(using: &rng) else { continue }
            let t = Int64(day.daysSinceEpoch) * 86_400 + Int64(rng.int(Int(hours.start)...Int(hours.end) - 1))
            #expect(try ru.isWorkingMoment(local: t))
            let s = Int64(rng.int(0...(400 * 3600)))
            let later = try ru.addWorkSeconds(s, toLocal: t)
            #expect(try ru.workSeconds(fromLocal: t, toLocal: later) == s)
            #expect(try ru.addWorkSeconds(-s, toLocal: later) == t || s == 0, "back from \(later) by \(s) s")
        }
    }
}
