/// An exact decimal number: `significand × 10^-scale`. Never binary floating point.
///
/// The rule language computes money, percentages and hours with this type, so `0.1 + 0.2` is exactly
/// `0.3`. The value is a 64-bit significand and a count of fractional digits (`scale`, 0...18); the
/// struct is 16 bytes of plain data and copies as bits.
///
/// The scale is part of the representation but not of the value: `1.50 == 1.5`, both hash alike, and
/// `description` keeps the written scale ("1.50") while `plainString` drops trailing zeros ("1.5").
///
/// No operation traps, whatever the input: results that cannot be represented throw
/// `DecimalError.overflow`, division by zero throws `DecimalError.divisionByZero`, and a scale above
/// `maxScale` (possible only through the memberwise initialiser or by assigning `scale`) is tolerated:
/// comparison, equality, hashing and formatting stay exact, and arithmetic first rounds such an
/// operand half-even to `maxScale` fractional digits.
public struct ExactDecimal: Sendable, Hashable, Comparable, CustomStringConvertible, BitwiseCopyable {
    /// The digits of the number as an integer; the value is `significand × 10^-scale`.
    public var significand: Int64
    /// The number of fractional digits, normally 0...`maxScale`. Trailing zeros are allowed (`1.50` has
    /// scale 2) and are kept by `description`.
    public var scale: UInt8

    /// The largest scale the arithmetic produces: 18 fractional digits (10^18 still fits an `Int64`).
    public static let maxScale: UInt8 = 18

    /// Makes `significand × 10^-scale` exactly as given. It checks nothing and normalises nothing:
    /// keeping `scale` within 0...`maxScale` and stripping trailing zeros (see `normalized`) is the
    /// caller's business. An out-of-range scale never traps later (see the type's documentation).
    @inlinable
    public init(significand: Int64, scale: UInt8) {
        self.significand = significand
        self.scale = scale
    }

    /// The integer `value`, with scale 0.
    @inlinable
    public init(_ value: Int64) {
        self.significand = value
        self.scale = 0
    }

    /// The integer `value`, with scale 0. A convenience for `Int` counts and indices.
    @inlinable
    public init(_ value: Int) {
        self.significand = Int64(value)
        self.scale = 0
    }

    /// Zero, with scale 0.
    public static let zero = ExactDecimal(significand: 0, scale: 0)
    /// One, with scale 0.
    public static let one = ExactDecimal(significand: 1, scale: 0)
}

/// How `ExactDecimal.rounded(scale:mode:)` (and the rule language's `round`) drops digits. The raw
/// values are the names used in rule text.
public enum RoundingMode: String, Sendable, CaseIterable {
    /// To the nearest; a tie goes away from zero (2.5 → 3, -2.5 → -3). Commercial rounding.
    case halfUp = "half_up"
    /// To the nearest; a tie goes to the even neighbour (2.5 → 2, 3.5 → 4). Banker's rounding.
    case halfEven = "half_even"
    /// To the nearest; a tie goes towards zero (2.5 → 2, -2.5 → -2).
    case halfDown = "half_down"
    /// Away from zero whenever a dropped digit is non-zero (2.1 → 3, -2.1 → -3).
    case up
    /// Towards zero: truncation (2.9 → 2, -2.9 → -2).
    case down
    /// Towards positive infinity (2.1 → 3, -2.9 → -2).
    case ceiling
    /// Towards negative infinity (2.9 → 2, -2.1 → -3).
    case floor
}

/// Why an `ExactDecimal` operation has no result.
public enum DecimalError: Error, Sendable, Equatable {
    /// The integer part of the result does not fit a 64-bit significand (about ±9.2 × 10^18).
    case overflow
    /// The divisor is zero.
    case divisionByZero
}

// MARK: - Properties

extension ExactDecimal {
    /// The same value with trailing fractional zeros stripped (`1.500` → `1.5`, `2.00` → `2`, zero →
    /// `0` with scale 0). Equal values have identical normalised forms; hashing uses it.
    @inlinable
    public var normalized: ExactDecimal {
        if significand == 0 { return ExactDecimal(significand: 0, scale: 0) }
        var s = significand
        var k = scale
        while k > 0 && s % 10 == 0 {
            s /= 10
            k -= 1
        }
        return ExactDecimal(significand: s, scale: k)
    }

