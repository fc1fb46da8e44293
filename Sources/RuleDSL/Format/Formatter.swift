/// `etalon fmt`: prints a parsed file in canonical form — one declaration layout, aligned table
/// columns, four-space indentation — keeping every comment (leading comments stay above the line
/// they preceded, trailing ones at its end). Formatting is idempotent and keeps the meaning.
public struct Formatter {
    let syntax: FileSyntax
    let printer: ExpressionPrinter
    private var comments: [Comment]
    private var nextComment = 0
    private var out: [String] = []

    static let indent = "    "

    public init(syntax: FileSyntax) {
        self.syntax = syntax
        self.printer = ExpressionPrinter(file: syntax.file)
        self.comments = syntax.comments.sorted { $0.range.start < $1.range.start }
    }

    /// The formatted text of a file that parsed without errors.
    public static func format(_ syntax: FileSyntax) -> String {
        var formatter = Formatter(syntax: syntax)
        return formatter.run()
    }

    private mutating func run() -> String {
        var blocks: [(start: Int32, emit: (inout Formatter) -> Void)] = []
        if let module = syntax.module {
            blocks.append((module.range.start, { f in f.line("module \(module)", at: module.range, indent: 0) }))
        }
        for imported in syntax.imports {
            blocks.append((imported.range.start, { f in f.line("import \(imported.name)", at: imported.range, indent: 0) }))
        }
        if let source = syntax.fileSource {
            blocks.append((source.range.start, { f in f.line("source \(ExpressionPrinter.quote(source.value))", at: source.range, indent: 0) }))
        }
        for declaration in syntax.declarations {
            blocks.append((declaration.range.start, { f in f.declaration(declaration) }))
        }
        blocks.sort { $0.start < $1.start }
        var previousWasHeader = false
        for (i, block) in blocks.enumerated() {
            let isHeader = i < (syntax.module == nil ? 0 : 1) + syntax.imports.count + (syntax.fileSource == nil ? 0 : 1)
            if i > 0, !(isHeader && previousWasHeader && sameKind(blocks, i)) { out.append("") }
            block.emit(&self)
            previousWasHeader = isHeader
        }
        flushComments(before: Int32.max, indent: 0)
        while out.last == "" { out.removeLast() }
        return out.joined(separator: "\n") + "\n"
    }

    /// Imports stay together without blank lines between them.
    private func sameKind(_ blocks: [(start: Int32, emit: (inout Formatter) -> Void)], _ i: Int) -> Bool {
        let importStarts = Set(syntax.imports.map(\.range.start))
        return importStarts.contains(blocks[i].start) && importStarts.contains(blocks[i - 1].start)
    }

    // MARK: - Lines and comments

    /// Emits comments that precede `offset` as their own lines.
    private mutating func flushComments(before offset: Int32, indent: Int) {
        while nextComment < comments.count, comments[nextComment].range.start < offset {
            let comment = comments[nextComment]
            if comment.isTrailing, lastLineEnd >= 0, !out.isEmpty, isOnLine(comment, ofOffset: lastLineEnd) {
                out[out.count - 1] += "  " + comment.text
                trailingCommentLength += 2 + comment.text.count
            } else {
                out.append(String(repeating: Self.indent, count: indent) + comment.text)
                trailingCommentLength = 0
            }
            nextComment += 1
        }
    }

    private var lastLineEnd: Int32 = -1
    /// Characters of a trailing comment attached to the last output line (code appended later goes before it).
    private var trailingCommentLength = 0

    /// Appends code to the last line, before any trailing comment attached to it.
    private mutating func appendCode(_ text: String) {
        guard var last = out.popLast() else { return }
        if trailingCommentLength > 0, trailingCommentLength <= last.count {
            let split = last.index(last.endIndex, offsetBy: -trailingCommentLength)
            last = String(last[..<split]) + text + String(last[split...])
        } else {
            last += text
        }
        out.append(last)
    }

