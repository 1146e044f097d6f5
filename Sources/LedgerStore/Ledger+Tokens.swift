import Crypto
import Foundation
import GRDB
import LedgerModel

/// A server token as the ledger keeps it (never the token itself).
public struct TokenRecord: Sendable, Hashable, Encodable {
    public let id: Int64
    public let name: String
    public let role: Role
    /// The one State a focal point may write for.
    public let state: String?
    public let createdAt: String
    public let revokedAt: String?

    enum CodingKeys: String, CodingKey {
        case id, name, role, state
        case createdAt = "created_at", revokedAt = "revoked_at"
    }
}

extension Ledger {
    /// Creates a token and returns it with its record; only its SHA-256 is stored, so this is the
    /// only time the token can be seen.
    public func createToken(name: String, role: Role, state: String?) throws -> (token: String, record: TokenRecord) {
        let name = name.trimmingCharacters(in: .whitespaces)
        try Self.check(name, field: "name", rule: .name)
        guard !name.isEmpty else {
            throw LedgerError.invalid(ValidationFailure(issues: [FieldIssue(field: "name", value: "", message: "is required: it is recorded as the actor of every event written with the token")]))
        }
        if role == .focalPoint {
            guard let state, states[state] != nil else {
                throw LedgerError.invalid(ValidationFailure(issues: [FieldIssue(
                    field: "state", value: state ?? "", message: "a focal_point token needs the ISO3 code of its State",
                    suggestions: state.map { states.suggestions(for: $0) } ?? [])]))
            }
        } else if let state {
            throw LedgerError.invalid(ValidationFailure(issues: [FieldIssue(field: "state", value: state, message: "only a focal_point token is tied to a State")]))
        }
        var bytes = [UInt8](repeating: 0, count: 32)
        for index in bytes.indices { bytes[index] = UInt8.random(in: 0...255) }
        let token = "cpl_" + EventHasher.hex(bytes)
        let createdAt = Timestamp.now()
        let id = try pool.write { db -> Int64 in
            try db.execute(
                sql: "INSERT INTO tokens (name, role, state, sha256, created_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [name, role.rawValue, state, Self.tokenHash(token), createdAt])
            return db.lastInsertedRowID
        }
        return (token, TokenRecord(id: id, name: name, role: role, state: state, createdAt: createdAt, revokedAt: nil))
    }

    /// Every token, oldest first.
    public func tokens() throws -> [TokenRecord] {
        try pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM tokens ORDER BY id").map(Self.token) }
    }

    /// Revokes a token; returns false when it was revoked already.
    public func revokeToken(id: Int64) throws -> Bool {
        try pool.write { db in
            guard try Row.fetchOne(db, sql: "SELECT id FROM tokens WHERE id = ?", arguments: [id]) != nil else {
                throw LedgerError.unknownToken(id: id)
            }
            try db.execute(sql: "UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL", arguments: [Timestamp.now(), id])
            return db.changesCount > 0
        }
    }

    /// The token record a presented token belongs to, when it exists and is not revoked.
    public func authenticate(token: String) throws -> TokenRecord? {
        try pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM tokens WHERE sha256 = ? AND revoked_at IS NULL", arguments: [Self.tokenHash(token)]).map(Self.token)
        }
    }

    /// The last sequence number of the ledger: changes whenever anything is written.
    public func headSeq() throws -> Int64 {
        try pool.read { db in try Int64.fetchOne(db, sql: "SELECT coalesce(max(seq), 0) FROM events") ?? 0 }
    }

    /// Events after `seq`, oldest first, at most `limit`: the ledger feed for mirrors and auditors.
    public func events(after seq: Int64, limit: Int) throws -> [LedgerEvent] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM events WHERE seq > ? ORDER BY seq LIMIT ?", arguments: [seq, limit]).map(Self.event)
        }
    }

    /// The measure a sequence number names (its record or one of its corrections), or nil.
    public func measure(seq: Int64) throws -> MeasureRecord? {
        try pool.read { db in try? Self.measure(resolving: seq, db) }
    }

    static func tokenHash(_ token: String) -> String { EventHasher.hex(SHA256.hash(data: Array(token.utf8))) }

    static func token(_ row: Row) -> TokenRecord {
        TokenRecord(
            id: row["id"], name: row["name"], role: Role(rawValue: row["role"]) ?? .reviewer, state: row["state"],
            createdAt: row["created_at"], revokedAt: row["revoked_at"])
    }
}
