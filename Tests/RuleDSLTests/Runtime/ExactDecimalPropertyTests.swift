import Testing

@testable import RuleDSL

/// Property tests for `ExactDecimal`: thousands of deterministic pseudo-random cases per property,
/// checked against plain `Int128` arithmetic on values aligned to a common scale. Reference
/// algorithms here are written independently of the implementation (floor-based rounding, loops
/// instead of tables). Failures are collected and reported once per property, with the seed's case.
@Suite struct ExactDecimalPropertyTests {
    // MARK: - Deterministic generator

    /// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, good enough for test inputs.
    struct SplitMix64 {
        var state: UInt64

        init(seed: UInt64) { state = seed }

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        /// Uniform-ish in 0..<n (modulo bias is irrelevant here).
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

        mutating func oneIn(_ n: Int) -> Bool { below(n) == 0 }

        static let edges: [Int64] = [
            0, 1, -1, 2, -2, 5, -5, 9, 10, -10, .max, .min, .max - 1, .min + 1,
            1_000_000_000_000_000_000, -1_000_000_000_000_000_000, 999_999_999_999_999_999,
            922_337_203_685_477_580, -922_337_203_685_477_580, 3_037_000_499, -3_037_000_500, 4_294_967_296,
        ]

        /// A significand of a random number of digits (1...maxDigits, up to 18), sometimes with
        /// trailing zeros; with `wild`, also edge values and the full 64-bit range.
        mutating func significand(maxDigits: Int = 18, wild: Bool = true) -> Int64 {
            if wild {
                switch below(12) {
                case 0: return Self.edges[below(Self.edges.count)]
                case 1, 2: return Int64(bitPattern: next())
                default: break
                }
            }
            let digits = 1 + below(Swift.min(maxDigits, 18))
            var magnitude = Int64(next() % UInt64(ExactDecimalPropertyTests.pow10(digits)))
            if oneIn(4) {
                let zeros = ExactDecimalPropertyTests.pow10(1 + below(5))
                let (shifted, overflow) = magnitude.multipliedReportingOverflow(by: Int64(zeros))
                if !overflow { magnitude = shifted }
            }
            return oneIn(2) ? -magnitude : magnitude
        }

        mutating func decimal(maxScale: Int = 18, maxDigits: Int = 18, wild: Bool = true) -> ExactDecimal {
            ExactDecimal(significand: significand(maxDigits: maxDigits, wild: wild), scale: UInt8(below(maxScale + 1)))
        }

        /// Two operands that share a scale a third of the time (the fast paths).
        mutating func pair() -> (ExactDecimal, ExactDecimal) {
            let a = decimal()
            var b = decimal()
            if oneIn(3) { b.scale = a.scale }
            return (a, b)
        }
    }

    // MARK: - Independent reference arithmetic

    static func pow10(_ n: Int) -> Int128 {
        var result: Int128 = 1
        for _ in 0..<n { result *= 10 }
        return result
    }

    /// `x` as an integer count of 10^-s (s ≥ x.scale, s - x.scale ≤ 18).
    static func aligned(_ x: ExactDecimal, to s: Int) -> Int128 {
        Int128(x.significand) * pow10(s - Int(x.scale))
    }

    /// Floor division, then a step up when the remainder is above half or a tie on an odd floor.
    static func roundHalfEven(_ v: Int128, by d: Int128) -> Int128 {
        var q = v / d
        var r = v % d
        if r < 0 {
            q -= 1
            r += d
        }
        if 2 * r > d || (2 * r == d && q % 2 != 0) { q += 1 }
        return q
    }

    /// The contract for a result that must be fitted: the largest scale ≤ min(s, 18) at which the
    /// half-even rounding of `v × 10^-s` fits an Int64; nil (overflow) when even scale 0 does not.
    static func referenceFit(_ v: Int128, scale s: Int) -> ExactDecimal? {
        var t = Swift.min(s, 18)
        while t >= 0 {
            if let significand = Int64(exactly: roundHalfEven(v, by: pow10(s - t))) {
                return ExactDecimal(significand: significand, scale: UInt8(t))
            }
            t -= 1
        }
        return nil
    }