    private func isOnLine(_ comment: Comment, ofOffset offset: Int32) -> Bool {
        let file = syntax.file
        return file.location(of: Int(comment.range.start)).line == file.location(of: Int(max(0, offset - 1))).line
    }

    /// Emits one output line for a source item spanning `range`, with the comments around it.
    private mutating func line(_ text: String, at range: SourceRange, indent: Int) {
        flushComments(before: range.start, indent: indent)
        out.append(String(repeating: Self.indent, count: indent) + text)
        trailingCommentLength = 0
        lastLineEnd = range.end
        // A trailing comment on the item's last line belongs to it.
        if nextComment < comments.count, comments[nextComment].isTrailing, isOnLine(comments[nextComment], ofOffset: range.end),
            comments[nextComment].range.start >= range.end
        {
            out[out.count - 1] += "  " + comments[nextComment].text
            trailingCommentLength = 2 + comments[nextComment].text.count
            nextComment += 1
        }
    }

    /// Emits several output lines for one source item (a laid-out expression), comments as for `line`.
    private mutating func lines(_ texts: [String], at range: SourceRange) {
        guard let first = texts.first else { return }
        flushComments(before: range.start, indent: 0)
        out.append(first)
        out += texts.dropFirst()
        trailingCommentLength = 0
        lastLineEnd = range.end
        if nextComment < comments.count, comments[nextComment].isTrailing, isOnLine(comments[nextComment], ofOffset: range.end),
            comments[nextComment].range.start >= range.end
        {
            out[out.count - 1] += "  " + comments[nextComment].text
            trailingCommentLength = 2 + comments[nextComment].text.count
            nextComment += 1
        }
    }

    static let width = 110

    /// An expression laid out at `indent` after `prefix`: on one line when it fits, otherwise records
    /// and lists one element per line and `and`/`or` chains one operand per line.
    func layout(_ prefix: String, _ expr: Expr, indent: Int, suffix: String = "") -> [String] {
        let pad = String(repeating: Self.indent, count: indent)
        let single = pad + prefix + printer.print(expr) + suffix
        if single.count <= Self.width { return [single] }
        switch expr.kind {
        case .record(let name, let fields) where !fields.isEmpty:
            return [pad + prefix + "\(name) {"]
                + fields.flatMap { layout("\($0.name.name): ", $0.value, indent: indent + 1, suffix: ",") }
                + [pad + "}" + suffix]
        case .update(let base, let fields) where !fields.isEmpty:
            return [pad + prefix + printer.printAtom(base) + " with {"]
                + fields.flatMap { layout("\($0.name.name): ", $0.value, indent: indent + 1, suffix: ",") }
                + [pad + "}" + suffix]
        case .list(let items) where !items.isEmpty:
            return [pad + prefix + "["] + items.flatMap { layout("", $0, indent: indent + 1, suffix: ",") } + [pad + "]" + suffix]
        case .binary(let top, _, _) where top == .and || top == .or:
            var operands: [Expr] = []
            func split(_ e: Expr) {
                if case .binary(let o, let l, let r) = e.kind, o == top {
                    split(l)
                    operands.append(r)
                } else {
                    operands.append(e)
                }
            }
            split(expr)
            let texts = operands.map { operand -> String in
                let text = printer.print(operand)
                if case .binary(let o, _, _) = operand.kind, o == .and || o == .or { return "(\(text))" }
                if case .conditional = operand.kind { return "(\(text))" }
                return text
            }
            return [pad + prefix + texts[0]] + texts.dropFirst().map { pad + Self.indent + "\(top.rawValue) \($0)" }
                .enumerated().map { i, line in i == texts.count - 2 ? line + suffix : line }
        default:
            return [single]
        }
    }

    // MARK: - Declarations

