import Foundation
import Testing

@testable import RuleDSL

/// Evaluation semantics: versions as of a date, missing data, resolution by cases, hit policies,
/// lookups, list and date functions, rounding, errors that stay local, and the cost limit.
@Suite struct EvaluatorTests {
    /// Evaluates `fields` as a record of `schema` as of `asOf`.
    private func run(_ ruleSet: CompiledRuleSet, _ fields: [String: Value], schema: String = "F", asOf: String = "2025-06-01")
        throws -> Evaluation
    {
        ruleSet.evaluate(try Support.record(ruleSet, schema, fields), asOf: Support.date(asOf))
    }

    private func outcome(_ e: Evaluation, _ name: String) -> Outcome? { e.result(named: name)?.outcome }
    private func value(_ e: Evaluation, _ name: String) -> Value? { e.result(named: name)?.value }

    // MARK: - Versions by date

    static let versioned = """
        schema F {
            n: int
        }
        const limit = 10
            effective 2025-01-01 until 2025-06-30
        const limit = 20
            effective 2025-07-01 until 2025-12-31
        indicator over on f: F
            effective 2025-03-01 until 2025-09-30
            when f.n > limit
        indicator later on f: F
            effective 2026-01-10
            when f.n > 0
        value limit_seen on f: F = limit
        lookup rate : int -> decimal
            effective 2025-01-01 until 2025-06-30
        {
            1 => 0.5
        }
        lookup rate : int -> decimal
            effective 2025-07-01
        {
            1 => 0.75
        }
        value rate_seen on f: F = rate(1)
        """

    @Test(arguments: [
        // (as of, limit, over, later, rate)
        ("2024-12-31", nil, Outcome.notInForce, Outcome.notInForce, nil),
        ("2025-01-01", "10", .notInForce, .notInForce, "0.5"),
        ("2025-02-28", "10", .notInForce, .notInForce, "0.5"),
        ("2025-03-01", "10", .fired, .notInForce, "0.5"),
        ("2025-06-30", "10", .fired, .notInForce, "0.5"),
        ("2025-07-01", "20", .notFired, .notInForce, "0.75"),
        ("2025-09-30", "20", .notFired, .notInForce, "0.75"),
        ("2025-10-01", "20", .notInForce, .notInForce, "0.75"),
        ("2025-12-31", "20", .notInForce, .notInForce, "0.75"),
        ("2026-01-01", nil, .notInForce, .notInForce, "0.75"),
        ("2026-01-09", nil, .notInForce, .notInForce, "0.75"),
        ("2026-01-10", nil, .notInForce, .fired, "0.75"),
        ("2099-01-01", nil, .notInForce, .fired, "0.75"),
    ] as [(String, String?, Outcome, Outcome, String?)])
    func versionsInForceOnEachSideOfTheirBoundaries(
        _ asOf: String, _ limit: String?, _ over: Outcome, _ later: Outcome, _ rate: String?
    ) throws {
        let ruleSet = try Support.ruleSet(Self.versioned)
        let e = try run(ruleSet, ["n": .int(15)], asOf: asOf)
        #expect(value(e, "limit_seen") == (limit.map { Value.int(Int64($0)!) } ?? .missing))
        #expect(outcome(e, "limit_seen") == (limit == nil ? .undetermined : .determined))
        #expect(outcome(e, "over") == over)
        #expect(outcome(e, "later") == later)
        #expect(value(e, "rate_seen") == (rate.map(Support.dec) ?? .missing))
        // The result names the version in force.
        if over != .notInForce {
            #expect(e.result(named: "over")?.effectiveFrom == Support.date("2025-03-01"))
            #expect(e.result(named: "over")?.effectiveUntil == Support.date("2025-09-30"))
        } else {
            #expect(e.result(named: "over")?.effectiveFrom == nil)
        }
    }

    static let openEnded = """
        schema F {
            n: int
        }
        value v on f: F = 1
            effective 2025-01-01
        value v on f: F = 2
            effective 2025-07-01
        lookup l : int -> int
            effective 2025-01-01
        {
            1 => 10
        }
        lookup l : int -> int
            effective 2025-07-01
        {
            1 => 20
        }
        value via_lookup on f: F = l(1)
        """

    @Test func anOpenEndedVersionEndsWhereTheNextBegins() throws {
        // Each version names its start and they do not overlap: the first ends where the second begins.
        #expect(Support.compile(Self.openEnded).diagnostics.isEmpty)
        let ruleSet = try Support.ruleSet(Self.openEnded)
        #expect(value(try run(ruleSet, ["n": .int(0)], asOf: "2025-06-30"), "v") == .int(1))
        #expect(value(try run(ruleSet, ["n": .int(0)], asOf: "2025-06-30"), "via_lookup") == .int(10))
        #expect(outcome(try run(ruleSet, ["n": .int(0)], asOf: "2024-12-31"), "v") == .notInForce)
        let july = try run(ruleSet, ["n": .int(0)], asOf: "2025-07-01")
        let later = try run(ruleSet, ["n": .int(0)], asOf: "2030-01-01")
        #expect(value(july, "v") == .int(2))
        #expect(value(later, "v") == .int(2))
        #expect(value(july, "via_lookup") == .int(20))
    }

