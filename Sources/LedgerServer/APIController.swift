import Foundation
import Hummingbird
import LedgerContracts
import LedgerModel
import LedgerReports
import LedgerStore

/// The JSON API under `/api/`: open reads; writes in a route group behind ``TokenAuthenticator``, so
/// a write handler finds its token in the context.
struct APIController: Sendable {
    let ledger: Ledger
    let cache: ResponseCache
    let heavy: HeavyWork
    let verifier: VerifyRunner
    let cosignatures: CosignatureStore

    func addRoutes(to group: RouterGroup<LedgerRequestContext>) {
        group.get("health") { _, _ in try await health() }
        group.get("openapi.json") { _, _ in Self.response(LedgerContracts.openAPI, "application/json") }
        group.get("obligations") { request, _ in try await cached(request) { try json(Listing.obligations(ledger.catalogue)) } }
        group.get("states") { request, _ in try await cached(request) { try json(ledger.states.states) } }
        group.get("states/{iso3}") { request, context in
            let iso3 = try context.parameters.require("iso3")
            guard ledger.states[iso3] != nil else {
                let hint = ledger.states.suggestions(for: iso3)
                throw APIError.notFound("No State '\(iso3)'" + (hint.isEmpty ? "" : "; did you mean \(hint.joined(separator: " or "))?") + "; GET /api/states lists them.")
            }
            return try await cached(request) { try report(.state, request, subject: iso3, format: .json) }
        }
        group.get("treaties") { request, _ in try await cached(request) {
            try ledger.snapshot { reader in
                var listing = try json(Listing.treaties(try reader.treatyStatus(), tables: try reader.treatyTables()))
                listing.head = reader.head
                return listing
            }
        } }
        group.get("treaties/{id}") { request, context in
            let id = try context.parameters.require("id")
            guard try ledger.currentTreaties().treaty(idOrUNTC: id) != nil else { throw APIError.notFound("No treaty '\(id)'; GET /api/treaties lists them.") }
            return try await cached(request) { try report(.treaties, request, subject: id, format: .json) }
        }
        group.get("reports/{kind}") { request, context in
            let name = try context.parameters.require("kind")
            guard let kind = ReportRequest.Kind(rawValue: name) else {
                throw APIError.notFound("No report '\(name)'; the kinds are " + ReportRequest.Kind.allCases.map(\.rawValue).joined(separator: ", ") + ".")
            }
            let query = request.uri.queryParameters
            let subject = query.get("state") ?? query.get("obligation") ?? query.get("treaty")
            if let include = query.get("include") {
                // Unpublished answers are for reviewers and admins only.
                guard include == "unpublished" else {
                    throw APIError.badRequest("include '\(include)' is not known; the one value is 'unpublished'.", field: "include", value: include)
                }
                // As the CLI: drafts are today's, so "as the ledger knew it then" cannot include them.
                if query.get("known_at") != nil {
                    throw APIError.badRequest(
                        "include=unpublished shows today's drafts; it cannot be combined with known_at.", field: "include", value: include)
                }
                guard let token = try await TokenAuthenticator.token(of: request, ledger: ledger) else { throw TokenAuthenticator.missing(sent: false) }
                guard token.role.mayReview else { throw Self.forbidden(token, "see unpublished answers") }
            }
            if query.get("format") == ReportRequest.Format.xlsx.rawValue { return try await workbook(kind, request, subject: subject) }
            return try await cached(request) { try report(kind, request, subject: subject, format: nil) }
        }
        group.get("events") { request, _ in try await events(request) }
        group.get("checkpoints/latest") { _, _ in try await latestCheckpoint() }
        addLogRoutes(to: group)
        group.get("log/checkpoint") { _, _ in try await logCheckpoint() }
        group.post("log/cosignatures") { request, _ in try await receiveCosignature(request) }

        group.group().add(middleware: TokenAuthenticator(ledger: ledger, optional: true))
            .get("verify") { _, context in try await verify(context) }

        group.group().add(middleware: TokenAuthenticator(ledger: ledger))
            .post("measures") { request, context in try await recordMeasure(request, context) }
            .post("measures/{seq}/corrections") { request, context in try await correctMeasure(request, context) }
            .post("measures/{seq}/retractions") { request, context in try await retractMeasure(request, context) }
            .post("assessments") { request, context in try await recordAssessment(request, context) }
            .post("treaty-actions") { request, context in try await recordTreatyAction(request, context) }
        addRoundRoutes(to: group, writes: group.group().add(middleware: TokenAuthenticator(ledger: ledger)))
    }

    // MARK: - Reads

