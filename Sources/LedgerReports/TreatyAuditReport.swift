import LedgerModel
import LedgerStore

/// The treaty accession audit: for each treaty, who is party (and since when), who signed and
/// stopped there, which Member States are missing; for each State, the treaties its accession
/// obligations still lack; and the number of parties year by year.
public struct TreatyAuditReport: Sendable, Encodable {
    /// One treaty's standing as of the report date.
    public struct TreatyRow: Sendable, Encodable {
        public let id: String
        public let untc: String?
        public let shortTitle: String
        public let title: String
        public let adopted: ISODate
        public let entryIntoForce: ISODate
        /// The as-at date of the latest status table imported for the treaty (how old the data is).
        public let statusAsAt: ISODate?
        /// Whether the ledger holds any status data for the treaty.
        public let hasData: Bool
        /// All participants that are party (Member States and others).
        public let parties: Int
        public let memberStateParties: Int
        /// Participants that signed and are not party.
        public let signatories: Int
        public let signatoriesNotParty: [String]
        public let memberStatesNotParty: [String]
        public let nonMemberParties: [String]

        enum CodingKeys: String, CodingKey {
            case id, untc, title, adopted, parties, signatories
            case shortTitle = "short_title", entryIntoForce = "entry_into_force", statusAsAt = "status_as_at", hasData = "has_data"
            case memberStateParties = "member_state_parties", signatoriesNotParty = "signatories_not_party"
            case memberStatesNotParty = "member_states_not_party", nonMemberParties = "non_member_parties"
        }
    }

    /// One accession obligation of one State: its derived status and what is missing.
    public struct Gap: Sendable, Encodable {
        public let state: String
        public let obligation: String
        public let status: CellStatus
        public let basis: String
        public let missing: [String]
        public let unknown: [String]
    }

    /// A signature not followed by consent to be bound for more than the threshold.
    public struct StaleSignature: Sendable, Encodable {
        public let state: String
        public let treaty: String
        public let signed: ISODate
        public let years: Int
    }

    /// Parties at the end of one year.
    public struct YearCount: Sendable, Encodable {
        public let treaty: String
        public let year: Int
        public let parties: Int
    }

    public let asOf: ISODate
    /// Which requirement set the accession obligations were judged by.
    public let requirementSet: String
    public let staleYears: Int
    public let treaties: [TreatyRow]
    public let gaps: [Gap]
    public let staleSignatures: [StaleSignature]
    public let timeline: [YearCount]
    public let notes: [String]
    /// Per State and treaty: the status as of the report date (for CSV).
    public let cells: [Cell]

    /// One State × treaty cell.
    public struct Cell: Sendable, Encodable {
        public let state: String
        public let member: Bool
        public let treaty: String
        /// party, signatory, denounced, none, or unknown (no status data).
        public let status: String
        public let since: ISODate?
    }

    enum CodingKeys: String, CodingKey {
        case asOf = "as_of", requirementSet = "requirement_set", staleYears = "stale_years", treaties, gaps
        case staleSignatures = "stale_signatures", timeline, notes
    }

    /// Computes the audit from the ledger's treaty status as of `asOf`.
    public static func make(
        ledger: Ledger, asOf: ISODate, treaty only: String? = nil, set: String? = nil, staleYears: Int = 10
    ) throws -> TreatyAuditReport {
        make(index: try ledger.treatyStatus(), states: ledger.states, asOf: asOf, treaty: only, set: set, staleYears: staleYears)
    }

