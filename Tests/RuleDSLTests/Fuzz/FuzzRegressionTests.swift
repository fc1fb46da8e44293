import Testing

@testable import RuleDSL

/// Inputs that crashed the front end (stack exhaustion) before their fixes; the minimised inputs
/// are also in the fuzzer's seed corpus as fuzz/corpus/regression-*.rules. Each test would crash
/// the test process without its fix, and checks that the input now gets a proper answer.
@Suite struct FuzzRegressionTests {
    private func compile(_ text: String) -> CompileResult {
        RuleDSL.compile([SourceFile(id: 0, path: "t.rules", text: text)])
    }

    /// `const c : ((((…int`: `Parser.parseType` recursed once per `(` without the depth limit that
    /// `list of` already had; ~3 000 parentheses overflowed the stack. Now: one “nested too deeply”.
    /// (fuzz/corpus/regression-type-parenthesis-nesting.rules)
    @Test func deeplyParenthesisedTypeIsReportedInsteadOfCrashing() {
        for count in [97, 3_000, 20_000] {
            let result = compile("const c : " + String(repeating: "(", count: count) + "int = 1\n")
            #expect(result.errors.map(\.code) == ["E0108"], "\(count) parentheses")
            #expect(result.ruleSet == nil)
        }
    }

    /// Types in parentheses below the limit still parse (the fix counts the same depth as `list of`).
    @Test func parenthesisedTypesBelowTheLimitStillParse() throws {
        let nested = String(repeating: "(", count: 40) + "list of int" + String(repeating: ")", count: 40)
        let result = compile("const c : \(nested)? = [1, 2]\nconst d : (((int))) = 3\n")
        #expect(result.errors.isEmpty, "\(result.errors.map(\.code))")
        #expect(result.ruleSet != nil)
    }

    /// Rules reading each other in a chain: `Checker.checkRule` checked a rule on its first
    /// reference, inside the expression walk of the rule that named it, so the recursion grew by a
    /// whole expression per link. 12 links through 94 nested negations (1.3 KB) overflowed the
    /// fuzzer's stack, 8 a debug build's. Rules are now checked in dependency order.
    /// (fuzz/corpus/regression-rule-chain-through-nested-negations.rules)
    @Test func chainOfRulesThroughDeeplyNestedExpressionsCompiles() throws {
        var text = ""
        for i in 0..<40 { text += "const c\(i) = " + String(repeating: "-", count: 94) + "c\(i + 1)\n" }
        text += "const c40 = 1\n"
        let result = compile(text)
        #expect(result.errors.isEmpty, "\(result.errors.map(\.code))")
        #expect(result.ruleSet != nil)
    }

    /// The same recursion with plain references: a few hundred links were enough.
    @Test func longChainOfValuesCompilesAndEvaluates() throws {
        let links = 2_000
        var text = "schema S { x: int }\n"
        for i in 0..<links { text += "value v\(i) on s: S = v\(i + 1) + 1\n" }
        text += "value v\(links) on s: S = s.x\n"
        text += "test \"chain\" as of 2025-01-01 {\n    given S { x: 1 }\n    expect v0 == \(links + 1)\n}\n"
        let result = compile(text)
        #expect(result.errors.isEmpty, "\(result.errors.map(\.code))")
        let ruleSet = try #require(result.ruleSet)
        let outcomes = TestRunner.run(ruleSet, today: CivilDate(year: 2025, month: 6, day: 1)!)
        #expect(outcomes.count == 1)
        #expect(outcomes.allSatisfy { $0.passed }, "\(outcomes.flatMap(\.failures).map(\.message))")
    }

    /// A dependency cycle is found by recursing around it, one expression walk per rule: a cycle of
    /// 12 rules through 94 nested negations (found by the fuzzer from the chain above) still ran
    /// out of stack. `checkExpression` now bounds the total nesting and reports it instead.
    /// (fuzz/corpus/regression-rule-cycle-through-nested-negations.rules)
    @Test func cycleThroughDeeplyNestedExpressionsIsReportedInsteadOfCrashing() {
        for links in [12, 200] {
            var text = ""
            for i in 0..<links { text += "const c\(i) = " + String(repeating: "-", count: 94) + "c\((i + 1) % links)\n" }
            let result = compile(text)
            #expect(result.errors.map(\.code) == ["E0108"], "\(links) links")
        }
        var plain = ""
        for i in 0..<5_000 { plain += "const c\(i) = c\((i + 1) % 5_000)\n" }
        #expect(compile(plain).errors.map(\.code) == ["E0108"])
        // A short cycle keeps its own message.
        var short = ""
        for i in 0..<20 { short += "const c\(i) = c\((i + 1) % 20) + 1\n" }
        #expect(compile(short).errors.map(\.code) == ["E0205"])
    }

    /// Checking in dependency order keeps what the lazy order found: cycles are still reported,
    /// and a chain declared in reverse order still compiles.
    @Test func cyclesAreStillReportedAndOrderOfDeclarationsDoesNotMatter() {
        let cycle = compile("const a = b + 1\nconst b = c + 1\nconst c = a + 1\n")
        #expect(cycle.errors.map(\.code) == ["E0205"])
        var reversed = "const c300 = 1\n"
        for i in (0..<300).reversed() { reversed += "const c\(i) = c\(i + 1) * 1\n" }
        #expect(compile(reversed).errors.isEmpty)
    }
}
