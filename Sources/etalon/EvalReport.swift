import Foundation
import RuleDSL

/// Prints evaluation results record by record (text or JSON lines) and a summary at the end.
final class EvalReport {
    let ruleSet: CompiledRuleSet
    let schema: SchemaInfo
    let language: MessageLanguage
    let explain: Bool
    let json: Bool
    let limit: Int?
    let out: StandardOutput
    let formatter: ValueFormatter
    private var printed = 0
    private var evaluated = 0
    /// Per rule: outcome counts, and for determined results the count of each value.
    private var outcomeCounts: [String: [Outcome: Int]] = [:]
    private var valueCounts: [String: [String: Int]] = [:]
    private var order: [String] = []
    private var kinds: [String: RuleKind] = [:]

    init(ruleSet: CompiledRuleSet, schema: SchemaInfo, language: MessageLanguage, explain: Bool, json: Bool, limit: Int?,
         out: StandardOutput) {
        self.ruleSet = ruleSet
        self.schema = schema
        self.language = language
        self.explain = explain
        self.json = json
        self.limit = limit
        self.out = out
        self.formatter = ValueFormatter(language: language, enums: ruleSet.enums, schemas: ruleSet.schemas)
    }

    var ru: Bool { language == .ru }

    func header(asOf: CivilDate, factsPath: String) {
        out.line(ru ? "Оценка записей \(schema.name) из \(factsPath) на дату \(asOf.russianText)"
                    : "Evaluating \(schema.name) records from \(factsPath) as of \(asOf)")
        out.line()
        out.flush()
    }

    /// An identifying label for a record: its first field's value.
    private func label(_ evaluation: Evaluation) -> String {
        guard let first = schema.fields.first, let value = evaluation.record.slots.first else { return "" }
        return "\(first.name) \(formatter.format(value, as: first.type))"
    }

    func record(row: Int, _ evaluation: Evaluation) {
        evaluated += 1
        let results = evaluation.results
        for r in results {
            if outcomeCounts[r.name] == nil {
                order.append(r.name)
                kinds[r.name] = r.kind
            }
            outcomeCounts[r.name, default: [:]][r.outcome, default: 0] += 1
            if r.kind != .indicator, r.outcome == .determined, isDiscrete(r.type) {
                valueCounts[r.name, default: [:]][formatter.format(r.value, as: r.type), default: 0] += 1
            }
        }
        if let limit, printed >= limit { return }
        printed += 1
        if json { printJSON(row: row, evaluation, results) } else { printText(row: row, evaluation, results) }
    }

    private func isDiscrete(_ type: RType) -> Bool {
        switch type.base {
        case .string, .enumeration, .bool, .int: return true
        default: return false
        }
    }

    // MARK: - Text

    private func printText(row: Int, _ evaluation: Evaluation, _ results: [RuleResult]) {
        out.line("── \(row). \(label(evaluation)) " + String(repeating: "─", count: max(4, 60 - label(evaluation).count)))
        var notFired: [String] = []
        var notInForce = 0
        // Indicators first, then conclusions; intermediate values only with --explain.
        let ordered = results.filter { $0.kind == .indicator } + results.filter {
            $0.kind != .indicator && (explain || !ruleSet.isReadByOtherRules($0.index) || $0.kind == .table || $0.kind == .score)
        }
        for r in ordered {
            switch (r.kind, r.outcome) {
            case (_, .notInForce):
                notInForce += 1
            case (.indicator, .notFired):
                notFired.append(r.name)
                if explain {
                    out.line("  · \(r.name) \(ru ? "не сработал" : "not fired")")
                    printTrace(evaluation, r)
                }
            case (.indicator, .fired):
                let weight = formatter.format(r.value, as: .decimal)
                out.line("  ✔ \(r.name)\(r.title.map { " — \($0)" } ?? "") (\(ru ? "вес" : "weight") \(weight))")
                if let because = evaluation.because(r, language: language) { out.line("      \(because)") }
                printBasis(r)
                if explain { printTrace(evaluation, r) }
            case (_, .undetermined):
                let missing = evaluation.missingFields(r)
                let what = missing.isEmpty ? "" : (ru ? " — нет данных: " : " — missing: ") + missing.joined(separator: ", ")
                out.line("  ? \(r.name)\(r.kind == .indicator ? "" : "") \(ru ? "не определено" : "undetermined")\(what)")
                if explain { printTrace(evaluation, r) }
            case (_, .error):
                out.line("  ! \(r.name) \(ru ? "ошибка" : "error"): \(r.failure?.message(in: language) ?? "")")
            default:
                var line = "  = \(r.name) = \(formatter.format(r.value, as: r.type))"
                if !r.determinedDespite.isEmpty {
                    line += ru ? "  (определено, хотя не определены: \(r.determinedDespite.joined(separator: ", ")))"
                               : "  (determined although \(r.determinedDespite.joined(separator: ", ")) undetermined)"
                }
                out.line(line)
                if explain { printTrace(evaluation, r) }
            }
        }
        if !notFired.isEmpty { out.line("  · \(ru ? "не сработали" : "not fired"): \(notFired.joined(separator: ", "))") }
        if notInForce > 0 { out.line("  · \(ru ? "не действуют на дату" : "not in force on the date"): \(notInForce)") }
        out.line()
    }

