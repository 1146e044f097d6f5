/// Where a treaty of the ledger's catalogue comes from: the catalogue this build ships, or the
/// ledger itself (`cpsledger treaties add`). Every listing and report tells them apart.
public enum TreatyOrigin: String, Sendable, Hashable, Codable, CaseIterable {
    /// Shipped with the build (`Fixtures/treaties.json`).
    case shipped
    /// Added by the secretariat to this ledger (a `treaty.added` event).
    case ledger

    /// How text and pages name it.
    public var words: String {
        switch self {
        case .shipped: "shipped"
        case .ledger: "added by this ledger"
        }
    }
}
