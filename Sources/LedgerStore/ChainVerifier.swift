import Foundation
import LedgerModel
import TransparencyLog

/// Checks a stream of events, oldest first, the way `verify` and `cpsledger mirror` do: sequence
/// numbers without gaps from 1, each event chained to the one before and hashed right, every
/// `checkpoint.recorded` event signed and naming the event just before it, and the heads expected
/// from outside (signed checkpoints, `--expect-head`) present with their hashes, and time that
/// never runs backwards from one event to the next.
///
/// It also computes the Merkle tree over the events' chain hashes as they stream by, and checks that
/// each checkpoint's signed note is signed by the checkpoint's key and states that tree's root at its
/// size: every checkpoint is then a state of one and the same growing tree, so each later one extends
/// the earlier ones (what a consistency proof between them would show).
///
/// It needs only the events, never the ledger file: a mirror feeds it `/api/events`.
public struct ChainVerifier: Sendable {
    /// The last event checked while the chain was intact: `seq` 0 and the genesis hash before any.
    public private(set) var headSeq: Int64 = 0
    /// The hash of event `headSeq`, in hex.
    public var headHash: String { headBytes?.hex ?? "" }
    private var headBytes: ChainHash? = .genesis
    public private(set) var eventsChecked = 0
    /// Checkpoint events and expected heads whose signature and hash were found right.
    public private(set) var checkpointsChecked = 0
    /// The first event that is missing, altered or unchained; nil while the chain is sound.
    public private(set) var firstBadSeq: Int64?
    /// One sentence per problem, in the order found.
    public private(set) var problems: [String] = []
    private var broken = false
    /// The `recorded_at` of the event before, for the check that time never runs backwards.
    private var previousTime: (seq: Int64, text: String)?
    private let trustedKey: String?
    private var expected: [Int64: ExpectedHead]
    /// The tree over the chain hashes of events 1...`headSeq`.
    private var tree = RootAccumulator()
    /// Checkpoint notes whose signature held and whose root is the tree's at their size.
    public private(set) var notesChecked = 0
    /// The checkpoints with a note that held, oldest first.
    public private(set) var checkpointTrees: [LogCheckpoint] = []

