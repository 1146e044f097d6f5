import ArgumentParser
import Foundation
import Hummingbird
import LedgerModel
import LedgerServer
import LedgerStore
import TransparencyLog

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the ledger: the JSON API under /api/ and the HTML dashboard at /.",
        discussion: """
            One process over the same ledger file the command line uses (WAL: both may write at \
            once). Reading is open; writing needs a token from `cpsledger token create`.

            Examples:
              cpsledger serve --port 8080 --db ledger.sqlite
              cpsledger serve --signing-key ~/.cpsledger-signing.key --checkpoint-every 100
              cpsledger serve --signing-key ~/.cpsledger-signing.key \\
                --witness-key witness1.example.org=witness1.example.org+1a2b3c4d+BASE64KEY

            With --witness-key (repeatable), POST /api/log/cosignatures accepts those witnesses' \
            cosignatures of the server's latest checkpoints and GET /api/log/checkpoint serves them \
            with the checkpoint (kept in memory: after a restart witnesses cosign the next one).
              curl -s 'localhost:8080/api/reports/summary?as_of=2020-12-31'
            """)

    @OptionGroup var ledger: LedgerFileOptions
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(parsing: .unconditional, help: "Port to listen on.") var port = 8080
    @Option(help: ArgumentHelp("Sign checkpoints with this key file (default: $CPSLEDGER_SIGNING_KEY; none without either).", valueName: "file"))
    var signingKey: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("With a signing key: sign a checkpoint once this many events were written since the last (1: after every write).", valueName: "n"))
    var checkpointEvery = 1
    @Option(help: ArgumentHelp("Accept checkpoint cosignatures from this witness (NAME=VERIFIER_KEY, as `witness key create` prints it; repeatable).", valueName: "name=key"))
    var witnessKey: [String] = []

    func validate() throws {
        guard checkpointEvery >= 1 else { throw ValidationError("--checkpoint-every \(checkpointEvery) must be 1 or more.") }
        // SwiftNIO takes a port modulo 65536: --port 99999 would listen on 34463 without a word.
        guard (0...65535).contains(port) else { throw ValidationError("--port \(port) is not a TCP port; use 1 to 65535 (0: any free port).") }
        _ = try witnesses()
    }

    /// The --witness-key options read: `NAME=VERIFIER_KEY` (NAME must be the key's name) or the key alone.
    func witnesses() throws -> [NoteVerifier] {
        try witnessKey.map { option in
            var (name, text): (String?, String) = (nil, option)
            if let equals = option.firstIndex(of: "="), !option[..<equals].contains("+") {
                (name, text) = (String(option[..<equals]), String(option[option.index(after: equals)...]))
            }
            let verifier: NoteVerifier
            do { verifier = try NoteVerifier(verifierKey: text) } catch { throw ValidationError("--witness-key '\(option)': \(error)") }
            if let name, name != verifier.name {
                throw ValidationError("--witness-key '\(option)': the name \(name) is not the key's own name \(verifier.name).")
            }
            return verifier
        }
    }

    func run() async throws {
        let keyPath = signingKey ?? ProcessInfo.processInfo.environment["CPSLEDGER_SIGNING_KEY"]
        let policy = try keyPath.map { path in CheckpointPolicy(key: try CheckpointKey(path: path), every: checkpointEvery) }
        // A shorter busy timeout than the CLI's: while an import holds the write lock, API writes
        // answer 503 with Retry-After after a few seconds instead of hanging.
        let opened = try ledger.open(busyTimeout: LedgerServer.busyTimeout, forReading: false)
        if let policy {
            warn("Signing checkpoints every \(policy.every) event\(policy.every == 1 ? "" : "s") with public key \(policy.key.publicKey) (verifier key \(policy.key.verifierKey)).")
        }
        let witnesses = try witnesses()
        for witness in witnesses { warn("Accepting cosignatures from the witness \(witness.verifierKey).") }
        let app = LedgerServer.buildApplication(ledger: opened, host: host, port: port, checkpoints: policy, witnesses: witnesses)
        do {
            try await app.runService()
        } catch {
            // SwiftNIO's errors name system calls; say what the user can change instead.
            let text = String(describing: error)
            if text.contains("Address already in use") || text.contains("errno: \(EADDRINUSE)") {
                throw CommandLineError(.unavailable, "port \(port) on \(host) is in use by another program (another `cpsledger serve`?); stop it or choose another --port.")
            }
            if text.contains("UnknownHost") || text.contains("Cannot assign requested address") {
                throw CommandLineError(.usage, "--host '\(host)' is not an address of this machine to listen on (e.g. 127.0.0.1, 0.0.0.0 or ::1).")
            }
            throw error
        }
    }
}