    /// Whether the value is a whole number (`3`, `3.00`, `0`), whatever its scale.
    @inlinable
    public var isInteger: Bool {
        if scale == 0 || significand == 0 { return true }
        // A non-zero Int64 is never a multiple of 10^19 or more.
        guard scale <= ExactDecimal.maxScale else { return false }
        return significand % ExactDecimal.pow10(Int(scale)) == 0
    }

    /// The value as an `Int64` when it is a whole number (`3.00` → 3), otherwise nil (`2.5` → nil).
    @inlinable
    public var int64Value: Int64? {
        guard isInteger else { return nil }
        if scale == 0 { return significand }
        if scale > ExactDecimal.maxScale { return 0 }  // only zero is an integer at such a scale
        return significand / ExactDecimal.pow10(Int(scale))
    }

    /// The sign: -1, 0 or 1.
    @inlinable
    public var signum: Int {
        significand > 0 ? 1 : (significand < 0 ? -1 : 0)
    }
}

// MARK: - Comparison and hashing

extension ExactDecimal {
    /// Numeric equality across scales: `1.50 == 1.5`. Same-scale operands compare significands only.
    @inlinable
    public static func == (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        if lhs.scale == rhs.scale { return lhs.significand == rhs.significand }
        return compareAcrossScales(lhs, rhs) == 0
    }

    /// Numeric order, exact for all inputs (operands are aligned in 128 bits, never rounded).
    /// Same-scale operands compare significands only.
    @inlinable
    public static func < (lhs: ExactDecimal, rhs: ExactDecimal) -> Bool {
        if lhs.scale == rhs.scale { return lhs.significand < rhs.significand }
        return compareAcrossScales(lhs, rhs) < 0
    }

    /// Hashes the normalised form, so values equal across scales (`1.5`, `1.50`) hash alike.
    public func hash(into hasher: inout Hasher) {
        let n = normalized
        hasher.combine(n.significand)
        hasher.combine(n.scale)
    }

    /// -1, 0 or 1 as `a` is below, equal to or above `b`; the scales differ.
    @usableFromInline
    static func compareAcrossScales(_ a: ExactDecimal, _ b: ExactDecimal) -> Int {
        if a.scale < b.scale {
            return compareScaled(a.significand, timesPowerOfTen: Int(b.scale - a.scale), with: b.significand)
        }
        return -compareScaled(b.significand, timesPowerOfTen: Int(a.scale - b.scale), with: a.significand)
    }

    /// Compares `x × 10^k` (k ≥ 1) with `y` exactly.
    @usableFromInline
    static func compareScaled(_ x: Int64, timesPowerOfTen k: Int, with y: Int64) -> Int {
        // The usual case (money against a rate): the scaled value fits 64 bits.
        if k <= 18 {
            let (scaled, overflow) = x.multipliedReportingOverflow(by: pow10(k))
            if !overflow { return scaled < y ? -1 : (scaled == y ? 0 : 1) }
        }
        if k > 19 {
            // |x| × 10^k ≥ 10^20 > |y| for any non-zero x: the sign of x decides.
            if x != 0 { return x > 0 ? 1 : -1 }
            return y > 0 ? -1 : (y < 0 ? 1 : 0)
        }
        let lhs = Int128(x) * pow10Wide(k)  // |x| × 10^19 < 2^127
        let rhs = Int128(y)
        return lhs < rhs ? -1 : (lhs == rhs ? 0 : 1)
    }
}

// MARK: - Arithmetic

extension ExactDecimal {
    /// The exact sum. Scales are aligned (`1.5 + 0.25 = 1.75`, scale 2). When the aligned sum needs
    /// more digits than a 64-bit significand holds, trailing zeros are dropped first and then the
    /// fraction is rounded half-even to the most digits that fit.
    /// - Throws: `DecimalError.overflow` when the integer part itself does not fit.
    @inlinable
    public func adding(_ other: ExactDecimal) throws(DecimalError) -> ExactDecimal {
        if scale == other.scale {
            let (sum, overflow) = significand.addingReportingOverflow(other.significand)
            if !overflow { return ExactDecimal(significand: sum, scale: scale) }
        }
        return try ExactDecimal.addSlow(self, other, subtracting: false)
    }

