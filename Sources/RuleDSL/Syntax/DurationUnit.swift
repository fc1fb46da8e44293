/// The units a number may carry to make a duration literal (`3 days`, `6 hours`).
public enum DurationUnit: String, Sendable, Hashable, CaseIterable {
    case years, months, weeks, days, hours, minutes, seconds
    /// Working time on a calendar: `3 workdays`, `12 work hours`, `30 work minutes`.
    case workdays, workhours, workminutes

    /// True for units counted on a working calendar.
    public var isWorking: Bool { self == .workdays || self == .workhours || self == .workminutes }

    /// Accepts singular and plural spellings (`1 day`, `3 days`).
    public init?(word: String) {
        if let unit = DurationUnit(rawValue: word) {
            self = unit
        } else if let unit = DurationUnit(rawValue: word + "s") {
            self = unit
        } else {
            return nil
        }
    }
}
