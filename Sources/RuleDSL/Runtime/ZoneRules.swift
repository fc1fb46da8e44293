import Foundation
import Synchronization

/// UTC offsets of one IANA time zone, precomputed so that a lookup is a binary search, not a Foundation call.
///
/// Source of truth is the system tz database: the zone's TZif file (RFC 8536, versions 1–4) is read
/// from `$TZDIR`, `/usr/share/zoneinfo`, `/usr/lib/zoneinfo` or `/usr/share/lib/zoneinfo`. Its explicit
/// transitions are taken as they are, and the POSIX TZ rule in the file's footer extends them to the
/// end of 2100; later instants (up to year 9999) are computed from that rule on the fly, so DST zones
/// stay correct there too. Only if no readable TZif file exists (e.g. a container without `tzdata`) is
/// Foundation's `TimeZone` asked instead (its transitions 1800...2100; after 2100 its last offset).
///
/// Instances are immutable after `init` (all stored properties are `let` arrays and values), hence
/// `Sendable` and safe to read from any thread without locks. `named(_:)` caches them in a process-wide
/// registry guarded by a `Mutex`, so each zone's file is parsed once and every caller shares the same
/// instance per canonical identifier.
public final class ZoneRules: Sendable {
    /// What the zone is, which decides how a date-time in it is written.
    enum Kind: Sendable, Equatable {
        /// UTC itself: written with `Z`.
        case utc
        /// A constant offset such as `+03:00`: written with the offset only.
        case fixed
        /// An IANA zone such as `Europe/Moscow`: written with offset and `[name]`.
        case named
    }

    /// The zone's name: the IANA identifier as requested ("Europe/Moscow"; aliases such as
    /// "Europe/Kiev" keep theirs), "UTC" for all UTC aliases, or a fixed offset
    /// written `±HH:MM` (`±HH:MM:SS` if it has seconds), e.g. "+03:00".
    public let identifier: String
    let kind: Kind
    /// UTC instants (seconds since the epoch, ascending) at which the offset changes. Entries that
    /// would not change the offset are dropped.
    let times: [Int64]
    /// `offsets[0]` applies before `times[0]`; `offsets[i + 1]` from `times[i]` on. Never empty.
    let offsets: [Int32]
    /// From this UTC instant on, offsets come from `rule` (when it has DST) instead of the table.
    let tableEnd: Int64
    /// The recurring rule for instants at or after `tableEnd`; nil if the offset stays `offsets.last`.
    let rule: PosixRule?

    init(identifier: String, kind: Kind, times: [Int64], offsets: [Int32], tableEnd: Int64 = ZoneRules.defaultTableEnd, rule: PosixRule? = nil) {
        assert(offsets.count == times.count + 1, "one offset before the first transition and one after each")
        self.identifier = identifier
        self.kind = kind
        self.times = times
        self.offsets = offsets
        self.tableEnd = tableEnd
        self.rule = rule?.hasDST == true ? rule : nil
    }

    /// True for UTC and constant-offset zones (`+03:00`): their texts carry no `[zone name]`.
    public var isFixedOffset: Bool { kind != .named }

    /// The UTC zone (identifier "UTC", offset 0, written `Z`).
    public static let utc = ZoneRules(identifier: "UTC", kind: .utc, times: [], offsets: [0])

    // MARK: - Lookup

    /// The offset in seconds east of UTC in effect at the instant `seconds` (since 1970-01-01T00:00Z).
    /// A binary search over the transition table (O(log n), no allocation); after 2100 the zone's
    /// rule is evaluated arithmetically. Instants before the first known transition get the zone's
    /// earliest offset (local mean time for most zones); instants beyond year 9999 get the offset
    /// of the same moment of year 9999's rule, i.e. are clamped.
    public func offset(atUTC seconds: Int64) -> Int32 {
        if seconds >= tableEnd, let rule {
            return rule.offset(atUTC: Swift.min(seconds, ZoneRules.maxRuleUTC))
        }
        return times.withUnsafeBufferPointer { t in
            var lo = 0, hi = t.count
            while lo < hi {
                let mid = (lo &+ hi) >> 1
                if t[mid] <= seconds { lo = mid + 1 } else { hi = mid }
            }
            return offsets[lo]
        }
    }

