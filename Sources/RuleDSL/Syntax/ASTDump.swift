/// A textual dump of a syntax tree without positions or node ids: the form golden parser tests
/// compare, and the witness that formatting keeps a file's meaning (same dump before and after).
public enum ASTDump {
    public static func dump(_ file: FileSyntax) -> String {
        var out: [String] = []
        if let module = file.module { out.append("(module \(module))") }
        for i in file.imports { out.append("(import \(i.name))") }
        if let source = file.fileSource { out.append("(source \(quote(source.value)))") }
        for d in file.declarations { out.append(dump(d)) }
        return out.joined(separator: "\n") + "\n"
    }

    static func dump(_ d: Declaration) -> String {
        switch d.kind {
        case .schema(let s):
            return "(schema \(s.name.name)\(title(s.title))" + s.fields.map { "\n  (field \($0.name.name) \(type($0.type))\($0.allowed.map { " (in \(expr($0)))" } ?? "")\(title($0.title)))" }.joined() + ")"
        case .enumeration(let e):
            return "(enum \(e.name.name)\(title(e.title))" + e.cases.map { " (\($0.name.name)\(title($0.title)))" }.joined() + ")"
        case .constant(let c):
            return "(const \(header(c.header))\(c.type.map { " :" + type($0) } ?? "") \(expr(c.value)))"
        case .lookup(let l):
            var text = "(lookup \(header(l.header)) \(type(l.keyType)) -> \(type(l.valueType))"
            for e in l.entries { text += "\n  (\(e.keys.map(expr).joined(separator: " ")) => \(expr(e.value)))" }
            if let o = l.otherwise { text += "\n  (else \(expr(o)))" }
            return text + ")"
        case .indicator(let i):
            var text = "(indicator \(header(i.header))"
            if let c = i.condition { text += "\n  (when \(expr(c)))" }
            if let w = i.weight { text += "\n  (weight \(expr(w)))" }
            if let b = i.because { text += "\n  (because \(template(b)))" }
            return text + ")"
        case .value(let v):
            return "(value \(header(v.header))\(v.type.map { " :" + type($0) } ?? "") \(v.value.map(expr) ?? "<none>"))"
        case .score(let s):
            return "(score \(header(s.header))\(s.includesAll ? " all" : "") \(s.members.map(\.description).joined(separator: " ")))"
        case .table(let t):
            var text = "(table \(header(t.header)) hit \(t.hitPolicy.rawValue)"
            text += "\n  (inputs \(t.inputs.map { expr($0.expr) }.joined(separator: " ")))"
            text += "\n  (outputs \(t.outputs.map { "\($0.name.name)\($0.type.map { ":" + type($0) } ?? "")\(title($0.title))" }.joined(separator: " ")))"
            for row in t.rows {
                text += "\n  (row \(row.inputs.map(cell).joined(separator: " ")) => \(row.outputs.map { $0.map(expr) ?? "-" }.joined(separator: " ")))"
            }
            return text + ")"
        case .calendar(let c):
            var text = "(calendar \(header(c.header))\(c.base.map { " from \($0)" } ?? "")"
            if let y = c.years { text += "\n  (years \(y.first) \(y.last))" }
            if let z = c.zone { text += "\n  (zone \(quote(z.value)))" }
            for w in c.weeks {
                text += "\n  (week \(w.days.map { "\($0.from)-\($0.to)" }.joined(separator: " ")) \(w.hours.map(span).joined(separator: " "))"
                    + (w.breaks.isEmpty ? "" : " break \(w.breaks.map(span).joined(separator: " "))") + ")"
            }
            for h in c.holidays { text += "\n  (holiday \(day(h)))" }
            for w in c.workdays { text += "\n  (workday \(day(w.day))\(w.hours.map { " " + span($0) }.joined()))" }
            for s in c.shortened { text += "\n  (short \(day(s.day)) \(s.seconds))" }
            return text + ")"
        case .keywords(let k):
            return "(keywords \(header(k.header)) \(k.phrases.map { quote($0.value) }.joined(separator: " ")))"
        case .sla(let s):
            var text = "(sla \(header(s.header))"
            if let c = s.calendar { text += "\n  (calendar \(c))" }
            if let z = s.zone { text += "\n  (zone \(expr(z)))" }
            if let h = s.history { text += "\n  (history \(expr(h)))" }
            for event in SLAEvent.allCases { if let list = s.events[event] { text += "\n  (\(event.rawValue) \(list.map { quote($0.value) }.joined(separator: " ")))" } }
            if let t = s.target { text += "\n  (target \(expr(t)))" }
            for e in s.escalations {
                switch e.trigger {
                case .percent(let p): text += "\n  (escalate at \(expr(p)) \(expr(e.recipient)))"
                case .before(let d): text += "\n  (escalate before \(expr(d)) \(expr(e.recipient)))"
                }
            }
            if let a = s.atRisk { text += "\n  (at-risk \(expr(a)))" }
            if let k = s.kpiTarget { text += "\n  (kpi \(expr(k)))" }
            if !s.reportBy.isEmpty { text += "\n  (report \(s.reportBy.map(expr).joined(separator: " ")))" }
            if let m = s.mass {
                text += "\n  (mass \(expr(m.count)) \(expr(m.window)) \(m.keys.map(expr).joined(separator: " "))\(m.priority.map { " " + expr($0) } ?? ""))"
            }
            return text + ")"
        case .test(let t):
            var text = "(test \(quote(t.title.value))\(t.asOf.map { " as-of " + $0.text } ?? "")"
            if let g = t.given { text += "\n  (given \(expr(g)))" }
            for e in t.expectations { text += "\n  (expect \(expectation(e.kind)))" }
            return text + ")"
        }
    }