    private mutating func declaration(_ d: Declaration) {
        switch d.kind {
        case .schema(let s):
            line("schema \(s.name.name)\(title(s.title)) {", at: s.name.range.union(s.title?.range ?? s.name.range), indent: 0)
            for field in s.fields {
                let allowed = field.allowed.map { " in " + printer.print($0) } ?? ""
                line("\(field.name.name): \(typeText(field.type))\(allowed)\(title(field.title))", at: field.range, indent: 1)
            }
            close(d)
        case .enumeration(let e):
            line("enum \(e.name.name)\(title(e.title)) {", at: e.name.range.union(e.title?.range ?? e.name.range), indent: 0)
            for c in e.cases { line("\(c.name.name)\(title(c.title))", at: c.range, indent: 1) }
            close(d)
        case .constant(let c):
            let type = c.type.map { ": \(typeText($0))" } ?? ""
            lines(layout("const \(c.header.name.name)\(title(c.header.title))\(type) = ", c.value, indent: 0),
                  at: c.header.name.range.union(c.value.range))
            commonClauses(c.header)
        case .lookup(let l):
            line("lookup \(l.header.name.name)\(title(l.header.title)): \(typeText(l.keyType)) -> \(typeText(l.valueType))",
                 at: l.header.name.range, indent: 0)
            openBlock(l.header)
            for entry in l.entries {
                line("\(entry.keys.map(printer.print).joined(separator: ", ")) => \(printer.print(entry.value))", at: entry.range, indent: 1)
            }
            if let otherwise = l.otherwise { line("else => \(printer.print(otherwise))", at: otherwise.range, indent: 1) }
            close(d)
        case .indicator(let i):
            line("indicator \(i.header.name.name)\(title(i.header.title))\(subject(i.header))", at: i.header.name.range, indent: 0)
            commonClauses(i.header)
            if let condition = i.condition { clause("when", condition) }
            if let weight = i.weight { line("weight \(printer.print(weight))", at: weight.range, indent: 1) }
            if let because = i.because { line("because \(syntax.file.text(of: because.range))", at: because.range, indent: 1) }
        case .value(let v):
            let type = v.type.map { (v.header.subject == nil ? ": " : " : ") + typeText($0) } ?? ""
            let head = "value \(v.header.name.name)\(title(v.header.title))\(subject(v.header))\(type)"
            if let value = v.value {
                var laid = layout(head + " = ", value, indent: 0)
                if laid.count == 1, laid[0].count > Self.width {
                    // Too long and unbreakable on the header line: the expression goes on the next line.
                    laid = [head + " ="] + layout("", value, indent: 1)
                }
                lines(laid, at: v.header.name.range.union(value.range))
            } else {
                line(head, at: v.header.name.range, indent: 0)
            }
            commonClauses(v.header)
        case .score(let s):
            line("score \(s.header.name.name)\(title(s.header.title))\(subject(s.header))", at: s.header.name.range, indent: 0)
            openBlock(s.header)
            var members = s.members.map(\.description)
            if s.includesAll { members.insert("all", at: 0) }
            for (i, member) in members.enumerated() {
                let range = i < s.members.count + (s.includesAll ? 1 : 0) && i >= (s.includesAll ? 1 : 0)
                    ? s.members[i - (s.includesAll ? 1 : 0)].range : s.header.name.range
                line(member + (i < members.count - 1 ? "," : ""), at: range, indent: 1)
            }
            close(d)
        case .table(let t):
            table(t, d)
        case .calendar(let c):
            calendar(c, d)
        case .keywords(let k):
            line("keywords \(k.header.name.name)\(title(k.header.title))", at: k.header.name.range, indent: 0)
            openBlock(k.header)
            for phrase in k.phrases { line(ExpressionPrinter.quote(phrase.value) + ",", at: phrase.range, indent: 1) }
            close(d)
        case .sla(let s):
            sla(s, d)
        case .test(let t):
            let date = t.asOf.map { " as of \($0.text)" } ?? ""
            line("test \(ExpressionPrinter.quote(t.title.value))\(date) {", at: t.title.range, indent: 0)
            if let given = t.given { givenLines(given) }
            for e in t.expectations { line("expect \(expectation(e.kind))", at: e.range, indent: 1) }
            close(d)
        }
    }

