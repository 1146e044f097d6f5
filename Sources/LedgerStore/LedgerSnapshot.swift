import GRDB
import LedgerModel

/// The ledger as one read transaction sees it: every read through it agrees with every other,
/// whatever is written meanwhile, and ``head`` names the last event it sees. A report reads
/// through one (``Ledger/snapshot(_:)``), so its parts never disagree and it can say which state
/// of the ledger it shows.
///
/// It lives only inside the closure given to ``Ledger/snapshot(_:)``; it must not escape it.
public struct LedgerSnapshot {
    /// The ledger read (its catalogue, States and treaties, which never change while it is open).
    public let ledger: Ledger
    /// The last sequence number the snapshot sees (0 for an empty ledger).
    public let head: Int64
    let db: Database

    /// See ``Ledger/cellStatuses(asOf:knownAt:)``.
    public func cellStatuses(asOf: ISODate? = nil, knownAt: KnownAt? = nil) throws -> [CellRecord] {
        try ledger.cellStatuses(db, head: head, asOf: asOf, knownAt: knownAt)
    }

    /// See ``Ledger/cellStatusesIncludingUnpublished(asOf:)``.
    public func cellStatusesIncludingUnpublished(asOf: ISODate? = nil) throws -> [CellRecord] {
        try ledger.cellStatusesIncludingUnpublished(db, head: head, asOf: asOf)
    }

    /// See ``Ledger/latestAssessments(asOf:knownAt:)``.
    public func latestAssessments(asOf: ISODate? = nil, knownAt: KnownAt? = nil) throws -> [AssessmentRecord] {
        try Ledger.latestAssessments(db, asOf: asOf, knownAt: knownAt)
    }

    /// See ``Ledger/externalAssessments(asOf:knownAt:)``.
    public func externalAssessments(asOf: ISODate? = nil, knownAt: KnownAt? = nil) throws -> [ExternalAssessmentRecord] {
        try Ledger.externalAssessments(db, asOf: asOf, knownAt: knownAt)
    }

    /// See ``Ledger/outsideScores(state:asOf:knownAt:)``.
    public func outsideScores(state: String? = nil, asOf: ISODate? = nil, knownAt: KnownAt? = nil) throws -> [OutsideScoreRecord] {
        try Ledger.outsideScores(db, state: state, asOf: asOf, knownAt: knownAt)
    }

    /// See ``Ledger/exampleCellCount()``.
    public func exampleCellCount() throws -> Int {
        try Ledger.exampleCellCount(db)
    }

    /// See ``Ledger/treatyStatus(knownAt:)``.
    public func treatyStatus(knownAt: KnownAt? = nil) throws -> TreatyStatusIndex {
        try ledger.treatyStatus(db, knownAt: knownAt)
    }

    /// See ``Ledger/treatyTables(knownAt:)``.
    public func treatyTables(knownAt: KnownAt? = nil) throws -> [TreatyTableRecord] {
        try Ledger.treatyTables(db, knownAt: knownAt)
    }

    /// See ``Ledger/publishedRounds(knownAt:)``.
    public func publishedRounds(knownAt: KnownAt? = nil) throws -> [(name: String, publishedAt: String)] {
        try Ledger.publishedRounds(db, knownAt: knownAt)
    }

    /// See ``Ledger/measureContents(versions:)``.
    public func measureContents(versions: [Int64]) throws -> [Int64: MeasureFields] {
        guard !versions.isEmpty else { return [:] }
        return try Ledger.measureContents(db, versions: versions)
    }
}

extension Ledger {
    /// Runs `reads` in one read transaction (GRDB's `read`): every read through the snapshot sees
    /// the ledger as it was at its ``LedgerSnapshot/head``, whatever other connections write
    /// meanwhile. Do not call the ledger's own read methods inside: reads do not nest.
    public func snapshot<T>(_ reads: (LedgerSnapshot) throws -> T) throws -> T {
        try pool.read { db in try reads(LedgerSnapshot(ledger: self, head: try Self.readingHeadSeq(db), db: db)) }
    }
}
