internal import Synchronization

/// Throughput of the business-calendar engine on the calling thread, for the `bench` command and
/// for checking the performance targets (≥ 20 M working-day operations and ≥ 5 M zoned work-hour
/// additions per second on one core, in a release build).
public enum CalendarBenchmark {
    /// Receives the checksums so that the optimiser cannot drop the measured work.
    private static let sink = Atomic<Int64>(0)

    /// Runs each measurement over `operations` pseudo-random inputs (SplitMix64, fixed seed,
    /// generated before timing, kept away from the ends of the coverage so results stay inside it)
    /// and returns operations per second, best of three rounds:
    ///
    /// - "addWorkdays": `addWorkdays(n, to: date)`, n in −40…40;
    /// - "workdays(from:to:)": working days between two random dates;
    /// - "addWorkSeconds local": `addWorkSeconds(s, toLocal: t)`, s in 0…60 h;
    /// - "addWorkSeconds Asia/Yekaterinburg": the zoned `addWorkSeconds(s, to: instant, zone:)`,
    ///   s in 0…60 h (the calendar's own zone if that zone is unavailable);
    /// - "workSeconds Asia/Yekaterinburg": working seconds between two instants in that zone.
    ///
    /// Errors (there should be none) are counted into the checksum like results.
    public static func run(calendar: BusinessCalendar, operations: Int) -> [(name: String, perSecond: Double)] {
        let count = Swift.max(1, operations)
        var rng = Generator(state: 0x5EED_CA1E_17DA_2025)
        let margin = Swift.min(120, calendar.dayCount / 4)
        let span = UInt64(Swift.max(1, calendar.dayCount - 2 * margin))
        func randomDay() -> Int { calendar.firstDay + margin + Int(rng.next() % span) }
        let dates = (0..<count).map { _ in CivilDate(daysSinceEpoch: Int32(randomDay())) }
        let others = (0..<count).map { _ in CivilDate(daysSinceEpoch: Int32(randomDay())) }
        let amounts = (0..<count).map { _ in Int(rng.next() % 81) - 40 }
        let seconds = (0..<count).map { _ in Int64(rng.next() % (60 * 3600 + 1)) }
        let locals = (0..<count).map { _ in Int64(randomDay()) * 86_400 + Int64(rng.next() % 86_400) }
        let zone = ZoneRules.named("Asia/Yekaterinburg") ?? calendar.zone
        let instants = locals.map { DateTimeValue(utcSeconds: $0 - 5 * 3600, zone: zone) }
        let laterInstants = zip(instants, seconds).map { DateTimeValue(utcSeconds: $0.utcSeconds + $1 * 3, zone: zone) }

        var results: [(name: String, perSecond: Double)] = []
        func measure(_ name: String, _ body: () -> Int64) {
            var best = Double.infinity
            for _ in 0..<3 {
                let clock = ContinuousClock()
                let start = clock.now
                let checksum = body()
                let elapsed = start.duration(to: clock.now).components
                sink.wrappingAdd(checksum, ordering: .relaxed)
                best = Swift.min(best, Double(elapsed.seconds) + Double(elapsed.attoseconds) * 1e-18)
            }
            results.append((name, best > 0 ? Double(count) / best : .infinity))
        }
        measure("addWorkdays") {
            var sum: Int64 = 0
            for i in 0..<count {
                do throws(CalendarError) {
                    sum &+= Int64(try calendar.addWorkdays(amounts[i], to: dates[i]).daysSinceEpoch)
                } catch { sum &+= 1 }
            }
            return sum
        }
        measure("workdays(from:to:)") {
            var sum: Int64 = 0
            for i in 0..<count {
                do throws(CalendarError) {
                    sum &+= Int64(try calendar.workdays(from: dates[i], to: others[i]))
                } catch { sum &+= 1 }
            }
            return sum
        }
        measure("addWorkSeconds local") {
            var sum: Int64 = 0
            for i in 0..<count {
                do throws(CalendarError) {
                    sum &+= try calendar.addWorkSeconds(seconds[i], toLocal: locals[i])
                } catch { sum &+= 1 }
            }
            return sum
        }
        measure("addWorkSeconds Asia/Yekaterinburg") {
            var sum: Int64 = 0
            for i in 0..<count {
                do throws(CalendarError) {
                    sum &+= try calendar.addWorkSeconds(seconds[i], to: instants[i], zone: zone).utcSeconds
                } catch { sum &+= 1 }
            }
            return sum
        }
        measure("workSeconds Asia/Yekaterinburg") {
            var sum: Int64 = 0
            for i in 0..<count {
                do throws(CalendarError) {
                    sum &+= try calendar.workSeconds(from: instants[i], to: laterInstants[i], zone: zone)
                } catch { sum &+= 1 }
            }
            return sum
        }
        return results
    }

    /// SplitMix64: a fixed, fast pseudo-random sequence.
    private struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
