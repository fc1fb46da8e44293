import Foundation
import RuleDSL

/// A usage problem: exit code 2 with a message and a pointer to `--help`.
struct UsageError: Error {
    let message: String
}

/// One option a command accepts.
struct OptionSpec {
    let name: String
    /// The placeholder of its value (`DATE`), or nil for a flag.
    let value: String?
    let help: String
}

/// A command: its name, synopsis, options and what it does.
protocol Command {
    static var name: String { get }
    static var synopsis: String { get }
    static var summary: String { get }
    static var details: String { get }
    static var options: [OptionSpec] { get }
    /// Runs with parsed arguments; returns the exit code (0 ok, 1 findings or failures).
    static func run(_ arguments: ParsedArguments, _ context: CommandContext) throws -> Int32
}

/// What every command gets: the language of messages and where to write.
struct CommandContext {
    let language: MessageLanguage
    var stdout = StandardOutput()

    func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}

/// Buffered standard output (large reports are written in chunks, not line by line).
final class StandardOutput {
    private var buffer: [UInt8] = []

    init() { buffer.reserveCapacity(1 << 16) }

    func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    func line(_ text: String = "") { write(text + "\n") }

    func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(1, raw.baseAddress! + offset, raw.count - offset)
                if n <= 0 { break }
                offset += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }

    deinit { flush() }
}

/// Arguments after the command name: options with values, flags, and positional paths.
struct ParsedArguments {
    var values: [String: String] = [:]
    var flags: Set<String> = []
    var positional: [String] = []

    func value(_ name: String) -> String? { values[name] }
    func has(_ name: String) -> Bool { flags.contains(name) }

    /// Parses `arguments` against the command's options; unknown options are usage errors.
    static func parse(_ arguments: [String], options: [OptionSpec]) throws(UsageError) -> ParsedArguments {
        var parsed = ParsedArguments()
        var i = 0
        let byName = Dictionary(options.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        while i < arguments.count {
            let argument = arguments[i]
            i += 1
            if argument == "--" {
                parsed.positional += arguments[i...]
                break
            }
            guard argument.hasPrefix("--"), argument.count > 2 else {
                parsed.positional.append(argument)
                continue
            }
            var name = String(argument.dropFirst(2))
            var inlineValue: String?
            if let eq = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            guard let spec = byName[name] else {
                let suggestion = options.map(\.name).min { a, b in distance(a, name) < distance(b, name) }
                let hint = suggestion.map { distance($0, name) <= 3 ? " (did you mean --\($0)?)" : "" } ?? ""
                throw UsageError(message: "unknown option --\(name)\(hint)")
            }
            if let placeholder = spec.value {
                if let inlineValue {
                    parsed.values[name] = inlineValue
                } else {
                    guard i < arguments.count else { throw UsageError(message: "--\(name) needs a value: --\(name) \(placeholder)") }
                    parsed.values[name] = arguments[i]
                    i += 1
                }
            } else {
                if inlineValue != nil { throw UsageError(message: "--\(name) takes no value") }
                parsed.flags.insert(name)
            }
        }
        return parsed
    }

    private static func distance(_ a: String, _ b: String) -> Int {
        let x = Array(a)
        let y = Array(b)
        var previous = Array(0...y.count)
        for i in 1...max(x.count, 1) where !x.isEmpty {
            var current = [i] + Array(repeating: 0, count: y.count)
            for j in 1...max(y.count, 1) where !y.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[y.count]
    }

    /// `--as-of` and similar: a date, or a usage error naming the option.
    func date(_ name: String) throws(UsageError) -> CivilDate? {
        guard let text = values[name] else { return nil }
        guard let date = CivilDate(iso: text) else {
            throw UsageError(message: "--\(name) expects a date as YYYY-MM-DD, got ‘\(text)’")
        }
        return date
    }

    /// An enumerated option value, or a usage error listing the choices.
    func choice(_ name: String, _ choices: [String], default fallback: String) throws(UsageError) -> String {
        guard let value = values[name] else { return fallback }
        guard choices.contains(value) else {
            throw UsageError(message: "--\(name) must be one of \(choices.joined(separator: ", ")), got ‘\(value)’")
        }
        return value
    }
}

extension Command {
    /// The command's `--help` text.
    static var help: String {
        var text = "\(summary)\n\nUsage: etalon \(name) \(synopsis)\n"
        if !details.isEmpty { text += "\n\(details)\n" }
        if !options.isEmpty {
            text += "\nOptions:\n"
            let all = options + [OptionSpec(name: "help", value: nil, help: "Show this help.")]
            let width = all.map { "--\($0.name)" + ($0.value.map { " \($0)" } ?? "") }.map(\.count).max() ?? 0
            for option in all {
                let left = "--\(option.name)" + (option.value.map { " \($0)" } ?? "")
                text += "  \(left.padding(toLength: width, withPad: " ", startingAt: 0))  \(option.help)\n"
            }
        }
        return text
    }
}

/// Options most commands share.
enum CommonOptions {
    static let lang = OptionSpec(name: "lang", value: "en|ru", help: "Language of messages (default: from ETALON_LANG, LC_ALL, LANG).")
    static let format = OptionSpec(name: "format", value: "text|json", help: "Output as readable text (default) or JSON.")

    static func language(_ arguments: ParsedArguments) throws(UsageError) -> MessageLanguage {
        let environment = MessageLanguage.fromEnvironment(ProcessInfo.processInfo.environment)
        guard let value = arguments.value("lang") else { return environment }
        guard let language = MessageLanguage(rawValue: value) else {
            throw UsageError(message: "--lang must be en or ru, got ‘\(value)’")
        }
        return language
    }
}