    /// Rounding `v × 10^-drop` to an integer with `mode`, expressed through floor and ceiling.
    static func referenceRound(_ v: Int128, drop: Int, mode: RoundingMode) -> Int128 {
        let d = pow10(drop)
        var floor = v / d
        var r = v % d
        if r < 0 {
            floor -= 1
            r += d
        }
        if r == 0 { return floor }
        let ceiling = floor + 1
        let towardZero = v >= 0 ? floor : ceiling
        let awayFromZero = v >= 0 ? ceiling : floor
        switch mode {
        case .floor: return floor
        case .ceiling: return ceiling
        case .down: return towardZero
        case .up: return awayFromZero
        case .halfUp, .halfDown, .halfEven:
            if 2 * r < d { return floor }
            if 2 * r > d { return ceiling }
            switch mode {
            case .halfUp: return awayFromZero
            case .halfDown: return towardZero
            default: return floor % 2 == 0 ? floor : ceiling
            }
        }
    }

    static func outcome(_ body: () throws(DecimalError) -> ExactDecimal) -> Result<ExactDecimal, DecimalError> {
        do { return .success(try body()) } catch { return .failure(error) }
    }

    /// Same significand and scale (stricter than ==), or both overflow.
    static func identical(_ actual: Result<ExactDecimal, DecimalError>, _ expected: ExactDecimal?) -> Bool {
        switch (actual, expected) {
        case (.success(let a), let e?): return a.significand == e.significand && a.scale == e.scale
        case (.failure(.overflow), nil): return true
        default: return false
        }
    }

    static func show(_ r: Result<ExactDecimal, DecimalError>) -> String {
        switch r {
        case .success(let x): return "\(x) [\(x.significand)e-\(x.scale)]"
        case .failure(let e): return "\(e)"
        }
    }

    static func report(_ failures: [String], _ property: String, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(failures.isEmpty, "\(property): \(failures.count) failures, first: \(failures.prefix(4))", sourceLocation: sourceLocation)
    }

    // MARK: - Arithmetic against Int128

    @Test func additionAndSubtractionMatchInt128() {
        var rng = SplitMix64(seed: 0xADD)
        var failures: [String] = []
        for _ in 0..<6000 {
            let (a, b) = rng.pair()
            let s = Int(Swift.max(a.scale, b.scale))
            let sum = Self.outcome { () throws(DecimalError) in try a.adding(b) }
            let expectedSum = Self.referenceFit(Self.aligned(a, to: s) + Self.aligned(b, to: s), scale: s)
            if !Self.identical(sum, expectedSum) {
                failures.append("\(a) + \(b) = \(Self.show(sum)), want \(String(describing: expectedSum))")
            }
            let difference = Self.outcome { () throws(DecimalError) in try a.subtracting(b) }
            let expectedDifference = Self.referenceFit(Self.aligned(a, to: s) - Self.aligned(b, to: s), scale: s)
            if !Self.identical(difference, expectedDifference) {
                failures.append("\(a) - \(b) = \(Self.show(difference)), want \(String(describing: expectedDifference))")
            }
        }
        Self.report(failures, "add/sub")
    }

    @Test func multiplicationMatchesInt128() {
        var rng = SplitMix64(seed: 0x3A1)
        var failures: [String] = []
        var rounded = 0
        for _ in 0..<6000 {
            let (a, b) = rng.pair()
            let product = Self.outcome { () throws(DecimalError) in try a.multiplying(b) }
            let s = Int(a.scale) + Int(b.scale)
            let exact = Int128(a.significand) * Int128(b.significand)
            let expected = Self.referenceFit(exact, scale: s)
            if !Self.identical(product, expected) {
                failures.append("\(a) × \(b) = \(Self.show(product)), want \(String(describing: expected))")
            }
            if let e = expected, Self.aligned(e, to: s) != exact { rounded += 1 }
        }
        Self.report(failures, "mul")
        #expect(rounded > 100, "the generator should exercise the rounding path")
    }

