import Foundation
import LedgerModel
import LedgerReports
import LedgerStore
import LedgerTestSupport
import Testing

/// FATF ratings as evidence in the reports, and as basis `external` where the ledger has no assessment of its own.
@Suite struct ExternalEvidenceTests {
    static let realFile = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data/fatf/consolidated-ratings-2026.csv")
    static let realFileExists = FileManager.default.fileExists(atPath: realFile.path)
    static let today = ISODate("2026-11-29")!

    /// A new ledger with the real FATF ratings and nothing else.
    func ledgerWithRatings() throws -> TemporaryLedger {
        let temp = try TemporaryLedger()
        let ledger = temp.ledger
        _ = try ledger.importFATF(path: Self.realFile.path, actor: "t")
        return temp
    }

    func filter(basis: ComplianceSnapshot.Basis? = nil, scores: Bool = true, article: String? = nil) -> ComplianceSnapshot.Filter {
        var filter = ComplianceSnapshot.Filter(article: article)
        filter.basis = basis
        filter.externalScores = scores
        return filter
    }

    @Test(.enabled(if: realFileExists, "the shared data file is absent"))
    func theUSAScorecardShowsArticle8RecordKeepingWithItsFATFEvidence() throws {
        let fixture = try ledgerWithRatings()
        let ledger = fixture.ledger
        let request = ReportRequest(kind: .state, format: .text, asOf: Self.today, subject: "USA")
        let text = try request.render(ledger: ledger).body
        #expect(text.contains("FATF R.11: LC, follow-up report 2024-03 (direct link)"))
        #expect(text.contains("external evidence"))
        let snapshot = try ComplianceSnapshot.make(ledger: ledger, asOf: Self.today, filter: filter())
        let report = try #require(try ledger.snapshot { try StateReport.make(snapshot: snapshot, state: "USA", reader: $0) })
        let line = try #require(report.lines.first { $0.obligation == "art8.record-keeping" })
        #expect(line.rating == .largelyCompliant)
        #expect(line.basis == "external")
        #expect(line.score == 0.75)
        // A partial link is evidence only: R.20 bears on financial-institution cooperation but does not score it.
        let cooperation = try #require(report.lines.first { $0.obligation == "art8.financial-institution-cooperation" })
        #expect(cooperation.external == ["FATF R.20: PC, follow-up report 2024-03 (partial link)"])
        #expect(cooperation.basis == "not reported")
        #expect(report.tally.external == 6)
        #expect(report.tally.scoreFormula.contains("6 external"))
    }

    @Test(.enabled(if: realFileExists, "the shared data file is absent"))
    func aReviewersOwnAssessmentWinsOverTheFATFRating() throws {
        let fixture = try ledgerWithRatings()
        let ledger = fixture.ledger
        let raw = ["state": "USA", "obligation": "art8.record-keeping", "rating": "partially_compliant", "assessed_on": "2026-01-10"]
        _ = try ledger.recordAssessment(try AssessmentFields.validate(raw, catalogue: ledger.catalogue, states: ledger.states, today: Self.today), actor: "r")
        let snapshot = try ComplianceSnapshot.make(ledger: ledger, asOf: Self.today)
        let cell = try #require(snapshot.cell("USA", "art8.record-keeping"))
        #expect(cell.basis == "assessed")
        #expect(cell.effectiveRating == .partiallyCompliant)
        #expect(cell.external.map(\.label) == ["FATF R.11: LC, follow-up report 2024-03"])
    }

