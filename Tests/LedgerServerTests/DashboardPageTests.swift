import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LedgerModel
import LedgerReports
import LedgerServer
import LedgerStore
import LedgerTestSupport
import NIOCore
import Testing

/// The dashboard pages as a reader meets them, on a ledger with FATF ratings, measures and a
/// published round: figures that add up, words instead of ids, links, sorting, filters and downloads
/// that work without script, and markup the validator and axe accept.
@Suite struct DashboardPageTests {
    static let asOf = "2026-11-29"

    /// EXAMPLE data (no real measure) over the real FATF ratings.
    static func ledger() throws -> TemporaryLedger {
        let temp = try TemporaryLedger()
        let ledger = temp.ledger
        _ = try ledger.importFATF(path: ServerExternalTests.realFile.path, actor: "test")
        func measure(_ state: String, _ obligation: String, _ status: String) throws -> MeasureFields {
            try MeasureFields.validate(
                ["state": state, "obligation": obligation, "status": status, "effective_date": "2010-01-01", "title": "EXAMPLE law", "kind": "legislation"],
                catalogue: ledger.catalogue, states: ledger.states)
        }
        _ = try ledger.recordMeasure(try measure("USA", "art8.record-keeping", "implemented"), actor: "test")
        _ = try ledger.recordMeasure(try measure("KEN", "art8.bank-secrecy", "partial"), actor: "test")
        try ledger.openRound(RoundDefinition(name: "example-round", due: ISODate(asOf)!, obligations: ["art8.bank-secrecy"], states: ["MEX"]), actor: "admin")
        try ledger.draftMeasure(try measure("MEX", "art8.bank-secrecy", "planned"), round: "example-round", actor: "mex")
        try ledger.submitRound("example-round", state: "MEX", actor: "mex")
        _ = try ledger.acceptAnswer("example-round", state: "MEX", obligation: nil, actor: "reviewer")
        _ = try ledger.publishRound("example-round", actor: "admin")
        return temp
    }

    func get(_ client: some TestClientProtocol, _ uri: String, status: HTTPResponse.Status = .ok) async throws -> String {
        try await client.execute(uri: uri, method: .get) { response in
            #expect(response.status == status, "\(uri)")
            return String(buffer: response.body)
        }
    }

    /// The reported count of the first coverage line of a page.
    func coverageReported(_ html: String) -> Int? {
        guard let end = html.range(of: " reported / ") else { return nil }
        return Int(String(html[..<end.lowerBound].reversed().prefix { $0.isNumber }.reversed()))
    }

    @Test(.enabled(if: ServerExternalTests.realFileExists, "the shared data file is absent"))
    func everyPagesFiguresAgreeOnALedgerWithFATFRatings() async throws {
        let fixture = try Self.ledger()
        let ledger = fixture.ledger
        try await Application(router: LedgerServer.buildRouter(ledger: ledger)).test(.router) { client in
            let home = try await get(client, "/?as_of=\(Self.asOf)")
            let tables = ReportTable.html(home)
            #expect(tables.filter { $0.headers.contains("Reported") }.count == 4)
            #expect(FigureCheck.tallyProblems(tables, where: "/") == [])
            let external = try #require(tables.first { $0.title == "By regional group" }?.column("Rated externally (FATF)")?.last)
            #expect(home.contains(", \(external) on an outside body's rating"), "the header's basis")
            #expect(home.contains("\(external) of them are scored from a directly linked rating"), "the FATF note counts the same cells")
            for region in RegionalGroup.allCases {
                let page = try await get(client, "/?as_of=\(Self.asOf)&region=\(region.rawValue.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)")
                #expect(FigureCheck.tallyProblems(ReportTable.html(page), where: "/?region=\(region.rawValue)") == [])
            }
            let usa = try await get(client, "/states/USA?as_of=\(Self.asOf)")
            let statuses = try #require(ReportTable.html(usa).first { $0.title == "Obligations" }?.column("status"))
            #expect(FigureCheck.reportedCount(statuses) == coverageReported(usa))
            #expect(statuses.filter { $0 == "rated externally (FATF)" }.count == 6)
            let purple = usa.components(separatedBy: "fill=\"#CC79A7\" stroke=\"#999\"").count - 1
            #expect(purple == 6, "the strip chart draws the same six cells as rated externally, not grey")
            for uri in ["/obligations/art8.record-keeping?as_of=\(Self.asOf)", "/obligations/art8.bank-secrecy?as_of=\(Self.asOf)&region=Latin%20American%20and%20Caribbean"] {
                let page = try await get(client, uri)
                let obligationTables = ReportTable.html(page)
                let distribution = try #require(obligationTables.first { $0.title == "Distribution" })
                let counts = Dictionary(uniqueKeysWithValues: distribution.rows.map { ($0[0].lowercased(), Int($0[1]) ?? -1) })
                #expect(FigureCheck.reportedStatuses.map { counts[$0.lowercased()] ?? 0 }.reduce(0, +) == coverageReported(page), "\(uri)")
                for table in obligationTables where table.title.hasSuffix(")") && !table.title.hasPrefix("External evidence") {
                    #expect(Int(table.title.split(separator: "(").last!.dropLast()) == table.rows.count, "\(uri): \(table.title)")
                }
            }
        }
    }

