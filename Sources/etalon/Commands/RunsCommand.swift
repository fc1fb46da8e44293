import Foundation
import ProcessModel
import RuleDSL

/// `etalon runs --db FILE`: the evaluation runs recorded in a decision log.
enum RunsCommand: Command {
    static let name = "runs"
    static let synopsis = "--db FILE [--run ID --rule NAME [--outcome fired]]"
    static let summary = "List evaluation runs in a decision log, or one rule's decisions in a run."
    static let details = """
        ‘etalon eval … --db FILE’ writes every decision to a SQLite decision log. This lists its
        runs (rule set hash, date, data, counts), or — with --run and --rule — the records of a run
        where that rule had the given outcome (default: fired), with their explanations.
        """
    static let options = [
        OptionSpec(name: "db", value: "FILE", help: "The decision log."),
        OptionSpec(name: "run", value: "ID", help: "A run's id."),
        OptionSpec(name: "rule", value: "NAME", help: "A rule's qualified name (module.name)."),
        OptionSpec(name: "outcome", value: "OUTCOME", help: "fired (default), not_fired, undetermined, error, determined."),
        CommonOptions.lang,
    ]

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        guard let path = arguments.value("db") else { throw UsageError(message: "--db FILE is required") }
        guard FileManager.default.fileExists(atPath: path) else {
            context.error("error: \(path): no such decision log")
            return 1
        }
        let log = try DecisionLog(path: path)
        if let runText = arguments.value("run") {
            guard let run = Int64(runText) else { throw UsageError(message: "--run expects a number, got ‘\(runText)’") }
            guard let rule = arguments.value("rule") else { throw UsageError(message: "--run needs --rule NAME") }
            let outcome = try arguments.choice("outcome", Outcome.allValues, default: "fired")
            for d in try log.decisions(run: run, rule: rule, outcome: outcome) {
                context.stdout.line("\(d.recordNumber)\t\(d.key ?? "")\t\(d.explanation ?? "")")
            }
            return 0
        }
        let ru = context.language == .ru
        context.stdout.line(ru ? "запуск  начат                 на дату     записей  отклонено  сработало  хэш правил    данные"
                               : "run  started               as of       records  rejected  fired  rules hash    facts")
        for r in try log.runs() {
            context.stdout.line("\(r.id)\t\(r.startedAt)\t\(r.asOf)\t\(r.records)\t\(r.rejected)\t\(r.fired)\t\(r.ruleSetHash.prefix(12))\t\(r.facts)")
        }
        return 0
    }
}

extension Outcome {
    static let allValues = ["fired", "not_fired", "undetermined", "error", "determined"]
}
