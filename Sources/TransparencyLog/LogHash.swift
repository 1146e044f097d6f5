import Crypto
import Foundation

/// A 32-byte SHA-256 hash of the transparency log: a leaf hash, an interior node or a tree's root
/// (RFC 6962 §2.1, RFC 9162 §2.1).
public struct LogHash: Hashable, Sendable, CustomStringConvertible {
    /// The 32 bytes.
    public let bytes: [UInt8]

    /// The hash made of `bytes`; nil unless they are exactly 32.
    public init?(_ bytes: some Collection<UInt8>) {
        guard bytes.count == 32 else { return nil }
        self.bytes = Array(bytes)
    }

    /// The hash written as standard base64 (the form of signed checkpoints and of proofs in JSON); nil when
    /// the text is not base64 of 32 bytes.
    public init?(base64: String) {
        guard let data = Data(base64Encoded: base64), let hash = LogHash(data) else { return nil }
        self = hash
    }

    init(_ digest: SHA256.Digest) {
        bytes = Array(digest)
    }

    /// Standard base64 with padding, as C2SP checkpoints write a root hash.
    public var base64: String { Data(bytes).base64EncodedString() }

    /// Lowercase hex.
    public var hex: String { Hex.string(bytes) }

    public var description: String { base64 }
}