    /// Converts a local wall-clock reading (seconds since 1970-01-01T00:00 on this zone's clocks) to
    /// the UTC instant (seconds since the epoch).
    ///
    /// - A wall time that occurs once maps to its instant.
    /// - In a gap (clocks jumped forward, e.g. Berlin 2025-03-30 02:30 does not exist) the time is
    ///   moved forward by the length of the gap: it is interpreted with the offset in force before
    ///   the jump, so 02:30 becomes the instant shown as 03:30 CEST.
    /// - In an overlap (clocks turned back, e.g. Berlin 2025-10-26 02:30 happens twice) the earlier
    ///   instant is taken (02:30 CEST, not 02:30 CET).
    ///
    /// Readings more than a few days outside years 1...9999 are converted with the offset at that
    /// reading, using saturating arithmetic (no trap for any `Int64`).
    public func resolve(localSeconds local: Int64) -> Int64 {
        if times.isEmpty && rule == nil {
            return local.subtractingSaturating(Int64(offsets[0]))
        }
        guard local > ZoneRules.minRuleUTC - ZoneRules.window, local < ZoneRules.maxRuleUTC + ZoneRules.window else {
            return local.subtractingSaturating(Int64(offset(atUTC: local)))
        }
        // Any valid offset o has |o| < window, so every offset that could be in force at
        // `local - o` is the one at the window start or one set by a transition inside the window.
        var best: Int64? = nil
        var gapAnswer: Int64? = nil
        func consider(_ o: Int32) {
            let u = local - Int64(o)
            if offset(atUTC: u) == o, best.map({ u < $0 }) ?? true { best = u }
        }
        consider(offset(atUTC: local - ZoneRules.window))
        forEachTransition(from: local - ZoneRules.window, through: local + ZoneRules.window) { t, before, after in
            consider(after)
            if after > before, gapAnswer == nil, local >= t + Int64(before), local < t + Int64(after) {
                gapAnswer = local - Int64(before)
            }
        }
        return best ?? gapAnswer ?? (local - Int64(offset(atUTC: local)))
    }

    /// Calls `body(instant, offsetBefore, offsetAfter)` for every offset change with
    /// `lo <= instant <= hi`, in ascending order. Both bounds must be within the rule range.
    func forEachTransition(from lo: Int64, through hi: Int64, _ body: (Int64, Int32, Int32) -> Void) {
        if lo < tableEnd {
            times.withUnsafeBufferPointer { t in
                var a = 0, b = t.count
                while a < b {
                    let mid = (a &+ b) >> 1
                    if t[mid] < lo { a = mid + 1 } else { b = mid }
                }
                var i = a
                while i < t.count, t[i] <= hi {
                    body(t[i], offsets[i], offsets[i + 1])
                    i += 1
                }
            }
        }
        guard hi >= tableEnd, let rule else { return }
        let first = ZoneRules.year(ofUTC: Swift.max(lo, tableEnd)) - 1
        let last = ZoneRules.year(ofUTC: hi) + 1
        guard first <= last else { return }
        for year in first...last {
            rule.forEachTransition(inYear: year) { t, before, after in
                if t >= tableEnd, t >= lo, t <= hi { body(t, before, after) }
            }
        }
    }

    // MARK: - Registry

    private struct Registry {
        var zones: [String: ZoneRules] = ["UTC": ZoneRules.utc]
        var unknown: Set<String> = []
    }

    /// Zones by every name they were asked for; unknown names (bounded, so junk input cannot grow
    /// it without limit) so that repeated misses do not touch the file system again.
    private static let registry = Mutex(Registry())

    /// The zone named `identifier`, shared and cached; nil if unknown.
    ///
    /// Accepts IANA names ("Europe/Moscow", "Asia/Kamchatka"; case-sensitive, as in the tz
    /// database), "UTC" (also "Etc/UTC", "GMT", "Etc/GMT", "Z", "Zulu", "Universal"), and fixed
    /// offsets "+03:00", "+0300", "+03", "-05:30", "+02:30:17", "UTC+3", "UTC+03:00", "UTC-5:30"
    /// (ISO sign convention: "+" is east of UTC; unlike the tz database's "Etc/GMT+3", which is
    /// UTC−3 and is available under that exact name). Fixed offsets must be below 24 hours.
    public static func named(_ identifier: String) -> ZoneRules? {
        let cached: ZoneRules?? = registry.withLock { r in
            if let z = r.zones[identifier] { return .some(z) }
            if r.unknown.contains(identifier) { return .some(nil) }
            return nil
        }
        if let cached { return cached }
        let loaded = load(identifier)
        return registry.withLock { r in
            guard let loaded else {
                if r.unknown.count < 4096 { r.unknown.insert(identifier) }
                return nil
            }
            // First instance wins, so that every caller shares one per canonical identifier.
            let shared = r.zones[loaded.identifier] ?? loaded
            r.zones[loaded.identifier] = shared
            r.zones[identifier] = shared
            return shared
        }
    }

