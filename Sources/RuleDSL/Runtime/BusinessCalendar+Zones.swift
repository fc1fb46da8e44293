// Zone-aware working-time arithmetic: instants are converted to the wall clock of the zone the
// office works in, computed on with the calendar's local-reading methods, and converted back.

extension BusinessCalendar {
    /// The wall-clock reading (seconds since 1970-01-01T00:00 local) of an instant in `zone`.
    @inline(__always)
    static func localReading(of value: DateTimeValue, in zone: ZoneRules) -> Int64 {
        value.utcSeconds.addingSaturating(Int64(zone.offset(atUTC: value.utcSeconds)))
    }

    /// The instant of the local reading `local` in `zone`: `zone.resolve(localSeconds:)`, short-cut
    /// when `span` (the constant-offset stretch of the zone around a nearby instant) covers every
    /// instant `resolve` would consider, in which case its offset is the only valid one.
    @inline(__always)
    static func instant(ofLocal local: Int64, in zone: ZoneRules, span: ZoneRules.ConstantSpan?) -> Int64 {
        if let span, local - ZoneRules.window >= span.from, local + ZoneRules.window < span.until {
            return local - Int64(span.offset)
        }
        return zone.resolve(localSeconds: local)
    }

    /// The instant `seconds` of working time after `value` (before it if negative), with the
    /// calendar's hours read on the wall clock of `zone` (nil: the calendar's own zone). A Kamchatka
    /// office on the Russian calendar passes `Asia/Kamchatka` and works 09:00–18:00 Kamchatka time.
    ///
    /// The instant is converted to `zone`'s wall clock, moved with `addWorkSeconds(_:toLocal:)` (see
    /// there for the conventions: a start outside hours counts from the next working moment, adding
    /// 0 returns that moment, a result at a closing stays at the closing) and converted back with
    /// `ZoneRules.resolve(localSeconds:)` (a wall time skipped by a DST jump moves forward, a repeated
    /// one takes the earlier instant). Working time is wall-clock time: an hour lost or gained by a
    /// DST change inside working hours is not compensated. The result is shown in `value`'s zone.
    /// Throws `outOfRange` if the local date of `value` or of the result is outside the years.
    public func addWorkSeconds(_ seconds: Int64, to value: DateTimeValue, zone: ZoneRules? = nil) throws(CalendarError) -> DateTimeValue {
        let z = zone ?? definition.zone
        let span = z.constantSpan(atUTC: value.utcSeconds)
        let start = span.map { value.utcSeconds.addingSaturating(Int64($0.offset)) } ?? BusinessCalendar.localReading(of: value, in: z)
        let local = try addWorkSeconds(seconds, toLocal: start)
        return DateTimeValue(utcSeconds: BusinessCalendar.instant(ofLocal: local, in: z, span: span), zone: value.zone)
    }

    /// Working seconds between two instants, the hours read on `zone`'s wall clock (nil: the
    /// calendar's zone): `workSeconds(fromLocal:toLocal:)` of their local readings. 0 if `to` is
    /// not after `from` (also when a DST fall-back makes the later instant read earlier).
    /// Throws `outOfRange` if either local date is outside the years.
    public func workSeconds(from: DateTimeValue, to: DateTimeValue, zone: ZoneRules? = nil) throws(CalendarError) -> Int64 {
        let z = zone ?? definition.zone
        let a: Int64, b: Int64
        if let span = z.constantSpan(atUTC: from.utcSeconds), to.utcSeconds >= span.from, to.utcSeconds < span.until {
            a = from.utcSeconds.addingSaturating(Int64(span.offset))
            b = to.utcSeconds.addingSaturating(Int64(span.offset))
        } else {
            a = BusinessCalendar.localReading(of: from, in: z)
            b = BusinessCalendar.localReading(of: to, in: z)
        }
        let seconds = try workSeconds(fromLocal: a, toLocal: b)
        return to.utcSeconds > from.utcSeconds ? seconds : 0
    }

    /// The same wall-clock time of day in `zone` (nil: the calendar's zone), on the date
    /// `addWorkdays(n, to:)` of `value`'s local date: Friday 15:30 + 1 working day = Monday 15:30.
    /// Only dates count (the time of day does not decide whether the start day works; combine with
    /// `nextWorkingMoment` for "next business morning" rules). The wall time is converted back with
    /// `ZoneRules.resolve(localSeconds:)` and shown in `value`'s zone. Throws `outOfRange` as
    /// `addWorkdays(_:to:)` does.
    public func addWorkdays(_ n: Int, to value: DateTimeValue, zone: ZoneRules? = nil) throws(CalendarError) -> DateTimeValue {
        let z = zone ?? definition.zone
        let local = BusinessCalendar.localReading(of: value, in: z)
        let (day, second) = try locate(local)
        guard day < dayCount else { throw beyondCoverage(after: true) }
        let date = try addWorkdays(n, to: CivilDate(daysSinceEpoch: Int32(firstDay + day)))
        let result = Int64(date.daysSinceEpoch) * 86_400 + Int64(second)
        return DateTimeValue(utcSeconds: z.resolve(localSeconds: result), zone: value.zone)
    }

    /// Whether `value` falls inside working hours on `zone`'s wall clock (nil: the calendar's zone).
    public func isWorkingMoment(_ value: DateTimeValue, zone: ZoneRules? = nil) throws(CalendarError) -> Bool {
        try isWorkingMoment(local: BusinessCalendar.localReading(of: value, in: zone ?? definition.zone))
    }

    /// The first working moment at or after `value` on `zone`'s wall clock (nil: the calendar's
    /// zone): `addWorkSeconds(0, to: value, zone: zone)`.
    public func nextWorkingMoment(_ value: DateTimeValue, zone: ZoneRules? = nil) throws(CalendarError) -> DateTimeValue {
        try addWorkSeconds(0, to: value, zone: zone)
    }

    /// Whether the local date of `value` in `zone` (nil: the calendar's zone) is a working day.
    public func isWorkingDay(_ value: DateTimeValue, zone: ZoneRules? = nil) throws(CalendarError) -> Bool {
        let (day, _) = try locate(BusinessCalendar.localReading(of: value, in: zone ?? definition.zone))
        guard day < dayCount else { throw beyondCoverage(after: true) }
        return scheduleOfDay[day] != 0
    }
}

extension ZoneRules {
    /// A stretch of time over which a zone's offset does not change: `offset` from the UTC instant
    /// `from` (inclusive) to `until` (exclusive).
    struct ConstantSpan {
        let offset: Int32
        let from: Int64
        let until: Int64
    }

    /// The constant-offset stretch containing the UTC instant, from the transition table (one binary
    /// search); nil where the zone's recurring DST rule takes over (from 2101 on).
    func constantSpan(atUTC seconds: Int64) -> ConstantSpan? {
        guard rule == nil || seconds < tableEnd else { return nil }
        return times.withUnsafeBufferPointer { t in
            var lo = 0, hi = t.count
            while lo < hi {
                let mid = (lo &+ hi) >> 1
                if t[mid] <= seconds { lo = mid + 1 } else { hi = mid }
            }
            let cap = rule == nil ? Int64.max : tableEnd
            let until = lo < t.count ? Swift.min(t[lo], cap) : cap
            return ConstantSpan(offset: offsets[lo], from: lo > 0 ? t[lo - 1] : Int64.min, until: until)
        }
    }
}
