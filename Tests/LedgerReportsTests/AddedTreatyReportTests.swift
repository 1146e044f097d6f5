import Foundation
import LedgerModel
import LedgerReports
import LedgerStore
import LedgerTestSupport
import Testing

/// A treaty the ledger added (`treaties add`) in every format of the treaties report and in the
/// listing, marked as added by the ledger, with its provisional applications apart from its parties.
@Suite struct AddedTreatyReportTests {
    /// A synthetic status table of a treaty that does not exist: EXAMPLE data, no real treaty's status.
    static let exampleTable = ExampleStatusTable.withProvisionalApplication

    static let asOf = ISODate("2026-06-30")!

    /// A ledger without shipped status data, with the example treaty added and its table imported.
    static func ledger() throws -> (TemporaryLedger, Int64) {
        let temp = try TemporaryLedger()
        let ledger = temp.ledger
        let directory = temp.directory
        Thread.sleep(forTimeInterval: 0.01)  // the addition is recorded in a later millisecond than the creation
        let addition = try TreatyAddition.validate(
            [
                "id": "example-convention-2020", "untc": "XVIII-99", "title": "EXAMPLE Convention (synthetic, for tests)",
                "short_title": "EXAMPLE Convention", "adopted": "2020-12-01", "entry_into_force": "2022-06-01",
                "depositary": "Secretary-General of the United Nations", "source": "EXAMPLE source (synthetic)",
            ], obligations: [], treaties: ledger.treaties, catalogue: ledger.catalogue)
        let seq = try ledger.addTreaty(addition, actor: "test")
        let file = directory.appendingPathComponent("example.csv")
        try Data(exampleTable.utf8).write(to: file)
        _ = try ledger.importUNTC(treaty: "XVIII-99", path: file.path, actor: "test")
        return (temp, seq)
    }

    @Test func theAddedTreatyShowsInEveryFormatMarkedAsAddedByTheLedger() throws {
        let (fixture, seq) = try Self.ledger()
        let ledger = fixture.ledger
        for format in ReportRequest.Format.allCases {
            let output = try ReportRequest(kind: .treaties, format: format, asOf: Self.asOf, subject: "XVIII-99").render(ledger: ledger)
            switch format {
            case .xlsx:
                #expect(output.bytes.starts(with: [0x50, 0x4B]), "a workbook")
            case .json:
                let object = try #require(try JSONSerialization.jsonObject(with: Data(output.bytes)) as? [String: Any])
                let row = try #require((object["treaties"] as? [[String: Any]])?.first)
                #expect(row["id"] as? String == "example-convention-2020")
                #expect(row["catalogue"] as? String == "ledger")
                #expect(row["added_event"] as? Int == Int(seq))
                #expect(row["parties"] as? Int == 2, "the header's count")
                #expect(row["provisionally_applying"] as? [String] == ["BRA"], "Chile applies it provisionally and is party")
            case .csv:
                let lines = output.body.split(separator: "\n")
                #expect(lines[0].hasSuffix(",catalogue"))
                #expect(lines.dropFirst().allSatisfy { $0.hasSuffix(",ledger") })
                #expect(lines.contains { $0.hasPrefix("BRA,true,example-convention-2020,XVIII-99,signatory,") })
            case .text, .md, .html:
                #expect(output.body.contains("EXAMPLE Convention (added by this ledger)"), "\(format)")
                #expect(output.body.contains("was added to the catalogue by this ledger (event \(seq))"), "\(format)")
                #expect(output.body.contains("provisional application is not consent to be bound"), "\(format)")
            }
        }
        let listing = Listing.treaties(try ledger.treatyStatus(), tables: try ledger.treatyTables())
        let item = try #require(listing.first { $0.id == "example-convention-2020" })
        #expect(item.catalogue == .ledger && item.addedEvent == seq && item.statusAsAt == ISODate("2026-06-01"))
        #expect(listing.filter { $0.id != item.id }.allSatisfy { $0.catalogue == .shipped && $0.addedEvent == nil })
    }

    @Test func aReportKnownAtTheLedgersCreationDoesNotShowTheAddedTreaty() throws {
        let (fixture, _) = try Self.ledger()
        let ledger = fixture.ledger
        let created = try #require(try ledger.events(after: 0, limit: 1).first?.recordedAt)
        let index = try ledger.treatyStatus(knownAt: KnownAt(created))
        #expect(index.catalogue.treaty("example-convention-2020") == nil)
        #expect(try ledger.treatyStatus().catalogue.treaty("example-convention-2020") != nil)
    }
}
