import LedgerModel
import LedgerStore

/// The scorecard of one State: every obligation with its status, rating, the measure behind it
/// (title, kind, effective date, source, evidence) and, for accession obligations, the missing treaties.
public struct StateReport: Sendable, Encodable {
    /// One obligation of the scorecard.
    public struct Line: Sendable, Encodable {
        public let obligation: String
        public let provision: String
        public let title: String
        public let status: CellStatus
        /// How every report counts and shows the cell (status with its rating applied).
        public let counted: CountedStatus
        public let rating: AssessmentRating?
        public let ratingComment: String?
        public let score: Double?
        public let basis: String
        public let measureId: Int64?
        public let measureTitle: String?
        public let measureKind: MeasureKind?
        public let effectiveDate: ISODate?
        public let source: String?
        public let evidence: [String]
        public let missingTreaties: [String]
        public let unknownTreaties: [String]
        /// Outside ratings linked to the obligation (`FATF R.11: LC, follow-up report 2024-03`); nil when none.
        public var external: [String]? = nil
        /// Outside views linked to the obligation (``OutsideView/label(for:)``), never counted; nil when none.
        public var outside: [String]? = nil
        /// The outside ratings of `external` as label and link strength, for people in any language.
        var externalLinks: [(label: String, strength: Crosswalk.Strength)] = []
        /// `basis` in any language.
        var basisLine: ReportLine? = nil

        enum CodingKeys: String, CodingKey {
            case obligation, provision, title, status, rating, score, basis, source, evidence, external, outside
            case counted = "counted_as"
            case ratingComment = "rating_comment", measureId = "measure_id", measureTitle = "measure_title", measureKind = "measure_kind"
            case effectiveDate = "effective_date", missingTreaties = "missing_treaties", unknownTreaties = "unknown_treaties"
        }
    }

    public let asOf: ISODate
    public let knownAt: String?
    public let state: State
    public let tally: ScoreTally
    public let lines: [Line]
    public var notes: [String] { noteLines.map(\.english) }
    /// ``notes`` in any language.
    let noteLines: [ReportLine]
    /// The outside index's indicators scored for the State, edition by edition; empty when none is recorded.
    public var outsideViews: [OutsideView] = []

    enum CodingKeys: String, CodingKey {
        case asOf = "as_of", knownAt = "known_at", state, lines = "obligations", notes, outsideViews = "outside_views"
        case coverage, score, coverageFormula = "coverage_formula", scoreFormula = "score_formula"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(asOf, forKey: .asOf)
        try c.encode(knownAt, forKey: .knownAt)
        try c.encode(state, forKey: .state)
        try c.encode(lines, forKey: .lines)
        try c.encode(notes, forKey: .notes)
        if !outsideViews.isEmpty { try c.encode(outsideViews, forKey: .outsideViews) }
        try c.encode(tally.coverage.map(TallyRow.rounded), forKey: .coverage)
        try c.encode(tally.score.map(TallyRow.rounded), forKey: .score)
        try c.encode(tally.coverageFormula, forKey: .coverageFormula)
        try c.encode(tally.scoreFormula, forKey: .scoreFormula)
    }