    /// The exact difference `self - other`, with the same alignment and fitting rules as `adding(_:)`.
    /// - Throws: `DecimalError.overflow` when the integer part does not fit.
    @inlinable
    public func subtracting(_ other: ExactDecimal) throws(DecimalError) -> ExactDecimal {
        if scale == other.scale {
            let (difference, overflow) = significand.subtractingReportingOverflow(other.significand)
            if !overflow { return ExactDecimal(significand: difference, scale: scale) }
        }
        return try ExactDecimal.addSlow(self, other, subtracting: true)
    }

    /// The product. Exact when it fits: the scale is the sum of the scales (`1.5 × 0.20 = 0.300`).
    /// Otherwise (scale above 18 or significand beyond 64 bits) trailing zeros are stripped first, then
    /// the fraction is rounded half-even to the most digits that fit, never into the integer part.
    /// - Throws: `DecimalError.overflow` when the integer part does not fit.
    @inlinable
    public func multiplying(_ other: ExactDecimal) throws(DecimalError) -> ExactDecimal {
        let productScale = Int(scale) + Int(other.scale)
        if productScale <= Int(ExactDecimal.maxScale) {
            let (product, overflow) = significand.multipliedReportingOverflow(by: other.significand)
            if !overflow { return ExactDecimal(significand: product, scale: UInt8(productScale)) }
        }
        return try ExactDecimal.multiplySlow(self, other)
    }

    /// The quotient `self / divisor`, normalised (no trailing fractional zeros, scale never negative).
    /// Exact when the quotient terminates within 18 fractional digits and fits (`10 / 4 = 2.5`);
    /// otherwise rounded half-even to the most fractional digits (at most 18) that fit a 64-bit
    /// significand (`1 / 3 = 0.333333333333333333`, `2 / 3 = 0.666666666666666667`).
    /// - Throws: `DecimalError.divisionByZero` for a zero divisor (also `0 / 0`);
    ///   `DecimalError.overflow` when the integer part of the quotient does not fit.
    public func divided(by divisor: ExactDecimal) throws(DecimalError) -> ExactDecimal {
        if divisor.significand == 0 { throw .divisionByZero }
        if significand == 0 { return .zero }
        // Fast path: the significands divide evenly (6.4 / 2, 100 / 4).
        if scale <= ExactDecimal.maxScale, scale >= divisor.scale, divisor.significand != -1,
            significand % divisor.significand == 0
        {
            return ExactDecimal(significand: significand / divisor.significand, scale: scale - divisor.scale).normalized
        }
        return try ExactDecimal.divideSlow(self, divisor)
    }

    /// The value with its sign flipped, same scale.
    /// - Throws: `DecimalError.overflow` for a significand of `Int64.min` (its negation does not fit).
    @inlinable
    public func negated() throws(DecimalError) -> ExactDecimal {
        if significand == .min { throw .overflow }
        return ExactDecimal(significand: -significand, scale: scale)
    }

    /// The absolute value, same scale.
    /// - Throws: `DecimalError.overflow` for a significand of `Int64.min`.
    @inlinable
    public func abs() throws(DecimalError) -> ExactDecimal {
        if significand < 0 { return try negated() }
        return self
    }

    /// The value rounded to `scale` fractional digits with `mode` (`2.345` to 2 digits half-even →
    /// `2.34`). The result has exactly that scale, unless the value already has no more digits than
    /// asked, in which case it is returned unchanged (`1.5` to 3 digits stays `1.5`). `scale` is
    /// clamped to 0...18. Rounding only removes digits, so the result always fits; the error type is
    /// kept for uniformity with the other arithmetic operations.
    @inlinable
    public func rounded(scale: Int, mode: RoundingMode) throws(DecimalError) -> ExactDecimal {
        let target = Swift.min(Swift.max(scale, 0), Int(ExactDecimal.maxScale))
        if target >= Int(self.scale) { return self }
        return roundedUnchecked(toScale: target, mode: mode)
    }
}

// MARK: - Internals

