public import RuleDSL

/// The decision log: every evaluation run (which rule set, by content hash, as of which date,
/// over which data) and every decision in it (each rule's outcome and value for each record, with
/// the explanation). Append-only; kept in SQLite so it can be queried and shipped out.
public final class DecisionLog {
    let db: Database
    private let insertDecision: Statement
    private var pending = 0

    static let migrations = Migrator([
        .init(name: "001_runs_and_decisions", sql: """
            CREATE TABLE runs (
                id INTEGER PRIMARY KEY,
                started_at TEXT NOT NULL,
                finished_at TEXT,
                rule_set_hash TEXT NOT NULL,
                rule_set_paths TEXT NOT NULL,
                as_of TEXT NOT NULL,
                facts TEXT NOT NULL,
                records INTEGER,
                rejected INTEGER
            );
            CREATE TABLE decisions (
                run_id INTEGER NOT NULL REFERENCES runs(id),
                record_number INTEGER NOT NULL,
                record_key TEXT,
                rule TEXT NOT NULL,
                kind TEXT NOT NULL,
                outcome TEXT NOT NULL,
                value TEXT,
                explanation TEXT,
                missing TEXT,
                PRIMARY KEY (run_id, record_number, rule)
            );
            CREATE INDEX decisions_by_rule ON decisions (run_id, rule, outcome);
            """),
    ])

    /// Opens (creating and migrating) the log at `path`.
    public init(path: String) throws {
        db = try Database(path: path)
        try Self.migrations.migrate(db)
        insertDecision = try db.prepare("""
            INSERT INTO decisions (run_id, record_number, record_key, rule, kind, outcome, value, explanation, missing)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
    }

    /// Starts a run and returns its id; decisions are written in transactions of 1 000 records.
    public func beginRun(ruleSetHash: String, ruleSetPaths: [String], asOf: CivilDate, facts: String) throws -> Int64 {
        try db.prepare("""
            INSERT INTO runs (started_at, rule_set_hash, rule_set_paths, as_of, facts)
            VALUES (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), ?, ?, ?, ?)
            """).run([.text(ruleSetHash), .text(ruleSetPaths.joined(separator: ", ")), .text(asOf.description), .text(facts)])
        let id = db.lastInsertRowID
        try db.execute("BEGIN IMMEDIATE")
        return id
    }

    /// One record's decisions.
    public func record(run: Int64, recordNumber: Int, key: String?, decisions: [Decision]) throws {
        for d in decisions {
            try insertDecision.run([
                .integer(run), .integer(Int64(recordNumber)), key.map(Statement.Binding.text) ?? .null, .text(d.rule),
                .text(d.kind), .text(d.outcome), d.value.map(Statement.Binding.text) ?? .null,
                d.explanation.map(Statement.Binding.text) ?? .null,
                d.missing.isEmpty ? .null : .text(d.missing.joined(separator: ", ")),
            ])
        }
        pending += 1
        if pending >= 1_000 {
            try db.execute("COMMIT; BEGIN IMMEDIATE")
            pending = 0
        }
    }

    /// Closes the run with its counts.
    public func finishRun(_ run: Int64, records: Int, rejected: Int) throws {
        try db.execute("COMMIT")
        pending = 0
        try db.prepare("UPDATE runs SET finished_at = strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), records = ?, rejected = ? WHERE id = ?")
            .run([.integer(Int64(records)), .integer(Int64(rejected)), .integer(run)])
    }

    /// The runs, newest first, with the number of fired indicators in each.
    public func runs() throws -> [RunSummary] {
        try db.prepare("""
            SELECT r.id, r.started_at, r.rule_set_hash, r.as_of, r.facts, r.records, r.rejected,
                   (SELECT count(*) FROM decisions d WHERE d.run_id = r.id AND d.outcome = 'fired')
            FROM runs r ORDER BY r.id DESC
            """).rows().map { row in
            RunSummary(id: Int64(row[0] ?? "0") ?? 0, startedAt: row[1] ?? "", ruleSetHash: row[2] ?? "", asOf: row[3] ?? "",
                       facts: row[4] ?? "", records: Int(row[5] ?? "0") ?? 0, rejected: Int(row[6] ?? "0") ?? 0,
                       fired: Int(row[7] ?? "0") ?? 0)
        }
    }

    /// Decisions of one run for one rule and outcome (e.g. every employer where an indicator fired).
    public func decisions(run: Int64, rule: String, outcome: String) throws -> [(recordNumber: Int, key: String?, explanation: String?)] {
        try db.prepare("""
            SELECT record_number, record_key, explanation FROM decisions
            WHERE run_id = ? AND rule = ? AND outcome = ? ORDER BY record_number
            """).rows([.integer(run), .text(rule), .text(outcome)]).map { row in
            (Int(row[0] ?? "0") ?? 0, row[1] ?? nil, row[2] ?? nil)
        }
    }
}

/// One rule's decision for one record, as stored.
public struct Decision: Sendable {
    public let rule: String
    public let kind: String
    public let outcome: String
    public let value: String?
    public let explanation: String?
    public let missing: [String]

    public init(rule: String, kind: String, outcome: String, value: String?, explanation: String?, missing: [String]) {
        self.rule = rule
        self.kind = kind
        self.outcome = outcome
        self.value = value
        self.explanation = explanation
        self.missing = missing
    }
}

/// A run as listed.
public struct RunSummary: Sendable {
    public let id: Int64
    public let startedAt: String
    public let ruleSetHash: String
    public let asOf: String
    public let facts: String
    public let records: Int
    public let rejected: Int
    public let fired: Int
}
