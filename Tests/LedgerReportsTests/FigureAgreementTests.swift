import Foundation
import LedgerModel
import LedgerReports
import LedgerStore
import LedgerTestSupport
import Testing

/// On a ledger with FATF ratings, measures, reviewers' assessments and a published round, every
/// report says the same thing in every format: the status columns add up to the reported cells, the
/// cells scored from a FATF rating are counted as "rated externally (FATF)" wherever a status is
/// shown, and the notes give the counts the header gives.
@Suite struct FigureAgreementTests {
    static let fatf = ExternalEvidenceTests.realFile
    static let asOf = ISODate("2026-11-29")!

    /// EXAMPLE data (no real measure): measures in every status, one on a cell FATF also rates, a
    /// reviewer's rating of a cell nothing was reported for, a rating of not applicable over a
    /// self-report, and a round whose answer was published.
    static func fixture() throws -> TemporaryLedger {
        let temp = try TemporaryLedger(actor: "fixture")
        let ledger = temp.ledger
        let directory = temp.directory
        _ = try ledger.importFATF(path: fatf.path, actor: "fixture")
        let measures = directory.appendingPathComponent("m.csv")
        try Data("""
            state,obligation,status,effective_date,title,kind,source,note,justification
            USA,art8.record-keeping,implemented,2001-10-26,EXAMPLE record-keeping act,legislation,EXAMPLE code,,
            FRA,art8.bank-secrecy,partial,2001-05-15,EXAMPLE banking act,legislation,,,covers banks only
            KEN,art6.implement-drug-conventions,planned,2010-01-01,EXAMPLE bill,legislation,,,
            BRA,art3.extradite-or-prosecute,no_measures,2012-06-30,,,,,
            DEU,art7d.migrant-smuggling,not_applicable,2000-01-01,,,,,EXAMPLE justification
            JPN,art1.organized-crime,implemented,2017-07-11,EXAMPLE act,legislation,,,

            """.utf8).write(to: measures)
        _ = try ledger.importMeasures(path: measures.path, actor: "fixture")
        for (state, obligation, rating, comment) in [
            ("NZL", "art4.technical-assistance", "partially_compliant", "EXAMPLE rating of a cell nothing was reported for"),
            ("JPN", "art1.organized-crime", "not_applicable", "EXAMPLE: rated not applicable"),
        ] {
            let fields = try AssessmentFields.validate(
                ["state": state, "obligation": obligation, "rating": rating, "assessed_on": "2026-01-10", "comment": comment],
                catalogue: ledger.catalogue, states: ledger.states, today: asOf)
            _ = try ledger.recordAssessment(fields, actor: "reviewer")
        }
        try ledger.openRound(
            RoundDefinition(name: "example-round", due: asOf, obligations: ["art4.information-sharing"], states: ["MEX"]), actor: "admin")
        let answer = try MeasureFields.validate(
            ["state": "MEX", "obligation": "art4.information-sharing", "status": "implemented", "effective_date": "2020-01-01",
             "title": "EXAMPLE agreement", "kind": "legislation"],
            catalogue: ledger.catalogue, states: ledger.states)
        try ledger.draftMeasure(answer, round: "example-round", actor: "mex")
        try ledger.submitRound("example-round", state: "MEX", actor: "mex")
        _ = try ledger.acceptAnswer("example-round", state: "MEX", obligation: nil, actor: "reviewer")
        _ = try ledger.publishRound("example-round", actor: "admin")
        return temp
    }

    func render(_ request: ReportRequest, _ format: ReportRequest.Format, _ ledger: Ledger) throws -> String {
        var request = request
        request.format = format
        return try request.render(ledger: ledger).body
    }

    /// The fields of a CSV line (quoted commas kept).
    func fields(_ line: Substring) -> [String] {
        var out = [""], quoted = false
        for character in line {
            if character == "\"" { quoted.toggle() } else if character == ",", !quoted { out.append("") } else { out[out.count - 1].append(character) }
        }
        return out
    }

    /// The reported count of a coverage line (`coverage 0.13 = 5 reported / 39 applicable`).
    func coverageReported(_ text: String) -> Int? {
        guard let end = text.range(of: " reported / ") else { return nil }
        return Int(String(text[..<end.lowerBound].reversed().prefix { $0.isNumber }.reversed()))
    }

