/// The order in which rules are checked. `checkRule` checks a rule on its first reference, inside
/// the expression that names it; a long chain of rules that read each other (`a = b + 1`,
/// `b = c + 1`, …) therefore nested one `checkRule` and a whole expression walk per link, and a few
/// hundred links (or a dozen links through deeply nested expressions, 1.3 KB of text) exhausted the
/// stack. Now the rules are checked in dependency order, so that each rule's dependencies are
/// already checked when its body names them and the recursion stays shallow however long the
/// chain. (A genuine cycle is still found by recursing around it, one expression walk per rule;
/// `checkExpression` bounds the total depth of those walks.)
extension Checker {
    /// The rules in post-order of the names their declarations mention: as far as the text tells,
    /// every rule comes after the rules it reads. The graph over-approximates (a name is taken for
    /// the rule it spells wherever it appears, template holes included) and may miss a dependency
    /// the text hides; neither harms: the order only decides which rule `checkRule` meets first,
    /// and it still recurses into anything unchecked (and reports real cycles) as before.
    func dependencyOrder() -> [Int] {
        let count = program.rules.count
        var reads: [[Int]] = Array(repeating: [], count: count)
        var tokens: [Int: [Token]] = [:]
        for rule in program.rules {
            for version in rule.versions {
                let file = version.location.file
                if tokens[file] == nil { tokens[file] = Lexer.lex(program.files[file].file).tokens }
                let declaration = program.declaration(version.location)
                reads[rule.index] += namedRules(in: declaration, file: file, tokens: tokens[file] ?? [])
                    .filter { $0 != rule.index }
            }
        }
        // Iterative depth-first search (the chains may be longer than the stack is deep), roots and
        // reads in declaration order like the lazy recursion it replaces. Rules it finds on a cycle
        // are left out of the post-order and come last in declaration order, so that `checkRule`
        // enters a real cycle where it did before and reports it from the same rule.
        var order: [Int] = []
        order.reserveCapacity(count)
        var visited = Array(repeating: false, count: count)
        var position = Array(repeating: -1, count: count)  // index in `stack` while on it
        var onCycle = Array(repeating: false, count: count)
        var stack: [(rule: Int, next: Int)] = []
        for root in 0..<count where !visited[root] {
            visited[root] = true
            position[root] = 0
            stack.append((root, 0))
            while let top = stack.last {
                let rule = top.rule
                let next = top.next
                if next < reads[rule].count {
                    stack[stack.count - 1].next += 1
                    let target = reads[rule][next]
                    if !visited[target] {
                        visited[target] = true
                        position[target] = stack.count
                        stack.append((target, 0))
                    } else if position[target] >= 0 {
                        for entry in stack[position[target]...] { onCycle[entry.rule] = true }
                    }
                } else {
                    if !onCycle[rule] { order.append(rule) }
                    position[rule] = -1
                    stack.removeLast()
                }
            }
        }
        return order + (0..<count).filter { onCycle[$0] }
    }

    /// Rules a declaration may read: names in its text (and in its strings' `{…}` holes) that spell
    /// a rule visible from its file, plain or module-qualified; `score … { all }` reads the
    /// indicators of its module. `tokens` are the file's.
    private func namedRules(in declaration: Declaration, file: Int, tokens: [Token]) -> [Int] {
        let modules = visibleModules(file: file)
        var found: [Int] = []
        if case .score(let score) = declaration.kind, score.includesAll {
            found += program.rules.indices.filter {
                program.rules[$0].kind == .indicator && program.rules[$0].module == fileModule[file]
            }
        }
        // The declaration's tokens: the first that starts in its range, up to its end.
        var lo = 0
        var hi = tokens.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if tokens[mid].range.start < declaration.range.start { lo = mid + 1 } else { hi = mid }
        }
        var end = lo
        while end < tokens.count, tokens[end].range.start < declaration.range.end { end += 1 }
        scan(tokens[lo..<end], modules: modules, into: &found)
        // Template holes: the names inside strings that contain a `{`.
        for token in tokens[lo..<end] where token.kind == .string && token.text.utf8.contains(UInt8(ascii: "{")) {
            let inner = Lexer.lex(program.files[file].file, from: Int(token.range.start) + 1, to: Int(token.range.end)).tokens
            scan(inner[...], modules: modules, into: &found)
        }
        return found
    }

    private func scan(_ tokens: ArraySlice<Token>, modules: [String], into found: inout [Int]) {
        for i in tokens.indices where tokens[i].kind == .identifier {
            let token = tokens[i]
            // `on e: Schema` binds a variable, not a rule.
            if i > tokens.startIndex, tokens[i - 1].isWord("on") { continue }
            if i > tokens.startIndex, tokens[i - 1].kind == .dot {
                // `module.rule`: the names before the dot must spell a visible module.
                var parts: [String] = []
                var j = i - 1
                while j > tokens.startIndex, tokens[j].kind == .dot, tokens[j - 1].kind == .identifier {
                    parts.insert(tokens[j - 1].text, at: 0)
                    j -= 2
                }
                let module = parts.joined(separator: ".")
                if modules.contains(module), let rule = ruleNames[module]?[token.text] { found.append(rule) }
                continue
            }
            for module in modules {
                if let rule = ruleNames[module]?[token.text] { found.append(rule) }
            }
        }
    }
}
