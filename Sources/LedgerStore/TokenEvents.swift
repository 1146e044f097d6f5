import Foundation
import GRDB
import LedgerModel

/// The tokens as the chain vouches for them: replayed from `token.created` and `token.revoked`
/// events, the only source the server trusts and the standard `verify` holds the tokens table to.
enum TokenEvents {
    /// One token as its events describe it.
    struct Vouched: Equatable {
        let record: TokenRecord
        let sha256: String
        let createdSeq: Int64
        var revokedAt: String?
        var revokedSeq: Int64?
    }

    /// The payload of a `token.created` event.
    static func created(_ record: TokenRecord, sha256: String) -> JSONValue {
        var members: [String: JSONValue] = [
            "id": .int(Int(record.id)), "name": .string(record.name), "role": .string(record.role.rawValue),
            "sha256": .string(sha256), "created_at": .string(record.createdAt),
        ]
        if let state = record.state { members["state"] = .string(state) }
        return .object(members)
    }

    /// The token events, oldest first (through the partial index of migration v0005).
    static func events(_ db: Database) throws -> [(seq: Int64, kind: String, payload: String, recordedAt: String)] {
        try Row.fetchAll(db, sql: """
            SELECT seq, kind, payload, recorded_at FROM events
            WHERE kind IN ('token.created', 'token.revoked', 'checkpoint.recorded', 'reference_data.recorded')
            AND kind IN ('token.created', 'token.revoked') ORDER BY seq
            """).map { ($0["seq"], $0["kind"], $0["payload"], $0["recorded_at"]) }
    }

    /// Every token the chain vouches for, by id.
    static func vouched(_ db: Database) throws -> [Int64: Vouched] {
        var result: [Int64: Vouched] = [:]
        for event in try events(db) { _ = apply(&result, seq: event.seq, kind: event.kind, payload: event.payload, recordedAt: event.recordedAt) }
        return result
    }

    /// True when event `seq` matches its hash, which commits to the stored hash of the event before
    /// it (since v0011 `prev_hash` is that hash, read from the row before: comparing the two again
    /// could not fail). A cheap check of the one event that vouches for a token; `verify` checks the
    /// whole chain.
    static func isChained(_ db: Database, seq: Int64) throws -> Bool {
        guard let event = try Row.fetchOne(db, sql: "SELECT \(Ledger.eventColumns) FROM events WHERE seq = ?", arguments: [seq]) else { return false }
        let stored = Ledger.event(event)
        return EventHasher.hash(prev: stored.prevHash, seq: seq, recordedAt: stored.recordedAt, actor: stored.actor, kind: stored.kind, payload: stored.payload)
            == stored.hash
    }

    /// Applies one token event; returns a sentence when the event does not make sense.
    static func apply(_ tokens: inout [Int64: Vouched], seq: Int64, kind: String, payload: String, recordedAt: String) -> String? {
        guard let object = try? JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any],
            let id = (object["id"] as? NSNumber)?.int64Value, let name = object["name"] as? String
        else { return "Event \(seq) (\(kind)) has a payload that does not name a token id and name." }
        if kind == EventKind.tokenCreated.rawValue {
            guard let roleText = object["role"] as? String, let role = Role(rawValue: roleText), let sha = object["sha256"] as? String,
                let createdAt = object["created_at"] as? String
            else { return "Event \(seq) creates token \(id) with a payload lacking its role, SHA-256 or time." }
            if tokens[id] != nil { return "Event \(seq) creates token \(id), which event \(tokens[id]!.createdSeq) created already." }
            let record = TokenRecord(id: id, name: name, role: role, state: object["state"] as? String, createdAt: createdAt, revokedAt: nil)
            tokens[id] = Vouched(record: record, sha256: sha, createdSeq: seq)
        } else {
            guard tokens[id] != nil else { return "Event \(seq) revokes token \(id), which no earlier event created." }
            if tokens[id]!.revokedAt == nil {
                tokens[id]!.revokedAt = (object["revoked_at"] as? String) ?? recordedAt
                tokens[id]!.revokedSeq = seq
            }
        }
        return nil
    }

    /// Records a `token.created` event (and a `token.revoked` one when revoked) for every token of a
    /// ledger made before tokens were events. Runs once, inside migration v0005: the rows a ledger
    /// holds at that moment are adopted as they are (review `cpsledger token list` after upgrading);
    /// any row added later without its event is named by `verify` and refused by the server.
    static func recordExisting(_ db: Database) throws {
        let rows = try TokenRow.fetchAllChecked(db, TokenRow.order(TokenRow.Columns.id))
        guard !rows.isEmpty else { return }
        // Migrations run before the ledger's own clock is at hand: this machine's, under the same rules.
        // The log's tree is built by v0016 from every event before it: before that, there is none to grow.
        var appender = try EventAppender(db, actor: "cpsledger migration v0005", clock: LedgerClock(), growsTree: db.tableExists("log_subtrees"))
        for row in rows {
            let record = row.record
            var payload = created(record, sha256: row.sha256)
            if case .object(var members) = payload {
                members["migrated"] = .bool(true)
                payload = .object(members)
            }
            try appender.append(.tokenCreated, payload)
            if let revokedAt = record.revokedAt {
                try appender.append(.tokenRevoked, .object(["id": .int(Int(record.id)), "name": .string(record.name), "revoked_at": .string(revokedAt)]))
            }
        }
    }
}
