/// Set algebra over decision-table cells, for the static checks of tables: overlapping rows under
/// `unique`, rows no input can reach under `first`, and inputs no row covers (with an example).
/// A row is a box: one set of values per input column. Sets are intervals for ordered columns and
/// finite (or co-finite) sets for discrete ones; a cell whose value depends on the record is opaque.
enum TableAnalysis {
    /// A bound of an interval over exact numbers (dates are day numbers, moments are seconds).
    enum Bound: Hashable {
        case negativeInfinity, positiveInfinity
        case value(ExactDecimal, closed: Bool)
    }

    struct Interval: Hashable {
        var lower: Bound
        var upper: Bound

        func isEmpty(integral: Bool) -> Bool {
            switch (lower, upper) {
            case (.negativeInfinity, _), (_, .positiveInfinity): return lower == .positiveInfinity || upper == .negativeInfinity
            case (.value(let a, let ac), .value(let b, let bc)):
                if a < b {
                    if integral, !ac || !bc {
                        // (a, b) over integers is empty when b = a + 1 and both ends are open.
                        let lo = ac ? a : (try? a.adding(.one)) ?? a
                        let hi = bc ? b : (try? b.subtracting(.one)) ?? b
                        return hi < lo
                    }
                    return false
                }
                return !(a == b && ac && bc)
            default: return true
            }
        }
    }

    /// The values of one column a cell accepts.
    enum ColumnSet: Hashable {
        /// A union of disjoint intervals (sorted).
        case intervals([Interval], integral: Bool)
        /// A finite set of values, or everything but them.
        case finite(Set<Value>, complement: Bool)
        /// Depends on the record: unknown statically.
        case opaque

        var isOpaque: Bool { self == .opaque }
    }

    // MARK: - Interval sets

    static func lowerLess(_ a: Bound, _ b: Bound) -> Bool {
        switch (a, b) {
        case (.negativeInfinity, .negativeInfinity): return false
        case (.negativeInfinity, _): return true
        case (_, .negativeInfinity): return false
        case (.value(let x, let xc), .value(let y, let yc)): return x < y || (x == y && xc && !yc)
        case (.value, .positiveInfinity): return true
        default: return false
        }
    }

    static func upperLess(_ a: Bound, _ b: Bound) -> Bool {
        switch (a, b) {
        case (.positiveInfinity, .positiveInfinity): return false
        case (.positiveInfinity, _): return false
        case (_, .positiveInfinity): return true
        case (.value(let x, let xc), .value(let y, let yc)): return x < y || (x == y && !xc && yc)
        case (.value, .negativeInfinity): return false
        default: return true
        }
    }

    static func intersect(_ a: [Interval], _ b: [Interval], integral: Bool) -> [Interval] {
        var result: [Interval] = []
        for x in a {
            for y in b {
                let lower = lowerLess(x.lower, y.lower) ? y.lower : x.lower
                let upper = upperLess(x.upper, y.upper) ? x.upper : y.upper
                let i = Interval(lower: lower, upper: upper)
                if !i.isEmpty(integral: integral) { result.append(i) }
            }
        }
        return result
    }

    /// The complement of one interval: up to two intervals.
    static func complement(_ i: Interval, integral: Bool) -> [Interval] {
        var result: [Interval] = []
        switch i.lower {
        case .negativeInfinity: break
        case .value(let v, let closed): result.append(Interval(lower: .negativeInfinity, upper: .value(v, closed: !closed)))
        case .positiveInfinity: return [Interval(lower: .negativeInfinity, upper: .positiveInfinity)]
        }
        switch i.upper {
        case .positiveInfinity: break
        case .value(let v, let closed): result.append(Interval(lower: .value(v, closed: !closed), upper: .positiveInfinity))
        case .negativeInfinity: return [Interval(lower: .negativeInfinity, upper: .positiveInfinity)]
        }
        return result.filter { !$0.isEmpty(integral: integral) }
    }

