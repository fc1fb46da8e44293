/// What names mean at one point of a rule body: the file (for imports), the subject variable,
/// list-expression variables, and the type the context expects (for bare enum case names).
struct Scope {
    let file: Int
    let module: String
    /// The subject variable (`e`) and its schema.
    var subject: (name: String, schema: Int)?
    /// Variables bound by list expressions, innermost last.
    var locals: [(name: String, slot: Int, type: RType)] = []
    /// The rule being checked (dependencies are recorded on it).
    var rule: Int?
    /// True while checking a test's expected values: rules resolve but are not dependencies.
    var inTest = false

    func local(_ name: String) -> (slot: Int, type: RType)? {
        for local in locals.reversed() where local.name == name { return (local.slot, local.type) }
        return nil
    }

    var nextSlot: Int { locals.count }
}
