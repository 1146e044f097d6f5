import ArgumentParser
import Foundation
import TransparencyLog

struct WitnessCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "witness",
        abstract: "Witness a log: cosign its checkpoints only while each new one extends the last.",
        discussion: """
            A witness is someone outside the ledger's operator who keeps, for each log, the last \
            checkpoint it accepted (in --state, a JSON file). Given a newer checkpoint, it checks the \
            log's signature and a consistency proof that the new tree extends the old one, and only \
            then cosigns it (a C2SP tlog-cosignature line) and remembers it. A checkpoint of the same \
            size with another root, or one the proof does not connect, is a fork: it is refused with \
            both roots named, exit 1, and the state is not changed. A log that shows two witnesses \
            two different histories cannot get both cosigned.

            Examples:
              cpsledger witness key create --name witness.example.org --output witness.key
              cpsledger witness add-log --state witness.json --key LOG_VERIFIER_KEY
              cpsledger witness cosign --state witness.json --key witness.key \\
                --log ledger.example.org/cps --url http://ledger.example.org:8080
              cpsledger witness cosign --state witness.json --key witness.key \\
                --log ledger.example.org/cps --checkpoint checkpoint.txt \\
                --proof consistency.json
            """,
        subcommands: [Key.self, AddLog.self, Cosign.self])

    struct Key: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "key", abstract: "Witness keys.", subcommands: [Create.self])

        struct Create: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "create",
                abstract: "Create a witness's cosigning key file (owner-readable only); print its verifier key.",
                discussion: """
                    The file holds the private key as PRIVATE+KEY+NAME+KEYID+KEY (key type 4, \
                    cosignature/v1). Give the printed verifier key to the log's operator (serve \
                    --witness-key NAME=KEY) and to readers (verify-proof --witness-key).
                    """)

            @Option(help: ArgumentHelp("The witness's name, e.g. witness.example.org (no spaces, no '+').", valueName: "name")) var name: String
            @Option(help: ArgumentHelp("Where to write the key (must not exist).", valueName: "file")) var output: String

            func validate() throws {
                guard NoteSigner.isValidName(name) else { throw ValidationError("--name '\(name)' cannot name a witness: not empty, no spaces, no '+'.") }
            }

            func run() throws {
                let signer = try NoteSigner(name: name, type: .cosignatureV1)
                guard !FileManager.default.fileExists(atPath: output) else { throw CommandLineError(.fileError, "--output '\(output)' exists; a key file is never overwritten.") }
                guard FileManager.default.createFile(atPath: output, contents: Data((signer.signerKey + "\n").utf8), attributes: [.posixPermissions: 0o600]) else {
                    throw CommandLineError(.fileError, "--output '\(output)': the key file cannot be created.")
                }
                warn("Wrote the witness key of \(name) to \(output). Its verifier key:")
                print(signer.verifier.verifierKey)
            }
        }
    }

    struct AddLog: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "add-log", abstract: "Start witnessing a log: its verifier key (named after its origin).")

        @Option(help: ArgumentHelp("The witness state file (created when missing).", valueName: "file")) var state: String
        @Option(help: ArgumentHelp("The log's verifier key, ORIGIN+KEYID+KEY (`checkpoint key create` prints it).", valueName: "key")) var key: String
        @Option(help: ArgumentHelp("The log's origin; when given, it must be the key's name.", valueName: "origin")) var origin: String?

        func run() throws {
            let verifier = try VerifyProof.verifier(key, option: "--key")
            if let origin, origin != verifier.name {
                throw ValidationError("--origin '\(origin)' is not the key's name '\(verifier.name)'; a log's key is named after its origin.")
            }
            var current = try WitnessState.read(state)
            if let known = current.logs[verifier.name], known.key != verifier.verifierKey {
                throw CommandLineError(.refused, "The log \(verifier.name) is already witnessed with another key (\(known.key)); nothing was changed.")
            }
            if current.logs[verifier.name] == nil { current.logs[verifier.name] = .init(key: verifier.verifierKey, checkpoint: nil) }
            try current.write(to: state)
            print("Witnessing \(verifier.name) with key \(verifier.verifierKey).")
        }
    }

    struct Cosign: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cosign",
            abstract: "Check a log's newer checkpoint against the last one accepted; cosign it when it extends it.",
            discussion: """
                With --url the checkpoint is GET URL/api/log/checkpoint, the proof GET \
                URL/api/log/proof/consistency?from=OLD&to=NEW, and the cosignature is sent back with \
                POST URL/api/log/cosignatures. With --checkpoint (and --proof when the log grew) they \
                are files. The cosigned checkpoint note is printed. The first checkpoint of a log is \
                accepted on its signature alone: there is nothing to compare it with yet.
                """)

        @Option(help: ArgumentHelp("The witness state file.", valueName: "file")) var state: String
        @Option(help: ArgumentHelp("The witness's key file (`witness key create`).", valueName: "file")) var key: String
        @Option(help: ArgumentHelp("The log's origin, as added with `witness add-log`.", valueName: "origin")) var log: String
        @Option(help: ArgumentHelp("The log server's base URL.", valueName: "url")) var url: String?
        @Option(help: ArgumentHelp("The new checkpoint note, as a file.", valueName: "file")) var checkpoint: String?
        @Option(help: ArgumentHelp("The consistency proof JSON from the last accepted size to the new one.", valueName: "file")) var proof: String?

        func validate() throws {
            guard (url == nil) != (checkpoint == nil) else { throw ValidationError("Give either --url or --checkpoint (with --proof when the log grew).") }
            if url != nil, proof != nil { throw ValidationError("--proof goes with --checkpoint; with --url the proof is fetched from the server.") }
        }

        func run() async throws {
            let signer: NoteSigner
            do {
                signer = try NoteSigner(signerKey: String(decoding: FileManager.default.contents(atPath: key) ?? Data(), as: UTF8.self))
            } catch {
                throw CommandLineError(.fileError, "--key '\(key)': no witness key can be read there (\(error)).")
            }
            var current = try WitnessState.read(state)
            guard var entry = current.logs[log] else {
                throw ValidationError("The log \(log) is not witnessed in \(state); add it first with `witness add-log --state \(state) --key LOG_VERIFIER_KEY`.")
            }
            let verifier = try VerifyProof.verifier(entry.key, option: "the state's key of \(log)")
            let base = try url.map { text -> URL in
                guard let base = HTTPFetch.base(text) else { throw ValidationError("--url '\(text)' is not an http or https URL.") }
                return base
            }
            let noteText: String
            if let base {
                let (status, body) = try await HTTPFetch.get(base.appendingPathComponent("api/log/checkpoint"))
                guard status == 200 else { refuse("GET /api/log/checkpoint answered \(status); the log publishes no checkpoint to cosign.") }
                noteText = String(decoding: body, as: UTF8.self)
            } else {
                noteText = try VerifyProof.checkpointNote(path: checkpoint!)
            }
            let new: LogCheckpoint
            let note: SignedNote
            do {
                (new, note) = try LogCheckpoint.open(noteText, verifier: verifier)
            } catch {
                refuse("the new checkpoint of \(log) does not hold: \(error)")
            }
            if let previous = entry.checkpoint.flatMap({ try? LogCheckpoint.open($0, verifier: verifier).checkpoint }) {
                let old = previous.tree
                if new.tree.size < old.size {
                    refuse("the log \(log) shows size \(new.tree.size) (root \(new.tree.root.base64)), smaller than the size \(old.size) (root \(old.root.base64)) this witness accepted: a log never shrinks.")
                } else if new.tree.size == old.size {
                    guard new.tree.root == old.root else {
                        refuse("the log \(log) shows root \(new.tree.root.base64) at size \(old.size), but this witness accepted root \(old.root.base64) at that size: two different histories (a fork).")
                    }
                } else {
                    let consistency = try await consistencyProof(base: base, from: old.size, to: new.tree.size)
                    guard consistency.from == old.size, consistency.to == new.tree.size else {
                        refuse("the consistency proof is from size \(consistency.from) to \(consistency.to), not from \(old.size) (accepted) to \(new.tree.size) (new).")
                    }
                    guard consistency.oldRoot == old.root else {
                        refuse("the log \(log) proves root \(consistency.oldRoot.base64) at size \(old.size), but this witness accepted root \(old.root.base64) at that size: two different histories (a fork).")
                    }
                    guard consistency.newRoot == new.tree.root, consistency.isValid else {
                        refuse("the consistency proof does not show that the new tree (size \(new.tree.size), root \(new.tree.root.base64)) extends the accepted one (size \(old.size), root \(old.root.base64)).")
                    }
                }
            }
            let cosigned = note.adding(try signer.sign(note.text))
            entry.checkpoint = noteText
            current.logs[log] = entry
            try current.write(to: state)
            print(cosigned.serialized, terminator: "")
            if let base {
                let (status, body) = try await HTTPFetch.post(base.appendingPathComponent("api/log/cosignatures"), text: cosigned.serialized)
                if status == 200 {
                    warn("Cosigned \(log) at size \(new.tree.size) (root \(new.tree.root.base64)); the server took the cosignature.")
                } else {
                    warn("Cosigned \(log) at size \(new.tree.size) (root \(new.tree.root.base64)); the server refused the cosignature (\(status)): \(String(decoding: body, as: UTF8.self))")
                }
            } else {
                warn("Cosigned \(log) at size \(new.tree.size) (root \(new.tree.root.base64)).")
            }
        }

        func consistencyProof(base: URL?, from: Int64, to: Int64) async throws -> ConsistencyProof {
            let data: Data
            if let base {
                let (status, body) = try await HTTPFetch.get(URL(string: base.absoluteString + "/api/log/proof/consistency?from=\(from)&to=\(to)")!)
                guard status == 200 else { refuse("GET /api/log/proof/consistency?from=\(from)&to=\(to) answered \(status): \(String(decoding: body, as: UTF8.self))") }
                data = body
            } else {
                guard let proof else { throw ValidationError("The log grew from \(from) to \(to) events: give --proof with the consistency proof (proof consistency \(from) \(to)).") }
                guard let body = FileManager.default.contents(atPath: proof) else { throw CommandLineError(.fileError, "--proof '\(proof)': no file can be read there.") }
                data = body
            }
            guard let consistency = try? JSONDecoder().decode(ConsistencyProof.self, from: data) else {
                refuse("the consistency proof from \(from) to \(to) is not consistency proof JSON (from, to, old_root, new_root, proof).")
            }
            return consistency
        }

        func refuse(_ reason: String) -> Never {
            warn("Checkpoint NOT cosigned: " + reason + " The witness state is unchanged.")
            Foundation.exit(ExitStatus.notSound.rawValue)
        }
    }
}
