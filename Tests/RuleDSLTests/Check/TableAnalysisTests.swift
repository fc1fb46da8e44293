import Testing

@testable import RuleDSL

/// Static analysis of decision tables: rows as boxes of column sets, overlap under `unique`/`any`,
/// unreachable rows under `first`, and gaps with an example in the message.
@Suite struct TableAnalysisTests {
    typealias A = TableAnalysis

    static let prelude = """
        enum Level { high, mid, low }
        schema E {
            n: int
            o: int?
            x: decimal
            d: date
            s: string
            l: Level
            b: bool
        }

        """

    private func table(_ policy: String, _ header: String, _ rows: [String]) -> CompileResult {
        var text = Self.prelude + "table t on e: E hit \(policy) {\n    | \(header) |\n"
        for row in rows { text += "    | \(row) |\n" }
        text += "}\n"
        return Support.compile(text)
    }

    /// Line of the `i`-th row (1-based) in `table(…)`'s text.
    private func rowLine(_ i: Int) -> Int { 12 + i }

    private func messages(_ result: CompileResult, _ code: String) -> [String] {
        result.diagnostics.filter { $0.code == code }.map { $0.message(in: .en) }
    }

    // MARK: - Set algebra

    private func interval(_ lo: Int?, _ loClosed: Bool, _ hi: Int?, _ hiClosed: Bool) -> A.Interval {
        A.Interval(lower: lo.map { .value(ExactDecimal($0), closed: loClosed) } ?? .negativeInfinity,
                   upper: hi.map { .value(ExactDecimal($0), closed: hiClosed) } ?? .positiveInfinity)
    }

    @Test func emptinessOfIntervals() {
        #expect(!interval(1, true, 1, true).isEmpty(integral: true))
        #expect(interval(1, true, 1, false).isEmpty(integral: false))
        #expect(interval(2, true, 1, true).isEmpty(integral: true))
        // (1, 2) holds no integer but many decimals.
        #expect(interval(1, false, 2, false).isEmpty(integral: true))
        #expect(!interval(1, false, 2, false).isEmpty(integral: false))
        #expect(!interval(nil, false, nil, false).isEmpty(integral: true))
        #expect(!interval(nil, false, 5, false).isEmpty(integral: true))
    }

    @Test func subtractingIntervals() {
        let all = [interval(nil, false, nil, false)]
        let rest = A.subtract(all, [interval(0, true, 10, false)], integral: true)
        #expect(rest == [interval(nil, false, 0, false), interval(10, true, nil, false)])
        // Integers: [1,5] minus [1,2] minus [3,5] is empty.
        let none = A.subtract([interval(1, true, 5, true)], [interval(1, true, 2, true), interval(3, true, 5, true)], integral: true)
        #expect(none.isEmpty)
        // Decimals: the open gap (2, 3) remains.
        let gap = A.subtract([interval(1, true, 5, true)], [interval(1, true, 2, true), interval(3, true, 5, true)], integral: false)
        #expect(gap == [interval(2, false, 3, false)])
    }

    @Test func finiteAndCofiniteSets() throws {
        let ab = A.ColumnSet.finite([.string("a"), .string("b")], complement: false)
        let notA = A.ColumnSet.finite([.string("a")], complement: true)
        let both = try #require(A.intersect(ab, notA))
        #expect(both == .finite([.string("b")], complement: false))
        let rest = try #require(A.subtract(notA, ab))
        #expect(rest == .finite([.string("a"), .string("b")], complement: true))
        #expect(A.isEmpty(.finite([], complement: false)))
        #expect(!A.isEmpty(.finite([], complement: true)))
        #expect(A.intersect(.opaque, ab) == nil)
    }

    @Test func boxesOverlapOnlyWhenEveryColumnDoes() {
        let ge5 = A.ColumnSet.intervals([interval(5, true, nil, false)], integral: true)
        let lt5 = A.ColumnSet.intervals([interval(nil, false, 5, false)], integral: true)
        let any = A.ColumnSet.intervals([interval(nil, false, nil, false)], integral: true)
        #expect(A.overlap([ge5, any], [any, ge5]) == true)
        #expect(A.overlap([ge5, any], [lt5, any]) == false)
        #expect(A.overlap([ge5, .opaque], [any, any]) == nil)
        // What [any, any] leaves after [ge5, any] and [lt5, ge5]: the box n < 5, m < 5.
        let rest = A.uncovered([any, any], by: [[ge5, any], [lt5, ge5]])
        #expect(rest == [[lt5, lt5]])
        #expect(A.uncovered([any], by: [[ge5], [lt5]]) == [])
    }

    // MARK: - Overlap under unique and any

