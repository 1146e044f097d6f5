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
    public var notes: [String] { noteLines.map(\.english) }
    /// ``notes`` in any language.
    let noteLines: [ReportLine]

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
    static var treatyReportHint: String { Localizer.english.text("report.hint.treaty_report") }
    static var treatySourcesHint: String { Localizer.english.text("report.hint.treaty_sources") }

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
        var notes = Array(snapshot.frameLines.dropFirst())
        if let everyCell = snapshot.externalLine(), let index = notes.firstIndex(where: { $0.english == everyCell }) {
            if let memberCells = snapshot.externalLines(members: true) { notes[index] = memberCells } else { notes.remove(at: index) }
        }
        let accession = snapshot.obligations.filter { $0.kind == .accession }.map(\.id)
        let asOf = snapshot.asOf, set = snapshot.treatySet
        if !accession.isEmpty {
            notes.append(ReportLine { l in
                l.text("report.summary.note.accession", [
                    "obligations": accession.joined(separator: ", "), "date": asOf.description, "set": set, "hint": l.text("report.hint.treaty_report"),
                ])
            })
        }
        let ages = snapshot.treatyIndex.tables.values.compactMap { $0 }
        if let oldest = ages.min(), let newest = ages.max() {
            notes.append(ReportLine { l in
                oldest == newest
                    ? l.text("report.summary.note.status_tables_one", ["date": oldest.description])
                    : l.text("report.summary.note.status_tables", ["oldest": oldest.description, "newest": newest.description])
            })
        }
        if !accession.isEmpty {
            let treaties = snapshot.treatyIndex.catalogue
            let required = Set(accession.flatMap { treaties.requirements(of: $0, set: snapshot.treatySet).joined() })
            let stale = treaties.treaties.filter { required.contains($0.id) }.compactMap { treaty -> (String, ISODate)? in
                guard let asAt = snapshot.treatyIndex.tables[treaty.id] ?? nil, asAt.years(until: snapshot.asOf) >= staleDataYears else { return nil }
                return (treaty.shortTitle, asAt)
            }
            if !stale.isEmpty {
                notes.append(ReportLine { l in
                    l.plural("report.summary.note.stale_data", count: staleDataYears, [
                        "date": asOf.description, "hint": l.text("report.hint.treaty_sources"),
                        "treaties": stale.map { l.text("report.summary.note.stale_treaty", ["treaty": $0.0, "date": $0.1.description]) }
                            .joined(separator: l.text("report.list_separator")),
                    ])
                })
            }
        }
        let memberCount = members.count
        notes.append(ReportLine { $0.plural("report.summary.note.members", count: memberCount) })
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
            noteLines: notes)
    }
}