    /// The constant-offset zone for `offsetSeconds` east of UTC (|offset| < 24 h), shared via the
    /// registry; identifier "+03:00" style. Offset 0 gives "+00:00", not UTC (it is written that way).
    public static func fixed(offsetSeconds: Int32) -> ZoneRules? {
        guard offsetSeconds > -86_400, offsetSeconds < 86_400 else { return nil }
        if offsetSeconds % 900 == 0 { return quarterHourOffsets[Int(offsetSeconds / 900) + 95] }
        return named(offsetText(offsetSeconds))
    }

    /// The fixed offsets on quarter hours (every real one), shared through the registry: parsing a
    /// date-time with an offset then costs no text building and no lock.
    private static let quarterHourOffsets: [ZoneRules] = (-95...95).map { named(offsetText(Int32($0) * 900))! }

    private static let utcAliases: Set<String> = ["UTC", "Etc/UTC", "GMT", "Etc/GMT", "Z", "Zulu", "Etc/Zulu", "Universal", "Etc/Universal"]

    /// Builds the zone for a name not yet in the registry.
    static func load(_ identifier: String) -> ZoneRules? {
        if utcAliases.contains(identifier) { return utc }
        if let seconds = parseFixedOffset(identifier) {
            return ZoneRules(identifier: offsetText(seconds), kind: .fixed, times: [], offsets: [seconds])
        }
        guard isPlausibleZoneName(identifier) else { return nil }
        for directory in zoneDirectories {
            guard let data = FileManager.default.contents(atPath: directory + "/" + identifier),
                  data.count <= 1 << 20 else { continue }
            if let zone = fromTZif([UInt8](data), identifier: identifier) { return zone }
        }
        return fromFoundation(identifier)
    }

    private static var zoneDirectories: [String] {
        var result: [String] = []
        if let custom = ProcessInfo.processInfo.environment["TZDIR"], !custom.isEmpty { result.append(custom) }
        result += ["/usr/share/zoneinfo", "/usr/lib/zoneinfo", "/usr/share/lib/zoneinfo"]
        return result
    }

    /// Guards the file lookup: ASCII letters, digits, `_`, `+`, `-`, and `/` between non-empty
    /// components, no `.` (so no path traversal and none of the database's `.tab`/`.zi` files).
    static func isPlausibleZoneName(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard !bytes.isEmpty, bytes.count <= 64, bytes.first != 0x2F, bytes.last != 0x2F else { return false }
        var previous: UInt8 = 0
        for b in bytes {
            let ok = (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39)
                || b == 0x5F || b == 0x2B || b == 0x2D || b == 0x2F
            guard ok, !(b == 0x2F && previous == 0x2F) else { return false }
            previous = b
        }
        return true
    }

    // MARK: - Offsets as text

    /// `±HH:MM`, or `±HH:MM:SS` when the offset has seconds (historic local mean time, e.g.
    /// Moscow before 1919 is "+02:30:17"). Offset 0 is "+00:00".
    public static func offsetText(_ seconds: Int32) -> String {
        let m = Int(seconds.magnitude)
        var text = (seconds < 0 ? "-" : "+") + CivilDate.two(m / 3600 % 100) + ":" + CivilDate.two(m / 60 % 60)
        if m % 60 != 0 { text += ":" + CivilDate.two(m % 60) }
        return text
    }