    /// `trustedKey` (hex) is the only key whose checkpoint events count; `expected` are heads the
    /// stream must hold.
    public init(trustedKey: String? = nil, expected: [ExpectedHead] = []) {
        self.trustedKey = trustedKey
        self.expected = Dictionary(expected.map { ($0.seq, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Checks the next event of the stream.
    public mutating func add(_ event: LedgerEvent) {
        let row = ChainRow(
            seq: event.seq, recordedAt: event.recordedAt, actor: event.actor, kind: event.kind, payload: event.payload,
            prevHash: ChainHash(EventHasher.blob(ofHex: event.prevHash)), hash: ChainHash(EventHasher.blob(ofHex: event.hash)))
        add(row, hashMatches: nil)
    }

    /// Checks the next event, whose hash was already compared on another thread when `hashMatches` is given.
    mutating func add(_ row: ChainRow, hashMatches: Bool?) {
        let (seq, kind, payload, prevHash, hash) = (row.seq, row.kind, row.payload, row.prevHash, row.hash)
        eventsChecked += 1
        guard !broken else { return }
        let expectedSeq = headSeq + 1
        if seq != expectedSeq {
            flag(expectedSeq, seq < expectedSeq
                ? "Event \(seq) appears again after event \(headSeq): the sequence is out of order."
                : "Event \(expectedSeq) is missing: the sequence jumps from \(headSeq) to \(seq).")
            broken = true
        } else if prevHash != headBytes {
            flag(seq, "Event \(seq) does not chain to event \(seq - 1): its prev_hash is not that event's hash.")
            broken = true
        } else if !(hashMatches ?? row.hashMatches) {
            flag(seq, "Event \(seq) was altered: its content does not match its hash.")
            broken = true
        }
        guard !broken else { return }
        headSeq = seq
        headBytes = hash
        if let previous = previousTime, Self.runsBackwards(from: previous.text, to: row.recordedAt) {
            flag(seq, "Event \(seq) is recorded at \(row.recordedAt), before event \(previous.seq) (\(previous.text)): time runs backwards in the ledger, "
                + "so a question asked as of a time between the two gets a wrong answer; a clock was set back when it was written.")
        }
        previousTime = (seq, row.recordedAt)
        if kind == EventKind.checkpointRecorded.rawValue { checkEvent(seq: seq, payload: payload, prevHash: prevHash?.hex ?? "") }
        if let hash { withUnsafeBytes(of: hash) { tree.append(leaf: $0) } }
        if let head = expected.removeValue(forKey: seq) {
            let hash = hash?.hex ?? ""
            if head.hash == hash {
                checkpointsChecked += 1
            } else {
                flag(seq, "Event \(seq) has hash \(hash), but \(head.origin) says \(head.hash): the history up to event \(seq) was rewritten.")
            }
        }
    }

    private mutating func checkEvent(seq: Int64, payload: String, prevHash: String) {
        guard let checkpoint = try? Checkpoint.decode(Data(payload.utf8)) else {
            flag(seq, "Event \(seq) is a checkpoint whose payload does not decode.")
            return
        }
        if !checkpoint.isValid() {
            flag(seq, "Event \(seq) is a checkpoint whose signature is not valid.")
        } else if let trustedKey, trustedKey.lowercased() != checkpoint.publicKey.lowercased() {
            flag(seq, "Event \(seq) is a checkpoint signed by key \(checkpoint.publicKey), not by the trusted key \(trustedKey).")
        } else if checkpoint.seq != seq - 1 || checkpoint.hash != prevHash {
            flag(seq, "Event \(seq) is a checkpoint of event \(checkpoint.seq) (\(checkpoint.hash)), not of the event before it.")
        } else {
            checkpointsChecked += 1
            checkNote(checkpoint, seq: seq)
        }
    }

    /// The note of a checkpoint event whose JSON signature held (the tree holds events 1...seq-1).
    private mutating func checkNote(_ checkpoint: Checkpoint, seq: Int64) {
        let body: LogCheckpoint?
        do {
            body = try checkpoint.checkedNote()
        } catch {
            flag(seq, "Event \(seq) is a checkpoint whose signed note does not hold: \(error)")
            return
        }
        guard let body else { return }
        if body.tree.root != tree.root {
            flag(seq, "Event \(seq) is a checkpoint whose signed note states root \(body.tree.root.base64) at size \(body.tree.size), but the events give root \(tree.root.base64).")
        } else {
            notesChecked += 1
            checkpointTrees.append(body)
        }
    }

    /// The tree over the events checked so far.
    public var treeHead: TreeHead { tree.head }

    /// Whether `later` names an earlier time than `earlier`: as text when both have the ledger's one
    /// layout (the fast path of a million events), else as parsed times.
    static func runsBackwards(from earlier: String, to later: String) -> Bool {
        if earlier.utf8.count == 24, later.utf8.count == 24 { return later < earlier }
        guard let from = Timestamp.parse(earlier), let to = Timestamp.parse(later) else { return false }
        return to < from
    }

    /// Checks what only the end of the stream tells: expected heads beyond it were cut off.
    public mutating func finish() {
        for head in expected.values.sorted(by: { $0.seq < $1.seq }) where !broken {
            flag(headSeq + 1, "The ledger ends at event \(headSeq), but \(head.origin) names event \(head.seq): events \(headSeq + 1) to \(head.seq) (at least) were removed.")
        }
        expected = [:]
    }

    private mutating func flag(_ seq: Int64, _ text: String) {
        if firstBadSeq == nil || seq < firstBadSeq! { firstBadSeq = seq }
        problems.append(text)
    }
}