    /// Computes the scorecard of `iso3` from a snapshot; `contents` gives the measures' content by version event.
    public static func make(snapshot: ComplianceSnapshot, state iso3: String, reader: LedgerSnapshot) throws -> StateReport? {
        guard let state = snapshot.directory[iso3] else { return nil }
        let cells = snapshot.obligations.compactMap { snapshot.cell(iso3, $0.id) }
        let contents = try reader.measureContents(versions: cells.compactMap { $0.measure?.versionSeq })
        var tally = ScoreTally()
        let views = OutsideView.make(
            records: try reader.outsideScores(state: iso3, asOf: snapshot.asOf, knownAt: snapshot.knownAt),
            crosswalk: try Ledger.ocIndexCrosswalk(), fatf: try reader.externalAssessments(asOf: snapshot.asOf, knownAt: snapshot.knownAt).filter { $0.fields.state == iso3 })[iso3] ?? []
        let lines = cells.map { cell -> Line in
            tally.add(cell)
            let obligation = snapshot.catalogue.obligation(cell.obligation)!
            let fields = cell.measure.flatMap { contents[$0.versionSeq] }
            return Line(
                obligation: obligation.id, provision: snapshot.catalogue.provision(of: obligation).label, title: obligation.title,
                status: cell.status, counted: cell.counted, rating: cell.effectiveRating, ratingComment: cell.rating?.fields.comment, score: cell.score,
                basis: cell.accession?.basis ?? cell.basis, measureId: cell.measure?.measureID, measureTitle: fields?.title,
                measureKind: fields?.kind, effectiveDate: fields?.effectiveDate, source: fields?.source,
                evidence: fields?.evidence.map(\.sha256) ?? [], missingTreaties: cell.accession?.missing ?? [],
                unknownTreaties: cell.accession?.unknown ?? [],
                external: cell.external.isEmpty ? nil : cell.external.map { "\($0.label) (\($0.strength.rawValue) link)" },
                outside: Self.outside(views, obligation: obligation.id), externalLinks: cell.external.map { ($0.label, $0.strength) },
                basisLine: cell.basisLine)
        }
        var notes = snapshot.frameLines
        if !state.member {
            notes.append(ReportLine { l in l.text("report.state.note.non_member", ["state": StateNames.name(of: state, in: l.language)]) })
        }
        if !views.isEmpty { notes += OutsideView.noteLines }
        return StateReport(
            asOf: snapshot.asOf, knownAt: snapshot.knownAt?.timestamp, state: state, tally: tally, lines: lines, noteLines: notes, outsideViews: views)
    }

    /// The labels of the views linked to `obligation`; nil when none.
    static func outside(_ views: [OutsideView], obligation: String, _ l: Localizer = .english) -> [String]? {
        let linked = views.filter { view in view.links.contains { $0.obligation == obligation } }
        return linked.isEmpty ? nil : linked.map { $0.label(for: obligation, l) }
    }

    /// Outside ratings as a cell lists them (`FATF R.11: LC, follow-up report 2024-03 (direct link)`), in `l`'s words.
    static func external(_ links: [(label: String, strength: Crosswalk.Strength)], _ l: Localizer) -> String {
        links.map { l.text("report.external.link", ["rating": $0.label, "strength": l.name($0.strength)]) }.joined(separator: "; ")
    }

    /// The sections that show the outside views: resilience, then markets and actors, then the crosswalk's links.
    static func outsideSections(_ views: [OutsideView], titles: [String: String], _ l: Localizer = .english) -> [ReportDocument.Section] {
        func catalogue(_ obligation: String) -> String { titles[obligation] ?? obligation }
        guard !views.isEmpty else { return [] }
        let editions = Array(Set(views.flatMap { $0.editions.map(\.edition) })).sorted()
        func row(_ view: OutsideView) -> [String] {
            var row = [view.title]
            for edition in editions { row.append(view.editions.first { $0.edition == edition }.map { l.number(OutsideScoreFields.text($0.score)) } ?? "") }
            row.append(l.number(view.changeText))
            row.append(view.links.map { "\(catalogue($0.obligation)) (\(l.name($0.strength)))" }.joined(separator: "; "))
            row.append(view.besideLine?.text(l) ?? "")
            return row
        }
        let headers = [l.text("report.header.indicator")] + editions.map(String.init) + [l.text("report.header.change"), l.text("report.header.linked_obligations"), l.text("report.header.beside")]
        let resilience = views.filter { $0.pillar == .resilience }
        let crime = views.filter { $0.pillar != .resilience }
        var sections: [ReportDocument.Section] = []
        if !resilience.isEmpty {
            sections.append(.init(
                title: l.text("report.outside.section.resilience", ["scale": l.scale(.resilience)]),
                headers: headers, rows: resilience.map(row)))
        }
        if !crime.isEmpty {
            sections.append(.init(title: l.text("report.outside.section.crime"), headers: headers, rows: crime.map(row)))
        }
        let linked = views.flatMap { view in view.links.map { (view, $0) } }
        if !linked.isEmpty {
            sections.append(.init(
                title: l.text("report.outside.section.links"),
                headers: [l.text("report.header.indicator"), l.text("report.header.obligation"), l.text("report.header.strength"), l.text("report.header.rationale")],
                rows: linked.map { view, link in [view.title, catalogue(link.obligation), l.name(link.strength), link.rationale] },
                links: [1: linked.map { "/obligations/" + $0.1.obligation }], secondary: [1: linked.map { $0.1.obligation }]))
        }
        return sections
    }

