import Crypto
import Foundation
import GRDB
import LedgerFixtures
import LedgerModel

/// Loads the catalogue and the States into a new ledger and reads them back.
enum ReferenceData {
    /// Loads the catalogue, the States and the treaties into a new ledger and appends its creation
    /// event, which records the SHA-256 of the embedded fixtures and of each reference table as loaded.
    /// The States' fixture is `statesJSON` (its digest goes into the creation event), and each of
    /// `stateChanges` becomes a `state.changed` event after it.
    static func load(
        catalogue: Catalogue, states: StateDirectory, treaties: TreatyCatalogue, into db: Database, actor: String, clock: LedgerClock,
        statesJSON: Data = LedgerFixtures.statesJSON, stateChanges: [StateChange] = [], recordsCrosswalks: Bool = true
    ) throws {
        var crosswalks: [String: JSONValue] = [:]
        if recordsCrosswalks { for (file, sha) in shippedCrosswalks { crosswalks[file] = .string(sha) } }
        for (position, obligation) in catalogue.obligations.enumerated() {
            let provision = catalogue.provision(of: obligation)
            let themes = JSONValue.array(obligation.themes.map { .string($0) }).canonicalText
            try db.execute(
                sql: """
                    INSERT INTO obligations (id, position, instrument, provision, provision_label, article, kind, themes, title, text, text_incomplete)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    obligation.id, position, catalogue.instrument.id, provision.ref, provision.label, provision.article,
                    obligation.kind.rawValue, themes, obligation.title, provision.text, provision.textIncomplete,
                ])
        }
        for state in states.states {
            try db.execute(
                sql: "INSERT INTO states (iso3, name, member, admission_date, regional_group) VALUES (?, ?, ?, ?, ?)",
                arguments: [state.iso3, state.name, state.member, state.admissionDate?.description, state.regionalGroup?.rawValue])
            for alias in state.aliases {
                try db.execute(sql: "INSERT INTO state_aliases (alias, iso3) VALUES (?, ?)", arguments: [alias, state.iso3])
            }
        }
        try load(treaties: treaties, into: db)
        try SearchIndex.addReference(db)
        var appender = try EventAppender(db, actor: actor, clock: clock)
        var members: [String: JSONValue] = [
            "instrument": .string(catalogue.instrument.id),
            "tables_sha256": .object(try digests(db).mapValues { .string($0) }),
            "treaties_sha256": .string(EventHasher.sha256Hex(LedgerFixtures.treatiesJSON)),
            "catalogue_sha256": .string(EventHasher.sha256Hex(LedgerFixtures.catalogueJSON)),
            "states_sha256": .string(EventHasher.sha256Hex(statesJSON)),
            "obligations": .int(catalogue.obligations.count),
            "states": .int(states.states.count),
            "member_states": .int(states.memberStates.count),
        ]
        if !crosswalks.isEmpty { members["crosswalks_sha256"] = .object(crosswalks) }
        // The shipped changes of States' standing travel in the creation event (their rows carry its seq).
        if !stateChanges.isEmpty { members["state_changes"] = .array(stateChanges.map { .object($0.jsonMembers) }) }
        let seq = try appender.append(.ledgerCreated, .object(members))
        for change in stateChanges { try Ledger.project(change, seq: seq, actor: actor, db: db) }
    }

    /// Inserts the treaty catalogue into the `treaties` table.
    static func load(treaties: TreatyCatalogue, into db: Database) throws {
        for (position, treaty) in treaties.treaties.enumerated() {
            try db.execute(
                sql: """
                    INSERT INTO treaties (id, position, untc, depositary, short_title, title, adopted, entry_into_force, obligations,
                                          signature_required, earliest_action, note, source)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    treaty.id, position, treaty.untc, treaty.depositary, treaty.shortTitle, treaty.title, treaty.adopted.description,
                    treaty.entryIntoForce.description, JSONValue.array(treaty.obligations.map { .string($0) }).canonicalText,
                    treaty.signatureRequired, treaty.earliestAction?.description, treaty.note, treaty.source,
                ])
        }
    }

    /// The catalogue and States as the ledger holds them (provision texts come from the embedded
    /// catalogue; everything a report or a check uses comes from the tables).
    static func read(_ db: Database, embedded: Catalogue) throws -> (catalogue: Catalogue, states: StateDirectory) {
        // Columns by position: by name, GRDB lowercases names for every value read.
        var obligations: [Obligation] = []
        let decoder = JSONDecoder()
        for row in try Row.fetchAll(db, sql: "SELECT id, provision, kind, themes, title FROM obligations ORDER BY position") {
            let themes = try decoder.decode([String].self, from: Data((row[3] as String).utf8))
            guard let kind = ObligationKind(rawValue: row[2]) else {
                throw LedgerError.badStoredValue(
                    table: "obligations", key: "id \(row[0] as String)", column: "kind", value: row[2],
                    expected: "an obligation kind (one of " + ObligationKind.allCases.map(\.rawValue).joined(separator: ", ") + ")")
            }
            obligations.append(Obligation(id: row[0], provision: row[1], kind: kind, themes: themes, title: row[4]))
        }
        var aliases: [String: [String]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT alias, iso3 FROM state_aliases ORDER BY alias") {
            aliases[row[1], default: []].append(row[0])
        }
        var states: [State] = []
        for row in try Row.fetchAll(db, sql: "SELECT iso3, name, member, admission_date, regional_group FROM states ORDER BY iso3") {
            let iso3: String = row[0]
            states.append(State(
                iso3: iso3, name: row[1], aliases: aliases[iso3] ?? [], member: row[2],
                admissionDate: (row[3] as String?).flatMap { ISODate($0) },
                regionalGroup: (row[4] as String?).flatMap { RegionalGroup(rawValue: $0) }))
        }
        let catalogue = Catalogue(instrument: embedded.instrument, provisions: embedded.provisions, obligations: obligations)
        return (catalogue, StateDirectory(states: states))
    }
}
