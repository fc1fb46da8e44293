import Testing

@testable import RuleDSL

/// Unit tests for `ExactDecimal`: every operation and its edges, as tables where possible.
/// Expected results are written as canonical text (`description` keeps the scale, so "0.300" checks
/// both the value and the scale).
@Suite struct ExactDecimalTests {
    static func dec(_ text: String) -> ExactDecimal {
        guard let value = ExactDecimal(text) else {
            Issue.record("test literal does not parse: \(text)")
            return .zero
        }
        return value
    }

    static func parseBytes(_ text: String) -> ExactDecimal? {
        Array(text.utf8).withUnsafeBufferPointer { ExactDecimal.parse(utf8: $0) }
    }

    static let max = ExactDecimal(Int64.max)
    static let min = ExactDecimal(Int64.min)

    // MARK: - Construction

    @Test func construction() {
        #expect(ExactDecimal.zero.description == "0")
        #expect(ExactDecimal.one.description == "1")
        #expect(ExactDecimal.maxScale == 18)
        #expect(ExactDecimal(42).description == "42")
        #expect(ExactDecimal(Int64(-7)).description == "-7")
        #expect(ExactDecimal(significand: 1_500_050, scale: 2).description == "15000.50")
        let d = ExactDecimal(significand: 150, scale: 2)
        #expect(d.significand == 150 && d.scale == 2)  // stored as given, not normalised
        #expect(MemoryLayout<ExactDecimal>.size == 9)
        #expect(_isPOD(ExactDecimal.self))
    }

    // MARK: - Addition and subtraction

    @Test(arguments: [
        ("0.1", "0.2", "0.3"),
        ("1.5", "0.25", "1.75"),
        ("-1.5", "0.25", "-1.25"),
        ("1", "-1", "0"),
        ("1.50", "1.5", "3.00"),
        ("-0.001", "-0.999", "-1.000"),
        ("15000.50", "0.5", "15001.00"),
        ("9223372036854775806", "1", "9223372036854775807"),
        ("-9223372036854775807", "-1", "-9223372036854775808"),
        // Aligned sum beyond 64 bits: exact after dropping a trailing zero (10.000000000000000000).
        ("9.000000000000000000", "1.000000000000000000", "10.00000000000000000"),
        // 9.223372036854775810 is beyond 64 bits at scale 18 but exact at 17.
        ("9.223372036854775807", "0.000000000000000003", "9.22337203685477581"),
        // Beyond 64 bits and not exact: rounded half-even to 17 digits (…811 → …81, …815 → …82).
        ("9.223372036854775807", "0.000000000000000004", "9.22337203685477581"),
        ("9.223372036854775807", "0.000000000000000008", "9.22337203685477582"),
        ("1", "0.000000000000000001", "1.000000000000000001"),
    ])
    func addition(_ a: String, _ b: String, _ expected: String) throws {
        let sum = try Self.dec(a).adding(Self.dec(b))
        #expect(sum.description == expected)
        #expect(try Self.dec(b).adding(Self.dec(a)) == sum)
    }

    @Test(arguments: [
        ("0.3", "0.1", "0.2"),
        ("1", "0.001", "0.999"),
        ("-5", "3.5", "-8.5"),
        ("2.50", "2.5", "0.00"),
        ("0", "9223372036854775807", "-9223372036854775807"),
        ("-1", "9223372036854775807", "-9223372036854775808"),
        ("0.000000000000000001", "-9.223372036854775807", "9.22337203685477581"),
    ])
    func subtraction(_ a: String, _ b: String, _ expected: String) throws {
        #expect(try Self.dec(a).subtracting(Self.dec(b)).description == expected)
    }

    @Test func additionOverflowThrows() {
        #expect(throws: DecimalError.overflow) { try Self.max.adding(.one) }
        #expect(throws: DecimalError.overflow) { try Self.min.adding(ExactDecimal(-1)) }
        #expect(throws: DecimalError.overflow) { try Self.max.adding(Self.dec("0.5")) }  // rounds past the limit
        #expect(throws: DecimalError.overflow) { try Self.min.subtracting(.one) }
        #expect(throws: DecimalError.overflow) { try Self.max.subtracting(Self.min) }
        #expect(throws: DecimalError.overflow) { try ExactDecimal.zero.subtracting(Self.min) }
        #expect(throws: DecimalError.overflow) { try Self.max.subtracting(ExactDecimal(-1)) }
        #expect((try? Self.max.adding(Self.min))?.description == "-1")
        #expect((try? Self.max.adding(Self.dec("0.4")))?.description == "9223372036854775807")
    }

