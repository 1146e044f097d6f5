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

    /// The one State this token's writes are limited to: a focal point's State ("" when it has
    /// none, which matches no State), nil for the roles that write for every State.
    public var onlyState: String? { role == .focalPoint ? (state ?? "") : nil }
    public let revokedAt: String?

    enum CodingKeys: String, CodingKey {
        case id, name, role, state
        case createdAt = "created_at", revokedAt = "revoked_at"
    }

    /// The actor recorded on every event written with this token: its name and id, `name#id`, so
    /// that an actor names exactly one token even across renames and revocations.
    public var actor: String { "\(name)#\(id)" }
}

extension Ledger {
    /// Creates a token and returns it with its record: a `token.created` event (its id, name, role,
    /// State and SHA-256) and the row of the tokens projection. Only its SHA-256 is stored, so this is
    /// the only time the token can be seen. Names are unique.
    public func createToken(name: String, role: Role, state: String?, actor: String = "cpsledger") throws -> (token: String, record: TokenRecord) {
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
        let record = try write { db -> TokenRecord in
            if try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM tokens WHERE name = ?)", arguments: [name])! {
                throw LedgerError.invalid(ValidationFailure(issues: [FieldIssue(
                    field: "name", value: name, message: "is the name of another token already; each token's name is unique, as it names the actor of its events")]))
            }
            let id = (try Int64.fetchOne(db, sql: "SELECT coalesce(max(id), 0) + 1 FROM tokens"))!
            var appender = try EventAppender(db, actor: actor, clock: clock)
            let record = TokenRecord(id: id, name: name, role: role, state: state, createdAt: appender.recordedAt, revokedAt: nil)
            try appender.append(.tokenCreated, TokenEvents.created(record, sha256: Self.tokenHash(token)))
            try TokenRow(record, sha256: Self.tokenHash(token)).insert(db)
            return record
        }
        return (token, record)
    }

    /// Every token, oldest first.
    public func tokens() throws -> [TokenRecord] {
        try pool.read { db in try TokenRow.fetchAllChecked(db, TokenRow.order(TokenRow.Columns.id)).map(\.record) }
    }

    /// Revokes a token with a `token.revoked` event; returns false when it was revoked already.
    public func revokeToken(id: Int64, actor: String = "cpsledger") throws -> Bool {
        try write { db in
            guard let row = try TokenRow.fetchOneChecked(db, TokenRow.filter(key: id)) else {
                throw LedgerError.unknownToken(id: id)
            }
            if try TokenEvents.vouched(db)[id]?.revokedAt != nil { return false }
            var appender = try EventAppender(db, actor: actor, clock: clock)
            try appender.append(.tokenRevoked, .object(["id": .int(Int(id)), "name": .string(row.name)]))
            try TokenRow.filter(key: id).updateAll(db, TokenRow.Columns.revokedAt.set(to: appender.recordedAt))
            return true
        }
    }

    /// The token record a presented token belongs to, when the chain vouches for it: a
    /// `token.created` event with the token's SHA-256 and no `token.revoked` event for its id. The
    /// tokens table is only a projection of those events; a row written into it by hand grants nothing,
    /// nor does a `token.created` event whose hash or link to the event before it is wrong.
    public func authenticate(token: String) throws -> TokenRecord? {
        try pool.read(Self.authenticating(token: token))
    }

    /// The read of ``authenticate(token:)``, for a synchronous or an async read.
    static func authenticating(token: String) -> @Sendable (Database) throws -> TokenRecord? {
        { db in
            let hash = tokenHash(token)
            guard let vouched = try TokenEvents.vouched(db).values.first(where: { $0.sha256 == hash && $0.revokedAt == nil }),
                try TokenEvents.isChained(db, seq: vouched.createdSeq)
            else { return nil }
            return vouched.record
        }
    }

    /// The last sequence number of the ledger, which is also its number of events (they run from 1
    /// without gaps); 0 for an empty file. It changes whenever anything is written.
    public func headSeq() throws -> Int64 {
        try pool.read(Self.readingHeadSeq)
    }

    /// The read of ``headSeq()``, for a synchronous or an async read, or the response cache's own
    /// connection (``HeadReader``): one statement, prepared once per connection.
    static let readingHeadSeq: @Sendable (Database) throws -> Int64 = { db in
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT coalesce(max(seq), 0) FROM events"))!
    }

    /// Events after `seq`, oldest first, at most `limit`: the ledger feed for mirrors and auditors.
    public func events(after seq: Int64, limit: Int) throws -> [LedgerEvent] {
        try pool.read(Self.readingEvents(after: seq, limit: limit))
    }

    /// The read of ``events(after:limit:)``, for a synchronous or an async read.
    static func readingEvents(after seq: Int64, limit: Int) -> @Sendable (Database) throws -> [LedgerEvent] {
        { db in
            try Row.fetchAll(db, sql: "SELECT \(Ledger.eventColumns) FROM events WHERE seq > ? ORDER BY seq LIMIT ?", arguments: [seq, limit]).map(Ledger.event)
        }
    }

    /// The measure a sequence number names (its record or one of its corrections), or nil.
    public func measure(seq: Int64) throws -> MeasureRecord? {
        try pool.read { db in try Self.measureIfAny(resolving: seq, db) }
    }

    static func tokenHash(_ token: String) -> String { EventHasher.hex(SHA256.hash(data: Array(token.utf8))) }
}
