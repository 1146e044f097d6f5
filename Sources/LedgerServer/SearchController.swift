import Foundation
import Hummingbird
import LedgerModel
import LedgerReports
import LedgerStore

/// Full-text search: `GET /api/search` (JSON) and the dashboard's `/search` page (HTML, a plain form,
/// no script). Both take `q` (the words), `state`, `article`, `theme`, `status`, `from`, `to`
/// (dates) and `limit`; see ``SearchQuery`` for what each filter keeps.
struct SearchController: Sendable {
    let ledger: Ledger
    let cache: ResponseCache
    let heavy: HeavyWork

    /// The query parameters of both routes (QueryPolicy refuses any other).
    static let parameters = ["q", "state", "article", "theme", "status", "from", "to", "limit"]

    func addRoutes(to router: Router<LedgerRequestContext>) {
        router.get("api/search") { request, _ in
            let query = try Self.query(request.uri.queryParameters)
            return try await cache.respond(to: request, ledger: ledger, heavy: heavy) {
                .init(body: SearchHit.json(query, hits: try ledger.search(query), ledger: ledger).canonicalText + "\n", contentType: "application/json")
            }
        }
        router.get("search") { request, _ in try await page(request) }
    }

    /// The search a query string asks for; a limit or a date that cannot be read is a 400 naming it.
    static func query(_ parameters: Parameters) throws -> SearchQuery {
        func text(_ name: String) -> String? {
            // An empty field of the page's form means "any".
            parameters.get(name).flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
        }
        func date(_ name: String) throws -> ISODate? {
            try text(name).map { value in
                guard let date = ISODate(value) else {
                    throw APIError.badRequest("\(name) '\(value)' \(ISODate.problem(with: value) ?? "is not a date (YYYY-MM-DD)").", field: name, value: value)
                }
                return date
            }
        }
        var limit = SearchQuery.defaultLimit
        if let value = text("limit") {
            guard let number = Int(value), (1...SearchQuery.maxLimit).contains(number) else {
                throw APIError.badRequest("limit '\(value)' is not a whole number from 1 to \(SearchQuery.maxLimit).", field: "limit", value: value)
            }
            limit = number
        }
        return SearchQuery(
            parameters.get("q") ?? "", state: text("state"), article: text("article"), theme: text("theme"), status: text("status"),
            from: try date("from"), to: try date("to"), limit: limit)
    }

    // MARK: - The page

    /// The search page: the form, then the hits (or the problem with the query, beside the form).
    func page(_ request: Request) async throws -> Response {
        let language = try DashboardController.language(request)
        let l = Localizer.shipped(language.language)
        let parameters = request.uri.queryParameters
        var body = ""
        var status: HTTPResponse.Status = .ok
        var shown = SearchQuery(parameters.get("q") ?? "")
        do {
            let query = try Self.query(parameters)
            shown = query
            // The filters are checked even before a word is typed: a bad one is a 400, as in the API.
            let hits = try await ledger.nonblocking.search(query)
            body = query.terms.isEmpty ? emptyNote(query, l) : results(query, hits, l)
        } catch let error as APIError where error.status == .badRequest {
            (body, status) = (problem(error.message, l), .badRequest)
        } catch let error as LedgerError {
            guard case .invalid(let failure) = error else { throw error }
            (body, status) = (problem(failure.issues.map(\.description).joined(separator: "; ") + ".", l), .badRequest)
        }
        shown.state = parameters.get("state")
        shown.article = parameters.get("article")
        shown.theme = parameters.get("theme")
        shown.status = parameters.get("status")
        var page = BrowserPage(title: l.text("nav.search"), body: form(shown, parameters, l) + body, language: language.language).localized(language, request)
        page.status = status
        return page.response()
    }

    /// A refused search: the server's sentence (English, marked so in another language), then what to do.
    func problem(_ message: String, _ l: Localizer = .english) -> String {
        let sentence = l.language == .en ? escapeXML(message) : "<span lang=\"en\" dir=\"ltr\">\(escapeXML(message))</span>"
        return "<p class=\"problem\" role=\"alert\">\(sentence) \(escapeXML(l.text("page.search.try_again")))</p>\n"
    }

    func emptyNote(_ query: SearchQuery, _ l: Localizer = .english) -> String {
        let typed = query.words.trimmingCharacters(in: .whitespacesAndNewlines)
        return typed.isEmpty
            ? "<p class=\"muted\">\(escapeXML(l.text("page.search.help")))</p>\n"
            : "<p class=\"muted\">\(escapeXML(l.text("page.search.no_word", ["words": typed])))</p>\n"
    }

