/// Working-time functions, bound at compile time to their business calendar.
extension Compiler {
    func compileCalendarCall(_ name: String, _ arguments: [Expr], _ type: RType) -> Code {
        guard case .calendar(let index)? = program.resolutions[arguments[0].id], let calendar = program.calendars[index].calendar else {
            return literalCode(.missing, type)
        }
        let codes = arguments.dropFirst().map { compile($0).asValue }
        return adapt(.value { f in
            var values: [Value] = []
            for code in codes {
                let v = code(&f)
                if v.isMissing { return .missing }
                values.append(v)
            }
            do throws(CalendarError) {
                return try Self.evaluate(name, calendar, values)
            } catch {
                f.fail(Self.failure(error, calendar))
                return .missing
            }
        }, to: type)
    }

    static func evaluate(_ name: String, _ calendar: BusinessCalendar, _ values: [Value]) throws(CalendarError) -> Value {
        switch (name, values.count) {
        case ("workdays_between", 2):
            guard case .date(let a) = values[0], case .date(let b) = values[1] else { return .missing }
            return .int(Int64(try calendar.workdays(from: a, to: b)))
        case ("add_workdays", 2):
            guard case .date(let d) = values[0], case .int(let n) = values[1], let count = Int(exactly: n), abs(count) < 1_000_000 else {
                return .missing
            }
            return .date(try calendar.addWorkdays(count, to: d))
        case ("next_workday", 1):
            guard case .date(let d) = values[0] else { return .missing }
            return .date(try calendar.nextWorkingDay(after: d))
        case ("is_workday", 1):
            guard case .date(let d) = values[0] else { return .missing }
            return .bool(try calendar.isWorkingDay(d))
        case ("add_work_hours", _):
            guard case .datetime(let t) = values[0], let hours = values[1].number,
                let seconds = try? hours.multiplying(ExactDecimal(3600)).rounded(scale: 0, mode: .halfEven).int64Value
            else { return .missing }
            let zone = values.count > 2 ? zoneArgument(values[2]) : nil
            if values.count > 2, zone == nil { return .missing }
            return .datetime(try calendar.addWorkSeconds(seconds, to: t, zone: zone))
        case ("work_hours_between", _):
            guard case .datetime(let a) = values[0], case .datetime(let b) = values[1] else { return .missing }
            let zone = values.count > 2 ? zoneArgument(values[2]) : nil
            if values.count > 2, zone == nil { return .missing }
            let seconds = try calendar.workSeconds(from: a, to: b, zone: zone)
            return .decimal((try? ExactDecimal(seconds).divided(by: ExactDecimal(3600))) ?? .zero)
        default:
            return .missing
        }
    }

    private static func zoneArgument(_ value: Value) -> ZoneRules? {
        guard case .string(let name) = value else { return nil }
        return ZoneRules.named(name)
    }

    static func failure(_ error: CalendarError, _ calendar: BusinessCalendar) -> EvalFailure {
        switch error {
        case .outOfRange(let date, let first, let last):
            return EvalFailure(Messages.dateOutsideCalendar, [date.description, calendar.name, String(first), String(last)])
        case .overlappingHours(let weekday):
            return EvalFailure(Messages.overlappingHours, [Formatter.dayName(weekday)])
        case .invalidDefinition(let why):
            return EvalFailure(Messages.invalidCalendar, [calendar.name, why])
        }
    }
}
