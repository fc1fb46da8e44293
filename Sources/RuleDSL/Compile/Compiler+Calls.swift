/// Calls: built-in functions, list functions over list expressions, lookups and rule applications.
extension Compiler {
    func compileCall(_ expr: Expr, callee: Expr, arguments: [Expr], _ type: RType) -> Code {
        switch program.resolutions[callee.id] {
        case .builtin(let name)?:
            guard let builtin = Builtins.named(name) else { return literalCode(.missing, type) }
            if builtin.isAggregate { return compileAggregate(name, arguments, type) }
            if Checker.calendarFunctions.contains(name) { return compileCalendarCall(name, arguments, type) }
            if name == "mentions", arguments.count == 2, case .keywordSet(let index)? = program.resolutions[arguments[1].id] {
                let set = program.keywordSets[index]
                let text = compile(arguments[0]).asValue
                return .bool { f in
                    guard case .string(let s) = text(&f) else { return .unknown }
                    if f.wordCache.text != s {
                        f.wordCache.words.split(s)
                        f.wordCache.text = s
                    }
                    return Tri(set.matches(words: f.wordCache.words))
                }
            }
            return compileBuiltin(builtin, arguments, type)
        case .rule(let rule)?:
            if program.rules[rule].kind == .lookup { return compileLookup(rule, argument: arguments[0], type) }
            return ruleReference(rule, type)
        default:
            return literalCode(.missing, type)
        }
    }

    private func compileBuiltin(_ builtin: Builtin, _ arguments: [Expr], _ type: RType) -> Code {
        if builtin.name == "matches", arguments.count == 2, case .string(let pattern)? = program.literals[arguments[1].id],
            let regex = RegexCache.compile(pattern)
        {
            let text = compile(arguments[0]).asValue
            return .bool { f in
                guard case .string(let s) = text(&f) else { return .unknown }
                return Tri(regex.matches(s))
            }
        }
        let codes = arguments.map { compile($0).asValue }
        let evaluate = builtin.evaluate
        return adapt(.value { f in
            var values: [Value] = []
            values.reserveCapacity(codes.count)
            for code in codes {
                let v = code(&f)
                if v.isMissing { return .missing }
                values.append(v)
            }
            do throws(EvalFailure) { return try evaluate(values, f.asOf) } catch {
                f.fail(error)
                return .missing
            }
        }, to: type)
    }

    private func compileLookup(_ rule: Int, argument: Expr, _ type: RType) -> Code {
        // A versioned lookup answers from the version in force on the evaluation date.
        let versions: [(from: CivilDate?, until: CivilDate?, table: [Value: ValueCode], otherwise: ValueCode?)] =
            program.rules[rule].versions.map { v in
                guard case .lookup(let d) = program.declaration(v.location).kind else { return (v.from, v.until, [:], nil) }
                var table: [Value: ValueCode] = [:]
                for entry in d.entries {
                    let code = convert(compile(entry.value).asValue, to: program.rules[rule].resultType)
                    for key in entry.keys { if let k = program.literals[key.id] { table[normalizedKey(k)] = code } }
                }
                return (v.from, v.until, table, d.otherwise.map { convert(compile($0).asValue, to: program.rules[rule].resultType) })
            }
        let key = compile(argument).asValue
        return adapt(.value { f in
            let k = key(&f)
            if k.isMissing { return .missing }
            // Versions are sorted by start: the newest one in force wins (an open-ended version ends
            // where the next one starts).
            for v in versions.reversed() {
                if let from = v.from, f.asOf < from { continue }
                if let until = v.until, f.asOf > until { continue }
                if let code = v.table[normalizedKey(k)] { return code(&f) }
                return v.otherwise?(&f) ?? .missing
            }
            return .missing
        }, to: type)
    }

    // MARK: - List functions

