import Foundation
import LedgerReports
import LedgerStore
import TransparencyLog

/// What `cpsledger report ... --proof DIR` writes: the report, the latest signed checkpoint, the
/// inclusion proof of every event the report's cells rest on, a table of those events, and a
/// README.txt saying how to check them with `cpsledger verify-proof`.
struct ReportProofFolder {
    let path: String
    let request: ReportRequest
    let output: ReportRequest.Output
    let evidence: ReportEvidence

    /// The report's file name in the folder.
    var reportName: String { "report." + (request.format == .text ? "txt" : request.format.rawValue) }

    /// Refuses a folder that holds files already (a proof of an earlier report could be taken for
    /// this one's), creates it when missing.
    static func prepare(_ path: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw CommandLineError(.fileError, "--proof '\(path)' is a file; give a new folder to write the report and its proofs into.") }
            guard (try FileManager.default.contentsOfDirectory(atPath: path)).isEmpty else {
                throw CommandLineError(.fileError, "--proof '\(path)' is not empty; give a new folder, so that no file of an earlier report is taken for this one's.")
            }
        }
        try FileManager.default.createDirectory(atPath: path + "/proofs", withIntermediateDirectories: true)
    }

    /// Writes the files into the folder ``prepare(_:)`` made ready.
    func write() throws {
        try Data(output.bytes).write(to: url(reportName))
        if let note = evidence.log.checkpoint?.note { try Data(note.utf8).write(to: url("checkpoint.note")) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var table = "seq,kind,state,obligation,proof\n"
        for event in evidence.events {
            let name = "proofs/event-\(event.seq).json"
            try (encoder.encode(event.proof) + Data("\n".utf8)).write(to: url(name))
            table += "\(event.seq),\(event.kind.rawValue),\(event.state),\(event.obligation),\(name)\n"
        }
        try Data(table.utf8).write(to: url("events.csv"))
        try Data(readme.utf8).write(to: url("README.txt"))
    }

    func url(_ name: String) -> URL { URL(fileURLWithPath: path).appendingPathComponent(name) }

    /// How to check the proofs, and against which tree they are.
    var readme: String {
        let log = evidence.log
        var text = """
            \(reportName): cpsledger report \(request.kind.rawValue)\(request.subject.map { " " + $0 } ?? ""), as of \(request.asOf), \
            computed at tree size \(log.size) of the ledger's transparency log (events 1 to \(log.size)), root \(log.root.base64).

            """
        guard let first = evidence.events.first else {
            return text + "No cell of the report rests on a recorded measure, assessment or treaty action: there is no event to prove.\n"
        }
        let root = first.proof.root.base64
        text += """
            It rests on \(evidence.events.count) event\(evidence.events.count == 1 ? "" : "s") (measures, assessments, treaty actions; \
            events.csv names each and the cell it is for). proofs/event-SEQ.json proves that event SEQ is in the log's tree of \
            \(evidence.proofSize) events, root \(root).

            """
        if evidence.provenByCheckpoint, let checkpoint = log.checkpoint {
            text += """
                checkpoint.note is the latest signed checkpoint\(checkpoint.origin.map { " of \($0)" } ?? "") (tree size \(checkpoint.size), \
                signed \(checkpoint.signedAt)); it holds every one of those events, so each proof is against its tree.
                Check a proof, offline, with the log's verifier key (ORIGIN+KEYID+KEY, published by the ledger's operator):
                  cpsledger verify-proof --checkpoint checkpoint.note --key VERIFIER_KEY proofs/event-\(first.seq).json
                and every proof:
                  for p in proofs/*.json; do cpsledger verify-proof --checkpoint checkpoint.note --key VERIFIER_KEY "$p" || break; done

                """
        } else {
            let latest = log.checkpoint.map { "the latest checkpoint (tree size \($0.size)\($0.note == nil ? ", signed before checkpoints had signed notes" : ""))" }
            text += """
                The report's head (event \(log.size)) is beyond \(latest ?? "any signed checkpoint (none is signed yet)"): \
                the proofs are against the tree at the report's size, \(log.size) events, which no signed checkpoint vouches for yet.
                To check them you need a checkpoint of at least \(log.size) events: once the operator signs one (cpsledger checkpoint), \
                fetch each proof at that checkpoint's size (cpsledger proof event SEQ --size SIZE, or GET /api/log/proof/inclusion?seq=SEQ&size=SIZE) \
                and check it:
                  cpsledger verify-proof --checkpoint CHECKPOINT.note --key VERIFIER_KEY PROOF.json

                """
            if log.checkpoint?.note != nil { text += "checkpoint.note is that latest checkpoint, for reference.\n" }
        }
        return text
    }
}