    /// `ok`, or `degraded` with the sentence of the storage fault that made the last write fail
    /// (reads still answer; the next write that succeeds makes it `ok` again, without a restart).
    func health() async throws -> Response {
        let head = try await ledger.nonblocking.headSeq()
        let behind = try await ledger.nonblocking.isBehindReferenceData()
        var answer: [String: JSONValue] = ["status": .string("ok"), "events": .int(Int(head)), "reference_data": .string(behind ? "behind" : "current")]
        if let fault = ledger.storageFault {
            answer["status"] = .string("degraded")
            answer["problem"] = .string(APIError.from(fault).message)
            answer["code"] = .string(APIError.code(of: fault))
        }
        return jsonResponse(.object(answer))
    }

    /// Serves a GET from the cache while the ledger has not changed since it was rendered.
    func cached(_ request: Request, render: @escaping @Sendable () throws -> ResponseCache.Rendered) async throws -> Response {
        try await cache.respond(to: request, ledger: ledger, heavy: heavy, render: render)
    }

    func json<T: Encodable>(_ value: T) throws -> ResponseCache.Rendered {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return .init(body: String(decoding: try encoder.encode(value), as: UTF8.self) + "\n", contentType: "application/json")
    }

    func report(_ kind: ReportRequest.Kind, _ request: Request, subject: String?, format fixed: ReportRequest.Format?) throws -> ResponseCache.Rendered {
        let report = try Self.reportRequest(kind, request.uri.queryParameters, subject: subject, format: fixed, catalogue: ledger.catalogue)
        let output = try report.render(ledger: ledger)
        return .init(body: output.body, contentType: output.contentType, head: output.head)
    }

