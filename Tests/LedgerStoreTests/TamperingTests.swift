import Foundation
import GRDB
import LedgerModel
@testable import LedgerStore
import LedgerTestSupport
import Testing

/// Each test changes a ledger file the way someone with write access to it could (a raw SQLite
/// connection, as sqlite3 or a disk editor would), and shows `verify` naming the change: the first
/// bad sequence number, or the table.
@Suite struct TamperingTests {
    /// A ledger with two measures (one with an evidence file), an admin token and a revoked one.
    final class Fixture {
        let temporary: TemporaryLedger
        var ledger: Ledger { temporary.ledger }
        let evidenceMeasure: Int64
        let admin: (token: String, record: TokenRecord)
        let revoked: (token: String, record: TokenRecord)
        let revokedSeq: Int64

        init() throws {
            temporary = try TemporaryLedger()
            let ledger = temporary.ledger
            _ = try ledger.recordMeasure(try temporary.measure("FRA"), actor: "test")
            evidenceMeasure = try #require(try ledger.recordMeasure(
                try temporary.measure("DEU"), evidence: [EvidenceFile(filename: "law.pdf", content: Array("EXAMPLE evidence".utf8), documentDate: nil)],
                actor: "test").seq)
            admin = try ledger.createToken(name: "Admin (test)", role: .admin, state: nil)
            revoked = try ledger.createToken(name: "Former editor (test)", role: .editor, state: nil)
            #expect(try ledger.revokeToken(id: revoked.record.id))
            revokedSeq = try ledger.headSeq()
        }

        /// Runs SQL on the file through a connection of its own, as sqlite3 would.
        func tamper(_ sql: String) throws {
            let queue = try DatabaseQueue(path: temporary.path)
            try queue.writeWithoutTransaction { db in try db.execute(sql: sql) }
        }

        /// The head, as someone noting it down (or a checkpoint) would keep it.
        func head() throws -> ExpectedHead {
            let event = try #require(try ledger.events(after: try ledger.headSeq() - 1, limit: 1).first)
            return ExpectedHead(seq: event.seq, hash: event.hash, origin: "the test's checkpoint")
        }
    }

    @Test func anUntouchedLedgerIsSoundWithItsTokensEvidenceAndCheckpoint() throws {
        let fixture = try Fixture()
        let checkpoint = try fixture.ledger.recordCheckpoint(key: CheckpointKey(), actor: "test")
        let report = try fixture.ledger.verify(expecting: [try fixture.head()])
        #expect(report.isSound, "\(report.problems)")
        #expect(report.evidenceChecked == 1)
        #expect(report.checkpointsChecked == 2)  // the checkpoint event and the expected head
        #expect(try fixture.ledger.authenticate(token: fixture.admin.token)?.id == fixture.admin.record.id)
        #expect(try fixture.ledger.authenticate(token: fixture.revoked.token) == nil)
        #expect(checkpoint.isValid())
    }

    @Test func deletingTheLastEventsIsFoundAgainstACheckpoint() throws {
        let fixture = try Fixture()
        let anchor = try fixture.head()
        // Remove the tail (the revocation and the token before it), rebuild, restore the trigger.
        try fixture.tamper("""
            DROP TRIGGER events_reject_delete;
            DELETE FROM events WHERE seq >= \(fixture.revokedSeq - 1);
            """)
        try fixture.ledger.rebuild()
        try fixture.tamper("""
            CREATE TRIGGER events_reject_delete BEFORE DELETE ON events
            BEGIN
                SELECT RAISE(ABORT, 'events are append-only: DELETE is not allowed (record a retraction instead)');
            END;
            """)
        // Consistent with itself: without an anchor, nothing can tell.
        #expect(try fixture.ledger.verify().isSound)
        let report = try fixture.ledger.verify(expecting: [anchor])
        #expect(!report.isSound)
        #expect(report.firstBadSeq == fixture.revokedSeq - 1)
        #expect(report.problems.contains { $0.contains("names event \(anchor.seq)") && $0.contains("removed") }, "\(report.problems)")
    }

    @Test func aRewrittenAndRehashedChainIsFoundAgainstACheckpoint() throws {
        let fixture = try Fixture()
        let anchor = try fixture.head()
        // Delete the first measure's event, renumber the rest, recompute every hash, rebuild.
        let events = try fixture.ledger.events(after: 0, limit: 1000)
        try fixture.tamper("DROP TRIGGER events_reject_delete; DROP TRIGGER events_reject_update; DELETE FROM events;")
        let queue = try DatabaseQueue(path: fixture.temporary.path)
        try queue.write { db in
            var previous = EventHasher.genesis
            var seq: Int64 = 0
            for event in events where event.kind != EventKind.measureRecorded.rawValue || event.seq == fixture.evidenceMeasure {
                seq += 1
                let payload = event.payload
                let hash = EventHasher.hash(prev: previous, seq: seq, recordedAt: event.recordedAt, actor: event.actor, kind: event.kind, payload: payload)
                try db.execute(
                    sql: "INSERT INTO events (seq, recorded_at, actor, kind, payload, hash) VALUES (?, ?, ?, ?, ?, ?)",
                    arguments: [seq, event.recordedAt, event.actor, event.kind, payload, EventHasher.blob(ofHex: hash)])
                previous = hash
            }
        }
        try fixture.ledger.rebuild()
        let report = try fixture.ledger.verify(expecting: [anchor])
        #expect(!report.isSound)
        #expect(report.problems.contains { $0.contains("the test's checkpoint") }, "\(report.problems)")
        // The chain itself is consistent again; only the anchor tells.
        #expect(!report.problems.contains { $0.contains("does not chain") || $0.contains("was altered") })
    }

    @Test(arguments: [
        ("UPDATE states SET member = 0, regional_group = NULL WHERE iso3 = 'FRA'", "states"),
        ("UPDATE obligations SET kind = 'safeguard' WHERE id = 'art8.record-keeping'", "obligations"),
        ("UPDATE treaties SET entry_into_force = '2001-01-01' WHERE untc = 'VI-19'", "treaties"),
        ("INSERT INTO state_aliases (alias, iso3) VALUES ('Gaul', 'FRA')", "state_aliases"),
    ])
    func editingAReferenceTableIsNamed(sql: String, table: String) throws {
        let fixture = try Fixture()
        try fixture.tamper(sql)
        let report = try fixture.ledger.verify()
        #expect(!report.isSound)
        #expect(report.problems == ["The \(table) table differs from the digest recorded by the creation event: reference data was edited behind the ledger's back, and every report reads it."])
    }

    @Test func deletingAnEvidenceRowIsNamedAndStopsTheExport() throws {
        let fixture = try Fixture()
        try fixture.tamper("DELETE FROM evidence")
        let report = try fixture.ledger.verify()
        #expect(!report.isSound)
        #expect(report.firstBadSeq == fixture.evidenceMeasure)
        #expect(report.problems.contains { $0.contains("names evidence file 'law.pdf'") && $0.contains("its row was deleted") }, "\(report.problems)")
        let directory = fixture.temporary.directory.appendingPathComponent("evidence").path
        #expect(throws: LedgerError.self) { try fixture.ledger.exportEvidence(to: directory) }
        do {
            _ = try fixture.ledger.exportEvidence(to: directory)
        } catch let error as LedgerError {
            #expect(error.description.contains("Measure \(fixture.evidenceMeasure) names evidence file 'law.pdf'"))
        }
    }

    @Test func aTokenRowInsertedByHandIsNamedAndRefused() throws {
        let fixture = try Fixture()
        let forged = "cpl_" + String(repeating: "ab", count: 32)
        try fixture.tamper("INSERT INTO tokens (name, role, sha256, created_at) VALUES ('Intruder', 'admin', '\(Ledger.tokenHash(forged))', '2026-11-29T00:00:00.000Z')")
        #expect(try fixture.ledger.authenticate(token: forged) == nil)
        let report = try fixture.ledger.verify()
        #expect(!report.isSound)
        #expect(report.problems.contains { $0.contains("of the tokens table ('Intruder') has no token.created event") }, "\(report.problems)")
    }

    @Test func aTokenEventAppendedWithAWrongHashGrantsNothing() throws {
        let fixture = try Fixture()
        let forged = "cpl_" + String(repeating: "ef", count: 32)
        let head = try fixture.head()
        let payload = #"{"created_at":"2026-11-29T00:00:00.000Z","id":9,"name":"Intruder","role":"admin","sha256":"\#(Ledger.tokenHash(forged))"}"#
        try fixture.tamper("""
            INSERT INTO events (seq, recorded_at, actor, kind, payload, hash)
            VALUES (\(head.seq + 1), '2026-11-29T00:00:00.000Z', 'cpsledger', 'token.created', '\(payload)', zeroblob(32));
            INSERT INTO tokens (id, name, role, sha256, created_at) VALUES (9, 'Intruder', 'admin', '\(Ledger.tokenHash(forged))', '2026-11-29T00:00:00.000Z');
            """)
        #expect(try fixture.ledger.authenticate(token: forged) == nil)
        let report = try fixture.ledger.verify()
        #expect(report.firstBadSeq == head.seq + 1)
        #expect(report.problems.first == "Event \(head.seq + 1) was altered: its content does not match its hash.")
    }

    @Test func clearingRevokedAtIsNamedAndTheTokenStaysRefused() throws {
        let fixture = try Fixture()
        try fixture.tamper("UPDATE tokens SET revoked_at = NULL")
        #expect(try fixture.ledger.authenticate(token: fixture.revoked.token) == nil)
        let report = try fixture.ledger.verify()
        #expect(!report.isSound)
        #expect(report.firstBadSeq == fixture.revokedSeq)
        #expect(report.problems.contains { $0.contains("was revoked by event \(fixture.revokedSeq)") && $0.contains("revoked_at was cleared") })
    }

    @Test func tokenNamesAreUniqueAndEventsNameTheTokensId() throws {
        let fixture = try Fixture()
        #expect(throws: LedgerError.self) { try fixture.ledger.createToken(name: "Admin (test)", role: .reviewer, state: nil) }
        #expect(fixture.admin.record.actor == "Admin (test)#\(fixture.admin.record.id)")
        let created = try fixture.ledger.events(after: 0, limit: 1000).filter { $0.kind == "token.created" }
        #expect(created.count == 2)
        #expect(created[0].payload.contains(#""id":\#(fixture.admin.record.id)"#) && created[0].payload.contains(#""role":"admin""#))
        #expect(!created[0].payload.contains(fixture.admin.token))
    }

    @Test(arguments: [
        ("DROP TRIGGER events_reject_delete", "trigger events_reject_delete"),
        ("DROP TRIGGER events_reject_update", "trigger events_reject_update"),
        ("DROP VIEW current_status", "view current_status"),
        ("DROP VIEW status_as_of; CREATE VIEW status_as_of AS SELECT 1 AS state", "view status_as_of"),
        ("CREATE INDEX sneaky ON measures(test_data)", "index sneaky"),
    ])
    func changingASchemaObjectIsNamed(sql: String, object: String) throws {
        let fixture = try Fixture()
        try fixture.tamper(sql)
        let report = try fixture.ledger.verify()
        #expect(!report.isSound)
        #expect(report.problems.count == 1 && report.problems[0].contains("The \(object) "), "\(report.problems)")
    }

    @Test func whenTheChainBreaksTheOtherChecksStillRunAndReport() throws {
        let fixture = try Fixture()
        try fixture.tamper("""
            DROP TRIGGER events_reject_update;
            UPDATE events SET actor = 'someone else' WHERE seq = 2;
            CREATE TRIGGER events_reject_update BEFORE UPDATE ON events
            BEGIN
                SELECT RAISE(ABORT, 'events are append-only: UPDATE is not allowed (record a correction instead)');
            END;
            UPDATE cells SET status = 'no_measures' WHERE state = 'DEU';
            UPDATE states SET member = 0 WHERE iso3 = 'FRA';
            """)
        let report = try fixture.ledger.verify()
        #expect(report.firstBadSeq == 2)
        #expect(report.problems.first == "Event 2 was altered: its content does not match its hash.")
        #expect(report.problems.contains { $0.contains("current status of DEU × art8.record-keeping") }, "\(report.problems)")
        #expect(report.problems.contains { $0.contains("The states table differs") })
    }

    @Test func aCheckpointProvesOnlyWithItsKeyAndItsExactContent() throws {
        let key = CheckpointKey(), other = CheckpointKey()
        let checkpoint = try key.sign(seq: 7, hash: String(repeating: "a", count: 64), time: "2026-11-29T12:00:00.000Z")
        #expect(checkpoint.isValid())
        #expect(checkpoint.isValid(trustedKey: key.publicKey))
        #expect(!checkpoint.isValid(trustedKey: other.publicKey))
        let moved = Checkpoint(seq: 8, hash: checkpoint.hash, time: checkpoint.time, publicKey: checkpoint.publicKey, signature: checkpoint.signature)
        #expect(!moved.isValid())
        let roundTrip = try Checkpoint.decode(Data(checkpoint.json.canonicalText.utf8))
        #expect(roundTrip == checkpoint)
    }

    @Test func tokensOfALedgerFromBeforeTokenEventsAreRecordedOnceOnUpgrade() throws {
        let temporary = try TemporaryLedger()
        let path = temporary.path
        // Make the file look like one written before migration v0005: token rows, no token events.
        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in
            try db.execute(sql: """
                DROP INDEX tokens_name; DROP INDEX events_trust; DELETE FROM grdb_migrations WHERE identifier = 'v0005_trust';
                INSERT INTO tokens (name, role, sha256, created_at) VALUES ('Old admin', 'admin', '\(Ledger.tokenHash("cpl_old"))', '2025-01-01T00:00:00.000Z');
                INSERT INTO tokens (name, role, sha256, created_at) VALUES ('Old admin', 'editor', '\(Ledger.tokenHash("cpl_twin"))', '2025-01-02T00:00:00.000Z');
                """)
        }
        let upgraded = try Ledger.open(path: path, actor: "test", withStatusData: false)
        #expect(try upgraded.tokens().map(\.name) == ["Old admin", "Old admin #2"])
        #expect(try upgraded.authenticate(token: "cpl_old")?.role == .admin)
        #expect(try upgraded.verify().isSound)
        let again = try Ledger.open(path: path, actor: "test", withStatusData: false)
        #expect(try again.events(after: 0, limit: 100).filter { $0.kind == "token.created" }.count == 2)
    }
}
