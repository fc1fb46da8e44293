/// Schema migrations: a named, ordered list applied once each and recorded in the database.
public struct Migrator: Sendable {
    public struct Migration: Sendable {
        public let name: String
        public let sql: String
    }

    public let migrations: [Migration]

    public init(_ migrations: [Migration]) { self.migrations = migrations }

    /// Applies the migrations not yet recorded, each in its own transaction.
    public func migrate(_ db: Database) throws {
        try db.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        let applied = Set(try db.prepare("SELECT name FROM schema_migrations").rows().compactMap { $0.first ?? nil })
        for migration in migrations where !applied.contains(migration.name) {
            try db.transaction {
                try db.execute(migration.sql)
                try db.prepare("INSERT INTO schema_migrations (name, applied_at) VALUES (?, datetime('now'))")
                    .run([.text(migration.name)])
            }
        }
    }
}
