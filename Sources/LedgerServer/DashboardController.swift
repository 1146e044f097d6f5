import Foundation
import Hummingbird
import LedgerModel
import LedgerReports
import LedgerStore

/// The HTML dashboard: the same report documents as `report --format html`, with a navigation bar,
/// an as-of date picker, filters, sortable tables and download links that are plain links and forms
/// (no script), readable on a phone and printable.
struct DashboardController: Sendable {
    let ledger: Ledger
    let cache: ResponseCache
    let heavy: HeavyWork

    /// The filters each page takes (query parameters of the API's reports), beside `as_of`, `sort` and `dir`.
    static let filters: [ReportRequest.Kind: [String]] = [
        .summary: ["region", "theme", "article"], .state: ["theme", "article"], .obligation: ["region"], .treaties: [],
    ]

    func addRoutes(to router: Router<LedgerRequestContext>) {
        router.get("/") { request, _ in
            let language = try Self.language(request)
            return try await page(request, language) { try render(.summary, request, subject: nil, language: language.language) }
        }
        router.get("states") { request, _ in try redirect(request, parameter: "iso3", to: "/states/") }
        router.get("states/{iso3}") { request, context in
            let iso3 = try context.parameters.require("iso3")
            guard ledger.states[iso3] != nil else {
                let hint = ledger.states.suggestions(for: iso3)
                throw APIError.notFound("No State '\(iso3)'" + (hint.isEmpty ? "." : "; did you mean \(hint.joined(separator: " or "))?")).worded { $0.text("page.error.no_state", ["iso3": iso3]) }
            }
            let language = try Self.language(request)
            return try await page(request, language) {
                var rendered = try render(.state, request, subject: iso3, language: language.language)
                guard let end = rendered.body.range(of: "</main>", options: .backwards) else { return rendered }
                rendered.body.replaceSubrange(end.lowerBound..<end.lowerBound, with: try history(iso3, request, .shipped(language.language)))
                return rendered
            }
        }
        router.get("obligations") { request, _ in try redirect(request, parameter: "id", to: "/obligations/") }
        router.get("obligations/{id}") { request, context in
            let id = try context.parameters.require("id")
            guard ledger.catalogue.obligation(id) != nil else { throw APIError.notFound("No obligation '\(id)'.").worded { $0.text("page.error.no_obligation", ["id": id]) } }
            let language = try Self.language(request)
            return try await page(request, language) { try render(.obligation, request, subject: id, language: language.language) }
        }
        router.get("treaties") { request, _ in try redirect(request, parameter: "id", to: "/treaties/") }
        router.get("treaties/{id}") { request, context in
            let id = try context.parameters.require("id")
            guard try ledger.currentTreaties().treaty(idOrUNTC: id) != nil else { throw APIError.notFound("No treaty '\(id)'.").worded { $0.text("page.error.no_treaty", ["id": id]) } }
            let language = try Self.language(request)
            return try await page(request, language) { try render(.treaties, request, subject: id, language: language.language) }
        }
    }

    /// A page from the cache (one per language), or rendered and cached; a language chosen with `?lang=`
    /// is kept in a cookie for the next pages.
    func page(
        _ request: Request, _ language: (language: Language, chosen: Bool), _ body: @escaping @Sendable () throws -> ResponseCache.Rendered
    ) async throws -> Response {
        var response = try await cache.respond(to: request, ledger: ledger, heavy: heavy, variant: language.language.rawValue, render: body)
        response.headers[.contentLanguage] = language.language.rawValue
        response.headers[.vary] = "Accept-Language, Cookie"
        if language.chosen {
            response.headers[.setCookie] = "\(Self.languageCookie)=\(language.language.rawValue); Path=/; Max-Age=31536000; SameSite=Lax"
        }
        return response
    }

    /// The cookie that keeps the language a reader chose.
    static let languageCookie = "cpsledger_lang"

    /// The language of a page: `?lang=` (chosen: kept in the cookie), else the cookie, else the browser's
    /// `Accept-Language`, else English. A `lang` that is not one of the six is refused (400), or passed
    /// over when `lenient` (a page that must still be shown: an error page, the round pages).
    static func language(_ request: Request, lenient: Bool = false) throws -> (language: Language, chosen: Bool) {
        if let tag = request.uri.queryParameters.get("lang"), !(lenient && Language(rawValue: tag) == nil) {
            guard let language = Language(rawValue: tag) else {
                throw APIError.badRequest("lang '\(tag)' is not one of the six UN languages; use ar, en, es, fr, ru or zh.", field: "lang", value: tag)
                    .worded { $0.text("page.error.bad_lang", ["lang": tag]) }
            }
            return (language, true)
        }
        for cookie in request.headers[values: .cookie].flatMap({ $0.split(separator: ";") }) {
            let pair = cookie.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2, pair[0] == languageCookie, let language = Language(rawValue: pair[1]) { return (language, false) }
        }
        if let header = request.headers[.acceptLanguage], let language = Language.preferred(acceptLanguage: header) { return (language, false) }
        return (.en, false)
    }

