/// One built-in function: its name, signatures and description (for `--help` and docs/language.md),
/// how it is typed, and how it is evaluated. The checker, the evaluator and the docs all read `Builtins.all`.
public struct Builtin: Sendable {
    public let name: String
    public let signatures: [String]
    public let en: String
    public let ru: String
    /// List functions take a list or a list expression (`w in e.workers where …`) and are compiled specially.
    public let isAggregate: Bool
    /// The result type for these argument types, or nil if they do not fit.
    let check: @Sendable ([RType]) -> RType?
    /// Evaluates with present arguments (a missing argument makes the result missing before this is called).
    let evaluate: @Sendable ([Value], CivilDate) throws(EvalFailure) -> Value
}

/// The table of built-in functions.
public enum Builtins {
    public static let all: [Builtin] = lists + dates + workingTime + numbers + strings
    static let byName: [String: Builtin] = Dictionary(all.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })

    static func named(_ name: String) -> Builtin? { byName[name] }

    private static func unreachable(_ args: [Value], _ asOf: CivilDate) throws(EvalFailure) -> Value { .missing }

    // MARK: - Lists

    static let lists: [Builtin] = [
        Builtin(
            name: "count", signatures: ["count(list) -> int", "count(x in list where condition) -> int"],
            en: "Number of elements (that satisfy the condition).", ru: "Число элементов (удовлетворяющих условию).",
            isAggregate: true, check: { _ in .int }, evaluate: unreachable),
        Builtin(
            name: "sum", signatures: ["sum(list of numbers) -> number", "sum(expr for x in list where condition) -> number"],
            en: "Sum of the numbers; 0 for an empty list.", ru: "Сумма чисел; 0 для пустого списка.",
            isAggregate: true, check: { $0.first.flatMap(numericElement) }, evaluate: unreachable),
        Builtin(
            name: "avg", signatures: ["avg(list of numbers) -> decimal", "avg(expr for x in list where condition) -> decimal"],
            en: "Arithmetic mean; missing for an empty list.", ru: "Среднее арифметическое; для пустого списка — отсутствует.",
            isAggregate: true, check: { $0.first.flatMap(numericElement).map { $0 == .money ? .money : .decimal } },
            evaluate: unreachable),
        Builtin(
            name: "min", signatures: ["min(a, b, …) -> value", "min(list) -> value", "min(expr for x in list where condition) -> value"],
            en: "Smallest value (numbers, dates, strings); missing for an empty list.",
            ru: "Наименьшее значение (числа, даты, строки); для пустого списка — отсутствует.",
            isAggregate: true, check: { _ in nil }, evaluate: unreachable),
        Builtin(
            name: "max", signatures: ["max(a, b, …) -> value", "max(list) -> value", "max(expr for x in list where condition) -> value"],
            en: "Largest value (numbers, dates, strings); missing for an empty list.",
            ru: "Наибольшее значение (числа, даты, строки); для пустого списка — отсутствует.",
            isAggregate: true, check: { _ in nil }, evaluate: unreachable),
        Builtin(
            name: "any", signatures: ["any(x in list where condition) -> bool", "any(list of bool) -> bool"],
            en: "True if some element satisfies the condition (three-valued).",
            ru: "Истина, если условие выполнено хотя бы для одного элемента (трёхзначная логика).",
            isAggregate: true, check: { _ in .bool }, evaluate: unreachable),
        Builtin(
            name: "all", signatures: ["all(x in list where condition) -> bool", "all(list of bool) -> bool"],
            en: "True if every element satisfies the condition (three-valued; true for an empty list).",
            ru: "Истина, если условие выполнено для всех элементов (трёхзначная логика; для пустого списка — истина).",
            isAggregate: true, check: { _ in .bool }, evaluate: unreachable),
        Builtin(
            name: "filter", signatures: ["filter(x in list where condition) -> list"],
            en: "The elements that satisfy the condition.", ru: "Элементы, удовлетворяющие условию.",
            isAggregate: true, check: { _ in nil }, evaluate: unreachable),
        Builtin(
            name: "map", signatures: ["map(expr for x in list where condition) -> list"],
            en: "The expression computed for each element.", ru: "Значение выражения для каждого элемента.",
            isAggregate: true, check: { _ in nil }, evaluate: unreachable),
    ]

    static func numericElement(_ type: RType) -> RType? {
        if case .list(let element) = type.base, element.base.isNumeric { return element.base }
        return nil
    }

    // MARK: - Dates

    private static func datePart(_ name: String, en: String, ru: String, _ part: @escaping @Sendable (CivilDate) -> Int) -> Builtin {
        Builtin(
            name: name, signatures: ["\(name)(date) -> int", "\(name)(datetime) -> int"], en: en, ru: ru, isAggregate: false,
            check: { args in
                guard args.count == 1, args[0].base == .date || args[0].base == .datetime else { return nil }
                return .int
            },
            evaluate: { args, _ throws(EvalFailure) in
                switch args[0] {
                case .date(let d): return .int(Int64(part(d)))
                case .datetime(let t): return .int(Int64(part(t.localDate)))
                default: return .missing
                }
            })
    }

    private static func dateToDate(_ name: String, en: String, ru: String, _ f: @escaping @Sendable (CivilDate) -> CivilDate) -> Builtin {
        Builtin(
            name: name, signatures: ["\(name)(date) -> date"], en: en, ru: ru, isAggregate: false,
            check: { args in args.count == 1 && args[0].base == .date ? .date : nil },
            evaluate: { args, _ throws(EvalFailure) in
                guard case .date(let d) = args[0] else { return .missing }
                return .date(f(d))
            })
    }

    private static func between(_ name: String, en: String, ru: String, _ f: @escaping @Sendable (CivilDate, CivilDate) -> Int) -> Builtin {
        Builtin(
            name: name, signatures: ["\(name)(from: date, to: date) -> int"], en: en, ru: ru, isAggregate: false,
            check: { args in args.count == 2 && args[0].base == .date && args[1].base == .date ? .int : nil },
            evaluate: { args, _ throws(EvalFailure) in
                guard case .date(let a) = args[0], case .date(let b) = args[1] else { return .missing }
                return .int(Int64(f(a, b)))
            })
    }

    static let dates: [Builtin] = [
        datePart("year", en: "The year.", ru: "Год.") { $0.year },
        datePart("month", en: "The month, 1–12.", ru: "Месяц, 1–12.") { $0.month },
        datePart("day", en: "The day of the month.", ru: "День месяца.") { $0.day },
        datePart("quarter", en: "The quarter, 1–4.", ru: "Квартал, 1–4.") { $0.quarter },
        datePart("weekday", en: "ISO day of the week: 1 Monday … 7 Sunday.", ru: "День недели по ISO: 1 — понедельник … 7 — воскресенье.") { $0.weekday },
        datePart("day_of_year", en: "Day of the year, 1–366.", ru: "День года, 1–366.") { $0.dayOfYear },
        dateToDate("start_of_month", en: "First day of the month.", ru: "Первый день месяца.") { $0.startOfMonth },
        dateToDate("end_of_month", en: "Last day of the month.", ru: "Последний день месяца.") { $0.endOfMonth },
        dateToDate("start_of_quarter", en: "First day of the quarter.", ru: "Первый день квартала.") { $0.startOfQuarter },
        dateToDate("end_of_quarter", en: "Last day of the quarter.", ru: "Последний день квартала.") { $0.endOfQuarter },
        dateToDate("start_of_year", en: "January 1 of the year.", ru: "1 января того же года.") { $0.startOfYear },
        between("days_between", en: "Days from the first date to the second (negative if earlier).",
                ru: "Число дней от первой даты до второй (отрицательное, если вторая раньше).") { CivilDate.days(from: $0, to: $1) },
        between("months_between", en: "Whole months completed from the first date to the second.",
                ru: "Число полных месяцев от первой даты до второй.") { CivilDate.wholeMonths(from: $0, to: $1) },
        between("years_between", en: "Whole years completed (age, tenure) from the first date to the second.",
                ru: "Число полных лет (возраст, стаж) от первой даты до второй.") { CivilDate.wholeYears(from: $0, to: $1) },
        Builtin(
            name: "age", signatures: ["age(date) -> int"],
            en: "Whole years from the date to the evaluation's ‘as of’ date.",
            ru: "Число полных лет от даты до даты расчёта (as of).", isAggregate: false,
            check: { args in args.count == 1 && args[0].base == .date ? .int : nil },
            evaluate: { args, asOf throws(EvalFailure) in
                guard case .date(let d) = args[0] else { return .missing }
                return .int(Int64(CivilDate.wholeYears(from: d, to: asOf)))
            }),
        Builtin(
            name: "date", signatures: ["date(year: int, month: int, day: int) -> date"],
            en: "The date with these parts (an impossible date is an error).",
            ru: "Дата из года, месяца и дня (несуществующая дата — ошибка).", isAggregate: false,
            check: { args in args.count == 3 && args.allSatisfy { $0.base == .int } ? .date : nil },
            evaluate: { args, _ throws(EvalFailure) in
                guard case .int(let y) = args[0], case .int(let m) = args[1], case .int(let d) = args[2] else { return .missing }
                guard abs(y) < 100_000, abs(m) < 100, abs(d) < 100, let date = CivilDate(year: Int(y), month: Int(m), day: Int(d)) else {
                    throw EvalFailure(Messages.noSuchDate, ["\(y)-\(m)-\(d)"])
                }
                return .date(date)
            }),
        Builtin(
            name: "date_of", signatures: ["date_of(datetime) -> date"],
            en: "The local calendar date of a moment in its time zone.", ru: "Календарная дата момента в его часовом поясе.",
            isAggregate: false,
            check: { args in args.count == 1 && args[0].base == .datetime ? .date : nil },
            evaluate: { args, _ throws(EvalFailure) in
                guard case .datetime(let t) = args[0] else { return .missing }
                return .date(t.localDate)
            }),
    ]

    // MARK: - Working time (checked and compiled with their calendar; see Checker+Calendars)

    private static func calendarFunction(_ name: String, _ signature: String, en: String, ru: String) -> Builtin {
        Builtin(name: name, signatures: [signature], en: en, ru: ru, isAggregate: false, check: { _ in nil }, evaluate: unreachable)
    }

    static let workingTime: [Builtin] = [
        calendarFunction("workdays_between", "workdays_between(calendar, from: date, to: date) -> int",
                         en: "Working days from the first date to the second, both inclusive, on the calendar.",
                         ru: "Число рабочих дней с первой даты по вторую включительно по календарю."),
        calendarFunction("add_workdays", "add_workdays(calendar, date, n: int) -> date",
                         en: "The n-th working day after the date (n = 0: the date if it is a working day, else the next one; negative n: before).",
                         ru: "n-й рабочий день после даты (n = 0: сама дата, если она рабочая, иначе следующий рабочий день; отрицательное n — назад)."),
        calendarFunction("next_workday", "next_workday(calendar, date) -> date",
                         en: "The first working day after the date.", ru: "Первый рабочий день после даты."),
        calendarFunction("is_workday", "is_workday(calendar, date) -> bool",
                         en: "True if the date is a working day on the calendar.", ru: "Истина, если дата — рабочий день по календарю."),
        calendarFunction("add_work_hours", "add_work_hours(calendar, moment: datetime, hours: number [, zone: string]) -> datetime",
                         en: "The moment after that many working hours, counted in the calendar's hours in the zone (default: the calendar's zone); a start outside working hours counts from the next working moment.",
                         ru: "Момент через столько рабочих часов, считая по часам календаря в часовом поясе (по умолчанию — поясе календаря); начало вне рабочего времени считается со следующего рабочего момента."),
        calendarFunction("work_hours_between", "work_hours_between(calendar, from: datetime, to: datetime [, zone: string]) -> decimal",
                         en: "Working hours between two moments on the calendar (in the zone; default: the calendar's).",
                         ru: "Рабочие часы между двумя моментами по календарю (в часовом поясе; по умолчанию — поясе календаря)."),
    ]

    // MARK: - Numbers

    private static func decimalArg(_ v: Value) -> ExactDecimal? { v.number }

    static let numbers: [Builtin] = [
        Builtin(
            name: "round", signatures: ["round(number, digits: int, mode) -> number"],
            en: "Rounds to the given number of fractional digits with a stated mode: half_up, half_even, half_down, up, down, ceiling, floor.",
            ru: "Округляет до заданного числа знаков после запятой по указанному правилу: half_up, half_even, half_down, up, down, ceiling, floor.",
            isAggregate: false,
            check: { args in args.count == 3 && args[0].base.isNumeric && args[1].base == .int ? args[0].base : nil },
            evaluate: { args, _ throws(EvalFailure) in
                guard let x = decimalArg(args[0]), case .int(let digits) = args[1], case .string(let modeName) = args[2],
                    let mode = RoundingMode(rawValue: modeName)
                else { return .missing }
                guard digits >= 0, digits <= 18 else { throw EvalFailure(Messages.roundDigitsOutOfRange, [String(digits)]) }
                do { return .decimal(try x.rounded(scale: Int(digits), mode: mode)) } catch { throw EvalFailure.from(error) }
            }),
        Builtin(
            name: "abs", signatures: ["abs(number) -> number"], en: "Absolute value.", ru: "Модуль числа.", isAggregate: false,
            check: { args in args.count == 1 && args[0].base.isNumeric ? args[0].base : nil },
            evaluate: { args, _ throws(EvalFailure) in
                guard let x = decimalArg(args[0]) else { return .missing }
                if x.signum >= 0 { return args[0] }
                do { return .decimal(try x.negated()) } catch { throw EvalFailure.from(error) }
            }),
        Builtin(
            name: "percent_change", signatures: ["percent_change(old: number, new: number) -> percent"],
            en: "Relative change from old to new: (new − old) / old, as a percent (−80 % is a drop by four fifths).",
            ru: "Относительное изменение от старого значения к новому: (новое − старое) / старое, в процентах.",
            isAggregate: false,
            check: { args in args.count == 2 && args[0].base.isNumeric && args[1].base.isNumeric ? .percent : nil },
            evaluate: { args, _ throws(EvalFailure) in
                guard let old = decimalArg(args[0]), let new = decimalArg(args[1]) else { return .missing }
                if old.signum == 0 { throw EvalFailure(Messages.percentChangeFromZero) }
                do { return .decimal(try new.subtracting(old).divided(by: old)) } catch { throw EvalFailure.from(error) }
            }),
        Builtin(
            name: "share", signatures: ["share(part: number, whole: number) -> percent"],
            en: "part / whole as a percent.", ru: "Доля части в целом (part / whole), в процентах.", isAggregate: false,
            check: { args in args.count == 2 && args[0].base.isNumeric && args[1].base.isNumeric ? .percent : nil },
            evaluate: { args, _ throws(EvalFailure) in
                guard let part = decimalArg(args[0]), let whole = decimalArg(args[1]) else { return .missing }
                do { return .decimal(try part.divided(by: whole)) } catch { throw EvalFailure.from(error) }
            }),
        Builtin(
            name: "mod", signatures: ["mod(int, int) -> int"], en: "Remainder of integer division (sign of the divisor).",
            ru: "Остаток от целочисленного деления (со знаком делителя).", isAggregate: false,
            check: { args in args.count == 2 && args[0].base == .int && args[1].base == .int ? .int : nil },
            evaluate: { args, _ throws(EvalFailure) in
                guard case .int(let a) = args[0], case .int(let b) = args[1] else { return .missing }
                if b == 0 { throw EvalFailure(Messages.divisionByZero) }
                if b == -1 { return .int(0) }
                let r = a % b
                return .int(r != 0 && (r < 0) != (b < 0) ? r + b : r)
            }),
    ]

    // MARK: - Strings

    private static func stringPredicate(_ name: String, en: String, ru: String, _ f: @escaping @Sendable (String, String) -> Bool) -> Builtin {
        Builtin(
            name: name, signatures: ["\(name)(string, string) -> bool"], en: en, ru: ru, isAggregate: false,
            check: { args in args.count == 2 && args[0].base == .string && args[1].base == .string ? .bool : nil },
            evaluate: { args, _ throws(EvalFailure) in
                guard case .string(let a) = args[0], case .string(let b) = args[1] else { return .missing }
                return .bool(f(a, b))
            })
    }

    private static func stringMap(_ name: String, en: String, ru: String, result: RType, _ f: @escaping @Sendable (String) -> Value) -> Builtin {
        Builtin(
            name: name, signatures: ["\(name)(string) -> \(result)"], en: en, ru: ru, isAggregate: false,
            check: { args in args.count == 1 && args[0].base == .string ? result : nil },
            evaluate: { args, _ throws(EvalFailure) in
                guard case .string(let a) = args[0] else { return .missing }
                return f(a)
            })
    }

    static let strings: [Builtin] = [
        Builtin(
            name: "mentions", signatures: ["mentions(text: string, keywords) -> bool"],
            en: "True if the text contains a phrase of the keyword set: case-insensitive, each word matched by its beginning («ошибк» matches «ошибка», «ошибки», «ошибкой»).",
            ru: "Истина, если в тексте есть фраза из набора ключевых слов: без учёта регистра, каждое слово — по началу («ошибк» находит «ошибка», «ошибки», «ошибкой»).",
            isAggregate: false, check: { _ in nil }, evaluate: unreachable),
        stringPredicate("contains", en: "True if the text contains the fragment (case-insensitive).",
                        ru: "Истина, если текст содержит фрагмент (без учёта регистра).") { $0.lowercased().contains($1.lowercased()) },
        stringPredicate("starts_with", en: "True if the text starts with the prefix.", ru: "Истина, если текст начинается с префикса.") { $0.hasPrefix($1) },
        stringPredicate("ends_with", en: "True if the text ends with the suffix.", ru: "Истина, если текст заканчивается суффиксом.") { $0.hasSuffix($1) },
        Builtin(
            name: "matches", signatures: ["matches(string, pattern: string literal) -> bool"],
            en: "True if the regular expression is found in the text; (?i) makes it case-insensitive. The pattern is checked when the rules compile.",
            ru: "Истина, если регулярное выражение найдено в тексте; (?i) — без учёта регистра. Шаблон проверяется при компиляции правил.",
            isAggregate: false,
            check: { args in args.count == 2 && args[0].base == .string && args[1].base == .string ? .bool : nil },
            evaluate: { args, _ throws(EvalFailure) in
                guard case .string(let text) = args[0], case .string(let pattern) = args[1] else { return .missing }
                guard let regex = RegexCache.compile(pattern) else { throw EvalFailure(Messages.invalidPattern, [pattern]) }
                return .bool(regex.matches(text))
            }),
        stringMap("lower", en: "The text in lower case.", ru: "Текст в нижнем регистре.", result: .string) { .string($0.lowercased()) },
        stringMap("upper", en: "The text in upper case.", ru: "Текст в верхнем регистре.", result: .string) { .string($0.uppercased()) },
        stringMap("trim", en: "The text without leading and trailing spaces.", ru: "Текст без пробелов в начале и в конце.", result: .string) {
            .string(String($0.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed()))
        },
        stringMap("length", en: "Number of characters.", ru: "Число символов.", result: .int) { .int(Int64($0.count)) },
    ]
}
