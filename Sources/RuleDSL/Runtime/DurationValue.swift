/// A duration in calendar units (months, days) and exact seconds: "2 months", "3 days", "6 hours".
///
/// The three parts are kept apart because they do not convert into each other: a month is 28–31
/// days and a day can be 23–25 hours across a DST change. Years are stored as 12 months, weeks as
/// 7 days, hours and minutes as seconds. Equality is part by part: `1 year == 12 months` and
/// `1 week == 7 days`, but `1 day != 24 hours` and `1 month != 30 days`.
///
/// Parts may have different signs (e.g. after `adding`); `isoText` then writes each part's own sign.
public struct DurationValue: Sendable, Hashable, CustomStringConvertible {
    /// Calendar months (a year is 12).
    public var months: Int32
    /// Calendar days (a week is 7).
    public var days: Int32
    /// Exact seconds (an hour is 3600).
    public var seconds: Int64

    /// A duration with these parts (no validation needed: every combination is valid).
    public init(months: Int32 = 0, days: Int32 = 0, seconds: Int64 = 0) {
        self.months = months
        self.days = days
        self.seconds = seconds
    }

    /// The empty duration.
    public static let zero = DurationValue()

    /// True if all parts are zero.
    public var isZero: Bool { months == 0 && days == 0 && seconds == 0 }

    // MARK: - Units

    /// `n` months; nil if `n` does not fit `Int32`.
    public static func months(_ n: Int) -> DurationValue? {
        guard let m = Int32(exactly: n) else { return nil }
        return DurationValue(months: m)
    }

    /// `n` years as `12·n` months; nil if that does not fit `Int32`.
    public static func years(_ n: Int) -> DurationValue? {
        let (m, overflow) = n.multipliedReportingOverflow(by: 12)
        return overflow ? nil : months(m)
    }

    /// `n` days; nil if `n` does not fit `Int32`.
    public static func days(_ n: Int) -> DurationValue? {
        guard let d = Int32(exactly: n) else { return nil }
        return DurationValue(days: d)
    }

    /// `n` weeks as `7·n` days; nil if that does not fit `Int32`.
    public static func weeks(_ n: Int) -> DurationValue? {
        let (d, overflow) = n.multipliedReportingOverflow(by: 7)
        return overflow ? nil : days(d)
    }

    /// `n` hours as `3600·n` exact seconds; nil on overflow.
    public static func hours(_ n: Int) -> DurationValue? { scaledSeconds(n, 3600) }

    /// `n` minutes as `60·n` exact seconds; nil on overflow.
    public static func minutes(_ n: Int) -> DurationValue? { scaledSeconds(n, 60) }

    /// `n` exact seconds; nil if `n` does not fit `Int64`.
    public static func seconds(_ n: Int) -> DurationValue? { scaledSeconds(n, 1) }

    private static func scaledSeconds(_ n: Int, _ factor: Int) -> DurationValue? {
        let (s, overflow) = n.multipliedReportingOverflow(by: factor)
        guard !overflow, let exact = Int64(exactly: s) else { return nil }
        return DurationValue(seconds: exact)
    }

    // MARK: - Arithmetic

    /// Part-by-part sum; nil if any part overflows.
    public func adding(_ other: DurationValue) -> DurationValue? {
        let m = months.addingReportingOverflow(other.months)
        let d = days.addingReportingOverflow(other.days)
        let s = seconds.addingReportingOverflow(other.seconds)
        guard !m.overflow, !d.overflow, !s.overflow else { return nil }
        return DurationValue(months: m.partialValue, days: d.partialValue, seconds: s.partialValue)
    }

    /// Every part multiplied by `factor` (`3 * 1 month`); nil if a part overflows.
    public func multiplied(by factor: Int64) -> DurationValue? {
        guard let f32 = Int32(exactly: factor) else { return isZero ? self : nil }
        let m = months.multipliedReportingOverflow(by: f32)
        let d = days.multipliedReportingOverflow(by: f32)
        let s = seconds.multipliedReportingOverflow(by: factor)
        guard !m.overflow, !d.overflow, !s.overflow else { return nil }
        return DurationValue(months: m.partialValue, days: d.partialValue, seconds: s.partialValue)
    }

    /// Every part negated; nil if a part is the minimum of its type (it has no positive counterpart).
    public func negated() -> DurationValue? {
        guard months != .min, days != .min, seconds != .min else { return nil }
        return DurationValue(months: -months, days: -days, seconds: -seconds)
    }

    // MARK: - ISO 8601

