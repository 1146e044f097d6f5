import Foundation
import LedgerModel
import LedgerReports
import LedgerStore
import LedgerTestSupport
import Testing

/// Every report in every format on a small fixture ledger, against files checked in under Golden/.
/// Run with UPDATE_GOLDEN=1 to rewrite them after a deliberate change, and review the diff.
@Suite struct ReportGoldenTests {
    /// A small ledger of EXAMPLE data (not real measures): a few measures, a correction, a retraction,
    /// two assessments and the treaty actions of three States.
    static func fixture() throws -> TemporaryLedger {
        let temp = try TemporaryLedger(actor: "fixture")
        let ledger = temp.ledger
        let measures = temp.directory.appendingPathComponent("m.csv")
        try Data("""
            state,obligation,status,effective_date,title,kind,source,note,justification
            FRA,art8.record-keeping,implemented,1990-07-12,EXAMPLE record-keeping law,legislation,EXAMPLE journal,,
            FRA,art8.bank-secrecy,partial,2001-05-15,EXAMPLE banking act,legislation,,,covers banks only
            FRA,art6.implement-drug-conventions,implemented,1995-01-01,EXAMPLE drug law,legislation,EXAMPLE code,,
            DEU,art8.record-keeping,planned,2005-03-01,EXAMPLE draft bill,legislation,EXAMPLE gazette,,
            DEU,art7d.migrant-smuggling,not_applicable,2000-01-01,,,,,EXAMPLE justification
            KEN,art6.implement-drug-conventions,implemented,2010-01-01,EXAMPLE act,legislation,,,
            KEN,art3.extradite-or-prosecute,no_measures,2012-06-30,,,,,
            BRA,art3.extradite-or-prosecute,implemented,2020-06-01,EXAMPLE extradition law,legislation,EXAMPLE official gazette,,

            """.utf8).write(to: measures)
        _ = try ledger.importMeasures(path: measures.path, actor: "fixture")
        let deu = try #require(try ledger.measures(state: "DEU", obligation: "art8.record-keeping").first)
        _ = try ledger.correctMeasure(deu.id, changes: ["status": "partial", "effective_date": "2008-03-01", "title": "EXAMPLE act"], reason: "adopted", actor: "fixture")
        // Events carry millisecond times; a pause keeps the retraction's time distinct from the import's,
        // so a known-at between them exists.
        usleep(5_000)
        let kenya = try #require(try ledger.measures(state: "KEN", obligation: "art3.extradite-or-prosecute").first)
        _ = try ledger.retractMeasure(kenya.id, reason: "EXAMPLE: recorded in error", actor: "fixture")
        for (state, obligation, rating, date) in [("FRA", "art8.bank-secrecy", "non_compliant", "2012-01-01"), ("FRA", "art8.record-keeping", "compliant", "2012-01-01")] {
            let fields = try AssessmentFields.validate(
                ["state": state, "obligation": obligation, "rating": rating, "assessed_on": date, "comment": "EXAMPLE assessment"],
                catalogue: ledger.catalogue, states: ledger.states, today: ISODate("2026-01-01")!)
            _ = try ledger.recordAssessment(fields, actor: "fixture")
        }
        let actions = temp.directory.appendingPathComponent("t.csv")
        try Data("""
            state,treaty,action,date,note
            FRA,VI-15,signature,1961-03-30,
            FRA,VI-15,ratification,1969-02-19,
            FRA,VI-16,accession,1975-01-28,
            FRA,VI-19,signature,1989-02-13,
            FRA,VI-19,ratification,1990-12-31,
            KEN,VI-15,accession,1964-06-13,
            KEN,VI-19,accession,1992-10-19,
            DEU,VI-19,signature,1989-11-19,
            FRA,XVIII-5,accession,2000-06-09,

            """.utf8).write(to: actions)
        _ = try ledger.importTreatyActions(path: actions.path, actor: "fixture")
        return temp
    }

    static let asOf = ISODate("2014-12-31")!
    static let goldenFolder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    /// Event hashes cover the time each event was recorded, so the log's root differs from run to run:
    /// the golden files show it as this (a valid base64 hash of 32 zero bytes).
    static let rootPlaceholder = String(repeating: "A", count: 43) + "="

    func check(_ name: String, _ text: String) throws {
        let url = Self.goldenFolder.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
            try Data(text.utf8).write(to: url)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(text == expected, "\(name) differs from its golden file; run with UPDATE_GOLDEN=1 and review the diff")
    }

    /// The report in every format through ``ReportRequest/render(ledger:)``, the path the command line
    /// and the server take, each against its golden file `name.txt`, `.md`, `.html`, `.csv`, `.json`.
    func all(_ name: String, _ request: ReportRequest, ledger: Ledger) throws {
        // A workbook is binary and carries its creation time: ReportXLSXTests reads its parts instead.
        let root = try ledger.snapshot { try $0.logState() }.root.base64
        for format in ReportRequest.Format.allCases where format != .xlsx {
            var request = request
            request.format = format
            let body = try request.render(ledger: ledger).body
            try check("\(name).\(format == .text ? "txt" : format.rawValue)", body.replacingOccurrences(of: root, with: Self.rootPlaceholder))
        }
    }

