import Foundation
import Hummingbird
import LedgerModel
import LedgerStore

/// The reporting-round routes under `/api/rounds`: reads of a round and its status are open; the
/// draft view needs the State's focal point (or an editor, reviewer or admin), the review queue a
/// reviewer or admin; writes follow ``Role``.
extension APIController {
    func addRoundRoutes(to group: RouterGroup<LedgerRequestContext>, writes: RouterGroup<LedgerRequestContext>) {
        group.get("rounds") { _, _ in jsonResponse(.array(try await heavy.run { try ledger.rounds().map(\.json) })) }
        group.get("rounds/{name}") { _, context in
            let name = try context.parameters.require("name")
            return jsonResponse(try await heavy.run { try ledger.round(named: name).json })
        }
        group.get("rounds/{name}/status") { _, context in
            let name = try context.parameters.require("name")
            return jsonResponse(try await heavy.run { try ledger.roundStatus(name).json })
        }
        writes.get("rounds/{name}/drafts") { request, context in try await drafts(request, context) }
        writes.get("rounds/{name}/queue") { request, context in
            let token = try context.authenticated
            guard token.role.mayReview else { throw Self.forbidden(token, "see the review queue") }
            let name = try context.parameters.require("name")
            return jsonResponse(.array(try await heavy.run { try ledger.reviewQueue(round: name).map(\.json) }))
        }
        writes.post("rounds") { request, context in try await openRound(request, context) }
        writes.post("rounds/{name}/close") { request, context in
            let token = try admin(context, "close rounds")
            let name = try context.parameters.require("name")
            let seq = try await heavy.run { try ledger.closeRound(name, actor: token.actor) }
            return jsonResponse(.object(["seq": .int(Int(seq))]), status: .created)
        }
        writes.post("rounds/{name}/publish") { request, context in
            let token = try admin(context, "publish rounds")
            let name = try context.parameters.require("name")
            return jsonResponse(try await heavy.run { try ledger.publishRound(name, actor: token.actor).json }, status: .created)
        }
        writes.post("rounds/{name}/submissions") { request, context in
            let token = try context.authenticated
            let name = try context.parameters.require("name")
            let raw = try await RequestFields.read(request, allowed: ["state"])
            guard let state = raw["state"] else { throw APIError.badRequest("A submission needs the 'state' (ISO3).", field: "state", value: "") }
            try checkMeasureRights(token, state: state)
            let only = token.onlyState
            let seq = try await heavy.run { try ledger.submitRound(name, state: state, actor: token.actor, onlyState: only) }
            return jsonResponse(.object(["seq": .int(Int(seq))]), status: .created)
        }
        writes.post("rounds/{name}/acceptances") { request, context in
            let token = try reviewer(context)
            let name = try context.parameters.require("name")
            let body = try await RequestFields.object(request, allowed: ["state", "obligation", "all", "comment"])
            guard let state = try RequestFields.string("state", in: body) else {
                throw APIError.badRequest("An acceptance needs the 'state' (ISO3).", field: "state", value: "")
            }
            // As on the command line, every submitted answer of the State only when asked for in so many words.
            let obligation = try RequestFields.string("obligation", in: body), all = try RequestFields.flag("all", in: body)
            guard (obligation != nil) != all else {
                throw APIError.badRequest(
                    obligation == nil
                        ? "Name the answer to accept: the 'obligation', or \"all\": true for every submitted answer of the State."
                        : "Give the 'obligation' or \"all\": true, not both.",
                    field: obligation == nil ? "obligation" : "all")
            }
            let comment = try RequestFields.string("comment", in: body)
            let events = try await heavy.run {
                try ledger.acceptAnswer(name, state: state, obligation: obligation, comment: comment, actor: token.actor)
            }
            return jsonResponse(.object(["seqs": .array(events.map { .int(Int($0)) })]), status: .created)
        }
        writes.post("rounds/{name}/returns") { request, context in
            let token = try reviewer(context)
            let name = try context.parameters.require("name")
            let raw = try await RequestFields.read(request, allowed: ["state", "obligation", "comment"])
            guard let state = raw["state"], let obligation = raw["obligation"], let comment = raw["comment"], !comment.isEmpty else {
                throw APIError.badRequest("A return needs 'state', 'obligation' and a 'comment' saying what to change.")
            }
            let seq = try await heavy.run { try ledger.returnAnswer(name, state: state, obligation: obligation, comment: comment, actor: token.actor) }
            return jsonResponse(.object(["seq": .int(Int(seq))]), status: .created)
        }
    }

    func admin(_ context: LedgerRequestContext, _ what: String) throws -> TokenRecord {
        let token = try context.authenticated
        guard token.role.mayManageRounds else { throw Self.forbidden(token, what) }
        return token
    }

    func reviewer(_ context: LedgerRequestContext) throws -> TokenRecord {
        let token = try context.authenticated
        guard token.role.mayReview else { throw Self.forbidden(token, "review round answers") }
        return token
    }

    /// `POST /api/rounds`: `name`, `due`, and optionally `obligations` (an array of ids) or `article`
    /// (`8`, `7a`: its obligations answered with measures), and `states` (an array of ISO3 codes).
    func openRound(_ request: Request, _ context: LedgerRequestContext) async throws -> Response {
        let token = try admin(context, "open rounds")
        let body = try await RequestFields.object(request, allowed: ["name", "due", "obligations", "article", "states"])
        guard let name = try RequestFields.string("name", in: body), let dueText = try RequestFields.string("due", in: body) else {
            throw APIError.badRequest("A round needs a 'name' and a 'due' date (YYYY-MM-DD).")
        }
        guard let due = ISODate(dueText) else { throw APIError.badRequest("due '\(dueText)' \(ISODate.problem(with: dueText) ?? "is not a date").", field: "due", value: dueText) }
        var obligations = try RequestFields.list("obligations", in: body)
        if let article = try RequestFields.string("article", in: body) {
            guard obligations == nil else { throw APIError.badRequest("Give 'obligations' or 'article', not both.", field: "article", value: article) }
            do throws(Catalogue.UnknownArticle) { obligations = try ledger.roundObligations(article: article) } catch {
                throw APIError.badRequest(error.description, field: "article", value: article)
            }
        }
        let definition = ledger.roundDefinition(name: name, due: due, obligations: obligations, states: try RequestFields.list("states", in: body))
        let seq = try await heavy.run { try ledger.openRound(definition, actor: token.actor) }
        return jsonResponse(.object(["seq": .int(Int(seq)), "round": .string(name)]), status: .created)
    }

    /// `GET /api/rounds/{name}/drafts?state=ISO3`: a State's draft view, for its focal point, an editor, a reviewer or an admin.
    func drafts(_ request: Request, _ context: LedgerRequestContext) async throws -> Response {
        let token = try context.authenticated
        let name = try context.parameters.require("name")
        guard let state = request.uri.queryParameters.get("state") else {
            throw APIError.badRequest("Name the State: ?state=ISO3.", field: "state")
        }
        if token.role == .focalPoint, token.state != state { throw Self.forbidden(token, "see the drafts of \(state)") }
        return jsonResponse(.array(try await heavy.run { try ledger.draftView(round: name, state: state).map(\.json) }))
    }
}
