import Testing
@testable import RuleDSL

private func zone(_ name: String) -> ZoneRules {
    guard let z = ZoneRules.named(name) else { fatalError("unknown zone \(name)") }
    return z
}

private func utc(_ y: Int, _ mo: Int, _ d: Int, _ h: Int = 0, _ mi: Int = 0, _ s: Int = 0) -> Int64 {
    Int64(CivilDate.daysFromCivil(y, mo, d)) * 86_400 + Int64(h * 3600 + mi * 60 + s)
}

private func dt(_ text: String) -> DateTimeValue {
    guard let value = DateTimeValue(iso: text) else { fatalError("bad test date-time \(text)") }
    return value
}

@Suite struct DateTimeValueTests {
    // MARK: Parsing

    @Test(arguments: [
        ("2025-03-01T09:30:00+03:00", utc(2025, 3, 1, 6, 30), "2025-03-01T09:30:00+03:00"),
        ("2025-03-01T09:30+03:00", utc(2025, 3, 1, 6, 30), "2025-03-01T09:30:00+03:00"),
        ("2025-03-01T09:30:00+0300", utc(2025, 3, 1, 6, 30), "2025-03-01T09:30:00+03:00"),
        ("2025-03-01T09:30:00+03", utc(2025, 3, 1, 6, 30), "2025-03-01T09:30:00+03:00"),
        ("2025-03-01T09:30:00-05:30", utc(2025, 3, 1, 15), "2025-03-01T09:30:00-05:30"),
        ("2025-03-01T09:30:00+00:00", utc(2025, 3, 1, 9, 30), "2025-03-01T09:30:00+00:00"),
        ("2025-03-01T09:30:00Z", utc(2025, 3, 1, 9, 30), "2025-03-01T09:30:00Z"),
        ("2025-03-01t09:30:00z", utc(2025, 3, 1, 9, 30), "2025-03-01T09:30:00Z"),
        ("2025-03-01T09:30:00+03:00[Europe/Moscow]", utc(2025, 3, 1, 6, 30), "2025-03-01T09:30:00+03:00[Europe/Moscow]"),
        ("2025-03-01T09:30:00+03:00[!Europe/Moscow]", utc(2025, 3, 1, 6, 30), "2025-03-01T09:30:00+03:00[Europe/Moscow]"),
        ("2025-03-01T09:30:00+03:00[Europe/Moscow][u-ca=gregory]", utc(2025, 3, 1, 6, 30), "2025-03-01T09:30:00+03:00[Europe/Moscow]"),
        ("2025-03-01T09:30:00+03:00[u-ca=iso8601]", utc(2025, 3, 1, 6, 30), "2025-03-01T09:30:00+03:00"),
        ("2025-03-01T06:30:00Z[Europe/Moscow]", utc(2025, 3, 1, 6, 30), "2025-03-01T09:30:00+03:00[Europe/Moscow]"),
        ("2025-03-01T09:30[Europe/Moscow]", utc(2025, 3, 1, 6, 30), "2025-03-01T09:30:00+03:00[Europe/Moscow]"),
        ("2025-03-01T09:30 Europe/Moscow", utc(2025, 3, 1, 6, 30), "2025-03-01T09:30:00+03:00[Europe/Moscow]"),
        ("2025-03-01T09:30+03:00 Europe/Moscow", utc(2025, 3, 1, 6, 30), "2025-03-01T09:30:00+03:00[Europe/Moscow]"),
        ("2025-03-01 09:30:00+03:00", utc(2025, 3, 1, 6, 30), "2025-03-01T09:30:00+03:00"),
        ("2025-03-01T09:30:00[+03:00]", utc(2025, 3, 1, 6, 30), "2025-03-01T09:30:00+03:00"),
        ("01.03.2025 09:30 Europe/Moscow", utc(2025, 3, 1, 6, 30), "2025-03-01T09:30:00+03:00[Europe/Moscow]"),
        ("2025-03-01T09:30:00.000Z", utc(2025, 3, 1, 9, 30), "2025-03-01T09:30:00Z"),
        ("2025-03-01T09:30:00,0+03:00", utc(2025, 3, 1, 6, 30), "2025-03-01T09:30:00+03:00"),
        ("2013-07-01T12:00 Europe/Moscow", utc(2013, 7, 1, 8), "2013-07-01T12:00:00+04:00[Europe/Moscow]"),
        ("2025-07-01T12:00 Asia/Kamchatka", utc(2025, 7, 1), "2025-07-01T12:00:00+12:00[Asia/Kamchatka]"),
        ("2025-07-01T12:00 UTC+3", utc(2025, 7, 1, 9), "2025-07-01T12:00:00+03:00"),
        ("2025-07-01T12:00 UTC", utc(2025, 7, 1, 12), "2025-07-01T12:00:00Z"),
        ("0001-01-01T00:00:00Z", utc(1, 1, 1), "0001-01-01T00:00:00Z"),
        ("9999-12-31T23:59:59Z", utc(9999, 12, 31, 23, 59, 59), "9999-12-31T23:59:59Z"),
        ("9999-12-31T23:59:59-05:00", utc(10000, 1, 1, 4, 59, 59), "9999-12-31T23:59:59-05:00"),
        ("0001-01-01T00:00:00+14:00", utc(0, 12, 31, 10), "0001-01-01T00:00:00+14:00"),
        ("1900-01-01T00:00 Europe/Moscow", utc(1899, 12, 31, 21, 29, 43), "1900-01-01T00:00:00+02:30:17[Europe/Moscow]"),
        ("1900-01-01T00:00:00+02:30:17[Europe/Moscow]", utc(1899, 12, 31, 21, 29, 43), "1900-01-01T00:00:00+02:30:17[Europe/Moscow]"),
    ])
    func parses(text: String, instant: Int64, rendered: String) {
        let value = DateTimeValue(iso: text)
        #expect(value?.utcSeconds == instant)
        #expect(value?.description == rendered)
        #expect(DateTimeValue(iso: Substring(text))?.utcSeconds == instant)
    }

