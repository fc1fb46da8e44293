/// A failed SQLite call: what was being done (the SQL), the SQLite result code and message.
public struct DatabaseError: Error, Sendable, CustomStringConvertible {
    public let code: Int32
    public let message: String
    public let sql: String?

    public var description: String {
        "SQLite error \(code): \(message)" + (sql.map { " — while running: \($0)" } ?? "")
    }
}