    @Test func roundingMatchesFloorCeilingReference() throws {
        var rng = SplitMix64(seed: 0x20D)
        var failures: [String] = []
        for _ in 0..<3000 {
            let x = rng.decimal()
            let target = rng.below(20)
            for mode in RoundingMode.allCases {
                let r = try x.rounded(scale: target, mode: mode)
                if target >= Int(x.scale) {
                    if r.significand != x.significand || r.scale != x.scale { failures.append("\(x) → \(r) should be unchanged") }
                    continue
                }
                let expected = Self.referenceRound(Int128(x.significand), drop: Int(x.scale) - target, mode: mode)
                if Int128(r.significand) != expected || Int(r.scale) != target {
                    failures.append("\(x) \(mode) to \(target) = \(r), want \(expected)e-\(target)")
                }
            }
        }
        Self.report(failures, "round")
    }

    // MARK: - Division

    /// q = a / b must be within half a unit of the last digit it could hold: with p the fractional
    /// digits a quotient of its size always has room for (18 minus its integer digits, at least its
    /// scale), |a/b − q| ≤ ½·10^-p. Checked exactly as 2·|A·10^(sb+qs) − Q·B·10^sa|·10^(p−qs) ≤ |B|·10^sa.
    @Test func divisionIsWithinHalfAnUlp() throws {
        var rng = SplitMix64(seed: 0xD1F)
        var failures: [String] = []
        var checked = 0
        var inexact = 0
        var overflows = 0
        for i in 0..<5000 {
            let a = rng.decimal(maxScale: 9, maxDigits: 1 + i % 11, wild: false)
            let b = rng.decimal(maxScale: 9, maxDigits: 1 + rng.below(10), wild: false)
            if b.significand == 0 {
                if (try? a.divided(by: b)) != nil { failures.append("\(a) / 0 did not throw") }
                continue
            }
            let q: ExactDecimal
            do {
                q = try a.divided(by: b)
            } catch {
                // Justified only when even the integer quotient, rounded, leaves the Int64 range.
                let n = Int128(a.significand) * Self.pow10(Int(b.scale))
                let d = Int128(b.significand) * Self.pow10(Int(a.scale))
                let whole = d < 0 ? Self.roundHalfEven(-n, by: -d) : Self.roundHalfEven(n, by: d)
                if error != .overflow || Int64(exactly: whole) != nil { failures.append("\(a) / \(b) threw \(error)") }
                overflows += 1
                continue
            }
            if q.scale > 0 && q.significand % 10 == 0 { failures.append("\(a) / \(b) = \(q) is not normalised") }
            let qs = Int(q.scale)
            let integerPart = Int128(q.significand) / Self.pow10(qs)
            let digits = integerPart == 0 ? 0 : String(integerPart.magnitude).count
            let p = Swift.max(qs, 18 - digits)
            let A = Int128(a.significand), B = Int128(b.significand), Q = Int128(q.significand)
            let (lhs, o1) = A.multipliedReportingOverflow(by: Self.pow10(Int(b.scale) + qs))
            let (qb, o2) = Q.multipliedReportingOverflow(by: B)
            let (rhs, o3) = qb.multipliedReportingOverflow(by: Self.pow10(Int(a.scale)))
            guard !o1, !o2, !o3 else { continue }
            let error = (lhs - rhs).magnitude
            let (scaledError, o4) = (2 * error).multipliedReportingOverflow(by: Self.pow10(p - qs).magnitude)
            guard !o4 else { continue }
            checked += 1
            if error != 0 { inexact += 1 }
            if scaledError > B.magnitude * Self.pow10(Int(a.scale)).magnitude {
                failures.append("\(a) / \(b) = \(q): error too large at \(p) digits")
            }
        }
        Self.report(failures, "div")
        #expect(checked > 4000, "checked \(checked)")
        #expect(inexact > 500, "inexact \(inexact)")
        #expect(overflows < 500, "overflows \(overflows)")
    }

    @Test func divisionUndoesExactMultiplication() throws {
        var rng = SplitMix64(seed: 0x9D1)
        var failures: [String] = []
        for _ in 0..<4000 {
            let b = rng.decimal(maxScale: 9, maxDigits: 9, wild: false)
            let k = rng.decimal(maxScale: 9, maxDigits: 9, wild: false)
            guard b.significand != 0, let a = try? b.multiplying(k), Int(a.scale) == Int(b.scale) + Int(k.scale) else { continue }
            let q = try a.divided(by: b)
            if q != k || q.significand != k.normalized.significand || q.scale != k.normalized.scale {
                failures.append("(\(b) × \(k)) / \(b) = \(q)")
            }
        }
        Self.report(failures, "div exact")
    }

