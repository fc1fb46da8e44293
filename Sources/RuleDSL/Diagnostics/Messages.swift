/// The message catalogue: every diagnostic text, in English and Russian, with its stable code.
/// Codes by phase: E00xx lexical, E01xx syntax, E02xx names and modules, E03xx types, E04xx decision
/// tables, E05xx versions and effective dates, E06xx tests, E07xx evaluation limits; W… are warnings.
/// `docs/language.md` lists them all; a test keeps the two in step.
public enum Messages {
    // MARK: Lexical (E00xx)
    static let unexpectedCharacter = MessageTemplate(
        "E0001", .error, en: "unexpected character ‘{0}’", ru: "недопустимый символ «{0}»")
    static let bangNotOperator = MessageTemplate(
        "E0002", .error, en: "‘!’ is not an operator here; write ‘not’ for negation or ‘!=’ for inequality",
        ru: "«!» здесь не оператор; для отрицания пишите «not», для неравенства — «!=»")
    static let unterminatedString = MessageTemplate(
        "E0003", .error, en: "string is not closed: add ‘\"’ before the end of the line",
        ru: "строка не закрыта: поставьте «\"» до конца строки")
    static let unknownEscape = MessageTemplate(
        "E0004", .error, en: "unknown escape ‘{0}’ in a string (use \\\", \\\\, \\n or \\t)",
        ru: "неизвестная escape-последовательность «{0}» в строке (допустимы \\\", \\\\, \\n, \\t)")
    static let malformedNumber = MessageTemplate(
        "E0005", .error, en: "malformed number ‘{0}’: a number cannot run into letters",
        ru: "неверное число «{0}»: число не может сливаться с буквами")

    // MARK: Syntax (E01xx)
    static let expectedDeclaration = MessageTemplate(
        "E0101", .error,
        en: "expected a declaration (schema, enum, const, lookup, indicator, value, score, table, test), found {0}",
        ru: "ожидалось объявление (schema, enum, const, lookup, indicator, value, score, table, test), а найдено {0}")
    static let duplicateModuleClause = MessageTemplate(
        "E0102", .error, en: "the file already declared module ‘{0}’; a file belongs to one module",
        ru: "файл уже объявил модуль «{0}»; файл принадлежит одному модулю")
    static let moduleNotFirst = MessageTemplate(
        "E0103", .error, en: "‘module’ must come first in the file, before imports and declarations",
        ru: "«module» должен стоять в начале файла, до import и объявлений")
    static let unexpectedAfterDeclaration = MessageTemplate(
        "E0104", .error, en: "unexpected {0} after the declaration; start a new line",
        ru: "неожиданно {0} после объявления; начните новую строку")
    static let expectedToken = MessageTemplate(
        "E0105", .error, en: "expected {0} in {1}, found {2}", ru: "ожидалось {0} в {1}, а найдено {2}")
    static let reservedWord = MessageTemplate(
        "E0106", .error, en: "‘{0}’ is a reserved word and cannot be used as a name; choose another name",
        ru: "«{0}» — зарезервированное слово, его нельзя использовать как имя; выберите другое")
    static let unexpectedInBlock = MessageTemplate(
        "E0107", .error, en: "unexpected {0} in {1}", ru: "неожиданно {0} в {1}")
    static let nestedTooDeeply = MessageTemplate(
        "E0108", .error,
        en: "expression is nested too deeply (more than 96 levels); split it into named values",
        ru: "выражение слишком глубоко вложено (более 96 уровней); разбейте его на именованные значения")
    static let duplicateClause = MessageTemplate(
        "E0109", .error, en: "‘{0}’ is given twice; keep one", ru: "«{0}» указано дважды; оставьте одно")
    static let unexpectedClause = MessageTemplate(
        "E0110", .error, en: "unexpected {0} in {1}; expected one of: {2}",
        ru: "неожиданно {0} в {1}; ожидалось одно из: {2}")
    static let missingClause = MessageTemplate(
        "E0111", .error, en: "‘{0}’ is missing in {1}", ru: "в {1} не хватает «{0}»")
    static let chainedComparison = MessageTemplate(
        "E0112", .error, en: "comparisons cannot be chained; join them with ‘and’ (a < b and b < c) or use a range (b in a..c)",
        ru: "сравнения нельзя выстраивать цепочкой; соедините их через «and» (a < b and b < c) или используйте диапазон (b in a..c)")
    static let unclosedTemplateHole = MessageTemplate(
        "E0113", .error, en: "‘{’ in the text is not closed by ‘}’ (write ‘{{’ for a literal brace)",
        ru: "«{» в тексте не закрыта «}» (для самой фигурной скобки пишите «{{»)")
    static let emptyTemplateHole = MessageTemplate(
        "E0114", .error, en: "empty ‘{}’ in the text: put an expression inside",
        ru: "пустые «{}» в тексте: поместите внутрь выражение")
    static let unexpectedInTemplate = MessageTemplate(
        "E0115", .error, en: "unexpected {0} inside ‘{…}’ of the text", ru: "неожиданно {0} внутри «{…}» текста")
    static let expectedTableRow = MessageTemplate(
        "E0116", .error, en: "expected a table row starting with ‘|’, found {0} in {1}",
        ru: "ожидалась строка таблицы, начинающаяся с «|», а найдено {0} в {1}")
    static let unknownHitPolicy = MessageTemplate(
        "E0117", .error,
        en: "unknown hit policy ‘{0}’; use unique, first, priority, any, collect, collect sum, collect count, collect min or collect max",
        ru: "неизвестная политика срабатывания «{0}»; допустимы unique, first, priority, any, collect, collect sum, collect count, collect min, collect max")
    static let tableWithoutOutputs = MessageTemplate(
        "E0118", .error, en: "{0} has no output column: mark the first output in the header with ‘=>’",
        ru: "в {0} нет выходного столбца: отметьте первый выход в заголовке знаком «=>»")
    static let tableRowWidth = MessageTemplate(
        "E0119", .error, en: "this row has {0} cells but the header has {1} columns",
        ru: "в строке {0} ячеек, а в заголовке {1} столбцов")