extension ExactDecimal {
    /// 10^n for n in 0...18 (callers guarantee the range).
    @inlinable @inline(__always)
    static func pow10(_ n: Int) -> Int64 {
        switch n {
        case 0: return 1
        case 1: return 10
        case 2: return 100
        case 3: return 1_000
        case 4: return 10_000
        case 5: return 100_000
        case 6: return 1_000_000
        case 7: return 10_000_000
        case 8: return 100_000_000
        case 9: return 1_000_000_000
        case 10: return 10_000_000_000
        case 11: return 100_000_000_000
        case 12: return 1_000_000_000_000
        case 13: return 10_000_000_000_000
        case 14: return 100_000_000_000_000
        case 15: return 1_000_000_000_000_000
        case 16: return 10_000_000_000_000_000
        case 17: return 100_000_000_000_000_000
        default: return 1_000_000_000_000_000_000
        }
    }

    /// 10^n in 128 bits for n in 0...36.
    @usableFromInline
    static func pow10Wide(_ n: Int) -> Int128 {
        n <= 18 ? Int128(pow10(n)) : Int128(pow10(18)) * Int128(pow10(n - 18))
    }

    /// Whether a rounding that drops a non-zero remainder moves the truncated magnitude one step away
    /// from zero. `half` is -1, 0 or 1 as the dropped part is below, exactly or above one half.
    @usableFromInline
    static func roundsAwayFromZero(_ mode: RoundingMode, negative: Bool, half: Int, truncatedIsOdd: Bool) -> Bool {
        switch mode {
        case .down: return false
        case .up: return true
        case .ceiling: return !negative
        case .floor: return negative
        case .halfUp: return half >= 0
        case .halfDown: return half > 0
        case .halfEven: return half > 0 || (half == 0 && truncatedIsOdd)
        }
    }

    /// Rounds to `target` fractional digits, `0 <= target < scale`. Never overflows: at least one
    /// digit is dropped, so the truncated significand is at most |Int64.min| / 10.
    @usableFromInline
    func roundedUnchecked(toScale target: Int, mode: RoundingMode) -> ExactDecimal {
        let drop = Int(scale) - target
        var quotient: Int64 = 0
        let half: Int
        if drop <= 18 {
            let divisor = ExactDecimal.pow10(drop)
            quotient = significand / divisor
            let remainder = significand % divisor
            if remainder == 0 { return ExactDecimal(significand: quotient, scale: UInt8(target)) }
            let twice = remainder.magnitude * 2  // < 2 × 10^18, fits UInt64
            half = twice < divisor.magnitude ? -1 : (twice == divisor.magnitude ? 0 : 1)
        } else {
            // Only reachable for an out-of-range scale: |significand| < 10^19 ≤ 10^drop.
            if significand == 0 { return ExactDecimal(significand: 0, scale: UInt8(target)) }
            if drop == 19 {
                let m = significand.magnitude
                let halfWay: UInt64 = 5_000_000_000_000_000_000
                half = m < halfWay ? -1 : (m == halfWay ? 0 : 1)
            } else {
                half = -1
            }
        }
        let negative = significand < 0
        if ExactDecimal.roundsAwayFromZero(mode, negative: negative, half: half, truncatedIsOdd: quotient & 1 != 0) {
            quotient += negative ? -1 : 1
        }
        return ExactDecimal(significand: quotient, scale: UInt8(target))
    }

    /// The operand itself, or for an out-of-range scale, rounded half-even to `maxScale` digits.
    @usableFromInline
    var bounded: ExactDecimal {
        scale <= ExactDecimal.maxScale ? self : roundedUnchecked(toScale: Int(ExactDecimal.maxScale), mode: .halfEven)
    }

    @usableFromInline
    static func addSlow(_ a: ExactDecimal, _ b: ExactDecimal, subtracting: Bool) throws(DecimalError) -> ExactDecimal {
        let x = a.bounded
        let y = b.bounded
        let common = Swift.max(x.scale, y.scale)
        let xv = Int128(x.significand) * pow10Wide(Int(common - x.scale))  // |·| < 2^63 × 10^18
        let yv = Int128(y.significand) * pow10Wide(Int(common - y.scale))
        return try fitting(subtracting ? xv - yv : xv + yv, scale: Int(common))
    }

