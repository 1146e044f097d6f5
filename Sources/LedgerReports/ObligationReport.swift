import LedgerModel
import LedgerStore

/// One obligation across all States: how many are in each status, which States, and the measures cited.
public struct ObligationReport: Sendable, Encodable {
    /// One State's standing on the obligation, with the measure it cites.
    public struct Entry: Sendable, Encodable {
        public let state: String
        public let name: String
        public let status: CellStatus
        /// How every report counts and shows the cell (status with its rating applied).
        public let counted: CountedStatus
        public let rating: AssessmentRating?
        public let basis: String
        public let measureTitle: String?
        public let effectiveDate: ISODate?
        public let source: String?
        /// Outside ratings linked to the obligation (`FATF R.11: LC, follow-up report 2024-03`); nil when none.
        public var external: [String]? = nil
        /// The State's outside views linked to the obligation (``OutsideView/label(for:)``), never counted; nil when none.
        public var outside: [String]? = nil
        /// The same views, for the outside-views table.
        var outsideViews: [OutsideView] = []
        /// The outside ratings of `external` as label and link strength, for people in any language.
        var externalLinks: [(label: String, strength: Crosswalk.Strength)] = []
        /// `basis` in any language.
        var basisLine: ReportLine? = nil

        enum CodingKeys: String, CodingKey {
            case state, name, status, rating, basis, source, external, outside
            case counted = "counted_as"
            case measureTitle = "measure_title", effectiveDate = "effective_date"
        }
    }

    public let asOf: ISODate
    public let obligation: Obligation
    public let provision: Provision
    /// States per counted status (ratings applied): the reported statuses add up to the reported cells.
    public let distribution: [String: Int]
    public let tally: ScoreTally
    public let entries: [Entry]
    public var notes: [String] { noteLines.map(\.english) }
    /// ``notes`` in any language.
    let noteLines: [ReportLine]
    /// The crosswalk's links from outside-index indicators to the obligation, when some State has a score of one.
    public var outsideLinks: [OutsideLink] = []

    /// A link from an outside index's indicator to the obligation, with the crosswalk's strength and rationale.
    public struct OutsideLink: Sendable, Encodable {
        public let body: String
        public let indicator: String
        public let title: String
        public let scale: String
        /// The indicator's pillar, whose scale ``scale`` reads in English.
        let pillar: OCIndexIndicator.Pillar
        public let strength: Crosswalk.Strength
        public let rationale: String

        enum CodingKeys: String, CodingKey { case body, indicator, title, scale, strength, rationale }
    }

    enum CodingKeys: String, CodingKey {
        case asOf = "as_of", obligation, provision = "provision_text", distribution, entries = "states", notes, outsideLinks = "outside_links"
        case coverage, score, scoreFormula = "score_formula", coverageFormula = "coverage_formula"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(asOf, forKey: .asOf)
        try c.encode(obligation, forKey: .obligation)
        try c.encode(provision.text, forKey: .provision)
        try c.encode(distribution, forKey: .distribution)
        try c.encode(entries, forKey: .entries)
        try c.encode(notes, forKey: .notes)
        if !outsideLinks.isEmpty { try c.encode(outsideLinks, forKey: .outsideLinks) }
        try c.encode(tally.coverage.map(TallyRow.rounded), forKey: .coverage)
        try c.encode(tally.score.map(TallyRow.rounded), forKey: .score)
        try c.encode(tally.coverageFormula, forKey: .coverageFormula)
        try c.encode(tally.scoreFormula, forKey: .scoreFormula)
    }

