import ArgumentParser
import Foundation
import Hummingbird
import LedgerModel
import LedgerServer
import LedgerStore
import Logging
import TransparencyLog

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the ledger: the JSON API under /api/ and the HTML dashboard at /.",
        discussion: """
            One process over the same ledger file the command line uses (WAL: both may write at \
            once). Reading is open; writing needs a token from `cpsledger token create`.

            Each setting comes from its flag, else its CPSLEDGER_* variable (CPSLEDGER_PORT, \
            CPSLEDGER_DB, ...), else the --config file, else its default (docs/operations.md).

            Examples:
              cpsledger serve --port 8080 --db ledger.sqlite
              cpsledger serve --signing-key ~/.cpsledger-signing.key --checkpoint-every 100
              cpsledger serve --config /etc/cpsledger/cpsledger.conf
              cpsledger serve --signing-key ~/.cpsledger-signing.key \\
                --witness-key witness1.example.org=witness1.example.org+1a2b3c4d+BASE64KEY
              curl -s 'localhost:8080/api/reports/summary?as_of=2020-12-31'

            With --witness-key (repeatable), POST /api/log/cosignatures accepts those witnesses' \
            cosignatures of the server's latest checkpoints and GET /api/log/checkpoint serves them \
            with the checkpoint (kept in memory: after a restart witnesses cosign the next one).
            """)

    @OptionGroup var ledger: LedgerFileOptions
    @Option(help: ArgumentHelp("Read the settings from this file (`key = value` lines; see docs/operations.md). Flags, then CPSLEDGER_* variables, override it.", valueName: "file"))
    var config: String?
    @Option(help: "Address to listen on (default: 127.0.0.1).") var host: String?
    @Option(parsing: .unconditional, help: "Port to listen on (default: 8080).") var port: Int?
    @Option(help: ArgumentHelp("Sign checkpoints with this key file (default: $CPSLEDGER_SIGNING_KEY; none without either).", valueName: "file"))
    var signingKey: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("With a signing key: sign a checkpoint once this many events were written since the last (default 1: after every write).", valueName: "n"))
    var checkpointEvery: Int?
    @Option(parsing: .unconditional, help: ArgumentHelp("How long a browser session lasts after sign-in (default: 8).", valueName: "hours"))
    var sessionHours: Int?
    @Option(help: ArgumentHelp("The least important log lines written: trace, debug, info, notice, warning, error, critical (default: info).", valueName: "level"))
    var logLevel: String?
    @Option(help: ArgumentHelp("The addresses of the proxies whose X-Forwarded-Proto is believed, separated by commas, or none (default: 127.0.0.1, ::1).", valueName: "addresses"))
    var trustedProxy: String?
    @Option(help: ArgumentHelp("Accept checkpoint cosignatures from this witness (NAME=VERIFIER_KEY, as `witness key create` prints it; repeatable).", valueName: "name=key"))
    var witnessKey: [String] = []

    func validate() throws {
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

    /// The flags given, by their settings' keys.
    var flags: [String: String] {
        let given: [String: String?] = [
            "host": host, "port": port.map(String.init), "db": ledger.db, "signing-key": signingKey,
            "checkpoint-every": checkpointEvery.map(String.init), "session-hours": sessionHours.map(String.init), "log-level": logLevel,
            "trusted-proxy": trustedProxy,
        ]
        return given.compactMapValues { $0 }
    }

    func run() async throws {
        // An empty variable counts as unset (`CPSLEDGER_DB= cpsledger serve --config ...`).
        let environment = ProcessInfo.processInfo.environment.filter { !$0.value.isEmpty }
        let settings: ServeSettings
        do {
            settings = try ServeSettings.resolve(flags: flags, environment: environment, file: config)
        } catch {
            throw CommandLineError(.usage, error.description)
        }
        let host = settings.host, port = settings.port
        let policy = try settings.signingKey.map { path in CheckpointPolicy(key: try CheckpointKey(path: path), every: settings.checkpointEvery) }
        // A shorter busy timeout than the CLI's: while an import holds the write lock, API writes
        // answer 503 with Retry-After after a few seconds instead of hanging.
        let opened = try Ledger.open(
            path: settings.db, actor: LedgerOptions.defaultActor, busyTimeout: LedgerServer.busyTimeout, forReading: false, clock: LedgerOptions.clock)
        if let policy {
            warn("Signing checkpoints every \(policy.every) event\(policy.every == 1 ? "" : "s") with public key \(policy.key.publicKey) (verifier key \(policy.key.verifierKey)).")
        }
        let witnesses = try witnesses()
        for witness in witnesses { warn("Accepting cosignatures from the witness \(witness.verifierKey).") }
        var logger = Logger(label: "cpsledger")
        logger.logLevel = settings.logLevel
        let app = LedgerServer.buildApplication(
            ledger: opened, host: host, port: port, logger: logger, checkpoints: policy, sessionLifetime: .seconds(settings.sessionHours * 3600),
            trustedProxies: settings.trustedProxies, witnesses: witnesses)
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