    private mutating func close(_ d: Declaration) {
        flushComments(before: d.range.end, indent: 1)
        out.append("}")
        trailingCommentLength = 0
        lastLineEnd = d.range.end
    }

    /// The clauses of a block declaration, then its `{` (on the header line when there are none).
    private mutating func openBlock(_ header: RuleHeader) {
        let before = out.count
        commonClauses(header)
        if out.count == before { appendCode(" {") } else { out.append("{") }
    }

    private mutating func commonClauses(_ header: RuleHeader) {
        if let e = header.effective {
            var text = "effective"
            if let from = e.from { text += " \(from.text)" }
            if let until = e.until { text += e.from == nil ? " until \(until.text)" : " until \(until.text)" }
            if e.from == nil, let until = e.until { text = "until \(until.text)" }
            line(text, at: e.range, indent: 1)
        }
        for source in header.sources { line("source \(ExpressionPrinter.quote(source.value))", at: source.range, indent: 1) }
        if let u = header.unconfirmed { line("unconfirmed \(ExpressionPrinter.quote(u.value))", at: u.range, indent: 1) }
        for note in header.notes { line("note \(ExpressionPrinter.quote(note.value))", at: note.range, indent: 1) }
    }

    /// `when a and b`, broken before `and`/`or` when the line would be long.
    private mutating func clause(_ keyword: String, _ expr: Expr) {
        lines(layout("\(keyword) ", expr, indent: 1), at: expr.range)
    }

    private mutating func givenLines(_ given: Expr) {
        lines(layout("given ", given, indent: 1), at: given.range)
    }

    private func expectation(_ kind: ExpectationKind) -> String {
        switch kind {
        case .fired(let n): return "fired \(n)"
        case .notFired(let n): return "not fired \(n)"
        case .notInForce(let n): return "not in force \(n)"
        case .error(let n): return "error \(n)"
        case .undetermined(let n, let missing):
            return "undetermined \(n)" + (missing.isEmpty ? "" : " missing " + missing.map(\.description).joined(separator: ", "))
        case .compare(let n, let op, let e): return "\(n) \(op.rawValue) \(printer.print(e))"
        }
    }

    // MARK: - Tables

    private mutating func table(_ t: TableDecl, _ d: Declaration) {
        let hit = t.hitPolicyRange != nil ? " hit \(t.hitPolicy.rawValue)" : ""
        line("table \(t.header.name.name)\(title(t.header.title))\(subject(t.header))\(hit)", at: t.header.name.range, indent: 0)
        openBlock(t.header)
        var grid: [[String]] = []
        var header = t.inputs.map { printer.print($0.expr) }
        for (i, output) in t.outputs.enumerated() {
            var cell = output.name.name
            if let type = output.type { cell += ": \(typeText(type))" }
            cell += title(output.title)
            header.append(i == 0 ? "=> \(cell)" : cell)
        }
        grid.append(header)
        for row in t.rows {
            grid.append(row.inputs.map(cellText) + row.outputs.map { $0.map(printer.print) ?? "-" })
        }
        var widths = Array(repeating: 0, count: grid.map(\.count).max() ?? 0)
        for row in grid { for (i, c) in row.enumerated() { widths[i] = max(widths[i], c.unicodeScalars.count) } }
        func render(_ row: [String]) -> String {
            "| " + row.enumerated().map { i, c in c + String(repeating: " ", count: widths[i] - c.unicodeScalars.count) }
                .joined(separator: " | ") + " |"
        }
        let headerRange = t.inputs.first?.range ?? t.header.name.range
        line(render(grid[0]), at: headerRange, indent: 1)
        for (row, cells) in zip(t.rows, grid.dropFirst()) { line(render(cells), at: row.range, indent: 1) }
        close(d)
    }

