/// One event of the ledger as stored: its place in the hash chain and its canonical JSON payload.
public struct LedgerEvent: Sendable, Hashable, Codable {
    public let seq: Int64
    /// Transaction time, UTC (`2026-11-29T10:41:07.123Z`).
    public let recordedAt: String
    public let actor: String
    public let kind: String
    /// Canonical JSON.
    public let payload: String
    /// The hash of the event before, lowercase hex (64 zeros before event 1); since migration v0011
    /// the ledger reads it from that event instead of storing it twice.
    public let prevHash: String
    /// SHA-256 of `prevHash`, the header and the payload, lowercase hex (stored as its 32 bytes).
    public let hash: String

    enum CodingKeys: String, CodingKey {
        case seq, actor, kind, payload, hash
        case recordedAt = "recorded_at"
        case prevHash = "prev_hash"
    }
}