    @Test func testsRunAsOfTheirDate() throws {
        let ruleSet = try Support.ruleSet(Self.versioned + """

            test "before" as of 2025-06-30 {
                given F { n: 15 }
                expect fired over
                expect limit_seen == 10
            }
            test "after" as of 2025-07-01 {
                given F { n: 15 }
                expect not fired over
                expect limit_seen == 20
                expect not in force later
            }
            test "wrong on purpose" as of 2025-07-01 {
                given F { n: 15 }
                expect fired over
            }
            """)
        let results = TestRunner.run(ruleSet, today: Support.date("2025-01-01"))
        #expect(results.map(\.passed) == [true, true, false])
        #expect(results[2].failures.map(\.message) == ["expected fired, got not fired"])
        #expect(results[2].failures.first?.expectation == "expect fired over")
    }

    // MARK: - Missing data

    static let missingData = """
        schema F {
            a: int
            b: int?
            c: int?
            flag: bool?
            items: list of int
        }
        indicator needs_b on f: F
            when f.b > 10
        indicator b_or_a on f: F
            when f.b > 10 or f.a > 5
        indicator b_and_a on f: F
            when f.b > 10 and f.a > 5
        indicator both on f: F
            when f.b + f.c > 10
        indicator coalesced on f: F
            when f.b ?? 0 > 10
        indicator presence on f: F
            when f.b is missing
        indicator flag_set on f: F
            when f.flag
        value sum_bc on f: F = f.b + f.c
        value choice on f: F = if f.b > 0 then 1 else 2
        """

    @Test func missingFieldsMakeResultsUndeterminedAndAreNamed() throws {
        let ruleSet = try Support.ruleSet(Self.missingData)
        let e = try run(ruleSet, ["a": .int(1)])
        #expect(outcome(e, "needs_b") == .undetermined)
        #expect(outcome(e, "b_or_a") == .undetermined)
        #expect(outcome(e, "b_and_a") == .notFired)  // false and unknown is false
        #expect(outcome(e, "both") == .undetermined)
        #expect(outcome(e, "coalesced") == .notFired)
        #expect(outcome(e, "presence") == .fired)
        #expect(outcome(e, "flag_set") == .undetermined)
        #expect(outcome(e, "sum_bc") == .undetermined)
        #expect(value(e, "sum_bc") == .missing)
        #expect(outcome(e, "choice") == .undetermined)
        let both = try #require(e.result(named: "both"))
        #expect(e.missingFields(both).first == "b")
        withKnownIssue("arithmetic stops at the first missing operand even when tracing, so ‘c’ is never named") {
            #expect(e.missingFields(both) == ["b", "c"])
        }
        #expect(e.missingFields(try #require(e.result(named: "needs_b"))) == ["b"])
        #expect(e.missingFields(try #require(e.result(named: "flag_set"))) == ["flag"])
        // Determined results list nothing.
        #expect(e.missingFields(try #require(e.result(named: "b_and_a"))).isEmpty)
        // true or unknown is true.
        let f = try run(ruleSet, ["a": .int(6)])
        #expect(outcome(f, "b_or_a") == .fired)
        #expect(outcome(f, "b_and_a") == .undetermined)
        // Once the data is there, everything is determined.
        let g = try run(ruleSet, ["a": .int(6), "b": .int(20), "c": .int(1), "flag": .bool(false)])
        #expect(outcome(g, "both") == .fired)
        #expect(outcome(g, "flag_set") == .notFired)
        #expect(value(g, "sum_bc") == .int(21))
        #expect(value(g, "choice") == .int(1))
    }

    @Test func determinedDespiteAnUndeterminedIndicator() throws {
        // The example of docs/language.md: the level is high whatever big_b does when a > 10.
        let ruleSet = try Support.ruleSet("""
            schema Firm {
                a: int
                b: int?
            }
            indicator big_a on f: Firm
                when f.a > 10
                weight 5
            indicator big_b on f: Firm
                when f.b > 10
                weight 5
            score points on f: Firm { all }
            table level on f: Firm hit first {
                | points | => level: string |
                | >= 5   | "высокий"        |
                | -      | "низкий"         |
            }
            value doubled on f: Firm = points * 2
            """)
        let e = try run(ruleSet, ["a": .int(20)], schema: "Firm")
        #expect(outcome(e, "big_b") == .undetermined)
        #expect(outcome(e, "points") == .undetermined)
        let level = try #require(e.result(named: "level"))
        #expect(level.outcome == .determined)
        #expect(level.value == .string("высокий"))
        #expect(level.determinedDespite == ["big_b"])
        #expect(e.missingFields(level) == ["b"])
        // A value that does depend on the unknown stays undetermined.
        #expect(outcome(e, "doubled") == .undetermined)
        // With a small a the level depends on b.
        let small = try run(ruleSet, ["a": .int(5)], schema: "Firm")
        #expect(outcome(small, "level") == .undetermined)
        #expect(small.result(named: "level")?.determinedDespite == [])
    }

