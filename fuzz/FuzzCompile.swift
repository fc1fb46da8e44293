// libFuzzer entry point for the rule language's front end: lexer, parser, checker, compiler,
// the test runner (which drives the evaluator) and the formatter. Built by scripts/fuzz.sh, which
// compiles this file together with Sources/RuleDSL into one module, so internal names are visible.
//
// Properties checked (any Swift trap — overflow, bad index, nil unwrap, stack exhaustion — is a bug too):
//   * compiling arbitrary bytes never crashes;
//   * a file that compiles runs its own `test` blocks without crashing;
//   * formatting a file that compiles yields text that still parses without errors.

private let fuzzToday = CivilDate(year: 2025, month: 6, day: 1)!

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let text = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let file = SourceFile(id: 0, path: "fuzz.rules", text: text)
    let result = RuleDSL.compile([file])
    guard let ruleSet = result.ruleSet else { return 0 }

    _ = TestRunner.run(ruleSet, today: fuzzToday)

    let formatted = Formatter.format(result.syntax[0])
    let (_, diagnostics) = RuleDSL.parse(SourceFile(id: 0, path: "fuzz.rules", text: formatted))
    let errors = diagnostics.filter { $0.severity == .error }
    if !errors.isEmpty {
        let listed = errors.map { "\($0.code) at \($0.range.start)..<\($0.range.end)" }.joined(separator: "; ")
        fatalError("formatted text does not parse (\(listed)):\n--- input ---\n\(text)\n--- formatted ---\n\(formatted)")
    }
    return 0
}
