import Foundation
import GRDB
import LedgerFixtures
import LedgerModel
import LedgerSchema
import Synchronization

/// An open cpsledger ledger: one SQLite file (WAL) holding the append-only event ledger, the
/// reference data it was created with, and the projections derived from the events.
///
/// Open one with ``Ledger/open(path:)``; every write is an event appended in one transaction
/// together with its projections.
public final class Ledger: Sendable {
    /// The ledger file.
    public let path: String
    /// The obligation catalogue the ledger was created with.
    public let catalogue: Catalogue
    /// The States the ledger knows, as they stand today: with the changes of name, regional group
    /// and membership it records (``stateChanges(knownAt:)``), every earlier name kept as an alias.
    public let states: StateDirectory
    /// The States as the `states` table holds them, before any recorded change is applied.
    let recordedStates: StateDirectory
    /// The treaties and which of them each accession obligation requires: the shipped catalogue and
    /// the treaties the ledger added (``addTreaty(_:actor:)``), as this ledger last read them.
    public var treaties: TreatyCatalogue {
        treatiesKept.withLock { kept in
            if let catalogue = kept.catalogue { return catalogue }
            let catalogue = Self.shippedTreaties.adding(kept.added)
            kept.catalogue = catalogue
            return catalogue
        }
    }
    /// The catalogue behind ``treaties`` and the treaties the ledger added: the catalogue is nil until
    /// it is first asked for (decoding the shipped treaties was a fifteenth of a `history`, which needs
    /// none, issue 23), and built again when the added treaties change.
    let treatiesKept: Mutex<(catalogue: TreatyCatalogue?, added: [Treaty])>
    let pool: DatabasePool
    /// How long a write waits for another connection's write lock before it fails, in seconds.
    let busyTimeout: TimeInterval
    /// The clock that stamps the events this ledger writes.
    let clock: LedgerClock
    /// Today's treaty status index and the state of the projections it was built from.
    let treatyStatusKept = Mutex<(version: TreatyStatusVersion, index: TreatyStatusIndex)?>(nil)
    /// The storage fault of the last write, until a write succeeds (see ``storageFault``).
    let storageFaultKept = Mutex<LedgerError?>(nil)
    /// The cells of the last dates asked for, when ``keepCellsBetweenReads()`` was called.
    let keptCells = Mutex(KeptCells())
    /// Whether the reference data is behind this build's, and the head it was worked out at.
    let referenceDataKept = Mutex<(head: Int64, behind: Bool)?>(nil)

    private init(
        path: String, pool: DatabasePool, busyTimeout: TimeInterval, clock: LedgerClock, catalogue: Catalogue, recordedStates: StateDirectory,
        changes: [StateChange], addedTreaties: [Treaty]
    ) {
        self.path = path
        self.clock = clock
        self.pool = pool
        self.busyTimeout = busyTimeout
        self.catalogue = catalogue
        self.recordedStates = recordedStates
        self.states = recordedStates.asOf(ISODate.utc(), changes: changes)
        self.treatiesKept = Mutex((nil, addedTreaties))
    }

    /// The treaties this build ships (`Fixtures/treaties.json`), decoded once per process when first
    /// needed. The fixture tests decode the same file: one that does not decode is a build defect.
    static let shippedTreaties: TreatyCatalogue = try! TreatyCatalogue.decode(json: LedgerFixtures.treatiesJSON)

    /// Opens the ledger at `path`, creating it with all reference data when the file does not exist
    /// or is empty, and applying any migration it lacks. A new ledger also gets the treaty status
    /// files shipped in `Fixtures/` (each treaty's `status_tables` in `treaties.json`, oldest first,
    /// through the `import untc` importer), unless `withStatusData` is false. A write waits up to
    /// `busyTimeout` seconds while another process (a CLI import) holds the write lock. Events are
    /// stamped with `clock`'s time, under its rules (see ``LedgerClock``).
    ///
    /// With `forReading`, a ledger that needs no write (it exists, is migrated, holds its reference
    /// data) is opened with read-only connections: nothing is written to the file, so a report works
    /// on a ledger the user may only read (a published copy, a read-only mount), and a command that
    /// only reads saves the write and the disk syncs SQLite's WAL set-up costs. A ledger that needs a
    /// write first is opened as without it. Writing through a ledger opened for reading fails.
    public static func open(
        path: String, actor: String = "cpsledger", withStatusData: Bool = true, busyTimeout: TimeInterval = 30, forReading: Bool = false,
        clock: LedgerClock = LedgerClock()
    ) throws -> Ledger {
        try open(path: path, actor: actor, withStatusData: withStatusData, busyTimeout: busyTimeout, forReading: forReading, reference: nil, clock: clock)
    }

