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
    }

    public let asOf: ISODate
    public let staleYears: Int
    public let flags: [Flag]
    public let notes: [String]

    enum CodingKeys: String, CodingKey { case asOf = "as_of", staleYears = "stale_years", flags, notes }

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
                                      detail: "rests on status data older than \(staleDataYears) years: "
                                        + old.map { "\($0.0) as at \($0.1)" }.joined(separator: ", ")))
                }
            }
            let fields = cell.measure.flatMap { contents[$0.versionSeq] }
            if cell.status == .implemented, let fields, fields.source == nil, fields.evidence.isEmpty {
                flags.append(Flag(kind: "implemented_without_source", state: cell.state, obligation: cell.obligation,
                                  detail: "measure \(cell.measure!.measureID) '\(fields.title ?? "")' cites no source and has no evidence"))
            }
            if cell.status == .notApplicable, let fields, fields.justification == nil {
                flags.append(Flag(kind: "not_applicable_without_justification", state: cell.state, obligation: cell.obligation,
                                  detail: "measure \(cell.measure!.measureID) gives no justification"))
            }
            if cell.status == .implemented, cell.accession == nil, let rating = cell.rating, rating.fields.rating == .nonCompliant {
                flags.append(Flag(kind: "self_report_contradicts_assessment", state: cell.state, obligation: cell.obligation,
                                  detail: "self-reported implemented; assessed non_compliant on \(rating.fields.assessedOn) (event \(rating.seq))"))
            }
            // A self-report two grades or more (0.5 on the shared score scale) away from a directly linked outside rating.
            if cell.accession == nil, let selfScore = Scoring.contribution(status: cell.status, rating: nil).score {
                for found in cell.external where found.strength == .direct {
                    guard let external = found.rating.assessmentRating?.score, abs(selfScore - external) >= 0.5 else { continue }
                    flags.append(Flag(kind: "self_report_contradicts_external", state: cell.state, obligation: cell.obligation,
                                      detail: "self-reported \(cell.status.rawValue); \(found.label) (event \(found.seq)), two grades or more apart"))
                }
            }
            if cell.status == .planned || cell.status == .partial, let measure = cell.measure,
                measure.effectiveDate.years(until: snapshot.asOf) > staleYears
            {
                flags.append(Flag(kind: "stale", state: cell.state, obligation: cell.obligation,
                                  detail: "\(cell.status.rawValue) since \(measure.effectiveDate), not updated for more than \(staleYears) years"))
            }
            if let serving = implementing[cell.obligation], cell.status == .implemented || cell.status == .partial {
                let statuses = serving.map { snapshot.treatyIndex.status(of: cell.state, treaty: $0, asOf: snapshot.asOf) }
                if statuses.contains(where: { $0 != nil }) && !statuses.contains(where: { $0?.isParty == true }) {
                    flags.append(Flag(kind: "contradicts_treaty_status", state: cell.state, obligation: cell.obligation,
                                      detail: "reports \(cell.status.rawValue) implementation of \(serving.joined(separator: ", ")) but is party to none of them on \(snapshot.asOf)"))
                }
            }
        }
        return QualityReport(asOf: snapshot.asOf, staleYears: staleYears, flags: flags, notes: snapshot.frame.dropFirst().map { $0 })
    }

    public func document() -> ReportDocument {
        let counts = Dictionary(grouping: flags, by: \.kind).mapValues(\.count).sorted { $0.key < $1.key }
        return ReportDocument(
            title: "Quality review, as of \(asOf)",
            facts: ["\(flags.count) flags." + (counts.isEmpty ? "" : " " + counts.map { "\($0.key): \($0.value)" }.joined(separator: ", ") + ".")],
            sections: [.init(title: "Flags", headers: ["flag", "state", "obligation", "detail"], rows: flags.map { [$0.kind, $0.state, $0.obligation, $0.detail] })],
            notes: notes)
    }

    /// Tidy CSV: one row per flag.
    public func renderCSV() -> String {
        "kind,state,obligation,detail,as_of\n" + flags.map { CSVWriter.line([$0.kind, $0.state, $0.obligation, $0.detail, asOf.description]) }.joined()
    }
}
