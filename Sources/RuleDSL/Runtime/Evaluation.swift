/// The results of evaluating one record: every rule's outcome and value, with explanations on request.
public struct Evaluation: Sendable {
    let ruleSet: CompiledRuleSet
    let plan: Int
    let frame: Frame

    /// The date the rules were evaluated as of.
    public var asOf: CivilDate { frame.asOf }
    /// The record evaluated.
    public var record: RecordValue { frame.subject }
    var schema: Int { Int(frame.subject.schema) }

    /// Every rule about this record, in dependency order (constants excluded).
    public var results: [RuleResult] {
        ruleSet.rules(for: schema).filter { ruleSet.program.rules[$0].kind != .constant }.map(result(rule:))
    }

    /// The result of the rule called `name` (`module.name` or a plain name).
    public func result(named name: String) -> RuleResult? {
        ruleSet.ruleIndex(named: name).map(result(rule:))
    }

    func result(rule: Int) -> RuleResult {
        let symbol = ruleSet.program.rules[rule]
        let version = ruleSet.plans[plan].active[rule]
        var header: RuleHeader?
        if let version { header = ruleSet.program.declaration(symbol.versions[version].location).header }
        let sources = header.map { h in
            h.sources.isEmpty ? (ruleSet.program.files[symbol.versions[version!].location.file].fileSource.map { [$0.value] } ?? []) : h.sources.map(\.value)
        } ?? []
        return RuleResult(
            index: rule, name: symbol.name, module: symbol.module, kind: symbol.kind, title: header?.title?.value,
            outcome: frame.outcomes[rule], value: frame.value(of: rule), type: symbol.resultType, sources: sources,
            unconfirmed: header?.unconfirmed?.value, failure: frame.failures[rule],
            determinedDespite: (frame.determinedDespite[rule] ?? []).map { ruleSet.program.rules[$0].name },
            effectiveFrom: version.flatMap { symbol.versions[$0].from }, effectiveUntil: version.flatMap { symbol.versions[$0].until })
    }
}

/// One rule's result for one record.
public struct RuleResult: Sendable {
    public let index: Int
    public let name: String
    public let module: String
    public let kind: RuleKind
    public let title: String?
    /// For indicators: fired, not fired, undetermined, error or not in force. For other rules:
    /// determined, undetermined, error or not in force.
    public let outcome: Outcome
    /// The value (an indicator's value is its weight when it fired or may fire).
    public let value: Value
    public let type: RType
    /// Legal basis of the version in force.
    public let sources: [String]
    /// Why the rule's content is not confirmed against the official text, if it is not.
    public let unconfirmed: String?
    public let failure: EvalFailure?
    /// Indicators that were undetermined but could not change this result.
    public let determinedDespite: [String]
    public let effectiveFrom: CivilDate?
    public let effectiveUntil: CivilDate?

    public var qualifiedName: String { "\(module).\(name)" }
}

extension Declaration {
    var header: RuleHeader? {
        switch kind {
        case .constant(let d): return d.header
        case .lookup(let d): return d.header
        case .indicator(let d): return d.header
        case .value(let d): return d.header
        case .score(let d): return d.header
        case .table(let d): return d.header
        default: return nil
        }
    }
}
