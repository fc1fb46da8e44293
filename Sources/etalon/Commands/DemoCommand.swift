import Foundation
import RuleDSL

/// `etalon demo`: the main job on the shipped rules and examples, for a first look.
enum DemoCommand: Command {
    static let name = "demo"
    static let synopsis = "[--rules PATH] [--facts FILE] [--lang en|ru]"
    static let summary = "Check and test the shipped rules, evaluate the example employers on two dates, explain."
    static let details = """
        Checks every rule file under rules/ and examples/, runs their tests, then evaluates the
        labour inspectorate's rules (rules/rostrud) over the example employers
        (examples/rostrud/employers.csv) as of 2024-06-01 and as of 2026-02-01 — the indicators'
        wordings changed in between — and explains a few employers: which indicators fired and why,
        with the legal basis, and what is undetermined for lack of data.
        """
    static let options = [
        OptionSpec(name: "rules", value: "PATH", help: "The rules to evaluate (default: rules/rostrud)."),
        OptionSpec(name: "facts", value: "FILE", help: "The employers (default: examples/rostrud/employers.csv)."),
        CommonOptions.lang,
    ]

    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32 {
        let out = context.stdout
        let ru = context.language == .ru
        let rulesPath = arguments.value("rules") ?? "rules/rostrud"
        let factsPath = arguments.value("facts") ?? "examples/rostrud/employers.csv"

        // 1. Everything shipped compiles and its tests pass.
        out.line(ru ? "1. Проверка всех правил (rules/, examples/)" : "1. Checking every rule file (rules/, examples/)")
        let allPaths = ["rules", "examples"].filter { FileManager.default.fileExists(atPath: $0) }
        guard let all = try RuleLoading.compile(allPaths.isEmpty ? [rulesPath] : allPaths, context), let allRules = all.ruleSet else {
            return 1
        }
        out.line(ru ? "   файлов: \(all.files.count), правил: \(allRules.ruleCount), ошибок и предупреждений нет"
                    : "   \(all.files.count) files, \(allRules.ruleCount) rules, no errors or warnings")
        let tests = TestRunner.run(allRules, today: CivilDate.today())
        let failed = tests.filter { !$0.passed }
        out.line(ru ? "   тестов: \(tests.count), прошло: \(tests.count - failed.count)" : "   \(tests.count) tests, \(tests.count - failed.count) passed")
        for t in failed { out.line("   FAIL \(t.path):\(t.line) \(t.title)") }
        out.line()

        // 2. The inspectorate's rules over the example employers, on two dates.
        guard let compiled = try RuleLoading.compile([rulesPath], context), let ruleSet = compiled.ruleSet else { return 1 }
        let schema = try EvalCommand.chooseSchema(ruleSet, nil)
        let decoder = FieldDecoder(ruleSet: ruleSet)
        var records: [RecordValue] = []
        var rejected = 0
        if let error = FactReader.read(path: factsPath, schema: schema, decoder: decoder, { result in
            if case .success(let r) = result { records.append(r) } else { rejected += 1 }
        }) {
            context.error("error: " + error.message(in: context.language))
            return 1
        }
        let dates = [CivilDate(year: 2024, month: 6, day: 1)!, CivilDate(year: 2026, month: 2, day: 1)!]
        out.line(ru ? "2. \(records.count) работодателей из \(factsPath): индикаторы риска на \(dates[0].russianText) и на \(dates[1].russianText)"
                    : "2. \(records.count) employers from \(factsPath): risk indicators as of \(dates[0]) and as of \(dates[1])")
        let evaluations = dates.map { date in records.map { ruleSet.evaluate($0, asOf: date) } }
        let indicatorNames = ruleSet.indicatorNames(schema: schema.index)
        let header = (ru ? "   индикатор" : "   indicator").padding(toLength: 34, withPad: " ", startingAt: 0)
        out.line(header + dates.map { (ru ? $0.russianText : $0.description).padding(toLength: 24, withPad: " ", startingAt: 0) }.joined())
        for name in indicatorNames {
            var cells: [String] = []
            for e in evaluations {
                let results = e.compactMap { $0.result(named: name) }
                let fired = results.filter { $0.outcome == .fired }.count
                let undetermined = results.filter { $0.outcome == .undetermined }.count
                let notInForce = results.allSatisfy { $0.outcome == .notInForce }
                let text = notInForce ? (ru ? "не действует" : "not in force")
                    : (ru ? "\(fired) сраб., \(undetermined) н/о" : "\(fired) fired, \(undetermined) undet.")
                cells.append(text.padding(toLength: 24, withPad: " ", startingAt: 0))
            }
            out.line("   " + name.padding(toLength: 31, withPad: " ", startingAt: 0) + cells.joined())
        }
        if let categoryRule = ruleSet.ruleIndex(named: "risk_category") {
            let formatter = ValueFormatter(language: context.language, enums: ruleSet.enums, schemas: ruleSet.schemas)
            var counts: [String: Int] = [:]
            for e in evaluations[1] {
                let r = e.result(named: ruleSet.ruleName(categoryRule))
                let key = r.map { $0.outcome == .determined ? formatter.format($0.value, as: $0.type) : (ru ? "не определена" : "undetermined") } ?? "—"
                counts[key, default: 0] += 1
            }
            let shown = counts.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            out.line(ru ? "   категории риска (ПП № 1230) на \(dates[1].russianText): \(shown)"
                        : "   risk categories (Government decree 1230) as of \(dates[1]): \(shown)")
        }
        if rejected > 0 { out.line(ru ? "   отклонено записей: \(rejected)" : "   \(rejected) records rejected") }
        out.line()

        // 3. A few employers explained.
        out.line(ru ? "3. Объяснения" : "3. Explanations")
        var shown = 0
        let report = EvalReport(ruleSet: ruleSet, schema: schema, language: context.language, explain: false, json: false,
                                limit: nil, out: out)
        // Employers whose result changed between the dates, then ones with several indicators, then an undetermined one.
        let interesting = records.indices.filter { i in
            let before = Set(evaluations[0][i].results.filter { $0.outcome == .fired }.map(\.name))
            let after = Set(evaluations[1][i].results.filter { $0.outcome == .fired }.map(\.name))
            return before != after && !after.isEmpty
        }.prefix(2) + records.indices.filter { i in
            evaluations[1][i].results.filter { $0.kind == .indicator && $0.outcome == .fired }.count >= 2
        }.prefix(1) + records.indices.filter { i in
            evaluations[1][i].results.contains { $0.kind == .indicator && $0.outcome == .undetermined }
        }.prefix(1)
        for i in interesting {
            for (d, date) in dates.enumerated() {
                out.line(ru ? "   на \(date.russianText):" : "   as of \(date):")
                report.record(row: i + 1, evaluations[d][i])
            }
            shown += 1
        }
        if shown == 0 { out.line(ru ? "   нечего объяснять: ни один индикатор не сработал" : "   nothing to explain: no indicator fired") }
        out.line()
        if FileManager.default.fileExists(atPath: "rules/calendars") { try calendarSection(context) }
        if FileManager.default.fileExists(atPath: "rules/support"), FileManager.default.fileExists(atPath: Self.ticketsPath) {
            try slaSection(context)
        }
        out.line(ru ? "Дальше: etalon eval \(rulesPath) --facts \(factsPath) --as-of 2026-02-01 --explain; etalon calendar rules/calendars --calendar ru show 2026; docs/language.md"
                    : "Next: etalon eval \(rulesPath) --facts \(factsPath) --as-of 2026-02-01 --explain; etalon calendar rules/calendars --calendar ru show 2026; docs/language.md")
        return failed.isEmpty ? 0 : 1
    }

