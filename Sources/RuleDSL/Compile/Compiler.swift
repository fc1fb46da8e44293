/// Lowers the checked program to closures. Field access is resolved to slots, literals are
/// precomputed, comparisons with constants and numeric arithmetic are specialised.
/// With `tracing`, every sub-expression also records its value (for `--explain`).
struct Compiler {
    let program: CheckedProgram
    let tracing: Bool

    /// The representation an expression of this type compiles to.
    func representation(_ type: RType) -> Representation {
        switch type.base {
        case .bool: return .bool
        case .int: return .number(integral: true)
        case .decimal, .money, .percent: return .number(integral: false)
        default: return .value
        }
    }

    enum Representation {
        case bool, value
        case number(integral: Bool)
    }

    /// Compiles an expression, adding trace recording when tracing.
    func compile(_ expr: Expr) -> Code {
        let code = compileUntraced(expr)
        guard tracing else { return code }
        let id = expr.id
        let missingPath = dataPath(expr)
        switch code {
        case .bool(let c):
            return .bool { f in
                let r = c(&f)
                f.recorder?.record(id, r.value)
                if r == .unknown, let missingPath, f.failure == nil { f.recorder?.noteMissing(missingPath) }
                return r
            }
        case .number(let c, let integral):
            return .number({ f in
                let r = c(&f)
                f.recorder?.record(id, r.map(Value.decimal) ?? .missing)
                if r == nil, let missingPath, f.failure == nil { f.recorder?.noteMissing(missingPath) }
                return r
            }, integral: integral)
        case .value(let c):
            return .value { f in
                let r = c(&f)
                f.recorder?.record(id, r)
                if r.isMissing, let missingPath, f.failure == nil { f.recorder?.noteMissing(missingPath) }
                return r
            }
        }
    }

    /// For a field read (`e.a.b`), the path of the data field (`a.b`) reported when it is missing.
    func dataPath(_ expr: Expr) -> String? {
        guard case .member(let base, let member) = expr.kind, case .field? = program.resolutions[expr.id] else { return nil }
        switch program.resolutions[base.id] {
        case .subject?: return member.name
        case .field?: return dataPath(base).map { "\($0).\(member.name)" }
        case .local?: return "\(base.rangeText(program.files)).\(member.name)"
        default: return nil
        }
    }

    func literalCode(_ value: Value, _ type: RType) -> Code {
        switch representation(type) {
        case .bool:
            let t: Tri
            if case .bool(let b) = value { t = b ? .yes : .no } else { t = .unknown }
            return .bool { _ in t }
        case .number(let integral):
            let n = value.number
            return .number({ _ in n }, integral: integral)
        case .value:
            return .value { _ in value }
        }
    }
}
