import Foundation
import Synchronization
import GRDB
import LedgerFixtures
import LedgerModel

/// What reference data a ledger holds beside what this build ships, and what differs
/// (`cpsledger data status`): the reference tables (catalogue, States, aliases, treaties) with their
/// row counts and SHA-256, each treaty status table with its as-at date and SHA-256, the changes of
/// States' standing, and the crosswalks. ``isBehind`` says whether `cpsledger data update` would write.
public struct ReferenceDataStatus: Sendable, Hashable, Encodable {
    /// One reference table, as held and as shipped.
    public struct Table: Sendable, Hashable, Encodable {
        public let name: String
        public let heldRows: Int
        public let shippedRows: Int
        public let heldSHA256: String
        public let shippedSHA256: String

        enum CodingKeys: String, CodingKey {
            case name, heldRows = "held_rows", shippedRows = "shipped_rows", heldSHA256 = "held_sha256", shippedSHA256 = "shipped_sha256"
        }
    }

    /// One status table this build ships, and whether the ledger holds it.
    public struct StatusTable: Sendable, Hashable, Encodable {
        /// `held` (the same bytes were imported), `missing` (an update imports it), `differs` (the
        /// ledger holds a table of that file for the treaty with other bytes: named, never overwritten).
        public enum State: String, Sendable, Hashable, Encodable { case held, missing, differs }
        public let treaty: String
        public let file: String
        public let asAt: ISODate?
        public let sha256: String
        public let state: State
        /// The event that imported it (or the table of the same file with other bytes).
        public let heldSeq: Int64?
        public let heldSHA256: String?
        public let source: String

        enum CodingKeys: String, CodingKey {
            case treaty, file, asAt = "as_at", sha256, state, heldSeq = "held_seq", heldSHA256 = "held_sha256", source
        }
    }

    /// A crosswalk this build ships: reports read it from the build, and the ledger records which digest it last took.
    public struct Crosswalk: Sendable, Hashable, Encodable {
        public let file: String
        public let sha256: String
        public let heldSHA256: String?

        enum CodingKeys: String, CodingKey { case file, sha256, heldSHA256 = "held_sha256" }
    }

    /// One difference between the ledger and this build.
    public struct Difference: Sendable, Hashable, Encodable {
        /// `row_added`, `value_corrected`, `state_change`, `table_import`, `crosswalk`: an update
        /// writes them. `held_only` (a row the ledger has and this build does not ship), `table_differs`
        /// and `state_change_differs`: named, never overwritten.
        public let kind: String
        /// The reference table, `treaty_tables`, `state_changes` or `crosswalks`.
        public let table: String
        public let key: String
        public let column: String?
        public let held: JSONValue?
        public let shipped: JSONValue?
        /// Where the shipped value comes from.
        public let source: String
        /// Whether `data update` writes it.
        public let applies: Bool
    }

    public let tables: [Table]
    public let statusTables: [StatusTable]
    /// Changes of a State's name, group or membership: those the ledger records and those this build ships.
    public let stateChangesHeld: Int
    public let stateChangesShipped: Int
    public let crosswalks: [Crosswalk]
    public let differences: [Difference]

    /// Whether this build ships reference data the ledger lacks (what `data update` would write).
    public var isBehind: Bool { differences.contains(where: \.applies) }

    enum CodingKeys: String, CodingKey {
        case behind, tables, statusTables = "status_tables", stateChangesHeld = "state_changes_held",
            stateChangesShipped = "state_changes_shipped", crosswalks, differences
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(isBehind, forKey: .behind)
        try c.encode(tables, forKey: .tables)
        try c.encode(statusTables, forKey: .statusTables)
        try c.encode(stateChangesHeld, forKey: .stateChangesHeld)
        try c.encode(stateChangesShipped, forKey: .stateChangesShipped)
        try c.encode(crosswalks, forKey: .crosswalks)
        try c.encode(differences, forKey: .differences)
    }
}

/// What `cpsledger data update` did (or, with a dry run, would do).
public struct ReferenceDataUpdate: Sendable, Hashable {
    /// The ledger beside this build before the update; its applying differences are what was written.
    public let before: ReferenceDataStatus
    /// The flags of the status-table imports (as `import untc` prints them).
    public let flags: [String]
    /// Treaty actions the imported tables added.
    public let treatyActions: Int
    public let firstSeq: Int64?
    public let lastSeq: Int64?
    public let dryRun: Bool
}

