import ProcessModel
public import RuleDSL

/// Writes evaluations to the decision log: one run per evaluation of a facts file, one decision per
/// rule and record (outcome, value, explanation in the given language, missing fields).
public final class DecisionRecorder {
    let log: DecisionLog
    let run: Int64
    let language: MessageLanguage
    let formatter: ValueFormatter
    let keyField: Int?
    private(set) var records = 0

    /// Opens the log at `path` and starts a run for the rule set `loaded` as of `asOf` over `facts`.
    public init(path: String, ruleSetHash: String, ruleSetPaths: [String], ruleSet: CompiledRuleSet, schema: SchemaInfo,
                asOf: CivilDate, facts: String, language: MessageLanguage) throws {
        log = try DecisionLog(path: path)
        run = try log.beginRun(ruleSetHash: ruleSetHash, ruleSetPaths: ruleSetPaths, asOf: asOf, facts: facts)
        self.language = language
        formatter = ValueFormatter(language: language, enums: ruleSet.enums, schemas: ruleSet.schemas)
        keyField = schema.fields.isEmpty ? nil : 0
    }

    /// Records one evaluated record.
    public func record(_ number: Int, _ evaluation: Evaluation) throws {
        records += 1
        let key = keyField.map { formatter.format(evaluation.record.slots[$0], as: .string) }
        let decisions = evaluation.results.filter { $0.outcome != .notInForce }.map { r in
            Decision(
                rule: r.qualifiedName, kind: r.kind.rawValue, outcome: r.outcome.rawValue,
                value: r.value.isMissing || (r.kind == .indicator && r.outcome != .fired) ? nil : formatter.format(r.value, as: r.type),
                explanation: r.outcome == .fired ? evaluation.because(r, language: language) : r.failure?.message(in: language),
                missing: evaluation.missingFields(r))
        }
        try log.record(run: run, recordNumber: number, key: key, decisions: decisions)
    }

    /// Closes the run.
    public func finish(rejected: Int) throws -> Int64 {
        try log.finishRun(run, records: records, rejected: rejected)
        return run
    }
}