    @Test(arguments: [
        "", "2025-03-01", "2025-03-01T", "2025-03-01T09", "2025-03-01T09:30:00", "2025-03-01T09:30", "2025-03-01T24:00:00Z",
        "2025-03-01T23:59:60Z", "2025-02-29T00:00Z", "2025-03-01T9:30Z", "2025-03-01T09:3Z", "2025-03-01T09:30:0Z",
        "2025-03-01T09:30:00+3", "2025-03-01T09:30:00+24:00", "2025-03-01T09:30:00+03:60", "2025-03-01T09:30:00+03:00[Mars/Base]",
        "2025-03-01T09:30:00+03:00 ", "2025-03-01T09:30:00+03:00[Europe/Moscow", "2025-03-01T09:30:00+03:00[Europe/Moscow]x",
        "2025-03-01T09:30:00+04:00[Europe/Moscow]", "2025-03-01T09:30:00+03:00[!u-ca=gregory]",
        "2025-03-01T09:30:00+03:00[u-ca=gregory][Europe/Moscow]", "2025-03-01T09:30:00+03:00[Europe/Moscow][Europe/Moscow]",
        "2025-03-01T09:30:00.5Z", "2025-03-01T09:30:00.Z", "2025-03-01T09:30.0Z", "2025-03-01T09:30:00.0001Z",
        "2025-03-01T09:30:00Z ", " 2025-03-01T09:30:00Z", "2025-03-01X09:30:00Z", "2025-03-01T09:30:00ZZ",
        "2025-03-01T09:30 ", "2025-03-01T09:30  Europe/Moscow", "2025-03-01T09:30 Europe/Mos cow", "2025-03-01T09:30:00+03:00[]",
        "2025-03-01T09-30Z", "0000-12-31T23:00:00Z", "9999-12-31T23:00:00Z[Europe/Moscow]", "9999-12-31T23:30:00Z[Asia/Kamchatka]",
        "2025-03-01T09:30:00+03:00:", "2025-03-01T09:30:00−03:00",
    ])
    func rejects(text: String) {
        #expect(DateTimeValue(iso: text) == nil)
    }

    @Test func defaultZone() {
        let moscow = zone("Europe/Moscow")
        #expect(DateTimeValue(iso: "2025-03-01T09:30") == nil)
        #expect(DateTimeValue(iso: "2025-03-01T09:30", defaultZone: moscow)?.description == "2025-03-01T09:30:00+03:00[Europe/Moscow]")
        #expect(DateTimeValue(iso: "2025-03-01 09:30:15", defaultZone: .utc)?.description == "2025-03-01T09:30:15Z")
        // An explicit offset or zone wins over the default.
        #expect(DateTimeValue(iso: "2025-03-01T09:30Z", defaultZone: moscow)?.zone === ZoneRules.utc)
        #expect(DateTimeValue(iso: "2025-03-01T09:30 Asia/Kamchatka", defaultZone: moscow)?.zone === zone("Asia/Kamchatka"))
    }

