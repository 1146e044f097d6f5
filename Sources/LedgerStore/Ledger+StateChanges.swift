import Foundation
import GRDB
import LedgerFixtures
import LedgerModel

extension Ledger {
    /// Records a change of a State's name, regional group or membership from `effective` on, as a
    /// `state.changed` event; returns its sequence number. The States table keeps its row: a report
    /// as of a date before the change shows the State as it was, and every name the State has had
    /// keeps matching it in treaty tables and searches.
    ///
    /// `from` is taken from the ledger: the value on the day before `effective`.
    public func recordStateChange(
        iso3: String, field: StateChange.Field, to: String?, effective: ISODate, source: String, actor: String
    ) throws -> Int64 {
        guard recordedStates[iso3] != nil else {
            throw LedgerError.invalid(ValidationFailure(issues: [FieldIssue(
                field: "state", value: iso3, message: "is not a known ISO3 code", suggestions: states.suggestions(for: iso3))]))
        }
        if effective > ISODate.utc() {
            throw LedgerError.invalid(ValidationFailure(issues: [FieldIssue(
                field: "effective", value: effective.description,
                message: "is after today (\(ISODate.utc()), UTC); record a change once it has taken effect")]))
        }
        return try write { db in
            let known = try Self.stateChanges(db, knownAt: nil)
            // The value on the day before: the latest earlier change's, else what the first later change started from.
            let recorded = recordedStates[iso3]!
            let current: String? =
                switch field {
                case .name: recorded.name
                case .regionalGroup: recorded.regionalGroup?.rawValue
                case .member: recorded.member ? "true" : "false"
                }
            let sameField = known.filter { $0.iso3 == iso3 && $0.field == field }.sorted { $0.effective < $1.effective }
            let from: String?
            if let earlier = sameField.last(where: { $0.effective < effective }) {
                from = earlier.to
            } else if let later = sameField.first(where: { $0.effective > effective }) {
                from = later.from
            } else {
                from = current
            }
            let change = StateChange(iso3: iso3, field: field, from: from, to: to, effective: effective, source: source)
            if let issue = change.issue() { throw LedgerError.invalid(ValidationFailure(issues: [issue])) }
            if known.contains(where: { $0.iso3 == iso3 && $0.field == field && $0.effective == effective }) {
                throw LedgerError.invalid(ValidationFailure(issues: [FieldIssue(
                    field: "effective", value: effective.description,
                    message: "already has a recorded change of \(field.rawValue) for \(iso3); a second change on the same day would make the day's value ambiguous")]))
            }
            var appender = try EventAppender(db, actor: actor, clock: clock)
            return try Self.append(change, appender: &appender, db: db)
        }
    }

    /// Appends one `state.changed` event and its projection row.
    static func append(_ change: StateChange, appender: inout EventAppender, db: Database) throws -> Int64 {
        let seq = try appender.append(.stateChanged, .object(change.jsonMembers))
        try project(change, seq: seq, actor: appender.actor, db: db)
        return seq
    }

    /// The `state_changes` row of a change recorded by event `seq`.
    static func project(_ change: StateChange, seq: Int64, actor: String, db: Database) throws {
        try db.execute(
            sql: "INSERT INTO state_changes (seq, iso3, field, from_value, to_value, effective, source, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            arguments: [seq, change.iso3, change.field.rawValue, change.from, change.to, change.effective.description, change.source, actor])
    }

    /// The changes a `ledger.created` payload ships (none in ledgers made before issue 20).
    static func createdStateChanges(payload: Data) throws -> [StateChange] {
        struct Created: Decodable {
            let stateChanges: [StateChange]?
            enum CodingKeys: String, CodingKey { case stateChanges = "state_changes" }
        }
        return try JSONDecoder().decode(Created.self, from: payload).stateChanges ?? []
    }

    /// Every change of a State's standing the ledger holds (recorded by `knownAt` when given), by sequence.
    public func stateChanges(knownAt: KnownAt? = nil) throws -> [(seq: Int64, change: StateChange)] {
        try pool.read { db in try Self.stateChangeRows(db, knownAt: knownAt) }
    }

    /// The changes read in `db`.
    static func stateChanges(_ db: Database, knownAt: KnownAt?) throws -> [StateChange] {
        try stateChangeRows(db, knownAt: knownAt).map(\.change)
    }

    /// The rows of `state_changes`, each checked: a value the model cannot read is named, never skipped.
    static func stateChangeRows(_ db: Database, knownAt: KnownAt?) throws -> [(seq: Int64, change: StateChange)] {
        // The table exists from migration v0013 on; a ledger opened for reading may predate it.
        guard try db.tableExists("state_changes") else { return [] }
        let known: SQL = knownAt.map {
            "WHERE seq IN (SELECT seq FROM events WHERE recorded_at <= \($0.timestamp) AND kind IN ('state.changed', 'ledger.created'))"
        } ?? ""
        return try Row.fetchAll(db, SQLRequest<Row>("""
            SELECT seq, iso3, field, from_value, to_value, effective, source FROM state_changes
            \(known)
            ORDER BY seq, rowid
            """)).map { row -> (seq: Int64, change: StateChange) in
            let seq: Int64 = row[0]
            guard let field = StateChange.Field(rawValue: row[2]) else {
                throw LedgerError.badStoredValue(
                    table: "state_changes", key: "seq \(seq)", column: "field", value: row[2],
                    expected: "a field (one of " + StateChange.Field.allCases.map(\.rawValue).joined(separator: ", ") + ")")
            }
            guard let effective = ISODate.fromDatabaseValue(row[5]) else {
                throw LedgerError.badStoredValue(
                    table: "state_changes", key: "seq \(seq)", column: "effective", value: (row[5] as DatabaseValue).storedText, expected: "a date (YYYY-MM-DD)")
            }
            return (seq, StateChange(iso3: row[1], field: field, from: row[3], to: row[4], effective: effective, source: row[6]))
        }
    }

    /// The changes shipped in `Fixtures/state-changes.json`.
    static func shippedStateChanges() throws -> [StateChange] {
        try StateChange.decode(json: LedgerFixtures.stateChangesJSON)
    }
}

extension LedgerSnapshot {
    /// The States as they stood on `asOf` (today when nil), with the changes of name, group and
    /// membership recorded by `knownAt`: what a report as of that date shows.
    public func states(asOf: ISODate?, knownAt: KnownAt? = nil) throws -> StateDirectory {
        ledger.recordedStates.asOf(asOf ?? ISODate.utc(), changes: try Ledger.stateChanges(db, knownAt: knownAt))
    }
}
