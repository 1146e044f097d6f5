import Foundation
import GRDB
import LedgerModel

extension Ledger {
    /// Adds a treaty to the ledger's catalogue as a `treaty.added` event (chained and verified like
    /// every event; a report `--known-at` before it does not show the treaty). From then on the
    /// treaty is one of ``treaties``: its status tables are imported with ``importUNTC(treaty:path:asAt:source:dryRun:actor:)``
    /// and every report and listing shows it, marked as added by the ledger. Returns the event's sequence number.
    ///
    /// Validate the addition against this ledger first (``TreatyAddition/validate(_:obligations:treaties:catalogue:today:)``);
    /// an id or reference another process added meanwhile is refused here, and nothing is written.
    public func addTreaty(_ addition: TreatyAddition, actor: String) throws -> Int64 {
        let seq = try write { db -> Int64 in
            if let taken = try String.fetchOne(
                db, sql: "SELECT id FROM treaties WHERE id IN (?, ?) OR untc IN (?, ?) LIMIT 1",
                arguments: [addition.id, addition.untc, addition.id, addition.untc])
            {
                throw LedgerError.invalid(ValidationFailure(issues: [FieldIssue(
                    field: addition.untc != nil && taken != addition.id ? "untc" : "id", value: addition.untc ?? addition.id,
                    message: "is already taken by treaty \(taken) of this ledger; choose another")]))
            }
            var appender = try EventAppender(db, actor: actor, clock: clock)
            let seq = try appender.append(.treatyAdded, .object(addition.jsonMembers))
            try Projector(db).addTreaty(seq: seq, addition)
            return seq
        }
        treatiesKept.withLock { kept in
            let added = kept.added + [Treaty(addition, addedBy: seq)]
            kept = (kept.catalogue?.adding(added), added)
        }
        return seq
    }

    /// ``treaties`` with any treaty another process (a `treaties add` beside a running server) added since they were read.
    public func currentTreaties() throws -> TreatyCatalogue {
        try pool.read { db in try refreshAddedTreaties(db) }
        return treaties
    }

    /// The treaties the ledger added, from their `treaty.added` events, oldest first.
    static func addedTreaties(_ db: Database) throws -> [Treaty] {
        let decoder = JSONDecoder()
        return try Row.fetchAll(db, sql: """
            SELECT a.seq, e.payload FROM treaty_additions a JOIN events e ON e.seq = a.seq AND e.kind = 'treaty.added' ORDER BY a.seq
            """).map { row in
            let seq: Int64 = row[0]
            let payload: String = row[1]
            guard let addition = try? decoder.decode(TreatyAddition.self, from: Data(payload.utf8)) else {
                throw LedgerError.badStoredValue(
                    table: "events", key: "seq \(seq)", column: "payload", value: payload, expected: "a treaty.added payload (id, title, adopted, …)")
            }
            return Treaty(addition, addedBy: seq)
        }
    }

    /// Reads the added treaties again when another connection added one since they were read.
    func refreshAddedTreaties(_ db: Database) throws {
        let stored = try Int64.fetchAll(db, sql: "SELECT seq FROM treaty_additions ORDER BY seq")
        guard stored != treatiesKept.withLock({ $0.added }).compactMap(\.addedBy) else { return }
        let added = try Self.addedTreaties(db)
        treatiesKept.withLock { $0 = ($0.catalogue?.adding(added), added) }
    }

    /// The catalogue as the ledger knew it at `knownAt`: without the treaties added after it.
    func treaties(_ db: Database, knownAt: KnownAt?) throws -> TreatyCatalogue {
        guard let knownAt else { return treaties }
        let known = try Int64.fetchAll(db, SQLRequest<Int64>("""
            SELECT seq FROM treaty_additions \(Self.knownFilter(knownAt, kind: .treatyAdded, prefix: "WHERE"))
            """))
        return treaties.keeping(added: Set(known))
    }
}
