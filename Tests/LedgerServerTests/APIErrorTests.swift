import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LedgerModel
import LedgerServer
import LedgerStore
import NIOCore
import Testing

/// The ledger's errors as the API words them: the case as a `code`, the field and value, and the
/// ledger's own sentence, with no command-line wording.
@Suite struct APIErrorTests {
    @Test func aLedgerErrorCarriesItsCodeAndFieldAndNoCommandLineWords() async throws {
        let fixture = try ServerTests.Fixture()
        let admin = TokenAuthenticationTests.headers("Bearer " + fixture.tokens["admin"]!)
        try await fixture.app.test(.router) { client in
            for uri in ["/api/measures/999999/retractions", "/api/measures/999999/corrections"] {
                try await client.execute(uri: uri, method: .post, headers: admin, body: ByteBuffer(string: #"{"reason":"EXAMPLE"}"#)) { response in
                    #expect(response.status == .notFound)
                    let error = try TokenAuthenticationTests.error(response)
                    #expect(error["code"] as? String == "unknown_measure")
                    #expect(error["field"] as? String == "seq")
                    #expect(error["value"] as? String == "999999")
                    let message = try #require(error["message"] as? String)
                    #expect(message.contains("999999"), "\(message)")
                    #expect(!message.contains("cpsledger") && !message.contains("--"), "\(message)")
                }
            }
        }
    }

    @Test func aRetractionTwiceIsAConflictWithItsCode() async throws {
        let fixture = try ServerTests.Fixture()
        let measure = try #require(try fixture.ledger.recordMeasure(try MeasureFields.validate(
            ["state": "FRA", "obligation": "art8.record-keeping", "status": "partial", "effective_date": "1990-01-01", "title": "EXAMPLE", "kind": "legislation"],
            catalogue: fixture.ledger.catalogue, states: fixture.ledger.states), actor: "t").seqValue)
        _ = try fixture.ledger.retractMeasure(measure, reason: "EXAMPLE", actor: "t")
        let admin = TokenAuthenticationTests.headers("Bearer " + fixture.tokens["admin"]!)
        try await fixture.app.test(.router) { client in
            try await client.execute(uri: "/api/measures/\(measure)/retractions", method: .post, headers: admin, body: ByteBuffer(string: #"{"reason":"again"}"#)) { response in
                #expect(response.status == .conflict)
                let error = try TokenAuthenticationTests.error(response)
                #expect(error["code"] as? String == "already_retracted")
            }
        }
    }
}
