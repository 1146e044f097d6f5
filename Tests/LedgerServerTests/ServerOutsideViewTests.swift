import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LedgerServer
import LedgerStore
import LedgerTestSupport
import NIOCore
import Testing

/// The Organized Crime Index's scores on the dashboard's State page and in the API's State report,
/// from a SYNTHETIC workbook written by the test (every score invented).
@Suite struct ServerOutsideViewTests {
    @Test func theStatePageAndTheAPIShowOutsideViewsEditionByEdition() async throws {
        let temp = try TemporaryLedger(actor: "t")
        let ledger = temp.ledger
        let directory = temp.directory
        let resilience = SyntheticWorkbook.resilience
        let sheets = [(2025, 6.0), (2023, 5.5), (2021, 5.0)].map { edition, score in
            SyntheticWorkbook.dataset(
                "\(edition)_dataset", columns: resilience, rows: [("Kenya", Array(repeating: .number(String(score)), count: resilience.count))])
        }
        let url = directory.appendingPathComponent("synthetic.xlsx")
        try SyntheticWorkbook(sheets: sheets).write(to: url)
        _ = try ledger.importOCIndex(path: url.path, actor: "t")
        let app = Application(router: LedgerServer.buildRouter(ledger: ledger))
        try await app.test(.router) { client in
            try await client.execute(uri: "/states/KEN", method: .get) { response in
                #expect(response.status == .ok)
                let page = String(buffer: response.body)
                #expect(page.contains("Outside views — Organized Crime Index (GI-TOC), resilience: 1-10, higher is more resilience"))
                #expect(page.contains("GI-TOC International cooperation: 2021 5 → 2023 5.5 → 2025 6 (+1)"))
            }
            try await client.execute(uri: "/api/reports/state?state=KEN&format=json", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("\"trend\" : \"2021 5 → 2023 5.5 → 2025 6\""))
            }
        }
    }
}
