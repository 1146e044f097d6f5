import Foundation
import GRDB
import LedgerTestSupport
import Testing

/// `cpsledger treaties add` end to end: bad input refused with a sentence and nothing written; then
/// the added treaty's status table, with a provisional-application column, imported and listed.
@Suite struct TreatyAddCommandTests {
    /// A treaty that does not exist: EXAMPLE values, no real treaty's facts.
    static let add = [
        "treaties", "add", "--id", "example-convention-2020", "--untc", "XVIII-99", "--title", "EXAMPLE Convention (synthetic, for tests)",
        "--short-title", "EXAMPLE Convention", "--adopted", "2020-12-01", "--entry-into-force", "2022-06-01",
        "--depositary", "Secretary-General of the United Nations", "--source", "EXAMPLE source (synthetic)",
    ]

    /// A synthetic status table of that treaty: EXAMPLE data, no real treaty's status.
    static let exampleTable = ExampleStatusTable.withProvisionalApplication

    func events(_ cli: CommandLineTool) throws -> Int {
        try DatabaseQueue(path: cli.db).read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM events")! }
    }

    @Test func badInputIsRefusedWithASentenceNamingTheOptionAndNothingIsWritten() throws {
        let cli = try CommandLineTool()
        let before = try events(cli)
        let cases: [(replace: (String, String), option: String)] = [
            (("example-convention-2020", "untoc-2000"), "--id: field 'id' value 'untoc-2000': is already a treaty of the ledger"),
            (("2020-12-01", "2020-13-01"), "--adopted: field 'adopted' value '2020-13-01'"),
            (("2022-06-01", "2019-06-01"), "--entry-into-force: field 'entry_into_force' value '2019-06-01': is before the treaty was adopted"),
        ]
        for item in cases {
            let arguments = Self.add.map { $0 == item.replace.0 ? item.replace.1 : $0 }
            let result = try cli.run(arguments)
            #expect(result.status != 0)
            #expect(result.stderr.contains(item.option), "\(result.stderr)")
        }
        let unknown = try cli.run(Self.add + ["--obligation", "art99.nothing"])
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("--obligation: field 'obligation' value 'art99.nothing': is not an obligation of the catalogue"), "\(unknown.stderr)")
        #expect(try events(cli) == before)
    }

    @Test func anAddedTreatysTableImportsConsentsAndProvisionalApplicationsApart() throws {
        let cli = try CommandLineTool()
        let added = try cli.run(Self.add + ["--obligation", "art1.organized-crime"])
        #expect(added.status == 0, "\(added.stderr)")
        #expect(added.stdout.contains("Added treaty example-convention-2020 (UNTC XVIII-99)"))
        let path = try cli.file("example.csv", Self.exampleTable)
        let imported = try cli.run("import", "untc", "--treaty", "XVIII-99", path)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("Of these: 2 consents to be bound, 3 signatures, 2 provisional applications (not consent to be bound: never counted as party)."), "\(imported.stdout)")
        #expect(!imported.stderr.contains("parties"), "the header's party count is the rows' count: \(imported.stderr)")
        let list = try cli.run("treaties", "list")
        #expect(list.stdout.contains("added by this ledger"))
        let audit = try cli.json("report", "treaties", "--treaty", "example-convention-2020", "--as-of", "2026-06-30", "--format", "json") as! [String: Any]
        let row = (audit["treaties"] as! [[String: Any]])[0]
        #expect(row["parties"] as? Int == 2)
        #expect(row["catalogue"] as? String == "ledger")
        #expect(try cli.run("verify").status == 0)
    }
}
