import Foundation
import RuleDSL

/// The commands of `etalon`, in the order `--help` lists them.
let commands: [any Command.Type] = [
    CheckCommand.self, TestCommand.self, FmtCommand.self, EvalCommand.self, FunctionsCommand.self, CalendarCommand.self, SLACommand.self, RunsCommand.self, DemoCommand.self, BenchCommand.self,
]

let mainHelp = """
    etalon — rules for labour compliance: risk indicators, categories, reference processes, SLA.

    Usage: etalon COMMAND [OPTIONS] [PATH…]

    Commands:
    \(commands.map { "  \($0.name.padding(toLength: 10, withPad: " ", startingAt: 0)) \($0.summary)" }.joined(separator: "\n"))

    Run ‘etalon COMMAND --help’ for a command's options.
    Messages in Russian: --lang ru, or ETALON_LANG=ru.
    Exit codes: 0 success; 1 errors in the rules, failed tests or rejected records; 2 usage errors.
    """

@MainActor func runMain() -> Int32 {
    var arguments = Array(CommandLine.arguments.dropFirst())
    guard let first = arguments.first else {
        print(mainHelp)
        return 2
    }
    if first == "--help" || first == "-h" || first == "help" {
        print(mainHelp)
        return 0
    }
    if first == "--version" || first == "version" {
        print("etalon \(RuleDSL.version)")
        return 0
    }
    guard let command = commands.first(where: { $0.name == first }) else {
        FileHandle.standardError.write(Data("etalon: unknown command ‘\(first)’; run ‘etalon --help’ for the list\n".utf8))
        return 2
    }
    arguments.removeFirst()
    if arguments.contains("--help") || arguments.contains("-h") {
        print(command.help)
        return 0
    }
    do {
        let parsed = try ParsedArguments.parse(arguments, options: command.options)
        let context = CommandContext(language: try CommonOptions.language(parsed))
        let code = try command.run(parsed, context)
        context.stdout.flush()
        return code
    } catch let error as UsageError {
        FileHandle.standardError.write(Data("etalon \(command.name): \(error.message)\nRun ‘etalon \(command.name) --help’ for usage.\n".utf8))
        return 2
    } catch {
        FileHandle.standardError.write(Data("etalon \(command.name): \(error)\n".utf8))
        return 1
    }
}

exit(runMain())
