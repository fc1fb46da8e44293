import Foundation
import Testing

@testable import RuleDSL

/// Property tests of evaluation, with a deterministic generator: three-valued logic against a
/// reference Kleene evaluator, integer arithmetic against Int64, and the three evaluators
/// (`evaluate`, `BatchEvaluator`, `BlockEvaluator`) against each other on random rule sets and
/// random records — missing values, errors and records that need the slow path included.
@Suite struct EvaluatorPropertyTests {
    static let asOf = Support.date("2025-06-01")

    // MARK: - Three-valued logic

    /// A boolean expression over the fields of `schema L` with a reference Kleene evaluation.
    indirect enum Logic {
        case compare(field: Int, op: String, constant: Int64)
        case isMissing(field: Int, negated: Bool)
        case flag(Int)
        case literal(Bool)
        case not(Logic)
        case and(Logic, Logic)
        case or(Logic, Logic)
        case inRange(field: Int, low: Int64, high: Int64, inclusive: Bool, negated: Bool)
        case inList(field: Int, values: [Int64], negated: Bool)
        case coalesce(field: Int, fallback: Int64, op: String, constant: Int64)
        case conditional(Logic, Logic, Logic)
        case quantified(all: Bool, op: String, constant: Int64)

        var source: String {
            switch self {
            case .compare(let f, let op, let k): return "r.a\(f) \(op) \(k)"
            case .isMissing(let f, let negated): return "r.a\(f) is \(negated ? "present" : "missing")"
            case .flag(let j): return "r.f\(j)"
            case .literal(let b): return b ? "true" : "false"
            case .not(let x): return "not (\(x.source))"
            case .and(let x, let y): return "(\(x.source)) and (\(y.source))"
            case .or(let x, let y): return "(\(x.source)) or (\(y.source))"
            case .inRange(let f, let lo, let hi, let inclusive, let negated):
                return "r.a\(f) \(negated ? "not in" : "in") \(lo)\(inclusive ? ".." : "..<")\(hi)"
            case .inList(let f, let values, let negated):
                return "r.a\(f) \(negated ? "not in" : "in") [\(values.map(String.init).joined(separator: ", "))]"
            case .coalesce(let f, let fallback, let op, let k): return "r.a\(f) ?? \(fallback) \(op) \(k)"
            case .conditional(let c, let x, let y): return "(if \(c.source) then \(x.source) else \(y.source))"
            case .quantified(let all, let op, let k): return "\(all ? "all" : "any")(x in r.xs where x \(op) \(k))"
            }
        }

        /// Kleene logic: nil is unknown.
        func evaluate(_ r: LogicRecord) -> Bool? {
            switch self {
            case .compare(let f, let op, let k): return r.a[f].map { Self.holds($0, op, k) }
            case .isMissing(let f, let negated): return (r.a[f] == nil) != negated
            case .flag(let j): return r.f[j]
            case .literal(let b): return b
            case .not(let x): return x.evaluate(r).map { !$0 }
            case .and(let x, let y):
                let a = x.evaluate(r)
                let b = y.evaluate(r)
                if a == false || b == false { return false }
                if a == true && b == true { return true }
                return nil
            case .or(let x, let y):
                let a = x.evaluate(r)
                let b = y.evaluate(r)
                if a == true || b == true { return true }
                if a == false && b == false { return false }
                return nil
            case .inRange(let f, let lo, let hi, let inclusive, let negated):
                guard let v = r.a[f] else { return nil }
                return (v >= lo && (inclusive ? v <= hi : v < hi)) != negated
            case .inList(let f, let values, let negated):
                guard let v = r.a[f] else { return nil }
                return values.contains(v) != negated
            case .coalesce(let f, let fallback, let op, let k): return Self.holds(r.a[f] ?? fallback, op, k)
            case .conditional(let c, let x, let y):
                switch c.evaluate(r) {
                case true?: return x.evaluate(r)
                case false?: return y.evaluate(r)
                case nil: return nil
                }
            case .quantified(let all, let op, let k):
                var result: Bool? = all
                for element in r.xs {
                    let t = element.map { Self.holds($0, op, k) }
                    if all {
                        if t == false { return false }
                        if t == nil { result = nil }
                    } else {
                        if t == true { return true }
                        if t == nil { result = nil }
                    }
                }
                return result
            }
        }

        static func holds(_ a: Int64, _ op: String, _ b: Int64) -> Bool {
            switch op {
            case "<": return a < b
            case "<=": return a <= b
            case ">": return a > b
            case ">=": return a >= b
            case "==": return a == b
            default: return a != b
            }
        }
    }

