/// A calendar date without time or zone (proleptic Gregorian), stored as days since 1970-01-01.
///
/// The supported range is 0001-01-01 ... 9999-12-31 (`CivilDate.earliest ... CivilDate.latest`).
/// Every failable initializer and every arithmetic operation returns nil rather than leave that
/// range, and nothing here traps on any input. A value built with `init(daysSinceEpoch:)` may lie
/// outside the range (any `Int32` is accepted); its fields and texts are still computed without
/// trapping (years ≤ 0 or > 9999 are rendered with a sign or extra digits), and arithmetic on it
/// succeeds only if the result is back inside the supported range.
///
/// Field access (`year`, `month`, `day`, `components`) uses Howard Hinnant's `civil_from_days`:
/// pure integer arithmetic, no Foundation, no allocation.
public struct CivilDate: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before it). Ordering and equality follow this number.
    public let daysSinceEpoch: Int32

    /// Days since the epoch of 0001-01-01, the first supported date.
    static let minDays: Int32 = -719_162
    /// Days since the epoch of 9999-12-31, the last supported date.
    static let maxDays: Int32 = 2_932_896

    /// 0001-01-01, the first supported date.
    public static let earliest = CivilDate(daysSinceEpoch: minDays)
    /// 9999-12-31, the last supported date.
    public static let latest = CivilDate(daysSinceEpoch: maxDays)

    /// Wraps a day count. Any value is accepted (no validation) so that stored day numbers load
    /// without checks; see the type documentation for values outside 0001...9999.
    @inline(__always)
    public init(daysSinceEpoch: Int32) {
        self.daysSinceEpoch = daysSinceEpoch
    }

    /// The date with these fields, or nil unless `year` is in 1...9999, `month` in 1...12 and `day`
    /// exists in that month (February 29 only in leap years). Never traps, whatever the integers.
    @inline(__always)
    public init?(year: Int, month: Int, day: Int) {
        guard year >= 1, year <= 9999, month >= 1, month <= 12, day >= 1,
              day <= CivilDate.daysIn(month: month, year: year) else { return nil }
        self.daysSinceEpoch = Int32(truncatingIfNeeded: CivilDate.daysFromCivil(year, month, day))
    }

    /// True if this date lies in the supported range 0001-01-01 ... 9999-12-31.
    @inline(__always)
    public var isSupported: Bool { daysSinceEpoch >= CivilDate.minDays && daysSinceEpoch <= CivilDate.maxDays }

    // MARK: - Fields

    /// Year, month and day in one computation (cheaper than reading the three properties).
    @inline(__always)
    public var components: (year: Int, month: Int, day: Int) {
        CivilDate.civilFromDays(Int(daysSinceEpoch))
    }

    /// The year (1...9999 for supported dates).
    @inline(__always) public var year: Int { components.year }
    /// The month, 1...12.
    @inline(__always) public var month: Int { components.month }
    /// The day of the month, 1...31.
    @inline(__always) public var day: Int { components.day }

    /// ISO day of the week: 1 = Monday ... 7 = Sunday (1970-01-01 was a Thursday).
    public var weekday: Int {
        let r = (Int(daysSinceEpoch) + 3) % 7  // 0 = Monday
        return (r < 0 ? r + 7 : r) + 1
    }

    /// The quarter, 1...4 (January–March is 1).
    public var quarter: Int { (month - 1) / 3 + 1 }

    /// The day of the year, 1...366 (January 1 is 1).
    public var dayOfYear: Int {
        Int(daysSinceEpoch) - CivilDate.daysFromCivil(year, 1, 1) + 1
    }

    // MARK: - Calendar rules

    /// Whether `year` is a Gregorian leap year: divisible by 4, except centuries not divisible by
    /// 400 (1900 is not leap, 2000 is). Applied proleptically to every integer; never traps.
    @inline(__always)
    public static func isLeap(_ year: Int) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    /// The number of days in `month` (1...12) of `year`: 28...31, or 0 if `month` is not in 1...12.
    @inline(__always)
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 1, 3, 5, 7, 8, 10, 12: return 31
        case 4, 6, 9, 11: return 30
        case 2: return isLeap(year) ? 29 : 28
        default: return 0
        }
    }

    /// Howard Hinnant's `days_from_civil`: days since 1970-01-01 of a proleptic Gregorian date.
    /// Exact for any year with |year| < 2^50; callers keep the arguments far inside that.
    @inline(__always)
    static func daysFromCivil(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400                                   // [0, 399]
        let mp = month > 2 ? month - 3 : month + 9                // March = 0
        let doy = (153 * mp + 2) / 5 + day - 1                    // [0, 365]
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy           // [0, 146096]
        return era * 146_097 + doe - 719_468
    }

    /// Howard Hinnant's `civil_from_days`: the proleptic Gregorian date of a day count. Exact and
    /// trap-free for any day count with |days| < 2^50 (every `Int32` qualifies).
    @inline(__always)
    static func civilFromDays(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097                                          // [0, 146096]
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365     // [0, 399]
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)                    // [0, 365]
        let mp = (5 * doy + 2) / 153                                         // [0, 11]
        let d = doy - (153 * mp + 2) / 5 + 1                                 // [1, 31]
        let m = mp < 10 ? mp + 3 : mp - 9                                    // [1, 12]
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return (y, m, d)
    }

    /// A date from a day count known to be within `Int32` after clamping; used by the
    /// start/end helpers so that even out-of-range dates never trap.
    @inline(__always)
    static func clamped(_ days: Int) -> CivilDate {
        CivilDate(daysSinceEpoch: Int32(clamping: days))
    }

    // MARK: - Parsing

    /// Parses `YYYY-MM-DD` (ISO 8601 extended, exactly 4-digit year and 2-digit month and day)
    /// or the Russian `DD.MM.YYYY`. No surrounding spaces, signs or other lengths are accepted;
    /// the date must exist and lie in 0001...9999. Same rules as `parse(utf8:)`.
    public init?(iso text: some StringProtocol) {
        let utf8 = text.utf8
        if let result = utf8.withContiguousStorageIfAvailable({ CivilDate.parse(utf8: $0) }) {
            guard let date = result else { return nil }
            self = date
            return
        }
        // Non-contiguous (bridged) storage: copy at most 10 bytes.
        guard utf8.count == 10 else { return nil }
        let bytes = Array(utf8)
        guard let date = bytes.withUnsafeBufferPointer({ CivilDate.parse(utf8: $0) }) else { return nil }
        self = date
    }

    /// Parses UTF-8 bytes as `YYYY-MM-DD` or `DD.MM.YYYY` (exactly 10 bytes, see `init(iso:)`).
    /// Hot path of the CSV reader: no allocation, no Foundation, a handful of comparisons.
    @inline(__always)
    public static func parse(utf8 b: UnsafeBufferPointer<UInt8>) -> CivilDate? {
        guard b.count == 10 else { return nil }
        @inline(__always) func digit(_ i: Int) -> Int? {
            let v = b[i] &- 0x30
            return v < 10 ? Int(v) : nil
        }
        let year: Int, month: Int, day: Int
        if b[4] == 0x2D, b[7] == 0x2D {  // YYYY-MM-DD
            guard let y0 = digit(0), let y1 = digit(1), let y2 = digit(2), let y3 = digit(3),
                  let m0 = digit(5), let m1 = digit(6), let d0 = digit(8), let d1 = digit(9) else { return nil }
            year = y0 * 1000 + y1 * 100 + y2 * 10 + y3
            month = m0 * 10 + m1
            day = d0 * 10 + d1
        } else if b[2] == 0x2E, b[5] == 0x2E {  // DD.MM.YYYY
            guard let d0 = digit(0), let d1 = digit(1), let m0 = digit(3), let m1 = digit(4),
                  let y0 = digit(6), let y1 = digit(7), let y2 = digit(8), let y3 = digit(9) else { return nil }
            year = y0 * 1000 + y1 * 100 + y2 * 10 + y3
            month = m0 * 10 + m1
            day = d0 * 10 + d1
        } else {
            return nil
        }
        return CivilDate(year: year, month: month, day: day)
    }

    // MARK: - Arithmetic

    /// The date `days` later (earlier if negative), or nil outside 0001...9999.
    public func adding(days: Int) -> CivilDate? {
        let (sum, overflow) = Int(daysSinceEpoch).addingReportingOverflow(days)
        guard !overflow, sum >= Int(CivilDate.minDays), sum <= Int(CivilDate.maxDays) else { return nil }
        return CivilDate(daysSinceEpoch: Int32(truncatingIfNeeded: sum))
    }

    /// The date `months` calendar months later (earlier if negative), keeping the day of the month
    /// but clamping it to the target month's end: Jan 31 + 1 month = Feb 28 (Feb 29 in leap
    /// years); Mar 31 − 1 month = Feb 28/29. This is the Russian Labour Code (art. 14) rule for
    /// periods counted in months. Nil outside 0001...9999.
    public func adding(months: Int) -> CivilDate? {
        let (y, m, d) = components
        let (total, overflow) = (y * 12 + (m - 1)).addingReportingOverflow(months)
        guard !overflow else { return nil }
        let newYear = total >= 0 ? total / 12 : (total - 11) / 12
        let newMonth = total - newYear * 12 + 1
        guard newYear >= 1, newYear <= 9999 else { return nil }
        let newDay = Swift.min(d, CivilDate.daysIn(month: newMonth, year: newYear))
        return CivilDate(daysSinceEpoch: Int32(truncatingIfNeeded: CivilDate.daysFromCivil(newYear, newMonth, newDay)))
    }

    /// The date `years` later (earlier if negative); Feb 29 + 1 year = Feb 28 (clamped like
    /// `adding(months:)`). Nil outside 0001...9999.
    public func adding(years: Int) -> CivilDate? {
        let (months, overflow) = years.multipliedReportingOverflow(by: 12)
        guard !overflow else { return nil }
        return adding(months: months)
    }

    /// `to − from` in days: positive if `to` is later, negative if earlier, 0 if equal.
    public static func days(from: CivilDate, to: CivilDate) -> Int {
        Int(to.daysSinceEpoch) - Int(from.daysSinceEpoch)
    }

    /// Completed calendar months from `from` to `to`. A month is completed when the same day
    /// number is reached in a later month (Jan 15 → Feb 15 is 1); if that day does not exist in
    /// the target month the month completes on the 1st of the next month (Jan 31 → Feb 28 is 0,
    /// Jan 31 → Mar 1 is 1), the same convention as `wholeYears` (a Feb 29 birthday counts on
    /// Mar 1). If `to < from` the result is the negation of `wholeMonths(from: to, to: from)`.
    public static func wholeMonths(from: CivilDate, to: CivilDate) -> Int {
        if to < from { return -wholeMonths(from: to, to: from) }
        let a = from.components, b = to.components
        var months = (b.year - a.year) * 12 + (b.month - a.month)
        if b.day < a.day { months -= 1 }
        return months
    }

    /// Completed years from `from` to `to`: age or tenure. The anniversary is the same month and
    /// day; a person born (or hired) on Feb 29 completes a year on Mar 1 in non-leap years
    /// (Feb 28 is still the previous year). Consequently `wholeYears == wholeMonths / 12`, and
    /// `wholeYears(d, d.adding(years: n)) == n` except from Feb 29 to a non-leap year, where it is
    /// `n − 1` until the next day. If `to < from` the result is the negation of
    /// `wholeYears(from: to, to: from)`.
    public static func wholeYears(from: CivilDate, to: CivilDate) -> Int {
        if to < from { return -wholeYears(from: to, to: from) }
        let a = from.components, b = to.components
        var years = b.year - a.year
        if (b.month, b.day) < (a.month, a.day) { years -= 1 }
        return years
    }

    // MARK: - Period boundaries

    /// The first day of this date's month.
    public var startOfMonth: CivilDate {
        CivilDate.clamped(Int(daysSinceEpoch) - (day - 1))
    }

    /// The last day of this date's month (Feb 29 in leap years).
    public var endOfMonth: CivilDate {
        let (y, m, d) = components
        return CivilDate.clamped(Int(daysSinceEpoch) + CivilDate.daysIn(month: m, year: y) - d)
    }

    /// The first day of this date's quarter (Jan 1, Apr 1, Jul 1 or Oct 1).
    public var startOfQuarter: CivilDate {
        let (y, m, _) = components
        return CivilDate.clamped(CivilDate.daysFromCivil(y, (m - 1) / 3 * 3 + 1, 1))
    }

    /// The last day of this date's quarter (Mar 31, Jun 30, Sep 30 or Dec 31).
    public var endOfQuarter: CivilDate {
        let (y, m, _) = components
        let last = (m - 1) / 3 * 3 + 3
        return CivilDate.clamped(CivilDate.daysFromCivil(y, last, CivilDate.daysIn(month: last, year: y)))
    }

    /// January 1 of this date's year.
    public var startOfYear: CivilDate {
        CivilDate.clamped(CivilDate.daysFromCivil(year, 1, 1))
    }

    // MARK: - Ordering and text

    /// Chronological order.
    @inline(__always)
    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        lhs.daysSinceEpoch < rhs.daysSinceEpoch
    }

    /// ISO 8601 `YYYY-MM-DD`, e.g. "2025-06-01". Out-of-range years are written with at least
    /// four digits and a leading "-" when negative (e.g. "-0001-12-31", "10000-01-01").
    public var description: String {
        let (y, m, d) = components
        guard y >= 0, y <= 9999 else { return CivilDate.yearText(y) + "-" + CivilDate.two(m) + "-" + CivilDate.two(d) }
        return String(unsafeUninitializedCapacity: 10) { buf in
            CivilDate.write4(y, into: buf, at: 0)
            buf[4] = 0x2D
            CivilDate.write2(m, into: buf, at: 5)
            buf[7] = 0x2D
            CivilDate.write2(d, into: buf, at: 8)
            return 10
        }
    }

    /// Russian `DD.MM.YYYY`, e.g. "01.06.2025" (out-of-range years as in `description`).
    public var russianText: String {
        let (y, m, d) = components
        guard y >= 0, y <= 9999 else { return CivilDate.two(d) + "." + CivilDate.two(m) + "." + CivilDate.yearText(y) }
        return String(unsafeUninitializedCapacity: 10) { buf in
            CivilDate.write2(d, into: buf, at: 0)
            buf[2] = 0x2E
            CivilDate.write2(m, into: buf, at: 3)
            buf[5] = 0x2E
            CivilDate.write4(y, into: buf, at: 6)
            return 10
        }
    }

    @inline(__always)
    static func write2(_ v: Int, into buf: UnsafeMutableBufferPointer<UInt8>, at i: Int) {
        buf[i] = UInt8(truncatingIfNeeded: 0x30 + v / 10 % 10)
        buf[i + 1] = UInt8(truncatingIfNeeded: 0x30 + v % 10)
    }

    @inline(__always)
    static func write4(_ v: Int, into buf: UnsafeMutableBufferPointer<UInt8>, at i: Int) {
        write2(v / 100, into: buf, at: i)
        write2(v % 100, into: buf, at: i + 2)
    }

    /// Two digits, zero-padded (for values 0...99).
    static func two(_ v: Int) -> String { v < 10 ? "0" + String(v) : String(v) }

    /// A year with at least four digits and a leading "-" if negative.
    static func yearText(_ y: Int) -> String {
        let digits = String(y.magnitude)
        let padded = digits.count < 4 ? String(repeating: "0", count: 4 - digits.count) + digits : digits
        return y < 0 ? "-" + padded : padded
    }
}
