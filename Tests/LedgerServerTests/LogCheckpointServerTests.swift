import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LedgerModel
import LedgerServer
import LedgerStore
import NIOCore
import Testing
import TransparencyLog

/// `GET /api/log/checkpoint` (the signed-note checkpoint) and `POST /api/log/cosignatures`.
@Suite struct LogCheckpointServerTests {
    static func text(_ body: String) -> HTTPFields { [.contentType: "text/plain; charset=utf-8"] }

    @Test func theServerServesItsSignedNoteAndTheCosignaturesOfItsWitnesses() async throws {
        let fixture = try ServerTests.Fixture()
        let key = try CheckpointKey(origin: "ledger.example.org/test")
        let witness = try NoteSigner(name: "witness.example.org", type: .cosignatureV1)
        let stranger = try NoteSigner(name: "stranger.example.org", type: .cosignatureV1)
        let router = LedgerServer.buildRouter(ledger: fixture.ledger, checkpoints: CheckpointPolicy(key: key, every: 1), witnesses: [witness.verifier])
        try await Application(router: router).test(.router) { client in
            try await client.execute(uri: "/api/log/checkpoint", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(String(buffer: response.body).contains("\"code\"") || String(buffer: response.body).contains("\"message\""))
            }
            try await client.execute(
                uri: "/api/measures", method: .post, headers: ServerTests.headers(fixture.tokens["admin"]), body: ServerTests.body(ServerTests.measure("FRA", note: "note"))
            ) { #expect($0.status == .created) }
            var served = ""
            try await client.execute(uri: "/api/log/checkpoint", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/plain; charset=utf-8")
                served = String(buffer: response.body)
            }
            let (body, note) = try LogCheckpoint.open(served, verifier: key.noteSigner.verifier)
            #expect(body.origin == "ledger.example.org/test")
            let head = try fixture.ledger.headSeq()
            #expect(body.tree.size == head - 1)

            // A stranger's cosignature, garbage, and a note the server never signed: 400, nothing kept.
            let strangers = note.adding(try stranger.sign(note.text)).serialized
            try await client.execute(uri: "/api/log/cosignatures", method: .post, headers: Self.text(""), body: ByteBuffer(string: strangers)) {
                #expect($0.status == .badRequest)
            }
            try await client.execute(uri: "/api/log/cosignatures", method: .post, headers: Self.text(""), body: ByteBuffer(string: "not a note")) {
                #expect($0.status == .badRequest)
            }
            let forgedText = try LogCheckpoint(origin: body.origin, tree: TreeHead(size: body.tree.size, root: MerkleTree.leafHash([1]))).text
            let forged = SignedNote(text: forgedText, signatures: [try witness.sign(forgedText)]).serialized
            try await client.execute(uri: "/api/log/cosignatures", method: .post, headers: Self.text(""), body: ByteBuffer(string: forged)) {
                #expect($0.status == .badRequest)
            }
            // The witness's cosignature line alone is enough.
            let line = try witness.sign(note.text)
            try await client.execute(uri: "/api/log/cosignatures", method: .post, headers: Self.text(""), body: ByteBuffer(string: line.line)) { response in
                #expect(response.status == .ok)
                #expect(String(buffer: response.body) == "{\"size\":\(body.tree.size),\"witnesses\":[\"witness.example.org\"]}\n")
            }
            try await client.execute(uri: "/api/log/checkpoint", method: .get) { response in
                let cosigned = try SignedNote(parsing: String(buffer: response.body))
                try cosigned.verify(key.noteSigner.verifier)
                try cosigned.verify(witness.verifier)
                #expect(!cosigned.isSigned(by: stranger.verifier))
            }
        }
    }

    @Test func aServerWithoutWitnessKeysRefusesCosignatures() async throws {
        let fixture = try ServerTests.Fixture()
        try await Application(router: LedgerServer.buildRouter(ledger: fixture.ledger)).test(.router) { client in
            try await client.execute(uri: "/api/log/cosignatures", method: .post, headers: Self.text(""), body: ByteBuffer(string: "— w AAAA\n")) { response in
                #expect(response.status == .badRequest)
                #expect(String(buffer: response.body).contains("--witness-key"))
            }
        }
    }
}
