import LedgerModel
import LedgerStore

/// The treaty accession audit: for each treaty, who is party (and since when), who signed and
/// stopped there, which Member States are missing; for each State, the treaties its accession
/// obligations still lack; and the number of parties year by year.
public struct TreatyAuditReport: Sendable, Encodable {
    /// How to refresh stale status data, in the words of the command line (``ReportDocument/forBrowser(_:)`` rewords it).
    static var updateHint: String { Localizer.english.text("report.hint.update") }

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
        /// Where the newest status table with rows comes from, and the form it was read from.
        public let statusSource: String?
        public let statusForm: String?
        /// Whether that table is older than the report's stale-data limit on the report date.
        public let stale: Bool
        /// Parties the table's rows give on its own as-at date (beside `published`).
        public let partiesAtStatusDate: Int?
        /// The newest header counts published for the treaty (a header-only file, or a table's own header).
        public let published: PublishedCounts?
        /// What a reader must know whenever the treaty's status is shown (known gaps of its source).
        public let caveats: [String]
        /// Shipped with the build, or added by the ledger (`treaties add`).
        public let catalogue: TreatyOrigin
        /// The `treaty.added` event of a treaty the ledger added.
        public let addedEvent: Int64?
        /// Participants applying the treaty provisionally on the report date that are not party (ISO3).
        public let provisionallyApplying: [String]

