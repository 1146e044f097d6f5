import TransparencyLog

/// The witnesses' cosignatures the server was sent (`POST /api/log/cosignatures`) and serves with
/// its checkpoint (`GET /api/log/checkpoint`), kept per checkpoint text in the server's memory: a
/// restart forgets them and the witnesses cosign the next checkpoint again (they are outside
/// statements about the log, not part of it, so they are not written into the ledger).
actor CosignatureStore {
    /// The witness keys the server accepts cosignatures from (`serve --witness-key NAME=VKEY`).
    let witnesses: [NoteVerifier]
    /// Cosignature lines by the checkpoint text they cosign; at most ``kept`` texts.
    private var lines: [String: [NoteSignature]] = [:]
    private var order: [String] = []
    static let kept = 64

    init(witnesses: [NoteVerifier]) {
        self.witnesses = witnesses
    }

    /// The cosignatures kept for a checkpoint's text, oldest first.
    func cosignatures(of text: String) -> [NoteSignature] { lines[text] ?? [] }

    /// Keeps `signatures` (already checked) for `text`; a witness's newer line replaces its older one.
    func add(_ signatures: [NoteSignature], for text: String) {
        if lines[text] == nil {
            order.append(text)
            if order.count > Self.kept { lines[order.removeFirst()] = nil }
        }
        var kept = lines[text] ?? []
        for signature in signatures {
            kept.removeAll { $0.name == signature.name && $0.keyID == signature.keyID }
            kept.append(signature)
        }
        lines[text] = kept
    }
}