    /// `/states?iso3=FRA&as_of=...` → `/states/FRA?as_of=...` (what the navigation forms send); 400 for an
    /// `as_of` that is not a date served.
    func redirect(_ request: Request, parameter: String, to prefix: String) throws -> Response {
        let query = request.uri.queryParameters
        // The date the page will be asked for is checked here, so a bad one is refused before the redirect.
        let asOf = try query.get("as_of").map { "?as_of=\(try APIController.servedDate($0, field: "as_of"))" } ?? ""
        guard let value = query.get(parameter), !value.isEmpty else { return Response(status: .seeOther, headers: [.location: "/" + asOf]) }
        let safe = value.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? value
        return Response(status: .seeOther, headers: [.location: prefix + safe + asOf])
    }

    /// The parameters a page's links keep: `as_of` when given, then the page's filters.
    static func kept(_ kind: ReportRequest.Kind, _ query: Parameters) -> [(name: String, value: String)] {
        (["as_of"] + (filters[kind] ?? [])).compactMap { name in query.get(name).map { (name: name, value: $0) } }
    }

    /// The sort order asked for (`?sort=score&dir=desc`): any column key (one no table has leaves the
    /// order alone); `dir` is `asc` (the default) or `desc`.
    static func sort(_ query: Parameters) throws -> (key: String?, descending: Bool) {
        let dir = query.get("dir")
        guard dir == nil || dir == "asc" || dir == "desc" else {
            throw APIError.badRequest("dir '\(dir!)' is not asc or desc.", field: "dir", value: dir!)
        }
        return (query.get("sort").flatMap { $0.isEmpty ? nil : $0 }, dir == "desc")
    }

    func render(_ kind: ReportRequest.Kind, _ request: Request, subject: String?, language: Language) throws -> ResponseCache.Rendered {
        var query = Self.withoutEmptyFilters(request.uri.queryParameters)
        query = Parameters(query.filter { $0.key != "lang" })
        var report = try APIController.reportRequest(kind, query, subject: subject, format: .html, catalogue: ledger.catalogue)
        report.language = language
        let l = Localizer.shipped(language)
        let kept = Self.kept(kind, query)
        let sort = try Self.sort(query)
        report.dashboard = ReportDocument.Dashboard(
            navigation: navigation(asOf: report.asOf, path: request.uri.path, kept: kept, l),
            controls: filterForm(kind, path: request.uri.path, query: query, l) + downloads(kind, subject: subject, kept: kept, l),
            path: request.uri.path, query: kept, sort: sort.key, descending: sort.descending)
        let output = try report.render(ledger: ledger)
        var body = output.body
        if try ledger.isBehindReferenceData(), let end = body.range(of: "</main>", options: .backwards) {
            body.insert(contentsOf: "\n" + Self.behindFooter(l), at: end.upperBound)
        }
        return .init(body: body, contentType: output.contentType, head: output.head)
    }

    /// The footer of every page while the ledger's reference data is older than this build's.
    static func behindFooter(_ l: Localizer = .english) -> String {
        let text = escapeXML(l.text("page.behind", ["status": "\u{1}", "update": "\u{2}"]))
            .replacingOccurrences(of: "\u{1}", with: "<code>cpsledger data status</code>").replacingOccurrences(of: "\u{2}", with: "<code>cpsledger data update</code>")
        return "<footer class=\"reference-data\" lang=\"\(l.language.rawValue)\" dir=\"\(l.language.direction)\"><p>\(text)</p></footer>"
    }