    private func cellText(_ cell: Cell) -> String {
        switch cell.kind {
        case .any: return "-"
        case .missing: return "missing"
        case .present: return "present"
        case .comparison(let op, let e): return "\(op.rawValue) \(printer.print(e))"
        case .range(let lo, let hi, let inclusive): return "\(printer.print(lo))\(inclusive ? ".." : "..<")\(printer.print(hi))"
        case .oneOf(let values): return values.map(printer.print).joined(separator: ", ")
        case .noneOf(let values): return "not " + values.map(printer.print).joined(separator: ", ")
        }
    }

    // MARK: - Calendars

    private mutating func calendar(_ c: CalendarDecl, _ d: Declaration) {
        let from = c.base.map { " from \($0)" } ?? ""
        line("calendar \(c.header.name.name)\(title(c.header.title))\(from) {", at: c.header.name.range, indent: 0)
        // Every clause inside the block, in source order (so comments stay beside their lines);
        // days one line per keyword and year.
        var items: [(start: Int32, text: String, range: SourceRange)] = []
        if let years = c.years { items.append((years.range.start, "years \(years.first)..\(years.last)", years.range)) }
        if let zone = c.zone { items.append((zone.range.start, "zone \(ExpressionPrinter.quote(zone.value))", zone.range)) }
        for week in c.weeks {
            let days = week.days.map { $0.from == $0.to ? Self.dayName($0.from) : "\(Self.dayName($0.from))..\(Self.dayName($0.to))" }
            var text = "week " + days.joined(separator: " ")
            text += week.hours.isEmpty ? " off" : " " + week.hours.map(Self.timeSpan).joined(separator: " ")
            if !week.breaks.isEmpty { text += " break " + week.breaks.map(Self.timeSpan).joined(separator: " ") }
            items.append((week.range.start, text, week.range))
        }
        func byYear<T>(_ list: [T], _ span: (T) -> DaySpan, _ text: (T) -> String, _ keyword: String) {
            var groups: [(String, [T])] = []
            for item in list {
                let year = String(span(item).from.text.prefix(4))
                if let i = groups.firstIndex(where: { $0.0 == year }) { groups[i].1.append(item) } else { groups.append((year, [item])) }
            }
            for (_, group) in groups {
                let range = group.map { span($0).range }.reduce(span(group[0]).range) { $0.union($1) }
                items.append((range.start, "\(keyword) " + group.map(text).joined(separator: ", "), range))
            }
        }
        byYear(c.holidays, { $0 }, Self.daySpan, "holiday")
        byYear(c.workdays, { $0.day }, { w in Self.daySpan(w.day) + w.hours.map { " " + Self.timeSpan($0) }.joined() }, "workday")
        byYear(c.shortened, { $0.day }, { s in
            Self.daySpan(s.day) + (s.seconds == 3600 ? "" : s.seconds % 3600 == 0 ? " by \(s.seconds / 3600) hours" : " by \(s.seconds / 60) minutes")
        }, "short")
        let h = c.header
        if let e = h.effective {
            var text = "effective"
            if let f = e.from { text += " \(f.text)" }
            if let u = e.until { text += " until \(u.text)" }
            if e.from == nil, let u = e.until { text = "until \(u.text)" }
            items.append((e.range.start, text, e.range))
        }
        for source in h.sources { items.append((source.range.start, "source \(ExpressionPrinter.quote(source.value))", source.range)) }
        if let u = h.unconfirmed { items.append((u.range.start, "unconfirmed \(ExpressionPrinter.quote(u.value))", u.range)) }
        for note in h.notes { items.append((note.range.start, "note \(ExpressionPrinter.quote(note.value))", note.range)) }
        for item in items.sorted(by: { $0.start < $1.start }) { line(item.text, at: item.range, indent: 1) }
        close(d)
    }

