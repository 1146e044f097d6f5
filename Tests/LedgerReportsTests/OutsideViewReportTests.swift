import Foundation
import LedgerModel
import LedgerReports
import LedgerStore
import LedgerTestSupport
import Testing

/// The Organized Crime Index's scores as outside views in the reports: beside the cells, edition by
/// edition, never in a score. The workbook is SYNTHETIC (written by the test, every score invented).
@Suite struct OutsideViewReportTests {
    static let today = ISODate("2026-11-29")!
    static let resilience = SyntheticWorkbook.resilience

    /// A synthetic workbook scoring Kenya and France in three editions: Kenya's international cooperation 7, 7.5, 8.
    static func workbook() -> SyntheticWorkbook {
        func scores(_ base: Double, _ step: Double) -> [SyntheticWorkbook.Cell] {
            var cells: [SyntheticWorkbook.Cell] = [.number(String(base + 1)), .number(String(base + 2))]
            for index in resilience.indices { cells.append(.number(String(base + step + Double(index % 3)))) }
            return cells
        }
        func sheet(_ edition: Int, _ step: Double) -> SyntheticWorkbook.Sheet {
            SyntheticWorkbook.dataset(
                "\(edition)_dataset", columns: ["Arms trafficking", "Human trafficking"] + resilience,
                rows: [("Kenya", scores(5, step)), ("France", scores(2, step))])
        }
        return SyntheticWorkbook(sheets: [sheet(2025, 1), sheet(2023, 0.5), sheet(2021, 0)])
    }

    /// A new ledger with one measure (so the summary has a figure), optionally the synthetic scores.
    func ledger(withScores: Bool) throws -> TemporaryLedger {
        let temp = try TemporaryLedger()
        let ledger = temp.ledger
        let directory = temp.directory
        let raw = ["state": "KEN", "obligation": "art2.mutual-legal-assistance", "status": "implemented", "effective_date": "2010-01-01",
                   "title": "EXAMPLE mutual legal assistance act (test data)", "kind": "legislation"]
        _ = try ledger.recordMeasure(try MeasureFields.validate(raw, catalogue: ledger.catalogue, states: ledger.states), actor: "t")
        if withScores {
            let url = directory.appendingPathComponent("synthetic.xlsx")
            try Self.workbook().write(to: url)
            _ = try ledger.importOCIndex(path: url.path, actor: "t")
        }
        return temp
    }

    func render(_ ledger: Ledger, _ kind: ReportRequest.Kind, _ format: ReportRequest.Format, _ subject: String? = nil) throws -> String {
        String(decoding: try ReportRequest(kind: kind, format: format, asOf: Self.today, subject: subject).render(ledger: ledger).bytes, as: UTF8.self)
    }

