import LedgerModel

/// What ``ScoreTally`` counts of one cell: its status, the rating that scores it and its basis.
struct TallyInput: Sendable {
    let status: CellStatus
    let rating: AssessmentRating?
    let derived: Bool
    let external: Bool

    init(_ cell: ComplianceSnapshot.CellView) {
        status = cell.status
        rating = cell.effectiveRating
        derived = cell.accession != nil
        external = cell.rating == nil && cell.externalRating != nil
    }
}