    static let ticketsPath = "examples/support-desk/tickets-sample.csv"

    /// 4. The Russian production calendar: each year's totals, and a deadline in working days.
    static func calendarSection(_ context: CommandContext) throws {
        let out = context.stdout
        let ru = context.language == .ru
        guard let compiled = try RuleLoading.compile(["rules/calendars"], context), let ruleSet = compiled.ruleSet,
              let calendar = ruleSet.calendar(named: "ru") else { return }
        out.line(ru ? "4. Производственный календарь «ru» (rules/calendars): рабочие дни и часы при 40-часовой неделе"
                    : "4. The production calendar ‘ru’ (rules/calendars): working days and hours on a 40-hour week")
        do throws(CalendarError) {
            for year in 2023...2026 {
                guard let first = CivilDate(year: year, month: 1, day: 1), let last = CivilDate(year: year, month: 12, day: 31) else { continue }
                let days = try calendar.workdays(from: first, to: last)
                let seconds = try calendar.workingSeconds(from: first, through: last)
                out.line(ru ? "   \(year): \(days) рабочих дней, \(seconds / 3600) ч" : "   \(year): \(days) working days, \(seconds / 3600) h")
            }
            // Art. 62 of the Labour Code: copies of documents within 3 working days of the request.
            if let asked = CivilDate(year: 2025, month: 12, day: 30) {
                let due = try calendar.addWorkdays(3, to: asked)
                out.line(ru ? "   заявление о выдаче документов (ст. 62 ТК РФ) от \(asked.russianText): 3 рабочих дня → \(due.russianText)"
                            : "   a request for documents (Labour Code art. 62) on \(asked): 3 working days → \(due)")
            }
        } catch {
            context.error("error: calendar: \(error)")
        }
        out.line()
    }

    /// 5. The support desk's SLA over the sample tickets.
    static func slaSection(_ context: CommandContext) throws {
        let out = context.stdout
        let ru = context.language == .ru
        guard let compiled = try RuleLoading.compile(["rules/support", "rules/calendars"], context), let ruleSet = compiled.ruleSet,
              let name = ruleSet.slaNames.first, let schema = ruleSet.slaSchema(name),
              let asOf = DateTimeValue(iso: "2023-11-01T00:00:00+03:00") else { return }
        out.line(ru ? "5. SLA службы поддержки (rules/support) по заявкам \(ticketsPath)"
                    : "5. The support desk's SLA (rules/support) over \(ticketsPath)")
        let started = Date()
        switch SLACommand.report(ruleSet, sla: name, schema: schema, ticketsPath: ticketsPath, asOf: asOf, keepTickets: 0,
                                 language: context.language) {
        case .failure(let error):
            context.error("error: " + error.message(in: context.language))
        case .success(let (report, rejected)):
            SLAReportRendering.text(report, name: name, asOf: asOf, language: context.language, rejectedRecords: rejected.count,
                                    seconds: Date().timeIntervalSince(started), out: out)
        }
        out.line(ru ? "   подробнее: etalon sla rules/support rules/calendars --tickets \(ticketsPath) --as-of 2023-11-01T00:00:00+03:00 --limit 5"
                    : "   more: etalon sla rules/support rules/calendars --tickets \(ticketsPath) --as-of 2023-11-01T00:00:00+03:00 --limit 5")
        out.line()
    }
}
