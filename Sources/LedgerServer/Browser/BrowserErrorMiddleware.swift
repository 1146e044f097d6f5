import Foundation
import HTTPTypes
import Hummingbird
import LedgerModel
import LedgerReports
import LedgerStore

/// Answers errors as HTML pages when a person asked (a browser), with the status and sentence the
/// JSON API gives and links onward: to the page a mistyped address meant ("did you mean FRA?"), to
/// sign-in (then back to the page asked for), to the rounds, to the summary. The dashboard, the round
/// pages and unknown paths share the page.
///
/// Who is a person: a request outside `/api/` unless its `Accept` prefers JSON to HTML, and a GET
/// under `/api/` whose `Accept` names HTML and prefers it (a browser opening an HTML report). Every
/// other request gets the JSON error.
///
/// Used twice: on the router, outside ``ErrorMiddleware`` (which has turned any error into an
/// ``APIError`` by then), and inside the round pages' session middleware, so that a session cleared
/// on the way (a revoked token) is saved with the error page.
struct BrowserErrorMiddleware: RouterMiddleware {
    typealias Context = LedgerRequestContext
    let ledger: Ledger
    let routes: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as LedgerError {
            let answer = APIError.from(error)
            guard Self.wantsPage(request) else { throw answer }
            return await page(Self.worded(answer, error), request)
        } catch let error as APIError {
            guard Self.wantsPage(request) else { throw error }
            return await page(error, request)
        }
    }

    static func isAPI(_ path: String) -> Bool { path == "/api" || path.hasPrefix("/api/") }

    /// Whether the request's errors are answered with a page (see the type's comment).
    static func wantsPage(_ request: Request) -> Bool {
        let accept = AcceptHeader(request.headers[values: .accept].joined(separator: ","))
        let html = accept.quality(of: "text/html"), json = accept.quality(of: "application/json")
        if isAPI(request.uri.path) { return (request.method == .get || request.method == .head) && html.named && html.value > json.value }
        return json.value <= html.value
    }

    // MARK: - The page

    func page(_ error: APIError, _ request: Request) async -> Response {
        let language = BrowserPage.language(request), l = Localizer.shipped(language.language)
        var message = error.pageMessage ?? error.message
        var meant: [(href: String, label: String)] = []
        if error.status == .notFound, request.method == .get || request.method == .head {
            meant = await suggestions(request)
            // The suggestion becomes a link below; the sentence need not say it too.
            if !meant.isEmpty, let hint = message.range(of: "; did you mean") { message = message[..<hint.lowerBound] + "." }
        }
        // The sentence in the reader's language where the catalogue has it; else the server's English, marked so.
        let sentence = error.pageWords.map { escapeXML($0(l)) }
            ?? (language.language == .en ? escapeXML(message) : "<span lang=\"en\" dir=\"ltr\">\(escapeXML(message))</span>")
        var body = "<p class=\"problem\" role=\"alert\">\(sentence)</p>\n"
        if !meant.isEmpty {
            let links = meant.map { "<a href=\"\(escapeXML($0.href))\">\(escapeXML($0.label))</a>" }.joined(separator: escapeXML(l.text("round.issue.or")))
            body += "<p>" + escapeXML(l.text("page.error.did_you_mean", ["links": "\u{1}"])).replacingOccurrences(of: "\u{1}", with: links) + "</p>\n"
        }
        var links: [(href: String, label: String)] = []
        if error.status == .unauthorized {
            links.append((SignInController.signInPath(returningTo: returnPath(request)), l.text("nav.sign_in")))
        }
        if error.status == .badRequest, request.method == .get, request.uri.query != nil, !Self.isAPI(request.uri.path) {
            links.append(Self.without(error.field, request, l))
        }
        if request.uri.path.hasPrefix("/rounds/") || request.uri.path.hasPrefix("/sign") {
            links.append(("/rounds", l.text("page.error.link_rounds")))
        }
        links.append(("/", l.text("page.error.link_summary")))
        body += "<ul class=\"onward\">" + links.map { "<li><a href=\"\(escapeXML($0.href))\">\(escapeXML($0.label))</a></li>" }.joined() + "</ul>\n"
        // The switch leads to the page asked for (a GET) in another language, else to the summary.
        let here = request.method == .get || request.method == .head ? BrowserPage.address(request) : (returnPath(request) ?? "/")
        var page = BrowserPage(title: Self.title(error.status, l), body: body, status: error.status, language: language.language, here: here)
        page.chosen = language.chosen && error.field != "lang"
        var response = page.response()
        if let retryAfter = error.retryAfter { response.headers[.retryAfter] = String(retryAfter) }
        if let allow = error.allow { response.headers[.allow] = allow.joined(separator: ", ") }
        return response
    }

    /// A ledger error's sentence for a person, from the catalogue where it has one (an unknown round, a
    /// busy ledger, storage that cannot be written).
    static func worded(_ answer: APIError, _ error: LedgerError) -> APIError {
        switch error {
        case .round(.unknownRound(let name)): answer.worded { $0.text("page.error.unknown_round", ["round": name]) }
        case .busy(_, let retryAfter): answer.worded { $0.text("page.error.busy", ["seconds": String(retryAfter)]) }
        case .diskFull, .readOnlyStorage, .storageFailed: answer.worded { $0.text("page.error.storage") }
        default: answer
        }
    }

    /// The page's heading: what happened, in words.
    static func title(_ status: HTTPResponse.Status, _ l: Localizer = .english) -> String {
        switch status {
        case .badRequest: l.text("page.error.title.400")
        case .unauthorized: l.text("page.error.title.401")
        case .forbidden: l.text("page.error.title.403")
        case .notFound: l.text("page.error.title.404")
        case .methodNotAllowed: l.text("page.error.title.405")
        case .conflict: l.text("page.error.title.409")
        case .contentTooLarge: l.text("page.error.title.413")
        case .serviceUnavailable: l.text("page.error.title.503")
        case .internalServerError: l.text("page.error.title.500")
        default: status.reasonPhrase
        }
    }

    /// The page asked for without the query parameter `field` that was refused (all of them when
    /// the error names none), and what it is.
    static func without(_ field: String?, _ request: Request, _ l: Localizer = .english) -> (href: String, label: String) {
        let kept = field == nil ? [] : request.uri.queryParameters.filter { String($0.key) != field }
        let query = kept.map { QueryPolicy.escape(String($0.key)) + "=" + QueryPolicy.escape(String($0.value)) }.joined(separator: "&")
        let label = switch field {
        case "as_of"?: l.text("page.error.link_today")
        case let field?: l.text("page.error.link_without", ["field": field])
        case nil: l.text("page.error.link_defaults")
        }
        return (request.uri.path + (query.isEmpty ? "" : "?" + query), label)
    }

    /// Where sign-in should lead back to: the page asked for (with its query), or for a form's post,
    /// the page the form is on (the post's path or its parent, if it is a page); nil for neither.
    func returnPath(_ request: Request) -> String? {
        let path = request.uri.path
        if request.method == .get || request.method == .head {
            return path + (request.uri.query.map { "?" + $0 } ?? "")
        }
        let parent = String(path[..<(path.lastIndex(of: "/") ?? path.startIndex)])
        return [path, parent].first { routes.methods(for: $0).contains(.get) }
    }

    // MARK: - Did you mean

    /// The pages a 404's path may have meant: the same path with a mistyped State, obligation, treaty
    /// or round (a capture of a page's route) replaced by the nearest that exists, or one mistyped
    /// word of a page's path (`/state/FRA`) corrected; the query is kept.
    func suggestions(_ request: Request) async -> [(href: String, label: String)] {
        let segments = QueryPolicy.segments(request.uri.path).map { $0.removingPercentEncoding ?? $0 }
        let query = request.uri.query.map { "?" + $0 } ?? ""
        func href(_ parts: [String]) -> String { "/" + parts.map(BrowserPage.segment).joined(separator: "/") + query }
        for pattern in routes.pages where pattern.count == segments.count {
            var fixed = segments
            var literalFixes = 0
            var captureFix: (index: Int, nearest: [String])?
            var fits = true
            for (index, part) in pattern.enumerated() {
                if RouteTable.isCapture(part) {
                    guard let values = await domain(part, after: index > 0 ? pattern[index - 1] : nil), !values.known(segments[index]) else { continue }
                    let nearest = values.nearest(segments[index])
                    if nearest.isEmpty || captureFix != nil { fits = false } else { captureFix = (index, nearest) }
                } else if part != segments[index] {
                    if Suggestion.nearest(to: segments[index], among: [part]).isEmpty { fits = false } else { fixed[index] = part; literalFixes += 1 }
                }
                if !fits || literalFixes > 1 { break }
            }
            guard fits, literalFixes <= 1, literalFixes > 0 || captureFix != nil else { continue }
            if let captureFix {
                return captureFix.nearest.map { value in
                    var parts = fixed
                    parts[captureFix.index] = value
                    return (href(parts), literalFixes > 0 ? href(parts) : value)
                }
            }
            return [(href(fixed), href(fixed))]
        }
        return []
    }

    /// The values a capture of a page's route can take, by its name and the word before it.
    struct Domain {
        let known: (String) -> Bool
        let nearest: (String) -> [String]
    }

    func domain(_ capture: String, after word: String?) async -> Domain? {
        let ledger = ledger
        switch (capture, word) {
        case ("{iso3}", _):
            return Domain(known: { ledger.states[$0] != nil }, nearest: { ledger.states.suggestions(for: $0) })
        case ("{id}", "obligations"):
            let ids = ledger.catalogue.obligations.map(\.id)
            return Domain(known: { ledger.catalogue.obligation($0) != nil }, nearest: { Suggestion.nearest(to: $0, among: ids) })
        case ("{id}", "treaties"):
            let ids = ledger.treaties.treaties.map(\.id)
            return Domain(known: { ledger.treaties.treaty(idOrUNTC: $0) != nil }, nearest: { Suggestion.nearest(to: $0, among: ids) })
        case (_, "rounds"):
            // Read on the heavy-work threads: only a 404 asks, and it should not wait on SQLite here.
            guard let names = try? await HeavyWork.threads.runIfActive({ try ledger.rounds().map(\.name) }) else { return nil }
            return Domain(known: { names.contains($0) }, nearest: { Suggestion.nearest(to: $0, among: names) })
        default:
            return nil
        }
    }
}
