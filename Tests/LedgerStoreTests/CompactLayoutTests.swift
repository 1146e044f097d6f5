import Foundation
import GRDB
import LedgerModel
@testable import LedgerStore
import LedgerTestSupport
import Testing

/// Migration v0011 stores hashes as 32-byte blobs without prev_hash and keeps a slim measures
/// projection: a ledger of the layout before it opens, migrates, shows the same events and
/// measures, and `verify` still names what was changed in it before or after.
@Suite struct CompactLayoutTests {
    /// A ledger with measures 2 to 6, evidence on 3, correction 7 of 4, retraction 8 of 5 and a checkpoint.
    static func ledger() throws -> TemporaryLedger {
        let temp = try TemporaryLedger()
        let ledger = temp.ledger
        _ = try ledger.recordMeasure(try temp.measure("FRA"), actor: "a")
        _ = try ledger.recordMeasure(
            try temp.measure("DEU", title: "EXAMPLE law with a file"),
            evidence: [EvidenceFile(filename: "law.pdf", content: Array("EXAMPLE evidence".utf8), documentDate: ISODate("2001-02-03"))], actor: "a")
        for state in ["ITA", "ESP", "PRT"] { _ = try ledger.recordMeasure(try temp.measure(state), actor: "a") }
        #expect(try ledger.correctMeasure(4, changes: ["status": "planned", "note": "corrected"], reason: nil, actor: "b") == 7)
        #expect(try ledger.retractMeasure(5, reason: "wrong State", actor: "b") == 8)
        _ = try ledger.recordCheckpoint(key: CheckpointKey(), actor: "a")
        #expect(try ledger.verify().isSound)
        return temp
    }