    struct LogicRecord {
        var a: [Int64?]
        var f: [Bool?]
        var xs: [Int64?]
    }

    static let operators = ["<", "<=", ">", ">=", "==", "!="]

    static func randomLogic(_ g: inout SeededGenerator, depth: Int) -> Logic {
        if depth == 0 || g.chance(30) {
            switch g.below(9) {
            case 0, 1: return .compare(field: g.below(4), op: g.pick(operators), constant: g.int(-2...5))
            case 2: return .isMissing(field: g.below(4), negated: g.chance(50))
            case 3: return .flag(g.below(2))
            case 4: return g.chance(20) ? .literal(g.chance(50)) : .flag(g.below(2))
            case 5:
                let lo = g.int(-2...3)
                return .inRange(field: g.below(4), low: lo, high: lo + g.int(0...4), inclusive: g.chance(50), negated: g.chance(30))
            case 6: return .inList(field: g.below(4), values: (0..<(1 + g.below(3))).map { _ in g.int(-1...4) }, negated: g.chance(30))
            case 7: return .coalesce(field: g.below(4), fallback: g.int(-1...4), op: g.pick(operators), constant: g.int(-1...4))
            default: return .quantified(all: g.chance(50), op: g.pick(operators), constant: g.int(-1...4))
            }
        }
        switch g.below(7) {
        case 0: return .not(randomLogic(&g, depth: depth - 1))
        case 1, 2: return .and(randomLogic(&g, depth: depth - 1), randomLogic(&g, depth: depth - 1))
        case 3, 4: return .or(randomLogic(&g, depth: depth - 1), randomLogic(&g, depth: depth - 1))
        case 5: return .conditional(randomLogic(&g, depth: depth - 1), randomLogic(&g, depth: depth - 1), randomLogic(&g, depth: depth - 1))
        default: return .not(.and(randomLogic(&g, depth: depth - 1), .not(randomLogic(&g, depth: depth - 1))))
        }
    }

    static func randomLogicRecord(_ g: inout SeededGenerator) -> LogicRecord {
        LogicRecord(
            a: (0..<4).map { _ in g.chance(25) ? nil : g.int(-3...6) },
            f: (0..<2).map { _ in g.chance(30) ? nil : g.chance(50) },
            xs: (0..<g.below(5)).map { _ in g.chance(20) ? nil : g.int(-2...5) })
    }

    static let logicSchema = """
        schema L {
            a0: int?
            a1: int?
            a2: int?
            a3: int?
            f0: bool?
            f1: bool?
            xs: list of int?
        }

        """

