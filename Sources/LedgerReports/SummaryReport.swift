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

    /// Commands named in the notes, in the words of the command line (``ReportDocument/forBrowser(_:)`` rewords them).
    static let treatyReportHint = "`cpsledger report treaties` shows on how many treaties each cell rests"
    static let treatySourcesHint = "`cpsledger treaties sources` says where to get newer data"

    public static let scoringRules = [
        "A cell's score is its assessed rating when one exists (C 1, LC 0.75, PC 0.5, NC 0), else an outside body's rating of a directly linked item (FATF, basis external), else its self-reported status (implemented 1, partial 0.5, planned 0.25, no measures 0).",
        "Cells not applicable (self-reported, or rated NA) leave the denominator.",
        "Cells not reported lower coverage (reported / applicable) and are never scored as zero.",
        "score = sum of cell scores / applicable and reported cells.",
        "Every cell is counted in one status: a cell scored from an outside body's rating is counted as rated externally (FATF), whatever the State reported; a cell a reviewer rated where the State reported nothing applicable, as assessed, nothing self-reported; a cell rated NA, as not applicable.",
    ]

    /// Computes the summary from a snapshot (its filters apply; include non-members in it to see them apart).
    /// The notes list the required treaties whose status data is older than `staleDataYears` on the report date.
    public static func make(snapshot: ComplianceSnapshot, staleDataYears: Int = 5) -> SummaryReport {
        let catalogue = snapshot.catalogue
        let members = snapshot.states.filter(\.member)
        let global = snapshot.tally(states: members)
        // The figures cover Member States, so the FATF line counts theirs (the snapshot holds non-members too).
        let everyCell = snapshot.externalLine(), memberCells = snapshot.externalLine(members: true)
        var notes = snapshot.frame.dropFirst().compactMap { $0 == everyCell ? memberCells : $0 }
        let accession = snapshot.obligations.filter { $0.kind == .accession }.map(\.id)
        if !accession.isEmpty {
            notes.append("Accession obligations (\(accession.joined(separator: ", "))) take their status from treaty actions as of \(snapshot.asOf), requirement set \(snapshot.treatySet); a treaty with no status data in the ledger is unknown, never 'not party' (\(Self.treatyReportHint)).")
        }
        let ages = snapshot.treatyIndex.tables.values.compactMap { $0 }
        if let oldest = ages.min(), let newest = ages.max() {
            notes.append("Treaty status comes from status tables as at \(oldest == newest ? oldest.description : "\(oldest) to \(newest)").")
        }
        if !accession.isEmpty {
            let treaties = snapshot.treatyIndex.catalogue
            let required = Set(accession.flatMap { treaties.requirements(of: $0, set: snapshot.treatySet).joined() })
            let stale = treaties.treaties.filter { required.contains($0.id) }.compactMap { treaty -> String? in
                guard let asAt = snapshot.treatyIndex.tables[treaty.id] ?? nil, asAt.years(until: snapshot.asOf) >= staleDataYears else { return nil }
                return "\(treaty.shortTitle) (as at \(asAt))"
            }
            if !stale.isEmpty {
                notes.append(
                    "Stale treaty data (older than \(staleDataYears) years on \(snapshot.asOf)): \(stale.joined(separator: ", ")); "
                        + "the accession cells resting on them may be out of date (\(Self.treatySourcesHint)).")
            }
        }
        notes.append("Figures cover the \(members.count) UN Member States in scope; non-member participants are shown apart.")
        let obligationCount = snapshot.obligations.count
        let groups = RegionalGroup.allCases.compactMap { group -> TallyRow? in
            let inGroup = members.filter { $0.regionalGroup == group }
            if inGroup.isEmpty { return nil }
            return TallyRow(name: group.rawValue, states: inGroup.count, obligations: obligationCount, tally: snapshot.tally(states: inGroup))
        }
        let articles = snapshot.articles.map {
            TallyRow(name: $0.name, states: members.count, obligations: $0.obligations.count, tally: snapshot.tally(states: members, obligations: $0.obligations))
        }
        let themeNames = Set(snapshot.obligations.flatMap(\.themes)).sorted()
        let themes = themeNames.map { theme in
            let inTheme = snapshot.obligations.filter { $0.themes.contains(theme) }
            return TallyRow(name: theme, states: members.count, obligations: inTheme.count, tally: snapshot.tally(states: members, obligations: inTheme))
        }
        let others = snapshot.states.filter { !$0.member }
        return SummaryReport(
            asOf: snapshot.asOf, instrument: catalogue.instrument.id,
            basis: global.reported == 0
                ? "no cell reported"
                : "\(global.assessed) of \(global.reported) scored cells rest on an assessment, \(global.selfReported) on self-reported status"
                    + (global.derived > 0 ? ", \(global.derived) on treaty status" : "")
                    + (global.external > 0 ? ", \(global.external) on an outside body's rating (basis external: FATF, through the crosswalk)" : ""),
            global: TallyRow(name: "All Member States", states: members.count, obligations: obligationCount, tally: global),
            regionalGroups: groups, articles: articles, themes: themes,
            nonMembers: TallyRow(name: "Non-member participants", states: others.count, obligations: obligationCount, tally: snapshot.tally(states: others)),
            notes: notes)
    }
}
