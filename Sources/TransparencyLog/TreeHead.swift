/// The state of the log at one size: how many leaves (events) and the Merkle root over them.
public struct TreeHead: Hashable, Sendable, Codable {
    /// The number of leaves: event `seq` is leaf `seq - 1`, so the size is the head's sequence number.
    public let size: Int64
    /// The RFC 6962 root of the first `size` leaves.
    public let root: LogHash

    public init(size: Int64, root: LogHash) {
        self.size = size
        self.root = root
    }
}

extension LogHash: Codable {
    /// A hash is written in JSON as standard base64, as in a signed checkpoint.
    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let hash = LogHash(base64: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "'\(text)' is not the base64 of a 32-byte hash.")
        }
        self = hash
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(base64)
    }
}
