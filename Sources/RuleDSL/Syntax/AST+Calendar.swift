/// `calendar ru "title" [from base] { years …  zone …  week …  holiday …  workday …  short … }`
public struct CalendarDecl: Sendable {
    public var header: RuleHeader
    /// `from base`: the calendar this one is derived from (its days, hours and years unless given here).
    public var base: QualifiedName?
    public var years: YearSpan?
    public var zone: StringLiteral?
    /// Week clauses; a later clause for a weekday replaces an earlier one.
    public var weeks: [WeekSpec] = []
    public var holidays: [DaySpan] = []
    public var workdays: [WorkdaySpec] = []
    public var shortened: [ShortSpec] = []
}

/// `years 2023..2026`
public struct YearSpan: Sendable {
    public let first: Int
    public let last: Int
    public let range: SourceRange
}

/// `mon..fri 09:00-18:00 break 13:00-14:00`
public struct WeekSpec: Sendable {
    public let days: [DayRange]
    public let hours: [TimeSpan]
    public let breaks: [TimeSpan]
    public let range: SourceRange
}

/// `mon` or `mon..fri` (ISO weekdays 1…7).
public struct DayRange: Sendable {
    public let from: Int
    public let to: Int
    public let range: SourceRange
}

/// `09:00-18:00` as seconds from midnight (`24:00` is 86 400).
public struct TimeSpan: Sendable {
    public let start: Int32
    public let end: Int32
    public let range: SourceRange
}

/// `2025-01-01` or `2025-01-01..2025-01-08` (inclusive).
public struct DaySpan: Sendable {
    public let from: DateLiteral
    public let to: DateLiteral?
    public let range: SourceRange
}

/// `workday 2024-11-02 [09:00-17:00]`: a working day outside the week pattern.
public struct WorkdaySpec: Sendable {
    public let day: DaySpan
    public let hours: [TimeSpan]
}

/// `short 2025-04-30 [by 2 hours]`: a pre-holiday day, shorter at its end (one hour by default).
public struct ShortSpec: Sendable {
    public let day: DaySpan
    public let seconds: Int32
}
