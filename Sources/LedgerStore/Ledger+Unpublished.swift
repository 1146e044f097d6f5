import Foundation
import GRDB
import LedgerModel

extension Ledger {
    /// The cell statuses as if every answer not yet published counted: the drafts, submitted,
    /// returned and accepted answers of every round applied, in the order they were written, over
    /// the measures in force on `asOf` (today when nil). For a reviewer's or admin's look at what a
    /// publication would change; never the published record. A draft's measure id is the draft's
    /// sequence number.
    public func cellStatusesIncludingUnpublished(asOf: ISODate? = nil) throws -> [CellRecord] {
        try snapshot { try $0.cellStatusesIncludingUnpublished(asOf: asOf) }
    }

    /// ``cellStatusesIncludingUnpublished(asOf:)`` read in `db`, whose last sequence number is `head`.
    func cellStatusesIncludingUnpublished(_ db: Database, head: Int64, asOf: ISODate?) throws -> [CellRecord] {
        let base = try cellStatuses(db, head: head, asOf: asOf, knownAt: nil)
        let book = try RoundBook(db)
        let pendingStatuses: Set<RoundDraftStatus> = [.draft, .submitted, .returned, .accepted]
        let pending = book.drafts.values.filter { pendingStatuses.contains($0.status) && $0.action != .withdraw }.sorted { $0.seq < $1.seq }
        guard !pending.isEmpty else { return base }
        struct Candidate { var state: String, obligation: String, status: ImplementationStatus, effective: ISODate, version: Int64 }
        var candidates: [Int64: Candidate] = [:]
        var touched = Set<CellKey>()
        func load(state: String, obligation: String) throws {
            guard touched.insert(CellKey(state: state, obligation: obligation)).inserted else { return }
            // A status or date the model does not know is named, never skipped (the checked record throws).
            for measure in try MeasureRow.fetchAll(
                db, "WHERE m.state = ? AND m.obligation = ? AND m.retracted_seq IS NULL", arguments: [state, obligation])
            {
                candidates[measure.id] = Candidate(
                    state: state, obligation: obligation, status: measure.status, effective: measure.effectiveDate, version: measure.lastSeq)
            }
        }
        for draft in pending {
            if let id = draft.measure, candidates[id] == nil {
                let current = try Self.measure(resolving: id, db)
                try load(state: current.fields.state, obligation: current.fields.obligation)
            }
            try load(state: draft.state, obligation: draft.obligation)
            switch draft.change {
            case .record(let fields):
                candidates[Self.rootDraft(draft.seq, book)] = Candidate(
                    state: fields.state, obligation: fields.obligation, status: fields.status, effective: fields.effectiveDate, version: draft.seq)
            case .correct(let id, _, let fields):
                candidates[id] = Candidate(
                    state: fields.state, obligation: fields.obligation, status: fields.status, effective: fields.effectiveDate, version: draft.seq)
            case .retract(let id, _, _, _):
                candidates[id] = nil
            case .withdraw:
                break
            }
        }
        let today = asOf ?? ISODate.utc()
        var best: [CellKey: (id: Int64, candidate: Candidate)] = [:]
        for (id, candidate) in candidates where candidate.effective <= today {
            let key = CellKey(state: candidate.state, obligation: candidate.obligation)
            if let current = best[key], (current.candidate.effective, current.id) > (candidate.effective, id) { continue }
            best[key] = (id, candidate)
        }
        var cells = base.filter { !touched.contains(CellKey(state: $0.state, obligation: $0.obligation)) }
        for key in touched {
            guard let (id, candidate) = best[key] else { continue }
            cells.append(CellRecord(
                state: key.state, obligation: key.obligation, status: candidate.status, effectiveDate: candidate.effective, measureID: id,
                versionSeq: candidate.version))
        }
        return cells.sorted { ($0.state, $0.obligation) < ($1.state, $1.obligation) }
    }

    /// The first draft of a chain of replacing drafts: the id a drafted measure keeps while it is corrected in draft.
    private static func rootDraft(_ seq: Int64, _ book: RoundBook) -> Int64 {
        var seq = seq
        while let earlier = book.drafts[seq]?.replaces { seq = earlier }
        return seq
    }
}