    /// Parses an ISO 8601 duration `[±]P[nY][nM][nW][nD][T[nH][nM][nS]]`: "P1Y2M3DT4H5M6S", "PT6H",
    /// "P3D", "P2W", "-P1D". At least one part; `T` must be followed by one; parts in that order,
    /// each at most once; `P`, `T` and unit letters also in lower case. Numbers are whole (no
    /// fractions: every part must stay exact). As an extension each number may carry its own
    /// sign ("P1M-1D", as written by `isoText` for mixed signs); a leading `-` negates all parts.
    /// Nil on any other text or if a part overflows.
    public init?(iso text: some StringProtocol) {
        var it = Array(text.utf8)[...]
        var negateAll = false
        if let first = it.first, first == 0x2B || first == 0x2D {
            negateAll = first == 0x2D
            it = it.dropFirst()
        }
        guard let p = it.first, p | 0x20 == 0x70 else { return nil }  // P
        it = it.dropFirst()
        var months: Int64 = 0, days: Int64 = 0, seconds: Int64 = 0
        var inTime = false
        var sawPart = false, sawTimePart = false
        // Rank of the last unit seen, to enforce order and uniqueness: Y M W D | H M S.
        var lastRank = 0
        while let c = it.first {
            if c | 0x20 == 0x74 {  // T
                guard !inTime else { return nil }
                inTime = true
                it = it.dropFirst()
                continue
            }
            var sign: Int64 = 1
            if c == 0x2D || c == 0x2B {
                sign = c == 0x2D ? -1 : 1
                it = it.dropFirst()
            }
            var value: Int64 = 0
            var digits = 0
            while let d = it.first, ZoneRules.isDigit(d) {
                let (v1, o1) = value.multipliedReportingOverflow(by: 10)
                let (v2, o2) = v1.addingReportingOverflow(Int64(d - 0x30))
                guard !o1, !o2 else { return nil }
                value = v2
                digits += 1
                it = it.dropFirst()
            }
            guard digits > 0, let unit = it.first else { return nil }
            it = it.dropFirst()
            // The overall sign is applied per part, so that a total of exactly `.min` is reachable.
            let signed = (negateAll ? -sign : sign) * value
            let rank: Int, factor: Int64
            switch (inTime, unit | 0x20) {
            case (false, 0x79): (rank, factor) = (1, 12)     // Y → months
            case (false, 0x6D): (rank, factor) = (2, 1)      // M → months
            case (false, 0x77): (rank, factor) = (3, 7)      // W → days
            case (false, 0x64): (rank, factor) = (4, 1)      // D → days
            case (true, 0x68): (rank, factor) = (5, 3600)    // H → seconds
            case (true, 0x6D): (rank, factor) = (6, 60)      // M → seconds
            case (true, 0x73): (rank, factor) = (7, 1)       // S → seconds
            default: return nil
            }
            guard rank > lastRank else { return nil }
            lastRank = rank
            let (scaled, o1) = signed.multipliedReportingOverflow(by: factor)
            guard !o1 else { return nil }
            func accumulate(_ total: inout Int64) -> Bool {
                let (sum, overflow) = total.addingReportingOverflow(scaled)
                total = sum
                return !overflow
            }
            let ok = rank <= 2 ? accumulate(&months) : rank <= 4 ? accumulate(&days) : accumulate(&seconds)
            guard ok else { return nil }
            sawPart = true
            if inTime { sawTimePart = true }
        }
        guard sawPart, !inTime || sawTimePart else { return nil }
        guard let m = Int32(exactly: months), let d = Int32(exactly: days) else { return nil }
        self.init(months: m, days: d, seconds: seconds)
    }

    /// Canonical ISO 8601 text: months as years and months, days as days (never weeks), seconds as
    /// hours, minutes and seconds, zero parts omitted: "P1Y2M3DT4H5M6S", "PT6H", "P3D"; zero is
    /// "PT0S". If all non-zero parts are negative the sign goes in front ("-P1D"); mixed signs are
    /// written per number ("P1M-1D"). `init(iso:)` reads every output back to an equal value.
    public var isoText: String {
        if isZero { return "PT0S" }
        let allNegative = months <= 0 && days <= 0 && seconds <= 0
        var text = allNegative ? "-P" : "P"
        func part(_ magnitude: UInt64, _ negative: Bool, _ unit: String) {
            guard magnitude != 0 else { return }
            text += (negative && !allNegative ? "-" : "") + String(magnitude) + unit
        }
        let m = UInt64(months.magnitude)
        part(m / 12, months < 0, "Y")
        part(m % 12, months < 0, "M")
        part(UInt64(days.magnitude), days < 0, "D")
        if seconds != 0 {
            text += "T"
            let s = seconds.magnitude
            part(s / 3600, seconds < 0, "H")
            part(s / 60 % 60, seconds < 0, "M")
            part(s % 60, seconds < 0, "S")
        }
        return text
    }

    /// The ISO text (`isoText`).
    public var description: String { isoText }