    private func printBasis(_ r: RuleResult) {
        for source in r.sources { out.line("      \(ru ? "основание" : "basis"): \(source)") }
        if let unconfirmed = r.unconfirmed { out.line("      \(ru ? "НЕ ПОДТВЕРЖДЕНО" : "UNCONFIRMED"): \(unconfirmed)") }
    }

    private func printTrace(_ evaluation: Evaluation, _ r: RuleResult) {
        for line in evaluation.trace(r, language: language) {
            let indent = String(repeating: "  ", count: line.depth + 3)
            let value = line.value.map { $0.isEmpty ? "" : " → \($0)" } ?? (ru ? "  (не вычислялось)" : "  (not evaluated)")
            out.line("\(indent)\(line.text)\(value)")
        }
    }

    // MARK: - JSON

    private func printJSON(row: Int, _ evaluation: Evaluation, _ results: [RuleResult]) {
        var members: [(String, String)] = []
        for r in results where r.outcome != .notInForce {
            var fields: [(String, String)] = [("outcome", JSONWriter.quote(r.outcome.rawValue))]
            // An indicator's value is its weight, and only when it fired.
            let value = r.kind == .indicator && r.outcome != .fired ? Value.missing : r.value
            fields.append(("value", JSONWriter.value(value, enums: ruleSet.enums, schemas: ruleSet.schemas)))
            if let because = evaluation.because(r, language: language), r.outcome == .fired {
                fields.append(("because", JSONWriter.quote(because)))
            }
            let missing = evaluation.missingFields(r)
            if !missing.isEmpty { fields.append(("missing", JSONWriter.array(missing.map(JSONWriter.quote)))) }
            if let failure = r.failure { fields.append(("error", JSONWriter.quote(failure.message(in: language)))) }
            if !r.determinedDespite.isEmpty {
                fields.append(("determined_despite", JSONWriter.array(r.determinedDespite.map(JSONWriter.quote))))
            }
            if r.kind == .indicator, r.outcome == .fired {
                fields.append(("sources", JSONWriter.array(r.sources.map(JSONWriter.quote))))
                if let u = r.unconfirmed { fields.append(("unconfirmed", JSONWriter.quote(u))) }
            }
            if explain {
                fields.append(("trace", JSONWriter.array(evaluation.trace(r, language: language).map { line in
                    JSONWriter.object([("depth", String(line.depth)), ("expression", JSONWriter.quote(line.text)),
                                       ("value", line.value.map(JSONWriter.quote) ?? "null")])
                })))
            }
            members.append((r.name, JSONWriter.object(fields)))
        }
        out.line(JSONWriter.object([("row", String(row)), ("as_of", JSONWriter.quote(evaluation.asOf.description)),
                                    ("results", JSONWriter.object(members))]))
    }

    // MARK: - Summary

    func summary(rejected: Int) {
        out.line(ru ? "══ Итого: оценено записей \(evaluated), отклонено \(rejected)" : "══ Summary: \(evaluated) records evaluated, \(rejected) rejected")
        for name in order where kinds[name] == .indicator {
            let c = outcomeCounts[name] ?? [:]
            if c[.notInForce] == evaluated { continue }
            out.line("  \(name.padding(toLength: 28, withPad: " ", startingAt: 0)) "
                + (ru ? "сработал \(c[.fired] ?? 0), не определён \(c[.undetermined] ?? 0), ошибок \(c[.error] ?? 0)"
                      : "fired \(c[.fired] ?? 0), undetermined \(c[.undetermined] ?? 0), errors \(c[.error] ?? 0)"))
        }
        for name in order where kinds[name] != .indicator {
            guard let values = valueCounts[name], !values.isEmpty else { continue }
            let undetermined = outcomeCounts[name]?[.undetermined] ?? 0
            let top = values.sorted { $0.value > $1.value || ($0.value == $1.value && $0.key < $1.key) }.prefix(8)
            var text = top.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
            if undetermined > 0 { text += ru ? ", не определено: \(undetermined)" : ", undetermined: \(undetermined)" }
            out.line("  \(name.padding(toLength: 28, withPad: " ", startingAt: 0)) \(text)")
        }
    }
}