    public static func make(snapshot: ComplianceSnapshot, obligation id: String, reader: LedgerSnapshot) throws -> ObligationReport? {
        guard let obligation = snapshot.catalogue.obligation(id) else { return nil }
        let cells = snapshot.states.compactMap { snapshot.cell($0.iso3, id) }
        let contents = try reader.measureContents(versions: cells.compactMap { $0.measure?.versionSeq })
        var tally = ScoreTally()
        var distribution: [String: Int] = [:]
        for status in CountedStatus.allCases { distribution[status.rawValue] = 0 }
        let crosswalk = try Ledger.ocIndexCrosswalk()
        let linked = crosswalk.links(to: id)
        let views = linked.isEmpty ? [:] : OutsideView.make(
            records: try reader.outsideScores(asOf: snapshot.asOf, knownAt: snapshot.knownAt).filter { record in
                linked.contains { $0.item == record.fields.indicator }
            },
            crosswalk: crosswalk, fatf: try reader.externalAssessments(asOf: snapshot.asOf, knownAt: snapshot.knownAt))
        let entries = cells.map { cell -> Entry in
            tally.add(cell)
            distribution[cell.counted.rawValue, default: 0] += 1
            let fields = cell.measure.flatMap { contents[$0.versionSeq] }
            return Entry(
                state: cell.state, name: snapshot.directory[cell.state]?.name ?? cell.state, status: cell.status, counted: cell.counted,
                rating: cell.effectiveRating, basis: cell.accession?.basis ?? cell.basis, measureTitle: fields?.title,
                effectiveDate: fields?.effectiveDate, source: fields?.source,
                external: cell.external.isEmpty ? nil : cell.external.map { "\($0.label) (\($0.strength.rawValue) link)" },
                outside: StateReport.outside(views[cell.state] ?? [], obligation: id), outsideViews: views[cell.state] ?? [],
                externalLinks: cell.external.map { ($0.label, $0.strength) }, basisLine: cell.basisLine)
        }
        let outsideLinks = views.isEmpty ? [] : linked.compactMap { link -> OutsideLink? in
            guard let indicator = OCIndexIndicator.named(link.item) else { return nil }
            return OutsideLink(
                body: crosswalk.body, indicator: indicator.id, title: indicator.title, scale: indicator.pillar.scale, pillar: indicator.pillar, strength: link.strength,
                rationale: link.rationale)
        }
        return ObligationReport(
            asOf: snapshot.asOf, obligation: obligation, provision: snapshot.catalogue.provision(of: obligation), distribution: distribution,
            tally: tally, entries: entries, noteLines: snapshot.frameLines + (outsideLinks.isEmpty ? [] : OutsideView.noteLines), outsideLinks: outsideLinks)
    }