    @Test(arguments: [UInt64(1), 2, 3])
    func threeValuedLogicMatchesKleene(seed: UInt64) throws {
        var g = SeededGenerator(seed: seed)
        let expressions = (0..<60).map { _ in Self.randomLogic(&g, depth: 4) }
        var text = Self.logicSchema
        for (i, e) in expressions.enumerated() { text += "indicator i\(i) on r: L\n    when \(e.source)\n" }
        let ruleSet = try Support.ruleSet(text)
        let schema = try #require(ruleSet.schema(named: "L"))
        let indices = try expressions.indices.map { try #require(ruleSet.ruleIndex(named: "i\($0)")) }
        var batch = ruleSet.batchEvaluator(asOf: Self.asOf, schema: schema.index)
        var failures = 0
        for _ in 0..<120 {
            let r = Self.randomLogicRecord(&g)
            var slots: [Value] = r.a.map { $0.map(Value.int) ?? .missing } + r.f.map { $0.map(Value.bool) ?? .missing }
            slots.append(.list(r.xs.map { $0.map(Value.int) ?? .missing }))
            let record = RecordValue(schema: schema.index, slots: slots)
            let evaluation = ruleSet.evaluate(record, asOf: Self.asOf)
            batch.run(record)
            for (i, e) in expressions.enumerated() {
                let expected: Outcome
                switch e.evaluate(r) {
                case true?: expected = .fired
                case false?: expected = .notFired
                case nil: expected = .undetermined
                }
                let actual = evaluation.result(rule: indices[i]).outcome
                if actual != expected || batch.outcome(of: indices[i]) != expected {
                    failures += 1
                    if failures <= 5 {
                        Issue.record("\(e.source)\n  record \(r): expected \(expected), evaluate gave \(actual), batch \(batch.outcome(of: indices[i]))")
                    }
                }
            }
        }
        #expect(failures == 0)
    }

    // MARK: - Integer arithmetic

    static let arithmetic = """
        schema N {
            a: int
            b: int
            c: int
        }
        value add on n: N = n.a + n.b
        value sub on n: N = n.a - n.b
        value mul on n: N = n.a * n.b
        value mix on n: N = (n.a + n.b) * n.c - n.a
        value neg on n: N = -n.a - n.c
        value chained on n: N = n.a - n.b - n.c
        indicator bigger on n: N
            when n.a + n.b > n.c
        indicator product_small on n: N
            when n.a * n.c <= n.b
        """

    static func randomInt(_ g: inout SeededGenerator) -> Int64 {
        switch g.below(10) {
        case 0: return g.pick([0, 1, -1, .max, .min, .max - 1, .min + 1, 999_999_999_999_999_999, -999_999_999_999_999_999, 3_037_000_499])
        case 1, 2: return g.int(-4_000_000_000_000_000_000...4_000_000_000_000_000_000)
        case 3, 4: return g.int(-3_000_000_000...3_000_000_000)
        case 5: return g.int(-9_000_000_000_000...9_000_000_000_000)
        default: return g.int(-1000...1000)
        }
    }

    /// The Int64 result, or nil on overflow.
    static func reference(_ name: String, _ a: Int64, _ b: Int64, _ c: Int64) -> Int64?? {
        func add(_ x: Int64?, _ y: Int64?) -> Int64? {
            guard let x, let y else { return nil }
            let (r, o) = x.addingReportingOverflow(y)
            return o ? nil : r
        }
        func sub(_ x: Int64?, _ y: Int64?) -> Int64? {
            guard let x, let y else { return nil }
            let (r, o) = x.subtractingReportingOverflow(y)
            return o ? nil : r
        }
        func mul(_ x: Int64?, _ y: Int64?) -> Int64? {
            guard let x, let y else { return nil }
            let (r, o) = x.multipliedReportingOverflow(by: y)
            return o ? nil : r
        }
        switch name {
        case "add": return .some(add(a, b))
        case "sub": return .some(sub(a, b))
        case "mul": return .some(mul(a, b))
        case "mix": return .some(sub(mul(add(a, b), c), a))
        case "neg": return .some(sub(sub(0, a), c))
        case "chained": return .some(sub(sub(a, b), c))
        default: return nil
        }
    }

    @Test(arguments: [UInt64(11), 12])
    func integerArithmeticMatchesInt64(seed: UInt64) throws {
        var g = SeededGenerator(seed: seed)
        let ruleSet = try Support.ruleSet(Self.arithmetic)
        let schema = try #require(ruleSet.schema(named: "N"))
        let names = ["add", "sub", "mul", "mix", "neg", "chained"]
        var mismatches: [String] = []
        for _ in 0..<400 {
            let (a, b, c) = (Self.randomInt(&g), Self.randomInt(&g), Self.randomInt(&g))
            let record = RecordValue(schema: schema.index, slots: [.int(a), .int(b), .int(c)])
            let e = ruleSet.evaluate(record, asOf: Self.asOf)
            for name in names {
                guard let expected = Self.reference(name, a, b, c), let result = e.result(named: name) else { continue }
                if let expected {
                    if result.value != .int(expected) || result.outcome != .determined {
                        mismatches.append("\(name)(\(a), \(b), \(c)): expected \(expected), got \(result.value) \(result.outcome)")
                    }
                } else if result.outcome != .error || result.failure?.code != "E0702" {
                    mismatches.append("\(name)(\(a), \(b), \(c)): expected an overflow error, got \(result.value) \(result.outcome)")
                }
            }
            // Comparisons of sums: fired, not fired, or an error when the sum overflows.
            let sum = a.addingReportingOverflow(b)
            let bigger = e.result(named: "bigger")
            let expectedBigger: Outcome = sum.overflow ? .error : (sum.partialValue > c ? .fired : .notFired)
            if bigger?.outcome != expectedBigger { mismatches.append("bigger(\(a), \(b), \(c)): \(String(describing: bigger?.outcome))") }
            let product = a.multipliedReportingOverflow(by: c)
            let expectedSmall: Outcome = product.overflow ? .error : (product.partialValue <= b ? .fired : .notFired)
            let small = e.result(named: "product_small")
            if small?.outcome != expectedSmall { mismatches.append("product_small(\(a), \(b), \(c)): \(String(describing: small?.outcome))") }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, e.g.\n\(mismatches.prefix(8).joined(separator: "\n"))")
    }

    @Test func resultsWithNineteenDigitsThatFitInt64AreExact() throws {
        let ruleSet = try Support.ruleSet(Self.arithmetic)
        let schema = try #require(ruleSet.schema(named: "N"))
        let record = RecordValue(schema: schema.index, slots: [.int(5_000_000_000_000_000_000), .int(4_000_000_000_000_000_000), .int(1)])
        let e = ruleSet.evaluate(record, asOf: Self.asOf)
        #expect(e.result(named: "add")?.value == .int(9_000_000_000_000_000_000))
        #expect(e.result(named: "sub")?.value == .int(1_000_000_000_000_000_000))
        #expect(e.result(named: "mul")?.outcome == .error)
    }

    // MARK: - The three evaluators agree

    /// A random rule set in the block evaluator's core: numeric and logical indicators with
    /// weights, condition and number values, scores, and `hit first` tables with constant cells.
    struct RuleSetGenerator {
        var g: SeededGenerator
        var indicators: [String] = []
        var numbers: [String] = []  // numeric values and scores
        var conditions: [String] = []  // bool values
        var text = """
            schema R {
                a: int
                b: int?
                c: decimal?
                e: decimal
                flag: bool?
            }

            """

        init(seed: UInt64) { g = SeededGenerator(seed: seed) }

        mutating func number(_ depth: Int) -> String {
            if depth == 0 || g.chance(35) {
                switch g.below(8) {
                case 0: return "r.a"
                case 1: return "r.b"
                case 2: return "r.c"
                case 3: return "r.e"
                case 4: return numbers.isEmpty ? "r.a" : g.pick(numbers)
                case 5: return String(g.int(-3...9))
                case 6: return "\(g.int(0...9)).\(g.int(0...99))"
                default: return "k"
                }
            }
            switch g.below(9) {
            case 0, 1: return "(\(number(depth - 1)) + \(number(depth - 1)))"
            case 2: return "(\(number(depth - 1)) - \(number(depth - 1)))"
            case 3, 4: return "(\(number(depth - 1)) * \(number(depth - 1)))"
            case 5: return "(\(number(depth - 1)) / \(number(depth - 1)))"
            case 6: return "(\(number(depth - 1)) ?? \(number(depth - 1)))"
            case 7: return "-\(number(depth - 1))"
            default: return "(r.b ?? \(g.int(0...3)))"
            }
        }

        mutating func condition(_ depth: Int) -> String {
            if depth == 0 || g.chance(30) {
                switch g.below(8) {
                case 0, 1, 2: return "\(number(2)) \(g.pick(EvaluatorPropertyTests.operators)) \(number(1))"
                case 3: return "r.flag"
                case 4: return indicators.isEmpty ? "r.flag" : g.pick(indicators)
                case 5: return conditions.isEmpty ? "r.b is missing" : g.pick(conditions)
                case 6: return "\(g.pick(["r.b", "r.c", "r.a"])) is \(g.chance(50) ? "missing" : "present")"
                default:
                    let lo = g.int(-2...4)
                    return "\(number(1)) \(g.chance(70) ? "in" : "not in") \(lo)..\(g.chance(50) ? "" : "<")\(lo + g.int(1...6))"
                }
            }
            switch g.below(5) {
            case 0: return "not (\(condition(depth - 1)))"
            case 1, 2: return "(\(condition(depth - 1))) and (\(condition(depth - 1)))"
            default: return "(\(condition(depth - 1))) or (\(condition(depth - 1)))"
            }
        }

        mutating func cell() -> String {
            switch g.below(8) {
            case 0, 1: return "-"
            case 2: return "missing"
            case 3: return "present"
            case 4:
                let lo = g.int(-2...6)
                return "\(lo)..\(g.chance(50) ? "" : "<")\(lo + g.int(1...8))"
            case 5: return String(g.int(-1...5))
            default: return "\(g.pick(EvaluatorPropertyTests.operators)) \(g.int(-2...8))"
            }
        }

        mutating func make() -> String {
            text += "const k = \(g.int(1...5))\n"
            for step in 0..<18 {
                let name: String
                switch g.below(10) {
                case 0, 1, 2, 3:
                    name = "i\(step)"
                    text += "indicator \(name) on r: R\n"
                    if g.chance(15) { text += "    effective 2025-01-01 until 2025-06-30\n" }
                    text += "    when \(condition(3))\n"
                    switch g.below(4) {
                    case 0: break
                    case 1: text += "    weight \(g.int(1...5))\n"
                    case 2: text += "    weight \(g.int(0...3)).5\n"
                    default: text += "    weight \(g.chance(50) ? "r.a" : "r.b")\n"
                    }
                    indicators.append(name)
                case 4, 5:
                    name = "v\(step)"
                    text += "value \(name) on r: R = \(number(3))\n"
                    numbers.append(name)
                case 6:
                    name = "c\(step)"
                    text += "value \(name) on r: R = \(condition(2))\n"
                    conditions.append(name)
                case 7:
                    guard !indicators.isEmpty else { continue }
                    name = "s\(step)"
                    let members = Array(Set((0..<(1 + g.below(4))).map { _ in g.pick(indicators) })).sorted()
                    text += "score \(name) on r: R { \(members.joined(separator: ", ")) }\n"
                    numbers.append(name)
                default:
                    name = "t\(step)"
                    let columns = 1 + g.below(2)
                    let inputs = (0..<columns).map { _ in number(1) }
                    let stringOutputs = g.chance(40)
                    text += "table \(name) on r: R hit first {\n    | \(inputs.joined(separator: " | ")) | => out\(stringOutputs ? ": string" : ": int?") |\n"
                    for row in 0..<(1 + g.below(5)) {
                        let cells = (0..<columns).map { _ in cell() }
                        let output = stringOutputs ? "\"r\(row)\"" : (g.chance(15) ? "-" : String(g.int(-5...20)))
                        text += "    | \(cells.joined(separator: " | ")) | \(output) |\n"
                    }
                    if g.chance(50) { text += "    | \(Array(repeating: "-", count: columns).joined(separator: " | ")) | \(stringOutputs ? "\"default\"" : "0") |\n" }
                    text += "}\n"
                    if !stringOutputs { numbers.append(name) }
                }
            }
            if indicators.count > 1 { text += "score total on r: R { all }\n" }
            return text
        }
    }

    static func randomRecord(_ g: inout SeededGenerator, schema: Int) -> RecordValue {
        func decimal() -> Value { .decimal(ExactDecimal(significand: g.int(-2000...2000), scale: UInt8(g.below(3)))) }
        let a: Value = .int(g.chance(5) ? g.pick([0, Int64.max / 2, -4_000_000_000_000_000_000]) : g.int(-3...10))
        let b: Value = g.chance(30) ? .missing : .int(g.int(-2...8))
        let c: Value = g.chance(30) ? .missing : (g.chance(20) ? .decimal(.zero) : decimal())
        let e: Value = decimal()
        let flag: Value = g.chance(30) ? .missing : .bool(g.chance(50))
        return RecordValue(schema: schema, slots: [a, b, c, e, flag])
    }

    /// Compares the three evaluators on `records`; returns the mismatches found, the number of
    /// records that needed the slow path (an error or a resolution by cases), and whether the
    /// rules have a block evaluator.
    static func compareEvaluators(_ ruleSet: CompiledRuleSet, schema: Int, records: [RecordValue], asOf: CivilDate)
        -> (mismatches: [String], slowPath: Int, hasBlock: Bool)
    {
        let rules = ruleSet.rules(for: schema).filter { ruleSet.program.rules[$0].kind != .constant }
        var batch = ruleSet.batchEvaluator(asOf: asOf, schema: schema)
        var block = ruleSet.blockEvaluator(asOf: asOf, schema: schema)
        var mismatches: [String] = []
        var slow = 0
        var start = 0
        while start < records.count {
            let end = min(start + BlockEvaluator.blockSize, records.count)
            block?.run(records[start..<end])
            for index in start..<end {
                let reference = ruleSet.evaluate(records[index], asOf: asOf)
                let batched = batch.evaluate(records[index])
                var recordNeedsSlowPath = false
                for rule in rules {
                    let expected = reference.result(rule: rule)
                    let viaBatch = batched.result(rule: rule)
                    func note(_ what: String) {
                        mismatches.append("record \(index) \(records[index].slots), rule \(ruleSet.ruleName(rule)): \(what)")
                    }
                    if viaBatch.outcome != expected.outcome || viaBatch.value != expected.value {
                        note("evaluate \(expected.outcome) \(expected.value), batch \(viaBatch.outcome) \(viaBatch.value)")
                    }
                    if viaBatch.failure?.code != expected.failure?.code || viaBatch.determinedDespite != expected.determinedDespite {
                        note("failure/determined-despite differ: \(String(describing: expected.failure?.code)) \(expected.determinedDespite) vs \(String(describing: viaBatch.failure?.code)) \(viaBatch.determinedDespite)")
                    }
                    if let block {
                        let outcome = block.outcome(of: rule, at: index - start)
                        let value = block.result(of: rule, at: index - start)
                        if outcome != expected.outcome || value != expected.value {
                            note("evaluate \(expected.outcome) \(expected.value), block \(outcome) \(value)")
                        }
                    }
                    if expected.outcome == .error || !expected.determinedDespite.isEmpty { recordNeedsSlowPath = true }
                }
                if recordNeedsSlowPath { slow += 1 }
            }
            start = end
        }
        return (mismatches, slow, block != nil)
    }

    @Test(arguments: Array(UInt64(100)..<UInt64(110)))
    func batchAndBlockEvaluatorsAgreeWithEvaluate(seed: UInt64) throws {
        var generator = RuleSetGenerator(seed: seed)
        let text = generator.make()
        let ruleSet = try Support.ruleSet(text)
        let schema = try #require(ruleSet.schema(named: "R")).index
        var g = SeededGenerator(seed: seed &* 7919)
        let records = (0..<300).map { _ in Self.randomRecord(&g, schema: schema) }
        var slowTotal = 0
        for asOf in [Self.asOf, Support.date("2025-09-01")] {
            let (mismatches, slow, hasBlock) = Self.compareEvaluators(ruleSet, schema: schema, records: records, asOf: asOf)
            slowTotal += slow
            #expect(hasBlock, "the generated rules should all have a block form:\n\(text)")
            #expect(mismatches.isEmpty, "\(mismatches.count) mismatches as of \(asOf), e.g.\n\(mismatches.prefix(6).joined(separator: "\n"))\nrules:\n\(text)")
        }
        // Some records are resolved by cases or hit an error: the block evaluator's slow path.
        #expect(slowTotal > 0)
    }

    @Test func evaluatorsAgreeOnHandPickedEdgeCases() throws {
        let ruleSet = try Support.ruleSet("""
            schema R {
                a: int
                b: int?
                c: decimal?
                e: decimal
                flag: bool?
            }
            indicator big_a on r: R
                when r.a > 10
                weight 5
            indicator big_b on r: R
                when r.b > 10
                weight 5
            indicator ratio on r: R
                when r.a / (r.c ?? 1) > 2
                weight r.b
            indicator flagged on r: R
                when r.flag and r.a > 0
            score points on r: R { all }
            table level on r: R hit first {
                | points | => level: int |
                | >= 5   | 3            |
                | -      | 1            |
            }
            value doubled on r: R = points * 2
            value safe on r: R = r.a ?? r.b
            value cond on r: R = big_b or r.a > 100
            """)
        let schema = try #require(ruleSet.schema(named: "R")).index
        let zero = Value.decimal(.zero)
        var records: [RecordValue] = []
        for a: Int64 in [0, 5, 20, 200] {
            for b: Value in [.missing, .int(3), .int(30)] {
                for c: Value in [.missing, zero, Support.dec("0.5")] {
                    for flag: Value in [.missing, .bool(true), .bool(false)] {
                        records.append(RecordValue(schema: schema, slots: [.int(a), b, c, Support.dec("1"), flag]))
                    }
                }
            }
        }
        // Repeat so that the records span several blocks, the last one partial.
        let all = Array(repeating: records, count: 6).flatMap { $0 }
        #expect(all.count > 2 * BlockEvaluator.blockSize)
        let (mismatches, slow, hasBlock) = Self.compareEvaluators(ruleSet, schema: schema, records: all, asOf: Self.asOf)
        #expect(hasBlock)
        #expect(slow > 0)
        #expect(mismatches.isEmpty, "\(mismatches.count) mismatches, e.g.\n\(mismatches.prefix(6).joined(separator: "\n"))")
    }

    @Test func evaluatorsAgreeOnTheShippedRulesAndData() throws {
        let result = try compileRepository(["rules/rostrud"])
        let ruleSet = try #require(result.ruleSet)
        let schema = try #require(ruleSet.schema(named: "Employer"))
        var records: [RecordValue] = []
        let error = FactReader.read(path: repositoryRoot + "/examples/rostrud/employers.csv", schema: schema,
                                    decoder: FieldDecoder(ruleSet: ruleSet)) { record in
            if case .success(let r) = record, records.count < 600 { records.append(r) }
        }
        #expect(error == nil)
        #expect(records.count == 600)
        for asOf in ["2024-06-01", "2026-02-01"] {
            let (mismatches, _, _) = Self.compareEvaluators(ruleSet, schema: schema.index, records: records, asOf: Support.date(asOf))
            #expect(mismatches.isEmpty, "\(mismatches.count) mismatches as of \(asOf), e.g.\n\(mismatches.prefix(6).joined(separator: "\n"))")
        }
    }
}
