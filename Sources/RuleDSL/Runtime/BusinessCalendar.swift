/// A production calendar compiled for fast working-time arithmetic.
///
/// Built once from a `CalendarDefinition` (which it validates), it precomputes, for every day of the
/// covered years: the day's working hours (an index into a small table of distinct day schedules),
/// the number of working days before it and the working seconds before it (prefix sums), plus the
/// list of working days in order, and a bucket table inverting the working-second prefix sums.
/// Every query is then O(1): working days by index arithmetic on the prefix sums and the list;
/// working seconds by a bucket lookup (landing at most a holiday stretch before the right day, usually
/// on it) and a scan of the day's few intervals. Nothing walks the calendar day by day and nothing
/// allocates except the few methods that return arrays.
///
/// Conventions shared by all queries:
/// - Dates and times outside the covered years (`firstYear`…`lastYear`) throw
///   `CalendarError.outOfRange`, and so does a result that would leave them. Nothing traps.
/// - Working hours are wall-clock times: "local seconds" are seconds since 1970-01-01T00:00 on the
///   wall clock of the zone in question (`CivilDate.daysSinceEpoch × 86 400 + seconds of the day`).
///   Across a DST change, working time is measured on the wall clock, not as elapsed time.
///
/// Immutable after `init` (only `let` properties of `Sendable` types), hence `Sendable` and safe
/// to share between threads without locks.
public final class BusinessCalendar: Sendable {
    /// The definition this calendar was built from.
    public let definition: CalendarDefinition

    /// First covered year (inclusive).
    @usableFromInline let coveredFirstYear: Int
    /// Last covered year (inclusive).
    @usableFromInline let coveredLastYear: Int
    /// Days since the epoch of January 1 of `firstYear`: day index 0.
    @usableFromInline let firstDay: Int
    /// The number of days covered (day indices 0 ..< dayCount).
    @usableFromInline let dayCount: Int
    /// `workdaysBefore[i]`: working days among day indices 0 ..< i (dayCount + 1 entries).
    @usableFromInline let workdaysBefore: [Int32]
    /// `secondsBefore[i]`: working seconds in day indices 0 ..< i (dayCount + 1 entries).
    @usableFromInline let secondsBefore: [Int64]
    /// Schedule of each day index; schedule 0 is the empty one (day off).
    @usableFromInline let scheduleOfDay: [Int32]
    /// Days since the epoch of every working day, ascending: the n-th working day is `workingDays[n]`.
    @usableFromInline let workingDays: [Int32]
    /// Schedule s owns intervals `scheduleFirst[s] ..< scheduleFirst[s + 1]` of the interval arrays.
    @usableFromInline let scheduleFirst: [Int32]
    /// Interval openings, seconds from local midnight.
    @usableFromInline let intervalStart: [Int32]
    /// Interval closings, seconds from local midnight.
    @usableFromInline let intervalEnd: [Int32]
    /// Working seconds of the day before the interval opens.
    @usableFromInline let intervalWorkedBefore: [Int32]
    /// `secondBuckets[b]`: the first day index m with `secondsBefore[m] ≥ b << bucketShift`
    /// (`dayCount` past the end): the inverse of `secondsBefore`, to a bucket of about one day's work.
    @usableFromInline let secondBuckets: [Int32]
    /// log2 of the bucket width in seconds (about the average working seconds per calendar day).
    @usableFromInline let bucketShift: Int64

    /// The most years a calendar may cover (bounds the tables at a few megabytes).
    public static let maximumYears = 1000

