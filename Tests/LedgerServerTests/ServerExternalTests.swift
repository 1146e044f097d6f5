import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LedgerModel
import LedgerServer
import LedgerStore
import LedgerTestSupport
import NIOCore
import Testing

/// FATF ratings through the server: the scorecard page shows them, and reports take `basis`.
@Suite struct ServerExternalTests {
    static let realFile = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data/fatf/consolidated-ratings-2026.csv")
    static let realFileExists = FileManager.default.fileExists(atPath: realFile.path)

    @Test(.enabled(if: realFileExists, "the shared data file is absent"))
    func theDashboardAndTheAPIShowFATFEvidenceAndFilterByBasis() async throws {
        let temp = try TemporaryLedger(actor: "t")
        let ledger = temp.ledger
        _ = try ledger.importFATF(path: Self.realFile.path, actor: "t")
        let app = Application(router: LedgerServer.buildRouter(ledger: ledger))
        try await app.test(.router) { client in
            try await client.execute(uri: "/states/USA", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("FATF R.11: LC, follow-up report 2024-03 (direct link)"))
            }
            try await client.execute(uri: "/api/reports/summary?basis=external&article=8", method: .get) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body).contains("\"external\" : 900"))
            }
            try await client.execute(uri: "/api/reports/summary?basis=outside", method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("basis 'outside' is not one of self, assessed, external."))
            }
        }
    }
}
