import Foundation
import Testing

/// The `etalon` command, run as a process: exit codes (0 success, 1 findings, 2 usage errors),
/// help texts, diagnostics in English and Russian, JSON output, fmt, test and eval.
@Suite struct CLITests {
    /// The repository root, from this file's path (Tests/EtalonCLITests/…).
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// The `etalon` binary of the same build as these tests (next to the test bundle), or the
    /// repository's debug build.
    static let binary: String? = {
        var candidates: [URL] = []
        let bundle = Bundle.main.bundleURL
        candidates.append(bundle.appendingPathComponent("etalon"))
        candidates.append(bundle.deletingLastPathComponent().appendingPathComponent("etalon"))
        for bundle in Bundle.allBundles where bundle.bundlePath.hasSuffix(".xctest") {
            candidates.append(bundle.bundleURL.deletingLastPathComponent().appendingPathComponent("etalon"))
        }
        candidates.append(URL(fileURLWithPath: root + "/.build/debug/etalon"))
        return candidates.map(\.path).first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    struct Run {
        let code: Int32
        let stdout: String
        let stderr: String
    }

    /// Runs `etalon` with `arguments` in the repository root; output goes through files (no pipe deadlocks).
    static func etalon(_ arguments: [String], environment: [String: String] = [:], directory: String? = nil) throws -> Run {
        let binary = try #require(Self.binary, "no etalon binary: build with `swift build --build-tests`")
        let temp = FileManager.default.temporaryDirectory.appendingPathComponent("etalon-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: temp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: temp) }
        let out = temp.appendingPathComponent("out")
        let err = temp.appendingPathComponent("err")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory ?? root)
        var env = ProcessInfo.processInfo.environment
        for key in ["ETALON_LANG", "LC_ALL", "LC_MESSAGES", "LANG"] { env.removeValue(forKey: key) }
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let outHandle = try FileHandle(forWritingTo: out)
        let errHandle = try FileHandle(forWritingTo: err)
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        try outHandle.close()
        try errHandle.close()
        return Run(code: process.terminationStatus,
                   stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
                   stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
    }

    /// A fresh temporary folder for one test.
    static func temporaryFolder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("etalon-cli-files-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static let good = """
        schema Worker {
            name: string
            wage: money
        }
        const mrot : money = 22440
        indicator below_mrot "Ниже МРОТ" on w: Worker
            when w.wage < mrot
            weight 2
            because "зарплата {w.wage} ниже МРОТ {mrot}"
        test "ниже" as of 2025-06-01 {
            given Worker { name: "Иванов", wage: 15000 }
            expect fired below_mrot
        }

        """

    static let failing = good + """
        test "ошибочный" as of 2025-06-01 {
            given Worker { name: "Петров", wage: 50000 }
            expect fired below_mrot
        }

        """

    static let broken = """
        schema Worker {
            wage: money
        }
        indicator i on w: Worker
            when w.wag > 1

        """

    static func write(_ text: String, _ name: String, in folder: URL) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    // MARK: - Help and usage

    @Test func theBinaryIsBuilt() {
        #expect(Self.binary != nil)
    }

    @Test func mainHelp() throws {
        let run = try Self.etalon(["--help"])
        #expect(run.code == 0)
        #expect(run.stdout.contains("Usage: etalon COMMAND [OPTIONS] [PATH…]"))
        for command in ["check", "test", "fmt", "eval", "demo", "bench"] {
            #expect(run.stdout.contains("  \(command) "), "\(command) is not listed")
        }
        // Every command name is shown whole (a too-narrow column once cut ‘functions’ to ‘function’).
        for command in ["functions", "calendar", "sla", "runs"] {
            #expect(run.stdout.contains("  \(command) "), "\(command) is not listed")
        }
        #expect(run.stdout.contains("Exit codes: 0 success; 1 errors in the rules, failed tests or rejected records; 2 usage errors."))
        #expect(try Self.etalon(["-h"]).stdout == run.stdout)
        // No arguments: the help, as a usage error.
        let none = try Self.etalon([])
        #expect(none.code == 2)
        #expect(none.stdout == run.stdout)
    }

    @Test func version() throws {
        let run = try Self.etalon(["--version"])
        #expect(run.code == 0)
        #expect(run.stdout.contains(#/^etalon \d+\.\d+\.\d+\n$/#))
    }

    @Test(arguments: ["check", "test", "fmt", "eval", "functions"])
    func everyCommandHasHelp(_ command: String) throws {
        let run = try Self.etalon([command, "--help"])
        #expect(run.code == 0)
        #expect(run.stdout.contains("Usage: etalon \(command) "))
        #expect(run.stdout.contains("--help"))
        #expect(run.stderr.isEmpty)
    }

    @Test func unknownCommand() throws {
        let run = try Self.etalon(["chek", "rules"])
        #expect(run.code == 2)
        #expect(run.stderr == "etalon: unknown command ‘chek’; run ‘etalon --help’ for the list\n")
        #expect(run.stdout.isEmpty)
    }

    @Test func unknownOptionSuggestsTheClosest() throws {
        let run = try Self.etalon(["check", "--formt", "json", "rules/rostrud"])
        #expect(run.code == 2)
        #expect(run.stderr.contains("etalon check: unknown option --formt (did you mean --format?)"))
        #expect(run.stderr.contains("Run ‘etalon check --help’ for usage."))
        let far = try Self.etalon(["check", "--zzzzzzzzzz", "rules"])
        #expect(far.code == 2)
        #expect(far.stderr.contains("unknown option --zzzzzzzzzz\n"))
    }

    @Test func usageErrors() throws {
        let noValue = try Self.etalon(["eval", "rules/ohs", "--facts"])
        #expect(noValue.code == 2)
        #expect(noValue.stderr.contains("--facts needs a value: --facts FILE"))
        let badChoice = try Self.etalon(["check", "--format", "xml", "rules/ohs"])
        #expect(badChoice.code == 2)
        #expect(badChoice.stderr.contains("--format must be one of text, json, got ‘xml’"))
        let badLang = try Self.etalon(["check", "--lang", "de", "rules/ohs"])
        #expect(badLang.code == 2)
        #expect(badLang.stderr.contains("--lang must be en or ru, got ‘de’"))
        let noPaths = try Self.etalon(["check"])
        #expect(noPaths.code == 2)
        #expect(noPaths.stderr.contains("give at least one rules file or folder"))
        let flagWithValue = try Self.etalon(["check", "--strict=yes", "rules/ohs"])
        #expect(flagWithValue.code == 2)
        #expect(flagWithValue.stderr.contains("--strict takes no value"))
    }

    // MARK: - check

    @Test func checkGoodRules() throws {
        let run = try Self.etalon(["check", "rules/rostrud"])
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.contains(#/^checked \d+ files: no problems \(\d+ rules\)\n$/#))
        #expect(run.stderr.isEmpty)
        let ru = try Self.etalon(["check", "--lang", "ru", "rules/rostrud"])
        #expect(ru.stdout.hasPrefix("проверено файлов: "))
    }

    @Test func checkReportsErrors() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Self.write(Self.broken, "broken.rules", in: folder)
        let run = try Self.etalon(["check", path])
        #expect(run.code == 1)
        #expect(run.stderr.contains("error[E0209]: ‘Worker’ has no field ‘wag’"))
        #expect(run.stderr.contains("--> \(path):5:12"))
        #expect(run.stderr.contains("= help: did you mean ‘wage’?"))
        #expect(run.stderr.hasSuffix("1 error, 0 warnings\n"))
        #expect(run.stdout.isEmpty)
    }

    @Test func checkInRussian() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Self.write(Self.broken, "broken.rules", in: folder)
        let flag = try Self.etalon(["check", "--lang", "ru", path])
        #expect(flag.code == 1)
        #expect(flag.stderr.contains("ошибка[E0209]: у «Worker» нет поля «wag»"))
        #expect(flag.stderr.contains("= подсказка: возможно, имелось в виду «wage»?"))
        #expect(flag.stderr.hasSuffix("ошибок: 1, предупреждений: 0\n"))
        let environment = try Self.etalon(["check", path], environment: ["ETALON_LANG": "ru"])
        #expect(environment.stderr == flag.stderr)
        let lang = try Self.etalon(["check", path], environment: ["LANG": "ru_RU.UTF-8"])
        #expect(lang.stderr == flag.stderr)
        // --lang wins over the environment.
        let english = try Self.etalon(["check", "--lang", "en", path], environment: ["ETALON_LANG": "ru"])
        #expect(english.stderr.contains("error[E0209]"))
    }

    @Test func checkAsJSON() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Self.write(Self.broken + "const c = 1\n    unconfirmed \"why\"\n", "broken.rules", in: folder)
        let run = try Self.etalon(["check", "--format", "json", path])
        #expect(run.code == 1)
        #expect(run.stderr.isEmpty)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["errors"] as? Int == 1)
        #expect(object["warnings"] as? Int == 1)
        let items = try #require(object["diagnostics"] as? [[String: Any]])
        #expect(items.map { $0["code"] as? String } == ["E0209", "W0501"])
        #expect(items[0]["file"] as? String == path)
        #expect(items[0]["suggestion"] as? String == "wage")
        let ru = try Self.etalon(["check", "--format", "json", "--lang", "ru", path])
        let ruObject = try #require(try JSONSerialization.jsonObject(with: Data(ru.stdout.utf8)) as? [String: Any])
        let ruItems = try #require(ruObject["diagnostics"] as? [[String: Any]])
        #expect(ruItems[0]["message"] as? String == "у «Worker» нет поля «wag»")
    }

    @Test func strictTreatsWarningsAsErrors() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Self.write("const c = 1\n    unconfirmed \"why\"\n", "warn.rules", in: folder)
        let relaxed = try Self.etalon(["check", path])
        #expect(relaxed.code == 0)
        #expect(relaxed.stderr.contains("warning[W0501]"))
        let strict = try Self.etalon(["check", "--strict", path])
        #expect(strict.code == 1)
    }

    @Test func unreadablePaths() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let missing = try Self.etalon(["check", folder.path + "/nope.rules"])
        #expect(missing.code == 1)
        #expect(missing.stderr == "error: \(folder.path)/nope.rules: no such file or folder\n")
        let emptyFolder = folder.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: emptyFolder, withIntermediateDirectories: true)
        let empty = try Self.etalon(["check", emptyFolder.path])
        #expect(empty.code == 1)
        #expect(empty.stderr == "error: \(emptyFolder.path): the folder has no .rules files\n")
        let binary = folder.appendingPathComponent("binary.rules")
        try Data([0x73, 0x00, 0xFF, 0x01]).write(to: binary)
        let run = try Self.etalon(["check", binary.path])
        #expect(run.code == 1)
        #expect(run.stderr == "error: \(binary.path): not a text file (binary or not UTF-8); rule files are UTF-8 text\n")
        let ru = try Self.etalon(["check", "--lang", "ru", binary.path])
        #expect(ru.stderr == "error: \(binary.path): не текстовый файл (двоичный или не UTF-8); файлы правил — текст в UTF-8\n")
        for r in [missing, empty, run] { #expect(r.stderr.components(separatedBy: "\n").count == 2, "one line: \(r.stderr)") }
    }

    // MARK: - test

    @Test func testPassesAndFails() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let good = try Self.write(Self.good, "good.rules", in: folder)
        let pass = try Self.etalon(["test", good])
        #expect(pass.code == 0, "\(pass.stdout)\(pass.stderr)")
        #expect(pass.stdout.contains("ok   \(good):10  ниже"))
        #expect(pass.stdout.contains(#/1 tests, 1 passed, 0 failed \(\d+\.\d\d s\)/#))
        let failing = try Self.write(Self.failing, "failing.rules", in: folder)
        let fail = try Self.etalon(["test", failing])
        #expect(fail.code == 1)
        #expect(fail.stdout.contains("FAIL \(failing):14  ошибочный"))
        #expect(fail.stdout.contains("       \(failing):16: expect fired below_mrot"))
        #expect(fail.stdout.contains("         expected fired, got not fired"))
        #expect(fail.stdout.contains("2 tests, 1 passed, 1 failed"))
        let ru = try Self.etalon(["test", "--lang", "ru", failing])
        #expect(ru.stdout.contains("тестов: 2, прошло: 1, упало: 1"))
        // Rules with errors: no tests run, exit 1.
        let broken = try Self.write(Self.broken, "broken.rules", in: folder)
        let errors = try Self.etalon(["test", broken])
        #expect(errors.code == 1)
        #expect(errors.stderr.contains("error[E0209]"))
    }

    @Test func testAsJSON() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let failing = try Self.write(Self.failing, "failing.rules", in: folder)
        let run = try Self.etalon(["test", "--format", "json", failing])
        #expect(run.code == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["passed"] as? Int == 1)
        #expect(object["failed"] as? Int == 1)
        let tests = try #require(object["tests"] as? [[String: Any]])
        #expect(tests.map { $0["passed"] as? Bool } == [true, false])
        #expect(tests[1]["as_of"] as? String == "2025-06-01")
    }

    @Test func testsWithoutADateRunAsOfToday() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = try Self.write("""
            schema F {
                n: int
            }
            indicator only_2025 on f: F
                effective 2025-01-01 until 2025-12-31
                when f.n > 0
            test "today" {
                given F { n: 1 }
                expect fired only_2025
            }

            """, "today.rules", in: folder)
        #expect(try Self.etalon(["test", "--today", "2025-06-01", path]).code == 0)
        #expect(try Self.etalon(["test", "--today", "2026-06-01", path]).code == 1)
        let bad = try Self.etalon(["test", "--today", "June", path])
        #expect(bad.code == 2)
        #expect(bad.stderr.contains("--today expects a date as YYYY-MM-DD, got ‘June’"))
    }

    @Test func theShippedRulesPassTheirTests() throws {
        let run = try Self.etalon(["test", "rules", "examples", "--today", "2025-06-01"])
        #expect(run.code == 0, "\(run.stdout.components(separatedBy: "\n").filter { $0.hasPrefix("FAIL") })")
        #expect(!run.stdout.contains("FAIL"))
        #expect(run.stdout.contains(" 0 failed"))
    }

    // MARK: - fmt

    @Test func fmtCheckAndRewrite() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let messy = "schema   S{a:int}\nconst c=1+2   // sum\n"
        let path = try Self.write(messy, "messy.rules", in: folder)
        let check = try Self.etalon(["fmt", "--check", path])
        #expect(check.code == 1)
        #expect(check.stdout == "would reformat \(path)\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == messy)
        let rewrite = try Self.etalon(["fmt", path])
        #expect(rewrite.code == 0)
        #expect(rewrite.stdout == "formatted \(path)\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "schema S {\n    a: int\n}\n\nconst c = 1 + 2  // sum\n")
        let again = try Self.etalon(["fmt", "--check", path])
        #expect(again.code == 0)
        #expect(again.stdout.isEmpty)
        let ru = try Self.etalon(["fmt", "--check", "--lang", "ru", try Self.write(messy, "messy2.rules", in: folder)])
        #expect(ru.stdout.hasPrefix("требует форматирования: "))
    }

    @Test func fmtLeavesFilesWithSyntaxErrorsAlone() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = "schema S {\n    a int\n}\n"
        let path = try Self.write(text, "bad.rules", in: folder)
        let run = try Self.etalon(["fmt", path])
        #expect(run.code == 1)
        #expect(run.stderr.contains("error[E0105]"))
        #expect(run.stderr.contains("\(path): not formatted — fix the syntax errors first"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)
    }

    @Test func theShippedRulesAreFormatted() throws {
        let run = try Self.etalon(["fmt", "--check", "rules", "examples"])
        #expect(run.code == 0, "\(run.stdout)")
        #expect(run.stdout.isEmpty)
    }

    // MARK: - sla

    /// `etalon sla` on the fixture log (every state, a reset, a pause, a mass incident, bad records)
    /// against the recorded reports in Golden/ (ETALON_UPDATE_GOLDEN=1 rewrites them).
    @Test(arguments: [("sla-report.txt", ["--limit", "8"]), ("sla-report.ru.txt", ["--limit", "8", "--lang", "ru"]),
                      ("sla-report.json", ["--limit", "3", "--format", "json"])])
    func slaReportMatchesTheGolden(golden: String, options: [String]) throws {
        let arguments = ["sla", "rules/support", "rules/calendars", "--tickets", "Tests/EtalonCLITests/Golden/sla-tickets.csv",
                         "--as-of", "2023-11-01T00:00:00+03:00"] + options
        for threads in ["1", "3"] {
            let run = try Self.etalon(arguments + ["--threads", threads])
            #expect(run.code == 1, "rejected records and untracked tickets make the exit code 1")
            // The timing line is the only thing that changes from run to run.
            let stdout = run.stdout.split(separator: "\n", omittingEmptySubsequences: false)
                .filter { !$0.contains(#/^  \(\d+[.,]\d+ (s|с)\)$/#) }.joined(separator: "\n")
            let actual = stdout + "--- stderr ---\n" + run.stderr
            let path = Self.root + "/Tests/EtalonCLITests/Golden/" + golden
            if ProcessInfo.processInfo.environment["ETALON_UPDATE_GOLDEN"] == "1" { try actual.write(toFile: path, atomically: true, encoding: .utf8) }
            let expected = try String(contentsOfFile: path, encoding: .utf8)
            #expect(actual == expected, "threads \(threads)")
        }
    }

    @Test func slaReportJSONIsValidAndComplete() throws {
        let run = try Self.etalon(["sla", "rules/support", "rules/calendars", "--tickets", "Tests/EtalonCLITests/Golden/sla-tickets.csv",
                                   "--as-of", "2023-11-01T00:00:00+03:00", "--format", "json", "--limit", "30"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(object["tickets"] as? Int == 18)
        #expect((object["details"] as? [Any])?.count == 18)
        #expect((object["not_tracked"] as? [Any])?.count == 4)
        let mass = try #require((object["mass_incidents"] as? [[String: Any]])?.first)
        #expect((mass["members"] as? [String])?.count == 10)
        #expect((mass["clock"] as? [String: Any])?["state"] as? String == "met")
        #expect(object["kpi_met"] as? Bool == false)
    }

    @Test func slaUsageErrors() throws {
        #expect(try Self.etalon(["sla", "rules/support", "rules/calendars"]).stderr.contains("--tickets FILE is required"))
        let base = ["sla", "rules/support", "rules/calendars", "--tickets", "Tests/EtalonCLITests/Golden/sla-tickets.csv"]
        let asOf = try Self.etalon(base + ["--as-of", "2023-11-01T00:00:00"])
        #expect(asOf.code == 2 && asOf.stderr.contains("--as-of expects a date-time with a zone"))
        let threads = try Self.etalon(base + ["--threads", "0"])
        #expect(threads.code == 2 && threads.stderr.contains("--threads expects a whole number from 1 to 256"))
        let missing = try Self.etalon(["sla", "rules/support", "rules/calendars", "--tickets", "nowhere.csv"])
        #expect(missing.code == 1 && missing.stderr.contains("nowhere.csv: no such file"))
        let noSLA = try Self.etalon(base + ["--sla", "helpdesk"])
        #expect(noSLA.code == 2 && noSLA.stderr.contains("no SLA ‘helpdesk’; the rules declare: desk"))
    }

    @Test func benchMeasuresTheSLAReport() throws {
        let run = try Self.etalon(["bench", "--n", "300", "--compile-declarations", "0", "--skip-single", "--repeat", "1",
                                   "--tickets", "Tests/EtalonCLITests/Golden/sla-tickets.csv"])
        #expect(run.code == 0, "\(run.stderr)")
        // 18 tracked, 2 untracked, 2 records rejected by the schema: every ticket of the log counts.
        #expect(run.stdout.contains(#/SLA report over 22 tickets: [0-9.]+ s, [0-9,]+ tickets\/s \(1 thread; read, track, group\)/#), "\(run.stdout)")
    }

    // MARK: - eval

    @Test func evalRejectsBadRecordsAndEvaluatesTheRest() throws {
        let run = try Self.etalon(["eval", "rules/ohs", "--facts", "examples/ohs/workers-with-errors.csv", "--as-of", "2025-12-01"])
        #expect(run.code == 1)
        let rejected = run.stderr.components(separatedBy: "\n").filter { $0.hasPrefix("rejected: ") }
        #expect(rejected.count >= 3, "\(run.stderr)")
        // Each names the record's row and line and the field.
        for line in rejected { #expect(line.contains(#/^rejected: record \d+ \(line \d+\), field ‘[a-z_]+’: /#), "\(line)") }
        #expect(run.stderr.contains("field ‘conditions_class’"))
        #expect(run.stderr.contains("field ‘birth_date’: ‘1990-02-31’ is not a date"))
        // The good records are still evaluated and printed.
        #expect(run.stdout.hasPrefix("Evaluating Worker records from examples/ohs/workers-with-errors.csv as of 2025-12-01"))
        #expect(run.stdout.contains("── 1. id W00001"))
        let ru = try Self.etalon(["eval", "rules/ohs", "--facts", "examples/ohs/workers-with-errors.csv", "--as-of", "2025-12-01", "--lang", "ru"])
        #expect(ru.stderr.contains("отклонено: запись "))
        #expect(ru.stdout.hasPrefix("Оценка записей Worker из examples/ohs/workers-with-errors.csv на дату 01.12.2025"))
    }

    @Test func evalAsJSONLines() throws {
        let run = try Self.etalon(["eval", "rules/ohs", "--facts", "examples/ohs/workers.csv", "--as-of", "2025-12-01", "--format", "json", "--limit", "20"])
        #expect(run.code == 0, "\(run.stderr)")
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 20)
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8))
            #expect(object is [String: Any])
        }
    }

    @Test func evalExplains() throws {
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let rules = try Self.write(Self.good, "good.rules", in: folder)
        let facts = try Self.write("name,wage\nИванов,15000\nПетров,50000\n", "workers.csv", in: folder)
        let run = try Self.etalon(["eval", rules, "--facts", facts, "--as-of", "2025-06-01", "--explain", "--lang", "ru"])
        #expect(run.code == 0, "\(run.stderr)")
        #expect(run.stdout.contains("зарплата 15 000,00 ниже МРОТ 22 440,00"))
        #expect(run.stdout.contains("w.wage < mrot → да"))
        let json = try Self.etalon(["eval", rules, "--facts", facts, "--as-of", "2025-06-01", "--format", "json"])
        #expect(json.stdout.split(separator: "\n").count == 2)
    }

    @Test func evalUsageErrors() throws {
        let badDate = try Self.etalon(["eval", "rules/ohs", "--facts", "examples/ohs/workers.csv", "--as-of", "2025-13-01"])
        #expect(badDate.code == 2)
        #expect(badDate.stderr.contains("--as-of expects a date as YYYY-MM-DD, got ‘2025-13-01’"))
        let noFacts = try Self.etalon(["eval", "rules/ohs"])
        #expect(noFacts.code == 2)
        #expect(noFacts.stderr.contains("--facts FILE is required"))
        let badLimit = try Self.etalon(["eval", "rules/ohs", "--facts", "examples/ohs/workers.csv", "--limit", "-1"])
        #expect(badLimit.code == 2)
        let badSchema = try Self.etalon(["eval", "rules/ohs", "--facts", "examples/ohs/workers.csv", "--schema", "Nope"])
        #expect(badSchema.code == 2)
        #expect(badSchema.stderr.contains("no schema ‘Nope’; rules are about: Worker"))
        let missingFacts = try Self.etalon(["eval", "rules/ohs", "--facts", "/nonexistent.csv", "--as-of", "2025-06-01"])
        #expect(missingFacts.code == 1)
        #expect(missingFacts.stderr.contains("error: /nonexistent.csv: no such file"))
    }

    // MARK: - functions

    @Test func functionsListsEveryBuiltin() throws {
        let run = try Self.etalon(["functions"])
        #expect(run.code == 0)
        for name in ["count(", "sum(", "round(number, digits: int, mode) -> number", "percent_change(", "matches(", "length("] {
            #expect(run.stdout.contains(name))
        }
        let markdown = try Self.etalon(["functions", "--format", "markdown"])
        let doc = try String(contentsOfFile: Self.root + "/docs/language.md", encoding: .utf8)
        // docs/language.md carries the same table (the `mentions` row is not there yet: a known gap).
        let absent = markdown.stdout.split(separator: "\n").dropFirst(2).filter { !doc.contains($0) }
        #expect(absent.allSatisfy { $0.hasPrefix("| `mentions(") }, "\(absent)")
        #expect(markdown.stdout.split(separator: "\n").count > 40)
        let ru = try Self.etalon(["functions", "--lang", "ru"])
        #expect(ru.stdout.contains("Число элементов"))
    }
}