    /// Validates `definition` and builds the tables.
    ///
    /// Throws `overlappingHours(weekday:)` if a weekday's intervals are unsorted or overlap
    /// (touching, e.g. 09:00–13:00 and 13:00–18:00, is allowed), and `invalidDefinition` naming the
    /// problem for: years outside 1…9999, `firstYear > lastYear` or more than `maximumYears` years;
    /// a weekday key outside 1…7; an interval not within one day (`0 ≤ start < end ≤ 86 400`); a
    /// holiday, workday or shortened day outside the covered years; a workday without hours, with
    /// bad or overlapping hours, or that is also a holiday; a shortened day that is not a working
    /// day, or whose cut is not positive and smaller than the day's working time.
    public init(_ definition: CalendarDefinition) throws(CalendarError) {
        let first = definition.firstYear, last = definition.lastYear
        guard first >= 1, last <= 9999, first <= last else {
            throw .invalidDefinition("calendar \(definition.name): years \(first)…\(last) must lie in 1…9999, first ≤ last")
        }
        guard last - first < BusinessCalendar.maximumYears else {
            throw .invalidDefinition("calendar \(definition.name): at most \(BusinessCalendar.maximumYears) years")
        }
        let firstDay = CivilDate.daysFromCivil(first, 1, 1)
        let endDay = CivilDate.daysFromCivil(last + 1, 1, 1)
        let dayCount = endDay - firstDay
        func inRange(_ d: CivilDate) -> Bool { Int(d.daysSinceEpoch) >= firstDay && Int(d.daysSinceEpoch) < endDay }
        func years() -> String { "\(first)…\(last)" }

        // The week.
        for (weekday, hours) in definition.week {
            guard weekday >= 1, weekday <= 7 else {
                throw .invalidDefinition("weekday \(weekday) is not an ISO weekday 1…7")
            }
            if let bad = hours.first(where: { !BusinessCalendar.isWithinDay($0) }) {
                throw .invalidDefinition("weekday \(weekday): interval \(bad.start)…\(bad.end) s is not within one day")
            }
            guard BusinessCalendar.isSortedDisjoint(hours) else { throw .overlappingHours(weekday: weekday) }
        }
        // Exceptions, in date order so the first problem reported is the earliest.
        for date in definition.holidays.sorted() where !inRange(date) {
            throw .invalidDefinition("holiday \(date) is outside the calendar's years \(years())")
        }
        for (date, hours) in definition.workdays.sorted(by: { $0.key < $1.key }) {
            guard inRange(date) else { throw .invalidDefinition("workday \(date) is outside the calendar's years \(years())") }
            guard !definition.holidays.contains(date) else { throw .invalidDefinition("\(date) is both a holiday and a workday") }
            guard !hours.isEmpty else { throw .invalidDefinition("workday \(date) has no working hours") }
            guard hours.allSatisfy(BusinessCalendar.isWithinDay), BusinessCalendar.isSortedDisjoint(hours) else {
                throw .invalidDefinition("workday \(date): hours \(hours) are not sorted, disjoint intervals within one day")
            }
        }
        for (date, cut) in definition.shortened.sorted(by: { $0.key < $1.key }) {
            guard inRange(date) else { throw .invalidDefinition("shortened day \(date) is outside the calendar's years \(years())") }
            let hours = BusinessCalendar.baseHours(of: date, in: definition)
            guard !hours.isEmpty else { throw .invalidDefinition("shortened day \(date) is not a working day") }
            let total = hours.reduce(Int64(0)) { $0 + $1.seconds }
            guard cut > 0, Int64(cut) < total else {
                throw .invalidDefinition("shortened day \(date): cutting \(cut) s must leave some of its \(total) s of work")
            }
        }

        // Tables.
        var scheduleIndex: [[WorkInterval]: Int32] = [[]: 0]
        var schedules: [[WorkInterval]] = [[]]
        var scheduleOfDay = [Int32](repeating: 0, count: dayCount)
        var workdaysBefore = [Int32](repeating: 0, count: dayCount + 1)
        var secondsBefore = [Int64](repeating: 0, count: dayCount + 1)
        var workingDays: [Int32] = []
        workingDays.reserveCapacity(dayCount * 5 / 7 + 64)
        var scheduleSeconds: [Int64] = [0]
        for i in 0..<dayCount {
            let date = CivilDate(daysSinceEpoch: Int32(firstDay + i))
            var hours = BusinessCalendar.baseHours(of: date, in: definition)
            if let cut = definition.shortened[date] { hours = BusinessCalendar.cuttingEnd(of: hours, by: cut) }
            let s: Int32
            if let known = scheduleIndex[hours] {
                s = known
            } else {
                s = Int32(schedules.count)
                scheduleIndex[hours] = s
                schedules.append(hours)
                scheduleSeconds.append(hours.reduce(Int64(0)) { $0 + $1.seconds })
            }
            scheduleOfDay[i] = s
            let works = s != 0
            if works { workingDays.append(date.daysSinceEpoch) }
            workdaysBefore[i + 1] = workdaysBefore[i] + (works ? 1 : 0)
            secondsBefore[i + 1] = secondsBefore[i] + scheduleSeconds[Int(s)]
        }
        var scheduleFirst: [Int32] = [0]
        var starts: [Int32] = [], ends: [Int32] = [], before: [Int32] = []
        for hours in schedules {
            var worked: Int32 = 0
            for interval in hours {
                starts.append(interval.start)
                ends.append(interval.end)
                before.append(worked)
                worked += interval.end - interval.start
            }
            scheduleFirst.append(Int32(starts.count))
        }

        // Buckets of 2^shift working seconds, shift ≈ log2(average working seconds per day).
        let total = secondsBefore[dayCount]
        var shift: Int64 = 0
        while shift < 40, (Int64(1) << (shift + 1)) * Int64(dayCount) <= total { shift += 1 }
        let bucketCount = Int(total >> shift) + 2
        var buckets = [Int32](repeating: Int32(dayCount), count: bucketCount)
        var m = 0
        for b in 0..<bucketCount {
            let threshold = Int64(b) << shift
            while m < dayCount, secondsBefore[m] < threshold { m += 1 }
            buckets[b] = Int32(m)
        }

        self.definition = definition
        self.coveredFirstYear = first
        self.coveredLastYear = last
        self.firstDay = firstDay
        self.dayCount = dayCount
        self.workdaysBefore = workdaysBefore
        self.secondsBefore = secondsBefore
        self.scheduleOfDay = scheduleOfDay
        self.workingDays = workingDays
        self.scheduleFirst = scheduleFirst
        self.intervalStart = starts
        self.intervalEnd = ends
        self.intervalWorkedBefore = before
        self.secondBuckets = buckets
        self.bucketShift = shift
    }

