/// Why a signed note, a key or a checkpoint was refused: each description names the line or the
/// part that is wrong and what it should be (C2SP signed-note, tlog-checkpoint, tlog-cosignature).
public enum NoteError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The note as a whole is not a signed note (`reason` says why).
    case malformedNote(reason: String)
    /// Signature line `line` (1-based, counted in the whole note) is not `— NAME BASE64`.
    case malformedSignature(line: Int, reason: String)
    /// A verifier key text is not `NAME+HEXID+BASE64`.
    case malformedVerifierKey(reason: String)
    /// A private key text is not `PRIVATE+KEY+NAME+HEXID+BASE64`.
    case malformedSignerKey(reason: String)
    /// A key name is empty or holds a space or a plus sign.
    case invalidName(String)
    /// The note carries no signature by the key named.
    case notSigned(by: String)
    /// The note carries a signature line of the key, and it does not verify.
    case invalidSignature(by: String)
    /// Checkpoint body line `line` (1-based) is wrong.
    case malformedCheckpoint(line: Int, reason: String)

    public var description: String {
        switch self {
        case .malformedNote(let reason): return "The signed note is malformed: \(reason)"
        case .malformedSignature(let line, let reason): return "Line \(line) of the signed note is not a signature line (— NAME BASE64): \(reason)"
        case .malformedVerifierKey(let reason): return "The verifier key is not NAME+KEYID+BASE64KEY: \(reason)"
        case .malformedSignerKey(let reason): return "The private key is not PRIVATE+KEY+NAME+KEYID+BASE64KEY: \(reason)"
        case .invalidName(let name): return "'\(name)' is not a key name: a name is not empty and has no spaces and no '+'."
        case .notSigned(let key): return "The note carries no signature of the key \(key)."
        case .invalidSignature(let key): return "The note's signature by \(key) does not verify: the note's text or the signature was altered, or it was signed with another key of that name."
        case .malformedCheckpoint(let line, let reason): return "Line \(line) of the checkpoint is wrong: \(reason)"
        }
    }
}
