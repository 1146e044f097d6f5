/// One event of the ledger as stored: its place in the hash chain and its canonical JSON payload.
public struct LedgerEvent: Sendable, Hashable, Codable {
    public let seq: Int64
    /// Transaction time, UTC (`2026-11-29T10:41:07.123Z`).
    public let recordedAt: String
    public let actor: String
    public let kind: String
    /// Canonical JSON.
    public let payload: String
    public let prevHash: String
    public let hash: String

    enum CodingKeys: String, CodingKey {
        case seq, actor, kind, payload, hash
        case recordedAt = "recorded_at"
        case prevHash = "prev_hash"
    }
}
