import ArgumentParser
import Foundation
import LedgerModel
import LedgerStore
import TransparencyLog

struct CheckpointCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "checkpoint",
        abstract: "Sign a checkpoint of the ledger's head with a key held outside the ledger.",
        discussion: """
            A checkpoint is (seq, hash, time) of the head, signed with Ed25519. It is recorded in the \
            ledger (a checkpoint.recorded event, published at GET /api/checkpoints/latest) and written \
            as JSON to --output or standard output: keep that copy somewhere else. Later, `cpsledger \
            verify --checkpoint FILE` proves the ledger still holds that head and every event before \
            it; deleting the last events or rewriting the chain is then found.

            The same head is also signed as a standard transparency-log checkpoint (a C2SP \
            signed note: the log's origin, the number of events and the Merkle root over them), \
            published at GET /api/log/checkpoint; --note-output writes it to a file, which \
            `cpsledger verify-proof --checkpoint FILE --key VERIFIER_KEY` checks proofs against.

            Examples:
              cpsledger checkpoint key create --output ~/.cpsledger-signing.key \\
                --origin ledger.example.org/cps
              cpsledger checkpoint --key ~/.cpsledger-signing.key \\
                --output checkpoint-2026-11-29.json --note-output checkpoint.txt
              CPSLEDGER_SIGNING_KEY=~/.cpsledger-signing.key cpsledger checkpoint
              cpsledger verify --checkpoint checkpoint-2026-11-29.json \\
                --checkpoint-key PUBLIC_KEY_HEX
            """,
        subcommands: [Sign.self, Key.self],
        defaultSubcommand: Sign.self)

    struct Sign: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "sign", abstract: "Sign the head and record the checkpoint (the default).")

        @OptionGroup var ledger: LedgerOptions
        @Option(help: ArgumentHelp("The signing key file (default: $CPSLEDGER_SIGNING_KEY).", valueName: "file")) var key: String?
        @Option(help: ArgumentHelp("Also write the checkpoint JSON here (default: standard output).", valueName: "file")) var output: String?
        @Option(help: ArgumentHelp("Also write the signed-note checkpoint (the text GET /api/log/checkpoint serves) here.", valueName: "file"))
        var noteOutput: String?

        func run() throws {
            let signer = try CheckpointKey(path: try signingKeyPath(key))
            let opened = try ledger.open()
            let checkpoint = try opened.recordCheckpoint(key: signer, actor: ledger.actorName)
            try withOutput(output) { write in try write(checkpoint.json.canonicalText + "\n") }
            if let noteOutput, let note = checkpoint.note { try withOutput(noteOutput) { write in try write(note) } }
            warn("Checkpoint of event \(checkpoint.seq) (\(checkpoint.hash)) signed by \(checkpoint.publicKey) and recorded in the ledger; "
                + "its signed note names the log \(signer.origin) (verifier key \(signer.verifierKey)).")
        }
    }

    struct Key: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "key", abstract: "Signing keys.", subcommands: [Create.self])

        struct Create: ParsableCommand {
            static let configuration = CommandConfiguration(
                commandName: "create",
                abstract: "Create an Ed25519 signing key file (owner-readable only); print its public key.",
                discussion: """
                    Keep the key file outside the ledger's folder and its backups: whoever holds it can \
                    sign checkpoints. Give the printed public key to whoever verifies (--checkpoint-key).

                    --origin names the log in its signed-note checkpoints (C2SP tlog-checkpoint): a \
                    name unique to this ledger, by convention a host and path you control, such as \
                    ledger.example.org/cps. It is kept in the key file (the signed-note key is named \
                    after it) and written into every checkpoint the ledger records. Without it the \
                    origin is cpsledger/ and the first 16 hex digits of the public key. The verifier \
                    key printed (ORIGIN+KEYID+KEY) that `verify-proof --key`, \
                    witnesses and Go's note.NewVerifier read.
                    """)

            @Option(help: ArgumentHelp("Where to write the key (must not exist).", valueName: "file")) var output: String
            @Option(help: ArgumentHelp("The log's name in signed-note checkpoints (no spaces, no '+').", valueName: "origin")) var origin: String?

            func validate() throws {
                if let origin, !NoteSigner.isValidName(origin) {
                    throw ValidationError("--origin '\(origin)' cannot name a log: it must be one line, not empty, with no spaces and no '+' (e.g. ledger.example.org/cps).")
                }
            }

            func run() throws {
                let key = try CheckpointKey(origin: origin)
                try key.write(to: output)
                warn("Wrote a signing key for the log \(key.origin) to \(output). Its verifier key (for verify-proof --key and witnesses):")
                warn(key.verifierKey)
                warn("Its public key (for verify --checkpoint-key):")
                print(key.publicKey)
            }
        }
    }
}

/// The signing key file: the option, else $CPSLEDGER_SIGNING_KEY.
func signingKeyPath(_ option: String?) throws -> String {
    guard let path = option ?? ProcessInfo.processInfo.environment["CPSLEDGER_SIGNING_KEY"] else {
        throw ValidationError("No signing key: pass --key FILE or set CPSLEDGER_SIGNING_KEY (create one with `cpsledger checkpoint key create --output FILE`).")
    }
    return path
}