    private mutating func sla(_ s: SLADecl, _ d: Declaration) {
        line("sla \(s.header.name.name)\(title(s.header.title))\(subject(s.header))", at: s.header.name.range, indent: 0)
        openBlock(s.header)
        var items: [(start: Int32, lines: [String], range: SourceRange)] = []
        func add(_ prefix: String, _ e: Expr) { items.append((e.range.start, layout(prefix, e, indent: 1), e.range)) }
        if let c = s.calendar { items.append((c.range.start, ["\(Self.indent)calendar \(c)"], c.range)) }
        if let z = s.zone { add("zone ", z) }
        if let h = s.history { add("history ", h) }
        for event in SLAEvent.allCases {
            guard let list = s.events[event], let first = list.first else { continue }
            let range = list.map(\.range).reduce(first.range) { $0.union($1) }
            items.append((range.start, ["\(Self.indent)\(event.rawValue) on " + list.map { ExpressionPrinter.quote($0.value) }.joined(separator: ", ")], range))
        }
        if let t = s.target { add("target ", t) }
        for e in s.escalations {
            switch e.trigger {
            case .percent(let p): items.append((e.range.start, ["\(Self.indent)escalate at \(printer.print(p)) to \(printer.print(e.recipient))"], e.range))
            case .before(let b): items.append((e.range.start, ["\(Self.indent)escalate before \(printer.print(b)) to \(printer.print(e.recipient))"], e.range))
            }
        }
        if let a = s.atRisk { add("at risk at ", a) }
        if let k = s.kpiTarget { add("kpi compliance target >= ", k) }
        if let first = s.reportBy.first {
            let range = s.reportBy.map(\.range).reduce(first.range) { $0.union($1) }
            items.append((range.start, ["\(Self.indent)report by " + s.reportBy.map(printer.print).joined(separator: ", ")], range))
        }
        if let m = s.mass {
            var text = "\(Self.indent)mass incident when \(printer.print(m.count)) within \(printer.print(m.window))"
            if let w = m.filter { text += " where \(printer.print(w))" }
            if !m.keys.isEmpty { text += " by " + m.keys.map(printer.print).joined(separator: ", ") }
            if let p = m.priority { text += " priority \(printer.print(p))" }
            if let t = m.target { text += " target \(printer.print(t))" }
            items.append((m.range.start, [text], m.range))
        }
        for item in items.sorted(by: { $0.start < $1.start }) { lines(item.lines, at: item.range) }
        close(d)
    }

    static func dayName(_ day: Int) -> String {
        ["", "mon", "tue", "wed", "thu", "fri", "sat", "sun"][max(0, min(day, 7))]
    }

    static func timeSpan(_ t: TimeSpan) -> String { time(t.start) + "-" + time(t.end) }

    static func time(_ seconds: Int32) -> String {
        let h = seconds / 3600
        let m = seconds % 3600 / 60
        let s = seconds % 60
        let two = { (n: Int32) in n < 10 ? "0\(n)" : "\(n)" }
        return two(h) + ":" + two(m) + (s == 0 ? "" : ":" + two(s))
    }

    static func daySpan(_ d: DaySpan) -> String { d.from.text + (d.to.map { ".." + $0.text } ?? "") }

    // MARK: - Pieces

    private func title(_ s: StringLiteral?) -> String { s.map { " " + ExpressionPrinter.quote($0.value) } ?? "" }

    private func subject(_ header: RuleHeader) -> String {
        header.subject.map { " on \($0.variable.name): \($0.schema)" } ?? ""
    }

    private func typeText(_ type: TypeSyntax) -> String {
        switch type {
        case .named(let n): return n.description
        case .optional(let inner, _):
            if case .list = inner { return "(\(typeText(inner)))?" }
            return typeText(inner) + "?"
        case .list(let e, _): return "list of \(typeText(e))"
        }
    }
}

extension SourceRange {
    var atStart: SourceRange { SourceRange(file: Int(file), start: Int(start), end: Int(start)) }
}
