import Foundation
import Testing
@testable import RuleDSL

private extension SeededGenerator {
    mutating func int64(in range: ClosedRange<Int64>) -> Int64 { int(range) }
}

private func zone(_ name: String) -> ZoneRules {
    guard let z = ZoneRules.named(name) else { fatalError("unknown zone \(name)") }
    return z
}

/// UTC seconds of a UTC calendar time.
private func utc(_ y: Int, _ mo: Int, _ d: Int, _ h: Int = 0, _ mi: Int = 0, _ s: Int = 0) -> Int64 {
    Int64(CivilDate.daysFromCivil(y, mo, d)) * 86_400 + Int64(h * 3600 + mi * 60 + s)
}

/// Every Russian zone of the tz database with its offset (hours) in 2025.
private let russianZones: [(String, Int)] = [
    ("Europe/Moscow", 3), ("Europe/Kaliningrad", 2), ("Europe/Samara", 4), ("Europe/Volgograd", 3), ("Europe/Astrakhan", 4),
    ("Europe/Saratov", 4), ("Europe/Ulyanovsk", 4), ("Europe/Kirov", 3), ("Europe/Simferopol", 3), ("Asia/Yekaterinburg", 5),
    ("Asia/Omsk", 6), ("Asia/Novosibirsk", 7), ("Asia/Barnaul", 7), ("Asia/Tomsk", 7), ("Asia/Novokuznetsk", 7),
    ("Asia/Krasnoyarsk", 7), ("Asia/Irkutsk", 8), ("Asia/Chita", 9), ("Asia/Yakutsk", 9), ("Asia/Khandyga", 9),
    ("Asia/Vladivostok", 10), ("Asia/Ust-Nera", 10), ("Asia/Magadan", 11), ("Asia/Sakhalin", 11),
    ("Asia/Srednekolymsk", 11), ("Asia/Kamchatka", 12), ("Asia/Anadyr", 12),
]

/// A minimal version-2 TZif file: an empty 32-bit block, then the 64-bit block and the footer.
private func tzif(transitions: [(Int64, UInt8)], types: [Int32], footer: String) -> [UInt8] {
    func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
    func header(times: Int, types: Int, chars: Int) -> [UInt8] {
        Array("TZif2".utf8) + [UInt8](repeating: 0, count: 15)
            + be32(0) + be32(0) + be32(0) + be32(UInt32(times)) + be32(UInt32(types)) + be32(UInt32(chars))
    }
    var out = header(times: 0, types: 1, chars: 1) + be32(0) + [0, 0] + [0]
    out += header(times: transitions.count, types: types.count, chars: 1)
    for (t, _) in transitions { out += be32(UInt32(truncatingIfNeeded: t >> 32)) + be32(UInt32(truncatingIfNeeded: t)) }
    out += transitions.map(\.1)
    for offset in types { out += be32(UInt32(bitPattern: offset)) + [0, 0] }
    out += [0]
    out += Array(("\n" + footer + "\n").utf8)
    return out
}

@Suite struct ZoneRulesTests {
    // MARK: Names

    @Test func namedZonesAreCachedAndShared() {
        let moscow = zone("Europe/Moscow")
        #expect(moscow === zone("Europe/Moscow"))
        #expect(moscow.identifier == "Europe/Moscow")
        #expect(!moscow.isFixedOffset)
        #expect(zone("UTC") === ZoneRules.utc)
        #expect(zone("Etc/UTC") === ZoneRules.utc)
        #expect(zone("Z") === ZoneRules.utc)
        #expect(ZoneRules.utc.isFixedOffset)
    }

    @Test(arguments: [
        ("+03:00", "+03:00", 10800), ("+0300", "+03:00", 10800), ("+03", "+03:00", 10800), ("-05:30", "-05:30", -19800),
        ("UTC+3", "+03:00", 10800), ("UTC+03", "+03:00", 10800), ("UTC+03:00", "+03:00", 10800), ("UTC-5:30", "-05:30", -19800),
        ("UTC-12", "-12:00", -43200), ("+14:00", "+14:00", 50400), ("+02:30:17", "+02:30:17", 9017), ("+023017", "+02:30:17", 9017),
        ("+00:00", "+00:00", 0), ("-00:00", "+00:00", 0), ("+23:59", "+23:59", 86340),
    ])
    func fixedOffsets(name: String, identifier: String, seconds: Int32) {
        let z = ZoneRules.named(name)
        #expect(z?.identifier == identifier)
        #expect(z?.isFixedOffset == true)
        #expect(z?.offset(atUTC: 0) == seconds)
        #expect(z?.offset(atUTC: .max) == seconds)
        #expect(z === ZoneRules.named(identifier))
        #expect(ZoneRules.fixed(offsetSeconds: seconds) === z)
    }

