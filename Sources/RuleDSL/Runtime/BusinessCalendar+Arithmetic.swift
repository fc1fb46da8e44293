// Working-day and working-second arithmetic on the precomputed tables (see BusinessCalendar).

extension BusinessCalendar {
    // MARK: - Working days

    /// Working days from `from` to `to`, both inclusive: January 2025 on the Russian calendar
    /// (2025-01-01 … 2025-01-31) has 17.
    ///
    /// If `from > to` the result is the negation of `workdays(from: to, to: from)`, so a signed
    /// difference reads naturally ("the deadline was 3 working days ago" is −3). A single day counts
    /// 1 if it works, 0 if not. Throws `outOfRange` if either date is outside the years. O(1).
    @inlinable
    public func workdays(from: CivilDate, to: CivilDate) throws(CalendarError) -> Int {
        let a = try dayIndex(from), b = try dayIndex(to)
        if a <= b { return Int(workdaysBefore[b + 1]) - Int(workdaysBefore[a]) }
        return Int(workdaysBefore[b]) - Int(workdaysBefore[a + 1])
    }

    /// The `n`-th working day after `date` (before it if `n` is negative):
    ///
    /// - `n ≥ 1`: counting starts the day after `date`, so +1 is the next working day whether or not
    ///   `date` itself works (Friday + 1 = Monday; Saturday + 1 = Monday).
    /// - `n == 0`: `date` itself if it works, else the next working day (`workingDayOnOrAfter`).
    /// - `n ≤ −1`: counting backwards from the day before `date`; −1 is the previous working day.
    ///
    /// Hence `workdays(from: date, to: addWorkdays(n, to: date))` is `n + 1` for a working `date` and
    /// `n` otherwise when `n ≥ 1`, and `n − 1` (working) or `n` (not) when `n ≤ −1`. Throws
    /// `outOfRange` if `date` is outside the years or the result would be (naming the first day
    /// beyond the coverage). O(1).
    @inlinable
    public func addWorkdays(_ n: Int, to date: CivilDate) throws(CalendarError) -> CivilDate {
        let i = try dayIndex(date)
        let count = workingDays.count
        // |n| beyond the number of working days always leaves the coverage (and keeps the sums small).
        guard n <= count else { throw beyondCoverage(after: true) }
        guard n >= -count else { throw beyondCoverage(after: false) }
        let rank: Int
        if n > 0 {
            rank = Int(workdaysBefore[i + 1]) + n - 1
        } else {
            rank = Int(workdaysBefore[i]) + n
        }
        guard rank < count else { throw beyondCoverage(after: true) }
        guard rank >= 0 else { throw beyondCoverage(after: false) }
        return CivilDate(daysSinceEpoch: workingDays[rank])
    }

    /// The first working day strictly after `date` (`addWorkdays(1, to: date)`).
    @inlinable
    public func nextWorkingDay(after date: CivilDate) throws(CalendarError) -> CivilDate {
        try addWorkdays(1, to: date)
    }

    /// The last working day strictly before `date` (`addWorkdays(-1, to: date)`).
    @inlinable
    public func previousWorkingDay(before date: CivilDate) throws(CalendarError) -> CivilDate {
        try addWorkdays(-1, to: date)
    }

    /// `date` if it works, else the next working day (`addWorkdays(0, to: date)`).
    @inlinable
    public func workingDayOnOrAfter(_ date: CivilDate) throws(CalendarError) -> CivilDate {
        try addWorkdays(0, to: date)
    }

    // MARK: - Working seconds on the local wall clock

    /// Day index and second of the day of a local reading; the end of the coverage (00:00 on
    /// January 1 after `lastYear`) is accepted as day index `dayCount`, second 0.
    @inlinable @inline(__always)
    func locate(_ local: Int64) throws(CalendarError) -> (day: Int, second: Int32) {
        var days = local / 86_400
        var second = local % 86_400
        if second < 0 {
            days -= 1
            second += 86_400
        }
        let i = days - Int64(firstDay)
        guard i >= 0, i < Int64(dayCount) || (i == Int64(dayCount) && second == 0) else {
            throw outOfRange(CivilDate(daysSinceEpoch: Int32(clamping: days)))
        }
        return (Int(i), Int32(truncatingIfNeeded: second))
    }

    /// Working seconds from the start of the coverage up to the reading (day `day`, `second`).
    @inlinable @inline(__always)
    func worked(day: Int, second: Int32) -> Int64 {
        guard day < dayCount else { return secondsBefore[dayCount] }
        let s = Int(scheduleOfDay[day])
        var k = Int(scheduleFirst[s])
        let end = Int(scheduleFirst[s + 1])
        var within: Int32 = 0
        while k < end {
            let open = intervalStart[k]
            if second <= open { break }
            within = intervalWorkedBefore[k] + (Swift.min(second, intervalEnd[k]) - open)
            k += 1
        }
        return secondsBefore[day] + Int64(within)
    }

    /// The first day index m with `secondsBefore[m] ≥ target` (1 ≤ target ≤ total): the bucket
    /// table gives a start at most a few days before it, usually the day itself.
    @inlinable @inline(__always)
    func firstDayIndex(reaching target: Int64) -> Int {
        var m = Int(secondBuckets[Int(truncatingIfNeeded: target >> bucketShift)])
        while secondsBefore[m] < target { m += 1 }
        return m
    }