    @Test(.enabled(if: ServerExternalTests.realFileExists, "the shared data file is absent"))
    func pagesSpeakToAReaderLinkTheirCodesAndPassTheValidatorsRules() async throws {
        let fixture = try Self.ledger()
        let ledger = fixture.ledger
        let served = ReportRequest.servedDates()
        try await Application(router: LedgerServer.buildRouter(ledger: ledger)).test(.router) { client in
            for uri in ["/", "/states/USA", "/obligations/art8.record-keeping", "/treaties/VI-19"] {
                let page = try await get(client, uri + "?as_of=\(Self.asOf)")
                let main = try #require(page.range(of: "<main>").map { String(page[$0.upperBound...]) })
                #expect(!main.contains("<style"), "\(uri): no style element inside main")
                #expect(page.contains("name=\"as_of\" value=\"\(Self.asOf)\" min=\"\(served.lowerBound)\" max=\"\(served.upperBound)\""), "\(uri)")
                #expect(page.contains("<a href=\"/sign-in\">") && page.contains("<a href=\"/rounds\">"), "\(uri): sign-in and rounds in the bar")
                for box in page.components(separatedBy: "<div class=\"scroll\"").dropFirst() {
                    #expect(box.hasPrefix(" tabindex=\"0\" role=\"region\" aria-label=\""), "\(uri): a scrolling box the keyboard reaches")
                }
                #expect(!ReportTable.plain(main).contains("not_reported"), "\(uri): words, not ids")
                #expect(!main.contains("`cpsledger"), "\(uri): no command line for a browser reader")
                #expect(page.contains("@media print{nav,form,button"), "\(uri): the print stylesheet leaves out the bar and the forms")
            }
            // The State picker lists States by name.
            let home = try await get(client, "/?as_of=\(Self.asOf)")
            let picker = try #require(home.components(separatedBy: "<select name=\"iso3\"").dropFirst().first?.components(separatedBy: "</select>").first)
            let names = picker.components(separatedBy: "<option").dropFirst().map { ReportTable.plain("<option" + $0) }
            #expect(names.count == ledger.states.states.count)
            #expect(names == names.sorted { $0.localizedStandardCompare($1) == .orderedAscending })
            #expect(names.first?.hasPrefix("Afghanistan") == true)
            // Titles and links instead of ids.
            let usa = try await get(client, "/states/USA?as_of=\(Self.asOf)")
            let recordKeeping = try #require(ledger.catalogue.obligation("art8.record-keeping"))
            #expect(usa.contains("<a href=\"/obligations/art8.record-keeping\">\(escapeXML(recordKeeping.title))</a> <small class=\"id\">art8.record-keeping</small>"))
            let obligation = try await get(client, "/obligations/art8.record-keeping?as_of=\(Self.asOf)")
            #expect(obligation.contains("<h1>\(escapeXML(recordKeeping.title))"))
            #expect(obligation.contains("<td><a href=\"/states/USA\">USA</a></td>"))
            let treaty = try await get(client, "/treaties/VI-19?as_of=\(Self.asOf)")
            #expect(treaty.contains("<h1>United Nations Convention against Illicit Traffic in Narcotic Drugs and Psychotropic Substances (UNTC VI-19)"))
        }
    }