    @Test(arguments: [
        "", "Mars/Olympus", "../etc/passwd", "Europe/../Europe/Moscow", "/usr/share/zoneinfo/Europe/Moscow", "Europe",
        "zone.tab", "tzdata.zi", "+24:00", "+3", "UTC+", "UTC+333", "+03:60", "+03:00:60", "03:00", "europe/moscow",
        "Europe/Moscow ", " UTC", "Europe//Moscow", "Europe/Moscow/", "UTC+3:0", "+03:0", "++03:00", "GMT+3", "GMT+03:00", "GMT+0300", String(repeating: "A", count: 300),
    ])
    func unknownNames(name: String) {
        #expect(ZoneRules.named(name) == nil)
    }

    @Test func fixedRejectsOutOfRange() {
        #expect(ZoneRules.fixed(offsetSeconds: 86_400) == nil)
        #expect(ZoneRules.fixed(offsetSeconds: .min) == nil)
        #expect(ZoneRules.fixed(offsetSeconds: -86_399)?.identifier == "-23:59:59")
    }

    @Test func offsetTexts() {
        #expect(ZoneRules.offsetText(0) == "+00:00")
        #expect(ZoneRules.offsetText(10800) == "+03:00")
        #expect(ZoneRules.offsetText(-16200) == "-04:30")
        #expect(ZoneRules.offsetText(9017) == "+02:30:17")
        #expect(ZoneRules.offsetText(.min) != "")
    }

    // MARK: Russian zones

    @Test func moscowHistory() {
        let moscow = zone("Europe/Moscow")
        #expect(moscow.offset(atUTC: utc(2013, 6, 1)) == 4 * 3600)
        #expect(moscow.offset(atUTC: utc(2013, 1, 1)) == 4 * 3600)
        #expect(moscow.offset(atUTC: utc(2015, 6, 1)) == 3 * 3600)
        #expect(moscow.offset(atUTC: utc(2010, 1, 15)) == 3 * 3600)   // MSK
        #expect(moscow.offset(atUTC: utc(2010, 7, 1)) == 4 * 3600)    // MSD
        // 2011-03-27 02:00 MSK → 03:00 permanent +04; 2014-10-26 02:00 → 01:00 +03.
        let t2011 = utc(2011, 3, 26, 23), t2014 = utc(2014, 10, 25, 22)
        #expect(moscow.offset(atUTC: t2011 - 1) == 3 * 3600 && moscow.offset(atUTC: t2011) == 4 * 3600)
        #expect(moscow.offset(atUTC: t2014 - 1) == 4 * 3600 && moscow.offset(atUTC: t2014) == 3 * 3600)
        // Local mean time before 1919 has seconds.
        #expect(moscow.offset(atUTC: utc(1900, 1, 1)) == 2 * 3600 + 30 * 60 + 17)
        #expect(moscow.offset(atUTC: utc(2150, 1, 1)) == 3 * 3600)
        #expect(moscow.offset(atUTC: utc(9999, 12, 31)) == 3 * 3600)
    }

    @Test(arguments: russianZones)
    func russianOffsetsIn2025(name: String, hours: Int) {
        let z = zone(name)
        #expect(z.offset(atUTC: utc(2025, 1, 15)) == Int32(hours * 3600))
        #expect(z.offset(atUTC: utc(2025, 7, 15)) == Int32(hours * 3600))
    }

    @Test func requestedRussianFacts() {
        #expect(zone("Asia/Kamchatka").offset(atUTC: utc(2025, 3, 1)) == 12 * 3600)
        #expect(zone("Europe/Kaliningrad").offset(atUTC: utc(2025, 3, 1)) == 2 * 3600)
        #expect(zone("Europe/Samara").offset(atUTC: utc(2025, 3, 1)) == 4 * 3600)
        // Samara was on Moscow time (+03) 2010-03-28 … 2011-03-27.
        #expect(zone("Europe/Samara").offset(atUTC: utc(2010, 12, 1)) == 3 * 3600)
    }

