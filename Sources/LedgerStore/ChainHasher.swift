import Foundation
import Dispatch

/// One event as the hash chain sees it, its hashes as their bytes.
struct ChainRow: Sendable {
    let seq: Int64
    let recordedAt: String
    let actor: String
    let kind: String
    let payload: String
    /// The hash this event chains to: the event before's (or, for an old ledger's event that did not
    /// chain, the prev_hash it held); nil when that is not a hash.
    let prevHash: ChainHash?
    /// The stored hash; nil when it is not 32 bytes.
    let hash: ChainHash?

    /// True when the stored hash is the hash of the row's content and `prevHash` (the linkage to
    /// the event before is checked apart, by ``ChainVerifier``).
    var hashMatches: Bool {
        guard let hash, let prevHash else { return false }
        return ChainHash(EventHasher.digest(prev: prevHash.hex, seq: seq, recordedAt: recordedAt, actor: actor, kind: kind, payload: payload)) == hash
    }
}

/// Hashes one batch of events on another thread while `verify` reads the next batch and checks
/// the projections: each event's hash depends only on its own row, so the two cores share the work.
final class ChainHasher: @unchecked Sendable {
    private let queue = DispatchQueue(label: "cpsledger.verify.hash")
    private let group = DispatchGroup()
    /// Written by the queue between `start` and the end of `wait`, read only after `wait`.
    private var results: [Bool] = []
    private var batch: [ChainRow] = []

    /// Starts hashing `rows` (after ``wait()`` returned the previous batch).
    func start(_ rows: [ChainRow]) {
        batch = rows
        group.enter()
        queue.async { [self] in
            results = rows.map { $0.hashMatches }
            group.leave()
        }
    }

    /// The batch last started and whether each row's hash matched (nothing before the first start).
    func wait() -> (rows: [ChainRow], matches: [Bool]) {
        group.wait()
        defer { batch = []; results = [] }
        return (batch, results)
    }
}
