import Testing

@testable import RuleDSL

/// The recursive-descent parser: precedence and associativity, every declaration form, and
/// recovery (one run reports every error, and the declarations after an error still parse).
@Suite struct ParserTests {
    private func parse(_ text: String) -> (FileSyntax, [Diagnostic]) {
        RuleDSL.parse(Support.file(text))
    }

    /// `code@line:column` of each parse diagnostic.
    private func errors(_ text: String) -> [String] {
        let file = Support.file(text)
        return RuleDSL.parse(file).1.map { "\($0.code)@\(file.location(of: Int($0.range.start)))" }
    }

    /// The dump of one expression, parsed as a constant's value.
    private func expr(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> String {
        let (syntax, diagnostics) = parse("const c = \(text)\n")
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.code)) in \(text)", sourceLocation: sourceLocation)
        guard case .constant(let c)? = syntax.declarations.first?.kind else { return "<no const>" }
        return ASTDump.expr(c.value)
    }

    // MARK: - Precedence and associativity

    @Test(arguments: [
        ("a or b and c", "(or a (and b c))"),
        ("a and b or c", "(or (and a b) c)"),
        ("a or b or c", "(or (or a b) c)"),
        ("not a and b", "(and (not a) b)"),
        ("not not a", "(not (not a))"),
        ("not a == b", "(not (== a b))"),
        ("a == b and c != d", "(and (== a b) (!= c d))"),
        ("a + b * c", "(+ a (* b c))"),
        ("a * b + c", "(+ (* a b) c)"),
        ("a - b - c", "(- (- a b) c)"),
        ("a / b / c", "(/ (/ a b) c)"),
        ("a - (b - c)", "(- a (- b c))"),
        ("-a * b", "(* (- a) b)"),
        ("--a", "(- (- a))"),
        ("-e.x", "(- (. e x))"),
        ("a ?? b + c", "(?? a (+ b c))"),
        ("a ?? b ?? c", "(?? a (?? b c))"),
        ("(a ?? b) ?? c", "(?? (?? a b) c)"),
        ("e.x ?? 0 > 5", "(> (?? (. e x) (int 0)) (int 5))"),
        ("a + b >= c * d", "(>= (+ a b) (* c d))"),
        ("x in 1..5", "(in x (.. (int 1) (int 5)))"),
        ("x in 0.75..<1", "(in x (..< (dec 0.75) (int 1)))"),
        ("x not in [1, 2]", "(not-in x (list (int 1) (int 2)))"),
        ("x + 1 in a..b + 1", "(in (+ x (int 1)) (.. a (+ b (int 1))))"),
        ("x is missing", "(is-missing x)"),
        ("x is present", "(is-present x)"),
        ("x is not missing", "(is-present x)"),
        ("x is not present", "(is-missing x)"),
        ("a ?? b is missing", "(is-missing (?? a b))"),
        ("not x is missing", "(not (is-missing x))"),
        ("if a then b else c + 1", "(if a b (+ c (int 1)))"),
        ("if a then if b then 1 else 2 else 3", "(if a (if b (int 1) (int 2)) (int 3))"),
        ("if a or b then 1 else 2", "(if (or a b) (int 1) (int 2))"),
        ("(if a then 1 else 2) + 3", "(+ (if a (int 1) (int 2)) (int 3))"),
        ("f(x, y).z", "(. (call f x y) z)"),
        ("e.a.b.c", "(. (. (. e a) b) c)"),
        ("round(x * 2, 2, half_up)", "(call round (* x (int 2)) (int 2) half_up)"),
        ("count(w in e.ws where w.a > 1)", "(call count (for w (. e ws) where (> (. w a) (int 1))))"),
        ("sum(w.a * 2 for w in e.ws where w.b)", "(call sum (for w (. e ws) where (. w b) map (* (. w a) (int 2))))"),
        ("any(w in e.ws)", "(call any (for w (. e ws)))"),
        ("max(a, b, 3)", "(call max a b (int 3))"),
        ("S { a: 1, b: \"x\" }", "(record S (a (int 1)) (b \"x\"))"),
        ("base with { a: 2 }", "(with base (a (int 2)))"),
        ("S {} with { a: 2 }", "(with (record S) (a (int 2)))"),
        ("m.S { a: 1 }", "(record m.S (a (int 1)))"),
        ("3 days + 1 month", "(+ (duration (int 3) days) (duration (int 1) month))"),
        ("-2 weeks", "(- (duration (int 2) weeks))"),
        ("[]", "(list)"),
        ("[1, [2], missing]", "(list (int 1) (list (int 2)) missing)"),
        ("true and false", "(and true false)"),
        ("50% * 2", "(* (pct 50%) (int 2))"),
        ("15_000.50", "(dec 15_000.50)"),
        ("2025-06-01", "(date 2025-06-01)"),
        ("2025-06-01T09:00:00+03:00[Europe/Moscow]", "(datetime 2025-06-01T09:00:00+03:00[Europe/Moscow])"),
        ("\"a\\\"b\"", "\"a\\\"b\""),
        ("численность * 2", "(* численность (int 2))"),
        ("Class.harmful_3_1", "(. Class harmful_3_1)"),
    ])
    func precedence(_ source: String, _ dump: String) {
        #expect(expr(source) == dump)
    }

    @Test func expressionsContinueOnTheNextLineAfterAnOperator() {
        #expect(expr("a and\n    b") == "(and a b)")
        #expect(expr("a\n    and b") == "(and a b)")
        #expect(expr("[\n 1,\n 2\n]") == "(list (int 1) (int 2))")
    }

    @Test func comparisonsDoNotChain() {
        #expect(errors("const c = a < b < c\n").first == "E0112@1:17")
        #expect(errors("const c = a == b != c\n").first == "E0112@1:18")
        #expect(errors("const c = a < b and b < c\n").isEmpty)
    }

    @Test func aChainedComparisonIsOneError() {
        withKnownIssue("after E0112 the rest of the chain is reported again as E0110 ‘unexpected ‘<’ in const c’") {
            #expect(errors("const c = a < b < c\n") == ["E0112@1:17"])
        }
    }

    @Test func reservedWordsCannotBeNames() {
        #expect(errors("schema S {\n    in: int\n    and: bool\n}\n") == ["E0106@2:5", "E0106@3:5"])
        #expect(errors("indicator missing on e: S\n    when true\n") == ["E0106@1:11"])
        // A reserved word where an expression should be.
        #expect(errors("const c = 1 + then\n").first == "E0105@1:15")
    }

    @Test func contextualKeywordsMayNameFields() {
        let (syntax, diagnostics) = parse("schema S {\n    weight: int\n    source: string\n    when: date\n    value: int\n}\n")
        #expect(diagnostics.isEmpty)
        guard case .schema(let s)? = syntax.declarations.first?.kind else { Issue.record("no schema"); return }
        #expect(s.fields.map(\.name.name) == ["weight", "source", "when", "value"])
    }

    // MARK: - Declarations

    @Test func everyDeclarationKind() throws {
        let text = """
            module a.b
            import c.d
            import e
            source "file basis"

            schema S "S title" {
                x: int "x title"
                y: (list of int)?
                z: list of T
            }
            enum E { p "P", q }
            const k "K" : money = 1
                effective 2025-01-01 until 2025-12-31
                source "s1", "s2"
                note "n"
            lookup l : E -> int? {
                p, q => 1
                else => missing
            }
            indicator i "I" on s: S
                unconfirmed "why"
                when s.x > 0
                weight 2
                because "x is {s.x}, braces {{ and }}"
            value v on s: S : int = s.x + 1
            score sc on s: S { i, other.ind }
            score everything on s: S { all }
            table t on s: S hit collect sum {
                | s.x | => out: int |
                | - | 1 |
            }
            test "T" as of 2025-06-01 {
                given S { x: 1 }
                expect fired i
                expect not fired i
                expect undetermined i missing x, y
                expect not in force i
                expect v >= 2
            }
            """
        let (syntax, diagnostics) = parse(text)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.code))")
        #expect(syntax.module?.description == "a.b")
        #expect(syntax.imports.map(\.name.description) == ["c.d", "e"])
        #expect(syntax.fileSource?.value == "file basis")
        let kinds = syntax.declarations.map { d -> String in
            switch d.kind {
            case .schema: return "schema"
            case .enumeration: return "enum"
            case .constant: return "const"
            case .lookup: return "lookup"
            case .indicator: return "indicator"
            case .value: return "value"
            case .score: return "score"
            case .table: return "table"
            case .test: return "test"
            default: return "other"
            }
        }
        #expect(kinds == ["schema", "enum", "const", "lookup", "indicator", "value", "score", "score", "table", "test"])
        let dump = ASTDump.dump(syntax)
        #expect(dump.contains("(field y (optional (list int)))"))
        #expect(dump.contains("(const k \"K\" (effective 2025-01-01 2025-12-31) (source \"s1\") (source \"s2\") (note \"n\") :money (int 1))"))
        #expect(dump.contains("(p q => (int 1))"))
        #expect(dump.contains("(else missing)"))
        #expect(dump.contains("(because \"x is \" {(. s x)} \", braces { and }\")"))
        #expect(dump.contains("(score sc (on s S) i other.ind)"))
        #expect(dump.contains("(score everything (on s S) all )"))
        #expect(dump.contains("hit collect sum"))
        #expect(dump.contains("(expect undetermined i missing x y)"))
        #expect(dump.contains("(expect >= v (int 2))"))
        #expect(dump.contains("(expect not-in-force i)"))
    }

    @Test func clausesMayComeInAnyOrderAndEffectiveEndsAreOptional() {
        let (syntax, diagnostics) = parse("""
            indicator i on s: S
                because "b"
                when s.x > 0
                until 2025-12-31
                weight 3
            const a = 1
                until 2024-12-31
            const b = 2
                effective 2025-01-01
            """)
        #expect(diagnostics.isEmpty)
        let dump = ASTDump.dump(syntax)
        #expect(dump.contains("(indicator i (on s S) (effective - 2025-12-31)\n  (when (> (. s x) (int 0)))\n  (weight (int 3))\n  (because \"b\"))"))
        #expect(dump.contains("(const a (effective - 2024-12-31) (int 1))"))
        #expect(dump.contains("(const b (effective 2025-01-01 -) (int 2))"))
    }

    @Test func sourceAfterADeclarationIsAClause() {
        // At the top, `source` is the file's basis; after a declaration it starts a clause of it.
        let (syntax, diagnostics) = parse("const a = 1\nsource \"for a\"\n")
        #expect(diagnostics.isEmpty)
        #expect(syntax.fileSource == nil)
        #expect(ASTDump.dump(syntax) == "(const a (source \"for a\") (int 1))\n")
    }

    @Test func aClauseKeywordAtTheStartOfALineEndsTheExpression() {
        #expect(errors("indicator i on s: S\n    when s.x >\n    weight 2\n") == ["E0105@2:15"])
        let (syntax, _) = parse("indicator i on s: S\n    when s.x >\n    weight 2\n")
        #expect(ASTDump.dump(syntax).contains("(weight (int 2))"))
    }

    @Test func tableCellsOfEveryKind() {
        let (syntax, diagnostics) = parse("""
            table t on e: E hit first {
                | e.a | e.b | e.c | => out: string "Выход" | n |
                | - | missing | present | "x" | - |
                | >= 1 | < 0.75 | != "s" | "y" | 1 |
                | 1..5 | 0.75..<1 | "a", "b" | "z" | 2 |
                | not 1, 2 | e.d | not missing | "w" | 3 |
                | -5 | > e.d | x in [1] | "v" | 4 |
            }
            """)
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.code))")
        let dump = ASTDump.dump(syntax)
        #expect(dump.contains("(outputs out:string \"Выход\" n)"))
        #expect(dump.contains("(row - missing present => \"x\" -)"))
        #expect(dump.contains("(row (>= (int 1)) (< (dec 0.75)) (!= \"s\") => \"y\" (int 1))"))
        #expect(dump.contains("(row (.. (int 1) (int 5)) (..< (dec 0.75) (int 1)) (one-of \"a\" \"b\") => \"z\" (int 2))"))
        #expect(dump.contains("(row (none-of (int 1) (int 2)) (one-of (. e d)) (none-of missing) => \"w\" (int 3))"))
        #expect(dump.contains("(row (one-of (- (int 5))) (> (. e d)) (one-of (in x (list (int 1)))) => \"v\" (int 4))"))
    }

    @Test(arguments: HitPolicy.allCases)
    func everyHitPolicyParses(_ policy: HitPolicy) {
        let (syntax, diagnostics) = parse("table t on e: E hit \(policy.rawValue) {\n    | e.a | => n: int |\n    | - | 1 |\n}\n")
        #expect(diagnostics.isEmpty)
        guard case .table(let t)? = syntax.declarations.first?.kind else { Issue.record("no table"); return }
        #expect(t.hitPolicy == policy)
        #expect(t.hitPolicyRange != nil)
    }

    @Test func theDefaultHitPolicyIsUnique() {
        let (syntax, _) = parse("table t on e: E {\n    | e.a | => n |\n    | - | 1 |\n}\n")
        guard case .table(let t)? = syntax.declarations.first?.kind else { Issue.record("no table"); return }
        #expect(t.hitPolicy == .unique)
        #expect(t.hitPolicyRange == nil)
    }

    @Test func templatesSplitTextAndHoles() throws {
        let (syntax, diagnostics) = parse("indicator i on e: E\n    when true\n    because \"{e.a} из {{{e.b + 1}}} \\\"q\\\"\"\n")
        #expect(diagnostics.isEmpty, "\(diagnostics.map(\.code))")
        guard case .indicator(let i)? = syntax.declarations.first?.kind, let template = i.because else {
            Issue.record("no template")
            return
        }
        #expect(template.parts.count == 4)
        #expect(ASTDump.template(template) == "{(. e a)} \" из {\" {(+ (. e b) (int 1))} \"} \\\"q\\\"\"")
        // Holes keep their real positions in the file.
        guard case .hole(let first) = template.parts[0] else { Issue.record("not a hole"); return }
        #expect(syntax.file.location(of: Int(first.range.start)).description == "3:15")
    }

    @Test func aStringLiteralInsideATemplateHole() {
        // The hole's text is lexed from the raw bytes of the enclosing string, where its quotes are
        // written escaped (`\"`): a string literal inside `{…}` cannot be written at all.
        let text = "indicator i on e: E\n    when true\n    because \"{if e.x then \\\"да\\\" else \\\"нет\\\"}\"\n"
        withKnownIssue("escaped quotes in a hole give E0001 ‘\\’ and E0003 instead of a string literal") {
            #expect(errors(text).isEmpty)
        }
    }

    @Test func templateErrors() {
        #expect(errors("indicator i on e: E\n    when true\n    because \"a {e.x\"\n") == ["E0113@3:16"])
        #expect(errors("indicator i on e: E\n    when true\n    because \"a {} b\"\n") == ["E0114@3:16"])
        #expect(errors("indicator i on e: E\n    when true\n    because \"a {e.x e.y} b\"\n") == ["E0115@3:21"])
    }

    // MARK: - Errors and recovery

    @Test func oneRunReportsEveryErrorAndKeepsTheGoodDeclarations() {
        let text = """
            schema S {
                a: int
                b int
                c: bool
            }
            const x = 1 +
            const y = 2
            indicator i on s: S
                when s.a > > 1
                weight 2
            bogus words here
            indicator j on s: S
                when s.c
            test "t" as of 2025-06-01 {
                given S { a: 1 c: true }
                expect fired j
            }
            """
        let (syntax, diagnostics) = parse(text)
        let file = syntax.file
        let found = diagnostics.map { "\($0.code)@\(file.location(of: Int($0.range.start)))" }
        // Every faulty line is reported, each at the right place.
        for expected in ["E0105@3:7", "E0105@6:14", "E0105@9:16", "E0110@11:1", "E0107@15:20"] {
            #expect(found.contains(expected), "\(expected) not in \(found)")
        }
        let lines = Set(diagnostics.map { file.location(of: Int($0.range.start)).line })
        #expect(lines.isSuperset(of: [3, 6, 9, 11, 15]))
        let names = syntax.declarations.compactMap { $0.name?.name }
        #expect(names == ["S", "x", "y", "i", "j"])
        #expect(syntax.declarations.count == 6)
        let dump = ASTDump.dump(syntax)
        #expect(dump.contains("(field a int)"))
        #expect(dump.contains("(field c bool)"))
        #expect(dump.contains("(const y (int 2))"))
        #expect(dump.contains("(weight (int 2))"))
        #expect(dump.contains("(when (. s c))"))
    }

    @Test func aMissingOperandIsOneError() {
        // `when s.a > > 1`: one typo, one diagnostic (not also “comparisons cannot be chained”).
        withKnownIssue("the error node does not consume the second ‘>’: E0112 and E0110 follow the E0105") {
            #expect(errors("indicator i on s: S\n    when s.a > > 1\n") == ["E0105@2:16"])
        }
    }

    @Test func moduleClauseErrors() {
        #expect(errors("module a\nmodule b\n") == ["E0102@2:8"])
        #expect(errors("import x\nmodule a\n") == ["E0103@2:1"])
        #expect(errors("module a extra\n") == ["E0104@1:10"])
    }

    @Test func strayTextAfterADeclaration() {
        #expect(errors("schema S {\n    a: int\n} extra\n") == ["E0104@3:3"])
        #expect(errors("enum E { a, b \"B\", c }\n").isEmpty)
        #expect(errors("enum E { a \"A\" 5 }\n").first == "E0107@1:16")
    }

    @Test func anErrorInsideAOneLineBlockKeepsItsClosingBrace() {
        // Recovery skips to the next line; on a one-line block that swallows the block's `}`, and the
        // parser then reports a second, spurious error (and, in a test, takes the next lines as fields).
        withKnownIssue("skipToLineStart() also skips the ‘}’ of a one-line block: a spurious E0105 ‘expected }’ follows") {
            #expect(errors("enum E { a \"A\" 5 }\n") == ["E0107@1:16"])
            #expect(errors("test \"t\" as of 2025-06-01 {\n    given S { a: 1 c: true }\n    expect fired j\n}\n") == ["E0107@2:20"])
        }
    }

    @Test func duplicateAndMissingClauses() {
        #expect(errors("indicator i on e: E\n    when true\n    when false\n") == ["E0109@3:5"])
        #expect(errors("indicator i on e: E\n    weight 1\n") == ["E0111@1:11"])
        #expect(errors("test \"t\" as of 2025-01-01 {\n    expect fired i\n}\n") == ["E0111@1:6"])
        #expect(errors("test \"t\" as of 2025-01-01 {\n    given S {}\n    given S {}\n}\n") == ["E0109@3:5"])
        #expect(errors("indicator i on e: E\n    effective 2025-01-01\n    effective 2026-01-01\n    when true\n") == ["E0109@3:5"])
    }

    @Test func unexpectedClause() throws {
        let (_, diagnostics) = parse("indicator i on e: E\n    when true\n    colour red\n")
        let d = try #require(diagnostics.first)
        #expect(diagnostics.map(\.code) == ["E0110"])
        #expect(d.message(in: .en) == "unexpected ‘colour’ in indicator i; expected one of: because, weight, when, effective, note, source, unconfirmed, until")
    }

    @Test func missingSubjectBinding() {
        #expect(errors("indicator i\n    when true\n") == ["E0105@1:12"])
        #expect(errors("value v on e S = 1\n").first == "E0105@1:14")
    }

    @Test func tableErrors() {
        #expect(errors("table t on e: E hit sometimes {\n    | e.a | => n |\n}\n") == ["E0117@1:21"])
        #expect(errors("table t on e: E {\n    | e.a | n |\n    | - | 1 |\n}\n").first == "E0118@1:7")
        #expect(errors("table t on e: E {\n    | e.a | => n |\n    | - | 1 | 2 |\n}\n") == ["E0119@3:5"])
        #expect(errors("table t on e: E {\n    | e.a | => n |\n    - | 1 |\n}\n") == ["E0116@3:5"])
    }

    @Test func aRowWithTheWrongWidthIsDroppedAndTheOthersKept() throws {
        let (syntax, diagnostics) = parse("table t on e: E hit first {\n    | e.a | => n |\n    | 1 |\n    | 2 | 3 |\n}\n")
        #expect(diagnostics.map(\.code) == ["E0119"])
        guard case .table(let t)? = syntax.declarations.first?.kind else { Issue.record("no table"); return }
        #expect(t.rows.count == 1)
    }

    @Test func deepNestingIsReportedOnce() {
        let deep = "const c = " + String(repeating: "(", count: 200) + "1" + String(repeating: ")", count: 200) + "\n"
        let found = errors(deep)
        #expect(found.count == 1)
        #expect((found.first ?? "").hasPrefix("E0108@1:"))
        // Just below the limit is fine.
        let fine = "const c = " + String(repeating: "(", count: 40) + "1" + String(repeating: ")", count: 40) + "\n"
        #expect(errors(fine).isEmpty)
        // The declarations after the deep one still parse.
        let (syntax, _) = parse(deep + "const d = 2\n")
        let names = syntax.declarations.compactMap { $0.name?.name }
        #expect(names.contains("d"))
    }

    @Test func expectationErrors() {
        #expect(errors("test \"t\" as of 2025-01-01 {\n    given S {}\n    expect v 3\n}\n").first == "E0105@3:14")
        #expect(errors("test \"t\" as of 2025-01-01 {\n    given S {}\n    hope fired v\n}\n") == ["E0107@3:5"])
        #expect(errors("test \"t\" as of 01.06.2025 {\n    given S {}\n}\n").first == "E0105@1:16")
    }

    @Test func aMissingNameAtTheEndOfALineIsNotTakenFromTheNextLine() {
        // `expect fired` with the name forgotten: the next line's `expect` is read as the name.
        let text = "test \"t\" as of 2025-06-01 {\n    given S {}\n    expect fired\n    expect fired j\n}\n"
        let (syntax, _) = parse(text)
        withKnownIssue("parseQualifiedName does not stop at a line break: the tree has ‘(expect fired expect)’ and ‘fired’ is unexpected") {
            #expect(errors(text) == ["E0105@3:17"])
            #expect(ASTDump.dump(syntax).contains("(expect fired j)"))
        }
    }

    @Test func lexicalErrorsAreNotReportedTwice() {
        // The lexer reports the bad character; the parser does not add “expected …, found invalid token”.
        let found = errors("indicator i on e: E\n    when e.a > 1 @\n")
        #expect(found == ["E0001@2:18"])
    }
}

/// Golden parser tests: `Golden/parser/NAME.rules` parses to the tree in `NAME.ast`
/// (`ASTDump.dump`). `ETALON_RECORD_GOLDEN=1` rewrites the expected trees.
@Suite struct ParserGoldenTests {
    static let inputs = Support.goldenInputs("parser", suffix: ".rules")

    @Test func thereAreGoldenInputs() {
        #expect(Self.inputs.count >= 10)
    }

    @Test(arguments: inputs)
    func parsesToTheRecordedTree(_ name: String) throws {
        let text = try #require(Support.readGolden("parser/" + name))
        let file = SourceFile(id: 0, path: "parser/" + name, text: text)
        let (syntax, diagnostics) = RuleDSL.parse(file)
        let base = String(name.dropLast(".rules".count))
        Support.assertGolden(ASTDump.dump(syntax), "parser/\(base).ast")
        // Only the file about recovery has syntax errors.
        let errors = diagnostics.filter { $0.severity == .error }
        if base == "recovery" {
            #expect(errors.count >= 6)
        } else {
            #expect(errors.isEmpty, "\(DiagnosticFormatter(files: [file], language: .en).render(errors))")
        }
    }
}
