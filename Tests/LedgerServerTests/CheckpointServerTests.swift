import Foundation
import GRDB
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LedgerModel
import LedgerServer
@testable import LedgerStore
import NIOCore
import Testing

/// Checkpoints signed by the server after writes, their route, and tokens the chain does not vouch for.
@Suite struct CheckpointServerTests {
    @Test func theServerSignsACheckpointEveryNWritesAndPublishesTheLatest() async throws {
        let fixture = try ServerTests.Fixture()
        let key = CheckpointKey()
        let app = Application(router: LedgerServer.buildRouter(ledger: fixture.ledger, checkpoints: CheckpointPolicy(key: key, every: 2)))
        try await app.test(.router) { client in
            try await client.execute(uri: "/api/checkpoints/latest", method: .get) { response in
                #expect(response.status == .notFound)
            }
            for (index, state) in ["FRA", "DEU", "ITA"].enumerated() {
                try await client.execute(
                    uri: "/api/measures", method: .post, headers: ServerTests.headers(fixture.tokens["admin"]),
                    body: ServerTests.body(ServerTests.measure(state, note: "checkpoint \(index)"))
                ) { response in #expect(response.status == .created) }
            }
            try await client.execute(uri: "/api/checkpoints/latest", method: .get) { response in
                #expect(response.status == .ok)
                let checkpoint = try Checkpoint.decode(Data(String(buffer: response.body).utf8))
                #expect(checkpoint.isValid(trustedKey: key.publicKey))
                let head = try fixture.ledger.events(after: checkpoint.seq - 1, limit: 2)
                #expect(head.first?.hash == checkpoint.hash && head.last?.kind == "checkpoint.recorded")
            }
        }
        // 7 events from the fixture; the first write (8) signs (9, no checkpoint yet); the next two
        // writes (10, 11) sign once more (12): one checkpoint per two events written since the last.
        let kinds = try fixture.ledger.events(after: 7, limit: 10).map(\.kind)
        #expect(kinds == ["measure.recorded", "checkpoint.recorded", "measure.recorded", "measure.recorded", "checkpoint.recorded"])
        #expect(try fixture.ledger.verify(trustedKey: key.publicKey).isSound)
    }

    @Test func aTokenRowWrittenIntoTheFileIsRefused() async throws {
        let fixture = try ServerTests.Fixture()
        let forged = "cpl_" + String(repeating: "cd", count: 32)
        let queue = try DatabaseQueue(path: fixture.ledger.path)
        try await queue.write { db in
            try db.execute(
                sql: "INSERT INTO tokens (name, role, sha256, created_at) VALUES ('Intruder', 'admin', ?, '2026-11-29T00:00:00.000Z')",
                arguments: [Ledger.tokenHash(forged)])
        }
        try await Application(router: LedgerServer.buildRouter(ledger: fixture.ledger)).test(.router) { client in
            try await client.execute(
                uri: "/api/measures", method: .post, headers: ServerTests.headers(forged), body: ServerTests.body(ServerTests.measure("FRA", note: "forged"))
            ) { response in #expect(response.status == .unauthorized) }
        }
    }
}
