import Foundation
import Testing
import TransparencyLog

/// `cpsledger proof tree|event|consistency`: one line of JSON each, whose proofs check on their own
/// terms and against the tree heads the same command prints; questions the log cannot answer are refused.
@Suite struct ProofCommandTests {
    /// A ledger of its creation event, 12 imported measures and the import's own event.
    static func ledger() throws -> CommandLineTool {
        let cli = try CommandLineTool(statusData: false)
        let rows = (1...12).map { "FRA,art8.record-keeping,implemented,1990-07-12,EXAMPLE law \($0) (test data),legislation,,\n" }
        let csv = try cli.file("measures.csv", "state,obligation,status,effective_date,title,kind,source,note\n" + rows.joined())
        let imported = try cli.run("import", "measures", csv)
        #expect(imported.status == 0, "\(imported.stderr)")
        return cli
    }

    static func decode<T: Decodable>(_ run: CommandLineTool.Run, as type: T.Type) throws -> T {
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.hasSuffix("}\n") && run.stdout.filter { $0 == "\n" }.count == 1, "one line of JSON: \(run.stdout)")
        return try JSONDecoder().decode(T.self, from: Data(run.stdout.utf8))
    }

    @Test func proofsCheckAgainstTheTreeHeadsTheToolPrints() throws {
        let cli = try Self.ledger()
        let head = try Self.decode(try cli.run("proof", "tree"), as: TreeHead.self)
        #expect(head.size >= 13)
        let five = try Self.decode(try cli.run("proof", "tree", "--size", "5"), as: TreeHead.self)
        #expect(five.size == 5 && five.root != head.root)

        let inclusion = try Self.decode(try cli.run("proof", "event", "3", "--size", "5"), as: InclusionProof.self)
        #expect(inclusion.isValid && inclusion.seq == 3 && inclusion.size == 5 && inclusion.root == five.root)
        let atHead = try Self.decode(try cli.run("proof", "event", "3"), as: InclusionProof.self)
        #expect(atHead.isValid && atHead.size == head.size && atHead.root == head.root && atHead.leaf == inclusion.leaf)
        // The proof of the tree of size 5 does not hold for the later tree.
        #expect(!MerkleTree.verifyInclusion(leafHash: inclusion.leafHash, index: 2, size: head.size, proof: inclusion.proof, root: head.root))

        let consistency = try Self.decode(try cli.run("proof", "consistency", "5", String(head.size)), as: ConsistencyProof.self)
        #expect(consistency.isValid && consistency.oldRoot == five.root && consistency.newRoot == head.root)
        #expect(try Self.decode(try cli.run("proof", "consistency", "5"), as: ConsistencyProof.self) == consistency)
        // The JSON is the API's: snake_case keys, sorted.
        let text = try cli.run("proof", "event", "3", "--size", "5").stdout
        #expect(text.hasPrefix(#"{"index":2,"leaf":""#) && text.contains(#","leaf_hash":""#) && text.contains(#""seq":3,"size":5}"#), "\(text)")
    }

    @Test func aQuestionTheLogCannotAnswerIsRefusedWithTheNumbers() throws {
        let cli = try Self.ledger()
        let head = try Self.decode(try cli.run("proof", "tree"), as: TreeHead.self).size
        for (arguments, sentence) in [
            (["proof", "event", "99"], "Event 99 is not in the tree of size \(head)"),
            (["proof", "event", "3", "--size", "2"], "Event 3 is not in the tree of size 2, which holds events 1 to 2"),
            (["proof", "tree", "--size", "999"], "There is no tree of size 999"),
            (["proof", "consistency", "7", "5"], "not from size 7 to size 5"),
            (["proof", "consistency", "1", "999"], "There is no tree of size 999"),
        ] {
            let run = try cli.run(arguments)
            #expect(run.status == 2 && run.stdout.isEmpty, "\(arguments): \(run.status) \(run.stderr)")
            #expect(run.stderr.contains(sentence) && run.stderr.contains("the log holds \(head) events"), "\(run.stderr)")
        }
        #expect(try cli.run("proof", "event", "three").status == 64)
    }
}