    // MARK: - Multiplication

    @Test(arguments: [
        ("1.5", "0.20", "0.300"),
        ("-2", "3.5", "-7.0"),
        ("-2.5", "-2.5", "6.25"),
        ("0", "-12.345", "0.000"),
        ("15000.50", "12", "180006.00"),
        ("9223372036854775807", "1", "9223372036854775807"),
        ("-9223372036854775808", "1", "-9223372036854775808"),
        ("0.1", "0.1", "0.01"),
        // Scale 20, exact after stripping zeros to 18.
        ("0.5000000000", "0.2000000000", "0.100000000000000000"),
        // Scale 19, rounded half-even to 18: 1e-19 is below half an ulp.
        ("0.000000001", "0.0000000001", "0.000000000000000000"),
        ("0.000000005", "0.0000000001", "0.000000000000000000"),  // exactly half: to even (0)
        ("0.000000015", "0.0000000001", "0.000000000000000002"),  // exactly half: to even (2)
        // Significand beyond 64 bits: 1296296285.7962962845 → 9 fractional digits, tie to even.
        ("123456789.123456789", "10.5", "1296296285.796296284"),
        // 9223372036854473976.000576: the integer part just fits, the fraction is rounded away.
        ("3037000499.976", "3037000499.976", "9223372036854473976"),
    ])
    func multiplication(_ a: String, _ b: String, _ expected: String) throws {
        let product = try Self.dec(a).multiplying(Self.dec(b))
        #expect(product.description == expected)
        #expect(try Self.dec(b).multiplying(Self.dec(a)) == product)
    }

    @Test func multiplicationOverflowThrows() {
        #expect(throws: DecimalError.overflow) { try Self.max.multiplying(ExactDecimal(2)) }
        #expect(throws: DecimalError.overflow) { try Self.min.multiplying(ExactDecimal(-1)) }
        #expect(throws: DecimalError.overflow) { try Self.min.multiplying(Self.min) }
        #expect(throws: DecimalError.overflow) { try Self.max.multiplying(Self.max) }
        #expect(throws: DecimalError.overflow) { try ExactDecimal(4_294_967_296).multiplying(ExactDecimal(4_294_967_296)) }
        #expect(throws: DecimalError.overflow) { try Self.max.multiplying(Self.dec("1.5")) }
        #expect(throws: DecimalError.overflow) { try Self.max.multiplying(Self.dec("1.0000000000000001")) }
        // 3037000499.97605² = 9223372036854777676.05…: just past the limit.
        #expect(throws: DecimalError.overflow) { try Self.dec("3037000499.97605").multiplying(Self.dec("3037000499.97605")) }
        // Large values with fractions that still fit once the fraction is rounded.
        #expect((try? Self.max.multiplying(Self.dec("0.5")))?.description == "4611686018427387904")
        #expect((try? Self.min.multiplying(Self.dec("0.5")))?.description == "-4611686018427387904")
        #expect((try? Self.min.multiplying(Self.dec("1.0")))?.description == "-9223372036854775808")
    }

    // MARK: - Division

    @Test(arguments: [
        ("1", "3", "0.333333333333333333"),
        ("2", "3", "0.666666666666666667"),
        ("-1", "3", "-0.333333333333333333"),
        ("-2", "3", "-0.666666666666666667"),
        ("2", "-3", "-0.666666666666666667"),
        ("10", "3", "3.333333333333333333"),
        ("100", "3", "33.33333333333333333"),
        ("10", "4", "2.5"),
        ("1", "8", "0.125"),
        ("6.4", "2", "3.2"),
        ("1.00", "0.5", "2"),
        ("15", "100", "0.15"),
        ("15000.50", "2", "7500.25"),
        ("0", "5", "0"),
        ("0.000", "-5", "0"),
        ("7", "7.000", "1"),
        ("-9223372036854775808", "1", "-9223372036854775808"),
        ("-9223372036854775808", "2", "-4611686018427387904"),
        ("9223372036854775807", "9223372036854775807", "1"),
        ("1", "9223372036854775807", "0"),  // 1.08e-19 rounds to zero
        ("1", "0.000000000000000001", "1000000000000000000"),
        ("0.000000000000000001", "3", "0"),
        ("0.000000000000000002", "3", "0.000000000000000001"),
        // 4611686018427387903.5: no fractional digit fits, tie goes to even.
        ("9223372036854775807", "2", "4611686018427387904"),
        // 922337203685477580.77…: one digit would round up past Int64.max, so none is kept.
        ("8301034833169298227", "9", "922337203685477581"),
        // Negative: -922337203685477580.8 fits exactly as Int64.min at scale 1.
        ("-8301034833169298227", "9", "-922337203685477580.8"),
        ("1", "7", "0.142857142857142857"),
        ("22", "7", "3.142857142857142857"),
        ("1", "1.5", "0.666666666666666667"),
        ("9.000000000000000003", "0.000000000000000003", "3000000000000000001"),
    ])
    func division(_ a: String, _ b: String, _ expected: String) throws {
        #expect(try Self.dec(a).divided(by: Self.dec(b)).description == expected)
    }

