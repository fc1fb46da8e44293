/// Explanations of results: the rendered `because` text, the missing fields behind an undetermined
/// result, and a trace of every condition with the actual values.
extension Evaluation {
    /// The indicator's `because` text with the record's values, formatted for `language`
    /// (nil when the rule has no text or did not fire or may fire).
    public func because(_ result: RuleResult, language: MessageLanguage) -> String? {
        guard let version = ruleSet.plans[plan].active[result.index] else { return nil }
        let declaration = ruleSet.program.declaration(ruleSet.program.rules[result.index].versions[version].location)
        guard case .indicator(let indicator) = declaration.kind, let template = indicator.because else { return nil }
        let compiler = Compiler(program: ruleSet.program, tracing: false)
        let formatter = ValueFormatter(language: language, enums: ruleSet.program.enums, schemas: ruleSet.program.schemas)
        var f = frame
        var text = ""
        for part in template.parts {
            switch part {
            case .text(let s): text += s
            case .hole(let expr):
                let value = compiler.compile(expr).asValue(&f)
                text += formatter.format(value, as: ruleSet.program.type(of: expr))
            }
        }
        return text
    }

    /// The data fields whose absence left the result undetermined (`headcount_prev`, `address.region`).
    public func missingFields(_ result: RuleResult) -> [String] {
        guard result.outcome == .undetermined || (result.outcome == .determined && !result.determinedDespite.isEmpty)
        else { return [] }
        var missing: [String] = []
        collectMissing(rule: result.index, into: &missing, visited: [])
        return missing
    }

    private func collectMissing(rule: Int, into missing: inout [String], visited: Set<Int>) {
        guard !visited.contains(rule) else { return }
        let outcome = frame.outcomes[rule]
        guard outcome == .undetermined || frame.determinedDespite[rule] != nil else { return }
        let recorder = traceRule(rule)
        for path in recorder.missing where !missing.contains(path) { missing.append(path) }
        for dependency in ruleSet.program.rules[rule].directDependencies.sorted() {
            collectMissing(rule: dependency, into: &missing, visited: visited.union([rule]))
        }
    }

    /// Re-runs one rule with tracing on a copy of this evaluation's state.
    func traceRule(_ rule: Int) -> TraceRecorder {
        let traced = ruleSet.tracedPlan(plan)
        let recorder = TraceRecorder()
        var f = frame
        f.recorder = recorder
        f.budget = f.costLimit
        if let step = traced.steps[schema]?.first(where: { $0.rule == rule }) {
            step.run(&f)
        }
        return recorder
    }

    /// A trace of the rule's condition (or expression, or table) with the actual values, one line per node.
    public func trace(_ result: RuleResult, language: MessageLanguage) -> [TraceLine] {
        guard let version = ruleSet.plans[plan].active[result.index] else { return [] }
        let program = ruleSet.program
        let declaration = program.declaration(program.rules[result.index].versions[version].location)
        let recorder = traceRule(result.index)
        let formatter = ValueFormatter(language: language, enums: program.enums, schemas: program.schemas)
        var lines: [TraceLine] = []
        func walk(_ expr: Expr, depth: Int) {
            if program.literals[expr.id] != nil { return }
            let text = expr.rangeText(program.files)
            let value = recorder.values[expr.id]
            let type = program.type(of: expr)
            let shown = value.map { v -> String in
                if v.isMissing, type.base == .bool { return language == .ru ? "неизвестно" : "unknown" }
                return formatter.format(v, as: type)
            }
            lines.append(TraceLine(depth: depth, text: text, value: shown))
            guard value != nil else { return }
            switch expr.kind {
            case .binary(_, let a, let b):
                walk(a, depth: depth + 1)
                walk(b, depth: depth + 1)
            case .unary(_, let a), .isMissing(let a, _):
                walk(a, depth: depth + 1)
            case .membership(let a, _, _):
                walk(a, depth: depth + 1)
            case .conditional(let c, let a, let b):
                walk(c, depth: depth + 1)
                walk(a, depth: depth + 1)
                walk(b, depth: depth + 1)
            case .call(_, let args):
                for arg in args { walk(arg, depth: depth + 1) }
            default:
                break
            }
        }
        switch declaration.kind {
        case .indicator(let d):
            if let condition = d.condition { walk(condition, depth: 0) }
        case .value(let d):
            if let value = d.value { walk(value, depth: 0) }
        case .constant(let d):
            walk(d.value, depth: 0)
        case .table(let d):
            for input in d.inputs { walk(input.expr, depth: 0) }
            let file = program.files[Int(declaration.range.file)].file
            let matched = d.rows.filter { recorder.values[$0.id] != nil }
            for row in matched {
                let line = file.location(of: Int(row.range.start)).line
                lines.append(TraceLine(depth: 0, text: file.lineText(line).trimmingSpaces, value: language == .ru ? "строка \(line) подошла" : "row at line \(line) matched"))
            }
            if matched.isEmpty {
                let undecided = d.inputs.contains { recorder.values[$0.expr.id]?.isMissing ?? false }
                let text = undecided
                    ? (language == .ru ? "строку не выбрать: не хватает входных данных" : "no row can be decided with the missing inputs")
                    : (language == .ru ? "ни одна строка не подошла" : "no row matched")
                lines.append(TraceLine(depth: 0, text: text, value: ""))
            }
            if !result.determinedDespite.isEmpty {
                let names = result.determinedDespite.joined(separator: ", ")
                lines.append(TraceLine(depth: 0, text: language == .ru
                    ? "при любом исходе \(names) результат один и тот же"
                    : "every outcome of \(names) gives the same result", value: ""))
            }
        case .score:
            for member in program.scoreMembers[declaration.id] ?? [] {
                let outcome = frame.outcomes[member]
                let weight = frame.value(of: member)
                lines.append(TraceLine(depth: 0, text: program.rules[member].name,
                                       value: outcome.text(language) + (outcome == .fired ? " (+\(formatter.format(weight, as: .decimal)))" : "")))
            }
        default:
            break
        }
        return lines
    }
}

/// One line of a trace: an expression as written, at a nesting depth, with its value
/// (nil when it was not evaluated: the logic decided without it).
public struct TraceLine: Sendable, Hashable {
    public let depth: Int
    public let text: String
    public let value: String?
}

extension String {
    var trimmingSpaces: String {
        // Most strings have nothing to trim: check the ends' bytes first.
        let utf8 = self.utf8
        if let first = utf8.first, let last = utf8.last, first != 0x20, first != 0x09, last != 0x20, last != 0x09 { return self }
        var s = Substring(self)
        while s.first == " " || s.first == "\t" { s = s.dropFirst() }
        while s.last == " " || s.last == "\t" { s = s.dropLast() }
        return String(s)
    }
}
