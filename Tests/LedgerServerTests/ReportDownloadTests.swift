import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LedgerModel
import LedgerServer
import LedgerStore
import Testing

/// `GET /api/reports/{kind}?format=xlsx`: a workbook to download, named after the report; a bad
/// request for one is answered as any other report's.
@Suite struct ReportDownloadTests {
    @Test func aReportDownloadsAsANamedWorkbook() async throws {
        let fixture = try ServerTests.Fixture()
        _ = try fixture.ledger.recordMeasure(try MeasureFields.validate(
            ["state": "FRA", "obligation": "art8.record-keeping", "status": "implemented", "effective_date": "1990-07-12",
             "title": "EXAMPLE (test data)", "kind": "legislation"],
            catalogue: fixture.ledger.catalogue, states: fixture.ledger.states), actor: "t")
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/api/reports/state?state=FRA&as_of=2000-01-01&format=xlsx", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                #expect(response.headers[.contentDisposition] == #"attachment; filename="cpsledger-state-FRA-2000-01-01.xlsx""#)
                #expect(Array(response.body.readableBytesView.prefix(4)) == [0x50, 0x4B, 0x03, 0x04], "not a ZIP file")
            }
            for uri in ["/api/reports/state?format=xlsx", "/api/reports/summary?format=xlsx&as_of=1900-01-01"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .badRequest, "\(uri)")
                    #expect(String(buffer: response.body).contains(#""error":"#), "\(uri)")
                }
            }
        }
    }
}
