import Testing

@testable import RuleDSL

/// Explanations: the `because` text with the record's values in each language, the trace of a
/// condition with the actual values, and the missing fields behind an undetermined result.
@Suite struct ExplanationTests {
    static let rules = """
        enum Category "Категория" {
            high "высокий"
            low "низкий"
        }
        schema Employer {
            name: string
            avg_wage: money
            mrot: money
            share: percent
            headcount: int
            headcount_prev: int?
            checked: date
            category: Category
            flagged: bool
        }
        indicator wage_below_mrot "Зарплата ниже МРОТ" on e: Employer
            source "Статья 133 ТК РФ"
            unconfirmed "не сверено"
            when e.avg_wage < e.mrot
            weight 3
            because "средняя зарплата {e.avg_wage} ниже МРОТ {e.mrot}, доля {e.share}, на {e.checked}, {e.category}, {e.flagged}, {e.headcount} чел."
        indicator headcount_drop on e: Employer
            when e.headcount < e.headcount_prev * 50%
            because "численность упала с {e.headcount_prev} до {e.headcount}"
        indicator combined on e: Employer
            when e.headcount > 1000 and e.avg_wage < e.mrot
        indicator either on e: Employer
            when e.headcount < 1000 or e.headcount_prev > 10
        indicator literal_braces on e: Employer
            when true
            because "{{{e.name}}} — {{буквально}}"
        score points on e: Employer { wage_below_mrot, headcount_drop }
        table level on e: Employer hit first {
            | points | => level: string |
            | >= 3   | "high"           |
            | -      | "low"            |
        }
        value ratio on e: Employer = e.headcount / e.headcount_prev
        """

    private func evaluate(_ fields: [String: Value]) throws -> (CompiledRuleSet, Evaluation) {
        let ruleSet = try Support.ruleSet(Self.rules)
        var all: [String: Value] = [
            "name": .string("ООО «Ромашка»"), "avg_wage": Support.dec("15000.5"), "mrot": Support.dec("22440"),
            "share": Support.dec("0.125"), "headcount": .int(1234), "checked": .date(Support.date("2025-06-01")),
            "category": .enumCase(EnumCase(enumIndex: 0, caseIndex: 0)), "flagged": .bool(true),
        ]
        for (k, v) in fields { all[k] = v }
        let record = try Support.record(ruleSet, "Employer", all)
        return (ruleSet, ruleSet.evaluate(record, asOf: Support.date("2025-06-01")))
    }