    @Test func divisionErrors() {
        #expect(throws: DecimalError.divisionByZero) { try ExactDecimal.one.divided(by: .zero) }
        #expect(throws: DecimalError.divisionByZero) { try ExactDecimal.zero.divided(by: .zero) }
        #expect(throws: DecimalError.divisionByZero) { try Self.min.divided(by: Self.dec("0.00")) }
        #expect(throws: DecimalError.overflow) { try Self.min.divided(by: ExactDecimal(-1)) }
        #expect(throws: DecimalError.overflow) { try Self.max.divided(by: Self.dec("0.1")) }
        #expect(throws: DecimalError.overflow) { try Self.max.divided(by: Self.dec("0.5")) }
        #expect(throws: DecimalError.overflow) { try Self.min.divided(by: Self.dec("-0.000000000000000001")) }
        #expect(throws: DecimalError.overflow) { try ExactDecimal(10).divided(by: Self.dec("0.000000000000000001")) }
    }

    @Test func divisionRoundTripsThroughPercent() throws {
        // The checker's percent literals: "15%" is 15 / 100.
        #expect(try ExactDecimal(15).divided(by: ExactDecimal(100)).description == "0.15")
        #expect(try Self.dec("12.5").divided(by: ExactDecimal(100)).description == "0.125")
        #expect(try Self.dec("0.000000000000000001").divided(by: ExactDecimal(100)).description == "0")
    }

    // MARK: - Sign

    @Test func negationAndAbsoluteValue() throws {
        #expect(try Self.dec("1.50").negated().description == "-1.50")
        #expect(try Self.dec("-0.5").negated().description == "0.5")
        #expect(try ExactDecimal.zero.negated() == .zero)
        #expect(try Self.max.negated().description == "-9223372036854775807")
        #expect(throws: DecimalError.overflow) { try Self.min.negated() }
        #expect(throws: DecimalError.overflow) { try ExactDecimal(significand: .min, scale: 18).negated() }
        #expect(try Self.dec("-2.50").abs().description == "2.50")
        #expect(try Self.dec("2.50").abs().description == "2.50")
        #expect(throws: DecimalError.overflow) { try Self.min.abs() }
        #expect(Self.dec("-0.001").signum == -1)
        #expect(Self.dec("0.000").signum == 0)
        #expect(Self.dec("12").signum == 1)
        #expect(Self.min.signum == -1)
    }

    // MARK: - Rounding

    static let roundingTable: [(RoundingMode, [String])] = [
        // Inputs:     2.5   -2.5   2.4   -2.4   2.6   -2.6   0.5   -0.5
        (.halfUp, ["3", "-3", "2", "-2", "3", "-3", "1", "-1"]),
        (.halfEven, ["2", "-2", "2", "-2", "3", "-3", "0", "0"]),
        (.halfDown, ["2", "-2", "2", "-2", "3", "-3", "0", "0"]),
        (.up, ["3", "-3", "3", "-3", "3", "-3", "1", "-1"]),
        (.down, ["2", "-2", "2", "-2", "2", "-2", "0", "0"]),
        (.ceiling, ["3", "-2", "3", "-2", "3", "-2", "1", "0"]),
        (.floor, ["2", "-3", "2", "-3", "2", "-3", "0", "-1"]),
    ]
    static let roundingInputs = ["2.5", "-2.5", "2.4", "-2.4", "2.6", "-2.6", "0.5", "-0.5"]