    /// resolve(local) must give back the instant for every wall time that occurs once, and the
    /// earlier of two instants showing the same wall time.
    @Test(arguments: russianZones.map(\.0) + ["Europe/Berlin", "America/New_York", "Australia/Sydney", "Pacific/Apia", "Asia/Kolkata"])
    func resolveInvertsOffset(name: String) {
        let z = zone(name)
        var rng = SeededGenerator(seed: UInt64(truncatingIfNeeded: name.utf8.reduce(5381) { $0 &* 33 &+ Int($1) }))
        var instants: [Int64] = []
        for t in z.times { instants += [t - 3601, t - 1, t, t + 1, t + 3599] }
        for _ in 0..<3000 { instants.append(rng.int64(in: utc(1, 1, 2)...utc(9999, 12, 30))) }
        for _ in 0..<3000 { instants.append(rng.int64(in: utc(1900, 1, 1)...utc(2101, 1, 1))) }
        for u in instants {
            let offset = z.offset(atUTC: u)
            let local = u + Int64(offset)
            let r = z.resolve(localSeconds: local)
            // Only an overlap may map elsewhere: to an earlier instant with the same wall time.
            guard r == u || (r < u && r + Int64(z.offset(atUTC: r)) == local) else {
                Issue.record("\(name) at \(u): resolved \(r)")
                return
            }
        }
    }

    // MARK: DST behaviour (Europe/Berlin)

    @Test func berlinOffsetsAndTransitions() {
        let berlin = zone("Europe/Berlin")
        let spring = utc(2025, 3, 30, 1), autumn = utc(2025, 10, 26, 1)
        #expect(berlin.offset(atUTC: spring - 1) == 3600 && berlin.offset(atUTC: spring) == 7200)
        #expect(berlin.offset(atUTC: autumn - 1) == 7200 && berlin.offset(atUTC: autumn) == 3600)
        // Beyond the fat file's 2037 and beyond the table's 2100: the footer rule.
        for year in [2040, 2100, 2101, 2150, 2500, 9999] {
            #expect(berlin.offset(atUTC: utc(year, 1, 15)) == 3600, "\(year)")
            #expect(berlin.offset(atUTC: utc(year, 7, 15)) == 7200, "\(year)")
        }
        // 2150: last Sunday of March is the 29th, of October the 25th.
        #expect(berlin.offset(atUTC: utc(2150, 3, 29, 1) - 1) == 3600 && berlin.offset(atUTC: utc(2150, 3, 29, 1)) == 7200)
        #expect(berlin.offset(atUTC: utc(2150, 10, 25, 1) - 1) == 7200 && berlin.offset(atUTC: utc(2150, 10, 25, 1)) == 3600)
    }

    @Test func berlinGapMovesForward() {
        let berlin = zone("Europe/Berlin")
        // 2025-03-30 02:30 does not exist: interpreted with +01:00 → 01:30Z, shown as 03:30 CEST.
        let local = utc(2025, 3, 30, 2, 30)
        #expect(berlin.resolve(localSeconds: local) == utc(2025, 3, 30, 1, 30))
        #expect(berlin.resolve(localSeconds: utc(2025, 3, 30, 2, 0)) == utc(2025, 3, 30, 1, 0))
        #expect(berlin.resolve(localSeconds: utc(2025, 3, 30, 1, 59, 59)) == utc(2025, 3, 30, 0, 59, 59))
        #expect(berlin.resolve(localSeconds: utc(2025, 3, 30, 3, 0)) == utc(2025, 3, 30, 1, 0))
        // Same in the rule-computed future.
        #expect(berlin.resolve(localSeconds: utc(2150, 3, 29, 2, 30)) == utc(2150, 3, 29, 1, 30))
    }

    @Test func berlinOverlapTakesEarlier() {
        let berlin = zone("Europe/Berlin")
        // 2025-10-26 02:30 happens at 00:30Z (CEST) and 01:30Z (CET).
        #expect(berlin.resolve(localSeconds: utc(2025, 10, 26, 2, 30)) == utc(2025, 10, 26, 0, 30))
        #expect(berlin.resolve(localSeconds: utc(2025, 10, 26, 2, 0)) == utc(2025, 10, 26, 0, 0))
        #expect(berlin.resolve(localSeconds: utc(2025, 10, 26, 3, 0)) == utc(2025, 10, 26, 2, 0))
        #expect(berlin.resolve(localSeconds: utc(2025, 10, 26, 1, 59, 59)) == utc(2025, 10, 25, 23, 59, 59))
        #expect(berlin.resolve(localSeconds: utc(2150, 10, 25, 2, 30)) == utc(2150, 10, 25, 0, 30))
    }