    /// `0 ≤ start < end ≤ 86 400`.
    static func isWithinDay(_ i: WorkInterval) -> Bool { i.start >= 0 && i.start < i.end && i.end <= 86_400 }

    /// Each interval opens at or after the previous one closes.
    static func isSortedDisjoint(_ hours: [WorkInterval]) -> Bool {
        zip(hours, hours.dropFirst()).allSatisfy { $0.end <= $1.start }
    }

    /// A date's hours before shortening: its workday entry, else none on a holiday, else the week's.
    static func baseHours(of date: CivilDate, in definition: CalendarDefinition) -> [WorkInterval] {
        if let hours = definition.workdays[date] { return hours }
        if definition.holidays.contains(date) { return [] }
        return definition.week[date.weekday] ?? []
    }

    /// `hours` without their last `cut` working seconds (the cut may span several intervals).
    static func cuttingEnd(of hours: [WorkInterval], by cut: Int32) -> [WorkInterval] {
        var result = hours
        var left = cut
        while left > 0, let last = result.last {
            let length = last.end - last.start
            if length <= left {
                left -= length
                result.removeLast()
            } else {
                result[result.count - 1] = WorkInterval(start: last.start, end: last.end - left)
                left = 0
            }
        }
        return result
    }

    // MARK: - Description

    /// The calendar's name (`definition.name`).
    public var name: String { definition.name }
    /// The zone used when a query names none (`definition.zone`).
    public var zone: ZoneRules { definition.zone }
    /// First covered year (inclusive).
    public var firstYear: Int { coveredFirstYear }
    /// Last covered year (inclusive).
    public var lastYear: Int { coveredLastYear }
    /// January 1 of `firstYear`, the first covered date.
    public var firstDate: CivilDate { CivilDate(daysSinceEpoch: Int32(firstDay)) }
    /// December 31 of `lastYear`, the last covered date.
    public var lastDate: CivilDate { CivilDate(daysSinceEpoch: Int32(firstDay + dayCount - 1)) }

    // MARK: - Errors

    /// `outOfRange` naming `date`.
    @usableFromInline
    func outOfRange(_ date: CivilDate) -> CalendarError {
        .outOfRange(date, firstYear: coveredFirstYear, lastYear: coveredLastYear)
    }

    /// `outOfRange` for a result past the end (naming January 1 after `lastYear`) or before the
    /// start (naming December 31 before `firstYear`).
    @usableFromInline
    func beyondCoverage(after: Bool) -> CalendarError {
        outOfRange(CivilDate(daysSinceEpoch: Int32(after ? firstDay + dayCount : firstDay - 1)))
    }

    /// The day index of `date`, or `outOfRange`.
    @inlinable @inline(__always)
    func dayIndex(_ date: CivilDate) throws(CalendarError) -> Int {
        let i = Int(date.daysSinceEpoch) - firstDay
        guard i >= 0, i < dayCount else { throw outOfRange(date) }
        return i
    }

    // MARK: - Days

    /// Whether `date` is a working day (has working hours). Throws `outOfRange` outside the years.
    @inlinable
    public func isWorkingDay(_ date: CivilDate) throws(CalendarError) -> Bool {
        scheduleOfDay[try dayIndex(date)] != 0
    }

    /// The working seconds of `date` (0 on a day off; 28 800 on a regular 8-hour day, 25 200 on a
    /// shortened one). Throws `outOfRange` outside the years.
    @inlinable
    public func workingSeconds(on date: CivilDate) throws(CalendarError) -> Int64 {
        let i = try dayIndex(date)
        return secondsBefore[i + 1] - secondsBefore[i]
    }

    /// Working seconds of the days `first` through `last` (both included; 0 when `last` is earlier).
    public func workingSeconds(from first: CivilDate, through last: CivilDate) throws(CalendarError) -> Int64 {
        guard first <= last else { return 0 }
        return secondsBefore[try dayIndex(last) + 1] - secondsBefore[try dayIndex(first)]
    }

    /// The working intervals of `date` after holidays, transfers and shortening (empty on a day off).
    public func workingHours(on date: CivilDate) throws(CalendarError) -> [WorkInterval] {
        let s = Int(scheduleOfDay[try dayIndex(date)])
        return (Int(scheduleFirst[s])..<Int(scheduleFirst[s + 1])).map {
            WorkInterval(start: intervalStart[$0], end: intervalEnd[$0])
        }
    }

    /// Whether `date` is a shortened (pre-holiday) working day of the definition.
    public func isShortened(_ date: CivilDate) throws(CalendarError) -> Bool {
        _ = try dayIndex(date)
        return definition.shortened[date] != nil
    }
}
