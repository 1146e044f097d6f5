import Foundation
import LedgerModel
import Hummingbird
import LedgerStore

extension APIController {
    /// `GET /api/checkpoints/latest`: the latest signed checkpoint recorded in the ledger
    /// (`seq`, `hash`, `time`, `public_key`, `signature`, and `event`, the seq of its event); 404 when none.
    func latestCheckpoint() async throws -> Response {
        guard let latest = try await ledger.nonblocking.latestCheckpoint() else {
            throw APIError.notFound("No checkpoint has been recorded yet; `cpsledger checkpoint --key FILE` or `serve --signing-key FILE` records one.")
        }
        guard case .object(var members) = latest.checkpoint.json else { return jsonResponse(latest.checkpoint.json) }
        members["event"] = .int(Int(latest.eventSeq))
        return jsonResponse(.object(members))
    }
}
