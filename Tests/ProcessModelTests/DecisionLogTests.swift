import Foundation
import Testing

@testable import ProcessModel
@testable import RuleDSL

@Suite struct DatabaseTests {
    @Test func badSQLReportsTheCodeAndTheStatement() throws {
        let db = try Database(path: ":memory:")
        #expect(throws: DatabaseError.self) { try db.execute("CREATE TABLE") }
        do {
            try db.execute("SELECT * FROM nowhere")
            Issue.record("expected an error")
        } catch {
            #expect(error.sql == "SELECT * FROM nowhere")
            #expect(error.message.contains("no such table"))
            #expect(error.code != 0)
        }
    }

    @Test func transactionRollsBackWhenTheBodyThrows() throws {
        let db = try Database(path: ":memory:")
        try db.execute("CREATE TABLE t (x INTEGER)")
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try db.transaction {
                try db.prepare("INSERT INTO t VALUES (?)").run([.integer(1)])
                throw Stop()
            }
        }
        #expect(try db.prepare("SELECT count(*) FROM t").rows() == [["0"]])
        try db.transaction { try db.prepare("INSERT INTO t VALUES (?)").run([.integer(2)]) }
        #expect(try db.prepare("SELECT x FROM t").rows() == [["2"]])
    }

    @Test func migrationsApplyOnceAndAreRecorded() throws {
        let db = try Database(path: ":memory:")
        let migrator = Migrator([.init(name: "one", sql: "CREATE TABLE a (x)"), .init(name: "two", sql: "CREATE TABLE b (y)")])
        try migrator.migrate(db)
        try migrator.migrate(db)  // a second run must not try to create the tables again
        #expect(try db.prepare("SELECT name FROM schema_migrations ORDER BY name").rows() == [["one"], ["two"]])
    }

    @Test func textIsBoundAndReadBackExactly() throws {
        let db = try Database(path: ":memory:")
        try db.execute("CREATE TABLE t (s TEXT)")
        let text = "ООО «Ромашка» — 15 000,50 ₽; 'quotes' \"too\""
        try db.prepare("INSERT INTO t VALUES (?)").run([.text(text)])
        try db.prepare("INSERT INTO t VALUES (?)").run([.null])
        #expect(try db.prepare("SELECT s FROM t ORDER BY rowid").rows() == [[text], [nil]])
    }
}

@Suite struct DecisionLogTests {
    @Test func aRunRecordsEveryDecisionAndCanBeQueried() throws {
        let path = NSTemporaryDirectory() + "etalon-log-\(UUID().uuidString).sqlite"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let log = try DecisionLog(path: path)
        let run = try log.beginRun(ruleSetHash: "abc", ruleSetPaths: ["rules/x"], asOf: CivilDate(year: 2025, month: 6, day: 1)!,
                                   facts: "f.csv")
        for i in 1...2_500 {
            try log.record(run: Int64(run), recordNumber: i, key: "inn\(i)", decisions: [
                Decision(rule: "m.fires", kind: "indicator", outcome: i % 10 == 0 ? "fired" : "not_fired", value: i % 10 == 0 ? "1" : nil,
                         explanation: i % 10 == 0 ? "причина \(i)" : nil, missing: []),
                Decision(rule: "m.value", kind: "value", outcome: "undetermined", value: nil, explanation: nil, missing: ["a", "b"]),
            ])
        }
        try log.finishRun(run, records: 2_500, rejected: 3)
        let runs = try log.runs()
        #expect(runs.count == 1)
        #expect(runs[0].records == 2_500)
        #expect(runs[0].rejected == 3)
        #expect(runs[0].fired == 250)
        #expect(runs[0].asOf == "2025-06-01")
        let fired = try log.decisions(run: run, rule: "m.fires", outcome: "fired")
        #expect(fired.count == 250)
        #expect(fired.first?.key == "inn10")
        #expect(fired.first?.explanation == "причина 10")
        // Reopening the same file keeps the data and does not re-run migrations.
        let reopened = try DecisionLog(path: path)
        #expect(try reopened.runs().count == 1)
    }
}
