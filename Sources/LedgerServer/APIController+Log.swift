import Foundation
import Hummingbird
import LedgerStore

extension APIController {
    /// The transparency log's routes: the tree head and the Merkle proofs of `cpsledger proof`, the
    /// same JSON. Each is a few point reads (well under a millisecond at a million events), read on
    /// GRDB's connections as `/api/events` is, not through the response cache: a client walking the
    /// events' proofs would otherwise fill it and push out the reports it exists for.
    func addLogRoutes(to group: RouterGroup<LedgerRequestContext>) {
        group.get("log/tree") { request, _ in
            let query = request.uri.queryParameters
            return Self.response(try json(try await ledger.nonblocking.logTree(size: try Self.logNumber(query, "size"))).body, "application/json")
        }
        group.get("log/proof/inclusion") { request, _ in
            let query = request.uri.queryParameters
            guard let seq = try Self.logNumber(query, "seq") else {
                throw APIError.badRequest("seq is required: the sequence number of the event to prove (GET /api/log/proof/inclusion?seq=N&size=M).", field: "seq")
            }
            return Self.response(try json(try await ledger.nonblocking.inclusionProof(seq: seq, size: try Self.logNumber(query, "size"))).body, "application/json")
        }
        group.get("log/proof/consistency") { request, _ in
            let query = request.uri.queryParameters
            guard let from = try Self.logNumber(query, "from") else {
                throw APIError.badRequest("from is required: the size of the older tree (GET /api/log/proof/consistency?from=M&to=N).", field: "from")
            }
            return Self.response(try json(try await ledger.nonblocking.consistencyProof(from: from, to: try Self.logNumber(query, "to"))).body, "application/json")
        }
    }

    /// The whole number a log route's parameter `name` gives, nil when absent; 400 when it is not one.
    /// Whether the log holds it is the ledger's to say (``LedgerError/outsideLog(_:head:)``).
    static func logNumber(_ query: Parameters, _ name: String) throws -> Int64? {
        guard let text = query.get(name) else { return nil }
        guard let value = Int64(text) else {
            throw APIError.badRequest("\(name) '\(text)' is not a whole number (a sequence number or a tree size, counted in events).", field: name, value: text)
        }
        return value
    }
}
