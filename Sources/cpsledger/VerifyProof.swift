import ArgumentParser
import Foundation
import TransparencyLog

struct VerifyProof: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-proof",
        abstract: "Check a proof against a signed checkpoint, offline, with no ledger file.",
        discussion: """
            First the checkpoint: a signed note (GET /api/log/checkpoint, `checkpoint --note-output`, \
            or a checkpoint JSON with its `note`) must carry a valid signature by --key, the log's \
            verifier key (ORIGIN+KEYID+KEY). With --witnesses N it must also carry N valid \
            cosignatures by the --witness-key keys. Then the proof (JSON of `cpsledger proof` or \
            GET /api/log/proof/...):

            An inclusion proof shows one event is in the checkpoint's tree. It must be for the \
            checkpoint's tree size (fetch it with ?size=SIZE or `proof event SEQ --size SIZE`); a \
            proof for another size would need a second proof, which verify-proof does not take.

            A consistency proof shows the checkpoint's tree extends an older one (its `to` is the \
            checkpoint's size): nothing in the first `from` events was changed since. Compare the \
            old root it prints with an older checkpoint you kept.

            Exit 0 when everything holds, 1 with a sentence naming what does not.

            Examples:
              cpsledger verify-proof --checkpoint checkpoint.txt \\
                --key ledger.example.org/cps+1a2b3c4d+BASE64KEY event-17.json
              cpsledger verify-proof --checkpoint checkpoint.txt --key VERIFIER_KEY \\
                --witness-key W1_KEY --witness-key W2_KEY --witnesses 2 consistency.json
            """)

    @Option(help: ArgumentHelp("The signed checkpoint: note text, or checkpoint JSON with a note.", valueName: "file")) var checkpoint: String
    @Option(help: ArgumentHelp("The log's verifier key (ORIGIN+KEYID+KEY), or a file holding it.", valueName: "key")) var key: String
    @Option(help: ArgumentHelp("A witness's verifier key, or a file holding it (repeatable).", valueName: "key")) var witnessKey: [String] = []
    @Option(help: ArgumentHelp("How many of the witness keys must have cosigned the checkpoint (default: 0).", valueName: "n")) var witnesses = 0
    @Argument(help: ArgumentHelp("The proof: inclusion or consistency proof JSON.", valueName: "proof.json")) var proof: String

    func validate() throws {
        guard witnesses >= 0 else { throw ValidationError("--witnesses \(witnesses) must be 0 or more.") }
        guard witnesses <= witnessKey.count else {
            throw ValidationError("--witnesses \(witnesses) asks for more cosignatures than the \(witnessKey.count) --witness-key keys given.")
        }
    }

    func run() throws {
        let verifier = try Self.verifier(key, option: "--key")
        let witnessVerifiers = try witnessKey.map { try Self.verifier($0, option: "--witness-key") }
        let note = try Self.checkpointNote(path: checkpoint)
        let head: LogCheckpoint
        let signed: SignedNote
        do {
            (head, signed) = try LogCheckpoint.open(note, verifier: verifier)
        } catch {
            fail("the checkpoint \(checkpoint) does not hold: \(error)")
        }
        let cosigners = witnessVerifiers.filter { signed.isSigned(by: $0) }
        guard cosigners.count >= witnesses else {
            fail("the checkpoint \(checkpoint) carries \(cosigners.count) valid cosignature\(cosigners.count == 1 ? "" : "s") of the witness keys given, and --witnesses asks for \(witnesses).")
        }
        let (size, root) = (head.tree.size, head.tree.root)
        guard let data = FileManager.default.contents(atPath: proof) else {
            throw CommandLineError(.fileError, "'\(proof)': no file can be read there.")
        }
        let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any]
        var text = "Checkpoint of \(head.origin) at size \(size) (root \(root.base64)) signed by \(verifier.verifierKey)"
        if !cosigners.isEmpty { text += ", cosigned by " + cosigners.map(\.name).joined(separator: ", ") }
        if object?["leaf"] != nil {
            guard let inclusion = try? JSONDecoder().decode(InclusionProof.self, from: data) else {
                fail("\(proof) is not an inclusion proof (seq, index, size, leaf, leaf_hash, root, proof).")
            }
            guard inclusion.size == size else {
                fail("the inclusion proof is for a tree of \(inclusion.size) events, the checkpoint's has \(size); fetch the proof at the checkpoint's size (proof event \(inclusion.seq) --size \(size)).")
            }
            guard inclusion.root == root else {
                fail("the inclusion proof's root \(inclusion.root.base64) is not the checkpoint's root \(root.base64) at size \(size).")
            }
            guard inclusion.isValid else {
                fail("the inclusion proof's path does not lead from event \(inclusion.seq)'s leaf (chain hash \(inclusion.leaf)) to the root \(root.base64): the proof or the leaf was altered.")
            }
            print(text + "; event \(inclusion.seq) (chain hash \(inclusion.leaf)) is in its tree.")
        } else if object?["old_root"] != nil {
            guard let consistency = try? JSONDecoder().decode(ConsistencyProof.self, from: data) else {
                fail("\(proof) is not a consistency proof (from, to, old_root, new_root, proof).")
            }
            guard consistency.to == size else {
                fail("the consistency proof leads to a tree of \(consistency.to) events, the checkpoint's has \(size); fetch it up to the checkpoint's size (proof consistency \(consistency.from) \(size)).")
            }
            guard consistency.newRoot == root else {
                fail("the consistency proof's new root \(consistency.newRoot.base64) is not the checkpoint's root \(root.base64) at size \(size).")
            }
            guard consistency.from >= 1, consistency.from <= consistency.to, consistency.isValid else {
                fail("the consistency proof does not show that the tree of \(consistency.from) events with root \(consistency.oldRoot.base64) is the start of the checkpoint's tree: the proof or a root was altered.")
            }
            print(text + "; it extends the tree of the first \(consistency.from) events with root \(consistency.oldRoot.base64) (compare that root with a checkpoint of size \(consistency.from) you kept).")
        } else {
            fail("\(proof) is neither an inclusion proof (with leaf) nor a consistency proof (with old_root).")
        }
    }

    /// A verifier key given as text, or as a file that holds it.
    static func verifier(_ text: String, option: String) throws -> NoteVerifier {
        var key = text
        if !text.contains("+"), let data = FileManager.default.contents(atPath: text) { key = String(decoding: data, as: UTF8.self) }
        do { return try NoteVerifier(verifierKey: key) } catch { throw ValidationError("\(option) '\(text)': \(error)") }
    }

    /// The signed note in a checkpoint file: the file's text, or the `note` of a checkpoint's JSON.
    static func checkpointNote(path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CommandLineError(.fileError, "--checkpoint '\(path)': no file can be read there.")
        }
        let text = String(decoding: data, as: UTF8.self)
        guard text.first == "{" else { return text }
        guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any] else {
            throw CommandLineError(.fileError, "--checkpoint '\(path)': it starts like JSON but is not a JSON object.")
        }
        guard let note = object["note"] as? String else {
            throw CommandLineError(.fileError, "--checkpoint '\(path)': this checkpoint JSON has no signed note (it was signed before signed-note checkpoints); sign a new checkpoint.")
        }
        return note
    }

    func fail(_ reason: String) -> Never {
        warn("Proof NOT verified: " + reason)
        Foundation.exit(ExitStatus.notSound.rawValue)
    }
}
