/// An instant with the time zone it was stated in: compares by instant, renders in its zone.
///
/// Equality, hashing and ordering use the instant (`utcSeconds`) only; the zone just decides how
/// the value is shown and how calendar arithmetic runs. So `2025-03-01T09:00:00+03:00` equals
/// `2025-03-01T06:00:00Z`, and both land in the same `Set` slot.
///
/// Values are whole seconds. Parsed and computed values always have a local date (in their zone)
/// within 0001...9999: every failable API returns nil otherwise. `init(utcSeconds:zone:)` and
/// `inZone(_:)` accept anything; outside that range their fields are clamped and never trap.
public struct DateTimeValue: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z (POSIX time: no leap seconds).
    public let utcSeconds: Int64
    /// The zone the value was stated in; used for rendering and for calendar arithmetic.
    public let zone: ZoneRules

    /// The instant `utcSeconds` shown in `zone`. Accepts any value (no validation).
    public init(utcSeconds: Int64, zone: ZoneRules) {
        self.utcSeconds = utcSeconds
        self.zone = zone
    }

    /// The instant at which the clocks of `zone` show `date` `hour:minute:second`.
    /// Nil unless `date` is in 0001...9999, `hour` in 0...23, `minute` and `second` in 0...59
    /// (no leap second 60, no 24:00). A wall time skipped by a DST jump is moved forward by the
    /// gap; a repeated one takes the earlier instant (see `ZoneRules.resolve(localSeconds:)`).
    public init?(local date: CivilDate, hour: Int, minute: Int, second: Int, zone: ZoneRules) {
        guard date.isSupported, hour >= 0, hour < 24, minute >= 0, minute < 60, second >= 0, second < 60 else { return nil }
        let local = Int64(date.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        self.init(utcSeconds: zone.resolve(localSeconds: local), zone: zone)
        guard localDate.isSupported else { return nil }
    }

    /// Parses a date-time with its offset and/or zone:
    ///
    /// - `2025-03-01T09:30:00+03:00`, `2025-03-01T09:30+03:00` (seconds optional), offsets also
    ///   `+0300`, `+03`, `+02:30:17`; the zone is then the fixed offset ("+03:00").
    /// - `2025-03-01T09:30:00Z` (or `z`): UTC.
    /// - `2025-03-01T09:30:00+03:00[Europe/Moscow]` (RFC 9557): the named zone, whose offset at
    ///   that instant must equal the stated one (else nil). `Z[Europe/Moscow]` states the instant
    ///   in UTC and shows it in Moscow. A critical flag `[!Europe/Moscow]` is accepted; further
    ///   `[key=value]` tags are ignored unless critical (`[!key=value]`), which rejects the text.
    /// - `2025-03-01T09:30 Europe/Moscow`: zone name after a space (like the bracket form; may follow an offset).
    /// - Without offset: in the named zone, else in `defaultZone`; without either, nil (the caller
    ///   reports "time without a zone"). Wall times are resolved as in `init(local:...)`.
    ///
    /// The separator may be `T`, `t` or a space; the date may also be Russian `DD.MM.YYYY`. Seconds
    /// may carry a fraction (`.` or `,`) only if all its digits are zeros: values are whole seconds,
    /// and silently truncating `09:30:00.5` could flip a comparison, so it is rejected. Unknown
    /// zones, invalid fields, leap seconds, `24:00` and trailing text give nil.
    public init?(iso text: some StringProtocol, defaultZone: ZoneRules? = nil) {
        let utf8 = text.utf8
        let parsed: DateTimeValue?
        if let result = utf8.withContiguousStorageIfAvailable({ DateTimeValue.parse($0, defaultZone: defaultZone) }) {
            parsed = result
        } else {
            parsed = Array(utf8).withUnsafeBufferPointer { DateTimeValue.parse($0, defaultZone: defaultZone) }
        }
        guard let parsed else { return nil }
        self = parsed
    }

    static func parse(_ b: UnsafeBufferPointer<UInt8>, defaultZone: ZoneRules?) -> DateTimeValue? {
        guard b.count >= 16, let date = CivilDate.parse(utf8: UnsafeBufferPointer(rebasing: b[0..<10])),
              b[10] == 0x54 || b[10] == 0x74 || b[10] == 0x20 else { return nil }
        func two(_ i: Int) -> Int? {
            guard i + 1 < b.count, ZoneRules.isDigit(b[i]), ZoneRules.isDigit(b[i + 1]) else { return nil }
            return Int(b[i] - 0x30) * 10 + Int(b[i + 1] - 0x30)
        }
        guard let hour = two(11), hour < 24, b[13] == 0x3A, let minute = two(14), minute < 60 else { return nil }
        var i = 16
        var second = 0
        if i < b.count, b[i] == 0x3A {
            guard let s = two(i + 1), s < 60 else { return nil }
            second = s
            i += 3
            if i < b.count, b[i] == 0x2E || b[i] == 0x2C {
                i += 1
                let start = i
                while i < b.count, b[i] == 0x30 { i += 1 }
                guard i > start, i == b.count || !ZoneRules.isDigit(b[i]) else { return nil }
            }
        }
        let local = Int64(date.daysSinceEpoch) * 86_400 + Int64(hour * 3600 + minute * 60 + second)

        // Offset: Z or ±hh[:mm[:ss]].
        var isUTC = false
        var offset: Int32? = nil
        if i < b.count, b[i] == 0x5A || b[i] == 0x7A {
            isUTC = true
            i += 1
        } else if i < b.count, b[i] == 0x2B || b[i] == 0x2D {
            guard let (o, end) = ZoneRules.parseOffset(b, from: i) else { return nil }
            offset = o
            i = end
        }

        // Zone: [name] (RFC 9557, with optional further tags) or " name".
        var named: ZoneRules? = nil
        if i < b.count, b[i] == 0x5B {
            var first = true
            while i < b.count {
                guard b[i] == 0x5B, let close = b[i...].firstIndex(of: 0x5D) else { return nil }
                var content = UnsafeBufferPointer(rebasing: b[(i + 1)..<close])
                let critical = content.first == 0x21
                if critical { content = UnsafeBufferPointer(rebasing: content[1...]) }
                if content.contains(0x3D) {  // key=value tag: ignore unless critical
                    guard !critical else { return nil }
                } else {
                    guard first, let zone = ZoneRules.named(String(decoding: content, as: UTF8.self)) else { return nil }
                    named = zone
                }
                first = false
                i = close + 1
            }
        } else if i < b.count, b[i] == 0x20 {
            let name = UnsafeBufferPointer(rebasing: b[(i + 1)...])
            guard !name.isEmpty, let zone = ZoneRules.named(String(decoding: name, as: UTF8.self)) else { return nil }
            named = zone
            i = b.count
        }
        guard i == b.count else { return nil }

        let value: DateTimeValue
        switch (isUTC, offset, named) {
        case (true, _, let zone?):
            value = DateTimeValue(utcSeconds: local, zone: zone)
        case (true, _, nil):
            value = DateTimeValue(utcSeconds: local, zone: .utc)
        case (false, let o?, let zone?):
            let utc = local - Int64(o)
            guard zone.offset(atUTC: utc) == o else { return nil }
            value = DateTimeValue(utcSeconds: utc, zone: zone)
        case (false, let o?, nil):
            guard let zone = ZoneRules.fixed(offsetSeconds: o) else { return nil }
            value = DateTimeValue(utcSeconds: local - Int64(o), zone: zone)
        case (false, nil, let zone?):
            value = DateTimeValue(utcSeconds: zone.resolve(localSeconds: local), zone: zone)
        case (false, nil, nil):
            guard let zone = defaultZone else { return nil }
            value = DateTimeValue(utcSeconds: zone.resolve(localSeconds: local), zone: zone)
        }
        return value.localDate.isSupported ? value : nil
    }

    // MARK: - Fields in the value's zone

    /// The zone's offset at this instant, in seconds east of UTC.
    public var offsetSeconds: Int32 { zone.offset(atUTC: utcSeconds) }

    /// Seconds since 1970-01-01T00:00 on the zone's wall clock (saturating, never traps).
    public var localSeconds: Int64 { utcSeconds.addingSaturating(Int64(offsetSeconds)) }

    /// The calendar date on the zone's wall clock.
    public var localDate: CivilDate {
        let local = localSeconds
        let days = local >= 0 ? local / 86_400 : (local + 1) / 86_400 - 1
        return CivilDate(daysSinceEpoch: Int32(clamping: days))
    }

    /// Seconds since local midnight, 0...86399 (wall clock: 10:00 is 36000 even on a DST day).
    public var localSecondOfDay: Int {
        let r = Int(localSeconds % 86_400)
        return r < 0 ? r + 86_400 : r
    }

    /// The wall-clock hour, 0...23.
    public var hour: Int { localSecondOfDay / 3600 }
    /// The wall-clock minute, 0...59.
    public var minute: Int { localSecondOfDay / 60 % 60 }
    /// The wall-clock second, 0...59.
    public var second: Int { localSecondOfDay % 60 }

    // MARK: - Arithmetic

    /// The instant `seconds` later (earlier if negative), in the same zone; nil on overflow or if
    /// the local date leaves 0001...9999. Exact elapsed time: across a DST change the wall clock
    /// moves by more or less.
    public func adding(seconds: Int64) -> DateTimeValue? {
        let (sum, overflow) = utcSeconds.addingReportingOverflow(seconds)
        guard !overflow else { return nil }
        let result = DateTimeValue(utcSeconds: sum, zone: zone)
        return result.localDate.isSupported ? result : nil
    }

    /// The same instant shown in another zone (equal to `self`).
    public func inZone(_ zone: ZoneRules) -> DateTimeValue {
        DateTimeValue(utcSeconds: utcSeconds, zone: zone)
    }

    // MARK: - Identity and text

    /// Equal if the instants are equal, whatever the zones.
    public static func == (lhs: DateTimeValue, rhs: DateTimeValue) -> Bool { lhs.utcSeconds == rhs.utcSeconds }

    /// Hashes the instant only (consistent with `==`).
    public func hash(into hasher: inout Hasher) { hasher.combine(utcSeconds) }

    /// Earlier instant first.
    public static func < (lhs: DateTimeValue, rhs: DateTimeValue) -> Bool { lhs.utcSeconds < rhs.utcSeconds }

    /// `2025-03-01T09:30:00+03:00[Europe/Moscow]` for named zones, `2025-03-01T09:30:00+03:00` for
    /// fixed offsets, `2025-03-01T06:30:00Z` for UTC. Offsets with seconds (historic local mean
    /// time) are written `+02:30:17`. Always parseable by `init(iso:)` back to an equal value in
    /// the same zone.
    public var description: String {
        let offset = offsetSeconds
        let sod = localSecondOfDay
        var text = localDate.description
        text += "T" + CivilDate.two(sod / 3600) + ":" + CivilDate.two(sod / 60 % 60) + ":" + CivilDate.two(sod % 60)
        switch zone.kind {
        case .utc: text += "Z"
        case .fixed: text += ZoneRules.offsetText(offset)
        case .named: text += ZoneRules.offsetText(offset) + "[" + zone.identifier + "]"
        }
        return text
    }
}