    /// The bar above every page: the summary, the State, obligation and treaty pickers (by name), the
    /// as-of date (within the dates served), the rounds and sign-in.
    func navigation(asOf: ISODate, path: String, kept: [(name: String, value: String)] = [], _ l: Localizer = .english) -> String {
        let last = path.split(separator: "/").last.map(String.init)?.removingPercentEncoding
        let current = last.flatMap { ledger.treaties.treaty(idOrUNTC: $0)?.id } ?? last
        func options(_ items: [(String, String)]) -> String {
            items.map { "<option value=\"\(escapeXML($0.0))\"\($0.0 == current ? " selected" : "")>\(escapeXML($0.1))</option>" }.joined()
        }
        let hidden = "<input type=\"hidden\" name=\"as_of\" value=\"\(asOf)\">"
        let served = ReportRequest.servedDates()
        let locale = Locale(identifier: l.language.rawValue)
        let states = ledger.states.states.map { (iso3: $0.iso3, name: StateNames.name(of: $0, in: l.language)) }
            .sorted { $0.name.compare($1.name, options: [.caseInsensitive], locale: locale) == .orderedAscending }
        let catalogue = ledger.catalogue
        let languages = Language.allCases.map { language in
            let href = path + "?" + (kept + [("lang", language.rawValue)]).map { "\(QueryPolicy.escape($0.name))=\(QueryPolicy.escape($0.value))" }.joined(separator: "&")
            return "<a href=\"\(escapeXML(href))\" lang=\"\(language.rawValue)\" hreflang=\"\(language.rawValue)\""
                + (language == l.language ? " aria-current=\"true\"><strong>\(language.endonym)</strong></a>" : ">\(language.endonym)</a>")
        }
        return """
            <nav class="languages" aria-label="\(escapeXML(l.text("nav.language")))">\(languages.joined(separator: " "))</nav>
            <nav class="dash" lang="\(l.language.rawValue)" dir="\(l.language.direction)">
            <a href="/?as_of=\(asOf)"><strong>cpsledger</strong> \(escapeXML(l.text("nav.summary")))</a>
            <form action="/states" method="get">\(hidden)<select name="iso3" aria-label="\(escapeXML(l.text("nav.state")))">\(options(states.map { ($0.iso3, "\($0.name) (\($0.iso3))") }))</select><button>\(escapeXML(l.text("nav.state")))</button></form>
            <form action="/obligations" method="get">\(hidden)<select name="id" aria-label="\(escapeXML(l.text("nav.obligation")))">\(options(catalogue.obligations.map { ($0.id, "\(catalogue.provision(of: $0).label): \($0.title)") }))</select><button>\(escapeXML(l.text("nav.obligation")))</button></form>
            <form action="/treaties" method="get">\(hidden)<select name="id" aria-label="\(escapeXML(l.text("nav.treaty")))">\(options(ledger.treaties.treaties.map { ($0.id, $0.shortTitle + ($0.isAddedByLedger ? " (\($0.origin.words))" : "")) }))</select><button>\(escapeXML(l.text("nav.treaty")))</button></form>
            <form action="\(escapeXML(path))" method="get"><label>\(escapeXML(l.text("nav.as_of"))) <input type="date" name="as_of" value="\(asOf)" min="\(served.lowerBound)" max="\(served.upperBound)" required></label><button>\(escapeXML(l.text("nav.show")))</button></form>
            <a href="/search">\(escapeXML(l.text("nav.search")))</a>
            <span class="account"><a href="/rounds">\(escapeXML(l.text("nav.rounds")))</a> · <a href="/sign-in">\(escapeXML(l.text("nav.sign_in")))</a></span>
            </nav>

            """
    }

    /// The query without the filters left at "all": the filter form's "all" option sends `region=`
    /// (a select always sends its value), which is no filter on a page, where the API refuses an
    /// empty value as its document says.
    static func withoutEmptyFilters(_ query: Parameters) -> Parameters {
        let filterNames = Set(filters.values.joined())
        return Parameters(query.filter { !($0.value.isEmpty && filterNames.contains(String($0.key))) })
    }