    /// ``open(path:actor:withStatusData:busyTimeout:forReading:clock:)``, creating a new ledger with
    /// `reference` instead of this build's reference data when given (a ledger as an earlier build made it).
    static func open(
        path: String, actor: String, withStatusData: Bool, busyTimeout: TimeInterval, forReading: Bool, reference: ReferenceSet?,
        clock: LedgerClock = LedgerClock()
    ) throws -> Ledger {
        var configuration = Configuration()
        configuration.busyMode = .timeout(busyTimeout)
        configuration.foreignKeysEnabled = true
        // 16 KiB pages for a new file (a no-op once the file exists): a bulk import of a million
        // measures runs about 10% faster than with SQLite's default 4 KiB.
        configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA page_size = 16384") }
        // SQLite's own words here ("unable to open database file", "could not activate WAL Mode") name no cause.
        var isFolder: ObjCBool = false
        let folder = (path as NSString).deletingLastPathComponent
        if path.isEmpty {
            throw LedgerError.notALedger(path: "''", reason: "the path is empty")
        } else if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
            throw LedgerError.notALedger(path: path, reason: "it is a folder; give the ledger file's path")
        } else if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder) {
            throw LedgerError.notALedger(path: path, reason: "the folder \(folder) does not exist")
        }
        if forReading, let ledger = try openForReading(path: path, busyTimeout: busyTimeout, clock: clock) { return ledger }
        let pool = try makePool(path: path, configuration: configuration, busyTimeout: busyTimeout)
        try LedgerError.mappingWriteFailures(path: path, busyTimeout: busyTimeout) {
            try wordingOpenFailures(path: path) {
                // Read first: a ledger that needs no migration is opened without the write lock, so a
                // report or verify does not wait behind another process's import.
                let migrated = try pool.read { db in
                    try refuseForeignOrNewer(db, path: path)
                    return try migrator.hasCompletedMigrations(db)
                }
                if !migrated {
                    let applied = try pool.read(migrator.appliedIdentifiers)
                    try migrator.migrate(pool)
                    // v0011 rewrites the events and measures of an existing ledger into a smaller layout:
                    // the old tables' pages are free afterwards, and the file shrinks only by a VACUUM.
                    // Best effort: a VACUUM that cannot run now (another process reading, a full disk)
                    // leaves a sound ledger with free pages, which SQLite reuses as the ledger grows.
                    if !applied.isEmpty, !applied.contains("v0011_compact") {
                        try? pool.writeWithoutTransaction { db in try db.execute(sql: "VACUUM") }
                    }
                }
            }
        }
        let catalogue = try Catalogue.decode(json: LedgerFixtures.catalogueJSON)
        var (created, needsTreaties) = (false, false)
        if try pool.read(needsReferenceWrite) {
            (created, needsTreaties) = try LedgerError.mappingWriteFailures(path: path, busyTimeout: busyTimeout) {
                // The embedded States are decoded only here: a ledger that is read reads its own.
                let set = try reference ?? ReferenceSet.embedded()
                let states = set.states
                return try pool.write { db in
                    if try !Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM events)")! {
                        try ReferenceData.load(
                            catalogue: catalogue, states: states, treaties: Self.shippedTreaties, into: db, actor: actor, clock: clock, statesJSON: set.statesJSON,
                            stateChanges: set.stateChanges, recordsCrosswalks: set.recordsCrosswalks)
                        return (true, false)
                    }
                    let needsTreaties = try !Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM treaties)")!
                    if !needsTreaties { try ReferenceData.adoptIfUnrecorded(db, catalogue: catalogue, states: states, treaties: Self.shippedTreaties, clock: clock) }
                    return (false, needsTreaties)
                }
            }
        }
        let ledger = try reading(path: path, pool: pool, busyTimeout: busyTimeout, clock: clock, catalogue: catalogue)
        if created || needsTreaties {
            try ledger.loadTreaties(withStatusData: withStatusData, actor: actor, tableLoaded: created, only: reference?.statusFiles)
        }
        return ledger
    }

    /// The pool of `path`, with SQLite's failures to open it worded as ``LedgerError/notALedger(path:reason:)``;
    /// another process's write lock held for the whole busy timeout (GRDB sets the file up in an
    /// immediate transaction) is ``LedgerError/busy(path:retryAfter:)``, not a file that is no ledger.
    static func makePool(path: String, configuration: Configuration, busyTimeout: TimeInterval) throws -> DatabasePool {
        do {
            return try wordingOpenFailures(path: path) {
                let pool = try DatabasePool(path: path, configuration: configuration)
                if !configuration.readonly {
                    // GRDB sets up WAL with synchronous = NORMAL, under which a committed transaction
                    // may roll back after a power cut. Every write of the ledger is acknowledged (a
                    // 201, a command's success, a checkpoint signed over the head), so each commit
                    // waits for the WAL to reach the disk: one fsync per transaction.
                    try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = \(synchronous)") }
                }
                return pool
            }
        } catch let error as LedgerError {
            throw error
        } catch where LedgerError.isBusy(error) {
            throw LedgerError.busy(path: path, busyTimeout: busyTimeout)
        } catch {
            throw LedgerError.notALedger(path: path, reason: String(describing: error))
        }
    }

    /// SQLite's `synchronous` for the write connection: FULL, or NORMAL when `CPSLEDGER_SYNCHRONOUS`
    /// is `normal`, which exists to measure what FULL costs (docs/performance.md, Durability) and must not be
    /// set for a ledger whose writes are acknowledged: a power cut may then take back the last ones.
    static let synchronous = ProcessInfo.processInfo.environment["CPSLEDGER_SYNCHRONOUS"]?.lowercased() == "normal" ? "NORMAL" : "FULL"

    /// `body`, with SQLite's "not a database" and "damaged" while opening worded as ``LedgerError/notALedger(path:reason:)``.
    static func wordingOpenFailures<T>(path: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError where error.resultCode == .SQLITE_NOTADB {
            throw LedgerError.notALedger(path: path, reason: "the file is not an SQLite database")
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CORRUPT {
            throw LedgerError.notALedger(path: path, reason: "the file is damaged or cut short (SQLite: \(error.message ?? "malformed")); restore it from a backup")
        }
    }

    /// Whether opening must write reference data first: a new ledger, one without its treaties, or
    /// one whose reference data has no `reference_data.recorded` event yet.
    static let needsReferenceWrite: @Sendable (Database) throws -> Bool = { db in
        try !Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM events)")!
            || !Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM treaties)")!
            || ReferenceData.mayAdopt(db)
    }

    /// The ledger on `pool`, with the catalogue and States the ledger holds: they win over those of
    /// this build of the tool.
    static func reading(
        path: String, pool: DatabasePool, busyTimeout: TimeInterval, clock: LedgerClock, catalogue: Catalogue
    ) throws -> Ledger {
        let (stored, changes, added) = try pool.read { db in
            (try ReferenceData.read(db, embedded: catalogue), try stateChanges(db, knownAt: nil), try addedTreaties(db))
        }
        return Ledger(
            path: path, pool: pool, busyTimeout: busyTimeout, clock: clock, catalogue: stored.catalogue, recordedStates: stored.states,
            changes: changes, addedTreaties: added)
    }

    /// The ledger at `path` on read-only connections, or nil when it must be written first (absent
    /// or empty, not migrated, without its reference data or treaties): see ``open(path:actor:withStatusData:busyTimeout:forReading:clock:)``.
    static func openForReading(path: String, busyTimeout: TimeInterval, clock: LedgerClock) throws -> Ledger? {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        guard size > 0 else { return nil }
        var configuration = Configuration()
        configuration.readonly = true
        configuration.busyMode = .timeout(busyTimeout)
        let pool = try makePool(path: path, configuration: configuration, busyTimeout: busyTimeout)
        let ready = try wordingOpenFailures(path: path) {
            // One read transaction for the three questions an open asks.
            try pool.read { db in
                try refuseForeignOrNewer(db, path: path)
                return try migrator.hasCompletedMigrations(db) && !needsReferenceWrite(db)
            }
        }
        guard ready else { return nil }
        return try reading(
            path: path, pool: pool, busyTimeout: busyTimeout, clock: clock, catalogue: Catalogue.decode(json: LedgerFixtures.catalogueJSON))
    }

    /// Refuses, before any migration writes to it, an SQLite file of another application (tables but
    /// no migration record) and a ledger a newer cpsledger migrated (migrations this build lacks).
    static func refuseForeignOrNewer(_ db: Database, path: String) throws {
        let tables = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
        guard tables.contains("grdb_migrations") else {
            if !tables.isEmpty {
                let shown = tables.prefix(5).joined(separator: ", ") + (tables.count > 5 ? ", …" : "")
                throw LedgerError.notALedger(path: path, reason: "it is an SQLite database of another application (tables \(shown)); nothing was written to it")
            }
            return
        }
        guard try migrator.hasBeenSuperseded(db) else { return }
        // GRDB knows only that some applied migration is not registered; the message names them.
        let known = Set(LedgerSchema.migrations.map(\.name))
        let unknown = try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY identifier").filter { !known.contains($0) }
        if !unknown.isEmpty { throw LedgerError.newerLedger(path: path, migrations: unknown) }
    }

    /// The schema's migrations, registered once per process.
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        for migration in LedgerSchema.migrations {
            migrator.registerMigration(migration.name) { db in
                // A first-release ledger's cells lack two columns added to v0001 after it shipped.
                if migration.name == "v0003_views" { try FirstReleaseCells.complete(db) }
                // Hashes become blobs: SQLite 3.40 has no unhex() for the SQL to call.
                if migration.name == "v0011_compact" { db.add(function: EventHasher.hashBlobFunction) }
                try db.execute(sql: migration.sql)
                if migration.name == "v0011_compact" { db.remove(function: EventHasher.hashBlobFunction) }
                // Tokens become events: those of an older ledger are recorded once, as this migration runs.
                if migration.name == "v0005_trust" { try TokenEvents.recordExisting(db) }
                // The Merkle tree of the events an existing ledger holds, streamed in seq order.
                if migration.name == LogSubtrees.migrationName { try LogSubtrees.fill(db) }
            }
        }
        return migrator
    }()

    /// Writes a consistent copy of the ledger to `destination` with SQLite's online backup API,
    /// while others may keep writing.
    public func backup(to destination: String) throws {
        if FileManager.default.fileExists(atPath: destination) {
            throw LedgerError.destinationExists(path: destination)
        }
        let folder = (destination as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.isEmpty ? "." : folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw LedgerError.unwritable(path: destination, reason: "the folder \(folder) does not exist")
        }
        let target: DatabaseQueue
        do {
            target = try DatabaseQueue(path: destination)
        } catch let error as DatabaseError {
            throw LedgerError.unwritable(path: destination, reason: error.message ?? "SQLite cannot create the file")
        }
        do {
            try pool.backup(to: target)
        } catch let error as DatabaseError {
            // A copy cut short (a full disk) is no backup: it is removed rather than left to be trusted.
            try? target.close()
            for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: destination + suffix) }
            let reason = error.resultCode == .SQLITE_FULL ? "the disk is full" : error.message ?? "SQLite cannot write the copy"
            throw LedgerError.unwritable(path: destination, reason: reason + " (the partial copy was removed)")
        }
    }
}