    // MARK: - Comparison, equality, hashing

    @Test func comparisonMatchesInt128() {
        var rng = SplitMix64(seed: 0xC0DE)
        var failures: [String] = []
        for _ in 0..<8000 {
            var (a, b) = rng.pair()
            if rng.oneIn(5) {
                // Equal values at different scales.
                let k = rng.below(5)
                if Int(a.scale) + k <= 18, let scaled = Int64(exactly: Int128(a.significand) * Self.pow10(k)) {
                    b = ExactDecimal(significand: scaled, scale: a.scale + UInt8(k))
                }
            }
            let s = Int(Swift.max(a.scale, b.scale))
            let x = Self.aligned(a, to: s), y = Self.aligned(b, to: s)
            if (a < b) != (x < y) || (a == b) != (x == y) || (a > b) != (x > y) || (a <= b) != (x <= y) || (a >= b) != (x >= y) {
                failures.append("compare \(a) \(b)")
            }
            if a == b && a.hashValue != b.hashValue { failures.append("hash \(a) \(b)") }
            if let d = try? a.subtracting(b), (a < b) != (d.signum < 0) || (a == b) != (d.signum == 0) {
                failures.append("\(a) - \(b) = \(d) disagrees with <")
            }
        }
        Self.report(failures, "compare")
    }

    @Test func normalisationPreservesValueAndHash() {
        var rng = SplitMix64(seed: 0x4E)
        var failures: [String] = []
        for _ in 0..<5000 {
            let x = rng.decimal()
            let n = x.normalized
            if n != x || n.hashValue != x.hashValue { failures.append("\(x) vs normalised \(n)") }
            if n.scale > 0 && n.significand % 10 == 0 { failures.append("\(n) keeps a trailing zero") }
            if n.significand == 0 && n.scale != 0 { failures.append("zero \(n) keeps a scale") }
            if x.isInteger != (n.scale == 0) { failures.append("isInteger \(x)") }
            if let i = x.int64Value, ExactDecimal(i) != x { failures.append("int64Value \(x)") }
            // Any other representation of the same value normalises identically.
            let k = rng.below(6)
            if Int(x.scale) + k <= 18, let scaled = Int64(exactly: Int128(x.significand) * Self.pow10(k)) {
                let y = ExactDecimal(significand: scaled, scale: x.scale + UInt8(k))
                let m = y.normalized
                if y != x || y.hashValue != x.hashValue || m.significand != n.significand || m.scale != n.scale {
                    failures.append("\(x) vs \(y)")
                }
            }
        }
        Self.report(failures, "normalise")
    }

    // MARK: - Text

