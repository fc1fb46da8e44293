import Foundation
import ProcessModel
import RuleDSL

/// `etalon bench`: throughput of evaluation in memory and from CSV, and compile time of a large rule set.
enum BenchCommand: Command {
    static let name = "bench"
    static let synopsis = "[--rules PATH] [--csv FILE | --n N] [--as-of DATE] [--repeat K] [--compile-declarations N]"
    static let summary = "Measure evaluation speed (records/s) in memory and end to end from CSV."
    static let details = """
        Evaluates the rules (default: examples/bench, the shared workload) over employers read from
        --csv (e.g. the peers' generated file) or generated here (--n, default 1 000 000), on one
        thread. Prints records/s for in-memory evaluation (records already decoded) and for CSV end
        to end (read, decode, evaluate, tally the category), the category histogram, and the time to
        check and compile a generated rule set of --compile-declarations declarations (default 5 000).
        Build with -c release for meaningful figures.
        """
    static let options = [
        OptionSpec(name: "rules", value: "PATH", help: "Rules to evaluate (default: examples/bench)."),
        OptionSpec(name: "csv", value: "FILE", help: "Employers CSV in the shared workload's columns."),
        OptionSpec(name: "n", value: "N", help: "Employers to generate when no --csv is given (default 1000000)."),
        OptionSpec(name: "as-of", value: "DATE", help: "Evaluation date (default 2025-06-01)."),
        OptionSpec(name: "repeat", value: "K", help: "Passes over the records in memory (default 5)."),
        OptionSpec(name: "category", value: "RULE", help: "The rule whose values form the histogram (default: category)."),
        OptionSpec(name: "compile-declarations", value: "N", help: "Size of the generated rule set to compile (0 to skip)."),
        OptionSpec(name: "skip-single", value: nil, help: "Skip the record-by-record pass (for profiling the block path)."),
        OptionSpec(name: "calendar", value: "NAME", help: "Also measure working-time arithmetic on this calendar of --calendar-rules."),
        OptionSpec(name: "tickets", value: "FILE", help: "Also measure the SLA report over this ticket log (rules/support with rules/calendars, as of 2023-11-01)."),
        OptionSpec(name: "calendar-rules", value: "PATH", help: "Rules declaring the calendar (default: rules/calendars)."),
    ]

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        let rulesPath = arguments.value("rules") ?? "examples/bench"
        let asOf = try arguments.date("as-of") ?? CivilDate(year: 2025, month: 6, day: 1)!
        let repeats = try positiveInt(arguments, "repeat", default: 5)
        let count = try positiveInt(arguments, "n", default: 1_000_000)
        let declarations = try nonNegativeInt(arguments, "compile-declarations", default: 5_000)
        guard let compiled = try RuleLoading.compile([rulesPath], context), let ruleSet = compiled.ruleSet else { return 1 }
        let schema = try EvalCommand.chooseSchema(ruleSet, nil)
        let categoryName = arguments.value("category") ?? "category"
        guard let categoryRule = ruleSet.ruleIndex(named: categoryName) else {
            throw UsageError(message: "no rule ‘\(categoryName)’ in \(rulesPath); name the histogram's rule with --category")
        }
        let out = context.stdout

        // The CSV: the given file, or one generated here.
        let csvPath: String
        if let given = arguments.value("csv") {
            csvPath = given
        } else {
            csvPath = NSTemporaryDirectory() + "etalon-bench-\(count).csv"
            if !FileManager.default.fileExists(atPath: csvPath) {
                try EmployerGenerator.write(count: count, seed: 1, to: csvPath)
            }
        }
        let decoder = FieldDecoder(ruleSet: ruleSet)

        // 1. Decode the CSV into records (also the in-memory workload).
        var records: [RecordValue] = []
        var rejected = 0
        let loadStart = Date()
        if let error = FactReader.read(path: csvPath, format: .csv, schema: schema, decoder: decoder, { result in
            switch result {
            case .success(let r): records.append(r)
            case .failure: rejected += 1
            }
        }) {
            context.error("error: " + error.message(in: context.language))
            return 1
        }
        let loadSeconds = Date().timeIntervalSince(loadStart)
        out.line("workload: \(records.count) records from \(csvPath) (\(rejected) rejected); rules \(rulesPath) as of \(asOf)")
        out.line("decode CSV: \(rate(records.count, loadSeconds)) records/s")

