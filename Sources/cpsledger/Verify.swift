import ArgumentParser
import Foundation
import LedgerStore

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the chain, projections, evidence, reference data, tokens and schema; exit 1 naming the first bad event or the table.",
        discussion: """
            Without an anchor, verify proves the file is consistent with itself. With a checkpoint \
            kept elsewhere (or a head noted down), it also proves the file still holds that head and \
            every event before it: removed last events and a rewritten chain are found.

            Examples:
              cpsledger verify
              cpsledger verify --checkpoint checkpoint.json \\
                --checkpoint-key PUBLIC_KEY_HEX
              cpsledger verify --expect-head 3580:9f2c...e1
            """)

    @OptionGroup var ledger: LedgerFileOptions
    @Option(help: ArgumentHelp("A signed checkpoint (JSON from `cpsledger checkpoint`) the ledger must still hold.", valueName: "file"))
    var checkpoint: [String] = []
    @Option(help: ArgumentHelp("The public key (hex) checkpoints must be signed with; without it any valid signature counts.", valueName: "hex"))
    var checkpointKey: String?
    @Option(help: ArgumentHelp("A head the ledger must still hold, as SEQ:HASH.", valueName: "seq:hash"))
    var expectHead: [String] = []

    func validate() throws { try checkPublicKey(checkpointKey) }

    func run() throws {
        var heads: [ExpectedHead] = []
        for text in expectHead {
            guard let head = ExpectedHead(text, origin: "--expect-head \(text)") else {
                throw ValidationError("--expect-head '\(text)' is not SEQ:HASH (a sequence number, a colon and 64 hex digits).")
            }
            heads.append(head)
        }
        for path in checkpoint {
            guard let data = FileManager.default.contents(atPath: path), let signed = try? Checkpoint.decode(data) else {
                throw CommandLineError(.fileError, "--checkpoint '\(path)': no checkpoint JSON can be read there.")
            }
            guard signed.isValid(trustedKey: checkpointKey) else {
                warn("Ledger NOT proven: the checkpoint \(path) is not validly signed" + (checkpointKey.map { " by \($0)" } ?? "") + ".")
                throw ExitCode(.notSound)
            }
            heads.append(ExpectedHead(seq: signed.seq, hash: signed.hash, origin: "the checkpoint \(path) (signed \(signed.time))"))
        }
        let opened = try ledger.open()
        let report = try opened.verify(expecting: heads, trustedKey: checkpointKey)
        for note in report.notes { warn("note: " + note) }
        if report.isSound {
            var text = "Ledger sound: \(report.eventsChecked) events chained and hashed, \(report.evidenceChecked) evidence files checked, projections, the Merkle tree, reference data, tokens and schema match."
            if report.checkpointsChecked > 0 { text += " \(report.checkpointsChecked) checkpoint\(report.checkpointsChecked == 1 ? "" : "s") held." }
            if !heads.isEmpty { text += " The ledger still holds the expected head\(heads.count == 1 ? "" : "s") and everything before." }
            print(text)
        } else {
            warn("Ledger NOT sound: " + (report.firstBadSeq.map { "first bad event \($0)." } ?? "every event holds, but the tables named below do not."))
            for problem in report.problems { warn("- " + problem) }
            throw ExitCode(.notSound)
        }
    }
}