    @Test func everyReportInEveryFormatMatchesItsGoldenFile() throws {
        let fixture = try Self.fixture()
        let ledger = fixture.ledger
        let asOf = Self.asOf
        // The summary's HTML and Markdown carry the treaty timeline of the required treaties.
        try all("summary", ReportRequest(kind: .summary, asOf: asOf), ledger: ledger)
        try all("state-FRA", ReportRequest(kind: .state, asOf: asOf, subject: "FRA"), ledger: ledger)
        try all("obligation-art8.record-keeping", ReportRequest(kind: .obligation, asOf: asOf, subject: "art8.record-keeping"), ledger: ledger)
        try all("matrix-weog", ReportRequest(kind: .matrix, asOf: asOf, filter: .init(region: .westernEuropeanAndOthers)), ledger: ledger)
        try all("changes", ReportRequest(kind: .changes, asOf: asOf, from: ISODate("2000-01-01")!), ledger: ledger)
        try all("quality", ReportRequest(kind: .quality, asOf: asOf), ledger: ledger)
        try all("treaties-VI-19", ReportRequest(kind: .treaties, asOf: asOf, subject: "illicit-traffic-1988"), ledger: ledger)
    }

    @Test func theFormatsAgreeOnTheNumbers() throws {
        let fixture = try Self.fixture()
        let ledger = fixture.ledger
        let snapshot = try ComplianceSnapshot.make(ledger: ledger, asOf: Self.asOf, filter: .init(nonMembers: true))
        let summary = SummaryReport.make(snapshot: snapshot)
        let body = try ReportRequest(kind: .summary, format: .json, asOf: Self.asOf).render(ledger: ledger).body
        let json = try JSONSerialization.jsonObject(with: Data(body.utf8)) as! [String: Any]
        let global = json["global"] as! [String: Any]
        let csvGlobal = summary.renderCSV().split(separator: "\n")[1].split(separator: ",", omittingEmptySubsequences: false)
        #expect(csvGlobal[2] == "All Member States")
        #expect(Int(csvGlobal[7]) == global["reported"] as? Int)
        #expect(Double(csvGlobal[18]) == global["score"] as? Double)
        let score = try #require(global["score"] as? Double)
        #expect(summary.renderText().contains("score \(ScoreTally.fixed(score)) ="))
        #expect(summary.document(snapshot: snapshot).renderHTML().contains("score \(ScoreTally.fixed(score)) ="))
        // Hand check: FRA record-keeping rated C (1), bank secrecy rated NC (0), drug law implemented (1);
        // DEU record-keeping partial since 2008 (0.5), migrant smuggling n/a; KEN drug law implemented (1);
        // KEN extradition retracted; BRA's law is effective only in 2020.
        // Accession: FRA art6 party to 1961, 1971 and 1988 (1), FRA art5 party to 1 of the 2 known (0.5),
        // KEN art6 party to 1961 and 1988, not 1971 (0.5), DEU art6 signatory of 1988 only (0.25).
        #expect(global["reported"] as? Int == 9)
        #expect(global["not_applicable"] as? Int == 1)
        let expected: Double = (1 + 0 + 1 + 0.5 + 1 + 1 + 0.5 + 0.5 + 0.25) / 9
        #expect(abs(score - expected) < 0.00005)  // JSON rounds to 4 decimals
    }

    @Test func aRetractedMeasureCountsOnlyWhenKnownAtIsBeforeItsRetraction() throws {
        let fixture = try Self.fixture()
        let ledger = fixture.ledger
        let history = try ledger.history(state: "KEN", obligation: "art3.extradite-or-prosecute")
        let recorded = try #require(history.first { $0.kind == "measure.recorded" })
        let retracted = try #require(history.first { $0.kind == "measure.retracted" })
        #expect(try ledger.cellStatuses(asOf: Self.asOf).contains { $0.state == "KEN" && $0.obligation == "art3.extradite-or-prosecute" } == false)
        // The fixture pauses between the import and the retraction, so their times differ.
        try #require(recorded.recordedAt < retracted.recordedAt)
        let before = try #require(KnownAt(recorded.recordedAt))
        #expect(try ledger.cellStatuses(asOf: Self.asOf, knownAt: before).contains { $0.state == "KEN" && $0.obligation == "art3.extradite-or-prosecute" })
        let after = try #require(KnownAt(retracted.recordedAt))
        #expect(try ledger.cellStatuses(asOf: Self.asOf, knownAt: after).contains { $0.state == "KEN" && $0.obligation == "art3.extradite-or-prosecute" } == false)
        // Known at a time before anything was recorded: no measure at all.
        #expect(try ledger.cellStatuses(asOf: Self.asOf, knownAt: KnownAt("2000-01-01")).isEmpty)
        // The correction of DEU's measure is known only from its event on.
        let deu = try ledger.cellStatuses(asOf: Self.asOf, knownAt: KnownAt(recorded.recordedAt)).first { $0.state == "DEU" && $0.obligation == "art8.record-keeping" }
        #expect(deu?.status == .planned)
    }
}
