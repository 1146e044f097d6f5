/// The status of an accession obligation for one State on one date, derived from its party status
/// to the treaties the obligation requires.
///
/// Rules: party to every required treaty → `implemented`; to at least one → `partial`; signatory
/// only → `planned`; none → `no_measures`. A requirement whose treaties have no status data in the
/// ledger is unknown, never "not party": `implemented` needs every requirement known, and a cell
/// with unknown requirements is never `no_measures` (it is `not_reported` when nothing known helps).
public struct AccessionStatus: Sendable, Hashable {
    public let status: CellStatus
    /// Requirements met (party to one of their alternatives).
    public let met: Int
    /// Requirements with status data in the ledger.
    public let known: Int
    /// All requirements.
    public let required: Int
    /// Treaty ids of the known requirements not met (the first alternative of each).
    public let missing: [String]
    /// Treaty ids of the requirements with no status data.
    public let unknown: [String]

    /// "rests on 2 of 10 required treaties (8 without status data)".
    public var basis: String {
        known == required
            ? "rests on all \(required) required treaties"
            : "rests on \(known) of \(required) required treaties (\(required - known) without status data)"
    }

    /// Derives the status. `status(treaty)` gives the State's party status to a treaty, or nil when
    /// the ledger holds no status data for that treaty at all.
    public static func derive(requirements: [[String]], status: (String) -> PartyStatus?) -> AccessionStatus {
        var met = 0, known = 0, signed = 0
        var missing: [String] = [], unknown: [String] = []
        for alternatives in requirements {
            let statuses = alternatives.map { ($0, status($0)) }
            let knownStatuses = statuses.compactMap { $0.1 }
            guard !knownStatuses.isEmpty else {
                unknown.append(alternatives[0])
                continue
            }
            known += 1
            if knownStatuses.contains(where: \.isParty) {
                met += 1
            } else {
                missing.append(statuses.first { $0.1 != nil }!.0)
                if knownStatuses.contains(where: \.isSignatoryOnly) { signed += 1 }
            }
        }
        let cell: CellStatus
        if known > 0 && met == requirements.count {
            cell = .implemented
        } else if met > 0 {
            cell = .partial
        } else if signed > 0 {
            cell = .planned
        } else if known > 0 && unknown.isEmpty {
            cell = .noMeasures
        } else {
            cell = .notReported
        }
        return AccessionStatus(status: cell, met: met, known: known, required: requirements.count, missing: missing, unknown: unknown)
    }
}