    /// Parses `±HH[:MM[:SS]]`, `±HHMM`, `±HHMMSS` (hours below 24, minutes and seconds below 60)
    /// optionally after "UTC", where the hours may then be one digit ("UTC+3").
    static func parseFixedOffset(_ text: String) -> Int32? {
        var bytes = Array(text.utf8)
        var shortHours = false
        if bytes.count > 3, bytes[0] == 0x55, bytes[1] == 0x54, bytes[2] == 0x43 {  // "UTC"
            bytes.removeFirst(3)
            shortHours = true
        }
        guard let first = bytes.first, first == 0x2B || first == 0x2D else { return nil }
        if shortHours, bytes.count >= 2, isDigit(bytes[1]), bytes.count == 2 || bytes[2] == 0x3A {
            bytes.insert(0x30, at: 1)  // "UTC+3" → "+03", "UTC+3:30" → "+03:30"
        }
        return bytes.withUnsafeBufferPointer { buffer in
            guard let (seconds, end) = parseOffset(buffer, from: 0), end == buffer.count else { return nil }
            return seconds
        }
    }

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b &- 0x30 < 10 }

    /// Parses an ISO 8601 offset `±HH`, `±HHMM`, `±HH:MM`, `±HHMMSS` or `±HH:MM:SS` starting at
    /// `start`; returns the seconds east of UTC and the index after it. Hours 0...23.
    static func parseOffset(_ b: UnsafeBufferPointer<UInt8>, from start: Int) -> (seconds: Int32, end: Int)? {
        guard start < b.count, b[start] == 0x2B || b[start] == 0x2D else { return nil }
        let negative = b[start] == 0x2D
        func two(_ i: Int) -> Int? {
            guard i + 1 < b.count, isDigit(b[i]), isDigit(b[i + 1]) else { return nil }
            return Int(b[i] - 0x30) * 10 + Int(b[i + 1] - 0x30)
        }
        guard let h = two(start + 1), h < 24 else { return nil }
        var i = start + 3
        var m = 0, s = 0
        let extended = i < b.count && b[i] == 0x3A
        if extended || (i < b.count && isDigit(b[i])) {
            let mi = extended ? i + 1 : i
            guard let mm = two(mi), mm < 60 else { return nil }
            m = mm
            i = mi + 2
            let hasSeconds = extended ? (i < b.count && b[i] == 0x3A) : (i < b.count && isDigit(b[i]))
            if hasSeconds {
                let si = extended ? i + 1 : i
                guard let ss = two(si), ss < 60 else { return nil }
                s = ss
                i = si + 2
            }
        }
        let total = Int32(h * 3600 + m * 60 + s)
        return (negative ? -total : total, i)
    }

    // MARK: - Building from TZif

    /// 2101-01-01T00:00:00Z: the table covers every transition before it.
    static let defaultTableEnd: Int64 = Int64(CivilDate.daysFromCivil(2101, 1, 1)) * 86_400
    /// The rule is evaluated within years 1...9999 (plus a margin); instants outside are clamped.
    static let minRuleUTC: Int64 = Int64(CivilDate.minDays) * 86_400 - 4 * 86_400
    static let maxRuleUTC: Int64 = (Int64(CivilDate.maxDays) + 4) * 86_400
    /// Half-width of the search window of `resolve`: more than any offset (tz data stays within
    /// ±26 hours; fixed offsets are below 24 hours).
    static let window: Int64 = 2 * 86_400

    /// The proleptic Gregorian year containing the UTC instant.
    @inline(__always)
    static func year(ofUTC seconds: Int64) -> Int {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds + 1) / 86_400 - 1
        return CivilDate.civilFromDays(Int(days)).year
    }

    /// Parses a TZif file (RFC 8536). Uses the 64-bit block of version 2+ files and the footer
    /// rule; returns nil for malformed data and for files with leap-second records ("right/"
    /// zones), whose timestamps are not POSIX seconds.
    static func fromTZif(_ data: [UInt8], identifier: String) -> ZoneRules? {
        func u32(_ i: Int) -> UInt32? {
            guard i >= 0, i + 4 <= data.count else { return nil }
            return UInt32(data[i]) << 24 | UInt32(data[i + 1]) << 16 | UInt32(data[i + 2]) << 8 | UInt32(data[i + 3])
        }
        func i64(_ i: Int) -> Int64? {
            guard let hi = u32(i), let lo = u32(i + 4) else { return nil }
            return Int64(bitPattern: UInt64(hi) << 32 | UInt64(lo))
        }
        struct Header { var isut, isstd, leap, time, type, char: Int }
        func header(at i: Int) -> Header? {
            guard i + 44 <= data.count, data[i] == 0x54, data[i + 1] == 0x5A, data[i + 2] == 0x69, data[i + 3] == 0x66,
                  let a = u32(i + 20), let b = u32(i + 24), let c = u32(i + 28), let d = u32(i + 32),
                  let e = u32(i + 36), let f = u32(i + 40),
                  [a, b, c, d, e, f].allSatisfy({ $0 < 1 << 20 }) else { return nil }
            return Header(isut: Int(a), isstd: Int(b), leap: Int(c), time: Int(d), type: Int(e), char: Int(f))
        }
        guard let h1 = header(at: 0) else { return nil }
        let version = data[4]
        var h = h1
        var timeSize = 4
        var base = 44
        if version >= 0x32 {  // '2' and later: skip the 32-bit block
            let v1Size = h1.time * 5 + h1.type * 6 + h1.char + h1.leap * 8 + h1.isstd + h1.isut
            guard let h2 = header(at: 44 + v1Size) else { return nil }
            h = h2
            timeSize = 8
            base = 44 + v1Size + 44
        }
        guard h.leap == 0, h.type >= 1 else { return nil }
        let timesAt = base, indicesAt = timesAt + h.time * timeSize, typesAt = indicesAt + h.time
        let blockEnd = typesAt + h.type * 6 + h.char + h.leap * (timeSize + 4) + h.isstd + h.isut
        guard blockEnd <= data.count else { return nil }

        var typeOffsets: [Int32] = []
        for k in 0..<h.type {
            guard let raw = u32(typesAt + k * 6) else { return nil }
            let off = Int32(bitPattern: raw)
            guard off > -26 * 3600, off < 26 * 3600 else { return nil }
            typeOffsets.append(off)
        }
        var times: [Int64] = []
        var offsets: [Int32] = [typeOffsets[0]]
        var previousTime = Int64.min
        for k in 0..<h.time {
            let t: Int64
            if timeSize == 8 {
                guard let v = i64(timesAt + k * 8) else { return nil }
                t = v
            } else {
                guard let v = u32(timesAt + k * 4) else { return nil }
                t = Int64(Int32(bitPattern: v))
            }
            let typeIndex = Int(data[indicesAt + k])
            guard typeIndex < h.type, k == 0 || t > previousTime else { return nil }
            previousTime = t
            let off = typeOffsets[typeIndex]
            if off != offsets[offsets.count - 1] {
                times.append(t)
                offsets.append(off)
            }
        }

        var rule: PosixRule? = nil
        if timeSize == 8, blockEnd < data.count, data[blockEnd] == 0x0A,
           let close = data[(blockEnd + 1)...].firstIndex(of: 0x0A) {
            rule = PosixRule.parse(Array(data[(blockEnd + 1)..<close]))
        }
        var tableEnd = defaultTableEnd
        if let last = times.last, last >= tableEnd { tableEnd = last == .max ? .max : last + 1 }
        if let rule, rule.hasDST {
            // Extend the table with the rule's transitions after the file's last one, through 2100.
            let after = times.last ?? Int64.min
            let startYear = Swift.max(times.last.map { year(ofUTC: $0) } ?? 1800, 1800)
            if startYear <= 2100 {
                for y in startYear...2100 {
                    rule.forEachTransition(inYear: y) { t, _, to in
                        if t > after, t < tableEnd, to != offsets[offsets.count - 1] {
                            times.append(t)
                            offsets.append(to)
                        }
                    }
                }
            }
        }
        return ZoneRules(identifier: identifier, kind: .named, times: times, offsets: offsets, tableEnd: tableEnd, rule: rule)
    }

    /// Builds the table from Foundation's `TimeZone` (ICU data) when the system has no TZif file:
    /// every offset change from 1800 to 2100 via `nextDaylightSavingTimeTransition(after:)` (which
    /// reports standard-offset changes too). After 2100 the last offset is kept.
    static func fromFoundation(_ identifier: String) -> ZoneRules? {
        // ICU also makes zones of custom ids ("GMT+3" = UTC+3), which contradict the tz database's
        // sign convention (Etc/GMT+3 = UTC−3) and could be mistaken for it: refuse them.
        guard !identifier.hasPrefix("GMT+"), !identifier.hasPrefix("GMT-"),
              let zone = TimeZone(identifier: identifier), zone.identifier == identifier else { return nil }
        var t = Date(timeIntervalSince1970: Double(CivilDate.daysFromCivil(1800, 1, 1) * 86_400))
        var times: [Int64] = []
        var offsets: [Int32] = [Int32(clamping: zone.secondsFromGMT(for: t))]
        var steps = 0
        while steps < 10_000, let next = zone.nextDaylightSavingTimeTransition(after: t), next > t,
              next.timeIntervalSince1970 < Double(defaultTableEnd) {
            let off = Int32(clamping: zone.secondsFromGMT(for: next))
            if off != offsets[offsets.count - 1] {
                times.append(Int64(next.timeIntervalSince1970.rounded(.down)))
                offsets.append(off)
            }
            t = next
            steps += 1
        }
        return ZoneRules(identifier: identifier, kind: .named, times: times, offsets: offsets)
    }
}