    // MARK: Checker, tables, versions, tests, evaluation
    static let unknownModule = MessageTemplate(
        "E0201", .error, en: "no module named ‘{0}’ in these rule files",
        ru: "нет модуля «{0}» среди этих файлов правил")
    static let importCycle = MessageTemplate(
        "E0202", .error, en: "modules import each other in a cycle: {0}; move the shared declarations to a module both import",
        ru: "модули импортируют друг друга по кругу: {0}; вынесите общие объявления в модуль, который импортируют оба")
    static let duplicateDeclaration = MessageTemplate(
        "E0203", .error, en: "‘{0}’ is already declared in module {1}",
        ru: "«{0}» уже объявлено в модуле {1}")
    static let unknownType = MessageTemplate(
        "E0204", .error, en: "unknown type ‘{0}’",
        ru: "неизвестный тип «{0}»")
    static let ruleCycle = MessageTemplate(
        "E0205", .error, en: "rules depend on each other in a cycle: {0}",
        ru: "правила зависят друг от друга по кругу: {0}")
    static let unknownName = MessageTemplate(
        "E0206", .error, en: "unknown name ‘{0}’",
        ru: "неизвестное имя «{0}»")
    static let ruleOnOtherRecord = MessageTemplate(
        "E0207", .error, en: "‘{0}’ can only be applied to the rule's own record ‘{1}’",
        ru: "«{0}» можно применить только к записи самого правила «{1}»")
    static let duplicateMember = MessageTemplate(
        "E0208", .error, en: "‘{0}’ appears twice in {1}",
        ru: "«{0}» встречается в {1} дважды")
    static let unknownField = MessageTemplate(
        "E0209", .error, en: "‘{1}’ has no field ‘{0}’",
        ru: "у «{1}» нет поля «{0}»")
    static let subjectMismatch = MessageTemplate(
        "E0210", .error, en: "‘{0}’ is about {1} records, but here the record is {2}",
        ru: "«{0}» относится к записям {1}, а здесь запись — {2}")
    static let ambiguousName = MessageTemplate(
        "E0211", .error, en: "‘{0}’ is declared in several imported modules ({1}); qualify it with the module name",
        ru: "«{0}» объявлено в нескольких импортированных модулях ({1}); укажите модуль явно")
    static let moduleNotImported = MessageTemplate(
        "E0212", .error, en: "module ‘{0}’ is not imported here; add ‘import {0}’ at the top of the file",
        ru: "модуль «{0}» здесь не импортирован; добавьте «import {0}» в начало файла")
    static let importsItself = MessageTemplate(
        "E0213", .error, en: "module ‘{0}’ imports itself",
        ru: "модуль «{0}» импортирует сам себя")
    static let duplicateImport = MessageTemplate(
        "E0214", .warning, en: "‘{0}’ is imported twice",
        ru: "«{0}» импортирован дважды")
    static let unknownEnumCase = MessageTemplate(
        "E0215", .error, en: "enum ‘{1}’ has no case ‘{0}’",
        ru: "в перечислении «{1}» нет значения «{0}»")
    static let shadowsBuiltinType = MessageTemplate(
        "E0216", .error, en: "‘{0}’ is a built-in type; give the declaration another name",
        ru: "«{0}» — встроенный тип; назовите объявление иначе")
    static let subjectNotSchema = MessageTemplate(
        "E0217", .error, en: "‘{0}’ is an enum; a rule is about records of a schema",
        ru: "«{0}» — перечисление; правило относится к записям схемы")
    static let emptyEnum = MessageTemplate(
        "E0218", .error, en: "enum ‘{0}’ has no cases",
        ru: "в перечислении «{0}» нет значений")
    static let functionNeedsCall = MessageTemplate(
        "E0219", .error, en: "‘{0}’ is a function: call it with arguments, e.g. {0}(…)",
        ru: "«{0}» — функция: вызовите её с аргументами, например {0}(…)")
    static let notCallable = MessageTemplate(
        "E0220", .error, en: "‘{0}’ is not a function or lookup and cannot be called",
        ru: "«{0}» — не функция и не справочник, его нельзя вызвать")
    static let lookupNeedsKey = MessageTemplate(
        "E0221", .error, en: "lookup ‘{0}’ needs a key: write {0}(key)",
        ru: "справочнику «{0}» нужен ключ: пишите {0}(ключ)")
    static let scoreMemberNotIndicator = MessageTemplate(
        "E0222", .error, en: "‘{0}’ is a {1}, not an indicator; a score adds up indicators",
        ru: "«{0}» — это {1}, а не индикатор; балл складывается из индикаторов")
    static let duplicateScoreMember = MessageTemplate(
        "E0223", .warning, en: "‘{0}’ is listed twice in the score",
        ru: "«{0}» указан в балле дважды")
    static let emptyScore = MessageTemplate(
        "E0224", .error, en: "score ‘{0}’ includes no indicators",
        ru: "балл «{0}» не включает ни одного индикатора")
    static let moduleFileMissing = MessageTemplate(
        "E0225", .error, en: "cannot read ‘{0}’: {1}",
        ru: "не удаётся прочитать «{0}»: {1}")
    static let allowedNotConstant = MessageTemplate(
        "E0226", .error, en: "the allowed values of field ‘{0}’ must be a range of constants (0..3) or a list of constants ([\"a\", \"b\"])",
        ru: "допустимые значения поля «{0}» задаются диапазоном констант (0..3) или списком констант ([\"a\", \"b\"])")
    static let allowedWrongType = MessageTemplate(
        "E0227", .error, en: "the allowed values of field ‘{0}’ do not fit its type {1}",
        ru: "допустимые значения поля «{0}» не подходят к его типу {1}")
    static let typeMismatch = MessageTemplate(
        "E0301", .error, en: "expected {0}, found {1}",
        ru: "ожидался тип {0}, а получен {1}")
    static let integerTooLarge = MessageTemplate(
        "E0302", .error, en: "number ‘{0}’ is too large (integers are limited to ±9 223 372 036 854 775 807)",
        ru: "число «{0}» слишком велико (целые ограничены ±9 223 372 036 854 775 807)")
    static let decimalOutOfRange = MessageTemplate(
        "E0303", .error, en: "number ‘{0}’ cannot be represented exactly (at most 18 significant digits)",
        ru: "число «{0}» нельзя представить точно (не более 18 значащих цифр)")
    static let invalidDate = MessageTemplate(
        "E0304", .error, en: "‘{0}’ is not a date on the calendar",
        ru: "«{0}» — несуществующая дата")
    static let invalidDateTime = MessageTemplate(
        "E0305", .error, en: "‘{0}’ is not a valid date-time with a time zone (write 2025-06-01T09:00:00+03:00 or …[Europe/Moscow])",
        ru: "«{0}» — неверная дата-время с часовым поясом (пишите 2025-06-01T09:00:00+03:00 или …[Europe/Moscow])")
    static let conditionNotBool = MessageTemplate(
        "E0306", .error, en: "a condition must be true or false, but this is {0}",
        ru: "условие должно быть истинным или ложным, а здесь {0}")
    static let weightNotNumber = MessageTemplate(
        "E0307", .error, en: "a weight must be a number, but this is {0}",
        ru: "вес должен быть числом, а здесь {0}")
    static let operatorOperand = MessageTemplate(
        "E0308", .error, en: "‘{0}’ needs {1}, but this is {2}",
        ru: "«{0}» требует {1}, а здесь {2}")
    static let arithmeticTypes = MessageTemplate(
        "E0309", .error, en: "cannot apply ‘{0}’ to {1} and {2}",
        ru: "нельзя применить «{0}» к {1} и {2}")
    static let incomparable = MessageTemplate(
        "E0310", .error, en: "cannot compare {0} with {1}",
        ru: "нельзя сравнить {0} с {1}")
    static let unordered = MessageTemplate(
        "E0311", .error, en: "{0} values have no order; use == or !=",
        ru: "у значений {0} нет порядка; используйте == или !=")
    static let rangeOutsideIn = MessageTemplate(
        "E0312", .error, en: "a range (a..b) can only follow ‘in’ or stand in a table cell",
        ru: "диапазон (a..b) допустим только после «in» или в ячейке таблицы")
    static let branchesDiffer = MessageTemplate(
        "E0313", .error, en: "the alternatives have different types: {0} and {1}",
        ru: "у вариантов разные типы: {0} и {1}")
    static let listElementsDiffer = MessageTemplate(
        "E0314", .error, en: "list elements have different types: {0} and {1}",
        ru: "у элементов списка разные типы: {0} и {1}")
    static let inNeedsList = MessageTemplate(
        "E0315", .error, en: "expected a list here, found {0}",
        ru: "здесь ожидался список, а найдено {0}")
    static let noFields = MessageTemplate(
        "E0316", .error, en: "cannot take ‘.{0}’ of {1}: it is not a record",
        ru: "нельзя взять «.{0}» у {1}: это не запись")
    static let fieldTypeMismatch = MessageTemplate(
        "E0317", .error, en: "‘{0}’ expects {1}, found {2}",
        ru: "«{0}» ожидает {1}, а получено {2}")
    static let requiredFieldsAbsent = MessageTemplate(
        "E0318", .error, en: "{0} needs its required fields: {1} (mark a field optional with ‘?’ in the schema if it may be absent)",
        ru: "для {0} нужны обязательные поля: {1} (поле, которое может отсутствовать, отметьте «?» в схеме)")
    static let withNeedsRecord = MessageTemplate(
        "E0319", .error, en: "‘with {…}’ needs a record, found {0}",
        ru: "«with {…}» требует запись, а найдено {0}")
    static let listExpressionOutsideAggregate = MessageTemplate(
        "E0320", .error, en: "a list expression (x in list …) can only be the argument of count, sum, avg, min, max, any, all, filter or map",
        ru: "списочное выражение (x in list …) допустимо только как аргумент count, sum, avg, min, max, any, all, filter, map")
    static let durationNeedsWholeNumber = MessageTemplate(
        "E0321", .error, en: "a duration in {0} needs a whole number",
        ru: "длительность в {0} требует целого числа")
    static let argumentCount = MessageTemplate(
        "E0322", .error, en: "‘{0}’ takes {1} argument(s), given {2}",
        ru: "«{0}» принимает аргументов: {1}, передано: {2}")
    static let builtinArguments = MessageTemplate(
        "E0323", .error, en: "‘{0}’ cannot take ({1}); it takes: {2}",
        ru: "«{0}» не принимает ({1}); допустимо: {2}")
    static let unknownRoundingMode = MessageTemplate(
        "E0324", .error, en: "unknown rounding mode ‘{0}’ (half_up, half_even, half_down, up, down, ceiling, floor)",
        ru: "неизвестный способ округления «{0}» (half_up, half_even, half_down, up, down, ceiling, floor)")
    static let roundNeedsMode = MessageTemplate(
        "E0325", .error, en: "round needs a stated mode as its third argument: half_up, half_even, half_down, up, down, ceiling or floor",
        ru: "round требует третьим аргументом способ округления: half_up, half_even, half_down, up, down, ceiling, floor")
    static let patternNotLiteral = MessageTemplate(
        "E0326", .error, en: "the pattern of ‘matches’ must be a string literal, so it is checked when the rules compile",
        ru: "шаблон «matches» должен быть строковым литералом, чтобы его проверить при компиляции")
    static let invalidPattern = MessageTemplate(
        "E0327", .error, en: "‘{0}’ is not a valid regular expression",
        ru: "«{0}» — неверное регулярное выражение")
    static let lookupKeyNotConstant = MessageTemplate(
        "E0328", .error, en: "a lookup key must be a literal value",
        ru: "ключ справочника должен быть литералом")
    static let neverMissing = MessageTemplate(
        "W0301", .warning, en: "{0} is {1}, which is never missing: the test is always the same",
        ru: "{0} имеет тип {1} и никогда не отсутствует: проверка всегда даёт одно и то же")
    static let uniqueRowsOverlap = MessageTemplate(
        "E0401", .error, en: "rows at lines {0} and {1} both match some inputs, but the table is ‘hit unique’; narrow one of them or use ‘hit first’",
        ru: "строки {0} и {1} обе подходят для некоторых входов, а у таблицы «hit unique»; сузьте одну из них или используйте «hit first»")
    static let duplicateLookupKey = MessageTemplate(
        "E0402", .error, en: "key {0} appears twice in the lookup",
        ru: "ключ {0} встречается в справочнике дважды")
    static let anyRowsDisagree = MessageTemplate(
        "E0403", .error, en: "rows at lines {0} and {1} overlap with different outputs, but the table is ‘hit any’",
        ru: "строки {0} и {1} пересекаются с разными результатами, а у таблицы «hit any»")
    static let priorityNeedsOrder = MessageTemplate(
        "E0404", .error, en: "‘hit priority’ needs an output with an order (an enum, whose case order is the priority, or numbers); {0} has none",
        ru: "«hit priority» требует упорядоченного выхода (перечисления, порядок значений которого — приоритет, или чисел); у {0} порядка нет")
    static let collectNeedsNumbers = MessageTemplate(
        "E0405", .error, en: "‘hit {0}’ needs one numeric output",
        ru: "«hit {0}» требует одного числового выхода")
    static let emptyRange = MessageTemplate(
        "E0406", .error, en: "this range contains no values (its lower end is above its upper end)",
        ru: "диапазон пуст (нижняя граница выше верхней)")
    static let unreachableRow = MessageTemplate(
        "W0401", .warning, en: "the row at line {0} can never match: the rows above catch every input it accepts",
        ru: "строка {0} никогда не сработает: строки выше перехватывают все её входы")
    static let tableNotExhaustive = MessageTemplate(
        "W0402", .warning, en: "no row of ‘{0}’ matches, for example, {1}; add a default row (all ‘-’) at the end",
        ru: "ни одна строка «{0}» не подходит, например, для {1}; добавьте в конец строку по умолчанию (все «-»)")
    static let versionWithoutStart = MessageTemplate(
        "E0501", .error, en: "‘{0}’ has several versions, so each needs ‘effective FROM’",
        ru: "у «{0}» несколько версий, поэтому каждой нужно «effective ДАТА»")
    static let versionsOverlap = MessageTemplate(
        "E0502", .error, en: "versions of ‘{0}’ overlap in time: one from {1}, another from {2}; end the first with ‘until’ before the second starts",
        ru: "версии «{0}» перекрываются во времени: одна с {1}, другая с {2}; завершите первую через «until» до начала второй")
    static let untilBeforeFrom = MessageTemplate(
        "E0503", .error, en: "‘until {0}’ is before ‘effective {1}’",
        ru: "«until {0}» раньше «effective {1}»")
    static let versionSubjectMismatch = MessageTemplate(
        "E0504", .error, en: "versions of ‘{0}’ are about different records: {1} and {2}",
        ru: "версии «{0}» относятся к разным записям: {1} и {2}")
    static let versionTypeMismatch = MessageTemplate(
        "E0505", .error, en: "versions of ‘{0}’ have different types: {1} and {2}",
        ru: "у версий «{0}» разные типы: {1} и {2}")
    static let unconfirmedWithoutSource = MessageTemplate(
        "W0501", .warning, en: "‘{0}’ is marked unconfirmed but names no source to check it against",
        ru: "«{0}» отмечено как неподтверждённое, но источник для проверки не указан")
    static let givenNotRecord = MessageTemplate(
        "E0601", .error, en: "‘given’ needs a record (Schema { … }), found {0}",
        ru: "«given» требует запись (Схема { … }), а найдено {0}")
    static let expectFiredNeedsIndicator = MessageTemplate(
        "E0602", .error, en: "‘{0}’ is a {1}; ‘expect fired’ applies to indicators (compare values with ‘expect {0} == …’)",
        ru: "«{0}» — это {1}; «expect fired» применяется к индикаторам (значения сравнивайте через «expect {0} == …»)")
    static let testWithoutDate = MessageTemplate(
        "W0601", .warning, en: "test “{0}” has no ‘as of’ date: it runs as of today and its meaning may change over time",
        ru: "у теста «{0}» нет даты «as of»: он выполняется на сегодня и со временем может поменять смысл")
    static let divisionByZero = MessageTemplate(
        "E0701", .error, en: "division by zero",
        ru: "деление на ноль")
    static let arithmeticOverflow = MessageTemplate(
        "E0702", .error, en: "the result is too large to represent exactly",
        ru: "результат слишком велик для точного представления")
    static let noSuchDate = MessageTemplate(
        "E0703", .error, en: "there is no date {0}",
        ru: "даты {0} не существует")
    static let percentChangeFromZero = MessageTemplate(
        "E0704", .error, en: "percent change from zero is undefined",
        ru: "процентное изменение от нуля не определено")
    static let roundDigitsOutOfRange = MessageTemplate(
        "E0705", .error, en: "cannot round to {0} digits (0…18)",
        ru: "нельзя округлить до {0} знаков (0…18)")
    static let costLimitExceeded = MessageTemplate(
        "E0706", .error, en: "evaluation stopped: it exceeded the cost limit of {0} steps for one record",
        ru: "вычисление остановлено: превышен лимит {0} шагов на одну запись")
    static let uniqueViolated = MessageTemplate(
        "E0707", .error, en: "several rows of ‘{0}’ matched (lines {1}), but the table is ‘hit unique’",
        ru: "сработало несколько строк «{0}» (строки {1}), а у таблицы «hit unique»")
    static let anyViolated = MessageTemplate(
        "E0708", .error, en: "rows of ‘{0}’ that matched give different outputs (lines {1}), but the table is ‘hit any’",
        ru: "сработавшие строки «{0}» дают разные результаты (строки {1}), а у таблицы «hit any»")
    static let noteDeclaredHere = MessageTemplate(
        "N0001", .note, en: "declared here",
        ru: "объявлено здесь")