    @Test func gapAndOverlapInText() {
        #expect(DateTimeValue(iso: "2025-03-30T02:30 Europe/Berlin")?.description == "2025-03-30T03:30:00+02:00[Europe/Berlin]")
        #expect(DateTimeValue(iso: "2025-10-26T02:30 Europe/Berlin")?.description == "2025-10-26T02:30:00+02:00[Europe/Berlin]")
        // The offset picks the second 02:30.
        let later = DateTimeValue(iso: "2025-10-26T02:30+01:00[Europe/Berlin]")
        #expect(later?.utcSeconds == utc(2025, 10, 26, 1, 30))
        #expect(later?.description == "2025-10-26T02:30:00+01:00[Europe/Berlin]")
        // In the gap no offset agrees with the zone: 02:30+01:00 is 01:30Z, when Berlin is on +02:00.
        #expect(DateTimeValue(iso: "2025-03-30T02:30+01:00[Europe/Berlin]") == nil)
        #expect(DateTimeValue(iso: "2025-03-30T02:30+02:00[Europe/Berlin]") == nil)
        #expect(DateTimeValue(iso: "2025-03-30T03:30+02:00[Europe/Berlin]")?.utcSeconds == utc(2025, 3, 30, 1, 30))
    }

    // MARK: Construction from fields

    @Test func localFields() throws {
        let moscow = zone("Europe/Moscow")
        let date = try #require(CivilDate(year: 2025, month: 3, day: 1))
        let value = try #require(DateTimeValue(local: date, hour: 9, minute: 30, second: 15, zone: moscow))
        #expect(value.utcSeconds == utc(2025, 3, 1, 6, 30, 15))
        #expect(value.localDate == date)
        #expect((value.hour, value.minute, value.second) == (9, 30, 15))
        #expect(value.localSecondOfDay == 9 * 3600 + 30 * 60 + 15)
        #expect(value.offsetSeconds == 10800)
        for (h, m, s) in [(24, 0, 0), (-1, 0, 0), (0, 60, 0), (0, 0, 60), (0, -1, 0), (Int.max, 0, 0), (0, 0, Int.min)] {
            #expect(DateTimeValue(local: date, hour: h, minute: m, second: s, zone: moscow) == nil)
        }
        #expect(DateTimeValue(local: CivilDate(daysSinceEpoch: .max), hour: 0, minute: 0, second: 0, zone: moscow) == nil)
        #expect(DateTimeValue(local: .latest, hour: 23, minute: 59, second: 59, zone: .utc) != nil)
        #expect(DateTimeValue(local: .earliest, hour: 0, minute: 0, second: 0, zone: zone("-12:00")) != nil)
    }

    @Test func fieldsBeforeEpochAndAtExtremes() {
        let value = DateTimeValue(utcSeconds: -1, zone: .utc)
        #expect(value.localDate.description == "1969-12-31")
        #expect((value.hour, value.minute, value.second) == (23, 59, 59))
        for raw in [Int64.min, Int64.max, Int64.min + 1] {
            for z in [ZoneRules.utc, zone("Europe/Berlin"), zone("-05:00"), zone("+14:00")] {
                let v = DateTimeValue(utcSeconds: raw, zone: z)
                _ = (v.localDate, v.hour, v.minute, v.second, v.localSecondOfDay, v.offsetSeconds, v.description)
                #expect(v.adding(seconds: 1) == nil || v.adding(seconds: -1) == nil)
                #expect(v.adding(.days(1)!) == nil)
                #expect(v.adding(.months(-1)!) == nil)
                #expect(v.inZone(.utc) == v)
            }
        }
    }

    // MARK: Identity

    @Test func equalityIsByInstant() {
        let moscow = dt("2025-03-01T09:00:00+03:00")
        let zulu = dt("2025-03-01T06:00:00Z")
        let named = dt("2025-03-01T09:00 Europe/Moscow")
        #expect(moscow == zulu && zulu == named)
        #expect(Set([moscow, zulu, named]).count == 1)
        #expect(moscow.description != zulu.description)
        #expect(dt("2025-03-01T09:00:00+03:00") < dt("2025-03-01T06:00:01Z"))
        #expect(!(moscow < zulu) && !(zulu < moscow))
    }

