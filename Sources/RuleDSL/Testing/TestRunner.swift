/// Runs the `test` blocks of a compiled rule set: evaluates each test's record as of its date and
/// checks every expectation, keeping the actual value of each failure for the report.
public enum TestRunner {
    /// Runs every test; `today` is the date for tests without `as of`.
    public static func run(_ ruleSet: CompiledRuleSet, today: CivilDate) -> [TestResult] {
        let program = ruleSet.program
        let compiler = Compiler(program: program, tracing: false)
        let formatter = ValueFormatter(language: .en, enums: program.enums, schemas: program.schemas)
        return program.tests.compactMap { location -> TestResult? in
            let declaration = program.declaration(location)
            guard case .test(let test) = declaration.kind else { return nil }
            let asOf = test.asOf.flatMap { CivilDate(iso: $0.text) } ?? today
            let file = program.files[location.file].file
            let line = file.location(of: Int(test.title.range.start)).line
            var scratch = Frame(subject: RecordValue(schema: 0, slots: []), layout: ruleSet.layout,
                                localSlots: program.localSlots, asOf: asOf, budget: CompiledRuleSet.defaultCostLimit,
                                scratchSlots: program.tableColumns, registers: ruleSet.registers)
            for step in ruleSet.plans[ruleSet.planIndex(for: asOf)].constants { step.run(&scratch) }
            guard let given = test.given, case .record(let record) = compiler.compile(given).asValue(&scratch) else {
                return TestResult(title: test.title.value, path: file.path, line: line, asOf: asOf, failures: [
                    TestFailure(line: line, expectation: "given", message: "the given record could not be built")])
            }
            let evaluation = ruleSet.evaluate(record, asOf: asOf)
            var failures: [TestFailure] = []
            var scratch2 = Frame(subject: record, layout: ruleSet.layout, localSlots: program.localSlots,
                                 asOf: asOf, budget: CompiledRuleSet.defaultCostLimit, scratchSlots: program.tableColumns, registers: ruleSet.registers)
            for expectation in test.expectations {
                guard case .rule(let rule)? = program.resolutions[expectation.id] else { continue }
                let result = evaluation.result(rule: rule)
                let text = file.text(of: expectation.range)
                let expLine = file.location(of: Int(expectation.range.start)).line
                if let failure = check(expectation.kind, result, evaluation, compiler: compiler, frame: &scratch2, formatter: formatter,
                                       fields: program.expectationFields[expectation.id] ?? [], program: program) {
                    failures.append(TestFailure(line: expLine, expectation: text, message: failure))
                }
            }
            return TestResult(title: test.title.value, path: file.path, line: line, asOf: asOf, failures: failures,
                              expectationCount: test.expectations.count)
        }
    }

    /// Nil when the expectation holds; otherwise what was found instead.
    private static func check(
        _ kind: ExpectationKind, _ result: RuleResult, _ evaluation: Evaluation, compiler: Compiler, frame: inout Frame,
        formatter: ValueFormatter, fields: [Int], program: CheckedProgram
    ) -> String? {
        let found = describe(result, evaluation, formatter)
        switch kind {
        case .fired:
            return result.outcome == .fired ? nil : "expected fired, got \(found)"
        case .notFired:
            return result.outcome == .notFired ? nil : "expected not fired, got \(found)"
        case .notInForce:
            return result.outcome == .notInForce ? nil : "expected not in force, got \(found)"
        case .error:
            return result.outcome == .error ? nil : "expected an error, got \(found)"
        case .undetermined(_, let missing):
            guard result.outcome == .undetermined else { return "expected undetermined, got \(found)" }
            let actual = evaluation.missingFields(result)
            let wanted = missing.map(\.description)
            let absent = wanted.filter { !actual.contains($0) }
            return absent.isEmpty ? nil : "expected missing \(wanted.joined(separator: ", ")), got missing \(actual.joined(separator: ", "))"
        case .compare(_, let op, let expr):
            let expected = compiler.compile(expr).asValue(&frame)
            let actual: Value
            if result.kind == .indicator {
                switch result.outcome {
                case .fired: actual = .bool(true)
                case .notFired, .notInForce: actual = .bool(false)
                default: actual = .missing
                }
            } else {
                actual = result.value
            }
            var type = result.type
            var target = actual
            for slot in fields {
                if case .record(let s) = type.base { type = program.schemas[s].fields[slot].type }
                if case .record(let r) = target, slot < r.slots.count { target = r.slots[slot] } else { target = .missing }
            }
            if ValueOrder.test(op, target, expected) == .yes { return nil }
            let shown = fields.isEmpty ? found : literal(target, type, formatter)
            return "expected \(op.rawValue) \(literal(expected, type, formatter)), got \(shown)"
        }
    }

    /// A value as a test would write it: true/false rather than yes/no.
    static func literal(_ value: Value, _ type: RType, _ formatter: ValueFormatter) -> String {
        if case .bool(let b) = value { return b ? "true" : "false" }
        return formatter.format(value, as: type)
    }

    static func describe(_ result: RuleResult, _ evaluation: Evaluation, _ formatter: ValueFormatter) -> String {
        switch result.outcome {
        case .fired, .notInForce: return result.outcome == .fired ? "fired" : "not in force"
        case .notFired: return "not fired"
        case .undetermined:
            let missing = evaluation.missingFields(result)
            return missing.isEmpty ? "undetermined" : "undetermined (missing \(missing.joined(separator: ", ")))"
        case .error:
            return "error: \(result.failure?.message(in: .en) ?? "unknown")"
        case .determined:
            return literal(result.value, result.type, formatter)
        }
    }
}

/// The outcome of one test block.
public struct TestResult: Sendable {
    public let title: String
    public let path: String
    public let line: Int
    public let asOf: CivilDate
    public let failures: [TestFailure]
    public var expectationCount: Int = 0

    public var passed: Bool { failures.isEmpty }
}

/// One expectation that did not hold.
public struct TestFailure: Sendable {
    public let line: Int
    public let expectation: String
    public let message: String
}