    @Test(.enabled(if: realFileExists, "the shared data file is absent"))
    func summaryWithBasisExternalCoversTheLinkedArticle8ObligationsOfTheAssessedMemberStates() throws {
        let fixture = try ledgerWithRatings()
        let ledger = fixture.ledger
        let article8 = try ComplianceSnapshot.make(ledger: ledger, asOf: Self.today, filter: filter(basis: .external, article: "8"))
        let tally = article8.tally()
        // 180 Member States rated × the 5 Article 8 obligations with a direct link, less the ratings of NA.
        #expect(tally.external == 900)
        #expect(tally.reported == 900)
        #expect(tally.cells == 900)
        #expect(tally.scoreFormula.contains("900 external"))
        let everything = try ComplianceSnapshot.make(ledger: ledger, asOf: Self.today, filter: filter(basis: .external)).tally()
        #expect(everything.external == 1080)  // and Article 2's mutual legal assistance (R.37)
        let summary = try ReportRequest(kind: .summary, format: .text, asOf: Self.today, filter: filter(basis: .external)).render(ledger: ledger).body
        #expect(summary.contains("basis external only"))
        // Kept as evidence only, FATF ratings score nothing.
        let evidenceOnly = try ComplianceSnapshot.make(ledger: ledger, asOf: Self.today, filter: filter(scores: false)).tally()
        #expect(evidenceOnly.external == 0)
        #expect(evidenceOnly.reported == 0)
        #expect(try ComplianceSnapshot.make(ledger: ledger, asOf: Self.today, filter: filter(basis: .self)).tally().cells == 0)
    }

    @Test(.enabled(if: realFileExists, "the shared data file is absent"))
    func aFollowUpReportsUpgradeShowsInTheChangesReport() throws {
        let fixture = try ledgerWithRatings()
        let ledger = fixture.ledger
        var lines = try String(contentsOf: Self.realFile, encoding: .utf8).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map(String.init)
        let index = try #require(lines.firstIndex { $0.hasPrefix("US,") })
        var fields = lines[index].components(separatedBy: ",")
        fields[4] = "2026-10"
        fields[5 + 10] = "C"
        lines[index] = fields.joined(separator: ",")
        let newer = fixture.directory.appendingPathComponent("ratings-2026-10.csv")
        try Data(lines.joined(separator: "\n").utf8).write(to: newer)
        #expect(try ledger.importFATF(path: newer.path, actor: "t").recorded == 1)
        let report = ChangesReport.make(
            before: try ComplianceSnapshot.make(ledger: ledger, asOf: ISODate("2026-09-30")!),
            after: try ComplianceSnapshot.make(ledger: ledger, asOf: Self.today))
        #expect(report.changes.count == 1)
        let change = try #require(report.changes.first)
        #expect(change.state == "USA" && change.obligation == "art8.record-keeping")
        #expect(change.direction == "up")
        #expect(change.events.contains { $0.contains("FATF R.11: C, follow-up report 2026-10") })
    }
}

extension ExternalEvidenceTests {
    @Test(.enabled(if: realFileExists, "the shared data file is absent"))
    func aSelfReportTwoGradesFromTheFATFRatingIsFlagged() throws {
        let fixture = try ledgerWithRatings()
        let ledger = fixture.ledger
        // USA: FATF rates R.11 LC (0.75) and R.20 PC (0.5). Self-reported no_measures (0) on record-keeping is
        // three grades from LC; implemented (1) on suspicious-transaction reporting is two from PC: both flagged.
        func record(_ obligation: String, _ status: String) throws {
            let raw = ["state": "USA", "obligation": obligation, "status": status, "effective_date": "2020-01-01", "title": "Example (test data)", "kind": "legislation"]
            _ = try ledger.recordMeasure(try MeasureFields.validate(raw, catalogue: ledger.catalogue, states: ledger.states), actor: "t")
        }
        try record("art8.record-keeping", "no_measures")
        try record("art8.suspicious-transaction-reporting", "implemented")
        let report = try ledger.snapshot { try QualityReport.make(snapshot: try ComplianceSnapshot.make(reader: $0, asOf: Self.today), reader: $0) }
        let flags = report.flags.filter { $0.kind == "self_report_contradicts_external" }
        #expect(flags.map(\.obligation) == ["art8.record-keeping", "art8.suspicious-transaction-reporting"])
        #expect(flags.first?.detail.contains("self-reported no_measures; FATF R.11: LC, follow-up report 2024-03") == true)
    }
}