    @Test func resolutionByCasesIsLimitedToTenUnknownIndicators() throws {
        func program(_ count: Int) -> String {
            var text = "schema F {\n    a: int\n"
            for i in 0..<count { text += "    f\(i): int?\n" }
            text += "}\nindicator sure on f: F\n    when f.a > 0\n    weight 100\n"
            for i in 0..<count { text += "indicator i\(i) on f: F\n    when f.f\(i) > 0\n" }
            text += "score s on f: F { all }\ntable t on f: F hit first {\n    | s | => r: string |\n    | >= 100 | \"high\" |\n    | - | \"low\" |\n}\n"
            return text
        }
        let ten = try Support.ruleSet(program(10))
        #expect(outcome(try run(ten, ["a": .int(1)]), "t") == .determined)
        let eleven = try Support.ruleSet(program(11))
        #expect(outcome(try run(eleven, ["a": .int(1)]), "t") == .undetermined)
    }

    // MARK: - Hit policies

    static let policies = """
        enum Level { high, mid, low }
        schema F {
            n: int
            o: int?
        }
        table t_unique on f: F {
            | f.n  | => r: string |
            | < 0  | "neg"        |
            | 0..5 | "small"      |
            | > 5  | "big"        |
        }
        table t_unique_gap on f: F hit unique {
            | f.n  | => r: string |
            | < 0  | "neg"        |
        }
        table t_first on f: F hit first {
            | f.n | => r: string |
            | > 5 | "over 5"     |
            | > 0 | "over 0"     |
            | -   | "other"      |
        }
        table t_first_missing on f: F hit first {
            | f.o     | => r: string |
            | missing | "no data"    |
            | > 5     | "over 5"     |
            | -       | "other"      |
        }
        table t_first_undecided on f: F hit first {
            | f.o | => r: string |
            | > 5 | "over 5"     |
            | -   | "other"      |
        }
        table t_priority on f: F hit priority {
            | f.n | => r: Level |
            | > 0 | low          |
            | > 5 | high         |
            | > 2 | mid          |
        }
        table t_priority_numbers on f: F hit priority {
            | f.n | => r: int |
            | > 0 | 7          |
            | > 5 | 3          |
        }
        table t_any on f: F hit any {
            | f.n | => r: string |
            | > 0 | "pos"        |
            | > 5 | "pos"        |
            | < 0 | "neg"        |
        }
        table t_collect on f: F hit collect {
            | f.n | => r: string |
            | > 0 | "a"          |
            | > 5 | "b"          |
            | > 9 | "c"          |
        }
        table t_sum on f: F hit collect sum {
            | f.n | => r: int |
            | > 0 | 1        |
            | > 5 | 10       |
            | > 9 | 100      |
        }
        table t_count on f: F hit collect count {
            | f.n | => r: int |
            | > 0 | 1        |
            | > 5 | 1        |
        }
        table t_min on f: F hit collect min {
            | f.n | => r: int |
            | > 0 | 7        |
            | > 5 | 3        |
        }
        table t_max on f: F hit collect max {
            | f.n | => r: int |
            | > 0 | 7        |
            | > 5 | 30       |
        }
        table t_multi on f: F hit first {
            | f.n | => name: string | visits: int? |
            | > 5 | "big"           | 2            |
            | -   | "small"         | -            |
        }
        table t_unique_missing on f: F {
            | f.o   | => r: string |
            | < 0   | "neg"        |
            | >= 0  | "pos"        |
        }
        """