    @Test func extremeInputsNeverTrap() {
        for name in ["Europe/Berlin", "Europe/Moscow", "UTC", "+03:00", "-12:00"] {
            let z = zone(name)
            for v in [Int64.min, Int64.min + 1, -1 << 40, 0, 1 << 40, Int64.max - 1, Int64.max] {
                _ = z.offset(atUTC: v)
                _ = z.resolve(localSeconds: v)
            }
        }
    }

    // MARK: Sources

    @Test func matchesFoundationWhereBothKnowTheZone() {
        for name in ["Europe/Moscow", "Europe/Berlin", "Asia/Kamchatka", "America/New_York", "Australia/Sydney"] {
            let ours = zone(name)
            guard let foundation = ZoneRules.fromFoundation(name), let tz = TimeZone(identifier: name) else {
                Issue.record("Foundation does not know \(name)")
                continue
            }
            var rng = SeededGenerator(seed: 11)
            for _ in 0..<500 {
                let u = rng.int64(in: utc(1970, 1, 1)...utc(2037, 12, 31))
                let expected = Int32(tz.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(u))))
                #expect(ours.offset(atUTC: u) == expected, "\(name) at \(u)")
                #expect(foundation.offset(atUTC: u) == expected, "\(name) at \(u) (fallback)")
            }
        }
    }

    @Test func foundationFallbackKnowsRussianChanges() throws {
        let moscow = try #require(ZoneRules.fromFoundation("Europe/Moscow"))
        #expect(moscow.offset(atUTC: utc(2013, 6, 1)) == 4 * 3600)
        #expect(moscow.offset(atUTC: utc(2015, 6, 1)) == 3 * 3600)
        let kamchatka = try #require(ZoneRules.fromFoundation("Asia/Kamchatka"))
        #expect(kamchatka.offset(atUTC: utc(2025, 6, 1)) == 12 * 3600)
        #expect(ZoneRules.fromFoundation("Mars/Olympus") == nil)
        #expect(ZoneRules.fromFoundation("GMT+0300") == nil)
    }

    @Test func slimFileUsesFooterRule() throws {
        // No transitions at all: everything comes from the POSIX rule.
        let data = tzif(transitions: [], types: [3600], footer: "CET-1CEST,M3.5.0,M10.5.0/3")
        let z = try #require(ZoneRules.fromTZif(data, identifier: "Test/Slim"))
        #expect(z.offset(atUTC: utc(2025, 1, 15)) == 3600)
        #expect(z.offset(atUTC: utc(2025, 7, 15)) == 7200)
        #expect(z.offset(atUTC: utc(2025, 3, 30, 1) - 1) == 3600 && z.offset(atUTC: utc(2025, 3, 30, 1)) == 7200)
        #expect(z.offset(atUTC: utc(3000, 7, 15)) == 7200)
        // Explicit transitions first, rule afterwards.
        let moved = tzif(transitions: [(utc(2000, 1, 1), 1)], types: [7200, 3600], footer: "CET-1CEST,M3.5.0,M10.5.0/3")
        let z2 = try #require(ZoneRules.fromTZif(moved, identifier: "Test/Moved"))
        #expect(z2.offset(atUTC: utc(1999, 7, 1)) == 7200)
        #expect(z2.offset(atUTC: utc(2000, 2, 1)) == 3600)
        #expect(z2.offset(atUTC: utc(2000, 7, 1)) == 7200)
        #expect(z2.offset(atUTC: utc(2099, 7, 1)) == 7200 && z2.offset(atUTC: utc(2099, 12, 1)) == 3600)
    }

    @Test func malformedFilesAreRejectedWithoutTrap() throws {
        let real = [UInt8](try #require(FileManager.default.contents(atPath: "/usr/share/zoneinfo/Europe/Moscow")))
        #expect(ZoneRules.fromTZif(real, identifier: "Europe/Moscow") != nil)
        for length in stride(from: 0, to: real.count, by: 7) {
            _ = ZoneRules.fromTZif(Array(real[..<length]), identifier: "X")
        }
        var rng = SeededGenerator(seed: 3)
        for _ in 0..<300 {
            var corrupted = real
            for _ in 0..<4 {
                let i = Int(rng.next() % UInt64(corrupted.count))
                corrupted[i] = UInt8(truncatingIfNeeded: rng.next())
            }
            _ = ZoneRules.fromTZif(corrupted, identifier: "X")
        }
        #expect(ZoneRules.fromTZif(Array("TZif2 nonsense".utf8), identifier: "X") == nil)
        #expect(ZoneRules.fromTZif([], identifier: "X") == nil)
        // Decreasing transition times are malformed.
        #expect(ZoneRules.fromTZif(tzif(transitions: [(100, 0), (50, 0)], types: [0], footer: ""), identifier: "X") == nil)
        // Transitions at the extremes of time are accepted without overflow.
        let extreme = try #require(ZoneRules.fromTZif(tzif(transitions: [(.min, 1), (.max, 0)], types: [3600, 7200], footer: "CET-1CEST,M3.5.0,M10.5.0/3"), identifier: "X"))
        #expect(extreme.offset(atUTC: 0) == 7200)
        #expect(extreme.offset(atUTC: .max) == 3600)
        _ = extreme.resolve(localSeconds: 0)
        // Transition type out of range.
        #expect(ZoneRules.fromTZif(tzif(transitions: [(100, 5)], types: [0], footer: ""), identifier: "X") == nil)
    }

    // MARK: POSIX rules

    @Test func posixRules() throws {
        let berlin = try #require(PosixRule.parse(Array("CET-1CEST,M3.5.0,M10.5.0/3".utf8)))
        #expect(berlin.transitions(inYear: 2025) == (utc(2025, 3, 30, 1), utc(2025, 10, 26, 1)))
        let newYork = try #require(PosixRule.parse(Array("EST5EDT,M3.2.0,M11.1.0".utf8)))
        #expect(newYork.transitions(inYear: 2025) == (utc(2025, 3, 9, 7), utc(2025, 11, 2, 6)))
        #expect(newYork == PosixRule.parse(Array("EST5EDT".utf8)))  // POSIX default rule is the US one
        let sydney = try #require(PosixRule.parse(Array("AEST-10AEDT,M10.1.0,M4.1.0/3".utf8)))
        #expect(sydney.offset(atUTC: utc(2025, 1, 15)) == 39600)
        #expect(sydney.offset(atUTC: utc(2025, 7, 15)) == 36000)
        #expect(sydney.offset(atUTC: utc(2025, 4, 5, 16) - 1) == 39600 && sydney.offset(atUTC: utc(2025, 4, 5, 16)) == 36000)
        #expect(sydney.offset(atUTC: utc(2025, 10, 4, 16) - 1) == 36000 && sydney.offset(atUTC: utc(2025, 10, 4, 16)) == 39600)
        let kamchatka = try #require(PosixRule.parse(Array("<+12>-12".utf8)))
        #expect(!kamchatka.hasDST && kamchatka.offset(atUTC: 0) == 43200)
        // Negative transition times (America/Nuuk style) and Julian days.
        let nuuk = try #require(PosixRule.parse(Array("<-02>2<-01>,M3.5.0/-1,M10.5.0/0".utf8)))
        #expect(nuuk.transitions(inYear: 2025) == (utc(2025, 3, 30, 1), utc(2025, 10, 26, 1)))
        let julian = try #require(PosixRule.parse(Array("XST3XDT,J60/0,J300/0".utf8)))
        #expect(julian.transitions(inYear: 2024).start == utc(2024, 3, 1, 3))  // J60 skips Feb 29
        let zeroBased = try #require(PosixRule.parse(Array("XST3XDT,59/0,300/0".utf8)))
        #expect(zeroBased.transitions(inYear: 2024).start == utc(2024, 2, 29, 3))
        for bad in ["", "C", "CET", "CET-1CEST,M3.5.0", "CET-1CEST,M13.5.0,M10.5.0", "CET-1CEST,M3.6.0,M10.5.0",
                    "CET-1CEST,M3.5.7,M10.5.0", "CET-25", "<+12-12", "CET-1CEST,J0,J10", "CET-1CEST,M3.5.0,M10.5.0/200", "CET-1x"] {
            #expect(PosixRule.parse(Array(bad.utf8)) == nil, "\(bad)")
        }
    }

    @Test func concurrentLookupsShareOneInstance() async {
        let names = ["Europe/Helsinki", "Asia/Tokyo", "America/Chicago", "+05:45", "UTC-3"]
        let results = await withTaskGroup(of: [ObjectIdentifier?].self) { group in
            for _ in 0..<8 {
                group.addTask { names.map { ZoneRules.named($0).map(ObjectIdentifier.init) } }
            }
            var all: [[ObjectIdentifier?]] = []
            for await r in group { all.append(r) }
            return all
        }
        for r in results {
            #expect(r == results[0])
            #expect(!r.contains(nil))
        }
    }
}
