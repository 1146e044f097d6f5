import Crypto
import Foundation

/// An event's hash as the chain compares it: its 32 bytes in four words, without a heap
/// allocation or reference counting per event (`verify` handles a million of them).
struct ChainHash: Hashable, Sendable {
    private let w0, w1, w2, w3: UInt64

    /// The 64 zeros event 1 chains to.
    static let genesis = ChainHash(w0: 0, w1: 0, w2: 0, w3: 0)

    private init(w0: UInt64, w1: UInt64, w2: UInt64, w3: UInt64) {
        (self.w0, self.w1, self.w2, self.w3) = (w0, w1, w2, w3)
    }

    /// The hash stored as `bytes`; nil when they are not 32 bytes (a stored value that matches no event).
    init?(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count == 32 else { return nil }
        w0 = bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
        w1 = bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
        w2 = bytes.loadUnaligned(fromByteOffset: 16, as: UInt64.self)
        w3 = bytes.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
    }

    init?(_ data: Data?) {
        guard let data, let hash = data.withUnsafeBytes({ ChainHash($0) }) else { return nil }
        self = hash
    }

    init(_ digest: SHA256.Digest) {
        self = digest.withUnsafeBytes { ChainHash($0)! }
    }

    /// Lowercase hex, as the hash is hashed into the next event and shown.
    var hex: String {
        withUnsafeBytes(of: self) { EventHasher.hex($0) }
    }
}
