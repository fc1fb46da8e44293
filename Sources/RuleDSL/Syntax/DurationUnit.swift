/// The units a number may carry to make a duration literal (`3 days`, `6 hours`).
public enum DurationUnit: String, Sendable, Hashable, CaseIterable {
    case years, months, weeks, days, hours, minutes, seconds

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