extension Ledger {
    /// What reference data the ledger holds beside what this build ships, and what differs.
    public func referenceDataStatus() throws -> ReferenceDataStatus {
        try pool.read { db in try ReferenceData.status(db, treaties: treaties) }
    }

    /// Whether this build ships reference data the ledger lacks (``ReferenceDataStatus/isBehind``),
    /// worked out again only when the ledger's head has moved: the server's health answer and the
    /// dashboard's footer ask on every request.
    public func isBehindReferenceData() throws -> Bool {
        try pool.read { db in try isBehindReferenceData(db) }
    }

    /// ``isBehindReferenceData()`` read in `db`.
    func isBehindReferenceData(_ db: Database) throws -> Bool {
        let head = try Self.readingHeadSeq(db)
        if let kept = referenceDataKept.withLock({ $0 }), kept.head == head { return kept.behind }
        let behind = try ReferenceData.status(db, treaties: treaties).isBehind
        referenceDataKept.withLock { $0 = (head, behind) }
        return behind
    }

    /// Brings the ledger's reference data up to what this build ships, in one transaction, as events:
    /// rows added or corrected (`reference_data.revised`, naming the fixture and its SHA-256), changes
    /// of States' standing (`state.changed`), the status tables it lacks imported as `import untc`
    /// imports them, and a `reference_data.recorded` event with the new digests and the crosswalks
    /// taken. History is never rewritten: nothing is deleted, a table the ledger holds with other
    /// bytes is named and left, a row only the ledger holds stays. Run twice, the second run writes nothing.
    public func updateReferenceData(dryRun: Bool = false, actor: String) throws -> ReferenceDataUpdate {
        try writeWithoutTransaction { db in
            try db.immediateTransaction(dryRun: dryRun) {
                try ReferenceData.update(db, catalogue: catalogue, treaties: treaties, actor: actor, clock: clock, dryRun: dryRun)
            }
        }
    }
}

extension ReferenceData {
    /// A column of one reference row, as a revision event names it.
    struct Cell: Hashable {
        let table: String
        let key: String
        let column: String
    }

    /// A `reference_data.revised` payload, read back by `verify`.
    struct Revision {
        let cells: [(Cell, JSONValue)]

