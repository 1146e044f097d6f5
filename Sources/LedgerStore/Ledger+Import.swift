import Foundation
import GRDB
import LedgerModel

/// The outcome of an import of measures.
public struct ImportSummary: Sendable, Hashable {
    /// Data rows read (blank lines aside).
    public let rows: Int
    /// New measures appended.
    public let recorded: Int
    /// Rows identical to a measure already in force (or to an earlier row), skipped.
    public let duplicates: Int
    /// Sequence numbers of the first and last event appended, when any.
    public let firstSeq: Int64?
    public let lastSeq: Int64?
    /// SHA-256 of the file.
    public let fileSHA256: String
    /// True when nothing was written because it was a dry run.
    public let dryRun: Bool
}

extension Ledger {
    /// The header of the measures CSV format, in order (`justification` is optional on import).
    public static let measureColumns = ["state", "obligation", "status", "effective_date", "title", "kind", "source", "note", "justification"]
    static let requiredMeasureColumns = Array(measureColumns.prefix(8))

    /// Page cache of an import, in KiB. Small on purpose: the rows are appended in key order and only the
    /// identity index is written at random, so a larger cache saves little time (a million rows took the
    /// same CPU time with 8 MiB as with 48 MiB) and costs its size in peak memory.
    static let importCacheKiB = 8 * 1024

    /// Page cache while a large import builds the deferred cell index, in KiB: SQLite's sort takes about
    /// as much memory again beside it, and sorts in more runs when it is small, at little cost.
    static let indexBuildCacheKiB = 2 * 1024

    /// Most bad rows an import lists before it stops collecting them.
    public static let importIssueLimit = 100

    /// Imports measures from a CSV file in one transaction: all rows or none. Rows identical to a
    /// measure in force are skipped, so importing the same file twice adds nothing. With `dryRun`
    /// everything is checked and counted, then rolled back.
    public func importMeasures(
        path: String, dryRun: Bool = false, actor: String, progress: (@Sendable (Int) -> Void)? = nil
    ) throws -> ImportSummary {
        let table = try CSVTable(path: path, required: Self.requiredMeasureColumns, optional: ["justification"])
        let file = table.file
        let fileBytes = table.reader.fileSize
        let catalogue = catalogue, states = states
        return try writeWithoutTransaction { db in
            // A larger page cache keeps the growing indexes in memory instead of re-reading them from the WAL.
            try db.execute(sql: "PRAGMA cache_size = -\(Self.importCacheKiB)")
            defer { try? db.execute(sql: "PRAGMA cache_size = -2000") }
            return try db.immediateTransaction(dryRun: dryRun) {
                // Two threads: the file is read, validated and turned into payloads on one (the parser's),
                // while this one writes the rows. Whatever fails, the parser is stopped before the
                // transaction ends (rolled back when this throws).
                let parser = MeasureFileParser(table: table, catalogue: catalogue, states: states, today: .utc())
                parser.start()
                defer { parser.stop() }
                // A large import into a smaller ledger builds the cell index once at the end instead of
                // inserting into it row by row; its definition is read back from the schema, not repeated here.
                let deferredIndex = try Self.deferCellIndex(db, fileBytes: fileBytes)
                var appender = try EventAppender(db, actor: actor, clock: clock)
                let projector = try Projector(db)
                var recorded = 0, duplicates = 0
                var firstSeq: Int64?
                while let batch = parser.next() {
                    for row in batch.rows {
                        let seq = appender.nextSeq
                        guard try projector.addMeasure(id: seq, row.fields, identity: row.identity, recordedAt: appender.recordedAt, actor: actor) else {
                            duplicates += 1
                            continue
                        }
                        try appender.append(.measureRecorded, text: row.payload)
                        firstSeq = firstSeq ?? seq
                        recorded += 1
                    }
                    if let progress, batch.rowsRead % 100_000 == 0 { progress(batch.rowsRead) }
                }
                let read = try parser.outcome()
                if !read.problems.isEmpty { throw read.problems.rejection(file: file) }
                if let deferredIndex {
                    // The index sort takes its memory beside the page cache: shrink the cache meanwhile.
                    try db.execute(sql: "PRAGMA cache_size = -\(Self.indexBuildCacheKiB)")
                    try db.execute(sql: deferredIndex)
                }
                for cell in read.cells { try projector.refreshCell(state: cell.state, obligation: cell.obligation) }
                let lastSeq = recorded > 0 ? appender.lastSeq : nil
                if recorded > 0 {
                    try appender.append(.importCompleted, .object([
                        "file": .string(file), "sha256": .string(read.sha256), "rows": .int(read.rows), "recorded": .int(recorded),
                        "duplicates": .int(duplicates), "first_seq": .int(Int(firstSeq!)), "last_seq": .int(Int(lastSeq!)),
                    ]))
                }
                return ImportSummary(
                    rows: read.rows, recorded: recorded, duplicates: duplicates, firstSeq: firstSeq, lastSeq: lastSeq,
                    fileSHA256: read.sha256, dryRun: dryRun)
            }
        }
    }

    /// Drops the cell index for the length of the transaction when the file likely holds more rows
    /// than the ledger has events; returns the SQL that recreates it.
    static func deferCellIndex(_ db: Database, fileBytes: Int) throws -> String? {
        let estimatedRows = fileBytes / 120
        let events = try Int.fetchOne(db, sql: "SELECT coalesce(max(seq), 0) FROM events") ?? 0
        guard estimatedRows > 50_000, estimatedRows > events,
            let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = 'measures_cell'")
        else { return nil }
        try db.execute(sql: "DROP INDEX measures_cell")
        return sql
    }
}