    @Test(arguments: [
        (Int64(-3), "neg", "other", "low", "7", "neg", "[]", "0", "0"),
        (3, "small", "over 0", "mid", "7", "pos", "[\"a\"]", "1", "1"),
        (7, "big", "over 5", "high", "7", "pos", "[\"a\", \"b\"]", "11", "2"),
        (10, "big", "over 5", "high", "7", "pos", "[\"a\", \"b\", \"c\"]", "111", "2"),
    ])
    func hitPolicies(_ n: Int64, _ unique: String, _ first: String, _ priority: String, _ priorityNumber: String, _ any: String,
                     _ collect: String, _ sum: String, _ count: String) throws {
        let ruleSet = try Support.ruleSet(Self.policies)
        let e = try run(ruleSet, ["n": .int(n)])
        #expect(value(e, "t_unique") == .string(unique))
        #expect(value(e, "t_first") == .string(first))
        #expect(e.result(named: "t_priority").map { ValueFormatter(language: .en, enums: ruleSet.enums, schemas: ruleSet.schemas).format($0.value, as: $0.type) }
            == (n > 0 ? priority : "missing"))
        #expect(value(e, "t_priority_numbers") == (n > 0 ? .int(Int64(priorityNumber)!) : .missing))
        #expect(value(e, "t_any") == .string(any))
        #expect(value(e, "t_collect")?.description == collect)
        #expect(value(e, "t_sum") == .int(Int64(sum)!))
        #expect(value(e, "t_count") == .int(Int64(count)!))
        #expect(value(e, "t_min") == (n > 5 ? .int(3) : n > 0 ? .int(7) : .missing))
        #expect(value(e, "t_max") == (n > 5 ? .int(30) : n > 0 ? .int(7) : .missing))
    }

    @Test func anyTableWithDisagreeingRowsIsAnError() throws {
        // Rows that may disagree are rejected statically (E0403) unless a cell reads the record.
        let only = try Support.ruleSet("""
            schema F {
                n: int
            }
            table t_any on f: F hit any {
                | f.n | => r: string |
                | > 0 | "pos"        |
                | > f.n - 1 | "three" |
            }
            """)
        let e = try run(only, ["n": .int(3)])
        #expect(outcome(e, "t_any") == .error)
        #expect(e.result(named: "t_any")?.failure?.code == "E0708")
        #expect(e.result(named: "t_any")?.failure?.message(in: .en) == "rows of ‘t_any’ that matched give different outputs (lines 6, 7), but the table is ‘hit any’")
    }

    @Test func uniqueTableWithSeveralMatchesIsAnErrorNamingTheLines() throws {
        let ruleSet = try Support.ruleSet("""
            schema F {
                n: int
                m: int
            }
            table t on f: F {
                | f.n | => r: int |
                | > f.m | 1 |
                | > 0 | 2 |
                | <= 0 | 3 |
            }
            value other on f: F = f.n * 2
            """)
        let e = try run(ruleSet, ["n": .int(5), "m": .int(1)])
        let t = try #require(e.result(named: "t"))
        #expect(t.outcome == .error)
        #expect(t.failure?.code == "E0707")
        #expect(t.failure?.message(in: .en) == "several rows of ‘t’ matched (lines 7, 8), but the table is ‘hit unique’")
        #expect(t.failure?.message(in: .ru) == "сработало несколько строк «t» (строки 7, 8), а у таблицы «hit unique»")
        // The record's other rules are still evaluated.
        #expect(value(e, "other") == .int(10))
        #expect(outcome(try run(ruleSet, ["n": .int(5), "m": .int(9)]), "t") == .determined)
    }

    @Test func tablesWithMissingInputs() throws {
        let ruleSet = try Support.ruleSet(Self.policies)
        let none = try run(ruleSet, ["n": .int(1)])
        #expect(value(none, "t_first_missing") == .string("no data"))
        #expect(outcome(none, "t_first_undecided") == .undetermined)
        #expect(outcome(none, "t_unique_missing") == .undetermined)
        let present = try run(ruleSet, ["n": .int(1), "o": .int(9)])
        #expect(value(present, "t_first_missing") == .string("over 5"))
        #expect(value(present, "t_first_undecided") == .string("over 5"))
        #expect(value(present, "t_unique_missing") == .string("pos"))
        // No row of a unique table matches: undetermined, not an error.
        #expect(outcome(present, "t_unique_gap") == .undetermined)
        #expect(value(present, "t_unique_gap") == .missing)
        // Several outputs make a record; `-` is no value.
        let small = try #require(present.result(named: "t_multi"))
        guard case .record(let r) = small.value else { Issue.record("not a record: \(small.value)"); return }
        #expect(r.slots == [.string("small"), .missing])
        let big = try run(ruleSet, ["n": .int(9)])
        guard case .record(let b)? = value(big, "t_multi") else { Issue.record("not a record"); return }
        #expect(b.slots == [.string("big"), .int(2)])
    }

    @Test func expectationsOnTableOutputs() throws {
        let ruleSet = try Support.ruleSet("""
            schema F {
                n: int
            }
            table level on f: F hit first {
                | f.n | => name: string | visits: int? |
                | > 5 | "big"           | 2            |
                | -   | "small"         | -            |
            }
            test "big" as of 2025-06-01 {
                given F { n: 9 }
                expect level.name == "big"
                expect level.visits == 2
            }
            test "small" as of 2025-06-01 {
                given F { n: 1 }
                expect level.name == "small"
                expect level.visits == 2
            }
            """)
        let results = TestRunner.run(ruleSet, today: Support.date("2025-06-01"))
        #expect(results.map(\.passed) == [true, false])
        #expect(results[1].failures.map(\.message) == ["expected == 2, got missing"])
    }

    // MARK: - Lookups

    @Test func lookupsWithAndWithoutElse() throws {
        let ruleSet = try Support.ruleSet("""
            enum Category { high, significant, low }
            schema F {
                c: Category
                code: string?
            }
            lookup years : Category -> int {
                high => 2
                significant => 3
                else => 6
            }
            lookup partial : Category -> int? {
                high => 1
            }
            lookup names : string -> string {
                "a", "b" => "first"
                "c" => "second"
            }
            value y on f: F = years(f.c)
            value p on f: F = partial(f.c)
            value nm on f: F = names(f.code)
            """)
        let high = try run(ruleSet, ["c": .enumCase(EnumCase(enumIndex: 0, caseIndex: 0)), "code": .string("b")])
        #expect(value(high, "y") == .int(2))
        #expect(value(high, "p") == .int(1))
        #expect(value(high, "nm") == .string("first"))
        let low = try run(ruleSet, ["c": .enumCase(EnumCase(enumIndex: 0, caseIndex: 2)), "code": .string("zzz")])
        #expect(value(low, "y") == .int(6))
        #expect(value(low, "p") == .missing)
        #expect(outcome(low, "p") == .undetermined)
        #expect(value(low, "nm") == .missing)
        let noKey = try run(ruleSet, ["c": .enumCase(EnumCase(enumIndex: 0, caseIndex: 1))])
        #expect(value(noKey, "y") == .int(3))
        #expect(outcome(noKey, "nm") == .undetermined)
    }

    @Test func lookupKeysMatchNumbersByValue() throws {
        let ruleSet = try Support.ruleSet("""
            schema F {
                x: decimal
            }
            lookup l : decimal -> string {
                1 => "one"
                1.5 => "one and a half"
            }
            value v on f: F = l(f.x)
            """)
        #expect(value(try run(ruleSet, ["x": Support.dec("1.0")]), "v") == .string("one"))
        #expect(value(try run(ruleSet, ["x": Support.dec("1.50")]), "v") == .string("one and a half"))
        #expect(value(try run(ruleSet, ["x": Support.dec("2")]), "v") == .missing)
    }

    // MARK: - List functions

    static let lists = """
        schema W {
            wage: money
            age: int?
        }
        schema F {
            workers: list of W
            numbers: list of int
            flags: list of bool
        }
        const mrot : money = 22440
        value n_low on f: F = count(w in f.workers where w.wage < mrot)
        value n_all on f: F = count(f.workers)
        value total on f: F = sum(w.wage for w in f.workers)
        value total_adults on f: F = sum(w.wage for w in f.workers where w.age >= 18)
        value average on f: F = avg(w.wage for w in f.workers)
        value youngest on f: F = min(w.age for w in f.workers)
        value top on f: F = max(f.numbers)
        value biggest on f: F = max(1, 5, 3)
        value smallest on f: F = min(4, 2.5)
        indicator any_low on f: F
            when any(w in f.workers where w.wage < mrot)
        indicator all_adults on f: F
            when all(w in f.workers where w.age >= 18)
        indicator any_flag on f: F
            when any(f.flags)
        value low_paid on f: F = filter(w in f.workers where w.wage < mrot)
        value doubled on f: F = map(x * 2 for x in f.numbers where x > 1)
        value sum_numbers on f: F = sum(f.numbers)
        """

    private func workers(_ ruleSet: CompiledRuleSet, _ list: [(String, Int64?)]) throws -> Value {
        .list(try list.map { wage, age in
            .record(try Support.record(ruleSet, "W", ["wage": Support.dec(wage), "age": age.map(Value.int) ?? .missing]))
        })
    }

    @Test func listFunctions() throws {
        let ruleSet = try Support.ruleSet(Self.lists)
        let e = try run(ruleSet, ["workers": try workers(ruleSet, [("20000", 30), ("30000.50", 17), ("22440", 45)]),
                                  "numbers": .list([.int(1), .int(5), .int(3)]), "flags": .list([.bool(false), .bool(true)])])
        #expect(value(e, "n_low") == .int(1))
        #expect(value(e, "n_all") == .int(3))
        #expect(value(e, "total") == Support.dec("72440.50"))
        #expect(value(e, "total_adults") == Support.dec("42440"))
        // Division keeps as many fractional digits (at most 18) as a 64-bit significand holds.
        #expect(value(e, "average") == Support.dec("24146.83333333333333"))
        #expect(value(e, "youngest") == .int(17))
        #expect(value(e, "top") == .int(5))
        #expect(value(e, "biggest") == .int(5))
        #expect(value(e, "smallest") == Support.dec("2.5"))
        #expect(outcome(e, "any_low") == .fired)
        #expect(outcome(e, "all_adults") == .notFired)
        #expect(outcome(e, "any_flag") == .fired)
        guard case .list(let low)? = value(e, "low_paid") else { Issue.record("not a list"); return }
        #expect(low.count == 1)
        #expect(value(e, "doubled") == .list([.int(10), .int(6)]))
        #expect(value(e, "sum_numbers") == .int(9))
    }

    @Test func averagesAreExact() throws {
        let ruleSet = try Support.ruleSet(Self.lists)
        let e = try run(ruleSet, ["workers": try workers(ruleSet, [("1", 20), ("2", 20), ("2", 20)])])
        // 5 / 3 rounded half-even to 18 fractional digits.
        #expect(value(e, "average") == Support.dec("1.666666666666666667"))
    }

    @Test func emptyListsAndMissingElements() throws {
        let ruleSet = try Support.ruleSet(Self.lists)
        let empty = try run(ruleSet, [:])
        #expect(value(empty, "n_all") == .int(0))
        #expect(value(empty, "total") == .int(0) || value(empty, "total") == Support.dec("0"))
        #expect(outcome(empty, "average") == .undetermined)
        #expect(outcome(empty, "youngest") == .undetermined)
        #expect(outcome(empty, "any_low") == .notFired)
        #expect(outcome(empty, "all_adults") == .fired)
        // An unknown condition over one element makes `all` unknown unless another element is false.
        let unknownAge = try run(ruleSet, ["workers": try workers(ruleSet, [("30000", nil), ("30000", 40)])])
        #expect(outcome(unknownAge, "all_adults") == .undetermined)
        #expect(outcome(unknownAge, "youngest") == .undetermined)
        #expect(outcome(unknownAge, "total_adults") == .undetermined)
        let minor = try run(ruleSet, ["workers": try workers(ruleSet, [("30000", nil), ("30000", 16)])])
        #expect(outcome(minor, "all_adults") == .notFired)
    }

    @Test func theCostLimitStopsARunawayRecordAndOnlyThatRule() throws {
        let ruleSet = try Support.ruleSet(Self.lists)
        let numbers = Value.list((0..<2_000).map { .int(Int64($0 % 7)) })
        let record = try Support.record(ruleSet, "F", ["numbers": numbers])
        let limited = ruleSet.evaluate(record, asOf: Support.date("2025-06-01"), costLimit: 1_500)
        let top = try #require(limited.result(named: "top"))
        #expect(top.outcome == .error)
        #expect(top.failure?.code == "E0706")
        // Rules that do not iterate the list still have their values.
        #expect(limited.result(named: "biggest")?.value == .int(5))
        // With the default budget, 2 000 elements are fine.
        let full = ruleSet.evaluate(record, asOf: Support.date("2025-06-01"))
        #expect(full.result(named: "top")?.value == .int(6))
        #expect(full.result(named: "sum_numbers")?.outcome == .determined)
    }

    @Test func theCostLimitMessageNamesTheLimitInForce() throws {
        let ruleSet = try Support.ruleSet(Self.lists)
        let record = try Support.record(ruleSet, "F", ["numbers": .list((0..<200).map { .int(Int64($0)) })])
        let limited = ruleSet.evaluate(record, asOf: Support.date("2025-06-01"), costLimit: 100)
        let failure = try #require(limited.result(named: "top")?.failure)
        #expect(failure.arguments == ["100"])
    }

    @Test func theDefaultBudgetIsAMillionStepsPerRecord() throws {
        let ruleSet = try Support.ruleSet("""
            schema F {
                numbers: list of int
            }
            value nested on f: F = count(x in f.numbers where all(y in f.numbers where y >= 0))
            """)
        // 1 100 × 1 100 inner steps exceed 1 000 000.
        let record = try Support.record(ruleSet, "F", ["numbers": .list((0..<1_100).map { .int(Int64($0)) })])
        let e = ruleSet.evaluate(record, asOf: Support.date("2025-06-01"))
        #expect(e.result(named: "nested")?.failure?.code == "E0706")
        #expect(e.result(named: "nested")?.failure?.message(in: .en) == "evaluation stopped: it exceeded the cost limit of 1000000 steps for one record")
        let small = try Support.record(ruleSet, "F", ["numbers": .list((0..<500).map { .int(Int64($0)) })])
        #expect(ruleSet.evaluate(small, asOf: Support.date("2025-06-01")).result(named: "nested")?.value == .int(500))
    }

    // MARK: - Numbers

    @Test(arguments: [
        ("half_up", "2.5", "3"), ("half_up", "-2.5", "-3"), ("half_even", "2.5", "2"), ("half_even", "3.5", "4"),
        ("half_down", "2.5", "2"), ("half_down", "2.6", "3"), ("up", "2.1", "3"), ("up", "-2.1", "-3"), ("down", "2.9", "2"),
        ("down", "-2.9", "-2"), ("ceiling", "-2.9", "-2"), ("ceiling", "2.1", "3"), ("floor", "-2.1", "-3"), ("floor", "2.9", "2"),
    ])
    func roundingModes(_ mode: String, _ input: String, _ expected: String) throws {
        let ruleSet = try Support.ruleSet("schema F {\n    x: decimal\n}\nvalue r on f: F = round(f.x, 0, \(mode))\nvalue r2 on f: F = round(f.x / 100, 2, \(mode))\n")
        let e = try run(ruleSet, ["x": Support.dec(input)])
        #expect(value(e, "r") == Support.dec(expected))
        // The same at two digits, two places further right.
        let scaled = try ExactDecimal(expected)!.divided(by: ExactDecimal(100))
        #expect(value(e, "r2") == .decimal(scaled))
    }

    @Test func roundingToTooManyDigitsIsAnError() throws {
        let ruleSet = try Support.ruleSet("schema F {\n    x: decimal\n    d: int\n}\nvalue r on f: F = round(f.x, f.d, half_up)\n")
        #expect(value(try run(ruleSet, ["x": Support.dec("1.2345"), "d": .int(2)]), "r") == Support.dec("1.23"))
        let e = try run(ruleSet, ["x": Support.dec("1.5"), "d": .int(19)])
        #expect(e.result(named: "r")?.failure?.code == "E0705")
        #expect(try run(ruleSet, ["x": Support.dec("1.5"), "d": .int(-1)]).result(named: "r")?.failure?.code == "E0705")
    }

    @Test func percentChangeAndShare() throws {
        let ruleSet = try Support.ruleSet("""
            schema F {
                old: money
                new: money
            }
            value change on f: F = percent_change(f.old, f.new)
            value part on f: F = share(f.new, f.old)
            indicator dropped on f: F
                when percent_change(f.old, f.new) <= -80%
            """)
        let e = try run(ruleSet, ["old": Support.dec("100000"), "new": Support.dec("20000")])
        #expect(value(e, "change") == Support.dec("-0.8"))
        #expect(value(e, "part") == Support.dec("0.2"))
        #expect(outcome(e, "dropped") == .fired)
        let zero = try run(ruleSet, ["old": Support.dec("0"), "new": Support.dec("5")])
        #expect(zero.result(named: "change")?.failure?.code == "E0704")
        #expect(zero.result(named: "change")?.failure?.message(in: .en) == "percent change from zero is undefined")
        #expect(zero.result(named: "dropped")?.outcome == .error)
        // A share of a zero whole is a division by zero.
        #expect(zero.result(named: "part")?.failure?.code == "E0701")
        let growth = try run(ruleSet, ["old": Support.dec("200"), "new": Support.dec("250")])
        #expect(value(growth, "change") == Support.dec("0.25"))
        #expect(value(growth, "part") == Support.dec("1.25"))
        #expect(outcome(growth, "dropped") == .notFired)
    }

    @Test func integerDivisionIsADecimalAndArithmeticIsExact() throws {
        let ruleSet = try Support.ruleSet("""
            schema F {
                a: int
                b: int
                x: decimal
            }
            value q on f: F = f.a / f.b
            value tenths on f: F = f.x + 0.2
            indicator exact on f: F
                when f.x + 0.2 == 0.3
            value m on f: F = mod(f.a, f.b)
            """)
        let e = try run(ruleSet, ["a": .int(7), "b": .int(2), "x": Support.dec("0.1")])
        #expect(value(e, "q") == Support.dec("3.5"))
        #expect(value(e, "tenths") == Support.dec("0.3"))
        #expect(outcome(e, "exact") == .fired)
        #expect(value(e, "m") == .int(1))
        #expect(value(try run(ruleSet, ["a": .int(-7), "b": .int(2), "x": Support.dec("0")]), "m") == .int(1))
        #expect(value(try run(ruleSet, ["a": .int(7), "b": .int(-2), "x": Support.dec("0")]), "m") == .int(-1))
        #expect(try run(ruleSet, ["a": .int(7), "b": .int(0), "x": Support.dec("0")]).result(named: "m")?.failure?.code == "E0701")
    }

    @Test func errorsStayLocalToTheirRule() throws {
        let ruleSet = try Support.ruleSet("""
            schema F {
                a: int
                b: int
            }
            value ratio on f: F = f.a / f.b
            indicator high_ratio on f: F
                when f.a / f.b > 2
            indicator uses_ratio on f: F
                when ratio > 2
            indicator independent on f: F
                when f.a > 1
            value product on f: F = f.a * f.b
            value overflow on f: F = f.a * f.a * f.a
            """)
        let e = try run(ruleSet, ["a": .int(5), "b": .int(0)])
        #expect(outcome(e, "ratio") == .error)
        #expect(e.result(named: "ratio")?.failure?.code == "E0701")
        #expect(e.result(named: "ratio")?.failure?.message(in: .ru) == "деление на ноль")
        #expect(outcome(e, "high_ratio") == .error)
        #expect(e.result(named: "high_ratio")?.failure?.code == "E0701")
        // A rule reading the failed one sees a missing value.
        #expect(outcome(e, "uses_ratio") == .undetermined)
        #expect(outcome(e, "independent") == .fired)
        #expect(value(e, "product") == .int(0))
        let big = try run(ruleSet, ["a": .int(3_000_000_000_000), "b": .int(1)])
        #expect(big.result(named: "overflow")?.failure?.code == "E0702")
        #expect(outcome(big, "product") == .determined)
    }

    // MARK: - Dates

    @Test func dateFunctions() throws {
        let ruleSet = try Support.ruleSet("""
            schema F {
                d: date
                t: datetime
                y: int
                m: int
            }
            value v_year on f: F = year(f.d)
            value v_month on f: F = month(f.d)
            value v_day on f: F = day(f.d)
            value v_quarter on f: F = quarter(f.d)
            value v_weekday on f: F = weekday(f.d)
            value v_doy on f: F = day_of_year(f.d)
            value v_som on f: F = start_of_month(f.d)
            value v_eom on f: F = end_of_month(f.d)
            value v_soq on f: F = start_of_quarter(f.d)
            value v_eoq on f: F = end_of_quarter(f.d)
            value v_soy on f: F = start_of_year(f.d)
            value v_days on f: F = days_between(f.d, as_of)
            value v_months on f: F = months_between(f.d, as_of)
            value v_years on f: F = years_between(f.d, as_of)
            value v_age on f: F = age(f.d)
            value v_date on f: F = date(f.y, f.m, 29)
            value v_date_of on f: F = date_of(f.t)
            value v_hour_year on f: F = year(f.t)
            value v_plus on f: F = f.d + 1 month
            value v_minus on f: F = f.d - 2 weeks
            """)
        let e = try run(ruleSet, ["d": .date(Support.date("2024-02-29")), "t": .datetime(DateTimeValue(iso: "2024-12-31T23:30:00-05:00")!),
                                  "y": .int(2024), "m": .int(2)], asOf: "2025-06-01")
        let expected: [(String, Value)] = [
            ("v_year", .int(2024)), ("v_month", .int(2)), ("v_day", .int(29)), ("v_quarter", .int(1)), ("v_weekday", .int(4)),
            ("v_doy", .int(60)), ("v_som", .date(Support.date("2024-02-01"))), ("v_eom", .date(Support.date("2024-02-29"))),
            ("v_soq", .date(Support.date("2024-01-01"))), ("v_eoq", .date(Support.date("2024-03-31"))),
            ("v_soy", .date(Support.date("2024-01-01"))), ("v_days", .int(458)), ("v_months", .int(15)), ("v_years", .int(1)),
            ("v_age", .int(1)), ("v_date", .date(Support.date("2024-02-29"))), ("v_date_of", .date(Support.date("2024-12-31"))),
            ("v_hour_year", .int(2024)), ("v_plus", .date(Support.date("2024-03-29"))), ("v_minus", .date(Support.date("2024-02-15"))),
        ]
        for (name, v) in expected { #expect(value(e, name) == v, "\(name)") }
        // An impossible date is an error.
        let bad = try run(ruleSet, ["d": .date(Support.date("2024-02-29")), "t": .datetime(DateTimeValue(iso: "2024-12-31T23:30:00Z")!),
                                    "y": .int(2025), "m": .int(2)])
        #expect(bad.result(named: "v_date")?.failure?.code == "E0703")
        #expect(bad.result(named: "v_date")?.failure?.message(in: .en) == "there is no date 2025-2-29")
        // Ages count whole years: the day before the birthday is still the younger age.
        let birthday = try run(ruleSet, ["d": .date(Support.date("2007-06-02")), "t": .datetime(DateTimeValue(iso: "2024-12-31T23:30:00Z")!),
                                         "y": .int(2024), "m": .int(1)], asOf: "2025-06-01")
        #expect(value(birthday, "v_age") == .int(17))
        #expect(value(try run(ruleSet, ["d": .date(Support.date("2007-06-01")), "t": .datetime(DateTimeValue(iso: "2024-12-31T23:30:00Z")!),
                                        "y": .int(2024), "m": .int(1)], asOf: "2025-06-01"), "v_age") == .int(18))
    }

    @Test func stringFunctions() throws {
        let ruleSet = try Support.ruleSet("""
            schema F {
                s: string
            }
            indicator has on f: F
                when contains(f.s, "РОМАШ")
            indicator starts on f: F
                when starts_with(f.s, "ООО")
            indicator ends on f: F
                when ends_with(f.s, "»")
            indicator pattern on f: F
                when matches(f.s, "(?i)ромашка")
            value lo on f: F = lower(f.s)
            value up on f: F = upper(f.s)
            value trimmed on f: F = trim("  " + f.s + "\\t")
            value len on f: F = length(f.s)
            """)
        let e = try run(ruleSet, ["s": .string("ООО «Ромашка»")])
        for name in ["has", "starts", "ends", "pattern"] { #expect(outcome(e, name) == .fired, "\(name)") }
        #expect(value(e, "lo") == .string("ооо «ромашка»"))
        #expect(value(e, "up") == .string("ООО «РОМАШКА»"))
        #expect(value(e, "trimmed") == .string("ООО «Ромашка»"))
        #expect(value(e, "len") == .int(13))
    }

    @Test func resultsAreListedInDependencyOrderWithoutConstants() throws {
        let ruleSet = try Support.ruleSet("""
            schema F {
                n: int
            }
            const k = 2
            value b on f: F = a + 1
            value a on f: F = f.n * k
            indicator i on f: F
                when b > 3
                source "basis"
                unconfirmed "why"
            """)
        let e = try run(ruleSet, ["n": .int(2)])
        let names = e.results.map(\.name)
        #expect(names == ["a", "b", "i"])
        let i = try #require(e.result(named: "i"))
        #expect(i.sources == ["basis"])
        #expect(i.unconfirmed == "why")
        #expect(i.value == .int(1))  // the weight of a fired indicator
        #expect(i.qualifiedName == "t.i")
    }
}
