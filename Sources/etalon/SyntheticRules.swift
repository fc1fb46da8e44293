/// A generated rule set of a given size, for measuring check and compile time: schemas with many
/// fields, versioned consts, indicators, values, decision tables, a score and tests.
enum SyntheticRules {
    static func make(declarations: Int) -> String {
        var text = "module generated\n\nschema Subject \"Синтетическая запись\" {\n"
        let fields = 40
        for f in 0..<fields { text += "    f\(f): \(f % 4 == 3 ? "money?" : "int") \"Поле \(f)\"\n" }
        text += "}\n\n"
        var made = 1
        var indicators: [String] = []
        var i = 0
        while made < declarations {
            switch i % 5 {
            case 0:
                text += "const c\(i) \"Порог \(i)\" : int = \(i % 97)\n    effective 2024-01-01 until 2024-12-31\n\n"
                text += "const c\(i) \"Порог \(i)\" : int = \(i % 89)\n    effective 2025-01-01\n\n"
                made += 2
            case 1, 2:
                let a = i % fields
                let b = (i * 7 + 3) % fields
                let left = a % 4 == 3 ? "e.f\(a) ?? 0" : "e.f\(a)"
                let right = b % 4 == 3 ? "(e.f\(b) ?? 0)" : "e.f\(b)"
                text += "indicator ind\(i) \"Индикатор \(i)\" on e: Subject\n    when \(left) > c\(i - i % 5) and \(right) < \(i % 50 + 10)\n    weight \(i % 3 + 1)\n    because \"поле f\(a) больше порога\"\n\n"
                indicators.append("ind\(i)")
                made += 1
            case 3:
                text += "value v\(i) \"Значение \(i)\" on e: Subject = e.f\(i % fields / 4 * 4) * 2 + e.f\((i + 1) % fields / 4 * 4 + 1)\n\n"
                made += 1
            default:
                text += "table t\(i) \"Таблица \(i)\" on e: Subject hit first {\n    | e.f\(i % 3) | v\(i - 1) | => level: string |\n"
                text += "    | >= 10 | > 100 | \"высокий\" |\n    | 5..<10 | - | \"средний\" |\n    | - | - | \"низкий\" |\n}\n\n"
                made += 1
            }
            i += 1
        }
        text += "score total on e: Subject {\n    all\n}\n"
        return text
    }
}