    // MARK: Arithmetic

    @Test func addingSeconds() {
        let berlin = zone("Europe/Berlin")
        // 01:30 CET + 1 hour of elapsed time = 03:30 CEST.
        let before = DateTimeValue(utcSeconds: utc(2025, 3, 30, 0, 30), zone: berlin)
        #expect(before.description == "2025-03-30T01:30:00+01:00[Europe/Berlin]")
        #expect(before.adding(seconds: 3600)?.description == "2025-03-30T03:30:00+02:00[Europe/Berlin]")
        #expect(before.adding(seconds: -86_400)?.description == "2025-03-29T01:30:00+01:00[Europe/Berlin]")
        #expect(before.adding(seconds: .max) == nil)
        #expect(before.adding(seconds: .min) == nil)
        #expect(dt("9999-12-31T23:59:59Z").adding(seconds: 1) == nil)
        #expect(dt("0001-01-01T00:00:00Z").adding(seconds: -1) == nil)
        #expect(dt("0001-01-01T00:00:00+03:00").adding(seconds: -1) == nil)
    }

    @Test func inZoneKeepsInstant() {
        let value = dt("2025-03-01T09:30:00+03:00[Europe/Moscow]")
        let berlin = value.inZone(zone("Europe/Berlin"))
        #expect(berlin == value)
        #expect(berlin.description == "2025-03-01T07:30:00+01:00[Europe/Berlin]")
        #expect(value.inZone(.utc).description == "2025-03-01T06:30:00Z")
        #expect(value.inZone(zone("Asia/Kamchatka")).description == "2025-03-01T18:30:00+12:00[Asia/Kamchatka]")
        #expect(dt("2025-03-01T09:30:00Z").inZone(zone("UTC+05:30")).description == "2025-03-01T15:00:00+05:30")
    }

    // MARK: Properties

    @Test func isoRoundTrip() {
        let zones = ["Europe/Moscow", "Europe/Berlin", "Asia/Kamchatka", "Europe/Kaliningrad", "America/New_York",
                     "UTC", "+05:30", "-03:00", "+00:00", "+02:30:17"].map(zone)
        var rng = SeededGenerator(seed: 1234)
        for i in 0..<20_000 {
            let z = zones[i % zones.count]
            let instant = Int64(rng.int(in: Int(utc(1, 1, 2))...Int(utc(9999, 12, 30))))
            let value = DateTimeValue(utcSeconds: instant, zone: z)
            let text = value.description
            let back = DateTimeValue(iso: text)
            guard back?.utcSeconds == instant, back?.zone === z, back?.description == text else {
                Issue.record("round trip of \(text): \(back?.description ?? "nil")")
                return
            }
        }
    }

    @Test func localFieldsRoundTrip() {
        let zones = ["Europe/Moscow", "Europe/Berlin", "Asia/Kamchatka", "Europe/Samara", "Asia/Novosibirsk", "UTC"].map(zone)
        var rng = SeededGenerator(seed: 77)
        for i in 0..<20_000 {
            let z = zones[i % zones.count]
            let date = CivilDate(daysSinceEpoch: Int32(rng.int(in: Int(CivilDate.minDays) + 1...Int(CivilDate.maxDays) - 1)))
            let (h, m, s) = (rng.int(in: 0...23), rng.int(in: 0...59), rng.int(in: 0...59))
            guard let value = DateTimeValue(local: date, hour: h, minute: m, second: s, zone: z) else {
                Issue.record("no value for \(date) \(h):\(m):\(s) in \(z.identifier)")
                continue
            }
            // The wall time reads back unless it fell into a gap (then it moved forward).
            let wall = Int64(date.daysSinceEpoch) * 86_400 + Int64(h * 3600 + m * 60 + s)
            let shown = Int64(value.localDate.daysSinceEpoch) * 86_400 + Int64(value.localSecondOfDay)
            let ok = shown >= wall && shown - wall < 3 * 3600 && shown - Int64(value.offsetSeconds) == value.utcSeconds
                && (shown != wall || (value.hour, value.minute, value.second) == (h, m, s))
            guard ok else { Issue.record("\(date) \(h):\(m):\(s) in \(z.identifier) → \(value)"); return }
        }
    }
}
