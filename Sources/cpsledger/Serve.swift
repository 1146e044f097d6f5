import ArgumentParser
import Foundation
import Hummingbird
import LedgerModel
import LedgerServer
import LedgerStore

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the ledger: the JSON API under /api/ and the HTML dashboard at /.",
        discussion: """
            One process over the same ledger file the command line uses (WAL: both may write at once).
            Reading is open; writing needs a token from `cpsledger token create`.

            Example:
              cpsledger serve --port 8080 --db ledger.sqlite
              curl -s localhost:8080/api/reports/summary?as_of=2020-12-31
            """)

    @OptionGroup var ledger: LedgerOptions
    @Option(help: "Address to listen on.") var host = "127.0.0.1"
    @Option(help: "Port to listen on.") var port = 8080

    func run() async throws {
        // A shorter busy timeout than the CLI's: while an import holds the write lock, API writes
        // answer 503 with Retry-After after a few seconds instead of hanging.
        let opened = try guarded { try ledger.open(busyTimeout: LedgerServer.busyTimeout) }
        let app = LedgerServer.buildApplication(ledger: opened, host: host, port: port)
        try await app.runService()
    }
}