    /// Rewrites the ledger file into the layout of migration v0010 (hex hashes with prev_hash, the
    /// full measures projection whose last_seq is the retraction of a retracted measure), as the
    /// cpsledger before v0011 wrote it, and forgets v0011 (and v0012, whose views name the two tables:
    /// a table rename re-reads every view, so they go first; opening the file makes them again).
    static func downgrade(_ temp: TemporaryLedger, then tampering: String = "") throws {
        let queue = try DatabaseQueue(path: temp.path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: """
                DROP VIEW current_status; DROP VIEW measures_in_force; DROP VIEW status_as_of;
                DROP VIEW search_measures; DROP VIEW search_assessments; DROP VIEW search_states; DROP VIEW search_obligations;
                DROP TABLE search_index;
                CREATE TABLE old_events (
                    seq INTEGER PRIMARY KEY CHECK (seq > 0), recorded_at TEXT NOT NULL, actor TEXT NOT NULL, kind TEXT NOT NULL,
                    payload TEXT NOT NULL, prev_hash TEXT NOT NULL, hash TEXT NOT NULL);
                INSERT INTO old_events
                SELECT seq, recorded_at, actor, kind, payload,
                       CASE WHEN seq = 1 THEN '\(EventHasher.genesis)' ELSE lower(hex(LAG(hash) OVER (ORDER BY seq))) END,
                       lower(hex(hash))
                FROM events;
                CREATE TABLE old_measures (
                    id INTEGER PRIMARY KEY, state TEXT NOT NULL, obligation TEXT NOT NULL, status TEXT NOT NULL,
                    effective_date TEXT NOT NULL, title TEXT, kind TEXT, source TEXT, note TEXT, justification TEXT,
                    evidence TEXT NOT NULL DEFAULT '[]', identity BLOB NOT NULL, recorded_at TEXT NOT NULL, actor TEXT NOT NULL,
                    last_seq INTEGER NOT NULL, retracted_seq INTEGER);
                INSERT INTO old_measures
                SELECT m.id, m.state, m.obligation, m.status, m.effective_date, json_extract(v.payload, '$.title'),
                       json_extract(v.payload, '$.kind'), json_extract(v.payload, '$.source'), json_extract(v.payload, '$.note'),
                       json_extract(v.payload, '$.justification'), coalesce(json_extract(v.payload, '$.evidence'), '[]'), m.identity,
                       r.recorded_at, r.actor, coalesce(m.retracted_seq, m.last_seq), m.retracted_seq
                FROM measures m JOIN events v ON v.seq = m.last_seq JOIN events r ON r.seq = m.id;
                DROP TABLE events; DROP TABLE events_unchained; DROP TABLE measures;
                ALTER TABLE old_events RENAME TO events;
                ALTER TABLE old_measures RENAME TO measures;
                CREATE VIEW current_status AS SELECT * FROM cells;
                CREATE VIEW measures_in_force AS SELECT * FROM measures WHERE retracted_seq IS NULL;
                CREATE VIEW status_as_of AS SELECT * FROM measures;
                DELETE FROM grdb_migrations WHERE identifier IN ('v0011_compact', 'v0012_search');
                """)
            if !tampering.isEmpty { try db.execute(sql: tampering) }
        }
    }

    @Test func aLedgerOfTheEarlierLayoutMigratesWithTheSameEventsAndMeasuresAndIsSound() throws {
        let temp = try Self.ledger()
        let events = try temp.ledger.events(after: 0, limit: 100)
        let measures = try temp.ledger.measures(includeRetracted: true)
        let cells = try temp.ledger.cellStatuses()
        try Self.downgrade(temp)
        let old = try DatabaseQueue(path: temp.path)
        #expect(try old.read { db in try String.fetchOne(db, sql: "SELECT typeof(hash) FROM events WHERE seq = 2") } == "text")
        let migrated = try Ledger.open(path: temp.path)
        #expect(try migrated.events(after: 0, limit: 100) == events)
        #expect(try migrated.measures(includeRetracted: true) == measures)
        #expect(try migrated.measures(includeRetracted: true).first { $0.id == 5 }?.lastSeq == 8)  // the retraction
        #expect(try migrated.cellStatuses() == cells)
        let report = try migrated.verify()
        #expect(report.isSound, "\(report.problems)")
        #expect(report.checkpointsChecked == 1)
        let layout = try old.read { db in
            (try Row.fetchAll(db, sql: "SELECT DISTINCT typeof(hash), length(hash) FROM events").map { "\($0[0] as String) \($0[1] as Int)" },
             try db.columns(in: "events").map(\.name), try db.columns(in: "measures").map(\.name))
        }
        #expect(layout.0 == ["blob 32"])
        #expect(try old.read { db in try Int.fetchOne(db, sql: "PRAGMA freelist_count") } == 0)  // the old tables' pages are given back
        #expect(!layout.1.contains("prev_hash"))
        #expect(layout.2 == ["id", "state", "obligation", "status", "effective_date", "identity", "test_data", "last_seq", "retracted_seq"])
        // Migration v0012 indexes the measures in force for search (measure 5 was retracted).
        #expect(try migrated.search(SearchQuery("example law", limit: 10)).filter { $0.kind == .measure }.map(\.key).sorted() == ["2", "3", "4", "6"])
        // A new event chains to the migrated head.
        _ = try migrated.recordMeasure(try temp.measure("AUT"), actor: "a")
        #expect(try migrated.verify().isSound)
    }

    @Test(arguments: [
        // The measures row of an old ledger edited: the migration keeps the edit, verify names it.
        ("UPDATE measures SET status = 'partial' WHERE id = 2", Int64(2), "measures projection"),
        // An old ledger's prev_hash that does not chain: kept apart, still named.
        ("UPDATE events SET prev_hash = '\(String(repeating: "1", count: 64))' WHERE seq = 3", Int64(3), "does not chain"),
        // An old ledger's hash edited (even only in case): it no longer matches.
        ("UPDATE events SET hash = upper(hash) WHERE seq = 4", Int64(4), "was altered"),
        ("UPDATE events SET hash = 'not a hash' WHERE seq = 4", Int64(4), "was altered"),
    ])
    func aChangeMadeToALedgerOfTheEarlierLayoutIsNamedAfterTheMigration(sql: String, bad: Int64, words: String) throws {
        let temp = try Self.ledger()
        try Self.downgrade(temp, then: "DROP TRIGGER IF EXISTS events_reject_update; " + sql)
        let report = try Ledger.open(path: temp.path).verify()
        #expect(report.firstBadSeq == bad, "\(report.problems)")
        #expect(report.problems.contains { $0.contains(words) }, "\(report.problems)")
    }

    @Test(arguments: [
        ("UPDATE events SET hash = zeroblob(32) WHERE seq = 4", Int64(4)),
        ("UPDATE events SET hash = substr(hash, 1, 31) WHERE seq = 4", Int64(4)),
        ("UPDATE events SET hash = lower(hex(hash)) WHERE seq = 4", Int64(4)),  // the same hash, as text
        ("UPDATE measures SET identity = zeroblob(16) WHERE id = 3", Int64(3)),
        ("UPDATE measures SET test_data = 0 WHERE id = 3", Int64(3)),  // its title starts with EXAMPLE
        ("UPDATE measures SET state = 'AUT' WHERE id = 6", Int64(6)),
        ("UPDATE measures SET obligation = 'art8.bank-secrecy' WHERE id = 6", Int64(6)),
        ("UPDATE measures SET effective_date = '1999-01-01' WHERE id = 6", Int64(6)),
        ("UPDATE measures SET last_seq = 2 WHERE id = 6", Int64(6)),
        ("UPDATE measures SET last_seq = 4 WHERE id = 4", Int64(4)),  // hides correction 7: cell 4's version is wrong
        ("UPDATE measures SET retracted_seq = 6 WHERE id = 6", Int64(6)),
        ("""
         INSERT INTO measures (id, state, obligation, status, effective_date, identity, test_data, last_seq)
         VALUES (100, 'AUT', 'art8.record-keeping', 'implemented', '2001-01-01', zeroblob(16), 0, 2)
         """, Int64(100)),
    ])
    func aChangedHashOrMeasuresRowOfTheCompactLayoutIsNamed(sql: String, bad: Int64) throws {
        let temp = try Self.ledger()
        let queue = try DatabaseQueue(path: temp.path)
        try queue.writeWithoutTransaction { db in try db.execute(sql: "DROP TRIGGER events_reject_update; " + sql) }
        let report = try temp.ledger.verify()
        #expect(report.firstBadSeq == bad, "\(report.problems)")
    }
}