    @Test(arguments: RoundingMode.allCases)
    func roundingToInteger(_ mode: RoundingMode) throws {
        let row = try #require(Self.roundingTable.first { $0.0 == mode }).1
        for (input, expected) in zip(Self.roundingInputs, row) {
            let result = try Self.dec(input).rounded(scale: 0, mode: mode)
            #expect(result.description == expected, "\(input) \(mode)")
            // The same digits one place further right give the same answer.
            let shifted = try Self.dec(input).multiplying(Self.dec("0.01")).rounded(scale: 2, mode: mode)
            #expect(try shifted == Self.dec(expected).multiplying(Self.dec("0.01")), "\(input) \(mode) at scale 2")
        }
    }

    @Test func roundingDetails() throws {
        #expect(try Self.dec("3.5").rounded(scale: 0, mode: .halfEven).description == "4")
        #expect(try Self.dec("2.345").rounded(scale: 2, mode: .halfEven).description == "2.34")
        #expect(try Self.dec("2.355").rounded(scale: 2, mode: .halfEven).description == "2.36")
        #expect(try Self.dec("1.005").rounded(scale: 2, mode: .halfUp).description == "1.01")
        #expect(try Self.dec("2.5001").rounded(scale: 0, mode: .halfDown).description == "3")
        #expect(try Self.dec("2.500").rounded(scale: 1, mode: .up).description == "2.5")  // exact: no step
        #expect(try Self.dec("-0.001").rounded(scale: 2, mode: .floor).description == "-0.01")
        #expect(try Self.dec("-0.001").rounded(scale: 2, mode: .ceiling).description == "0.00")
        #expect(try Self.dec("1.5").rounded(scale: 3, mode: .up).description == "1.5")  // no digits to drop
        #expect(try Self.dec("1.5").rounded(scale: 40, mode: .up).description == "1.5")  // clamped to 18
        #expect(try Self.dec("1.5").rounded(scale: -3, mode: .up).description == "2")  // clamped to 0
        #expect(try Self.dec("123").rounded(scale: 0, mode: .up).description == "123")
        let minimum = ExactDecimal(significand: .min, scale: 1)
        for mode in RoundingMode.allCases {
            #expect(try minimum.rounded(scale: 0, mode: mode).signum == -1)  // never traps
            #expect(try ExactDecimal(significand: .max, scale: 18).rounded(scale: 0, mode: mode).significand >= 9)
        }
        #expect(try minimum.rounded(scale: 0, mode: .floor).description == "-922337203685477581")
        #expect(try minimum.rounded(scale: 0, mode: .halfEven).description == "-922337203685477581")
        #expect(try minimum.rounded(scale: 0, mode: .down).description == "-922337203685477580")
    }

    // MARK: - Comparison and hashing

    @Test func equalityAcrossScales() {
        #expect(Self.dec("1.50") == Self.dec("1.5"))
        #expect(Self.dec("0.000") == .zero)
        #expect(Self.dec("-2.0") == ExactDecimal(-2))
        #expect(Self.dec("1.5") != Self.dec("1.51"))
        #expect(Self.dec("100") == Self.dec("100.000000000000000"))
        #expect(Set([Self.dec("1.5"), Self.dec("1.50"), Self.dec("1.500"), Self.dec("2")]).count == 2)
        #expect(Self.dec("1.50").hashValue == Self.dec("1.5").hashValue)
        #expect(ExactDecimal.zero.hashValue == Self.dec("0.0000").hashValue)
    }