    static func subtract(_ a: [Interval], _ b: [Interval], integral: Bool) -> [Interval] {
        var remaining = a
        for y in b {
            remaining = intersect(remaining, complement(y, integral: integral), integral: integral)
            if remaining.isEmpty { break }
        }
        return remaining
    }

    // MARK: - Column sets

    static func intersect(_ a: ColumnSet, _ b: ColumnSet) -> ColumnSet? {
        switch (a, b) {
        case (.opaque, _), (_, .opaque): return nil
        case (.intervals(let x, let integral), .intervals(let y, _)):
            let r = intersect(x, y, integral: integral)
            return r.isEmpty ? .intervals([], integral: integral) : .intervals(r, integral: integral)
        case (.finite(let x, let xc), .finite(let y, let yc)):
            switch (xc, yc) {
            case (false, false): return .finite(x.intersection(y), complement: false)
            case (false, true): return .finite(x.subtracting(y), complement: false)
            case (true, false): return .finite(y.subtracting(x), complement: false)
            case (true, true): return .finite(x.union(y), complement: true)
            }
        default: return nil
        }
    }

    static func subtract(_ a: ColumnSet, _ b: ColumnSet) -> ColumnSet? {
        switch (a, b) {
        case (.opaque, _), (_, .opaque): return nil
        case (.intervals(let x, let integral), .intervals(let y, _)):
            return .intervals(subtract(x, y, integral: integral), integral: integral)
        case (.finite(let x, let xc), .finite(let y, let yc)):
            switch (xc, yc) {
            case (false, false): return .finite(x.subtracting(y), complement: false)
            case (false, true): return .finite(x.intersection(y), complement: false)
            case (true, false): return .finite(x.union(y), complement: true)
            case (true, true): return .finite(y.subtracting(x), complement: false)
            }
        default: return nil
        }
    }

    static func isEmpty(_ s: ColumnSet) -> Bool {
        switch s {
        case .intervals(let i, _): return i.isEmpty
        case .finite(let values, let complement): return !complement && values.isEmpty
        case .opaque: return false
        }
    }

    // MARK: - Boxes

    typealias Box = [ColumnSet]

    /// Rows overlap when some input matches both (nil: cannot tell, an opaque cell is involved).
    static func overlap(_ a: Box, _ b: Box) -> Bool? {
        for (x, y) in zip(a, b) {
            guard let i = intersect(x, y) else { return nil }
            if isEmpty(i) { return false }
        }
        return true
    }

    /// `a` minus `b` as disjoint boxes; nil when an opaque cell makes it unknowable.
    static func subtract(_ a: Box, _ b: Box) -> [Box]? {
        var result: [Box] = []
        var rest = a
        for column in a.indices {
            guard let inside = intersect(rest[column], b[column]), let outside = subtract(rest[column], b[column]) else {
                return nil
            }
            if !isEmpty(outside) {
                var piece = rest
                piece[column] = outside
                result.append(piece)
            }
            // Nothing of the rest meets `b` in this column: the pieces so far plus the rest are a \ b.
            if isEmpty(inside) { return result + [rest] }
            rest[column] = inside
        }
        return result
    }

    /// What of `box` no box of `covers` covers (nil if unknowable or too complex to compute).
    static func uncovered(_ box: Box, by covers: [Box], limit: Int = 4096) -> [Box]? {
        var remaining = [box]
        for cover in covers where !cover.contains(where: \.isOpaque) {
            var next: [Box] = []
            for piece in remaining {
                guard let overlapping = overlap(piece, cover) else { return nil }
                if !overlapping {
                    next.append(piece)
                    continue
                }
                guard let rest = subtract(piece, cover) else { return nil }
                next += rest
            }
            remaining = next
            if remaining.isEmpty || remaining.count > limit { break }
        }
        return remaining.count > limit ? nil : remaining
    }
}