    /// A report as an Excel workbook, for download (`Content-Disposition: attachment`). Workbooks are
    /// binary and rarely asked for twice: they are rendered each time, as heavy work, not cached.
    func workbook(_ kind: ReportRequest.Kind, _ request: Request, subject: String?) async throws -> Response {
        let report = try Self.reportRequest(kind, request.uri.queryParameters, subject: subject, format: nil, catalogue: ledger.catalogue)
        let output = try await heavy.run { [ledger] in try report.render(ledger: ledger) }
        let name = String(([kind.rawValue] + [subject].compactMap { $0 } + [report.asOf.description]).joined(separator: "-")
            .filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") })
        return Response(
            status: .ok,
            headers: [.contentType: output.contentType, .contentDisposition: "attachment; filename=\"cpsledger-\(name).xlsx\""],
            body: .init(byteBuffer: ByteBuffer(bytes: output.bytes)))
    }

    /// Reads the report parameters of a query string: as_of, known_at, format, treaty_set, region,
    /// theme, article, from, to, stale_years.
    static func reportRequest(
        _ kind: ReportRequest.Kind, _ query: Parameters, subject: String?, format fixed: ReportRequest.Format?, catalogue: Catalogue
    ) throws -> ReportRequest {
        func date(_ name: String) throws -> ISODate? {
            try query.get(name).map { try servedDate($0, field: name) }
        }
        var format = fixed ?? .json
        if fixed == nil, let text = query.get("format") {
            guard let chosen = ReportRequest.Format(rawValue: text) else {
                throw APIError.badRequest("format '\(text)' is not one of " + ReportRequest.Format.allCases.map(\.rawValue).joined(separator: ", ") + ".", field: "format", value: text)
            }
            format = chosen
        }
        var knownAt: KnownAt?
        if let text = query.get("known_at") {
            guard let parsed = KnownAt(text) else {
                throw APIError.badRequest("known_at '\(text)' is not a date (YYYY-MM-DD) or a UTC time (YYYY-MM-DDTHH:MM:SSZ).", field: "known_at", value: text)
            }
            knownAt = parsed
        }
        var filter = try ComplianceSnapshot.Filter.parse(
            region: query.get("region"), theme: query.get("theme"), article: query.get("article"), catalogue: catalogue)
        if let text = query.get("basis") {
            guard let basis = ComplianceSnapshot.Basis(rawValue: text) else {
                throw APIError.badRequest(
                    "basis '\(text)' is not one of " + ComplianceSnapshot.Basis.allCases.map(\.rawValue).joined(separator: ", ") + ".",
                    field: "basis", value: text)
            }
            filter.basis = basis
        }
        var staleYears: Int?
        if let text = query.get("stale_years") {
            guard let years = Int(text), years >= 0 else { throw APIError.badRequest("stale_years '\(text)' is not a whole number.", field: "stale_years", value: text) }
            staleYears = years
        }
        let to = try date("to")
        var request = ReportRequest(
            kind: kind, format: format, asOf: try to ?? date("as_of") ?? ISODate.utc(), knownAt: knownAt, treatySet: query.get("treaty_set"),
            filter: filter, subject: subject, from: try date("from"), staleYears: staleYears)
        request.includeUnpublished = query.get("include") == "unpublished"
        return request
    }

    /// The date of a query parameter, or 400: not of the form YYYY-MM-DD, or outside the dates served.
    static func servedDate(_ text: String, field: String) throws -> ISODate {
        guard let date = ISODate(text) else { throw APIError.badRequest("\(field) '\(text)' \(ISODate.problem(with: text) ?? "is not a date").", field: field, value: text) }
        do throws(ReportRequest.Problem) { try ReportRequest.checkServed(date, field: field) } catch {
            throw APIError.badRequest(error.description, field: field, value: text)
        }
        return date
    }

    func events(_ request: Request) async throws -> Response {
        let query = request.uri.queryParameters
        let after = try query.get("after").map { text -> Int64 in
            guard let value = Int64(text), value >= 0 else { throw APIError.badRequest("after '\(text)' is not a sequence number.", field: "after", value: text) }
            return value
        } ?? 0
        let limit = try query.get("limit").map { text -> Int in
            guard let value = Int(text), (1...1000).contains(value) else { throw APIError.badRequest("limit '\(text)' must be a whole number from 1 to 1000.", field: "limit", value: text) }
            return value
        } ?? 100
        let events = try await ledger.nonblocking.events(after: after, limit: limit)
        return Self.response(try json(events).body, "application/json")
    }

    /// `verify` is a pass over every event: with a valid token it runs now; without one the answer is
    /// the last run while it is younger than the runner's interval (`checked_at` says when it ran).
    func verify(_ context: LedgerRequestContext) async throws -> Response {
        // Behind the optional authenticator: a token in the context was sent and is valid.
        let fresh = context.token != nil
        let run = try await verifier.result(fresh: fresh)
        let report = run.report
        return jsonResponse(.object([
            "sound": .bool(report.isSound), "events_checked": .int(report.eventsChecked), "evidence_checked": .int(report.evidenceChecked),
            "first_bad_seq": report.firstBadSeq.map { .int(Int($0)) } ?? .null, "problems": .array(report.problems.map { .string($0) }),
            "checked_at": .string(run.finished.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!))),
        ]))
    }

    // MARK: - Writes

    static func forbidden(_ record: TokenRecord, _ what: String) -> APIError {
        let message = "The \(record.role.rawValue) token '\(record.name)'" + (record.state.map { " (\($0))" } ?? "") + " may not \(what)."
        // In English the page says exactly what is refused; in another language, that the token does not allow it.
        return APIError(status: .forbidden, message: message).worded { $0.language == .en ? message : $0.text("page.error.forbidden", ["name": record.name]) }
    }

    func checkMeasureRights(_ record: TokenRecord, state: String) throws {
        guard record.role.mayWriteMeasures(of: state, own: record.state) else {
            throw Self.forbidden(record, "write measures of \(state)")
        }
    }

    func recordMeasure(_ request: Request, _ context: LedgerRequestContext) async throws -> Response {
        let token = try context.authenticated
        guard token.role != .reviewer else { throw Self.forbidden(token, "write measures") }
        var raw = try await RequestFields.read(request, allowed: Ledger.measureColumns + ["round"])
        let round = raw.removeValue(forKey: "round")
        let fields = try MeasureFields.validate(raw, catalogue: ledger.catalogue, states: ledger.states)
        try checkMeasureRights(token, state: fields.state)
        if let round {
            let only = token.onlyState
            let draft = try await heavy.run { try ledger.draftMeasure(fields, round: round, actor: token.actor, onlyState: only) }
            return jsonResponse(.object(["seq": .int(Int(draft)), "draft": .int(Int(draft)), "round": .string(round)]), status: .created)
        }
        let outcome = try await ledger.nonblocking.recordMeasure(fields, actor: token.actor)
        switch outcome {
        case .recorded(let seq): return jsonResponse(.object(["seq": .int(Int(seq)), "measure": .int(Int(seq))]), status: .created)
        case .duplicate(let existing): return jsonResponse(.object(["duplicate_of": .int(Int(existing))]), status: .ok)
        }
    }

    /// The `seq` of the path, read as an `Int64`; 400 naming the field when it is not a sequence number
    /// (Hummingbird's own 400 for a value that is not an integer would not name it).
    func measureSeq(_ context: LedgerRequestContext) throws -> Int64 {
        guard let seq = try? context.parameters.require("seq", as: Int64.self), seq > 0 else {
            let text = context.parameters.get("seq") ?? ""
            throw APIError.badRequest("'\(text)' is not a sequence number.", field: "seq", value: text)
        }
        return seq
    }

    func correctMeasure(_ request: Request, _ context: LedgerRequestContext) async throws -> Response {
        let token = try context.authenticated
        guard token.role != .reviewer else { throw Self.forbidden(token, "write measures") }
        let seq = try measureSeq(context)
        var raw = try await RequestFields.read(request, allowed: Ledger.measureColumns + ["reason", "round"])
        let reason = raw.removeValue(forKey: "reason")
        if let round = raw.removeValue(forKey: "round") {
            let only = token.onlyState
            if let state = raw["state"] { try checkMeasureRights(token, state: state) }
            let changes = raw
            let draft = try await heavy.run {
                try ledger.draftCorrection(seq, changes: changes, reason: reason, round: round, actor: token.actor, onlyState: only)
            }
            return jsonResponse(.object(["seq": .int(Int(draft)), "draft": .int(Int(draft)), "round": .string(round)]), status: .created)
        }
        guard let current = try await ledger.nonblocking.measure(seq: seq) else {
            throw LedgerError.unknownMeasure(seq: seq)
        }
        try checkMeasureRights(token, state: current.fields.state)
        if let state = raw["state"] { try checkMeasureRights(token, state: state) }
        let changes = raw
        // The check above answers early; the ledger checks again inside the write transaction, so a
        // measure moved to another State meanwhile cannot be written by this focal point.
        let only = token.onlyState
        let correction = try await ledger.nonblocking.correctMeasure(seq, changes: changes, reason: reason, actor: token.actor, onlyState: only)
        return jsonResponse(.object(["seq": .int(Int(correction)), "measure": .int(Int(current.id))]), status: .created)
    }

    func retractMeasure(_ request: Request, _ context: LedgerRequestContext) async throws -> Response {
        let token = try context.authenticated
        guard token.role != .reviewer else { throw Self.forbidden(token, "write measures") }
        let seq = try measureSeq(context)
        let raw = try await RequestFields.read(request, allowed: ["reason", "round"])
        guard let reason = raw["reason"], !reason.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw APIError.badRequest("A retraction needs a 'reason'.", field: "reason", value: "")
        }
        if let round = raw["round"] {
            let only = token.onlyState
            let draft = try await heavy.run { try ledger.draftRetraction(seq, reason: reason, round: round, actor: token.actor, onlyState: only) }
            return jsonResponse(.object(["seq": .int(Int(draft)), "draft": .int(Int(draft)), "round": .string(round)]), status: .created)
        }
        guard let current = try await ledger.nonblocking.measure(seq: seq) else {
            throw LedgerError.unknownMeasure(seq: seq)
        }
        try checkMeasureRights(token, state: current.fields.state)
        let only = token.onlyState
        let retraction = try await ledger.nonblocking.retractMeasure(seq, reason: reason, actor: token.actor, onlyState: only)
        return jsonResponse(.object(["seq": .int(Int(retraction)), "measure": .int(Int(current.id))]), status: .created)
    }

    func recordAssessment(_ request: Request, _ context: LedgerRequestContext) async throws -> Response {
        let token = try context.authenticated
        guard token.role.mayAssess else { throw Self.forbidden(token, "record assessments") }
        let raw = try await RequestFields.read(request, allowed: ["state", "obligation", "rating", "comment", "assessed_on"])
        let fields = try AssessmentFields.validate(raw, catalogue: ledger.catalogue, states: ledger.states, today: ISODate.utc())
        let seq = try await ledger.nonblocking.recordAssessment(fields, actor: token.actor)
        return jsonResponse(.object(["seq": .int(Int(seq))]), status: .created)
    }

    func recordTreatyAction(_ request: Request, _ context: LedgerRequestContext) async throws -> Response {
        let token = try context.authenticated
        guard token.role.mayRecordTreatyActions else { throw Self.forbidden(token, "record treaty actions") }
        let raw = try await RequestFields.read(request, allowed: Ledger.treatyActionColumns)
        let fields = try TreatyActionFields.validate(raw, treaties: ledger.treaties, states: ledger.states)
        let seq = try await ledger.nonblocking.recordTreatyAction(fields, actor: token.actor)
        guard let seq else { return jsonResponse(.object(["duplicate": .bool(true)]), status: .ok) }
        return jsonResponse(.object(["seq": .int(Int(seq))]), status: .created)
    }

    // MARK: - Responses

    func jsonResponse(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: value.canonicalText + "\n")))
    }

    static func response(_ body: String, _ contentType: String) -> Response {
        Response(status: .ok, headers: [.contentType: contentType], body: .init(byteBuffer: ByteBuffer(string: body)))
    }
}
