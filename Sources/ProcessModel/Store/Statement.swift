import CSQLite

/// A prepared statement: bind, step, read columns, reset — prepared once, run many times.
public final class Statement {
    let database: Database
    let handle: OpaquePointer
    public let sql: String

    /// SQLite copies bound text immediately (SQLITE_TRANSIENT).
    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    init(database: Database, sql: String) throws(DatabaseError) {
        var statement: OpaquePointer?
        let rc = sqlite3_prepare_v2(database.handle, sql, -1, &statement, nil)
        guard rc == SQLITE_OK, let statement else { throw database.error(rc, sql: sql) }
        self.database = database
        self.handle = statement
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    /// A value to bind: text, an integer, or NULL.
    public enum Binding: Sendable {
        case text(String), integer(Int64), null
    }

    /// Binds the values to the parameters in order (1-based `?` placeholders).
    public func bind(_ values: [Binding]) throws(DatabaseError) {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (i, value) in values.enumerated() {
            let index = Int32(i + 1)
            let rc: Int32
            switch value {
            case .text(let s): rc = sqlite3_bind_text(handle, index, s, -1, Self.transient)
            case .integer(let n): rc = sqlite3_bind_int64(handle, index, n)
            case .null: rc = sqlite3_bind_null(handle, index)
            }
            if rc != SQLITE_OK { throw database.error(rc, sql: sql) }
        }
    }

    /// Runs the statement to completion (inserts, updates).
    public func run(_ values: [Binding] = []) throws(DatabaseError) {
        try bind(values)
        let rc = sqlite3_step(handle)
        guard rc == SQLITE_DONE || rc == SQLITE_ROW else { throw database.error(rc, sql: sql) }
        sqlite3_reset(handle)
    }

    /// Runs a query and returns its rows as arrays of optional text (numbers as their text).
    public func rows(_ values: [Binding] = []) throws(DatabaseError) -> [[String?]] {
        try bind(values)
        var rows: [[String?]] = []
        let columns = sqlite3_column_count(handle)
        while true {
            let rc = sqlite3_step(handle)
            if rc == SQLITE_DONE { break }
            guard rc == SQLITE_ROW else { throw database.error(rc, sql: sql) }
            var row: [String?] = []
            for c in 0..<columns {
                if sqlite3_column_type(handle, c) == SQLITE_NULL {
                    row.append(nil)
                } else if let text = sqlite3_column_text(handle, c) {
                    row.append(String(cString: text))
                } else {
                    row.append(nil)
                }
            }
            rows.append(row)
        }
        sqlite3_reset(handle)
        return rows
    }
}