        static func decode(_ payload: String) throws -> Revision {
            guard let object = try JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any],
                let table = object["table"] as? String, let key = object["key"] as? String,
                ReferenceData.tables.contains(where: { $0.name == table })
            else { throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "not a revision")) }
            let value = try JSONDecoder().decode(RevisionValues.self, from: Data(payload.utf8))
            if let row = value.row { return Revision(cells: row.map { (Cell(table: table, key: key, column: $0.key), $0.value) }) }
            guard let column = value.column, let shipped = value.shipped else {
                throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "no column"))
            }
            return Revision(cells: [(Cell(table: table, key: key, column: column), shipped)])
        }
    }

    private struct RevisionValues: Decodable {
        let row: [String: JSONValue]?
        let column: String?
        let shipped: JSONValue?
    }

    /// The value a reference row's column holds now (nil when the row or column is not there).
    static func value(of cell: Cell, in db: Database) throws -> JSONValue? {
        guard let table = tables.first(where: { $0.name == cell.table }),
            try db.columns(in: table.name).contains(where: { $0.name == cell.column })
        else { return nil }
        return try Row.fetchOne(db, sql: "SELECT \(cell.column) FROM \(table.name) WHERE \(table.key) = ?", arguments: [cell.key])
            .map { json($0[0]) }
    }

    /// Each reference table's rows by key, each row its columns' values in the table's order.
    /// The reference tables a new ledger of this build would hold, and their digests, for the
    /// catalogue `treaties`: built once per process and catalogue in a ledger in memory (migrations
    /// and all reference rows, some 30 ms in a release build), not again each time the server's
    /// head moves and its health answer asks whether the ledger is behind.
    private static func shippedReference(treaties: TreatyCatalogue) throws -> ShippedReference {
        let key = treaties.treaties.map(\.id).joined(separator: "\n")
        if let kept = shippedKept.withLock({ $0[key] }) { return kept }
        let shippedDB = try DatabaseQueue()
        try Ledger.migrator.migrate(shippedDB)
        let built: ShippedReference = try shippedDB.write { memory in
            try load(
                catalogue: try Catalogue.decode(json: LedgerFixtures.catalogueJSON), states: try StateDirectory.decode(json: LedgerFixtures.statesJSON),
                treaties: treaties, into: memory, actor: "cpsledger", clock: LedgerClock())
            return (try rows(memory), try digests(memory))
        }
        shippedKept.withLock { $0[key] = built }
        return built
    }

    private typealias ShippedReference = (rows: [String: (columns: [String], rows: [String: [JSONValue]])], digests: [String: String])
    private static let shippedKept = Mutex<[String: ShippedReference]>([:])

    private static func rows(_ db: Database) throws -> [String: (columns: [String], rows: [String: [JSONValue]])] {
        var result: [String: (columns: [String], rows: [String: [JSONValue]])] = [:]
        for table in tables {
            let columns = try db.columns(in: table.name).map(\.name)
            var rows: [String: [JSONValue]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT \(columns.joined(separator: ", ")) FROM \(table.name)") {
                let values = Array(row.databaseValues).map(json)
                rows[(row[table.key] as DatabaseValue).storedText] = values
            }
            result[table.name] = (columns, rows)
        }
        return result
    }

    /// Where each reference table's shipped rows come from.
    private static func source(of table: String) -> String {
        switch table {
        case "obligations":
            "Fixtures/catalogue.json (SHA-256 \(EventHasher.sha256Hex(LedgerFixtures.catalogueJSON))): A/RES/51/60, see Fixtures/SOURCES.md"
        case "treaties":
            "Fixtures/treaties.json (SHA-256 \(EventHasher.sha256Hex(LedgerFixtures.treatiesJSON))): each treaty's depositary record, see Fixtures/SOURCES.md"
        default:
            "Fixtures/states.json (SHA-256 \(EventHasher.sha256Hex(LedgerFixtures.statesJSON))): the UN Member States list and the spellings of the UNTC and UNODA tables, see Fixtures/SOURCES.md"
        }
    }

    /// A status file this build ships, by its path under `Fixtures/`.
    static func shippedStatusFile(_ path: String) -> Data? { LedgerFixtures.statusFiles[path] }

    /// The paths of the status files this build ships.
    static var shippedStatusFiles: Set<String> { Set(LedgerFixtures.statusFiles.keys) }

    /// The crosswalks this build ships, by file, with their SHA-256.
    static var shippedCrosswalks: [(file: String, sha256: String)] {
        [
            ("crosswalks/fatf.json", EventHasher.sha256Hex(LedgerFixtures.fatfCrosswalkJSON)),
            ("crosswalks/fatf-jurisdictions.json", EventHasher.sha256Hex(LedgerFixtures.fatfJurisdictionsJSON)),
        ]
    }

    /// The crosswalk digests the ledger last took: those of its latest `reference_data.recorded` event, else its creation event's.
    private static func heldCrosswalks(_ db: Database) throws -> [String: String] {
        let payloads = try String.fetchAll(db, sql: """
            SELECT payload FROM events WHERE kind IN ('reference_data.recorded', 'ledger.created')
            AND (kind = 'reference_data.recorded' OR seq = 1) ORDER BY seq DESC
            """)
        for payload in payloads {
            if let object = try JSONSerialization.jsonObject(with: Data(payload.utf8)) as? [String: Any],
                let crosswalks = object["crosswalks_sha256"] as? [String: String]
            {
                return crosswalks
            }
        }
        return [:]
    }

    /// The ledger in `db` beside this build's reference data.
    static func status(_ db: Database, treaties: TreatyCatalogue) throws -> ReferenceDataStatus {
        let (shipped, shippedDigests) = try shippedReference(treaties: treaties)
        let held = try rows(db)
        let heldDigests = try digests(db)
        var differences: [ReferenceDataStatus.Difference] = []
        var tableStatus: [ReferenceDataStatus.Table] = []
        for table in tables {
            let (columns, heldRows) = held[table.name]!
            let shippedRows = shipped[table.name]!.rows
            tableStatus.append(.init(
                name: table.name, heldRows: heldRows.count, shippedRows: shippedRows.count, heldSHA256: heldDigests[table.name]!,
                shippedSHA256: shippedDigests[table.name]!))
            for key in shippedRows.keys.sorted() {
                let values = shippedRows[key]!
                guard let heldValues = heldRows[key] else {
                    differences.append(.init(
                        kind: "row_added", table: table.name, key: key, column: nil, held: nil,
                        shipped: .object(Dictionary(uniqueKeysWithValues: zip(columns, values))), source: source(of: table.name), applies: true))
                    continue
                }
                for (index, column) in columns.enumerated() where heldValues[index] != values[index] {
                    differences.append(.init(
                        kind: "value_corrected", table: table.name, key: key, column: column, held: heldValues[index], shipped: values[index],
                        source: source(of: table.name), applies: true))
                }
            }
            for key in heldRows.keys.sorted() where shippedRows[key] == nil {
                differences.append(.init(
                    kind: "held_only", table: table.name, key: key, column: nil, held: .object(Dictionary(uniqueKeysWithValues: zip(columns, heldRows[key]!))),
                    shipped: nil, source: "the ledger (this build does not ship the row; it is kept)", applies: false))
            }
        }
        // Status tables, in the order a new ledger imports them.
        let heldTables = try Row.fetchAll(db, sql: "SELECT seq, treaty, file, sha256 FROM treaty_tables ORDER BY seq")
        var statusTables: [ReferenceDataStatus.StatusTable] = []
        for treaty in treaties.treaties {
            for table in treaty.statusTables {
                let sha = LedgerFixtures.statusFiles[table.file].map(EventHasher.sha256Hex) ?? ""
                let ofTreaty = heldTables.filter { ($0[1] as String) == treaty.id }
                let same = ofTreaty.first { ($0[3] as String) == sha }
                let name = (table.file as NSString).lastPathComponent
                let other = ofTreaty.first { [table.file, name].contains($0[2] as String) && ($0[3] as String) != sha }
                let state: ReferenceDataStatus.StatusTable.State = same != nil ? .held : other != nil ? .differs : .missing
                let found = same ?? other
                statusTables.append(.init(
                    treaty: treaty.id, file: table.file, asAt: table.asOf, sha256: sha, state: state, heldSeq: found?[0], heldSHA256: found?[3],
                    source: table.source))
                switch state {
                case .held: break
                case .missing:
                    differences.append(.init(
                        kind: "table_import", table: "treaty_tables", key: treaty.id, column: table.file, held: nil, shipped: .string(sha),
                        source: table.source, applies: true))
                case .differs:
                    differences.append(.init(
                        kind: "table_differs", table: "treaty_tables", key: treaty.id, column: table.file, held: .string(other![3]),
                        shipped: .string(sha), source: table.source + " (the ledger's table, event \(other![0] as Int64), is kept)", applies: false))
                }
            }
        }
        // Changes of States' standing.
        let heldChanges = try Ledger.stateChanges(db, knownAt: nil)
        let shippedChanges = try Ledger.shippedStateChanges()
        for change in shippedChanges {
            let key = "\(change.iso3) \(change.field.rawValue) \(change.effective)"
            if let same = heldChanges.first(where: { $0.iso3 == change.iso3 && $0.field == change.field && $0.effective == change.effective }) {
                if same.from != change.from || same.to != change.to {
                    differences.append(.init(
                        kind: "state_change_differs", table: "state_changes", key: key, column: change.field.rawValue,
                        held: .string("\(same.from ?? "none") → \(same.to ?? "none")"), shipped: .string("\(change.from ?? "none") → \(change.to ?? "none")"),
                        source: change.source, applies: false))
                }
                continue
            }
            differences.append(.init(
                kind: "state_change", table: "state_changes", key: key, column: change.field.rawValue, held: nil,
                shipped: .object(change.jsonMembers), source: change.source, applies: true))
        }
        // Crosswalks: reports read this build's; the ledger records which it last took.
        let heldCrosswalks = try heldCrosswalks(db)
        var crosswalks: [ReferenceDataStatus.Crosswalk] = []
        for (file, sha) in shippedCrosswalks {
            crosswalks.append(.init(file: file, sha256: sha, heldSHA256: heldCrosswalks[file]))
            if heldCrosswalks[file] != sha {
                differences.append(.init(
                    kind: "crosswalk", table: "crosswalks", key: file, column: nil, held: heldCrosswalks[file].map(JSONValue.string), shipped: .string(sha),
                    source: "Fixtures/\(file), see Fixtures/SOURCES.md", applies: true))
            }
        }
        return ReferenceDataStatus(
            tables: tableStatus, statusTables: statusTables, stateChangesHeld: heldChanges.count, stateChangesShipped: shippedChanges.count,
            crosswalks: crosswalks, differences: differences)
    }

    /// The body of ``Ledger/updateReferenceData(dryRun:actor:)``, inside its transaction.
    static func update(_ db: Database, catalogue: Catalogue, treaties: TreatyCatalogue, actor: String, clock: LedgerClock, dryRun: Bool) throws -> ReferenceDataUpdate {
        let before = try status(db, treaties: treaties)
        guard before.isBehind else {
            return ReferenceDataUpdate(before: before, flags: [], treatyActions: 0, firstSeq: nil, lastSeq: nil, dryRun: dryRun)
        }
        // Tables edited behind the ledger's back are refused: recording their digests would vouch for the edit.
        if let expected = try expectation(
            db, catalogue: catalogue, states: try read(db, embedded: catalogue).states, treaties: treaties)
        {
            let actual = try digests(db)
            let edited = tables.map(\.name).filter { actual[$0] != expected.digests[$0] }
            if !edited.isEmpty { throw LedgerError.referenceDataEdited(tables: edited) }
        }
        var appender = try EventAppender(db, actor: actor, clock: clock)
        let firstSeq = appender.nextSeq
        let keyOf = Dictionary(uniqueKeysWithValues: tables.map { ($0.name, $0.key) })
        for difference in before.differences where difference.applies {
            switch difference.kind {
            case "row_added":
                guard case .object(let row) = difference.shipped else { continue }
                let columns = row.keys.sorted()
                try db.execute(
                    sql: "INSERT INTO \(difference.table) (\(columns.joined(separator: ", "))) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))",
                    arguments: StatementArguments(columns.map { row[$0]!.databaseValue as (any DatabaseValueConvertible)? }))
                try appender.append(.referenceDataRevised, .object([
                    "table": .string(difference.table), "key": .string(difference.key), "row": .object(row), "source": .string(difference.source),
                ]))
            case "value_corrected":
                guard let column = difference.column, let shipped = difference.shipped, let key = keyOf[difference.table] else { continue }
                try db.execute(
                    sql: "UPDATE \(difference.table) SET \(column) = ? WHERE \(key) = ?", arguments: [shipped.databaseValue, difference.key])
                try appender.append(.referenceDataRevised, .object([
                    "table": .string(difference.table), "key": .string(difference.key), "column": .string(column),
                    "held": difference.held ?? .null, "shipped": shipped, "source": .string(difference.source),
                ]))
            case "state_change":
                guard case .object(let members) = difference.shipped else { continue }
                let change = try JSONDecoder().decode(StateChange.self, from: Data(JSONValue.object(members).canonicalText.utf8))
                _ = try Ledger.append(change, appender: &appender, db: db)
            default:
                break
            }
        }
        // The tables, imported as a new ledger imports them, matching names with the States as they now are.
        let states = try read(db, embedded: catalogue).states.asOf(ISODate.utc(), changes: try Ledger.stateChanges(db, knownAt: nil))
        var flags: [String] = []
        var actions = 0
        for table in before.statusTables where table.state == .missing {
            guard let data = LedgerFixtures.statusFiles[table.file] else {
                throw LedgerError.unreadableFile(path: "Fixtures/" + table.file, reason: "treaties.json names it but the binary does not embed it")
            }
            let summary = try Ledger.importUNTC(
                data: data, file: table.file, treaty: table.treaty, asAt: table.asAt, source: table.source, dryRun: false, actor: actor,
                treaties: treaties, states: states, clock: clock, db: db)
            flags += summary.flags
            actions += summary.recorded
        }
        // The search index's States and obligations, from the tables as they now are.
        try db.execute(sql: "DELETE FROM search_index WHERE rowid < 0")
        try SearchIndex.addReference(db)
        var closing = try EventAppender(db, actor: actor, clock: clock)
        let lastSeq = try closing.append(.referenceDataRecorded, .object([
            "tables_sha256": .object(try digests(db).mapValues { .string($0) }),
            "crosswalks_sha256": .object(Dictionary(uniqueKeysWithValues: shippedCrosswalks.map { ($0.file, JSONValue.string($0.sha256)) })),
            "catalogue_sha256": .string(EventHasher.sha256Hex(LedgerFixtures.catalogueJSON)),
            "states_sha256": .string(EventHasher.sha256Hex(LedgerFixtures.statesJSON)),
            "treaties_sha256": .string(EventHasher.sha256Hex(LedgerFixtures.treatiesJSON)),
            "basis": .string("cpsledger data update: the reference data this build ships"),
        ]))
        return ReferenceDataUpdate(before: before, flags: flags, treatyActions: actions, firstSeq: firstSeq, lastSeq: lastSeq, dryRun: dryRun)
    }
}

extension JSONValue {
    /// The value as SQLite stores it (the inverse of ``ReferenceData/json(_:)`` for the values reference tables hold).
    var databaseValue: DatabaseValue {
        switch self {
        case .null: return .null
        case .int(let number): return number.databaseValue
        case .string(let text): return text.databaseValue
        case .bool(let flag): return (flag ? 1 : 0).databaseValue
        default: return canonicalText.databaseValue
        }
    }
}