        enum CodingKeys: String, CodingKey {
            case id, untc, title, adopted, parties, signatories, stale, published, caveats, catalogue
            case addedEvent = "added_event", provisionallyApplying = "provisionally_applying"
            case shortTitle = "short_title", entryIntoForce = "entry_into_force", statusAsAt = "status_as_at", hasData = "has_data"
            case memberStateParties = "member_state_parties", signatoriesNotParty = "signatories_not_party"
            case memberStatesNotParty = "member_states_not_party", nonMemberParties = "non_member_parties"
            case statusSource = "status_source", statusForm = "status_form", partiesAtStatusDate = "parties_at_status_date"
        }
    }

    /// Counts a depositary published in a file's header (`Signatories : 87. Parties : 190`), with their date and source.
    public struct PublishedCounts: Sendable, Encodable {
        public let parties: Int
        public let signatories: Int?
        public let asAt: ISODate?
        public let file: String
        public let source: String
        /// Whether the file listed no participant (only the counts).
        public let headerOnly: Bool

        enum CodingKeys: String, CodingKey {
            case parties, signatories, file, source
            case asAt = "as_at", headerOnly = "header_only"
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
        /// The derivation `basis` words, for people in any language.
        var accession: AccessionStatus? = nil

        enum CodingKeys: String, CodingKey { case state, obligation, status, basis, missing, unknown }
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
    /// Status data older than this many years on the report date is marked stale.
    public let staleDataYears: Int
    public let treaties: [TreatyRow]
    public let gaps: [Gap]
    public let staleSignatures: [StaleSignature]
    public let timeline: [YearCount]
    public var notes: [String] { noteLines.map(\.english) }
    /// ``notes`` in any language.
    let noteLines: [ReportLine]
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
        case asOf = "as_of", requirementSet = "requirement_set", staleYears = "stale_years", staleDataYears = "stale_data_years", treaties, gaps
        case staleSignatures = "stale_signatures", timeline, notes
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(asOf, forKey: .asOf)
        try c.encode(requirementSet, forKey: .requirementSet)
        try c.encode(staleYears, forKey: .staleYears)
        try c.encode(staleDataYears, forKey: .staleDataYears)
        try c.encode(treaties, forKey: .treaties)
        try c.encode(gaps, forKey: .gaps)
        try c.encode(staleSignatures, forKey: .staleSignatures)
        try c.encode(timeline, forKey: .timeline)
        try c.encode(notes, forKey: .notes)
    }

    /// Computes the audit from a status index and the status tables it was built from (for sources,
    /// published counts and how old the data is).
    public static func make(
        index: TreatyStatusIndex, tables: [TreatyTableRecord] = [], states: StateDirectory, asOf: ISODate, treaty only: String? = nil,
        set: String? = nil, staleYears: Int = 10, staleDataYears: Int = 5
    ) -> TreatyAuditReport {
        let tablesByTreaty = Dictionary(grouping: tables, by: \.treaty)
        let catalogue = index.catalogue
        let set = set ?? catalogue.defaultSet
        let chosen = catalogue.treaties.filter { only == nil || $0.id == only }
        var rows: [TreatyRow] = [], cells: [Cell] = [], stale: [StaleSignature] = [], timeline: [YearCount] = []
        for treaty in chosen {
            var parties: [State] = [], signatories: [State] = [], missing: [String] = [], provisional: [String] = []
            for state in states.states {
                let status = index.status(of: state.iso3, treaty: treaty.id, asOf: asOf)
                if status?.isParty != true,
                    index.actions(of: state.iso3, treaty: treaty.id).contains(where: { $0.kind == .provisionalApplication && $0.date <= asOf })
                {
                    provisional.append(state.iso3)
                }
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
            let statusAsAt = index.tables[treaty.id] ?? nil
            let own = tablesByTreaty[treaty.id] ?? []
            // The table the status rests on: the newest with rows (ties: the later import).
            let basis = own.filter { !$0.isHeaderOnly }.max { ($0.asAt?.ordinal ?? Int.min, $0.seq) < ($1.asAt?.ordinal ?? Int.min, $1.seq) }
            let newestCount = own.filter { $0.declaredParties != nil }
                .max { ($0.asAt?.ordinal ?? Int.min, $0.seq) < ($1.asAt?.ordinal ?? Int.min, $1.seq) }
            let published = newestCount.map {
                PublishedCounts(
                    parties: $0.declaredParties!, signatories: $0.declaredSignatories, asAt: $0.asAt, file: $0.file, source: $0.source,
                    headerOnly: $0.isHeaderOnly)
            }
            let countAtStatusDate = statusAsAt.map { date in
                index.participants(of: treaty.id).filter { index.status(of: $0, treaty: treaty.id, asOf: date)?.isParty == true }.count
            }
            // Stale when dated and old; actions recorded one by one carry no as-at date to judge by.
            let stale = hasData && (statusAsAt.map { $0.years(until: asOf) >= staleDataYears } ?? false)
            rows.append(TreatyRow(
                id: treaty.id, untc: treaty.untc, shortTitle: treaty.shortTitle, title: treaty.title, adopted: treaty.adopted,
                entryIntoForce: treaty.entryIntoForce, statusAsAt: statusAsAt, hasData: hasData,
                parties: parties.count, memberStateParties: parties.filter(\.member).count, signatories: signatories.count,
                signatoriesNotParty: signatories.map(\.iso3), memberStatesNotParty: hasData ? missing : [],
                nonMemberParties: parties.filter { !$0.member }.map(\.iso3), statusSource: basis?.source,
                statusForm: basis.map { ($0.form ?? .text).label }, stale: stale, partiesAtStatusDate: countAtStatusDate,
                published: published, caveats: treaty.caveats, catalogue: treaty.origin, addedEvent: treaty.addedBy,
                provisionallyApplying: provisional))
            if hasData {
                let first = index.participants(of: treaty.id).flatMap { index.actions(of: $0, treaty: treaty.id) }.map(\.date.year).min()
                // The timeline stops at the data's as-at date: after it the ledger does not know.
                let end = min(asOf, statusAsAt ?? asOf)
                if let first, first <= end.year {
                    for year in first...end.year {
                        let day = year == end.year ? end : ISODate(year: year, month: 12, day: 31)!
                        let count = index.participants(of: treaty.id).filter { index.status(of: $0, treaty: treaty.id, asOf: day)?.isParty == true }.count
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
                    unknown: status.unknown, accession: status))
            }
        }
        var notes: [ReportLine] = []
        let undated = chosen.filter { !index.hasData($0.id) }.map(\.id)
        if !undated.isEmpty {
            notes.append(ReportLine { $0.text("report.treaties.note.no_data", ["treaties": undated.joined(separator: ", ")]) })
        }
        let ages = rows.compactMap(\.statusAsAt)
        if let oldest = ages.min(), let newest = ages.max() {
            notes.append(ReportLine { l in
                oldest == newest
                    ? l.text("report.treaties.note.tables_one", ["date": oldest.description])
                    : l.text("report.treaties.note.tables", ["oldest": oldest.description, "newest": newest.description])
            })
        }
        let staleRows = rows.filter(\.stale).map { (title: $0.shortTitle, asAt: $0.statusAsAt) }
        if !staleRows.isEmpty {
            notes.append(ReportLine { l in
                l.plural("report.treaties.note.stale", count: staleDataYears, [
                    "date": asOf.description, "hint": l.text("report.hint.update"),
                    "treaties": staleRows.map { row in
                        l.text("report.treaties.note.stale_treaty", ["treaty": row.title, "date": row.asAt?.description ?? l.text("report.treaties.no_date")])
                    }.joined(separator: l.text("report.list_separator")),
                ])
            })
        }
        for row in rows {
            let title = row.shortTitle
            if let published = row.published, published.asAt != row.statusAsAt || published.parties != row.partiesAtStatusDate {
                let statusAsAt = row.statusAsAt, shown = row.partiesAtStatusDate
                notes.append(ReportLine { l in
                    l.plural("report.treaties.note.published", count: published.parties, [
                        "treaty": title, "date": published.asAt?.description ?? l.text("report.treaties.unknown_date"), "file": published.file,
                        "table_date": statusAsAt?.description ?? l.text("report.treaties.unknown_date"),
                        "shown": shown.map(String.init) ?? l.text("report.treaties.none"),
                    ])
                })
            }
            for caveat in row.caveats { notes.append(ReportLine(verbatim: "\(title): \(caveat)")) }
            if let event = row.addedEvent {
                notes.append(ReportLine { $0.text("report.treaties.note.added", ["treaty": title, "event": String(event)]) })
            }
            if !row.provisionallyApplying.isEmpty {
                let states = row.provisionallyApplying
                notes.append(ReportLine { l in
                    l.plural("report.treaties.note.provisional", count: states.count, ["treaty": title, "states": states.joined(separator: " ")])
                })
            }
        }
        return TreatyAuditReport(
            asOf: asOf, requirementSet: set, staleYears: staleYears, staleDataYears: staleDataYears, treaties: rows, gaps: gaps,
            staleSignatures: stale.sorted { ($0.treaty, $0.signed.ordinal) < ($1.treaty, $1.signed.ordinal) }, timeline: timeline,
            noteLines: notes, cells: cells)
    }
}