    /// The obligation across States laid out for text, Markdown, HTML and XLSX, in `localizer`'s words (English unless asked).
    public func document(localizer l: Localizer = .english) -> ReportDocument {
        func links(_ entries: [Entry]) -> [Int: [String?]] { [0: entries.map { "/states/" + $0.state }] }
        func name(_ entry: Entry) -> String { StateNames.name(iso3: entry.state, english: entry.name, in: l.language) }
        func basis(_ entry: Entry) -> String { entry.basisLine?.text(l) ?? entry.basis }
        let shown = CountedStatus.allCases.filter { ![.ratedExternally, .assessedOnly].contains($0) || (distribution[$0.rawValue] ?? 0) > 0 }
        var sections: [ReportDocument.Section] = [.init(
            title: l.text("report.obligation.section.distribution"), headers: [l.text("report.header.status"), l.text("report.header.states")],
            rows: shown.map { [l.label($0), String(distribution[$0.rawValue] ?? 0)] }, statusColumn: 0)]
        for status in CountedStatus.allCases where status != .notReported {
            let inStatus = entries.filter { $0.counted == status }
            if inStatus.isEmpty { continue }
            sections.append(.init(
                title: l.text("report.obligation.section.status", ["status": SummaryReport.header(status, l), "count": String(inStatus.count)]),
                headers: [
                    l.text("report.header.state"), l.text("report.header.name"), l.text("report.header.rating"), l.text("report.header.basis"),
                    l.text("report.header.measure"), l.text("report.header.effective"), l.text("report.header.source"),
                ],
                rows: inStatus.map { [$0.state, name($0), $0.rating?.abbreviation ?? "", basis($0), $0.measureTitle ?? "", $0.effectiveDate?.description ?? "", $0.source ?? ""] },
                links: links(inStatus)))
        }
        let withEvidence = entries.filter { $0.external != nil }
        if !withEvidence.isEmpty {
            sections.append(.init(
                title: l.plural("report.obligation.section.external", count: withEvidence.count),
                headers: [
                    l.text("report.header.state"), l.text("report.header.name"), l.text("report.header.status"), l.text("report.header.rating"),
                    l.text("report.header.basis"), l.text("report.header.evidence"),
                ],
                rows: withEvidence.map { [$0.state, name($0), l.label($0.counted), $0.rating?.abbreviation ?? "", basis($0), StateReport.external($0.externalLinks, l)] },
                statusColumn: 2, links: links(withEvidence)))
        }
        for link in outsideLinks {
            let scored = entries.compactMap { entry in entry.outsideViews.first { $0.indicator == link.indicator }.map { (entry, $0) } }
            if scored.isEmpty { continue }
            let editions = Array(Set(scored.flatMap { $0.1.editions.map(\.edition) })).sorted()
            sections.append(.init(
                title: l.plural("report.obligation.section.outside", count: scored.count, [
                    "indicator": "\(link.body) \(link.title)", "scale": l.scale(link.pillar), "strength": l.name(link.strength),
                ]),
                headers: [l.text("report.header.state"), l.text("report.header.name"), l.text("report.header.status")] + editions.map(String.init)
                    + [l.text("report.header.change")],
                rows: scored.map { entry, view -> [String] in
                    var row = [entry.state, name(entry), l.label(entry.counted)]
                    for edition in editions { row.append(view.editions.first { $0.edition == edition }.map { l.number(OutsideScoreFields.text($0.score)) } ?? "") }
                    row.append(l.number(view.changeText))
                    return row
                },
                statusColumn: 2, links: links(scored.map { $0.0 })))
        }
        if !outsideLinks.isEmpty {
            sections.append(.init(
                title: l.text("report.obligation.section.outside_links"),
                headers: [l.text("report.header.indicator"), l.text("report.header.strength"), l.text("report.header.rationale")],
                rows: outsideLinks.map { ["\($0.body) \($0.title)", l.name($0.strength), $0.rationale] }))
        }
        let missing = entries.filter { $0.counted == .notReported }
        sections.append(.init(
            title: l.text("report.obligation.section.status", ["status": SummaryReport.header(.notReported, l), "count": String(missing.count)]),
            headers: [l.text("report.header.state"), l.text("report.header.name")], rows: missing.map { [$0.state, name($0)] }, links: links(missing)))
        let provisionLabel = l.provisionLabel(provision.label)
        var document = ReportDocument(
            title: l.text("report.obligation.title", ["obligation": obligation.title, "provision": provisionLabel, "date": asOf.description]),
            facts: [l.text("report.obligation.fact", ["id": obligation.id, "provision": provisionLabel, "text": provision.text])
                        + (provision.textIncomplete ? l.text("report.obligation.text_incomplete") : ""),
                    SummaryReport.coverageFormula(tally, l), SummaryReport.scoreFormula(tally, l)],
            sections: sections, notes: noteLines.map { $0.text(l) })
        document.localizer = l
        return document
    }

    /// Tidy CSV: one row per State; `external` lists the outside ratings linked to the obligation (`; `-separated);
    /// `counted_as` is the status every report counts the cell in (ratings applied).
    /// `outside` lists the State's outside views linked to the obligation (`; `-separated), which no score counts.
    public func renderCSV() -> String {
        var out = "obligation,state,status,rating,basis,measure_title,effective_date,source,as_of,external,counted_as,outside\n"
        for e in entries {
            out += CSVWriter.line([obligation.id, e.state, e.status.rawValue, e.rating?.rawValue ?? "", e.basis, e.measureTitle ?? "",
                                  e.effectiveDate?.description ?? "", e.source ?? "", asOf.description, (e.external ?? []).joined(separator: "; "),
                                  e.counted.rawValue, (e.outside ?? []).joined(separator: "; ")])
        }
        return out
    }
}