    private func compileAggregate(_ name: String, _ arguments: [Expr], _ type: RType) -> Code {
        if (name == "min" || name == "max"), arguments.count >= 2 {
            let codes = arguments.map { compile($0).asValue }
            let wantMin = name == "min"
            return adapt(.value { f in
                var best: Value?
                for code in codes {
                    let v = code(&f)
                    if v.isMissing { return .missing }
                    if let b = best, let c = ValueOrder.compare(v, b) {
                        if wantMin ? c < 0 : c > 0 { best = v }
                    } else if best == nil {
                        best = v
                    }
                }
                return best ?? .missing
            }, to: type)
        }
        let argument = arguments[0]
        let source: ValueCode
        var slot = -1
        var filter: BoolCode?
        var projection: ValueCode?
        if case .comprehension(let c) = argument.kind, case .local(let s)? = program.resolutions[argument.id] {
            source = compile(c.source).asValue
            slot = s
            filter = c.filter.map { compile($0).asBool }
            projection = c.projection.map { compile($0).asValue }
        } else {
            source = compile(argument).asValue
        }
        let iterate = ListIteration(source: source, slot: slot, filter: filter, projection: projection)
        switch name {
        case "count":
            return .number({ f in
                guard let items = iterate.selected(&f) else { return nil }
                return ExactDecimal(Int64(items.count))
            }, integral: true)
        case "any", "all":
            let wantAll = name == "all"
            return .bool { f in iterate.quantify(&f, all: wantAll) }
        case "sum", "avg":
            let average = name == "avg"
            return adapt(.value { f in
                guard let items = iterate.selected(&f) else { return .missing }
                var total = ExactDecimal.zero
                for item in items {
                    guard let n = item.number else { return .missing }
                    do { total = try total.adding(n) } catch {
                        f.fail(EvalFailure.from(error))
                        return .missing
                    }
                }
                if !average {
                    if let i = total.int64Value, type.base == .int { return .int(i) }
                    return .decimal(total)
                }
                if items.isEmpty { return .missing }
                do { return .decimal(try total.divided(by: ExactDecimal(Int64(items.count)))) } catch {
                    f.fail(EvalFailure.from(error))
                    return .missing
                }
            }, to: type)
        case "min", "max":
            let wantMin = name == "min"
            return adapt(.value { f in
                guard let items = iterate.selected(&f) else { return .missing }
                var best: Value?
                for item in items {
                    if item.isMissing { return .missing }
                    if let b = best, let c = ValueOrder.compare(item, b) {
                        if wantMin ? c < 0 : c > 0 { best = item }
                    } else if best == nil {
                        best = item
                    }
                }
                return best ?? .missing
            }, to: type)
        default:  // filter, map
            return .value { f in
                guard let items = iterate.selected(&f) else { return .missing }
                return .list(items)
            }
        }
    }
}

/// Runs a list expression (`x in list where condition`, `expr for x in list`) within the cost budget.
struct ListIteration: Sendable {
    let source: ValueCode
    let slot: Int
    let filter: BoolCode?
    let projection: ValueCode?

    /// The selected (and projected) elements; nil when a condition is unknown or the budget ran out.
    func selected(_ f: inout Frame) -> [Value]? {
        guard case .list(let items) = source(&f) else { return nil }
        var result: [Value] = []
        result.reserveCapacity(items.count)
        for item in items {
            f.budget -= 1
            if f.budget < 0 {
                f.fail(EvalFailure(Messages.costLimitExceeded, [String(f.costLimit)]))
                return nil
            }
            if slot >= 0 { f.locals[slot] = item }
            if let filter {
                switch filter(&f) {
                case .no: continue
                case .unknown: return nil
                case .yes: break
                }
            }
            result.append(projection.map { $0(&f) } ?? item)
        }
        return result
    }

    /// Three-valued any/all of the condition (or of the boolean elements).
    func quantify(_ f: inout Frame, all: Bool) -> Tri {
        guard case .list(let items) = source(&f) else { return .unknown }
        var result: Tri = all ? .yes : .no
        for item in items {
            f.budget -= 1
            if f.budget < 0 {
                f.fail(EvalFailure(Messages.costLimitExceeded, [String(f.costLimit)]))
                return .unknown
            }
            if slot >= 0 { f.locals[slot] = item }
            let t: Tri
            if let filter {
                t = filter(&f)
            } else if case .bool(let b) = (projection.map { $0(&f) } ?? item) {
                t = b ? .yes : .no
            } else {
                t = .unknown
            }
            result = all ? Tri.and(result, t) : Tri.or(result, t)
            if all ? result == .no : result == .yes { return result }
        }
        return result
    }
}