    static func span(_ t: TimeSpan) -> String { "\(t.start)-\(t.end)" }
    static func day(_ d: DaySpan) -> String { d.from.text + (d.to.map { ".." + $0.text } ?? "") }

    static func header(_ h: RuleHeader) -> String {
        var text = h.name.name + title(h.title)
        if let s = h.subject { text += " (on \(s.variable.name) \(s.schema))" }
        if let e = h.effective { text += " (effective \(e.from?.text ?? "-") \(e.until?.text ?? "-"))" }
        for s in h.sources { text += " (source \(quote(s.value)))" }
        if let u = h.unconfirmed { text += " (unconfirmed \(quote(u.value)))" }
        for n in h.notes { text += " (note \(quote(n.value)))" }
        return text
    }

    static func type(_ t: TypeSyntax) -> String {
        switch t {
        case .named(let n): return n.description
        case .optional(let inner, _): return "(optional \(type(inner)))"
        case .list(let e, _): return "(list \(type(e)))"
        }
    }

    static func cell(_ c: Cell) -> String {
        switch c.kind {
        case .any: return "-"
        case .missing: return "missing"
        case .present: return "present"
        case .comparison(let op, let e): return "(\(op.rawValue) \(expr(e)))"
        case .range(let lo, let hi, let inclusive): return "(\(inclusive ? ".." : "..<") \(expr(lo)) \(expr(hi)))"
        case .oneOf(let values): return "(one-of \(values.map(expr).joined(separator: " ")))"
        case .noneOf(let values): return "(none-of \(values.map(expr).joined(separator: " ")))"
        }
    }

    static func expectation(_ k: ExpectationKind) -> String {
        switch k {
        case .fired(let n): return "fired \(n)"
        case .notFired(let n): return "not-fired \(n)"
        case .notInForce(let n): return "not-in-force \(n)"
        case .error(let n): return "error \(n)"
        case .undetermined(let n, let m): return "undetermined \(n)" + (m.isEmpty ? "" : " missing " + m.map(\.description).joined(separator: " "))
        case .compare(let n, let op, let e): return "\(op.rawValue) \(n) \(expr(e))"
        }
    }

    static func template(_ t: Template) -> String {
        t.parts.map { part in
            switch part {
            case .text(let s): return quote(s)
            case .hole(let e): return "{\(expr(e))}"
            }
        }.joined(separator: " ")
    }

    public static func expr(_ e: Expr) -> String {
        switch e.kind {
        case .integer(let t): return "(int \(t))"
        case .decimal(let t): return "(dec \(t))"
        case .percent(let t): return "(pct \(t))"
        case .string(let s): return quote(s)
        case .bool(let b): return b ? "true" : "false"
        case .date(let t): return "(date \(t))"
        case .datetime(let t): return "(datetime \(t))"
        case .duration(let a, let u): return "(duration \(expr(a)) \(u.name))"
        case .missing: return "missing"
        case .name(let n): return n.name
        case .member(let b, let m): return "(. \(expr(b)) \(m.name))"
        case .call(let c, let args): return "(call \(expr(c))\(args.map { " " + expr($0) }.joined()))"
        case .unary(let op, let x): return "(\(op.rawValue) \(expr(x)))"
        case .binary(let op, let a, let b): return "(\(op.rawValue) \(expr(a)) \(expr(b)))"
        case .isMissing(let x, let negated): return "(\(negated ? "is-present" : "is-missing") \(expr(x)))"
        case .membership(let x, let c, let negated): return "(\(negated ? "not-in" : "in") \(expr(x)) \(expr(c)))"
        case .range(let lo, let hi, let inclusive): return "(\(inclusive ? ".." : "..<") \(expr(lo)) \(expr(hi)))"
        case .conditional(let c, let a, let b): return "(if \(expr(c)) \(expr(a)) \(expr(b)))"
        case .list(let items): return "(list\(items.map { " " + expr($0) }.joined()))"
        case .record(let n, let fields): return "(record \(n)\(fields.map { " (\($0.name.name) \(expr($0.value)))" }.joined()))"
        case .update(let b, let fields): return "(with \(expr(b))\(fields.map { " (\($0.name.name) \(expr($0.value)))" }.joined()))"
        case .comprehension(let c):
            return "(for \(c.variable.name) \(expr(c.source))\(c.filter.map { " where " + expr($0) } ?? "")\(c.projection.map { " map " + expr($0) } ?? ""))"
        case .error: return "<error>"
        }
    }

    static func title(_ s: StringLiteral?) -> String { s.map { " " + quote($0.value) } ?? "" }
    static func quote(_ s: String) -> String { ExpressionPrinter.quote(s) }
}