    // MARK: - Words

    /// Human text listing the non-zero parts from years to seconds, each with its own sign:
    /// "1 месяц 2 дня", "3 дня", "5 дней", "6 часов"; English "1 month 2 days", "3 days", "1 day".
    /// Russian nouns follow the plural rules (1, 21, 101 → день; 2–4, 22–24 → дня; 0, 5–20, 25–30,
    /// 111 → дней). Months are shown as years and months, seconds as hours, minutes and seconds,
    /// days as days (14 days, not 2 weeks). Zero is "0 секунд" / "0 seconds".
    public func text(russian: Bool) -> String {
        if isZero { return DurationValue.word(0, false, russian ? DurationValue.ruSeconds : DurationValue.enSeconds, russian: russian) }
        var words: [String] = []
        func add(_ magnitude: UInt64, _ negative: Bool, _ forms: (String, String, String)) {
            guard magnitude != 0 else { return }
            words.append(DurationValue.word(magnitude, negative, forms, russian: russian))
        }
        let m = UInt64(months.magnitude), s = seconds.magnitude
        add(m / 12, months < 0, russian ? ("год", "года", "лет") : ("year", "years", ""))
        add(m % 12, months < 0, russian ? ("месяц", "месяца", "месяцев") : ("month", "months", ""))
        add(UInt64(days.magnitude), days < 0, russian ? ("день", "дня", "дней") : ("day", "days", ""))
        add(s / 3600, seconds < 0, russian ? ("час", "часа", "часов") : ("hour", "hours", ""))
        add(s / 60 % 60, seconds < 0, russian ? ("минута", "минуты", "минут") : ("minute", "minutes", ""))
        add(s % 60, seconds < 0, russian ? DurationValue.ruSeconds : DurationValue.enSeconds)
        return words.joined(separator: " ")
    }

    private static let ruSeconds = ("секунда", "секунды", "секунд")
    private static let enSeconds = ("second", "seconds", "")

    /// "n noun" with the noun form for `n`: Russian (one, few, many), English (singular, plural, unused).
    private static func word(_ n: UInt64, _ negative: Bool, _ forms: (String, String, String), russian: Bool) -> String {
        let noun: String
        if russian {
            switch russianPlural(n) {
            case .one: noun = forms.0
            case .few: noun = forms.1
            case .many: noun = forms.2
            }
        } else {
            noun = n == 1 ? forms.0 : forms.1
        }
        return (negative ? "-" : "") + String(n) + " " + noun
    }

    /// Russian plural category of a count.
    enum RussianPlural { case one, few, many }

    /// 1, 21, 31, 101 → one; 2–4, 22–24 → few; 0, 5–20, 25–30, 111–114 → many.
    static func russianPlural(_ n: UInt64) -> RussianPlural {
        let lastTwo = n % 100, last = n % 10
        if last == 1 && lastTwo != 11 { return .one }
        if last >= 2 && last <= 4 && !(lastTwo >= 12 && lastTwo <= 14) { return .few }
        return .many
    }
}

extension CivilDate {
    /// The date after adding `d`: first its months (clamped to month end, as `adding(months:)`),
    /// then its days. The seconds part must be a whole number of days (e.g. "48 hours" adds 2
    /// days), because a date has no time of day; otherwise (e.g. "6 hours") nil, as when the
    /// result leaves 0001...9999.
    public func adding(_ d: DurationValue) -> CivilDate? {
        guard d.seconds % 86_400 == 0 else { return nil }
        let (extra, overflow) = Int(d.days).addingReportingOverflow(Int(d.seconds / 86_400))
        guard !overflow else { return nil }
        return adding(months: Int(d.months))?.adding(days: extra)
    }
}

extension DateTimeValue {
    /// The value after adding `d`, in the same zone: months (clamped to month end) and days move
    /// the wall clock of the zone (09:00 + 1 day is 09:00 the next day, even across a DST change;
    /// a wall time that falls into a DST gap moves forward by the gap, an ambiguous one takes the
    /// earlier instant); then the seconds are added as exact elapsed time. Without months and
    /// days only exact seconds are added. Nil if the local date leaves 0001...9999 or on overflow.
    public func adding(_ d: DurationValue) -> DateTimeValue? {
        var utc = utcSeconds
        if d.months != 0 || d.days != 0 {
            guard localDate.isSupported,
                  let date = localDate.adding(months: Int(d.months))?.adding(days: Int(d.days)) else { return nil }
            let local = Int64(date.daysSinceEpoch) * 86_400 + Int64(localSecondOfDay)
            utc = zone.resolve(localSeconds: local)
        }
        return DateTimeValue(utcSeconds: utc, zone: zone).adding(seconds: d.seconds)
    }
}
