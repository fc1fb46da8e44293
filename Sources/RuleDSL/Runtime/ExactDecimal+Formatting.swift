/// Text output: the canonical form (`description`, `plainString`) and locale-style display
/// (`formatted(_:)` with a `NumberStyle`).
extension ExactDecimal {
    /// The canonical text, keeping the scale: `"15000.50"`, `"-0.5"`, `"3"`, `"0.00"`. ASCII digits,
    /// `-` for negatives, `.` before the fraction, no grouping; `ExactDecimal.parse` reads it back to
    /// the identical significand and scale.
    public var description: String {
        let negative = significand < 0
        let magnitude = significand.magnitude
        let fractionDigits = Int(scale)
        let integerDigits = Swift.max(ExactDecimal.decimalDigitCount(magnitude) - fractionDigits, 1)
        let length = (negative ? 1 : 0) + integerDigits + (fractionDigits > 0 ? 1 + fractionDigits : 0)
        return String(unsafeUninitializedCapacity: length) { buffer in
            var m = magnitude
            var position = length
            for _ in 0..<fractionDigits {
                position -= 1
                buffer[position] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: m % 10)
                m /= 10
            }
            if fractionDigits > 0 {
                position -= 1
                buffer[position] = UInt8(ascii: ".")
            }
            repeat {
                position -= 1
                buffer[position] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: m % 10)
                m /= 10
            } while m != 0
            if negative {
                position -= 1
                buffer[position] = UInt8(ascii: "-")
            }
            return length
        }
    }

    /// The canonical text of the normalised value, without trailing fractional zeros: `"1.5"` for
    /// 1.50, `"100"` for 100.00, `"0"` for 0.000.
    public var plainString: String { normalized.description }

    /// The value for display: grouped thousands and the style's separators, e.g. 15000.5 as
    /// `"15 000,50"` with `.russian.fractionDigits(min: 2, max: 2)` or `"15,000.50"` with the English
    /// equivalent; -1234567.891 as `"-1,234,567.891"` with `.english`.
    ///
    /// The fraction shows the value's own digits (trailing zeros included, as in `description`:
    /// 1.50 → `"1.50"`), padded with zeros up to `minFractionDigits`. With more digits than
    /// `maxFractionDigits` it is rounded half-even, and zeros the rounding leaves at the end are dropped
    /// down to `minFractionDigits` (99.999 with min 0, max 2 → `"100"`; with min 2 → `"100.00"`).
    /// Integer parts below 1000 have no separator. A value rounded to zero shows no sign. See
    /// `NumberStyle` for how out-of-range digit counts are treated.
    public func formatted(_ style: NumberStyle) -> String {
        var value = self
        var minimum = Swift.min(Swift.max(style.minFractionDigits, 0), NumberStyle.fractionDigitLimit)
        if let requested = style.maxFractionDigits {
            let maximum = Swift.max(requested, 0)
            minimum = Swift.min(minimum, maximum)
            if Int(value.scale) > maximum {
                value = value.roundedUnchecked(toScale: Swift.min(maximum, Int(ExactDecimal.maxScale)), mode: .halfEven)
                while Int(value.scale) > minimum && value.significand % 10 == 0 {
                    value.significand /= 10
                    value.scale -= 1
                }
            }
        }
        let scale = Int(value.scale)

        // Digits of the magnitude, most significant first, with at least one integer digit.
        var digits: [UInt8] = []
        var m = value.significand.magnitude
        repeat {
            digits.append(UInt8(ascii: "0") + UInt8(truncatingIfNeeded: m % 10))
            m /= 10
        } while m != 0
        while digits.count < scale + 1 { digits.append(UInt8(ascii: "0")) }
        digits.reverse()
        let integerCount = digits.count - scale

        let grouping = Array(style.groupingSeparator.utf8)
        let decimal = Array(style.decimalSeparator.utf8)
        let fractionCount = Swift.max(scale, minimum)
        var out: [UInt8] = []
        out.reserveCapacity(1 + integerCount + (integerCount / 3) * grouping.count + decimal.count + fractionCount)
        if value.significand < 0 { out.append(UInt8(ascii: "-")) }
        for index in 0..<integerCount {
            if index > 0 && (integerCount - index) % 3 == 0 { out.append(contentsOf: grouping) }
            out.append(digits[index])
        }
        if fractionCount > 0 {
            out.append(contentsOf: decimal)
            out.append(contentsOf: digits[integerCount...])
            for _ in scale..<fractionCount { out.append(UInt8(ascii: "0")) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The number of decimal digits of `n` (1 for 0).
    @usableFromInline
    static func decimalDigitCount(_ n: UInt64) -> Int {
        var count = 1
        var m = n
        while m >= 10 {
            m /= 10
            count += 1
        }
        return count
    }
}

/// How `ExactDecimal.formatted(_:)` displays a number: separators and fraction digits. Build one from
/// `.english` or `.russian` and adjust with `fractionDigits(min:max:)`.
///
/// Out-of-range settings are made sensible rather than rejected: negative digit counts count as 0,
/// a minimum above the maximum is lowered to it, and zero padding stops at 64 fractional digits.
public struct NumberStyle: Sendable, Hashable {
    /// Inserted between groups of three integer digits (from 1000 up); may be empty for no grouping.
    /// English `","`, Russian `" "` (a plain space, U+0020).
    public var groupingSeparator: String
    /// Written between the integer part and the fraction. English `"."`, Russian `","`.
    public var decimalSeparator: String
    /// Fraction digits always shown: shorter fractions are padded with zeros (`1.5` with 2 → `1.50`).
    public var minFractionDigits: Int
    /// Fraction digits at most; longer fractions are rounded half-even. nil keeps all digits.
    public var maxFractionDigits: Int?

    /// Zero padding stops here, whatever `minFractionDigits` asks.
    static let fractionDigitLimit = 64

    /// A style from its parts; by default no padding and all fraction digits kept.
    public init(groupingSeparator: String, decimalSeparator: String, minFractionDigits: Int = 0, maxFractionDigits: Int? = nil) {
        self.groupingSeparator = groupingSeparator
        self.decimalSeparator = decimalSeparator
        self.minFractionDigits = minFractionDigits
        self.maxFractionDigits = maxFractionDigits
    }

    /// English: `1,234,567.891`; no padding, all fraction digits kept.
    public static let english = NumberStyle(groupingSeparator: ",", decimalSeparator: ".")
    /// Russian: `1 234 567,891` (the group separator is a plain space); no padding, all digits kept.
    public static let russian = NumberStyle(groupingSeparator: " ", decimalSeparator: ",")

    /// The same separators with other fraction-digit bounds: `.russian.fractionDigits(min: 2, max: 2)`
    /// for money. `max` nil keeps all digits.
    public func fractionDigits(min: Int, max: Int?) -> NumberStyle {
        var copy = self
        copy.minFractionDigits = min
        copy.maxFractionDigits = max
        return copy
    }
}