    @Test func theSummaryIsByteForByteTheSameWithOrWithoutOutsideScores() throws {
        let plainLedger = try ledger(withScores: false), scoredLedger = try ledger(withScores: true)
        let without = plainLedger.ledger, with = scoredLedger.ledger
        #expect(try with.outsideScores().count == 2 * 3 * 14)
        for format in [ReportRequest.Format.text, .md, .csv, .json, .html] {
            // The two ledgers' logs differ (more events in one): the figures must not.
            #expect(
                try ReportLogState.removed(from: render(without, .summary, format)) == ReportLogState.removed(from: render(with, .summary, format)),
                "summary as \(format)")
        }
        // Kenya's own scorecard counts the same cells and score: outside views are beside them, not in them.
        let plain = try render(without, .state, .json, "KEN"), viewed = try render(with, .state, .json, "KEN")
        let figures = { (text: String) throws -> String in
            let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            return "\(object["coverage"] ?? "none") \(object["score"] ?? "none")"
        }
        #expect(try figures(plain) == figures(viewed))
        #expect(!plain.contains("outside_views"))
    }

    @Test func theStateReportShowsEachEditionTheChangeAndTheCrosswalksRationale() throws {
        let fixture = try ledger(withScores: true)
        let ledger = fixture.ledger
        let text = try render(ledger, .state, .text, "KEN")
        #expect(text.contains("Outside views — Organized Crime Index (GI-TOC), resilience: 1-10, higher is more resilience"))
        #expect(text.contains("GI-TOC International cooperation: 2021 7 → 2023 7.5 → 2025 8 (+1); 1-10, higher is more resilience; partial link, not counted"))
        #expect(text.contains("particularly mutual legal assistance, extradition, the transfer of sentenced prisoners and transborder asset confiscation"))
        #expect(text.contains("they are not compliance ratings"))
        // Markets are context: their own section, read as "more crime".
        #expect(text.contains("criminal markets and actors: 1-10, higher is more crime"))
        #expect(text.contains("GI-TOC Arms trafficking: 2021 6 → 2023 6 → 2025 6 (0); 1-10, higher is more crime; context link, not counted"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(try render(ledger, .state, .json, "KEN").utf8)) as? [String: Any])
        let views = try #require(object["outside_views"] as? [[String: Any]])
        #expect(views.count == 14)
        let cooperation = try #require(views.first { $0["indicator"] as? String == "international-cooperation" })
        #expect(cooperation["trend"] as? String == "2021 7 → 2023 7.5 → 2025 8")
        #expect(cooperation["scale"] as? String == "1-10, higher is more resilience")
        #expect(cooperation["change"] as? Double == 1)
        let csv = try render(ledger, .state, .csv, "KEN")
        #expect(csv.hasPrefix("state,obligation,status,rating,score,basis,measure_id,measure_title,measure_kind,effective_date,source,evidence,missing_treaties,as_of,external,counted_as,outside\n"))
        #expect(csv.contains("GI-TOC International cooperation: 2021 7 → 2023 7.5 → 2025 8 (+1)"))
        // The anti-money laundering score corroborates the FATF ratings, and says that the ledger holds none for Kenya.
        #expect(text.contains("no FATF ratings on record"))
        // An as-of date before 2025 shows the editions published by then.
        let earlier = String(decoding: try ReportRequest(kind: .state, format: .text, asOf: ISODate("2024-06-30")!, subject: "KEN").render(ledger: ledger).bytes, as: UTF8.self)
        #expect(earlier.contains("GI-TOC International cooperation: 2021 7 → 2023 7.5 (+0.5)"))
    }

    /// On an Arabic (right-to-left) scorecard the editions, their change, the English indicator title and the
    /// untranslated scale each read left to right inside their own isolate: without it a browser showed
    /// `2021 7.5 → 2023 8` wrapped around the Arabic semicolon as `(0) 7.5 :2025` and `1-10` as `10-1`.
    @Test func anArabicScorecardIsolatesTheEditionsAndTheScale() throws {
        let fixture = try ledger(withScores: true)
        func scorecard(_ language: Language) throws -> String {
            var request = ReportRequest(kind: .state, format: .html, asOf: Self.today, subject: "KEN")
            request.language = language
            return String(decoding: try request.render(ledger: fixture.ledger).bytes, as: UTF8.self)
        }
        let arabic = try scorecard(.ar)
        #expect(arabic.contains("\u{2066}GI-TOC International cooperation\u{2069}: \u{2066}2021 7 → 2023 7.5 → 2025 8 (+1)\u{2069}؛ \u{2066}1-10, higher is more resilience\u{2069}؛ "))
        // Left to right, nothing is isolated: French reads as before.
        let french = try scorecard(.fr)
        #expect(french.contains("GI-TOC International cooperation : 2021 7 → 2023 7,5 → 2025 8 (+1) ; "))
        #expect(!french.contains("\u{2066}"))
    }

    @Test func theObligationReportShowsEachStatesOutsideViewBesideItsStatus() throws {
        let fixture = try ledger(withScores: true)
        let ledger = fixture.ledger
        let text = try render(ledger, .obligation, .text, "art2.mutual-legal-assistance")
        #expect(text.contains("Outside view: GI-TOC International cooperation (1-10, higher is more resilience; partial link, not counted) — 2 States"))
        #expect(text.contains("Outside views — how the crosswalk links them to this obligation"))
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(try render(ledger, .obligation, .json, "art2.mutual-legal-assistance").utf8)) as? [String: Any])
        let links = try #require(object["outside_links"] as? [[String: Any]])
        #expect(links.first?["strength"] as? String == "partial")
        let kenya = try #require((object["states"] as? [[String: Any]])?.first { $0["state"] as? String == "KEN" })
        #expect((kenya["outside"] as? [String])?.first?.hasPrefix("GI-TOC International cooperation: 2021 7 → 2023 7.5 → 2025 8 (+1)") == true)
        // An obligation the Index's crosswalk does not link has no outside view.
        #expect(!(try render(ledger, .obligation, .text, "art9.professionalism")).contains("Outside view"))
    }
}
