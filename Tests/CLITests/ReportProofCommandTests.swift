import Foundation
import Testing
import TransparencyLog

/// `cpsledger report ... --proof DIR`: the report, the latest signed checkpoint, an inclusion proof
/// of every measure, assessment and treaty event its cells rest on, and a README on checking them,
/// with real files from the built binary.
@Suite struct ReportProofCommandTests {
    /// EXAMPLE data, not real measures.
    static let measures = """
        state,obligation,status,effective_date,title,kind,source,note,justification
        FRA,art8.record-keeping,implemented,1990-07-12,EXAMPLE record-keeping law,legislation,EXAMPLE journal,,
        FRA,art8.bank-secrecy,partial,2001-05-15,EXAMPLE banking act,legislation,,,covers banks only
        DEU,art8.record-keeping,planned,2005-03-01,EXAMPLE draft bill,legislation,EXAMPLE gazette,,

        """
    /// EXAMPLE treaty actions (made up for the test, not the States' real record).
    static let treatyActions = """
        state,treaty,action,date,note
        FRA,VI-19,signature,1989-02-13,EXAMPLE
        FRA,VI-19,ratification,1990-12-31,EXAMPLE
        DEU,VI-19,signature,1989-11-19,EXAMPLE

        """

    /// A ledger with FRA's two measures, a DEU measure (events 2 to 4, the import's end 5), treaty
    /// actions (6 to 8) and an assessment of FRA (9).
    static func ledger() throws -> CommandLineTool {
        let cli = try CommandLineTool()
        #expect(try cli.run("import", "measures", try cli.file("m.csv", measures)).status == 0)
        #expect(try cli.run("import", "treaty-actions", try cli.file("t.csv", treatyActions)).status == 0)
        #expect(try cli.run(
            "assess", "--state", "FRA", "--obligation", "art8.record-keeping", "--rating", "compliant", "--comment", "EXAMPLE assessment",
            "--date", "2012-01-01").status == 0)
        return cli
    }

    /// Every proof the folder holds, by the seq of its event; each file must decode as a proof.
    static func proofs(in folder: URL) throws -> [Int64: InclusionProof] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("proofs").path)
        var found: [Int64: InclusionProof] = [:]
        for name in names {
            let proof = try JSONDecoder().decode(InclusionProof.self, from: Data(contentsOf: folder.appendingPathComponent("proofs/" + name)))
            #expect(name == "event-\(proof.seq).json")
            found[proof.seq] = proof
        }
        return found
    }

    /// The `log` object of a report's JSON.
    static func log(_ folder: URL) throws -> [String: Any] {
        let report = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("report.json"))) as! [String: Any]
        return try #require(report["log"] as? [String: Any])
    }

    static func text(_ folder: URL, _ name: String) throws -> String {
        String(decoding: try Data(contentsOf: folder.appendingPathComponent(name)), as: UTF8.self)
    }

    @Test func everyEventAStateReportRestsOnIsProvedAgainstTheCheckpointThatHoldsIt() throws {
        let cli = try Self.ledger()
        let key = cli.directory.appendingPathComponent("signing.key").path
        let created = try cli.run("checkpoint", "key", "create", "--origin", "example.org/proof-test", "--output", key)
        try #require(created.status == 0, "\(created.stderr)")
        let verifierKey = try #require(created.stderr.split(separator: "\n").first { $0.hasPrefix("example.org/proof-test+") }.map(String.init))
        try #require(try cli.run("checkpoint", "--key", key).status == 0)

        let folder = cli.directory.appendingPathComponent("fra-proof")
        let run = try cli.run("report", "state", "FRA", "--as-of", "2014-12-31", "--format", "json", "--proof", folder.path)
        try #require(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.isEmpty)  // the report went into the folder

        let log = try Self.log(folder)
        let checkpoint = try #require(log["checkpoint"] as? [String: Any])
        let checkpointSize = try #require(checkpoint["size"] as? Int)
        let checkpointRoot = try #require((checkpoint["root"] as? String).flatMap(LogHash.init(base64:)))
        #expect(checkpoint["origin"] as? String == "example.org/proof-test")
        // The checkpoint's event itself comes after the tree it signs: the report's tree is one bigger.
        #expect(log["size"] as? Int == checkpointSize + 1)

        // FRA's cells rest on its two measures (events 2, 3), for the drug conventions' accession cell
        // its two actions on the 1988 Convention (6, 7), and the assessment (9); not on DEU's (4, 8)
        // nor on the import's end (5).
        let proofs = try Self.proofs(in: folder)
        #expect(proofs.keys.sorted() == [2, 3, 6, 7, 9])
        for proof in proofs.values {
            #expect(proof.isValid, "the proof of event \(proof.seq) does not lead to its root")
            #expect(proof.size == Int64(checkpointSize) && proof.root == checkpointRoot)
        }
        let table = try Self.text(folder, "events.csv")
        #expect(table.contains("2,measure,FRA,art8.record-keeping,proofs/event-2.json"))
        #expect(table.contains("9,assessment,FRA,art8.record-keeping,proofs/event-9.json"))
        #expect(table.contains("7,treaty action,FRA,art6.drug-conventions,proofs/event-7.json"))

        let note = try Self.text(folder, "checkpoint.note")
        #expect(note.hasPrefix("example.org/proof-test\n\(checkpointSize)\n\(checkpointRoot.base64)\n\n"))
        let readme = try Self.text(folder, "README.txt")
        #expect(readme.contains("cpsledger verify-proof --checkpoint checkpoint.note --key VERIFIER_KEY proofs/event-2.json"))
        #expect(!readme.contains("beyond"))

        // The README's command checks a proof, with no ledger.
        let checked = try cli.run(
            ["verify-proof", "--checkpoint", folder.appendingPathComponent("checkpoint.note").path, "--key", verifierKey,
             folder.appendingPathComponent("proofs/event-9.json").path], environment: ["CPSLEDGER_DB": "/nonexistent/ledger.sqlite"])
        #expect(checked.status == 0, "\(checked.stdout)\(checked.stderr)")
    }

    @Test func aReportBeyondTheLatestCheckpointIsProvedAgainstItsOwnTreeAndSaysSo() throws {
        let cli = try Self.ledger()
        // No checkpoint at all: the proofs are against the report's tree.
        let unsigned = cli.directory.appendingPathComponent("unsigned")
        try #require(try cli.run("report", "summary", "--as-of", "2014-12-31", "--format", "json", "--proof", unsigned.path).status == 0)
        var log = try Self.log(unsigned)
        #expect(log["checkpoint"] is NSNull)
        var proofs = try Self.proofs(in: unsigned)
        #expect(proofs.keys.sorted() == [2, 3, 4, 6, 7, 8, 9])  // every event but the ledger's creation and the import's end
        for proof in proofs.values { #expect(proof.isValid && proof.size == 9 && proof.root.base64 == log["root"] as? String) }
        #expect(try Self.text(unsigned, "README.txt").contains("is beyond any signed checkpoint (none is signed yet)"))
        #expect(!FileManager.default.fileExists(atPath: unsigned.appendingPathComponent("checkpoint.note").path))

        // A checkpoint, then a measure FRA's report rests on: the head is beyond the checkpoint.
        let key = cli.directory.appendingPathComponent("signing.key").path
        try #require(try cli.run("checkpoint", "key", "create", "--output", key).status == 0)
        try #require(try cli.run("checkpoint", "--key", key).status == 0)  // signs 9 events, recorded as event 10
        try #require(try cli.run(
            "measure", "record", "--state", "FRA", "--obligation", "art3.extradite-or-prosecute", "--status", "implemented", "--effective", "2010-01-01",
            "--kind", "legislation", "--title", "EXAMPLE extradition law", "--source", "EXAMPLE source").status == 0)
        let beyond = cli.directory.appendingPathComponent("beyond")
        let run = try cli.run("report", "state", "FRA", "--as-of", "2014-12-31", "--format", "md", "--proof", beyond.path, "--output",
            cli.directory.appendingPathComponent("fra.md").path)
        try #require(run.status == 0, "\(run.stderr)")
        let markdown = try Self.text(beyond, "report.md")
        #expect(try Self.text(cli.directory, "fra.md") == markdown)
        #expect(markdown.contains("Transparency log: computed at tree size 11 (events 1 to 11)"))
        proofs = try Self.proofs(in: beyond)
        #expect(proofs.keys.sorted() == [2, 3, 6, 7, 9, 11])
        let json = try cli.run("report", "state", "FRA", "--as-of", "2014-12-31", "--format", "json")
        log = try #require((try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])?["log"] as? [String: Any])
        for proof in proofs.values { #expect(proof.isValid && proof.size == 11 && proof.root.base64 == log["root"] as? String) }
        let readme = try Self.text(beyond, "README.txt")
        #expect(readme.contains("The report's head (event 11) is beyond the latest checkpoint (tree size 9): the proofs are against the tree at the report's size"))
        #expect(readme.contains("you need a checkpoint of at least 11 events"))
    }

    @Test func aFolderThatHoldsFilesIsRefused() throws {
        let cli = try Self.ledger()
        let folder = cli.directory.appendingPathComponent("used")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        _ = try cli.file("used/old.txt", "an earlier report")
        let run = try cli.run("report", "summary", "--proof", folder.path)
        #expect(run.status == 74)
        #expect(run.stderr.contains("--proof '\(folder.path)' is not empty; give a new folder"))
    }
}