    // MARK: Calendars and working time (E08xx)
    static let emptyHours = MessageTemplate(
        "E0801", .error, en: "working hours ‘{0}’ end before they start",
        ru: "рабочие часы «{0}» заканчиваются раньше, чем начинаются")
    static let invalidTime = MessageTemplate(
        "E0802", .error, en: "‘{0}’ is not a time of day (00:00–24:00)",
        ru: "«{0}» — не время суток (00:00–24:00)")
    static let shortenByUnit = MessageTemplate(
        "E0803", .error, en: "a day is shortened by hours or minutes, not ‘{0}’",
        ru: "день сокращается на часы или минуты, а не на «{0}»")
    static let calendarYearsMissing = MessageTemplate(
        "E0804", .error, en: "calendar ‘{0}’ needs ‘years FIRST..LAST’: the years its data covers",
        ru: "календарю «{0}» нужно «years ПЕРВЫЙ..ПОСЛЕДНИЙ»: годы, которые покрывают его данные")
    static let dateOutsideCalendarYears = MessageTemplate(
        "E0805", .error, en: "{0} is outside the years of calendar ‘{1}’ ({2}–{3})",
        ru: "{0} вне лет календаря «{1}» ({2}–{3})")
    static let overlappingHours = MessageTemplate(
        "E0806", .error, en: "working hours on {0} overlap; list them in order without overlaps",
        ru: "рабочие часы в {0} пересекаются; перечислите их по порядку без пересечений")
    static let unknownZone = MessageTemplate(
        "E0807", .error, en: "unknown time zone ‘{0}’ (use an IANA name such as Europe/Moscow or an offset such as +03:00)",
        ru: "неизвестный часовой пояс «{0}» (используйте имя IANA, например Europe/Moscow, или смещение, например +03:00)")
    static let unknownCalendar = MessageTemplate(
        "E0808", .error, en: "no calendar named ‘{0}’",
        ru: "нет календаря «{0}»")
    static let calendarBaseCycle = MessageTemplate(
        "E0809", .error, en: "calendars derive from each other in a cycle: {0}",
        ru: "календари наследуют друг от друга по кругу: {0}")
    static let calendarArgument = MessageTemplate(
        "E0810", .error, en: "‘{0}’ takes a calendar as its first argument, e.g. {0}(ru, …)",
        ru: "«{0}» принимает первым аргументом календарь, например {0}(ru, …)")
    static let invalidYears = MessageTemplate(
        "E0811", .error, en: "years {0}..{1}: the first must not be after the last, both within 1–9999, at most 1000 years",
        ru: "годы {0}..{1}: первый не позже последнего, оба в пределах 1–9999, не более 1000 лет")
    static let workingDurationNeedsCalendar = MessageTemplate(
        "E0812", .error, en: "a working duration ({0}) needs a calendar: use add_workdays(calendar, date, n) or add_work_hours(calendar, moment, n)",
        ru: "рабочей длительности ({0}) нужен календарь: используйте add_workdays(календарь, дата, n) или add_work_hours(календарь, момент, n)")
    static let invalidCalendar = MessageTemplate(
        "E0813", .error, en: "calendar ‘{0}’: {1}",
        ru: "календарь «{0}»: {1}")
    static let breakOutsideHours = MessageTemplate(
        "E0814", .error, en: "the break {0} is outside the working hours it should interrupt",
        ru: "перерыв {0} лежит вне рабочих часов, которые он должен прерывать")
    static let weekdayGivenTwice = MessageTemplate(
        "W0801", .warning, en: "{0} gets working hours twice in calendar ‘{1}’; the later line wins",
        ru: "{0} получает рабочие часы дважды в календаре «{1}»; действует последняя строка")
    static let noteGivenFirstHere = MessageTemplate(
        "N0801", .note, en: "given first here", ru: "впервые задано здесь")
    static let dateOutsideCalendar = MessageTemplate(
        "E0709", .error, en: "{0} is outside the years of calendar ‘{1}’ ({2}–{3}); add that year's data to the calendar",
        ru: "{0} вне лет календаря «{1}» ({2}–{3}); добавьте в календарь данные этого года")

    // MARK: Support desk: keywords and SLA (E09xx)
    static let emptyKeyword = MessageTemplate(
        "E0901", .error, en: "a keyword needs at least one word",
        ru: "ключевое слово должно содержать хотя бы одно слово")
    static let slaClauseType = MessageTemplate(
        "E0902", .error, en: "‘{0}’ needs {1}, found {2}",
        ru: "«{0}» требует {1}, а найдено {2}")
    static let unknownKeywordSet = MessageTemplate(
        "E0903", .error, en: "no keyword set named ‘{0}’",
        ru: "нет набора ключевых слов «{0}»")
    static let historyReadsRule = MessageTemplate(
        "E0904", .error, en: "the history must come from the ticket's fields, not from rule ‘{0}’: the opening it gives picks the version the rules run under",
        ru: "история должна браться из полей заявки, а не из правила «{0}»: по её открытию выбирается версия, в которой считаются правила")
}