    /// The search form: plain GET, every filter a labelled field, the last search filled in.
    func form(_ query: SearchQuery, _ parameters: Parameters, _ l: Localizer = .english) -> String {
        func options(_ items: [(String, String)], selected: String?, any: String) -> String {
            "<option value=\"\">\(escapeXML(any))</option>" + items.map { value, label in
                "<option value=\"\(escapeXML(value))\"\(value.lowercased() == selected?.lowercased() ? " selected" : "")>\(escapeXML(label))</option>"
            }.joined()
        }
        let locale = Locale(identifier: l.language.rawValue)
        let states = ledger.states.states.map { ($0.iso3, StateNames.name(of: $0, in: l.language)) }
            .sorted { $0.1.compare($1.1, options: [.caseInsensitive], locale: locale) == .orderedAscending }
        let catalogue = ledger.catalogue
        var articles: [(String, String)] = []
        // The Articles of the Declaration (the resolution's operative paragraphs are no Article).
        for obligation in catalogue.obligations {
            let article = catalogue.provision(of: obligation).article
            guard article.hasPrefix("Article ") else { continue }
            let key = String(article.dropFirst("Article ".count).prefix { $0.isNumber })
            if !articles.contains(where: { $0.0 == key }) { articles.append((key, l.articleName(article))) }
        }
        let themes = Set(catalogue.obligations.flatMap(\.themes)).sorted().map { ($0, $0.replacingOccurrences(of: "-", with: " ")) }
        let statuses = ImplementationStatus.allCases.map { ($0.rawValue, RoundPagesController.statusName($0, l)) }
        func value(_ name: String) -> String { escapeXML(parameters.get(name) ?? "") }
        return """
            <p><a href="/">\(escapeXML(l.text("page.search.summary")))</a></p>
            <form class="fields" action="/search" method="get" role="search">
            <label for="q">\(escapeXML(l.text("page.search.words")))</label><input id="q" name="q" type="search" maxlength="1000" value="\(escapeXML(query.words))">
            <label for="state">\(escapeXML(l.text("nav.state")))</label><select id="state" name="state">\(options(states, selected: query.state, any: l.text("page.search.any_state")))</select>
            <label for="article">\(escapeXML(l.text("summary.header.article")))</label><select id="article" name="article">\(options(articles, selected: query.article, any: l.text("page.search.any_article")))</select>
            <label for="theme">\(escapeXML(l.text("summary.header.theme")))</label><select id="theme" name="theme">\(options(themes, selected: query.theme, any: l.text("page.search.any_theme")))</select>
            <label for="status">\(escapeXML(l.text("round.field.status")))</label><select id="status" name="status">\(options(statuses, selected: query.status, any: l.text("page.search.any_status")))</select>
            <label for="from">\(escapeXML(l.text("page.search.from")))</label><input id="from" name="from" type="date" min="1800-01-01" value="\(value("from"))">
            <label for="to">\(escapeXML(l.text("page.search.to")))</label><input id="to" name="to" type="date" min="1800-01-01" value="\(value("to"))">
            <button type="submit">\(escapeXML(l.text("nav.search")))</button>
            </form>

            """
    }

    /// The hits as a list: what each is, links to its State and obligation pages, and the matched
    /// words in context (every piece of text escaped, the matches in `<mark>`).
    func results(_ query: SearchQuery, _ hits: [SearchHit], _ l: Localizer = .english) -> String {
        func marked(_ fragments: [SearchHit.Fragment]) -> String {
            fragments.map { $0.match ? "<mark>\(escapeXML($0.text))</mark>" : escapeXML($0.text) }.joined()
        }
        func stateLink(_ iso3: String?) -> String? {
            iso3.map { "<a href=\"/states/\(escapeXML($0))\">\(escapeXML(ledger.states[$0].map { StateNames.name(of: $0, in: l.language) } ?? $0))</a>" }
        }
        func obligationLink(_ id: String?) -> String? {
            id.map { "<a href=\"/obligations/\(escapeXML($0))\">\(RoundPagesController.english(escapeXML(ledger.catalogue.obligation($0)?.title ?? $0), l))</a>" }
        }
        let words = query.terms.joined(separator: " ")
        var out = "<h2>\(escapeXML(hits.isEmpty ? l.text("page.search.no_results", ["words": words]) : l.plural("page.search.results", count: hits.count, ["words": words])))</h2>\n"
        if hits.count == query.limit { out += "<p class=\"muted\">\(escapeXML(l.plural("page.search.best", count: query.limit)))</p>\n" }
        guard !hits.isEmpty else { return out }
        out += "<ol class=\"hits\">\n"
        for hit in hits {
            var heading: String, about: [String?]
            switch hit.kind {
            case .measure:
                heading = escapeXML(l.text("page.search.measure", ["id": hit.key])) + " " + marked(hit.title)
                about = [stateLink(hit.state), obligationLink(hit.obligation),
                         hit.status.map { status in
                             escapeXML(RoundPagesController.statusName(status, l)) + (hit.effectiveDate.map { " " + escapeXML(l.text("page.search.since", ["date": "\($0)"])) } ?? "")
                         }]
            case .assessment:
                heading = escapeXML(l.text("page.search.assessment", ["id": hit.key]))
                    + (hit.rating.map { ": " + escapeXML(l.text("page.search.rated", ["rating": $0.rawValue.replacingOccurrences(of: "_", with: " ")])) } ?? "")
                about = [stateLink(hit.state), obligationLink(hit.obligation), hit.assessedOn.map { escapeXML(l.text("page.search.assessed_on", ["date": "\($0)"])) }]
            case .state:
                heading = escapeXML(l.text("page.search.state")) + " <a href=\"/states/\(escapeXML(hit.key))\">" + marked(hit.title) + "</a>"
                about = []
            case .obligation:
                heading = escapeXML(l.text("page.search.obligation")) + " <a href=\"/obligations/\(escapeXML(hit.key))\">"
                    + RoundPagesController.english(marked(hit.title), l) + "</a>"
                about = []
            }
            out += "<li><p><strong>\(heading)</strong>"
            let links = about.compactMap { $0 }
            if !links.isEmpty { out += "<br><span class=\"muted\">" + links.joined(separator: " · ") + "</span>" }
            out += "</p>"
            // An obligation's title and provision are the catalogue's English (the Declaration is quoted in English).
            if !hit.context.isEmpty { out += "<p>\(hit.kind == .obligation ? RoundPagesController.english(marked(hit.context), l) : marked(hit.context))</p>" }
            out += "</li>\n"
        }
        return out + "</ol>\n"
    }
}
