/// Why a value could not be computed for one record (division by zero, overflow, the cost limit…).
/// The record's other results are still produced; the affected rule reports an error outcome.
/// A class, so that the evaluator's "no failure" check is a pointer test on the hot path.
public final class EvalFailure: Error, Sendable, Hashable {
    public let template: MessageTemplate
    public let arguments: [String]
    /// Where in the rules the failure happened, when known.
    public let range: SourceRange?

    public static func == (a: EvalFailure, b: EvalFailure) -> Bool {
        a.template == b.template && a.arguments == b.arguments && a.range == b.range
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(template)
        hasher.combine(arguments)
    }

    init(_ template: MessageTemplate, _ arguments: [String] = [], at range: SourceRange? = nil) {
        self.template = template
        self.arguments = arguments
        self.range = range
    }

    public var code: String { template.code }
    public func message(in language: MessageLanguage) -> String { template.render(arguments, in: language) }

    static func from(_ error: any Error) -> EvalFailure {
        if let failure = error as? EvalFailure { return failure }
        if let decimal = error as? DecimalError { return from(decimal) }
        return EvalFailure(Messages.arithmeticOverflow)
    }

    static func from(_ error: DecimalError) -> EvalFailure {
        switch error {
        case .overflow: return EvalFailure(Messages.arithmeticOverflow)
        case .divisionByZero: return EvalFailure(Messages.divisionByZero)
        }
    }
}
