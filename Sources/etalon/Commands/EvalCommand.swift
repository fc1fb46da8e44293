import Foundation
import RuleDSL
import Server

/// `etalon eval PATH… --facts FILE`: evaluate records against the rules.
enum EvalCommand: Command {
    static let name = "eval"
    static let synopsis = "PATH… --facts FILE [--as-of DATE] [--schema NAME] [--explain] [--format table|json] [--lang en|ru]"
    static let summary = "Evaluate records (CSV, JSON, JSON lines) against rules, with explanations."
    static let details = """
        Reads records of one schema from --facts (CSV with a header row, a JSON array or object, or
        JSON lines; chosen by the file extension, or --facts-format) and evaluates every rule about
        them as of --as-of (default: today). Each record's indicators are printed fired / not fired /
        undetermined (with the missing fields) / error, with the ‘because’ text, and its values,
        scores and table results; --explain adds a trace of every condition with the actual values.
        A record that does not fit the schema is reported with its row and field, and the other
        records are still evaluated (exit code 1 if any record was rejected).
        --format json prints one JSON object per record (JSON lines).
        """
    static let options = [
        OptionSpec(name: "facts", value: "FILE", help: "The records to evaluate."),
        OptionSpec(name: "facts-format", value: "csv|json|jsonl", help: "Format of --facts when its extension does not say."),
        OptionSpec(name: "as-of", value: "DATE", help: "Evaluate the rules in force on this date (default: today)."),
        OptionSpec(name: "schema", value: "NAME", help: "The schema of the records (needed when rules are about several)."),
        OptionSpec(name: "explain", value: nil, help: "Add a trace of every condition with the actual values."),
        OptionSpec(name: "format", value: "table|json", help: "Readable text (default) or JSON lines."),
        OptionSpec(name: "limit", value: "N", help: "Print at most N records in detail (all are evaluated and summarised)."),
        OptionSpec(name: "db", value: "FILE", help: "Also write every decision to this SQLite decision log (see ‘etalon runs’)."),
        CommonOptions.lang,
    ]

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        guard let factsPath = arguments.value("facts") else { throw UsageError(message: "--facts FILE is required") }
        let format = try arguments.choice("format", ["table", "json"], default: "table")
        let factsFormat = try arguments.value("facts-format").map { value throws(UsageError) -> FactReader.Format in
            guard let f = FactReader.Format(rawValue: value == "json-lines" ? "jsonl" : value) else {
                throw UsageError(message: "--facts-format must be csv, json or jsonl, got ‘\(value)’")
            }
            return f
        }
        let limit = try arguments.value("limit").map { text throws(UsageError) -> Int in
            guard let n = Int(text), n >= 0 else { throw UsageError(message: "--limit expects a whole number, got ‘\(text)’") }
            return n
        }
        let asOf = try arguments.date("as-of") ?? CivilDate.today()
        guard let result = try RuleLoading.compile(arguments.positional, context), let ruleSet = result.ruleSet else { return 1 }
        let schema = try chooseSchema(ruleSet, arguments.value("schema"))
        let report = EvalReport(ruleSet: ruleSet, schema: schema, language: context.language, explain: arguments.has("explain"),
                                json: format == "json", limit: limit, out: context.stdout)
        var rejected = 0
        var evaluator = ruleSet.batchEvaluator(asOf: asOf, schema: schema.index)
        let decoder = FieldDecoder(ruleSet: ruleSet)
        var row = 0
        var recorder: DecisionRecorder?
        if let db = arguments.value("db") {
            do {
                recorder = try DecisionRecorder(
                    path: db, ruleSetHash: RuleSetRegistry.hash(result.files), ruleSetPaths: arguments.positional,
                    ruleSet: ruleSet, schema: schema, asOf: asOf, facts: factsPath, language: context.language)
            } catch {
                context.error("error: \(db): \(error)")
                return 1
            }
        }
        var logError: (any Error)?
        if format == "table" { report.header(asOf: asOf, factsPath: factsPath) }
        let fileError = FactReader.read(path: factsPath, format: factsFormat, schema: schema, decoder: decoder) { record in
            row += 1
            switch record {
            case .success(let r):
                let evaluation = evaluator.evaluate(r)
                report.record(row: row, evaluation)
                if let recorder, logError == nil {
                    do { try recorder.record(row, evaluation) } catch { logError = error }
                }
            case .failure(let error):
                rejected += 1
                context.error((context.language == .ru ? "отклонено: " : "rejected: ") + error.message(in: context.language))
            }
        }
        if let fileError {
            context.error("error: " + fileError.message(in: context.language))
            return 1
        }
        if format == "table" { report.summary(rejected: rejected) }
        if let recorder {
            do {
                if let logError { throw logError }
                let run = try recorder.finish(rejected: rejected)
                if format == "table" {
                    context.stdout.line(context.language == .ru ? "решения записаны: \(arguments.value("db")!), запуск \(run)"
                                                                : "decisions written to \(arguments.value("db")!), run \(run)")
                }
            } catch {
                context.error("error: decision log: \(error)")
                return 1
            }
        }
        return rejected > 0 ? 1 : 0
    }

    /// The schema named by --schema, or the only schema rules are about.
    static func chooseSchema(_ ruleSet: CompiledRuleSet, _ name: String?) throws -> SchemaInfo {
        let candidates = ruleSet.subjectSchemas
        if let name {
            guard let schema = ruleSet.schema(named: name) else {
                throw UsageError(message: "no schema ‘\(name)’; rules are about: \(candidates.map(\.name).joined(separator: ", "))")
            }
            return schema
        }
        guard candidates.count == 1 else {
            if candidates.isEmpty { throw UsageError(message: "the rules have no indicator, value or table about a schema") }
            throw UsageError(message: "the rules are about several schemas (\(candidates.map(\.name).joined(separator: ", "))); choose one with --schema")
        }
        return candidates[0]
    }
}
