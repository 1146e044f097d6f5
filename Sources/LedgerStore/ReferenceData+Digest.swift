import Foundation
import GRDB
import LedgerFixtures
import LedgerModel

/// The digest of each reference table, so that `verify` can tell when one was edited behind the
/// ledger's back (France made a non-member, an obligation's kind changed, a treaty's date moved).
///
/// A table's digest is the SHA-256 of its canonical text: the column names as a JSON array, then
/// each row (in primary-key order) as a JSON array of its values, one line each.
extension ReferenceData {
    /// The reference tables and the key their rows are ordered by.
    static let tables: [(name: String, key: String)] = [
        ("obligations", "id"), ("states", "iso3"), ("state_aliases", "alias"), ("treaties", "id"),
    ]

    /// The digest of each reference table as the database holds it now.
    static func digests(_ db: Database) throws -> [String: String] {
        var result: [String: String] = [:]
        for table in tables {
            var text: [UInt8] = []
            // The treaties a ledger added itself are projections of their events, checked against them instead.
            let added = table.name == "treaties" ? " WHERE id NOT IN (SELECT treaty FROM treaty_additions)" : ""
            let cursor = try Row.fetchCursor(db, sql: "SELECT * FROM \(table.name)\(added) ORDER BY \(table.key)")
            var wroteHeader = false
            while let row = try cursor.next() {
                if !wroteHeader {
                    JSONValue.array(row.columnNames.map { .string($0) }).write(into: &text)
                    wroteHeader = true
                }
                text.append(0x0A)
                JSONValue.array(row.databaseValues.map(Self.json)).write(into: &text)
            }
            result[table.name] = EventHasher.sha256Hex(Data(text))
        }
        return result
    }

    /// A stored value as the digests and revision events write it.
    static func json(_ value: DatabaseValue) -> JSONValue {
        switch value.storage {
        case .null: return .null
        case .int64(let number): return .int(Int(number))
        case .double(let number): return .string(String(number))
        case .string(let text): return .string(text)
        case .blob(let data): return .string("x'" + EventHasher.hex(data) + "'")
        }
    }

    /// The digests of the tables a new ledger gets from the fixtures embedded in this build.
    static func embeddedDigests(catalogue: Catalogue, states: StateDirectory, treaties: TreatyCatalogue) throws -> [String: String] {
        let queue = try DatabaseQueue()
        try Ledger.migrator.migrate(queue)
        return try queue.write { db in
            try load(catalogue: catalogue, states: states, treaties: treaties, into: db, actor: "digest", clock: LedgerClock())
            return try digests(db)
        }
    }

    /// Where the expected digests of a ledger come from, and the event that holds them.
    struct Expectation {
        let digests: [String: String]
        let seq: Int64
        let basis: String
    }

    /// The digests the ledger vouches for: those of its latest `reference_data.recorded` event, else
    /// those its creation event recorded, else (a ledger created before tables were hashed) those of
    /// this build's fixtures when the creation event names the same fixture digests; nil when none.
    static func expectation(
        _ db: Database, catalogue: Catalogue, states: StateDirectory, treaties: TreatyCatalogue
    ) throws -> Expectation? {
        if let row = try Row.fetchOne(db, sql: """
            SELECT seq, payload FROM events WHERE kind IN ('token.created', 'token.revoked', 'checkpoint.recorded', 'reference_data.recorded')
            AND kind = 'reference_data.recorded' ORDER BY seq DESC LIMIT 1
            """),
            let tables = try tables(in: row["payload"], key: "tables_sha256")
        {
            return Expectation(digests: tables, seq: row["seq"], basis: "reference_data.recorded event \(row["seq"] as Int64)")
        }
        guard let creation = try String.fetchOne(db, sql: "SELECT payload FROM events WHERE seq = 1") else { return nil }
        if let tables = try tables(in: creation, key: "tables_sha256") {
            return Expectation(digests: tables, seq: 1, basis: "the creation event")
        }
        guard let object = try JSONSerialization.jsonObject(with: Data(creation.utf8)) as? [String: Any],
            object["catalogue_sha256"] as? String == EventHasher.sha256Hex(LedgerFixtures.catalogueJSON),
            object["states_sha256"] as? String == EventHasher.sha256Hex(LedgerFixtures.statesJSON)
        else { return nil }
        return Expectation(
            digests: try embeddedDigests(catalogue: catalogue, states: states, treaties: treaties), seq: 1,
            basis: "the embedded fixtures whose digests the creation event records")
    }

    private static func tables(in payload: String, key: String) throws -> [String: String]? {
        guard let object = try JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any] else { return nil }
        return object[key] as? [String: String]
    }

    /// For a ledger created before the reference tables were hashed: when its tables are exactly
    /// what the fixtures named by its creation event load, records their digests in a
    /// `reference_data.recorded` event, so later builds with other fixtures can still check them.
    /// Tables that differ are never recorded (that would launder an edit); `verify` names them.
    /// Whether ``adoptIfUnrecorded(_:catalogue:states:treaties:)`` might write: read first, so that
    /// opening a ledger to read it does not wait for the write lock behind a long import.
    static func mayAdopt(_ db: Database) throws -> Bool {
        guard try Int64.fetchOne(db, sql: """
            SELECT seq FROM events WHERE kind IN ('token.created', 'token.revoked', 'checkpoint.recorded', 'reference_data.recorded')
            AND kind = 'reference_data.recorded' LIMIT 1
            """) == nil,
            let creation = try String.fetchOne(db, sql: "SELECT payload FROM events WHERE seq = 1")
        else { return false }
        return try tables(in: creation, key: "tables_sha256") == nil
    }

    static func adoptIfUnrecorded(_ db: Database, catalogue: Catalogue, states: StateDirectory, treaties: TreatyCatalogue, clock: LedgerClock) throws {
        guard try Int64.fetchOne(db, sql: """
            SELECT seq FROM events WHERE kind IN ('token.created', 'token.revoked', 'checkpoint.recorded', 'reference_data.recorded')
            AND kind = 'reference_data.recorded' LIMIT 1
            """) == nil,
            let creation = try String.fetchOne(db, sql: "SELECT payload FROM events WHERE seq = 1"),
            try tables(in: creation, key: "tables_sha256") == nil,
            let expected = try expectation(db, catalogue: catalogue, states: states, treaties: treaties),
            try digests(db) == expected.digests
        else { return }
        var appender = try EventAppender(db, actor: "cpsledger", clock: clock)
        try appender.append(.referenceDataRecorded, .object([
            "tables_sha256": .object(expected.digests.mapValues { .string($0) }),
            "basis": .string("tables equal to the embedded fixtures the creation event names, recorded on upgrade"),
        ]))
    }
}