    @Test func orderingIsExact() {
        #expect(Self.dec("1.5") < Self.dec("1.51"))
        #expect(Self.dec("-1") < Self.dec("-0.5"))
        #expect(!(Self.dec("1.50") < Self.dec("1.5")))
        #expect(Self.dec("0.1") > Self.dec("0.09999999999999999"))
        // Huge significands at different scales: no rounding, no overflow.
        let big = Self.max
        let bigScaled = ExactDecimal(significand: .max, scale: 1)
        #expect(bigScaled < big)
        #expect(ExactDecimal(significand: .min, scale: 0) < ExactDecimal(significand: .min, scale: 18))
        #expect(ExactDecimal(significand: 922_337_203_685_477_580, scale: 17) < ExactDecimal(significand: .max, scale: 18))
        #expect(ExactDecimal(significand: 922_337_203_685_477_581, scale: 17) > ExactDecimal(significand: .max, scale: 18))
        #expect(ExactDecimal(significand: 1, scale: 0) > ExactDecimal(significand: .max, scale: 19))
        #expect(ExactDecimal(significand: .max, scale: 18) < ExactDecimal(10))
        #expect(ExactDecimal(significand: .min, scale: 18) > ExactDecimal(-10))
        let sorted = ["3", "-1.5", "0.25", "-1.50001", "0", "0.250", "10"].map(Self.dec).sorted()
        #expect(sorted.map(\.description) == ["-1.50001", "-1.5", "0", "0.25", "0.250", "3", "10"])
        #expect(Self.dec("2.5") >= Self.dec("2.50") && Self.dec("2.5") <= Self.dec("2.50"))
    }

    // MARK: - Inspection

    @Test func normalisationAndIntegers() {
        #expect(Self.dec("1.500").normalized.description == "1.5")
        #expect(Self.dec("2.00").normalized.description == "2")
        #expect(Self.dec("0.000").normalized.description == "0")
        #expect(Self.dec("0.000").normalized.scale == 0)
        #expect(Self.dec("1500").normalized.description == "1500")  // integers keep their zeros
        #expect(ExactDecimal(significand: .min, scale: 3).normalized.description == "-9223372036854775.808")
        #expect(Self.dec("3.00").isInteger)
        #expect(Self.dec("0.00").isInteger)
        #expect(!Self.dec("2.5").isInteger)
        #expect(Self.dec("3.00").int64Value == 3)
        #expect(Self.dec("-12").int64Value == -12)
        #expect(Self.dec("2.5").int64Value == nil)
        #expect(ExactDecimal(significand: .min, scale: 0).int64Value == .min)
        #expect(ExactDecimal(significand: 9_000_000_000_000_000_000, scale: 18).int64Value == 9)
    }

    // MARK: - Parsing

    @Test(arguments: [
        ("0", "0"), ("-0", "0"), ("+1.5", "1.5"), ("15000.50", "15000.50"), ("-0.5", "-0.5"),
        (".5", "0.5"), ("5.", "5"), ("-.5", "-0.5"), ("+.25", "0.25"), ("007", "7"), ("0.000", "0.000"),
        ("1.5e3", "1500"), ("2E-2", "0.02"), ("1.50e1", "15.0"), ("1e0", "1"), ("1E+2", "100"), ("5.e1", "50"),
        ("1.5e-1", "0.15"), ("-12.5E-3", "-0.0125"), ("1e-18", "0.000000000000000001"),
        ("100e-20", "0.000000000000000001"), ("0e999999999999", "0"), ("0.0e-5", "0.000000"),
        ("1.0000000000000000000000", "1.000000000000000000"), ("10.0000000000000000000", "10.00000000000000000"),
        ("9223372036854775807", "9223372036854775807"), ("-9223372036854775808", "-9223372036854775808"),
        ("9223372036854775807.000", "9223372036854775807"), ("0.000000000000000001", "0.000000000000000001"),
        ("000000000000000000000001.5", "1.5"), ("123456789012345678", "123456789012345678"),
        ("1234567890123456789", "1234567890123456789"), ("12345678901234567890e-10", "1234567890.123456789"),
        ("0.0000000000000000000000", "0.000000000000000000"), ("9.223372036854775807", "9.223372036854775807"),
        ("-9.223372036854775808", "-9.223372036854775808"), ("1000000000000000000e-18", "1.000000000000000000"),
    ])
    func parsingAccepts(_ text: String, _ expected: String) {
        #expect(ExactDecimal(text)?.description == expected, "String: \(text)")
        #expect(Self.parseBytes(text)?.description == expected, "bytes: \(text)")
        #expect(ExactDecimal(("<" + text + ">").dropFirst().dropLast())?.description == expected, "Substring: \(text)")
    }