    @usableFromInline
    static func multiplySlow(_ a: ExactDecimal, _ b: ExactDecimal) throws(DecimalError) -> ExactDecimal {
        let x = a.bounded
        let y = b.bounded
        // |product| ≤ 2^126: fits Int128.
        return try fitting(Int128(x.significand) * Int128(y.significand), scale: Int(x.scale) + Int(y.scale))
    }

    /// `value × 10^-scale` (scale 0...36) as an `ExactDecimal`: exact if possible after stripping
    /// trailing zeros, else rounded half-even to the most fractional digits that fit.
    @usableFromInline
    static func fitting(_ value: Int128, scale: Int) throws(DecimalError) -> ExactDecimal {
        var v = value
        var s = scale
        while true {
            if s <= Int(maxScale), let significand = Int64(exactly: v) {
                return ExactDecimal(significand: significand, scale: UInt8(s))
            }
            guard s > 0, v % 10 == 0 else { break }
            v /= 10
            s -= 1
        }
        var target = Swift.min(s, Int(maxScale))
        while target >= 0 {
            let q = roundHalfEven(v, dividingBy: pow10Wide(s - target))
            if let significand = Int64(exactly: q) {
                return ExactDecimal(significand: significand, scale: UInt8(target))
            }
            target -= 1
        }
        throw .overflow
    }

    /// `v / d` rounded half-even, `d > 0`.
    @usableFromInline
    static func roundHalfEven(_ v: Int128, dividingBy d: Int128) -> Int128 {
        if d == 1 { return v }
        let q = v / d
        let r = v % d
        if r == 0 { return q }
        let twice = r.magnitude * 2
        let dm = d.magnitude
        if twice > dm || (twice == dm && q & 1 != 0) { return v < 0 ? q - 1 : q + 1 }
        return q
    }

    @usableFromInline
    static func divideSlow(_ a: ExactDecimal, _ b: ExactDecimal) throws(DecimalError) -> ExactDecimal {
        let x = a.bounded
        let y = b.bounded
        if y.significand == 0 { throw .divisionByZero }
        if x.significand == 0 { return .zero }
        let negative = (x.significand < 0) != (y.significand < 0)
        // x / y = (|X| × 10^sy) / (|Y| × 10^sx), both terms below 2^63 × 10^18 < 2^123.
        let n = Int128(x.significand.magnitude) * pow10Wide(Int(y.scale))
        let d = Int128(y.significand.magnitude) * pow10Wide(Int(x.scale))
        let limit: Int128 = negative ? Int128(Int64.max) + 1 : Int128(Int64.max)
        let q0 = n / d
        let r0 = n % d
        if q0 > limit { throw .overflow }
        // The most fractional digits the integer part leaves room for.
        var digits = Int(maxScale)
        while digits > 0 && q0 > limit / pow10Wide(digits) { digits -= 1 }
        while digits >= 0 {
            let (q, usedDigits) = roundedQuotient(q0, r0, d, fractionDigits: digits)
            if q <= limit {
                let significand = Int64(truncatingIfNeeded: negative ? -q : q)
                return ExactDecimal(significand: significand, scale: UInt8(usedDigits)).normalized
            }
            digits -= 1  // rounding carried past the limit: one digit fewer, rounded afresh
        }
        throw .overflow
    }

    /// Continues the long division `q0 + r0 / d` to `digits` fractional digits, rounded half-even.
    /// Stops early when the remainder is exhausted; returns the significand and digits produced.
    @usableFromInline
    static func roundedQuotient(_ q0: Int128, _ r0: Int128, _ d: Int128, fractionDigits digits: Int) -> (Int128, Int) {
        var q = q0
        var r = r0
        var left = digits
        // The largest chunk of digits for which r × 10^chunk (r < d) cannot overflow.
        var chunk = 18
        while chunk > 1 && d > Int128.max / pow10Wide(chunk) { chunk -= 1 }
        while left > 0 && r != 0 {
            let step = Swift.min(left, chunk)
            let m = pow10Wide(step)
            let x = r * m
            q = q * m + x / d
            r = x % d
            left -= step
        }
        if r == 0 { return (q, digits - left) }
        let twice = r * 2  // r < d < 2^123
        if twice > d || (twice == d && q & 1 != 0) { q += 1 }
        return (q, digits)
    }
}
