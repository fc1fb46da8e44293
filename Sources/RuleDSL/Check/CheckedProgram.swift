/// The checker's output: the syntax trees plus side tables (types, resolutions, literal values) keyed
/// by node id, and the symbols the compiler and the runtime need.
struct CheckedProgram: Sendable {
    var files: [FileSyntax] = []
    var schemas: [SchemaInfo] = []
    var enums: [EnumInfo] = []
    var rules: [RuleSymbol] = []
    /// Calendars, built (nil where the declaration had errors).
    var calendars: [CalendarInfo] = []
    var keywordSets: [KeywordSet] = []
    var slas: [SLASymbol] = []
    /// Test declarations, in file order.
    var tests: [DeclLocation] = []
    var types: [NodeID: RType] = [:]
    var resolutions: [NodeID: Resolution] = [:]
    /// Values of literals and of constant cells, computed once at check time.
    var literals: [NodeID: Value] = [:]
    /// Rules in dependency order: every rule comes after the rules it reads.
    var order: [Int] = []
    /// The most list-expression variables alive at once (the size of an evaluation's local slots).
    var localSlots = 0
    /// The most input columns of any decision table (the size of an evaluation's table scratch slots).
    var tableColumns = 1
    /// For expectations on an output of a multi-output table (`expect category.visits == 3`):
    /// the field slots to follow from the rule's record result, by expectation node id.
    var expectationFields: [NodeID: [Int]] = [:]
    /// The indicators a score adds up, by the score declaration's node id.
    var scoreMembers: [NodeID: [Int]] = [:]
    /// Output names of multi-output tables, by rule index.
    var tableOutputs: [Int: [String]] = [:]
    /// The effective priority order of output values of `hit priority` tables, by table node id.
    var priorityOrders: [NodeID: [Value]] = [:]

    func declaration(_ location: DeclLocation) -> Declaration {
        files[location.file].declarations[location.index]
    }

    func type(of expr: Expr) -> RType { types[expr.id] ?? .error }
}
