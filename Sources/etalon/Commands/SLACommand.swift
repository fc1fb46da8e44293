import Foundation
import ProcessModel
import RuleDSL

/// `etalon sla RULES --tickets FILE --as-of MOMENT`: SLA states, deadlines, escalations and compliance.
enum SLACommand: Command {
    static let name = "sla"
    static let synopsis = "PATH… --tickets FILE [--sla NAME] [--as-of MOMENT] [--limit N] [--threads N] [--format text|json] [--lang en|ru]"
    static let summary = "SLA report over a ticket log: due times, states, escalations, compliance by type, priority, region, month."
    static let details = """
        Reads tickets (CSV, JSON or JSON lines; the SLA's schema) with their status histories and,
        as of --as-of (a date-time with a zone; default now), runs each ticket's SLA clock: the version
        of the SLA in force when the ticket was opened, its calendar in the ticket's zone, its target
        from the rules as of the opening day. Prints the states (on track / at risk / breached / met /
        missed), compliance by each ‘report by’ key and by month against the KPI target, the
        escalations due with their recipients, and mass incidents with their own clocks. A ticket that
        cannot be tracked (unknown status history, a time without a zone, no target) is listed with its
        reason, and records that do not fit the schema are rejected on standard error with their line
        and field; the rest of the report is still produced. --limit N also lists the first N tickets
        in detail. docs/sla-report.md explains every figure.
        """
    static let options = [
        OptionSpec(name: "tickets", value: "FILE", help: "The ticket log."),
        OptionSpec(name: "sla", value: "NAME", help: "The SLA (needed when the rules declare several)."),
        OptionSpec(name: "as-of", value: "MOMENT", help: "The moment of the report, e.g. 2023-11-01T00:00:00+03:00 (default: now)."),
        OptionSpec(name: "limit", value: "N", help: "List the first N tickets in detail."),
        OptionSpec(name: "threads", value: "N", help: "Read the log with N threads (default: one per core, at most 8)."),
        CommonOptions.format, CommonOptions.lang,
    ]

    /// One thread per core, at most 8: each compiles the rule set for itself, and past a few cores
    /// reading the file and merging the parts dominate.
    static var defaultThreads: Int { max(1, min(8, ProcessInfo.processInfo.activeProcessorCount)) }

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        guard let ticketsPath = arguments.value("tickets") else { throw UsageError(message: "--tickets FILE is required") }
        let json = try arguments.choice("format", ["text", "json"], default: "text") == "json"
        let limit = try arguments.value("limit").map { text throws(UsageError) -> Int in
            guard let n = Int(text), n >= 0 else { throw UsageError(message: "--limit expects a whole number, got ‘\(text)’") }
            return n
        } ?? 0
        let threads = try arguments.value("threads").map { text throws(UsageError) -> Int in
            guard let n = Int(text), n >= 1, n <= 256 else { throw UsageError(message: "--threads expects a whole number from 1 to 256, got ‘\(text)’") }
            return n
        } ?? defaultThreads
        var asOf = DateTimeValue(utcSeconds: Int64(Date().timeIntervalSince1970), zone: ZoneRules.named("Europe/Moscow") ?? .utc)
        if let text = arguments.value("as-of") {
            guard let moment = DateTimeValue(iso: text) else {
                throw UsageError(message: "--as-of expects a date-time with a zone, e.g. 2023-11-01T00:00:00+03:00, got ‘\(text)’")
            }
            asOf = moment
        }
        guard let result = try RuleLoading.compile(arguments.positional, context), let ruleSet = result.ruleSet else { return 1 }
        let names = ruleSet.slaNames
        let name: String
        if let given = arguments.value("sla") {
            guard names.contains(given) else { throw UsageError(message: "no SLA ‘\(given)’; the rules declare: \(names.joined(separator: ", "))") }
            name = given
        } else {
            guard names.count == 1 else {
                throw UsageError(message: names.isEmpty ? "the rules declare no sla" : "several SLAs (\(names.joined(separator: ", "))); choose one with --sla")
            }
            name = names[0]
        }
        guard let schema = ruleSet.slaSchema(name) else { throw UsageError(message: "SLA ‘\(name)’ has no ticket schema (on t: Schema)") }
        let language = context.language
        let started = Date()
        let loaded = Self.report(ruleSet, sla: name, schema: schema, ticketsPath: ticketsPath, asOf: asOf, keepTickets: limit, language: language, parts: threads)
        let report: SLAReport
        let rejectedRecords: [String]
        switch loaded {
        case .failure(let fileError):
            context.error("error: " + fileError.message(in: language))
            return 1
        case .success(let r):
            (report, rejectedRecords) = r
        }
        let seconds = Date().timeIntervalSince(started)
        for message in rejectedRecords.prefix(20) { context.error((language == .ru ? "отклонено: " : "rejected: ") + message) }
        if json {
            context.stdout.line(SLAReportRendering.json(report, name: name, asOf: asOf, rejectedRecords: rejectedRecords))
        } else {
            SLAReportRendering.text(report, name: name, asOf: asOf, language: language, rejectedRecords: rejectedRecords.count,
                                    seconds: seconds, out: context.stdout)
        }
        return rejectedRecords.isEmpty && report.rejected.isEmpty ? 0 : 1
    }

    /// The SLA report over the tickets in `ticketsPath`, with the messages of the records that
    /// did not fit the ticket schema; or the file's error. The log is read in parts, one per core.
    static func report(
        _ ruleSet: CompiledRuleSet, sla name: String, schema: SchemaInfo, ticketsPath: String, asOf: DateTimeValue,
        keepTickets: Int, language: MessageLanguage, parts: Int = defaultThreads
    ) -> Result<(SLAReport, [String]), FactReader.FileError> {
        guard ruleSet.slaNames.contains(name) else {
            return .failure(FactReader.FileError(path: ticketsPath, en: "no SLA ‘\(name)’", ru: "нет SLA «\(name)»"))
        }
        let formatter = ValueFormatter(language: language, enums: [], schemas: [])
        let read = FactReader.readInParts(
            path: ticketsPath, schema: schema, decoder: FieldDecoder(ruleSet: ruleSet), parts: max(1, parts),
            start: {
                let evaluator = SLAEvaluator(ruleSet.independentCopy(), sla: name, language: language)!
                return SLAPart(evaluator: evaluator, builder: SLAReportBuilder(asOf: asOf, keys: evaluator.reportKeys, keepTickets: keepTickets))
            }
        ) { part, record in
            switch record {
            case .success(let ticket):
                let id = ticket.slots.first.map { formatter.format($0, as: .string) } ?? "?"
                part.builder.add(id: id, part.evaluator.inputs(ticket))
            case .failure(let error):
                part.rejectedRecords.append(error.message(in: language))
            }
        }
        switch read {
        case .failure(let error):
            return .failure(error)
        case .success(let parts):
            var builder = parts[0].builder
            var rejectedRecords = parts[0].rejectedRecords
            for part in parts.dropFirst() {
                builder.merge(part.builder)
                rejectedRecords += part.rejectedRecords
            }
            return .success((builder.finish(), rejectedRecords))
        }
    }
}

/// What one thread keeps while it reads its part of a ticket log.
private struct SLAPart {
    var evaluator: SLAEvaluator
    var builder: SLAReportBuilder
    var rejectedRecords: [String] = []
}
