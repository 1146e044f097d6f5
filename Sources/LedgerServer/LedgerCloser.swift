import Logging
import LedgerStore
import ServiceLifecycle

/// Closes the ledger cleanly when the server stops gracefully (SIGTERM from systemd, SIGINT from a
/// terminal): once the HTTP server has answered the requests it had (the application's service
/// group stops its services in the reverse of their order, and this one comes first), signs a last
/// checkpoint when the server signs them and events were written since the last one, then copies
/// the WAL into the ledger file and empties it, so that the file alone holds every event.
struct LedgerCloser: Service {
    let ledger: Ledger
    let checkpoints: CheckpointPolicy?
    let logger: Logger

    func run() async throws {
        do {
            try await gracefulShutdown()
        } catch {
            return  // cancelled, not asked to stop: nothing is closed in a hurry
        }
        await close()
    }

    /// The last checkpoint and the WAL checkpoint; a failure is logged, and the next start finds the ledger as SQLite left it.
    func close() async {
        if let checkpoints {
            do {
                if let signed = try await ledger.nonblocking.checkpointIfDue(key: checkpoints.key, every: 1, actor: "cpsledger serve") {
                    logger.info("Signed a last checkpoint on stopping", metadata: ["seq": "\(signed.seq)", "hash": "\(signed.hash)"])
                }
            } catch {
                logger.error("The last checkpoint on stopping failed: \(error)")
            }
        }
        do {
            let frames = try await ledger.nonblocking.checkpointWAL()
            logger.info("Copied the WAL into the ledger file and emptied it", metadata: ["frames": "\(frames)", "ledger": "\(ledger.path)"])
        } catch {
            logger.error("Checkpointing the WAL on stopping failed: \(error)")
        }
    }
}
