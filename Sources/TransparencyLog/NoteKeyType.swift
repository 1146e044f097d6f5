/// What a note key signs, by the algorithm byte that starts its encoded public key.
public enum NoteKeyType: UInt8, Sendable, Hashable {
    /// An Ed25519 signature over the note's text (signed-note, a log's checkpoint signature).
    case ed25519 = 0x01
    /// A witness's timestamped cosignature over a checkpoint (C2SP tlog-cosignature v1): the
    /// signature holds an 8-byte time and an Ed25519 signature over `cosignature/v1\ntime T\n` and the text.
    case cosignatureV1 = 0x04
}