    /// The filters of a page as a GET form (region, theme, Article, as the API's reports take them),
    /// keeping the date and the sort order; empty for a page without filters.
    func filterForm(_ kind: ReportRequest.Kind, path: String, query: Parameters, _ l: Localizer = .english) -> String {
        let names = Self.filters[kind] ?? []
        if names.isEmpty { return "" }
        let catalogue = ledger.catalogue
        func select(_ name: String, _ label: String, _ items: [(value: String, text: String)]) -> String {
            let chosen = query.get(name)
            let options = ["<option value=\"\">\(escapeXML(l.text("filter.all")))</option>"] + items.map {
                "<option value=\"\(escapeXML($0.value))\"\($0.value == chosen ? " selected" : "")>\(escapeXML($0.text))</option>"
            }
            return "<label>\(escapeXML(label)) <select name=\"\(name)\">\(options.joined())</select></label>"
        }
        var fields: [String] = []
        for name in names {
            switch name {
            case "region": fields.append(select(name, l.text("summary.header.regional_group"), RegionalGroup.allCases.map { ($0.rawValue, l.name($0)) }))
            case "theme": fields.append(select(name, l.text("summary.header.theme"), Set(catalogue.obligations.flatMap(\.themes)).sorted().map { ($0, $0) }))
            case "article":
                var seen: [String] = []
                for obligation in catalogue.obligations {
                    let article = catalogue.provision(of: obligation).article
                    if article.hasPrefix("Article "), !seen.contains(article) { seen.append(article) }
                }
                fields.append(select(name, l.text("summary.header.article"), seen.map { (String($0.dropFirst("Article ".count)), l.articleName($0)) }))
            default: break
            }
        }
        let hidden = ["as_of", "sort", "dir"].compactMap { name in
            query.get(name).map { "<input type=\"hidden\" name=\"\(name)\" value=\"\(escapeXML($0))\">" }
        }
        return "<form class=\"filters\" action=\"\(escapeXML(path))\" method=\"get\">" + hidden.joined() + fields.joined()
            + "<button>\(escapeXML(l.text("filter.submit")))</button> <a href=\"\(escapeXML(path))\(query.get("as_of").map { "?as_of=" + escapeXML($0) } ?? "")\">\(escapeXML(l.text("filter.clear")))</a></form>\n"
    }

    /// Links to the page's data through the API, with the same date and filters: CSV, JSON and an
    /// Excel workbook (a sheet per table, the notes and sources on a sheet of their own).
    func downloads(_ kind: ReportRequest.Kind, subject: String?, kept: [(name: String, value: String)], _ l: Localizer = .english) -> String {
        let formats: [(format: String, label: String)] = [("csv", "CSV"), ("json", "JSON"), ("xlsx", "Excel (XLSX)")]
        let subjectParameter: [(name: String, value: String)] = switch kind {
        case .state: subject.map { [("state", $0)] } ?? []
        case .obligation: subject.map { [("obligation", $0)] } ?? []
        case .treaties: subject.map { [("treaty", $0)] } ?? []
        default: []
        }
        let links = formats.map { format in
            let parameters = subjectParameter + kept + [("format", format.format)]
            let href = "/api/reports/\(kind.rawValue)?" + parameters.map { "\(QueryPolicy.escape($0.name))=\(QueryPolicy.escape($0.value))" }.joined(separator: "&")
            return "<a href=\"\(escapeXML(href))\" download>\(format.label)</a>"
        }
        return "<p class=\"downloads\">" + l.text("downloads.text", ["links": links.joined(separator: " · ")]) + "</p>\n"
    }

    /// The State's measures in the order they were recorded, retracted ones included: what it said, and when.
    func history(_ iso3: String, _ request: Request, _ l: Localizer = .english) throws -> String {
        let records = try ledger.measures(state: iso3, includeRetracted: true).sorted { $0.id > $1.id }.prefix(200)
        let catalogue = ledger.catalogue
        let section = ReportDocument.Section(
            title: l.text("page.history.title", ["state": "\(iso3)\(ledger.states[iso3].map { ", " + StateNames.name(of: $0, in: l.language) } ?? "")"]),
            headers: [
                l.text("round.column.measure"), l.text("page.history.obligation"), l.text("round.column.status"), l.text("round.column.effective"),
                l.text("round.column.title"), l.text("round.column.recorded"), l.text("round.column.by"), l.text("page.history.last_event"),
                l.text("page.history.retracted"),
            ],
            rows: records.map { r in
                [
                    "\(r.id)", catalogue.obligation(r.fields.obligation)?.title ?? r.fields.obligation,
                    l.label(CountedStatus(status: CellStatus(r.fields.status), rating: nil, external: false)),
                    "\(r.fields.effectiveDate)", r.fields.title ?? "", r.recordedAt, r.actor, "\(r.lastSeq)",
                    r.retractedSeq.map { l.text("page.history.event", ["seq": "\($0)"]) } ?? "",
                ]
            },
            statusColumn: 2, links: [1: records.map { "/obligations/" + $0.fields.obligation }],
            secondary: [1: records.map(\.fields.obligation)])
        let query = request.uri.queryParameters
        let sort = try Self.sort(query)
        let table = ReportDocument.table(
            section,
            dashboard: .init(path: request.uri.path, query: Self.kept(.state, query), sort: sort.key, descending: sort.descending), localizer: l)
        // In the reader's language, whatever the language of the report around it.
        return l.language == .en ? table : "<div lang=\"\(l.language.rawValue)\" dir=\"\(l.language.direction)\">\(table)</div>\n"
    }
}