/// A POSIX TZ rule as found in the footer of TZif files (e.g. "CET-1CEST,M3.5.0,M10.5.0/3",
/// "<+12>-12"): a standard offset and optionally a daylight offset with yearly start/end rules.
struct PosixRule: Sendable, Equatable {
    /// A rule day: `Jn` (1...365, February 29 never counted), `n` (0...365, counting it) or
    /// `Mm.w.d` (weekday d, 0 = Sunday, of week w, 5 = last, of month m).
    enum Day: Sendable, Equatable {
        case julian(Int)
        case zeroBased(Int)
        case monthWeekDay(month: Int, week: Int, weekday: Int)
    }

    /// Seconds east of UTC.
    let stdOffset: Int32
    let dstOffset: Int32
    let hasDST: Bool
    let start: Day, startTime: Int32
    let end: Day, endTime: Int32

    /// Parses the footer text; nil if malformed.
    static func parse(_ s: [UInt8]) -> PosixRule? {
        var i = 0
        func name() -> Bool {
            if i < s.count, s[i] == 0x3C {  // <...>
                guard let close = s[i...].firstIndex(of: 0x3E), close - i >= 4 else { return false }
                i = close + 1
                return true
            }
            let begin = i
            while i < s.count, (s[i] | 0x20) >= 0x61, (s[i] | 0x20) <= 0x7A { i += 1 }
            return i - begin >= 3
        }
        /// `[+-]h[hh][:mm[:ss]]` with hours up to `maxHours`.
        func hms(maxHours: Int) -> Int? {
            var sign = 1
            if i < s.count, s[i] == 0x2B || s[i] == 0x2D { sign = s[i] == 0x2D ? -1 : 1; i += 1 }
            func number(maxDigits: Int) -> Int? {
                var value = 0, digits = 0
                while i < s.count, ZoneRules.isDigit(s[i]), digits < maxDigits {
                    value = value * 10 + Int(s[i] - 0x30); digits += 1; i += 1
                }
                return digits == 0 ? nil : value
            }
            guard let hours = number(maxDigits: 3), hours <= maxHours else { return nil }
            var total = hours * 3600
            if i < s.count, s[i] == 0x3A {
                i += 1
                guard let m = number(maxDigits: 2), m < 60 else { return nil }
                total += m * 60
                if i < s.count, s[i] == 0x3A {
                    i += 1
                    guard let sec = number(maxDigits: 2), sec < 60 else { return nil }
                    total += sec
                }
            }
            return sign * total
        }
        func day() -> Day? {
            guard i < s.count else { return nil }
            func number() -> Int? {
                var value = 0, digits = 0
                while i < s.count, ZoneRules.isDigit(s[i]), digits < 3 { value = value * 10 + Int(s[i] - 0x30); digits += 1; i += 1 }
                return digits == 0 ? nil : value
            }
            if s[i] == 0x4A {  // J
                i += 1
                guard let n = number(), n >= 1, n <= 365 else { return nil }
                return .julian(n)
            }
            if s[i] == 0x4D {  // M
                i += 1
                guard let m = number(), m >= 1, m <= 12, i < s.count, s[i] == 0x2E else { return nil }
                i += 1
                guard let w = number(), w >= 1, w <= 5, i < s.count, s[i] == 0x2E else { return nil }
                i += 1
                guard let d = number(), d <= 6 else { return nil }
                return .monthWeekDay(month: m, week: w, weekday: d)
            }
            guard let n = number(), n <= 365 else { return nil }
            return .zeroBased(n)
        }
        func dayAndTime() -> (Day, Int32)? {
            guard let d = day() else { return nil }
            var time = 7200
            if i < s.count, s[i] == 0x2F {
                i += 1
                guard let t = hms(maxHours: 167) else { return nil }
                time = t
            }
            return (d, Int32(time))
        }

        guard name(), let std = hms(maxHours: 24) else { return nil }
        let stdOffset = Int32(-std)
        if i == s.count {
            return PosixRule(stdOffset: stdOffset, dstOffset: stdOffset, hasDST: false,
                             start: .julian(1), startTime: 0, end: .julian(1), endTime: 0)
        }
        guard name() else { return nil }
        var dstOffset = stdOffset + 3600
        if i < s.count, s[i] != 0x2C {
            guard let dst = hms(maxHours: 24) else { return nil }
            dstOffset = Int32(-dst)
        }
        var start = Day.monthWeekDay(month: 3, week: 2, weekday: 0), startTime: Int32 = 7200
        var end = Day.monthWeekDay(month: 11, week: 1, weekday: 0), endTime: Int32 = 7200
        if i < s.count {
            guard s[i] == 0x2C else { return nil }
            i += 1
            guard let a = dayAndTime(), i < s.count, s[i] == 0x2C else { return nil }
            i += 1
            guard let b = dayAndTime(), i == s.count else { return nil }
            (start, startTime, end, endTime) = (a.0, a.1, b.0, b.1)
        }
        return PosixRule(stdOffset: stdOffset, dstOffset: dstOffset, hasDST: true,
                         start: start, startTime: startTime, end: end, endTime: endTime)
    }

