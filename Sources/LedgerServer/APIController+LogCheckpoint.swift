import Foundation
import Hummingbird
import LedgerStore
import TransparencyLog

extension APIController {
    /// How many of the latest checkpoints a witness may still cosign: a witness that fetched a
    /// checkpoint while the server signed newer ones is not refused.
    static let cosignableCheckpoints = 16

    /// `GET /api/log/checkpoint`: the latest checkpoint as a C2SP signed note (`text/plain`), with the
    /// cosignature lines of the witnesses that cosigned it; 404 when none is signed.
    func logCheckpoint() async throws -> Response {
        guard let latest = try await ledger.nonblocking.noteCheckpoints(limit: 1).first, let text = latest.note,
            var note = try? SignedNote(parsing: text)
        else {
            throw APIError.notFound(
                "No signed-note checkpoint has been recorded yet; `cpsledger checkpoint --key FILE` or `serve --signing-key FILE` records one.")
        }
        for line in await cosignatures.cosignatures(of: note.text) { note = note.adding(line) }
        return Self.response(note.serialized, "text/plain; charset=utf-8")
    }

    /// `POST /api/log/cosignatures`: a witness sends the checkpoint note it cosigned (or only its
    /// cosignature line). Accepted when a line is a valid cosignature, by a witness key the server was
    /// started with, of one of the latest checkpoints; answers `{"size":N,"witnesses":[NAME...]}`.
    ///
    /// No token is asked: the cosignature is itself signed by a key the operator configured, so only
    /// that witness can make one, and a token would add nothing but a secret to hand out.
    func receiveCosignature(_ request: Request) async throws -> Response {
        let buffer = try await request.body.collect(upTo: LedgerServer.maxBodySize)
        let body = String(decoding: buffer.readableBytesView, as: UTF8.self)
        guard !cosignatures.witnesses.isEmpty else {
            throw APIError.badRequest("This server accepts no cosignatures: it was started without --witness-key NAME=VKEY.")
        }
        guard !body.isEmpty else {
            throw APIError.badRequest("The body is empty; send the cosigned checkpoint note, or the cosignature line (— NAME BASE64), as text/plain.")
        }
        let recent = try await ledger.nonblocking.noteCheckpoints(limit: Self.cosignableCheckpoints)
            .compactMap { $0.note.flatMap { try? SignedNote(parsing: $0) } }
        guard !recent.isEmpty else { throw APIError.notFound("No signed-note checkpoint has been recorded yet, so there is nothing to cosign.") }
        // A whole note (text, blank line, signatures), or one signature line.
        let candidates: [(text: String, lines: [NoteSignature])]
        do {
            if body.contains("\n\n") {
                let note = try SignedNote(parsing: body)
                guard recent.contains(where: { $0.text == note.text }) else {
                    throw APIError.badRequest(
                        "The note is not one of this server's latest \(Self.cosignableCheckpoints) checkpoints; fetch GET /api/log/checkpoint and cosign that.")
                }
                candidates = [(note.text, note.signatures)]
            } else {
                let line = try NoteSignature(parsing: body)
                candidates = recent.map { ($0.text, [line]) }
            }
        } catch let error as NoteError {
            throw APIError.badRequest(error.description)
        }
        for (text, lines) in candidates {
            let valid = lines.filter { line in cosignatures.witnesses.contains { $0.isValid(line, over: text) } }
            guard !valid.isEmpty else { continue }
            await cosignatures.add(valid, for: text)
            let size = (try? LogCheckpoint(text: text))?.tree.size ?? 0
            return jsonResponse(.object(["size": .int(Int(size)), "witnesses": .array(valid.map { .string($0.name) })]))
        }
        throw APIError.badRequest(
            "No line of the body is a valid cosignature, by a witness key this server was started with (--witness-key), of one of its latest \(Self.cosignableCheckpoints) checkpoints.")
    }
}