    @Test(arguments: [
        "", ".", "-", "+", "-.", "1e", "1e+", "1e-", "e5", ".e5", "1.2.3", "1,5", "abc", "1a", " 1", "1 ", "1 000",
        "--1", "+-1", "1e5.5", "1e1e1", "_1", "1_", "1__0", "1_.5", "1._5", "1e_5", "1e1_0", "0x10", "inf", "NaN",
        "0.0000000000000000001", "1.2345678901234567891", "9223372036854775808", "-9223372036854775809",
        "99999999999999999999", "1e19", "1e-19", "1e999999999", "9223372036854775807.5", "１", "١", "1\u{0}",
        "1.5%", "\u{2212}1",
    ])
    func parsingRejects(_ text: String) {
        #expect(ExactDecimal(text) == nil, "String: \(text)")
        #expect(Self.parseBytes(text) == nil, "bytes: \(text)")
    }

    @Test func separatorsOnlyInStringInit() {
        #expect(ExactDecimal("15_000")?.description == "15000")
        #expect(ExactDecimal("1_000.000_5")?.description == "1000.0005")
        #expect(ExactDecimal("-1_2_3.4_5e1_0") == nil)  // not in the exponent
        #expect(ExactDecimal("1_000e3")?.description == "1000000")
        #expect(Self.parseBytes("15_000") == nil)
        #expect(Self.parseBytes("15000")?.description == "15000")
    }

    @Test func parseEmptyBuffer() {
        #expect(ExactDecimal.parse(utf8: UnsafeBufferPointer(start: nil, count: 0)) == nil)
    }

    // MARK: - Formatting

    @Test func canonicalText() {
        #expect(ExactDecimal(significand: 1_500_050, scale: 2).description == "15000.50")
        #expect(ExactDecimal(significand: -5, scale: 1).description == "-0.5")
        #expect(ExactDecimal(significand: -5, scale: 2).description == "-0.05")
        #expect(ExactDecimal(significand: 3, scale: 0).description == "3")
        #expect(ExactDecimal(significand: 0, scale: 2).description == "0.00")
        #expect(ExactDecimal(significand: .min, scale: 0).description == "-9223372036854775808")
        #expect(ExactDecimal(significand: .min, scale: 18).description == "-9.223372036854775808")
        #expect(ExactDecimal(significand: .max, scale: 18).description == "9.223372036854775807")
        #expect(ExactDecimal(significand: 5, scale: 20).description == "0.00000000000000000005")
        #expect("\(Self.dec("1.50"))" == "1.50")
        #expect(Self.dec("1.50").plainString == "1.5")
        #expect(Self.dec("100.00").plainString == "100")
        #expect(Self.dec("0.000").plainString == "0")
        #expect(Self.dec("1500").plainString == "1500")
        #expect(Self.dec("-0.50").plainString == "-0.5")
    }

    @Test(arguments: [
        ("15000.5", NumberStyle.russian.fractionDigits(min: 2, max: 2), "15 000,50"),
        ("15000.5", NumberStyle.english.fractionDigits(min: 2, max: 2), "15,000.50"),
        ("-1234567.891", NumberStyle.english, "-1,234,567.891"),
        ("-1234567.891", NumberStyle.russian, "-1 234 567,891"),
        ("999", NumberStyle.english, "999"),
        ("999.99", NumberStyle.russian, "999,99"),
        ("1000", NumberStyle.russian, "1 000"),
        ("1000", NumberStyle.english, "1,000"),
        ("100000", NumberStyle.english, "100,000"),
        ("123456", NumberStyle.english, "123,456"),
        ("12345678", NumberStyle.russian, "12 345 678"),
        ("0", NumberStyle.english, "0"),
        ("0.000", NumberStyle.english, "0.000"),
        ("0.5", NumberStyle.russian, "0,5"),
        ("-0.5", NumberStyle.english, "-0.5"),
        ("15000.50", NumberStyle.english, "15,000.50"),  // the value's own digits are kept
        ("-0.004", NumberStyle.english.fractionDigits(min: 0, max: 2), "0"),  // no "-0"
        ("-0.004", NumberStyle.english.fractionDigits(min: 2, max: 2), "0.00"),  // no "-0.00"
        ("99.999", NumberStyle.english.fractionDigits(min: 0, max: 2), "100"),  // rounding's zeros dropped
        ("99.999", NumberStyle.english.fractionDigits(min: 1, max: 2), "100.0"),
        ("1.2001", NumberStyle.english.fractionDigits(min: 0, max: 2), "1.2"),
        ("1.50", NumberStyle.english.fractionDigits(min: 0, max: 2), "1.50"),  // not rounded: own digits kept
        ("1000.5", NumberStyle.russian.fractionDigits(min: 2, max: nil), "1 000,50"),
        ("1000.125", NumberStyle.russian.fractionDigits(min: 2, max: nil), "1 000,125"),
        ("1234.5", NumberStyle.english.fractionDigits(min: 0, max: 0), "1,234"),  // half-even
        ("1235.5", NumberStyle.english.fractionDigits(min: 0, max: 0), "1,236"),
        ("2.345", NumberStyle.english.fractionDigits(min: 0, max: 2), "2.34"),
        ("1999.999", NumberStyle.russian.fractionDigits(min: 2, max: 2), "2 000,00"),
        ("1234.5", NumberStyle.english.fractionDigits(min: 3, max: nil), "1,234.500"),
        ("1.5", NumberStyle.english.fractionDigits(min: 4, max: 2), "1.50"),  // min lowered to max
        ("1.5", NumberStyle.english.fractionDigits(min: -3, max: -1), "2"),  // negatives count as 0
        ("1234567", NumberStyle(groupingSeparator: "", decimalSeparator: "."), "1234567"),
        ("1234567.5", NumberStyle(groupingSeparator: "\u{00A0}", decimalSeparator: ","), "1\u{00A0}234\u{00A0}567,5"),
        ("-9223372036854775808", NumberStyle.english, "-9,223,372,036,854,775,808"),
        ("9.223372036854775807", NumberStyle.english.fractionDigits(min: 0, max: 3), "9.223"),
    ])
    func localeFormatting(_ value: String, _ style: NumberStyle, _ expected: String) {
        #expect(Self.dec(value).formatted(style) == expected)
    }

