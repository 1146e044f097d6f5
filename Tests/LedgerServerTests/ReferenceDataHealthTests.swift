import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LedgerServer
import LedgerStore
import Testing

/// `/api/health` and the dashboard's footer say when the ledger's reference data is behind this
/// build's, and stop saying it once `data update` has run.
@Suite struct ReferenceDataHealthTests {
    @Test func healthAndTheFooterSayWhenTheLedgerIsBehindTheBuildsData() async throws {
        // Without the shipped status tables: the build ships tables the ledger lacks.
        let fixture = try ServerTests.Fixture()
        func check(behind: Bool) async throws {
            try await fixture.app.test(.router) { client in
                try await client.execute(uri: "/api/health", method: .get) { response in
                    #expect(response.status == .ok)
                    let health = try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any]
                    #expect(health?["reference_data"] as? String == (behind ? "behind" : "current"))
                }
                try await client.execute(uri: "/", method: .get) { response in
                    let page = String(buffer: response.body)
                    #expect(page.contains("cpsledger data update") == behind)
                    #expect(page.contains("is older than the data this version of cpsledger ships") == behind)
                }
            }
        }
        try await check(behind: true)
        _ = try fixture.ledger.updateReferenceData(actor: "test")
        try await check(behind: false)
    }
}
