import Logging
import LedgerStore
import ServiceLifecycle

/// Reads every cell's measures by effective date into memory once the server has started
/// (``Ledger/keepCellTimelines()``), so that a report as of a date not asked before costs a binary
/// search per cell instead of index seeks in SQLite; until it is done, such reports read SQLite as
/// before. A failure is logged and changes nothing else. Then it waits for the server to stop.
struct CellTimelineLoader: Service {
    let ledger: Ledger
    let logger: Logger

    func run() async throws {
        let started = ContinuousClock.now
        do {
            try await ledger.keepCellTimelines()
            logger.info("Kept every cell's measures in memory for as-of reports", metadata: [
                "duration_ms": "\(RequestLogMiddleware.milliseconds(ContinuousClock.now - started))",
            ])
        } catch {
            logger.error("Reading the cells' measures into memory failed; as-of reports read the ledger file instead: \(error)")
        }
        // A service that returns would stop the server: wait for it to stop.
        try? await gracefulShutdown()
    }
}