    /// Days since the epoch of the rule day in `year`.
    static func days(of day: Day, in year: Int) -> Int {
        let jan1 = CivilDate.daysFromCivil(year, 1, 1)
        switch day {
        case .julian(let n):
            return jan1 + n - 1 + (CivilDate.isLeap(year) && n >= 60 ? 1 : 0)
        case .zeroBased(let n):
            return jan1 + n
        case .monthWeekDay(let month, let week, let weekday):
            let first = CivilDate.daysFromCivil(year, month, 1)
            let firstWeekday = ((first + 4) % 7 + 7) % 7  // 0 = Sunday; 1970-01-01 was a Thursday
            var d = first + (weekday - firstWeekday + 7) % 7 + (week - 1) * 7
            let length = CivilDate.daysIn(month: month, year: year)
            while d >= first + length { d -= 7 }
            return d
        }
    }

    /// The UTC instants at which daylight time starts and ends in `year`.
    func transitions(inYear year: Int) -> (start: Int64, end: Int64) {
        let start = Int64(PosixRule.days(of: self.start, in: year)) * 86_400 + Int64(startTime) - Int64(stdOffset)
        let end = Int64(PosixRule.days(of: self.end, in: year)) * 86_400 + Int64(endTime) - Int64(dstOffset)
        return (start, end)
    }