        // 2. In memory, one thread: record by record, and in blocks (column by column) when the rules allow it.
        var evaluator = ruleSet.batchEvaluator(asOf: asOf, schema: schema.index)
        var histogram = Tally()
        for record in records.prefix(1000) { evaluator.run(record) }  // warm-up
        let memoryStart = Date()
        let singlePasses = arguments.has("skip-single") ? 1 : repeats
        for pass in 0..<singlePasses {
            for record in records {
                evaluator.run(record)
                if pass == 0 { histogram.add(evaluator.result(of: categoryRule)) }
            }
        }
        let memorySeconds = Date().timeIntervalSince(memoryStart)
        out.line("evaluate in memory, record by record: \(rate(records.count * singlePasses, memorySeconds)) records/s (1 thread, \(singlePasses) passes)")
        var blockHistogram = Tally()
        var blockEvaluator = ruleSet.blockEvaluator(asOf: asOf, schema: schema.index)
        let size = BlockEvaluator.blockSize
        if var blocks = blockEvaluator {
            // The records as a columnar table in memory (what a columnar engine evaluates over).
            let table = RecordBatch(schema: schema, capacity: records.count)
            for record in records { table.append(record) }
            let blockStart = Date()
            for pass in 0..<repeats {
                var start = 0
                while start < table.count {
                    let end = min(start + size, table.count)
                    blocks.run(table, range: start..<end)
                    if pass == 0 {
                        for i in 0..<(end - start) { blockHistogram.add(blocks.result(of: categoryRule, at: i)) }
                    }
                    start = end
                }
            }
            let blockSeconds = Date().timeIntervalSince(blockStart)
            out.line("evaluate in memory, columnar, blocks of \(size): \(rate(records.count * repeats, blockSeconds)) records/s (1 thread, \(repeats) passes)")
            if blockHistogram != histogram { out.line("warning: the block histogram differs from the record-by-record one") }
            blockEvaluator = blocks
        } else {
            out.line("evaluate in memory, in blocks: not available (a rule is outside the fast-path core)")
        }

        // 3. End to end: read the file, decode, evaluate, tally.
        records = []
        var endToEnd = Tally()
        let e2eStart = Date()
        var e2eCount = 0
        if var blocks = blockEvaluator {
            // Only the fields the rules read are decoded (and the first, the record's key).
            let fields = blocks.fieldsRead.union([0])
            _ = FactReader.readBatches(path: csvPath, schema: schema, decoder: decoder, batchSize: 16 * size, fields: fields, { batch in
                var start = 0
                while start < batch.count {
                    let end = min(start + size, batch.count)
                    blocks.run(batch, range: start..<end)
                    for i in 0..<(end - start) { endToEnd.add(blocks.result(of: categoryRule, at: i)) }
                    start = end
                }
                e2eCount += batch.count
            }, rejected: { _ in })
            blockEvaluator = blocks
        } else {
            _ = FactReader.read(path: csvPath, format: .csv, schema: schema, decoder: decoder) { result in
                guard case .success(let r) = result else { return }
                evaluator.run(r)
                endToEnd.add(evaluator.result(of: categoryRule))
                e2eCount += 1
            }
        }
        let e2eSeconds = Date().timeIntervalSince(e2eStart)
        out.line("CSV end to end: \(rate(e2eCount, e2eSeconds)) records/s (read, decode, evaluate, tally)")
        if endToEnd != histogram { out.line("warning: the end-to-end histogram differs from the in-memory one") }
        let formatter = ValueFormatter(language: .en, enums: ruleSet.enums, schemas: ruleSet.schemas)
        let sorted = histogram.counts.map { (formatter.format($0.0, as: .string), $0.1) }.sorted { $0.0 < $1.0 }
        out.line("histogram " + "{" + sorted.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}")

