import LedgerModel
import LedgerStore

/// What a careful reviewer would flag before a report goes out.
public struct QualityReport: Sendable, Encodable {
    /// One flagged cell.
    public struct Flag: Sendable, Encodable {
        /// `implemented_without_source`, `not_applicable_without_justification`,
        /// `self_report_contradicts_assessment`, `self_report_contradicts_external`, `stale`, `contradicts_treaty_status`, `stale_treaty_data`
        /// (an accession cell that rests on status data older than the stale-data limit).
        public let kind: String
        public let state: String
        public let obligation: String
        public let detail: String
        /// `detail` in any language.
        let detailLine: ReportLine

        init(kind: String, state: String, obligation: String, detail: ReportLine) {
            self.kind = kind
            self.state = state
            self.obligation = obligation
            self.detail = detail.english
            self.detailLine = detail
        }

        enum CodingKeys: String, CodingKey { case kind, state, obligation, detail }
    }

    public let asOf: ISODate
    public let staleYears: Int
    public let flags: [Flag]
    public var notes: [String] { noteLines.map(\.english) }
    /// ``notes`` in any language.
    let noteLines: [ReportLine]

    enum CodingKeys: String, CodingKey { case asOf = "as_of", staleYears = "stale_years", flags, notes }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(asOf, forKey: .asOf)
        try c.encode(staleYears, forKey: .staleYears)
        try c.encode(flags, forKey: .flags)
        try c.encode(notes, forKey: .notes)
    }

    public static func make(snapshot: ComplianceSnapshot, reader: LedgerSnapshot, staleYears: Int = 5, staleDataYears: Int = 5) throws -> QualityReport {
        let cells = snapshot.allCells
        let contents = try reader.measureContents(versions: cells.compactMap { $0.measure?.versionSeq })
        let catalogue = snapshot.catalogue
        let treaties = snapshot.treatyIndex.catalogue
        // Measure obligations that implement the treaties an accession obligation of the same provision requires.
        var implementing: [String: [String]] = [:]
        for accession in catalogue.obligations where accession.kind == .accession {
            let required = Set(treaties.requirements(of: accession.id, set: snapshot.treatySet).joined())
            for obligation in catalogue.obligations where obligation.kind != .accession && obligation.provision == accession.provision {
                let serving = treaties.treaties.filter { required.contains($0.id) && $0.obligations.contains(obligation.id) }.map(\.id)
                if !serving.isEmpty { implementing[obligation.id] = serving }
            }
        }
        var flags: [Flag] = []
        // The treaties whose newest status table is older than the stale-data limit on the report date.
        let index = snapshot.treatyIndex
        let staleData: [String: ISODate] = index.tables.reduce(into: [:]) { result, entry in
            if let date = entry.value, date.years(until: snapshot.asOf) >= staleDataYears { result[entry.key] = date }
        }
        for cell in cells {
            if cell.accession != nil {
                let required = Set(treaties.requirements(of: cell.obligation, set: snapshot.treatySet).joined())
                let old = required.compactMap { id in staleData[id].map { (id, $0) } }.sorted { $0.0 < $1.0 }
                if !old.isEmpty {
                    flags.append(Flag(kind: "stale_treaty_data", state: cell.state, obligation: cell.obligation,
                                      detail: ReportLine { l in
                                          l.plural("report.quality.detail.stale_treaty_data", count: staleDataYears, [
                                              "treaties": old.map { l.text("report.quality.treaty_as_at", ["treaty": $0.0, "date": $0.1.description]) }.joined(separator: ", "),
                                          ])
                                      }))
                }
            }
            let fields = cell.measure.flatMap { contents[$0.versionSeq] }
            if cell.status == .implemented, let fields, fields.source == nil, fields.evidence.isEmpty {
                let measure = String(cell.measure!.measureID), title = fields.title ?? ""
                flags.append(Flag(kind: "implemented_without_source", state: cell.state, obligation: cell.obligation,
                                  detail: ReportLine { $0.text("report.quality.detail.implemented_without_source", ["measure": measure, "title": title]) }))
            }
            if cell.status == .notApplicable, let fields, fields.justification == nil {
                flags.append(Flag(kind: "not_applicable_without_justification", state: cell.state, obligation: cell.obligation,
                                  detail: ReportLine { [measure = String(cell.measure!.measureID)] l in
                                      l.text("report.quality.detail.not_applicable_without_justification", ["measure": measure])
                                  }))
            }
            if cell.status == .implemented, cell.accession == nil, let rating = cell.rating, rating.fields.rating == .nonCompliant {
                flags.append(Flag(kind: "self_report_contradicts_assessment", state: cell.state, obligation: cell.obligation,
                                  detail: ReportLine { l in
                                      l.text("report.quality.detail.self_report_contradicts_assessment", [
                                          "status": l.code(CellStatus.implemented), "rating": l.code(AssessmentRating.nonCompliant),
                                          "date": rating.fields.assessedOn.description, "event": String(rating.seq),
                                      ])
                                  }))
            }
            // A self-report two grades or more (0.5 on the shared score scale) away from a directly linked outside rating.
            if cell.accession == nil, let selfScore = Scoring.contribution(status: cell.status, rating: nil).score {
                for found in cell.external where found.strength == .direct {
                    guard let external = found.rating.assessmentRating?.score, abs(selfScore - external) >= 0.5 else { continue }
                    flags.append(Flag(kind: "self_report_contradicts_external", state: cell.state, obligation: cell.obligation,
                                      detail: ReportLine { [status = cell.status] l in
                                          l.text("report.quality.detail.self_report_contradicts_external", ["status": l.code(status), "rating": found.label, "event": String(found.seq)])
                                      }))
                }
            }
            if cell.status == .planned || cell.status == .partial, let measure = cell.measure,
                measure.effectiveDate.years(until: snapshot.asOf) > staleYears
            {
                flags.append(Flag(kind: "stale", state: cell.state, obligation: cell.obligation,
                                  detail: ReportLine { [status = cell.status] l in
                                      l.plural("report.quality.detail.stale", count: staleYears, ["status": l.code(status), "date": measure.effectiveDate.description])
                                  }))
            }
            if let serving = implementing[cell.obligation], cell.status == .implemented || cell.status == .partial {
                let statuses = serving.map { snapshot.treatyIndex.status(of: cell.state, treaty: $0, asOf: snapshot.asOf) }
                if statuses.contains(where: { $0 != nil }) && !statuses.contains(where: { $0?.isParty == true }) {
                    flags.append(Flag(kind: "contradicts_treaty_status", state: cell.state, obligation: cell.obligation,
                                      detail: ReportLine { [status = cell.status, asOf = snapshot.asOf] l in
                                          l.text("report.quality.detail.contradicts_treaty_status", [
                                              "status": l.code(status), "treaties": serving.joined(separator: ", "), "date": asOf.description,
                                          ])
                                      }))
                }
            }
        }
        return QualityReport(asOf: snapshot.asOf, staleYears: staleYears, flags: flags, noteLines: Array(snapshot.frameLines.dropFirst()))
    }

    /// The review laid out for text, Markdown, HTML and XLSX, in `localizer`'s words (English unless asked).
    public func document(localizer l: Localizer = .english) -> ReportDocument {
        let counts = Dictionary(grouping: flags, by: \.kind).mapValues(\.count).sorted { $0.key < $1.key }
        var document = ReportDocument(
            title: l.text("report.quality.title", ["date": asOf.description]),
            facts: [l.plural("report.quality.fact", count: flags.count)
                + (counts.isEmpty ? "" : " " + l.text("report.quality.fact_kinds", ["kinds": counts.map { l.text("report.quality.fact_kind", ["kind": Self.flagName($0.key, l), "count": String($0.value)]) }.joined(separator: l.text("report.list_separator"))]))],
            sections: [.init(
                title: l.text("report.quality.section"),
                headers: [l.text("report.header.flag"), l.text("report.header.state"), l.text("report.header.obligation"), l.text("report.header.detail")],
                rows: flags.map { [Self.flagName($0.kind, l), $0.state, $0.obligation, $0.detailLine.text(l)] })],
            notes: noteLines.map { $0.text(l) })
        document.localizer = l
        return document
    }

    /// A flag's kind as people read it (its code in English, as the English report prints it).
    static func flagName(_ kind: String, _ l: Localizer) -> String {
        switch kind {
        case "implemented_without_source": l.text("report.quality.flag.implemented_without_source")
        case "not_applicable_without_justification": l.text("report.quality.flag.not_applicable_without_justification")
        case "self_report_contradicts_assessment": l.text("report.quality.flag.self_report_contradicts_assessment")
        case "self_report_contradicts_external": l.text("report.quality.flag.self_report_contradicts_external")
        case "stale": l.text("report.quality.flag.stale")
        case "contradicts_treaty_status": l.text("report.quality.flag.contradicts_treaty_status")
        case "stale_treaty_data": l.text("report.quality.flag.stale_treaty_data")
        default: kind
        }
    }

    /// Tidy CSV: one row per flag.
    public func renderCSV() -> String {
        "kind,state,obligation,detail,as_of\n" + flags.map { CSVWriter.line([$0.kind, $0.state, $0.obligation, $0.detail, asOf.description]) }.joined()
    }
}
