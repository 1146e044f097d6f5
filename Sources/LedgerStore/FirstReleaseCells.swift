import GRDB
import LedgerSchema

/// The `cells` table of a ledger the first release wrote (commit 8e13c16). Its `v0001_ledger` had no
/// `version_seq` and `test_data` in `cells`: both were added to that shipped migration afterwards
/// (commit 1b85ce6) instead of in a new one, so such a ledger has `v0001_ledger` applied with the
/// table the current code cannot read. Before `v0003_views` reads the table, ``complete(_:)`` makes
/// it again as `v0001_ledger` now creates it, filled from the old rows and their measures.
enum FirstReleaseCells {
    /// Remakes `cells` with the columns it lacks, when it lacks them; otherwise does nothing.
    static func complete(_ db: Database) throws {
        let columns = try db.columns(in: "cells").map(\.name)
        guard !columns.contains("version_seq") else { return }
        let schema = LedgerSchema.migrations.first { $0.name == "v0001_ledger" }?.sql ?? ""
        guard let start = schema.range(of: "CREATE TABLE cells ("),
              let end = schema.range(of: ") WITHOUT ROWID;", range: start.upperBound..<schema.endIndex)
        else { throw DatabaseError(message: "v0001_ledger does not create the cells table") }
        try db.execute(sql: "ALTER TABLE cells RENAME TO cells_first_release")
        try db.execute(sql: String(schema[start.lowerBound..<end.upperBound]))
        // The version a cell counts is its measure's last_seq (the record or its latest correction:
        // a retracted measure holds no cell); test data is a title marked SYNTHETIC or EXAMPLE, as
        // the projector marks it.
        try db.execute(sql: """
            INSERT INTO cells (state, obligation, measure_id, version_seq, status, effective_date, test_data)
            SELECT c.state, c.obligation, c.measure_id, m.last_seq, c.status, c.effective_date,
                   coalesce(m.title, '') LIKE 'SYNTHETIC%' OR coalesce(m.title, '') LIKE 'EXAMPLE%'
            FROM cells_first_release c JOIN measures m ON m.id = c.measure_id;
            DROP TABLE cells_first_release;
            """)
    }
}