        // 4. Working-time arithmetic on a production calendar.
        if let calendarName = arguments.value("calendar") {
            let path = arguments.value("calendar-rules") ?? "rules/calendars"
            guard let rules = try RuleLoading.compile([path], context), let set = rules.ruleSet,
                let calendar = set.calendar(named: calendarName)
            else {
                context.error("error: no calendar ‘\(calendarName)’ in \(path)")
                return 1
            }
            for (name, perSecond) in CalendarBenchmark.run(calendar: calendar, operations: 5_000_000) {
                out.line("\(name): \(rate(Int(perSecond), 1)) operations/s (1 thread)")
            }
        }

        // 5. The SLA report over a ticket log, one thread and one per core.
        if let tickets = arguments.value("tickets") {
            guard let rules = try RuleLoading.compile(["rules/support", "rules/calendars"], context), let set = rules.ruleSet,
                let schema = set.slaSchema("desk"), let asOf = DateTimeValue(iso: "2023-11-01T00:00:00+03:00")
            else {
                context.error("error: rules/support with its SLA ‘desk’ is needed (run from the repository root)")
                return 1
            }
            for threads in Set([1, SLACommand.defaultThreads]).sorted() {
                let start = Date()
                switch SLACommand.report(set, sla: "desk", schema: schema, ticketsPath: tickets, asOf: asOf, keepTickets: 0,
                                         language: .en, parts: threads) {
                case .failure(let error):
                    context.error("error: " + error.message(in: .en))
                    return 1
                case .success(let (report, rejected)):
                    let seconds = Date().timeIntervalSince(start)
                    let count = report.total + report.rejected.count + rejected.count
                    out.line("SLA report over \(count) tickets: \(String(format: "%.3f", seconds)) s, \(rate(count, seconds)) tickets/s (\(threads) thread\(threads == 1 ? "" : "s"); read, track, group)")
                }
            }
        }

        // 6. Check and compile a large generated rule set.
        if declarations > 0 {
            let text = SyntheticRules.make(declarations: declarations)
            let file = SourceFile(id: 0, path: "generated.rules", text: text)
            let start = Date()
            let result = RuleDSL.compile([file])
            let seconds = Date().timeIntervalSince(start)
            let status = result.errors.isEmpty ? "ok" : "\(result.errors.count) errors"
            out.line("check + compile \(declarations) declarations (\(text.utf8.count / 1024) KiB): \(String(format: "%.3f", seconds)) s (\(status))")
        }
        return 0
    }

    static func rate(_ count: Int, _ seconds: Double) -> String {
        guard seconds > 0 else { return "∞" }
        let perSecond = Int((Double(count) / seconds).rounded())
        return ExactDecimal(Int64(perSecond)).formatted(NumberStyle.english)
    }

    private static func positiveInt(_ arguments: ParsedArguments, _ name: String, default fallback: Int) throws -> Int {
        guard let text = arguments.value(name) else { return fallback }
        guard let n = Int(text), n > 0 else { throw UsageError(message: "--\(name) expects a positive whole number, got ‘\(text)’") }
        return n
    }

    private static func nonNegativeInt(_ arguments: ParsedArguments, _ name: String, default fallback: Int) throws -> Int {
        guard let text = arguments.value(name) else { return fallback }
        guard let n = Int(text), n >= 0 else { throw UsageError(message: "--\(name) expects a whole number, got ‘\(text)’") }
        return n
    }
}

/// Counts of a few distinct values (a category's), found by equality: no hashing per record.
struct Tally: Equatable {
    private(set) var counts: [(Value, Int)] = []

    mutating func add(_ value: Value) {
        for i in counts.indices where Self.same(counts[i].0, value) {
            counts[i].1 += 1
            return
        }
        counts.append((value, 1))
    }

    /// Equality by bytes for strings (the tallied values are the rules' own constants): no Unicode
    /// normalisation per record.
    private static func same(_ a: Value, _ b: Value) -> Bool {
        if case .string(let x) = a, case .string(let y) = b { return x.utf8.count == y.utf8.count && x == y }
        return a == b
    }

    static func == (a: Tally, b: Tally) -> Bool {
        a.counts.count == b.counts.count && a.counts.allSatisfy { x in b.counts.contains { $0.0 == x.0 && $0.1 == x.1 } }
    }
}