    /// The earliest reading at which `target` working seconds have elapsed since the start of the
    /// coverage (0 < target ≤ total). Lands on an interval's end rather than the next opening.
    @inlinable
    func earliestReading(reaching target: Int64) -> Int64 {
        let day = firstDayIndex(reaching: target) - 1
        let r = Int32(truncatingIfNeeded: target - secondsBefore[day])  // 0 < r ≤ the day's seconds
        let s = Int(scheduleOfDay[day])
        var k = Int(scheduleFirst[s])
        let last = Int(scheduleFirst[s + 1]) - 1
        while k < last, intervalWorkedBefore[k] + (intervalEnd[k] - intervalStart[k]) < r { k += 1 }
        return Int64(firstDay + day) * 86_400 + Int64(intervalStart[k] + (r - intervalWorkedBefore[k]))
    }

    /// The latest reading at which exactly `target` working seconds have elapsed since the start of
    /// the coverage (0 ≤ target < total). Lands on an interval's opening rather than the previous
    /// closing; for a `target` reached at a non-working moment it is the next opening.
    @inlinable
    func latestReading(at target: Int64) -> Int64 {
        let day = firstDayIndex(reaching: target + 1) - 1
        let r = Int32(truncatingIfNeeded: target - secondsBefore[day])  // 0 ≤ r < the day's seconds
        let s = Int(scheduleOfDay[day])
        var k = Int(scheduleFirst[s])
        let last = Int(scheduleFirst[s + 1]) - 1
        while k < last, intervalWorkedBefore[k] + (intervalEnd[k] - intervalStart[k]) <= r { k += 1 }
        return Int64(firstDay + day) * 86_400 + Int64(intervalStart[k] + (r - intervalWorkedBefore[k]))
    }

    /// The local reading `seconds` of working time after `local` (before it if negative).
    ///
    /// Conventions (the reading is wall-clock seconds since 1970-01-01 in the calendar's hours):
    /// - A start outside working hours (before opening, in a break, after closing, on a day off)
    ///   counts from the next working moment: Friday 19:00 + 1 h = Monday 10:00.
    /// - Adding 0 returns the next working moment: `local` itself if it is inside working hours
    ///   (an interval includes its opening, not its closing), else the next opening.
    /// - A positive amount that is used up exactly at a closing returns the closing, not the next
    ///   opening: 17:00 + 1 h on a 09:00–18:00 day is 18:00 of the same day.
    /// - A negative amount counts backwards from the previous working moment and, used up exactly
    ///   at an opening, returns the opening: Monday 10:00 − 1 h = Monday 09:00, − 2 h = Friday 17:00.
    ///
    /// With these conventions `workSeconds(fromLocal: t, toLocal: addWorkSeconds(s, toLocal: t)) == s`
    /// for every `s ≥ 0` and every `t`, and `workSeconds(fromLocal: addWorkSeconds(s, toLocal: t),
    /// toLocal: t) == −s` for every `s < 0`. Throws `outOfRange` if `local` or the result is
    /// outside the years. O(1): a bucket table over the working-second prefix sums finds the day,
    /// then its few intervals are scanned.
    @inlinable
    public func addWorkSeconds(_ seconds: Int64, toLocal local: Int64) throws(CalendarError) -> Int64 {
        let (day, second) = try locate(local)
        let start = worked(day: day, second: second)
        let total = secondsBefore[dayCount]
        if seconds > 0 {
            let (target, overflow) = start.addingReportingOverflow(seconds)
            guard !overflow, target <= total else { throw beyondCoverage(after: true) }
            return earliestReading(reaching: target)
        }
        let target = start + seconds  // start ≥ 0, so no overflow
        guard target >= 0 else { throw beyondCoverage(after: false) }
        guard target < total else { throw beyondCoverage(after: true) }  // no working moment left
        return latestReading(at: target)
    }

    /// Working seconds in `[from, to)` (local readings); 0 if `to ≤ from`. Throws `outOfRange` if
    /// either reading is outside the years (00:00 on January 1 after `lastYear` is accepted as the
    /// end). O(1).
    @inlinable
    public func workSeconds(fromLocal from: Int64, toLocal to: Int64) throws(CalendarError) -> Int64 {
        let a = try locate(from), b = try locate(to)
        guard to > from else { return 0 }
        return worked(day: b.day, second: b.second) - worked(day: a.day, second: a.second)
    }

    /// Whether the local reading is inside working hours (an interval includes its opening, not
    /// its closing). Throws `outOfRange` outside the years.
    @inlinable
    public func isWorkingMoment(local: Int64) throws(CalendarError) -> Bool {
        let (day, second) = try locate(local)
        guard day < dayCount else { return false }
        let s = Int(scheduleOfDay[day])
        for k in Int(scheduleFirst[s])..<Int(scheduleFirst[s + 1]) where intervalStart[k] <= second && second < intervalEnd[k] {
            return true
        }
        return false
    }

    /// The next working moment at or after the local reading (`addWorkSeconds(0, toLocal:)`).
    @inlinable
    public func nextWorkingMoment(local: Int64) throws(CalendarError) -> Int64 {
        try addWorkSeconds(0, toLocal: local)
    }
}