    @Test func overlappingRowsUnderUniqueNameBothLines() throws {
        let result = table("unique", "e.n | e.x | => r: int", ["< 10 | - | 1", "5..20 | < 0.5 | 2", ">= 10 | >= 0.5 | 3", "> 20 | - | 4"])
        let found = Support.codesAt(result).filter { $0.hasPrefix("E0401") }
        #expect(found == ["E0401@\(rowLine(2)):5", "E0401@\(rowLine(4)):5"])
        #expect(messages(result, "E0401").first
            == "rows at lines \(rowLine(1)) and \(rowLine(2)) both match some inputs, but the table is ‘hit unique’; narrow one of them or use ‘hit first’")
        let note = try #require(result.diagnostics.first { $0.code == "E0401" }?.notes.first)
        #expect(note.range.map { result.files[0].location(of: Int($0.start)).line } == rowLine(1))
    }

    @Test func disjointRowsDoNotOverlap() {
        let result = table("unique", "e.n | e.l | => r: int",
                           ["< 0 | - | 1", "0..<10 | high | 2", "0..<10 | not high | 3", ">= 10 | - | 4"])
        #expect(result.diagnostics.isEmpty, "\(Support.render(result))")
    }

    @Test func adjacentRangesOfIntegersDoNotOverlap() {
        let ints = table("unique", "e.n | => r: int", ["< 1 | 1", "1..4 | 2", "5..9 | 3", "> 9 | 4"])
        #expect(ints.diagnostics.isEmpty, "\(Support.render(ints))")
        // For decimals 1..4 and 4..9 share the point 4.
        let decimals = table("unique", "e.x | => r: int", ["< 1 | 1", "1..4 | 2", "4..9 | 3", "> 9 | 4"])
        #expect(Support.codesAt(decimals) == ["E0401@\(rowLine(3)):5"])
    }

    @Test func overlapOfDatesAndStrings() {
        let dates = table("unique", "e.d | => r: int", ["< 2025-01-01 | 1", "2024-12-31..2025-06-30 | 2", "> 2025-06-30 | 3"])
        #expect(Support.codesAt(dates) == ["E0401@\(rowLine(2)):5"])
        let strings = table("unique", "e.s | => r: int", ["\"a\", \"b\" | 1", "\"c\" | 2", "not \"a\", \"b\", \"c\" | 3"])
        #expect(strings.diagnostics.isEmpty, "\(Support.render(strings))")
    }

    @Test func rowsThatAgreeMayOverlapUnderAny() {
        let result = table("any", "e.n | => r: int", ["> 0 | 1", "> 5 | 1", "< 3 | 2", "- | 0"])
        let found = Support.codesAt(result)
        // 1–2 agree; 1–3, 1–4, 2–4, 3–4 overlap with different outputs.
        #expect(found == ["E0403@\(rowLine(3)):5", "E0403@\(rowLine(4)):5", "E0403@\(rowLine(4)):5", "E0403@\(rowLine(4)):5"])
    }

    @Test func cellsThatReadTheRecordAreLeftOut() {
        let result = table("unique", "e.n | => r: int", ["> e.o ?? 0 | 1", "- | 2"])
        #expect(!Support.codesAt(result).contains { $0.hasPrefix("E0401") })
        let first = table("first", "e.n | => r: int", ["- | 1", "> e.o ?? 0 | 2"])
        // An opaque cell counts as “anything”: the row after ‘-’ is still unreachable.
        #expect(Support.codesAt(first) == ["W0401@\(rowLine(2)):5"])
    }

    @Test func aMissingRowOverlapsADashRowUnderUnique() throws {
        // `-` matches a missing input too, so `missing` and `-` both match when e.o is absent.
        let text = Self.prelude + "table t on e: E {\n    | e.o | => r: int |\n    | missing | 1 |\n    | - | 2 |\n}\n"
        let result = Support.compile(text)
        #expect(Support.codesAt(result).contains("E0401@\(rowLine(2)):5"), "\(Support.codesAt(result))")
        // Under `first`, a `missing` row after a `-` row can never match.
        let first = table("first", "e.o | => r: int", ["- | 1", "missing | 2"])
        #expect(Support.codesAt(first) == ["W0401@\(rowLine(2)):5"])
        // `missing` and `present` rows do not overlap, and together cover an optional column.
        let split = table("unique", "e.o | => r: int", ["missing | 1", "present | 2"])
        #expect(split.diagnostics.isEmpty, "\(Support.render(split))")
    }

    // MARK: - Unreachable rows under first

    @Test func unreachableRowsUnderFirst() {
        let result = table("first", "e.n | e.l | => r: int",
                           [">= 5 | - | 1", "< 5 | high, mid | 2", "3 | high | 3", "< 5 | low | 4", "0 | - | 5"])
        #expect(Support.codesAt(result) == ["W0401@\(rowLine(3)):5", "W0401@\(rowLine(5)):5"])
        #expect(messages(result, "W0401").first == "the row at line \(rowLine(3)) can never match: the rows above catch every input it accepts")
        #expect(result.ruleSet != nil)
    }

    @Test func aRowCoveredOnlyByTheUnionOfRowsAboveIsUnreachable() {
        // Neither row above covers 0..10 alone; together they do.
        let result = table("first", "e.n | => r: int", ["< 5 | 1", ">= 5 | 2", "0..10 | 3"])
        #expect(Support.codesAt(result) == ["W0401@\(rowLine(3)):5"])
        let reachable = table("first", "e.n | => r: int", ["< 5 | 1", "> 5 | 2", "0..10 | 3"])
        #expect(reachable.diagnostics.isEmpty, "\(Support.render(reachable))")
    }

    @Test func otherPoliciesDoNotWarnAboutUnreachableRows() {
        for policy in ["priority", "collect", "collect count"] {
            let result = table(policy, "e.n | => r: int", ["- | 1", "5 | 2"])
            #expect(!Support.codesAt(result).contains { $0.hasPrefix("W0401") }, "\(policy)")
        }
    }

    // MARK: - Exhaustiveness

    @Test(arguments: [
        ("e.n", ["< 3 | 1", "> 5 | 2"], "e.n = 3"),
        ("e.n", [">= 6 | 1"], "e.n = 5"),
        ("e.n", ["<= 0 | 1"], "e.n = 1"),
        ("e.n", ["0..10 | 1", "> 10 | 2"], "e.n = -1"),
        ("e.x", ["< 0.5 | 1", "> 0.5 | 2"], "e.x = 0.5"),
        ("e.x", ["<= 0.5 | 1"], "e.x = more than 0.5"),
        ("e.l", ["high | 1", "mid | 2"], "e.l = low"),
        ("e.b", ["true | 1"], "e.b = false"),
        ("e.s", ["\"a\" | 1"], "e.s = not \"a\""),
    ])
    func gapsAreReportedWithAnExample(_ column: String, _ rows: [String], _ example: String) {
        let result = table("first", "\(column) | => r: int", rows)
        let warnings = messages(result, "W0402")
        #expect(warnings == ["no row of ‘t’ matches, for example, \(example); add a default row (all ‘-’) at the end"],
                "\(Support.render(result))")
        #expect(Support.codesAt(result).contains("W0402@11:7"))
    }

    @Test func theExampleOfADateColumnIsADate() {
        let result = table("first", "e.d | => r: int", ["< 2025-01-01 | 1", "> 2025-01-01 | 2"])
        let warnings = messages(result, "W0402")
        #expect(warnings.count == 1)
        withKnownIssue("describe(set) prints the day number of a date column: ‘e.d = 20089’") {
            #expect(warnings == ["no row of ‘t’ matches, for example, e.d = 2025-01-01; add a default row (all ‘-’) at the end"])
        }
    }

    @Test func theExampleNamesEveryColumn() {
        let result = table("unique", "e.n | e.l | => r: int", ["< 0 | - | 1", ">= 0 | high | 2"])
        #expect(messages(result, "W0402") == ["no row of ‘t’ matches, for example, e.n = 0, e.l = low; add a default row (all ‘-’) at the end"])
        // The Russian message carries the same example.
        let ru = result.diagnostics.first { $0.code == "W0402" }?.message(in: .ru)
        #expect(ru == "ни одна строка «t» не подходит, например, для e.n = 0, e.l = low; добавьте в конец строку по умолчанию (все «-»)")
    }

    @Test func aDefaultRowOrCompleteRowsMakeTheTableExhaustive() {
        #expect(table("first", "e.n | => r: int", ["> 5 | 1", "- | 0"]).diagnostics.isEmpty)
        #expect(table("unique", "e.l | => r: int", ["high | 1", "mid, low | 2"]).diagnostics.isEmpty)
        #expect(table("unique", "e.b | => r: int", ["true | 1", "false | 2"]).diagnostics.isEmpty)
        #expect(table("first", "e.n | => r: int", ["< 0 | 1", ">= 0 | 2"]).diagnostics.isEmpty)
        // Collect policies may match nothing: no warning.
        #expect(table("collect", "e.n | => r: int", ["> 5 | 1"]).diagnostics.isEmpty)
        #expect(table("collect sum", "e.n | => r: int", ["> 5 | 1"]).diagnostics.isEmpty)
    }

    @Test func emptyRangesAreErrors() {
        let result = table("first", "e.n | => r: int", ["5..1 | 1", "3..<3 | 2", "3..3 | 3", "- | 0"])
        #expect(Support.codesAt(result) == ["E0406@\(rowLine(1)):7", "E0406@\(rowLine(2)):7"])
    }
}