    @Test(.enabled(if: ServerExternalTests.realFileExists, "the shared data file is absent"))
    func tablesSortAndFilterByLinksAndFormsAndEveryPageLinksItsData() async throws {
        let fixture = try Self.ledger()
        let ledger = fixture.ledger
        try await Application(router: LedgerServer.buildRouter(ledger: ledger)).test(.router) { client in
            // Sorted by score, best first; the Member States' total stays last.
            let sorted = try await get(client, "/?as_of=\(Self.asOf)&sort=score&dir=desc")
            let groups = try #require(ReportTable.html(sorted).first { $0.title == "By regional group" })
            let scores = try #require(groups.column("Score ▼")).dropLast().map { Double($0) ?? -1 }
            #expect(scores == scores.sorted(by: >))
            #expect(groups.rows.last?.first == "All Member States")
            #expect(sorted.contains("<th scope=\"col\" aria-sort=\"descending\"><a href=\"/?as_of=\(Self.asOf)&amp;sort=score&amp;dir=asc\""), "the header link turns the order and keeps the date")
            let ascending = try await get(client, "/?as_of=\(Self.asOf)&sort=score&dir=asc")
            let up = try #require(ReportTable.html(ascending).first { $0.title == "By regional group" }?.column("Score ▲")).dropLast().map { Double($0) ?? -1 }
            #expect(up == up.sorted())
            _ = try await get(client, "/?sort=score&dir=sideways", status: .badRequest)
            // Filters: a GET form; the summary keeps one group, the obligation page one group's States.
            #expect(sorted.contains("<form class=\"filters\" action=\"/\" method=\"get\"><input type=\"hidden\" name=\"as_of\" value=\"\(Self.asOf)\">"))
            #expect(sorted.contains("<select name=\"region\">") && sorted.contains("<select name=\"theme\">") && sorted.contains("<select name=\"article\">"))
            let african = try await get(client, "/?as_of=\(Self.asOf)&region=African&article=8")
            let africanGroups = try #require(ReportTable.html(african).first { $0.title == "By regional group" })
            #expect(africanGroups.rows.map { $0[0] } == ["African", "All Member States"])
            #expect(africanGroups.column("States") == ["54", "54"])
            #expect(african.contains("href=\"/?as_of=\(Self.asOf)&amp;region=African&amp;article=8&amp;sort=score&amp;dir=asc\""), "sort links keep the filters")
            // The form as a browser sends it: the selects left at "all" come as empty values, which are no
            // filter (the page answered 400 "article '' is not a known Article"), and the page's links and
            // downloads do not carry them on.
            let fromTheForm = try await get(client, "/?as_of=\(Self.asOf)&region=Western+European+and+Others&theme=&article=")
            #expect(try #require(ReportTable.html(fromTheForm).first { $0.title == "By regional group" }).rows.map { $0[0] } == ["Western European and Others", "All Member States"])
            #expect(fromTheForm.contains("<option value=\"Western European and Others\" selected>"))
            #expect(!fromTheForm.contains("theme=&amp;") && !fromTheForm.contains("article=&amp;") && !fromTheForm.contains("article=\""))
            let allOfThem = try await get(client, "/obligations/art8.record-keeping?as_of=\(Self.asOf)&region=")
            #expect(ReportTable.html(allOfThem).filter { $0.title.hasSuffix(")") && !$0.title.hasPrefix("External") }.map(\.rows.count).reduce(0, +) == 193)
            let obligation = try await get(client, "/obligations/art8.record-keeping?as_of=\(Self.asOf)&region=African")
            let listed = ReportTable.html(obligation).filter { $0.title.hasSuffix(")") && !$0.title.hasPrefix("External") }.map(\.rows.count).reduce(0, +)
            #expect(listed == 54)
            // Downloads: the page's data through the API, with the same parameters.
            let csv = "/api/reports/obligation?obligation=art8.record-keeping&as_of=\(Self.asOf)&region=African&format=csv"
            #expect(obligation.contains("<a href=\"\(csv.replacingOccurrences(of: "&", with: "&amp;"))\" download>CSV</a>"))
            let data = try await get(client, csv)
            #expect(data.split(separator: "\n").count == 55)
            #expect(data.hasPrefix("obligation,state,status,") && data.contains(",rated_externally,"))  // counted_as, then the (empty) outside column
            #expect(try await get(client, "/api/reports/summary?as_of=\(Self.asOf)&format=json").contains("\"rated_externally\""))
            #expect(try await get(client, "/states/USA?as_of=\(Self.asOf)").contains("href=\"/api/reports/state?state=USA&amp;as_of=\(Self.asOf)&amp;format=json\" download>JSON</a>"))
        }
    }
}
