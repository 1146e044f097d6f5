import LedgerModel
import LedgerStore
import TransparencyLog

/// The events a report's cells rest on, each with the proof that it is in the ledger's
/// transparency log, read in the same transaction as the report: what `cpsledger report --proof DIR`
/// writes beside the report, so that a reader can check, with no ledger file, that every measure,
/// assessment and treaty action behind the figures is in the signed log.
public struct ReportEvidence: Sendable {
    /// The log at the report's read: its tree size and root, and the latest checkpoint.
    public let log: LogState
    /// The tree the proofs are against: the latest checkpoint's when it has a signed note and holds
    /// every event listed (then `verify-proof` checks them against it), else the report's own tree.
    public let proofSize: Int64
    /// The events, in sequence order, each once (with the first cell that rests on it).
    public let events: [Event]

    /// Whether the proofs are against the latest signed checkpoint's tree.
    public var provenByCheckpoint: Bool { log.checkpoint.map { $0.note != nil && $0.size == proofSize } ?? false }

    /// One event a cell rests on.
    public struct Event: Sendable {
        public let seq: Int64
        public let kind: Kind
        /// The cell it is for: a State and an obligation (in a treaties report, a treaty).
        public let state: String
        public let obligation: String
        /// Its proof of inclusion in the tree of ``ReportEvidence/proofSize`` events.
        public let proof: InclusionProof
    }

    /// What the event is to the cell.
    public enum Kind: String, Sendable {
        /// The recording of the measure that gives the cell its status.
        case measure
        /// The latest correction of that measure (the content counted), when it was corrected.
        case measureCorrection = "measure correction"
        /// The reviewers' assessment that rates the cell.
        case assessment
        /// An outside body's rating shown or counted for the cell.
        case externalAssessment = "external assessment"
        /// A treaty action from which an accession cell's status is derived.
        case treatyAction = "treaty action"
    }
}

extension ReportRequest {
    /// Renders the report and, in the same read transaction, lists the events its cells rest on with
    /// their inclusion proofs (``ReportEvidence``).
    public func renderWithEvidence(ledger: Ledger) throws -> (output: Output, evidence: ReportEvidence) {
        try checkBeforeReading(ledger: ledger)
        return try ledger.snapshot { reader in (output: try render(reader), evidence: try evidence(reader)) }
    }

    func evidence(_ reader: LedgerSnapshot) throws -> ReportEvidence {
        var found: [Int64: (kind: ReportEvidence.Kind, state: String, obligation: String)] = [:]
        func add(_ seq: Int64, _ kind: ReportEvidence.Kind, _ state: String, _ obligation: String) {
            if found[seq] == nil { found[seq] = (kind, state, obligation) }
        }
        func cells(of date: ISODate, nonMembers: Bool = false, where keep: (ComplianceSnapshot.CellView) -> Bool = { _ in true }) throws {
            var scoped = filter
            scoped.nonMembers = scoped.nonMembers || nonMembers
            let snapshot = try ComplianceSnapshot.make(
                reader: reader, asOf: date, knownAt: knownAt, treatySet: treatySet, filter: scoped, includeUnpublished: includeUnpublished)
            let actions = try reader.treatyActionEvents(asOf: date, knownAt: knownAt)
            for cell in snapshot.allCells where keep(cell) {
                if let measure = cell.measure {
                    add(measure.measureID, .measure, cell.state, cell.obligation)
                    if measure.versionSeq != measure.measureID { add(measure.versionSeq, .measureCorrection, cell.state, cell.obligation) }
                }
                if let rating = cell.rating { add(rating.seq, .assessment, cell.state, cell.obligation) }
                for outside in cell.external { add(outside.seq, .externalAssessment, cell.state, cell.obligation) }
                if cell.accession != nil {
                    let required = Set((snapshot.treatyIndex.catalogue.requirements[cell.obligation]?[snapshot.treatySet] ?? []).joined())
                    for action in actions where action.state == cell.state && required.contains(action.treaty) {
                        add(action.seq, .treatyAction, cell.state, cell.obligation)
                    }
                }
            }
        }
        switch kind {
        case .summary: try cells(of: asOf, nonMembers: true)
        case .state: try cells(of: asOf, nonMembers: true) { $0.state == subject }
        case .obligation: try cells(of: asOf) { $0.obligation == subject }
        case .matrix, .quality: try cells(of: asOf)
        case .changes:
            if let from { try cells(of: from) }
            try cells(of: asOf)
        case .treaties:
            // The treaty status table: every action up to the date, of the treaty asked for or of all.
            let index = try reader.treatyStatus(knownAt: knownAt)
            let id = subject.flatMap { index.catalogue.treaty(idOrUNTC: $0)?.id }
            for action in try reader.treatyActionEvents(asOf: asOf, knownAt: knownAt) where id == nil || action.treaty == id {
                add(action.seq, .treatyAction, action.state, action.treaty)
            }
        }
        let log = try reader.logState()
        let last = found.keys.max() ?? 0
        let proofSize: Int64
        if let checkpoint = log.checkpoint, checkpoint.note != nil, last <= checkpoint.size { proofSize = checkpoint.size } else { proofSize = log.size }
        let events = try found.keys.sorted().map { seq in
            let (kind, state, obligation) = found[seq]!
            return ReportEvidence.Event(seq: seq, kind: kind, state: state, obligation: obligation, proof: try reader.inclusionProof(seq: seq, size: proofSize))
        }
        return ReportEvidence(log: log, proofSize: proofSize, events: events)
    }
}