    /// The scorecard laid out for text, Markdown, HTML and XLSX, in `localizer`'s words (English unless asked).
    public func document(localizer l: Localizer = .english) -> ReportDocument {
        // The external-evidence column appears only when some obligation has outside ratings, so
        // scorecards without them read as before.
        let withEvidence = lines.contains { $0.external != nil }
        let withOutside = lines.contains { $0.outside != nil }
        var headers = [
            l.text("report.header.obligation"), l.text("report.header.provision"), l.text("report.header.status"), l.text("report.header.rating"),
            l.text("report.header.basis"), l.text("report.header.measure"), l.text("report.header.kind"), l.text("report.header.effective"),
            l.text("report.header.source"), l.text("report.header.evidence"), l.text("report.header.missing_treaties"),
        ]
        if withEvidence { headers.append(l.text("report.header.external_evidence")) }
        if withOutside { headers.append(l.text("report.header.outside_views")) }
        let titles = Dictionary(lines.map { ($0.obligation, $0.title) }, uniquingKeysWith: { a, _ in a })
        let rows: [[String]] = lines.map { line in
            var row = [line.title, l.provisionLabel(line.provision), l.label(line.counted), line.rating?.abbreviation ?? "", line.basisLine?.text(l) ?? line.basis,
                       line.measureTitle ?? "", line.measureKind.map { l.name($0) } ?? "", line.effectiveDate?.description ?? "", line.source ?? "",
                       line.evidence.map { String($0.prefix(12)) }.joined(separator: " "), line.missingTreaties.joined(separator: ", ")]
            if withEvidence { row.append(line.external == nil ? "" : Self.external(line.externalLinks, l)) }
            if withOutside { row.append((Self.outside(outsideViews, obligation: line.obligation, l) ?? []).joined(separator: "; ")) }
            return row
        }
        var sections: [ReportDocument.Section] = [.init(
            title: l.text("report.state.section.obligations"), headers: headers, rows: rows, statusColumn: 2,
            links: [0: lines.map { "/obligations/" + $0.obligation }], secondary: [0: lines.map(\.obligation)])]
        sections += Self.outsideSections(outsideViews, titles: titles, l)
        let name = StateNames.name(of: state, in: l.language)
        let membership: String
        if state.member {
            let since = state.admissionDate?.description ?? "?"
            membership = state.regionalGroup.map { l.text("report.state.member", ["date": since, "group": l.name($0)]) }
                ?? l.text("report.state.member_no_group", ["date": since])
        } else {
            membership = l.text("report.state.not_member")
        }
        var document = ReportDocument(
            title: l.text("report.state.title", ["state": name, "iso3": state.iso3, "date": asOf.description]),
            facts: [membership, SummaryReport.coverageFormula(tally, l), SummaryReport.scoreFormula(tally, l)],
            charts: [.heatMap(
                title: l.text("report.state.chart"), rows: [state.iso3], columns: lines.map(\.obligation),
                cells: [lines.map { ReportDocument.HeatCell(status: $0.counted, tooltip: l.text("report.state.tooltip", ["title": $0.title, "obligation": $0.obligation, "status": l.label($0.counted)])) }])],
            sections: sections,
            notes: noteLines.map { $0.text(l) })
        document.localizer = l
        return document
    }

    /// Tidy CSV: one row per obligation; `external` lists the outside ratings linked to it (`; `-separated);
    /// `counted_as` is the status every report counts the cell in (ratings applied); `outside` lists the
    /// outside views linked to it (`; `-separated), which no score counts.
    public func renderCSV() -> String {
        var out = "state,obligation,status,rating,score,basis,measure_id,measure_title,measure_kind,effective_date,source,evidence,missing_treaties,as_of,external,counted_as,outside\n"
        for l in lines {
            out += CSVWriter.line([
                state.iso3, l.obligation, l.status.rawValue, l.rating?.rawValue ?? "", l.score.map { String($0) } ?? "", l.basis,
                l.measureId.map { String($0) } ?? "", l.measureTitle ?? "", l.measureKind?.rawValue ?? "", l.effectiveDate?.description ?? "",
                l.source ?? "", l.evidence.joined(separator: " "), l.missingTreaties.joined(separator: " "), asOf.description,
                (l.external ?? []).joined(separator: "; "), l.counted.rawValue, (l.outside ?? []).joined(separator: "; "),
            ])
        }
        return out
    }
}