    public static func make(
        index: TreatyStatusIndex, states: StateDirectory, asOf: ISODate, treaty only: String? = nil, set: String? = nil,
        staleYears: Int = 10
    ) -> TreatyAuditReport {
        let catalogue = index.catalogue
        let set = set ?? catalogue.defaultSet
        let chosen = catalogue.treaties.filter { only == nil || $0.id == only }
        var rows: [TreatyRow] = [], cells: [Cell] = [], stale: [StaleSignature] = [], timeline: [YearCount] = []
        for treaty in chosen {
            var parties: [State] = [], signatories: [State] = [], missing: [String] = []
            for state in states.states {
                let status = index.status(of: state.iso3, treaty: treaty.id, asOf: asOf)
                switch status {
                case .party(let since, _)?:
                    parties.append(state)
                    cells.append(Cell(state: state.iso3, member: state.member, treaty: treaty.id, status: "party", since: since))
                case .signatory(let since)?:
                    signatories.append(state)
                    cells.append(Cell(state: state.iso3, member: state.member, treaty: treaty.id, status: "signatory", since: since))
                    let years = since.years(until: asOf)
                    if years > staleYears { stale.append(StaleSignature(state: state.iso3, treaty: treaty.id, signed: since, years: years)) }
                case .denounced(let on)?:
                    cells.append(Cell(state: state.iso3, member: state.member, treaty: treaty.id, status: "denounced", since: on))
                case PartyStatus.none?:
                    cells.append(Cell(state: state.iso3, member: state.member, treaty: treaty.id, status: "none", since: nil))
                case nil:
                    cells.append(Cell(state: state.iso3, member: state.member, treaty: treaty.id, status: "unknown", since: nil))
                }
                if state.member && status?.isParty != true && status != nil { missing.append(state.iso3) }
            }
            let hasData = index.hasData(treaty.id)
            rows.append(TreatyRow(
                id: treaty.id, untc: treaty.untc, shortTitle: treaty.shortTitle, title: treaty.title, adopted: treaty.adopted,
                entryIntoForce: treaty.entryIntoForce, statusAsAt: index.tables[treaty.id] ?? nil, hasData: hasData,
                parties: parties.count, memberStateParties: parties.filter(\.member).count, signatories: signatories.count,
                signatoriesNotParty: signatories.map(\.iso3), memberStatesNotParty: hasData ? missing : [],
                nonMemberParties: parties.filter { !$0.member }.map(\.iso3)))
            if hasData {
                let first = index.participants(of: treaty.id).flatMap { index.actions(of: $0, treaty: treaty.id) }.map(\.date.year).min()
                // No timeline before the first action (an as-of date before it once crashed the server).
                if let first, first <= asOf.year {
                    for year in first...asOf.year {
                        let end = year == asOf.year ? asOf : ISODate(year: year, month: 12, day: 31)!
                        let count = index.participants(of: treaty.id).filter { index.status(of: $0, treaty: treaty.id, asOf: end)?.isParty == true }.count
                        timeline.append(YearCount(treaty: treaty.id, year: year, parties: count))
                    }
                }
            }
        }
        var gaps: [Gap] = []
        let accessionObligations = catalogue.requirements.keys.sorted()
        for state in states.memberStates {
            for obligation in accessionObligations {
                let requirements = catalogue.requirements(of: obligation, set: set)
                if let only, !requirements.joined().contains(only) { continue }
                let status = index.accession(of: state.iso3, obligation: obligation, asOf: asOf, set: set)
                gaps.append(Gap(
                    state: state.iso3, obligation: obligation, status: status.status, basis: status.basis, missing: status.missing,
                    unknown: status.unknown))
            }
        }
        var notes: [String] = []
        let undated = chosen.filter { !index.hasData($0.id) }.map(\.id)
        if !undated.isEmpty {
            notes.append("No status data for \(undated.joined(separator: ", ")): their status is unknown (never counted as not party) until a status table or actions are imported.")
        }
        let ages = rows.compactMap(\.statusAsAt)
        if let oldest = ages.min(), let newest = ages.max() {
            notes.append("Status tables are as at \(oldest == newest ? oldest.description : "\(oldest) to \(newest)"); actions after those dates are not in the ledger unless imported since.")
        }
        return TreatyAuditReport(
            asOf: asOf, requirementSet: set, staleYears: staleYears, treaties: rows, gaps: gaps,
            staleSignatures: stale.sorted { ($0.treaty, $0.signed.ordinal) < ($1.treaty, $1.signed.ordinal) }, timeline: timeline,
            notes: notes, cells: cells)
    }
}