    /// Calls `body(instant, before, after)` for the year's two transitions in ascending order.
    func forEachTransition(inYear year: Int, _ body: (Int64, Int32, Int32) -> Void) {
        let (start, end) = transitions(inYear: year)
        if start < end {
            body(start, stdOffset, dstOffset)
            body(end, dstOffset, stdOffset)
        } else {
            body(end, dstOffset, stdOffset)
            body(start, stdOffset, dstOffset)
        }
    }

    /// The offset at a UTC instant (within years 1...9999).
    func offset(atUTC u: Int64) -> Int32 {
        guard hasDST else { return stdOffset }
        let (start, end) = transitions(inYear: ZoneRules.year(ofUTC: u + Int64(stdOffset)))
        let inDST = start < end ? (u >= start && u < end) : !(u >= end && u < start)
        return inDST ? dstOffset : stdOffset
    }
}

extension Int64 {
    /// `self - other`, saturating at the `Int64` bounds instead of trapping.
    @inline(__always)
    func subtractingSaturating(_ other: Int64) -> Int64 {
        let (r, o) = subtractingReportingOverflow(other)
        return o ? (other > 0 ? .min : .max) : r
    }

    /// `self + other`, saturating at the `Int64` bounds instead of trapping.
    @inline(__always)
    func addingSaturating(_ other: Int64) -> Int64 {
        let (r, o) = addingReportingOverflow(other)
        return o ? (other > 0 ? .max : .min) : r
    }
}
