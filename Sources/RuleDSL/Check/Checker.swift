/// Resolves names, checks types and the domain rules of a set of parsed files. The passes run in a
/// fixed order (see `run`); each reports what it finds and the next ones carry on with what is sound.
struct Checker {
    var program = CheckedProgram()
    var diagnostics = DiagnosticSink()

    /// Module name of each file, and the modules each file imports.
    var fileModule: [String] = []
    var fileImports: [[String]] = []
    var moduleFiles: [String: [Int]] = [:]
    /// Type names (schemas and enums) by module.
    var typeNames: [String: [String: TypeSymbol]] = [:]
    /// Rule names by module.
    var ruleNames: [String: [String: Int]] = [:]
    /// Calendar names by module.
    var calendarNames: [String: [String: Int]] = [:]
    /// Keyword sets and SLAs by module.
    var supportNames: [String: [String: SupportSymbol]] = [:]

    enum SupportSymbol {
        case keywords(Int), sla(Int)
    }
    var ruleState: [RuleCheckState] = []
    /// Rules being checked, innermost last (to report dependency cycles).
    var ruleStack: [Int] = []
    /// Nesting of `checkExpression` calls, over all the rules being checked (see `checkExpression`);
    /// going past the limit is reported once.
    var expressionDepth = 0
    /// While an SLA version is checked: the rules its clauses read (to evaluate only those per ticket).
    var slaReads: Set<Int>?
    var reportedTooDeep = false
    /// Four expressions as deep as the parser allows: more only happens around a dependency cycle.
    static let maximumExpressionDepth = 4 * Parser.maximumDepth

    enum TypeSymbol {
        case schema(Int), enumeration(Int)
    }

    enum RuleCheckState {
        case unchecked, inProgress, done
    }

    /// Checks the files and returns the program with all diagnostics.
    static func check(_ files: [FileSyntax]) -> (CheckedProgram, [Diagnostic]) {
        var checker = Checker()
        checker.program.files = files
        checker.run()
        return (checker.program, checker.diagnostics.diagnostics)
    }

    /// The passes, in order.
    mutating func run() {
        collectModules()
        checkImports()
        declareTypes()
        resolveSchemaFields()
        declareRules()
        declareCalendars()
        checkCalendars()
        declareSupport()
        checkVersions()
        for index in dependencyOrder() { checkRule(index) }
        checkSLAs()
        checkTests()
        warnUnconfirmedWithoutSource()
    }

    // MARK: - Modules

    mutating func collectModules() {
        for (i, file) in program.files.enumerated() {
            let module = file.module?.description ?? Self.defaultModuleName(for: file.file.path)
            fileModule.append(module)
            fileImports.append(file.imports.map(\.name.description))
            moduleFiles[module, default: []].append(i)
        }
    }

    /// A file without `module` forms a module named after the file (`rules/x/mrot.rules` → `mrot`).
    static func defaultModuleName(for path: String) -> String {
        let last = path.split(separator: "/").last.map(String.init) ?? path
        if let dot = last.lastIndex(of: ".") { return String(last[..<dot]) }
        return last
    }

    mutating func checkImports() {
        for (i, file) in program.files.enumerated() {
            var seen: Set<String> = []
            for imported in file.imports {
                let name = imported.name.description
                if moduleFiles[name] == nil {
                    let suggestion = Suggestions.closest(to: name, among: moduleFiles.keys)
                    report(Messages.unknownModule, [name], at: imported.name.range, suggestion: suggestion)
                } else if name == fileModule[i] {
                    report(Messages.importsItself, [name], at: imported.name.range)
                } else if !seen.insert(name).inserted {
                    report(Messages.duplicateImport, [name], at: imported.name.range)
                }
            }
        }
        // Import cycles between modules.
        var graph: [String: Set<String>] = [:]
        for (i, imports) in fileImports.enumerated() {
            for target in imports where moduleFiles[target] != nil && target != fileModule[i] {
                graph[fileModule[i], default: []].insert(target)
            }
        }
        var state: [String: Int] = [:]  // 1 visiting, 2 done
        var stack: [String] = []
        var reported: Set<String> = []
        func visit(_ module: String, _ checker: inout Checker) {
            state[module] = 1
            stack.append(module)
            for next in (graph[module] ?? []).sorted() {
                if state[next] == 1 {
                    let cycle = Array(stack[stack.lastIndex(of: next)!...]) + [next]
                    let key = Set(cycle).sorted().joined(separator: ",")
                    if reported.insert(key).inserted {
                        checker.reportImportCycle(cycle)
                    }
                } else if state[next] == nil {
                    visit(next, &checker)
                }
            }
            stack.removeLast()
            state[module] = 2
        }
        for module in graph.keys.sorted() where state[module] == nil { visit(module, &self) }
    }

    private mutating func reportImportCycle(_ cycle: [String]) {
        // Point at the import in the first module of the cycle that closes it.
        let from = cycle[0]
        let to = cycle[1]
        for file in moduleFiles[from] ?? [] {
            if let imported = program.files[file].imports.first(where: { $0.name.description == to }) {
                report(Messages.importCycle, [cycle.joined(separator: " → ")], at: imported.name.range)
                return
            }
        }
    }

    /// Modules whose names a file sees: its own and the ones it imports.
    func visibleModules(file: Int) -> [String] {
        [fileModule[file]] + fileImports[file].filter { moduleFiles[$0] != nil && $0 != fileModule[file] }
    }

    // MARK: - Reporting

    mutating func report(
        _ template: MessageTemplate, _ arguments: [String] = [], at range: SourceRange, notes: [DiagnosticNote] = [],
        suggestion: String? = nil
    ) {
        diagnostics.report(template, arguments, at: range, notes: notes, suggestion: suggestion)
    }

    func declaredHere(_ range: SourceRange) -> DiagnosticNote {
        DiagnosticNote(template: Messages.noteDeclaredHere, arguments: [], range: range)
    }

    func spell(_ type: RType) -> String { type.spelled(enums: program.enums, schemas: program.schemas) }
}