    @Test(.enabled(if: ExternalEvidenceTests.realFileExists, "the shared data file is absent"))
    func theSummaryAddsUpInEveryFormatAndItsNotesGiveTheHeadersCounts() throws {
        let fixture = try Self.fixture()
        let ledger = fixture.ledger
        let request = ReportRequest(kind: .summary, asOf: Self.asOf)
        // JSON: every row's counted statuses add up, and the external count is the rated_externally one.
        let json = try #require(try JSONSerialization.jsonObject(with: Data(render(request, .json, ledger).utf8)) as? [String: Any])
        var rows = [json["global"], json["non_members"]].compactMap { $0 as? [String: Any] }
        for key in ["regional_groups", "articles", "themes"] { rows += (json[key] as? [[String: Any]]) ?? [] }
        #expect(rows.count > 20)
        for row in rows {
            let counts = try #require(row["status_counts"] as? [String: Int])
            let reported = ["implemented", "partial", "planned", "no_measures", "rated_externally", "assessed_only"].map { counts[$0] ?? 0 }.reduce(0, +)
            #expect(reported == row["reported"] as? Int, "\(row["name"] ?? "") in JSON")
            #expect(reported + counts["not_applicable"]! + counts["not_reported"]! == row["cells"] as? Int)
            #expect(counts["not_reported"] == row["not_reported"] as? Int)
            #expect(counts["rated_externally"] == (row["external"] as? Int ?? 0))
        }
        let global = try #require(json["global"] as? [String: Any])
        let external = try #require(global["external"] as? Int)
        #expect(external > 900, "FATF ratings score the Article 8 cells of the rated Member States")
        #expect((global["status_counts"] as? [String: Int])?["assessed_only"] == 1)
        // CSV: the same, with the columns added at the end.
        let csv = try render(request, .csv, ledger).split(separator: "\n").map(fields)
        let header = csv[0]
        func column(_ name: String, _ line: [String]) -> Int { Int(line[header.firstIndex(of: name)!]) ?? -1 }
        for line in csv.dropFirst() {
            let reported = ["implemented", "partial", "planned", "no_measures", "rated_externally", "assessed_only"].map { column($0, line) }.reduce(0, +)
            #expect(reported == column("reported", line), "\(line[2]) in CSV")
            #expect(column("rated_externally", line) == column("external", line))
            #expect(column("assessed", line) + column("self_reported", line) + column("from_treaty_status", line) + column("external", line) == reported)
        }
        // Text, Markdown and HTML: every table row adds up as a reader would add it.
        let text = try render(request, .text, ledger), markdown = try render(request, .md, ledger), html = try render(request, .html, ledger)
        for (format, tables) in [("text", ReportTable.text(text)), ("Markdown", ReportTable.markdown(markdown)), ("HTML", ReportTable.html(html))] {
            #expect(tables.filter { $0.headers.contains("Reported") }.count == 4, "\(format) has the four count tables")
            #expect(FigureCheck.tallyProblems(tables, where: "summary \(format)") == [])
            let groups = try #require(tables.first { $0.title == "By regional group" })
            #expect(groups.column("Rated externally (FATF)")?.last == String(external), "\(format): the Member States' row")
        }
        // The header's basis line and the FATF note count the same Member-State cells.
        #expect(text.contains(", \(external) on an outside body's rating"))
        #expect(text.contains("of Member States carry FATF ratings as evidence"))
        #expect(text.contains("\(external) of them are scored from a directly linked rating"))
    }