    @Test func formattingExtremes() {
        let padded = Self.dec("1").formatted(NumberStyle.english.fractionDigits(min: 1_000_000, max: nil))
        #expect(padded == "1." + String(repeating: "0", count: 64))
        let odd = ExactDecimal(significand: 123, scale: 25)
        #expect(odd.formatted(.english) == "0.0000000000000000000000123")
        #expect(odd.formatted(NumberStyle.english.fractionDigits(min: 0, max: 20)) == "0")
        #expect(odd.formatted(NumberStyle.english.fractionDigits(min: 3, max: 20)) == "0.000")
        #expect(NumberStyle.english.fractionDigits(min: 2, max: 2) != NumberStyle.russian.fractionDigits(min: 2, max: 2))
        #expect(NumberStyle.russian.groupingSeparator == " ")
        #expect(NumberStyle.russian.decimalSeparator == ",")
    }

    // MARK: - Out-of-range scales (only through the memberwise initialiser)

    @Test func outOfRangeScalesNeverTrap() throws {
        let tiny = ExactDecimal(significand: 5, scale: 40)
        let huge = ExactDecimal(significand: .max, scale: 255)
        let edge = ExactDecimal(significand: .min, scale: 19)
        #expect(tiny > .zero && tiny < ExactDecimal(significand: 1, scale: 18))
        #expect(tiny == ExactDecimal(significand: 50, scale: 41))
        #expect(tiny.hashValue == ExactDecimal(significand: 50, scale: 41).hashValue)
        #expect(edge < .zero && edge > ExactDecimal(-1))
        #expect(try tiny.adding(.one).description == "1.000000000000000000")
        #expect(try edge.adding(.zero).description == "-0.922337203685477581")
        #expect(try huge.multiplying(ExactDecimal(2)).description == "0.000000000000000000")
        #expect(throws: DecimalError.divisionByZero) { try ExactDecimal.one.divided(by: tiny) }
        #expect(try tiny.divided(by: .one) == .zero)
        #expect(try edge.rounded(scale: 18, mode: .floor).description == "-0.922337203685477581")
        #expect(try ExactDecimal(significand: 5_000_000_000_000_000_000, scale: 37).rounded(scale: 18, mode: .halfEven).description == "0.000000000000000000")
        #expect(try ExactDecimal(significand: 5_000_000_000_000_000_000, scale: 37).rounded(scale: 18, mode: .halfUp).description == "0.000000000000000001")
        #expect(!tiny.isInteger && tiny.int64Value == nil)
        #expect(ExactDecimal(significand: 0, scale: 99).int64Value == 0)
        #expect(huge.description.count == 2 + 255)
        #expect(try ExactDecimal(significand: 4, scale: 30).adding(ExactDecimal(significand: 6, scale: 30)).description == "0.000000000000000000000000000010")
    }
}
