/// Parsing decimal text: rule literals (`ExactDecimal("15_000.50")`) and CSV fields
/// (`ExactDecimal.parse(utf8:)`, no allocation, no Foundation).
///
/// Grammar (ASCII only, nothing trimmed, no whitespace anywhere):
///
///     [+|-] mantissa [(e|E) [+|-] digits]
///     mantissa = digits [. [digits]]  |  . digits
///
/// Leniency: `.5` (= 0.5) and `5.` (= 5) are accepted; `.`, `1e`, `e5`, `1e+`, `--1` are not.
/// The exponent is applied exactly (`1.5e3` = 1500, `2E-2` = 0.02).
///
/// The written scale is kept when it fits (`"1.50"` has scale 2, `"0.00"` is zero with scale 2), so
/// `parse(x.description)` reproduces `x` bit for bit. Beyond 18 fractional digits only zeros may be
/// dropped (`"1.0000000000000000000000"` = 1 with scale 18); a value that would need a rounding —
/// more than 18 significant fractional digits, or an integer part beyond `Int64` — gives nil.
extension ExactDecimal {
    /// Parses decimal text (see the grammar above), also accepting `_` as a digit separator between
    /// two digits of the mantissa (`"15_000.000_5"`), as rule literals are written. Returns nil for
    /// malformed text or a value that cannot be represented exactly.
    @inlinable
    public init?(_ text: some StringProtocol) {
        let contiguous = text.utf8.withContiguousStorageIfAvailable { bytes in
            ExactDecimal.parse(bytes, allowSeparators: true)
        }
        let result: ExactDecimal?
        if let contiguous {
            result = contiguous
        } else {
            result = Array(text.utf8).withUnsafeBufferPointer { ExactDecimal.parse($0, allowSeparators: true) }
        }
        guard let result else { return nil }
        self = result
    }

    /// Parses decimal UTF-8 bytes (see the grammar above; no `_` separators). Built for bulk input:
    /// no allocation, and plain fields of up to 18 digits take a single tight loop. Returns nil for
    /// malformed text or a value that cannot be represented exactly.
    @inlinable
    public static func parse(utf8: UnsafeBufferPointer<UInt8>) -> ExactDecimal? {
        parse(utf8, allowSeparators: false)
    }

    /// The fast path: sign, at most 18 digits, at most one `.`. Anything else goes to `parseGeneral`.
    @inlinable @inline(__always)
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>, allowSeparators: Bool) -> ExactDecimal? {
        let count = bytes.count
        guard count > 0 else { return nil }
        var i = 0
        var negative = false
        if bytes[0] == UInt8(ascii: "-") {
            negative = true
            i = 1
        } else if bytes[0] == UInt8(ascii: "+") {
            i = 1
        }
        var accumulator: Int64 = 0
        var digits = 0
        var dot = -1
        while i < count {
            let byte = bytes[i]
            let digit = byte &- UInt8(ascii: "0")
            if digit < 10 {
                accumulator = accumulator &* 10 &+ Int64(digit)  // wraps harmlessly past 18 digits
                digits &+= 1
            } else if byte == UInt8(ascii: "."), dot < 0 {
                dot = i
            } else {
                return parseGeneral(bytes, allowSeparators: allowSeparators)
            }
            i += 1
        }
        if digits == 0 { return nil }
        if digits > 18 { return parseGeneral(bytes, allowSeparators: allowSeparators) }
        let fractionDigits = dot < 0 ? 0 : count - 1 - dot
        return ExactDecimal(significand: negative ? -accumulator : accumulator, scale: UInt8(fractionDigits))
    }

    /// The full grammar: exponents, separators, long digit runs, and exact reduction of the scale.
    @usableFromInline
    static func parseGeneral(_ bytes: UnsafeBufferPointer<UInt8>, allowSeparators: Bool) -> ExactDecimal? {
        let count = bytes.count
        var i = 0
        var negative = false
        if i < count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
            negative = bytes[i] == UInt8(ascii: "-")
            i += 1
        }
        // The mantissa's significant digits up to the last non-zero one; zeros after it are counted in
        // `pendingZeros` and multiplied in only when another non-zero digit follows.
        var magnitude: UInt64 = 0
        var pendingZeros = 0
        var digitCount = 0
        var fractionDigits = 0
        var sawDot = false
        var previousWasDigit = false
        mantissa: while i < count {
            let byte = bytes[i]
            let digit = byte &- UInt8(ascii: "0")
            if digit < 10 {
                digitCount += 1
                if sawDot { fractionDigits += 1 }
                if digit == 0 {
                    if magnitude != 0 { pendingZeros += 1 }
                } else {
                    guard pendingZeros <= 18 else { return nil }  // 10^20 × magnitude: too many digits
                    let (shifted, o1) = magnitude.multipliedReportingOverflow(by: pow10Unsigned(pendingZeros + 1))
                    let (sum, o2) = shifted.addingReportingOverflow(UInt64(digit))
                    if o1 || o2 { return nil }
                    magnitude = sum
                    pendingZeros = 0
                }
                previousWasDigit = true
            } else if byte == UInt8(ascii: "_"), allowSeparators {
                guard previousWasDigit, i + 1 < count, bytes[i + 1] &- UInt8(ascii: "0") < 10 else { return nil }
                previousWasDigit = false
            } else if byte == UInt8(ascii: "."), !sawDot {
                sawDot = true
                previousWasDigit = false
            } else if byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") {
                break mantissa
            } else {
                return nil
            }
            i += 1
        }
        guard digitCount > 0 else { return nil }

        var exponent = 0
        if i < count {  // at the exponent marker
            i += 1
            var exponentNegative = false
            if i < count, bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+") {
                exponentNegative = bytes[i] == UInt8(ascii: "-")
                i += 1
            }
            guard i < count else { return nil }
            while i < count {
                let digit = bytes[i] &- UInt8(ascii: "0")
                guard digit < 10 else { return nil }
                if exponent < 100_000 { exponent = exponent * 10 + Int(digit) }  // saturates: beyond any range
                i += 1
            }
            if exponentNegative { exponent = -exponent }
        }

        let writtenScale = fractionDigits - exponent
        if magnitude == 0 {
            return ExactDecimal(significand: 0, scale: UInt8(Swift.min(Swift.max(writtenScale, 0), Int(maxScale))))
        }
        // value = magnitude × 10^-minimalScale exactly; the result's scale lies in
        // max(minimalScale, 0)...min(writtenScale, 18), as close to the written scale as fits.
        let minimalScale = writtenScale - pendingZeros
        guard minimalScale <= Int(maxScale) else { return nil }
        let lowest = Swift.max(minimalScale, 0)
        var target = Swift.max(Swift.min(writtenScale, Int(maxScale)), lowest)
        let limit: UInt64 = negative ? UInt64(1) << 63 : UInt64(Int64.max)
        while target >= lowest {
            let shift = target - minimalScale
            if shift <= 19 {
                let (scaled, overflow) = magnitude.multipliedReportingOverflow(by: pow10Unsigned(shift))
                if !overflow && scaled <= limit {
                    let significand = Int64(truncatingIfNeeded: negative ? 0 &- scaled : scaled)
                    return ExactDecimal(significand: significand, scale: UInt8(target))
                }
            }
            target -= 1
        }
        return nil
    }

    /// 10^n as UInt64 for n in 0...19.
    @usableFromInline
    static func pow10Unsigned(_ n: Int) -> UInt64 {
        n <= 18 ? UInt64(pow10(n)) : 10_000_000_000_000_000_000
    }
}