    @Test(.enabled(if: ExternalEvidenceTests.realFileExists, "the shared data file is absent"))
    func theScorecardTheObligationAndTheMatrixCountACellRatedByFATFAsReportedEverywhere() throws {
        let fixture = try Self.fixture()
        let ledger = fixture.ledger
        // The scorecard: the status column counts what the coverage line says; the strip chart colours the same cells.
        let state = ReportRequest(kind: .state, asOf: Self.asOf, subject: "USA")
        for format in [ReportRequest.Format.text, .md, .html] {
            let body = try render(state, format, ledger)
            let tables = format == .text ? ReportTable.text(body) : format == .md ? ReportTable.markdown(body) : ReportTable.html(body)
            let statuses = try #require(tables.first { $0.title == "Obligations" }?.column("status"))
            #expect(FigureCheck.reportedCount(statuses) == coverageReported(body), "USA scorecard, \(format)")
            #expect(statuses.contains("rated externally (FATF)") && !statuses.contains("not_reported"))
            if format == .html {
                let purple = body.components(separatedBy: "fill=\"#CC79A7\" stroke=\"#999\"").count - 1
                #expect(purple == statuses.count { $0 == "rated externally (FATF)" }, "the strip chart colours the externally rated cells")
            }
        }
        let card = try #require(try JSONSerialization.jsonObject(with: Data(render(state, .json, ledger).utf8)) as? [String: Any])
        let lines = try #require(card["obligations"] as? [[String: Any]])
        let recordKeeping = try #require(lines.first { $0["obligation"] as? String == "art8.record-keeping" })
        #expect(recordKeeping["status"] as? String == "implemented", "the State's own report stays in status")
        #expect(recordKeeping["counted_as"] as? String == "rated_externally")
        #expect(recordKeeping["basis"] as? String == "external")
        // By name: CSVs may gain columns at their end (`outside`, after `counted_as`).
        let csvLines = try render(state, .csv, ledger).split(separator: "\n")
        let countedColumn = try #require(fields(csvLines[0]).firstIndex(of: "counted_as"))
        let csvCounted = csvLines.dropFirst().map { fields($0)[countedColumn] }
        #expect(csvCounted == lines.map { $0["counted_as"] as? String ?? "" })

        // The obligation: the distribution adds up to the coverage line, and each status's list has as many States.
        let obligation = ReportRequest(kind: .obligation, asOf: Self.asOf, subject: "art8.record-keeping")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(render(obligation, .json, ledger).utf8)) as? [String: Any])
        let distribution = try #require(report["distribution"] as? [String: Int])
        let reported = ["implemented", "partial", "planned", "no_measures", "rated_externally", "assessed_only"].map { distribution[$0] ?? 0 }.reduce(0, +)
        #expect(reported == coverageReported(report["coverage_formula"] as? String ?? ""))
        #expect(distribution["rated_externally"]! > 170)
        for format in [ReportRequest.Format.text, .md, .html] {
            let body = try render(obligation, format, ledger)
            let tables = format == .text ? ReportTable.text(body) : format == .md ? ReportTable.markdown(body) : ReportTable.html(body)
            let shown = try #require(tables.first { $0.title == "Distribution" })
            let counts = Dictionary(uniqueKeysWithValues: shown.rows.map { ($0[0].lowercased(), Int($0[1]) ?? -1) })
            let shownReported = FigureCheck.reportedStatuses.map { counts[$0.lowercased()] ?? 0 }.reduce(0, +)
            #expect(shownReported == coverageReported(body), "obligation distribution, \(format)")
            #expect(counts["not reported"] == distribution["not_reported"])
            for table in tables where table.title.hasSuffix(")") && table.title != "Distribution" && !table.title.hasPrefix("External evidence") {
                let count = Int(table.title.split(separator: "(").last!.dropLast())
                #expect(count == table.rows.count, "\(table.title) lists as many States as its heading says (\(format))")
            }
        }

        // The matrix: letters and JSON agree, and the letters' reported cells are the summary's.
        let matrix = ReportRequest(kind: .matrix, asOf: Self.asOf)
        let cells = try #require((try JSONSerialization.jsonObject(with: Data(render(matrix, .json, ledger).utf8)) as? [String: Any])?["cells"] as? [[String: Any]])
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(render(ReportRequest(kind: .summary, asOf: Self.asOf), .json, ledger).utf8)) as? [String: Any])
        let global = try #require(summary["global"] as? [String: Any])
        #expect(cells.count { ["not_applicable", "not_reported"].contains($0["counted_as"] as? String) == false } == global["reported"] as? Int)
        let text = try render(matrix, .text, ledger)
        let grid = try #require(ReportTable.text(text).first { $0.title == "Matrix" })
        let letters = grid.rows.flatMap { $0.dropFirst() }
        #expect(letters.count { $0.hasPrefix("E") } == global["external"] as? Int)
        #expect(letters.count { !$0.hasPrefix(".") && !$0.hasPrefix("-") } == global["reported"] as? Int)
    }
}