    @Test func becauseTextIsFormattedForTheReader() throws {
        let (_, e) = try evaluate([:])
        let result = try #require(e.result(named: "wage_below_mrot"))
        #expect(result.outcome == .fired)
        #expect(e.because(result, language: .ru)
            == "средняя зарплата 15 000,50 ниже МРОТ 22 440,00, доля 12,5 %, на 01.06.2025, высокий, да, 1 234 чел.")
        #expect(e.because(result, language: .en)
            == "средняя зарплата 15,000.50 ниже МРОТ 22,440.00, доля 12.5%, на 2025-06-01, высокий, yes, 1,234 чел.")
        #expect(result.sources == ["Статья 133 ТК РФ"])
        #expect(result.unconfirmed == "не сверено")
        #expect(result.title == "Зарплата ниже МРОТ")
    }

    @Test func missingValuesInTheTextAreNamed() throws {
        let (_, e) = try evaluate(["headcount": .int(10)])
        let result = try #require(e.result(named: "headcount_drop"))
        #expect(result.outcome == .undetermined)
        #expect(e.because(result, language: .ru) == "численность упала с нет данных до 10")
        #expect(e.because(result, language: .en) == "численность упала с missing до 10")
        #expect(e.missingFields(result) == ["headcount_prev"])
    }

    @Test func literalBracesAndRulesWithoutText() throws {
        let (_, e) = try evaluate([:])
        #expect(e.because(try #require(e.result(named: "literal_braces")), language: .en) == "{ООО «Ромашка»} — {буквально}")
        #expect(e.because(try #require(e.result(named: "combined")), language: .en) == nil)
        #expect(e.because(try #require(e.result(named: "ratio")), language: .en) == nil)
    }

    @Test func traceShowsEachConditionWithItsValue() throws {
        let (_, e) = try evaluate([:])
        let lines = e.trace(try #require(e.result(named: "wage_below_mrot")), language: .ru)
        #expect(lines == [
            TraceLine(depth: 0, text: "e.avg_wage < e.mrot", value: "да"),
            TraceLine(depth: 1, text: "e.avg_wage", value: "15 000,50"),
            TraceLine(depth: 1, text: "e.mrot", value: "22 440,00"),
        ])
        let english = e.trace(try #require(e.result(named: "wage_below_mrot")), language: .en)
        #expect(english.map(\.value) == ["yes", "15,000.50", "22,440.00"])
    }

    @Test func partsTheLogicDidNotNeedAreNotEvaluated() throws {
        let (_, e) = try evaluate([:])
        // 1234 > 1000 is true, so both sides of the `and` were needed.
        let both = e.trace(try #require(e.result(named: "combined")), language: .en)
        #expect(both.first == TraceLine(depth: 0, text: "e.headcount > 1000 and e.avg_wage < e.mrot", value: "yes"))
        #expect(both.count == 6)  // literals are not traced
        // 1234 < 1000 is false, the `or` needs its right side, which is unknown (headcount_prev is missing).
        let either = e.trace(try #require(e.result(named: "either")), language: .en)
        #expect(either.first == TraceLine(depth: 0, text: "e.headcount < 1000 or e.headcount_prev > 10", value: "unknown"))
        #expect(either.contains(TraceLine(depth: 2, text: "e.headcount_prev", value: "missing")))
        // With a small headcount the `and` stops at its left side.
        let (_, small) = try evaluate(["headcount": .int(5)])
        let stopped = small.trace(try #require(small.result(named: "combined")), language: .en)
        #expect(stopped.contains(TraceLine(depth: 1, text: "e.headcount > 1000", value: "no")))
        #expect(stopped.contains(TraceLine(depth: 1, text: "e.avg_wage < e.mrot", value: nil)))
        #expect(!stopped.contains { $0.text == "e.avg_wage" })
    }

    @Test func tableAndScoreTraces() throws {
        let (_, e) = try evaluate(["headcount_prev": .int(100)])
        let table = e.trace(try #require(e.result(named: "level")), language: .en)
        #expect(table.first == TraceLine(depth: 0, text: "points", value: "3"))
        #expect(table.contains(TraceLine(depth: 0, text: "| >= 3   | \"high\"           |", value: "row at line 35 matched")))
        let russian = e.trace(try #require(e.result(named: "level")), language: .ru)
        #expect(russian.contains { $0.value == "строка 35 подошла" })
        let score = e.trace(try #require(e.result(named: "points")), language: .en)
        #expect(score == [TraceLine(depth: 0, text: "wage_below_mrot", value: "fired (+3)"),
                          TraceLine(depth: 0, text: "headcount_drop", value: "not fired")])
    }

    @Test func determinedDespiteUnknownsIsExplained() throws {
        let (_, e) = try evaluate([:])
        // headcount_prev is missing: headcount_drop is undetermined, but wage_below_mrot already gives 3.
        let level = try #require(e.result(named: "level"))
        #expect(level.outcome == .determined)
        #expect(level.determinedDespite == ["headcount_drop"])
        #expect(e.missingFields(level) == ["headcount_prev"])
        let lines = e.trace(level, language: .en)
        #expect(lines.last == TraceLine(depth: 0, text: "every outcome of headcount_drop gives the same result", value: ""))
        #expect(e.trace(level, language: .ru).last?.text == "при любом исходе headcount_drop результат один и тот же")
    }

    @Test func undecidedTablesSayWhy() throws {
        let ruleSet = try Support.ruleSet("""
            schema F {
                a: int?
            }
            table t on f: F hit first {
                | f.a | => r: int |
                | > 5 | 1        |
                | -   | 0        |
            }
            """)
        let e = ruleSet.evaluate(try Support.record(ruleSet, "F", [:]), asOf: Support.date("2025-06-01"))
        let result = try #require(e.result(named: "t"))
        #expect(result.outcome == .undetermined)
        #expect(e.missingFields(result) == ["a"])
        #expect(e.trace(result, language: .en).last?.text == "no row can be decided with the missing inputs")
        #expect(e.trace(result, language: .ru).last?.text == "строку не выбрать: не хватает входных данных")
    }

    @Test func missingFieldsFollowTheRulesThatWereRead() throws {
        let ruleSet = try Support.ruleSet("""
            schema Address {
                region: string?
            }
            schema F {
                a: int?
                address: Address?
            }
            value doubled on f: F = f.a * 2
            indicator big on f: F
                when doubled > 10
            indicator northern on f: F
                when f.address.region == "north"
            """)
        let e = ruleSet.evaluate(try Support.record(ruleSet, "F", [:]), asOf: Support.date("2025-06-01"))
        #expect(e.missingFields(try #require(e.result(named: "big"))) == ["a"])
        let northern = e.missingFields(try #require(e.result(named: "northern")))
        #expect(northern.first == "address", "\(northern)")
        let address = try Support.record(ruleSet, "Address", [:])
        let nested = ruleSet.evaluate(try Support.record(ruleSet, "F", ["address": .record(address)]), asOf: Support.date("2025-06-01"))
        #expect(nested.missingFields(try #require(nested.result(named: "northern"))) == ["address.region"])
    }

    @Test func valueFormatting() throws {
        let ruleSet = try Support.ruleSet(Self.rules)
        let ru = ValueFormatter(language: .ru, enums: ruleSet.enums, schemas: ruleSet.schemas)
        let en = ValueFormatter(language: .en, enums: ruleSet.enums, schemas: ruleSet.schemas)
        #expect(ru.format(Support.dec("-1234567.891"), as: .decimal) == "-1 234 567,891")
        #expect(en.format(Support.dec("-1234567.891"), as: .decimal) == "-1,234,567.891")
        #expect(ru.format(.int(15000), as: .money) == "15 000,00")
        #expect(en.format(Support.dec("0.5"), as: .percent) == "50%")
        #expect(ru.format(Support.dec("0.5"), as: .percent) == "50 %")
        #expect(ru.format(Support.dec("-0.8"), as: .percent) == "-80 %")
        #expect(ru.format(.missing, as: .int) == "нет данных")
        #expect(en.format(.bool(false), as: .bool) == "no")
        #expect(ru.format(.date(Support.date("2025-01-09")), as: .date) == "09.01.2025")
        #expect(ru.format(.enumCase(EnumCase(enumIndex: 0, caseIndex: 1)), as: .enumeration(0)) == "низкий")
        #expect(en.format(.list([.int(1), .int(2000)]), as: .list(.int)) == "1, 2,000")
        #expect(en.format(.string("x"), as: .string) == "x")
    }

    @Test func outcomesInWords() {
        #expect(Outcome.allWords(.en) == ["fired", "not fired", "undetermined", "error", "not in force", "determined"])
        #expect(Outcome.allWords(.ru) == ["сработал", "не сработал", "не определено", "ошибка", "не действует", "определено"])
    }
}

extension Outcome {
    static func allWords(_ language: MessageLanguage) -> [String] {
        [Outcome.fired, .notFired, .undetermined, .error, .notInForce, .determined].map { $0.text(language) }
    }
}
