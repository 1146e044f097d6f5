import Foundation
import LedgerModel
import LedgerStore

/// The compliance summary: coverage, score and status counts over the Member States, globally,
/// per regional group, per Article and per theme, as of one date.
public struct SummaryReport: Sendable, Encodable {
    /// The date the statuses are taken as of.
    public let asOf: ISODate
    /// The instrument the obligations come from.
    public let instrument: String
    /// How the scores were reached: how many cells rest on an assessment and how many on self-reports.
    public let basis: String
    public let global: TallyRow
    public let regionalGroups: [TallyRow]
    public let articles: [TallyRow]
    public let themes: [TallyRow]
    /// Non-member participants (kept out of every Member-State figure above).
    public let nonMembers: TallyRow
    /// Things a reader must know to read the figures right.
    public let notes: [String]

    enum CodingKeys: String, CodingKey {
        case asOf = "as_of", instrument, basis, global
        case regionalGroups = "regional_groups", articles, themes
        case nonMembers = "non_members", notes
        case scoringRules = "scoring_rules"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(asOf, forKey: .asOf)
        try c.encode(instrument, forKey: .instrument)
        try c.encode(basis, forKey: .basis)
        try c.encode(global, forKey: .global)
        try c.encode(regionalGroups, forKey: .regionalGroups)
        try c.encode(articles, forKey: .articles)
        try c.encode(themes, forKey: .themes)
        try c.encode(nonMembers, forKey: .nonMembers)
        try c.encode(notes, forKey: .notes)
        try c.encode(Self.scoringRules, forKey: .scoringRules)
    }

    public static let scoringRules = [
        "A cell's score is its assessed rating when one exists (C 1, LC 0.75, PC 0.5, NC 0), else its self-reported status (implemented 1, partial 0.5, planned 0.25, no_measures 0).",
        "not_applicable cells (self-reported, or rated NA) leave the denominator.",
        "not_reported cells lower coverage (reported / applicable) and are never scored as zero.",
        "score = sum of cell scores / applicable and reported cells.",
    ]

    /// Computes the summary from the ledger as of `asOf`.
    public static func make(ledger: Ledger, asOf: ISODate, treatySet: String? = nil) throws -> SummaryReport {
        let cells = try ledger.cellStatuses(asOf: asOf)
        let assessments = try ledger.latestAssessments(asOf: asOf)
        let index = try ledger.treatyStatus()
        let set = treatySet ?? ledger.treaties.defaultSet
        var notes: [String] = []
        let accession = ledger.catalogue.obligations.filter { $0.kind == .accession }.map(\.id)
        if !accession.isEmpty {
            notes.append("Accession obligations (\(accession.joined(separator: ", "))) take their status from treaty actions as of \(asOf), requirement set \(set); a treaty with no status data in the ledger is unknown, never 'not party' (`cpsledger report treaties` shows on how many treaties each cell rests).")
        }
        let ages = index.tables.values.compactMap { $0 }
        if let oldest = ages.min(), let newest = ages.max() {
            notes.append("Treaty status comes from status tables as at \(oldest == newest ? oldest.description : "\(oldest) to \(newest)").")
        }
        return make(
            catalogue: ledger.catalogue, states: ledger.states, cells: cells, assessments: assessments,
            accession: { state, obligation in index.accession(of: state, obligation: obligation, asOf: asOf, set: set).status },
            asOf: asOf, notes: notes)
    }

    /// Computes the summary from cell statuses, assessments and accession statuses already read.
    public static func make(
        catalogue: Catalogue, states: StateDirectory, cells: [CellRecord], assessments: [AssessmentRecord],
        accession: (String, String) -> CellStatus = { _, _ in .notReported }, asOf: ISODate, notes extraNotes: [String] = []
    ) -> SummaryReport {
        struct Key: Hashable { let state: String, obligation: String }
        var statusOf: [Key: CellStatus] = [:]
        for cell in cells { statusOf[Key(state: cell.state, obligation: cell.obligation)] = CellStatus(cell.status) }
        var ratingOf: [Key: AssessmentRating] = [:]
        for assessment in assessments {
            ratingOf[Key(state: assessment.fields.state, obligation: assessment.fields.obligation)] = assessment.fields.rating
        }
        var global = ScoreTally(), nonMembers = ScoreTally()
        var groups: [RegionalGroup: ScoreTally] = [:], groupStates: [RegionalGroup: Int] = [:]
        var articles: [String: ScoreTally] = [:], articleObligations: [String: Int] = [:], articleOrder: [String] = []
        var themes: [String: ScoreTally] = [:], themeObligations: [String: Int] = [:]
        for obligation in catalogue.obligations {
            let article = catalogue.provision(of: obligation).article
            if articleObligations[article] == nil { articleOrder.append(article) }
            articleObligations[article, default: 0] += 1
            for theme in obligation.themes { themeObligations[theme, default: 0] += 1 }
        }
        for state in states.states {
            if let group = state.regionalGroup { groupStates[group, default: 0] += 1 }
            for obligation in catalogue.obligations {
                let key = Key(state: state.iso3, obligation: obligation.id)
                let status = obligation.kind == .accession ? accession(state.iso3, obligation.id) : statusOf[key] ?? .notReported
                let rating = ratingOf[key]
                let derived = obligation.kind == .accession
                guard state.member else {
                    nonMembers.add(status: status, rating: rating, derived: derived)
                    continue
                }
                global.add(status: status, rating: rating, derived: derived)
                if let group = state.regionalGroup { groups[group, default: ScoreTally()].add(status: status, rating: rating, derived: derived) }
                articles[catalogue.provision(of: obligation).article, default: ScoreTally()].add(status: status, rating: rating, derived: derived)
                for theme in obligation.themes { themes[theme, default: ScoreTally()].add(status: status, rating: rating, derived: derived) }
            }
        }
        let memberCount = states.memberStates.count
        let obligationCount = catalogue.obligations.count
        var notes = extraNotes
        notes.append("Figures cover the \(memberCount) UN Member States; non-member participants are shown apart.")
        return SummaryReport(
            asOf: asOf, instrument: catalogue.instrument.id,
            basis: global.reported == 0
                ? "no cell reported"
                : "\(global.assessed) of \(global.reported) scored cells rest on an assessment, \(global.selfReported) on self-reported status"
                    + (global.derived > 0 ? ", \(global.derived) on treaty status" : ""),
            global: TallyRow(name: "All Member States", states: memberCount, obligations: obligationCount, tally: global),
            regionalGroups: RegionalGroup.allCases.map {
                TallyRow(name: $0.rawValue, states: groupStates[$0] ?? 0, obligations: obligationCount, tally: groups[$0] ?? ScoreTally())
            },
            articles: articleOrder.map {
                TallyRow(name: $0, states: memberCount, obligations: articleObligations[$0] ?? 0, tally: articles[$0] ?? ScoreTally())
            },
            themes: themes.keys.sorted().map {
                TallyRow(name: $0, states: memberCount, obligations: themeObligations[$0] ?? 0, tally: themes[$0]!)
            },
            nonMembers: TallyRow(
                name: "Non-member participants", states: states.states.count - memberCount, obligations: obligationCount,
                tally: nonMembers),
            notes: notes)
    }
}
