import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LedgerServer
import LedgerStore
import Testing
import TransparencyLog

/// The transparency log's routes on a live server: the tree head and the Merkle proofs check on their
/// own terms (as a reader without the ledger checks them) and against the roots the ledger computes,
/// and questions the log cannot answer are 400 with the API's error JSON.
@Suite struct LogServerTests {
    static func get<T: Decodable>(_ client: some TestClientProtocol, _ uri: String, as type: T.Type) async throws -> T {
        try await client.execute(uri: uri, method: .get) { response in
            #expect(response.status == .ok, "\(uri): \(String(buffer: response.body))")
            #expect(response.headers[.contentType] == "application/json")
            return try JSONDecoder().decode(T.self, from: Data(String(buffer: response.body).utf8))
        }
    }

    @Test func proofsFromTheAPICheckAndAgreeWithTheLedgersRoots() async throws {
        let fixture = try ServerTests.Fixture()
        let ledger = fixture.ledger
        let app = Application(router: LedgerServer.buildRouter(ledger: ledger))
        try await app.test(.live) { client in
            // Events written through the API grow the tree the API proves.
            for state in ["FRA", "DEU", "ITA", "ESP", "PRT"] {
                try await client.execute(
                    uri: "/api/measures", method: .post, headers: ServerTests.headers(fixture.tokens["admin"]),
                    body: ServerTests.body(ServerTests.measure(state, note: "log \(state)"))
                ) { response in #expect(response.status == .created) }
            }
            let head = try ledger.headSeq()
            let tree = try await Self.get(client, "/api/log/tree", as: TreeHead.self)
            #expect(try tree == ledger.logTree())
            #expect(tree.size == head)
            let three = try ledger.logTree(size: 3)
            #expect(try await Self.get(client, "/api/log/tree?size=3", as: TreeHead.self) == three)
            #expect(try await Self.get(client, "/api/log/tree?size=0", as: TreeHead.self).root == MerkleTree.emptyRoot)

            let events = try ledger.events(after: 0, limit: 100)
            for seq in 1...head {
                for size in Set([seq, head]) {
                    let proof = try await Self.get(client, "/api/log/proof/inclusion?seq=\(seq)&size=\(size)", as: InclusionProof.self)
                    #expect(proof.isValid, "seq \(seq), size \(size)")
                    let root = try ledger.logTree(size: size).root
                    #expect(proof.root == root && proof.leaf == events[Int(seq) - 1].hash)
                    #expect(try proof == ledger.inclusionProof(seq: seq, size: size))
                }
            }
            #expect(try await Self.get(client, "/api/log/proof/inclusion?seq=2", as: InclusionProof.self).size == head)
            for from in 1...head {
                let proof = try await Self.get(client, "/api/log/proof/consistency?from=\(from)&to=\(head)", as: ConsistencyProof.self)
                #expect(proof.isValid, "from \(from)")
                let old = try ledger.logTree(size: from).root
                #expect(proof.oldRoot == old && proof.newRoot == tree.root)
            }
            #expect(try await Self.get(client, "/api/log/proof/consistency?from=4", as: ConsistencyProof.self).to == head)

            // A proof of event 4 in the tree of size 6 holds for that tree, not for the tree a later write made.
            let old = try await Self.get(client, "/api/log/proof/inclusion?seq=4&size=6", as: InclusionProof.self)
            #expect(old.isValid)
            #expect(!MerkleTree.verifyInclusion(leafHash: old.leafHash, index: old.index, size: old.size, proof: old.proof, root: tree.root))
            #expect(!MerkleTree.verifyInclusion(leafHash: old.leafHash, index: old.index, size: head, proof: old.proof, root: tree.root))
        }
    }

    @Test(arguments: [
        ("/api/log/tree?size=500", "outside_log", "There is no tree of size 500"),
        ("/api/log/tree?size=-1", "outside_log", "There is no tree of size -1"),
        ("/api/log/tree?size=ten", nil, "size 'ten' is not a whole number"),
        ("/api/log/proof/inclusion", nil, "seq is required"),
        ("/api/log/proof/inclusion?seq=0", "outside_log", "Event 0 is not in the tree of size"),
        ("/api/log/proof/inclusion?seq=5&size=3", "outside_log", "Event 5 is not in the tree of size 3, which holds events 1 to 3"),
        ("/api/log/proof/inclusion?seq=1&size=99999999999999999999", nil, "size '99999999999999999999' is not a whole number"),
        ("/api/log/proof/consistency?to=3", nil, "from is required"),
        ("/api/log/proof/consistency?from=0&to=3", "outside_log", "not from size 0 to size 3"),
        ("/api/log/proof/consistency?from=5&to=3", "outside_log", "not from size 5 to size 3"),
        ("/api/log/proof/consistency?from=1&to=500", "outside_log", "There is no tree of size 500"),
        ("/api/log/proof/consistency?from=1&fro=2", nil, "Unknown query parameter 'fro'; did you mean from or to? GET /api/log/proof/consistency takes: from, to."),
    ] as [(String, String?, String)])
    func aQuestionTheLogCannotAnswerIs400WithTheErrorJSON(uri: String, code: String?, message: String) async throws {
        let fixture = try ServerTests.Fixture()
        let head = try fixture.ledger.headSeq()
        try await Application(router: LedgerServer.buildRouter(ledger: fixture.ledger)).test(.router) { client in
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .badRequest)
                let body = try #require(try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any])
                let error = try #require(body["error"] as? [String: Any])
                #expect(error["status"] as? Int == 400)
                #expect(error["code"] as? String == code)
                let text = try #require(error["message"] as? String)
                #expect(text.contains(message), "\(text)")
                if code != nil { #expect(text.contains("the log holds \(head) events")) }
            }
        }
    }
}
