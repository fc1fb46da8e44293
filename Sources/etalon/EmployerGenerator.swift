import Foundation

/// Deterministic synthetic employers in the shared workload's CSV columns, with the same shape
/// as the peers' generator (log-normal headcount and wages, 5 % missing previous values, rare
/// bankruptcies and accidents). The peers' own file gives the identical data for side-by-side runs.
enum EmployerGenerator {
    static let header = "inn,region,okved,headcount,headcount_prev,avg_wage,mrot,fot,fot_prev,bankruptcy,selfemployed_count,selfemployed_avg_income,selfemployed_share,accidents_12m\n"

    static func write(count: Int, seed: UInt64, to path: String) throws {
        var rng = SplitMix64(seed: seed)
        var out = header
        out.reserveCapacity(count * 100)
        for i in 0..<count {
            let head = max(1, Int(rng.logNormal(mu: 3.0, sigma: 1.3)))
            let factors = [1.0, 1, 1, 1, 1.05, 1.2, 1.5]
            let headPrev = rng.unit() < 0.05 ? "" : String(max(1, Int(Double(head) * factors[Int(rng.unit() * Double(factors.count))])))
            let wageCents = Int64((rng.logNormal(mu: 10.8, sigma: 0.45) * 100).rounded())
            let fotCents = wageCents * Int64(head) * 3
            let prevFactor: Int64 = rng.unit() < 0.5 ? ([1, 1, 1, 1, 6][Int(rng.unit() * 5)] * 100) : 102
            let fotPrev = rng.unit() < 0.05 ? "" : money(fotCents * prevFactor / 100)
            let se = rng.unit() < 0.9 ? Int(-log(max(rng.unit(), 1e-12)) * 4) : 30 + Int(rng.unit() * 51)
            let bankruptcy = rng.unit() < 0.01 ? 1 : 0
            let seIncome = Int64(1_000_000 + rng.unit() * 5_000_000)
            let seShare = Int64(30 + rng.unit() * 70)
            let accidents = rng.unit() < 0.97 ? 0 : 1 + Int(rng.unit() * 3)
            out += "\(7_700_000_000 + i),\(String(format: "%02d", 1 + Int(rng.unit() * 99))),\(String(format: "%02d", 1 + Int(rng.unit() * 99))),\(head),\(headPrev),\(money(wageCents)),22440.00,\(money(fotCents)),\(fotPrev),\(bankruptcy),\(se),\(money(seIncome)),0.\(seShare < 100 ? String(format: "%02d", seShare) : "99"),\(accidents)\n"
        }
        try out.write(toFile: path, atomically: true, encoding: .utf8)
    }

    private static func money(_ cents: Int64) -> String {
        "\(cents / 100).\(String(format: "%02d", cents % 100))"
    }
}

/// A small, fast, seedable generator (SplitMix64) for reproducible synthetic data.
struct SplitMix64 {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// Normal by Box–Muller.
    mutating func normal() -> Double {
        let u = max(unit(), 1e-300)
        let v = unit()
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }

    mutating func logNormal(mu: Double, sigma: Double) -> Double { exp(mu + sigma * normal()) }
}