    @Test func parsingRoundTripsDescriptions() {
        var rng = SplitMix64(seed: 0x7E47)
        var failures: [String] = []
        func parseBytes(_ text: String) -> ExactDecimal? {
            var copy = text
            return copy.withUTF8 { ExactDecimal.parse(utf8: $0) }
        }
        func same(_ p: ExactDecimal?, _ x: ExactDecimal) -> Bool { p?.significand == x.significand && p?.scale == x.scale }
        for _ in 0..<5000 {
            let x = rng.decimal()
            let text = x.description
            if !same(parseBytes(text), x) || !same(ExactDecimal(text), x) { failures.append("round trip \(text)") }
            if ExactDecimal(x.plainString) != x { failures.append("plain \(x.plainString)") }
            let english = x.formatted(.english).filter { $0 != "," }
            if !same(ExactDecimal(english), x) { failures.append("english \(english)") }
            let russian = x.formatted(.russian).filter { $0 != " " }.map { $0 == "," ? "." : $0 }
            if !same(ExactDecimal(String(russian)), x) { failures.append("russian \(String(russian))") }

            // The same value written with an exponent: same significand, scale shifted by e.
            let e = rng.below(11) - 5
            if Int(x.scale) + e >= 0 {
                let mantissa = ExactDecimal(significand: x.significand, scale: UInt8(Int(x.scale) + e)).description
                let withExponent = mantissa + (rng.oneIn(2) ? "e" : "E") + (e >= 0 && rng.oneIn(2) ? "+" : "") + String(e)
                if !same(parseBytes(withExponent), x) { failures.append("exponent \(withExponent)") }
            }
            // Extra trailing zeros: the same value, as much of the written scale as fits.
            let zeros = String(repeating: "0", count: 1 + rng.below(25))
            let padded = text + (x.scale == 0 ? "." : "") + zeros
            if let p = parseBytes(padded) {
                if p != x || p.scale < x.scale { failures.append("padded \(padded) → \(p)") }
            } else {
                failures.append("padded \(padded) rejected")
            }
            // Digit separators between random digits (String initialiser only).
            var separated = ""
            var previousDigit = false
            for c in text {
                if c.isASCII, c.isNumber, previousDigit, rng.oneIn(3) { separated.append("_") }
                separated.append(c)
                previousDigit = c.isASCII && c.isNumber
            }
            if !same(ExactDecimal(separated), x) { failures.append("separated \(separated)") }
            if separated.contains("_"), parseBytes(separated) != nil { failures.append("bytes took \(separated)") }
        }
        Self.report(failures, "parse")
    }

    @Test func parsingRejectsMangledText() {
        var rng = SplitMix64(seed: 0xBAD)
        let junk: [Character] = [" ", "a", "e", "-", "+", ".", ",", "x", "_", "%"]
        var failures: [String] = []
        for _ in 0..<3000 {
            let x = rng.decimal()
            var text = Array(x.description)
            let position = rng.below(text.count + 1)
            let inserted = junk[rng.below(junk.count)]
            text.insert(inserted, at: position)
            let mangled = String(text)
            // Whatever is accepted must be well formed under the documented grammar.
            guard let parsed = ExactDecimal(mangled) else { continue }
            switch inserted {
            case "e", ".":
                break  // "12e5", "1.e5", "12.", ".12", "-.5": legal shapes, other values
            case "_":
                if parsed != x { failures.append("\(mangled) → \(parsed), separators changed the value") }
            case "-", "+":
                let legal = position == 0 && x.significand >= 0
                if !legal || parsed != (inserted == "-" ? (try? x.negated()) : x) {
                    failures.append("accepted \(mangled) as \(parsed)")
                }
            default:
                failures.append("accepted \(mangled) as \(parsed)")
            }
        }
        Self.report(failures, "reject")
    }

    // MARK: - Nothing traps

    /// Every operation on wild inputs, including out-of-range scales: completes without trapping and
    /// keeps its documented error behaviour.
    @Test func nothingTraps() throws {
        var rng = SplitMix64(seed: 0x7A9)
        var failures: [String] = []
        for _ in 0..<4000 {
            var a = rng.decimal()
            var b = rng.decimal()
            if rng.oneIn(8) { a.scale = UInt8(rng.below(256)) }
            if rng.oneIn(8) { b.scale = UInt8(rng.below(256)) }
            _ = try? a.adding(b)
            _ = try? a.subtracting(b)
            _ = try? a.multiplying(b)
            do {
                _ = try a.divided(by: b)
            } catch .divisionByZero {
                if b.significand != 0 && b.scale <= 18 { failures.append("\(a) / \(b): divisionByZero") }
            } catch {}
            _ = try? a.negated()
            _ = try? a.abs()
            for mode in RoundingMode.allCases { _ = try a.rounded(scale: rng.below(40) - 10, mode: mode) }
            _ = a < b
            _ = a == b
            _ = a.hashValue
            _ = a.normalized
            _ = a.isInteger
            _ = a.int64Value
            _ = a.description
            _ = a.plainString
            _ = a.formatted(NumberStyle.russian.fractionDigits(min: rng.below(30) - 5, max: rng.oneIn(3) ? nil : rng.below(30) - 5))
            if (a < b) == (b < a) && a != b { failures.append("order \(a) \(b)") }
        }
        Self.report(failures, "no trap")
    }
}
