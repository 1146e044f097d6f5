import Foundation
import Hummingbird
import HummingbirdTesting
import LedgerModel
import LedgerServer
import LedgerStore
import LedgerTestSupport
import Testing

/// A treaty added to the ledger's catalogue (`treaties add`) in the API and on the dashboard,
/// also when another process adds it while the server runs.
@Suite struct AddedTreatyServerTests {
    /// A synthetic status table of a treaty that does not exist: EXAMPLE data, no real treaty's status.
    static let exampleTable = ExampleStatusTable.withProvisionalApplication

    @Test func aTreatyAddedBesideTheRunningServerIsInTheAPIAndOnTheDashboard() async throws {
        let folder = try TemporaryFolder()
        let path = folder.path("s.sqlite")
        let served = try Ledger.open(path: path, actor: "test", withStatusData: false)
        try await Application(router: LedgerServer.buildRouter(ledger: served)).test(.router) { client in
            try await client.execute(uri: "/api/treaties/XVIII-99", method: .get) { response in #expect(response.status == .notFound) }
            // The secretariat adds the treaty and imports its table from the command line, another process.
            let cli = try Ledger.open(path: path, actor: "cli", withStatusData: false)
            let addition = try TreatyAddition.validate(
                [
                    "id": "example-convention-2020", "untc": "XVIII-99", "title": "EXAMPLE Convention (synthetic, for tests)",
                    "short_title": "EXAMPLE Convention", "adopted": "2020-12-01", "entry_into_force": "2022-06-01",
                    "depositary": "Secretary-General of the United Nations", "source": "EXAMPLE source (synthetic)",
                ], obligations: ["art1.organized-crime"], treaties: cli.treaties, catalogue: cli.catalogue)
            let seq = try cli.addTreaty(addition, actor: "cli")
            let file = folder.url.appendingPathComponent("example.csv")
            try Data(Self.exampleTable.utf8).write(to: file)
            _ = try cli.importUNTC(treaty: "XVIII-99", path: file.path, actor: "cli")

            try await client.execute(uri: "/api/treaties/XVIII-99", method: .get) { response in
                #expect(response.status == .ok)
                let object = try #require(try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any])
                let row = try #require((object["treaties"] as? [[String: Any]])?.first)
                #expect(row["catalogue"] as? String == "ledger")
                #expect(row["added_event"] as? Int == Int(seq))
                #expect(row["parties"] as? Int == 2)
                #expect(row["provisionally_applying"] as? [String] == ["BRA"])
            }
            try await client.execute(uri: "/api/treaties", method: .get) { response in
                let items = try #require(try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [[String: Any]])
                let item = try #require(items.first { $0["id"] as? String == "example-convention-2020" })
                #expect(item["catalogue"] as? String == "ledger")
                #expect(item["obligations"] as? [String] == ["art1.organized-crime"])
                #expect(items.filter { $0["catalogue"] as? String == "shipped" }.count == items.count - 1)
            }
            try await client.execute(uri: "/treaties/example-convention-2020", method: .get) { response in
                #expect(response.status == .ok)
                let page = String(buffer: response.body)
                #expect(page.contains("EXAMPLE Convention (added by this ledger)"))
                #expect(page.contains("was added to the catalogue by this ledger"))
            }
            try await client.execute(uri: "/", method: .get) { response in
                #expect(String(buffer: response.body).contains("EXAMPLE Convention (added by this ledger)</option>"))
            }
        }
    }
}
