import GRDB

/// Edits a ledger file the way someone with the `sqlite3` shell would, not through the ledger: the
/// tampering that `verify` must find. The append-only triggers are dropped for the edit and put back
/// as they were, so what a test finds is the edit alone.
public enum BehindTheLedger {
    /// Runs `sql` on the file at `path` with the ledger's guard triggers (`*_reject_*`) out of the way.
    public static func edit(_ path: String, _ sql: String, arguments: StatementArguments = StatementArguments()) throws {
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            let guards = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE '%\\_reject\\_%' ESCAPE '\\'")
            for row in guards { try db.execute(sql: "DROP TRIGGER \"\(row["name"] as String)\"") }
            try db.execute(sql: sql, arguments: arguments)
            for row in guards { try db.execute(sql: row["sql"] as String) }
        }
    }
}
