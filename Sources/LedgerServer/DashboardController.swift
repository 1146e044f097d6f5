import Foundation
import Hummingbird
import LedgerModel
import LedgerReports
import LedgerStore

/// The HTML dashboard: the same report documents as `report --format html`, with a navigation bar
/// and an as-of date picker that are plain forms (no script), readable on a phone.
struct DashboardController: Sendable {
    let ledger: Ledger
    let cache: ResponseCache
    let heavy: HeavyWork

    func addRoutes(to router: Router<LedgerRequestContext>) {
        router.get("/") { request, _ in try await page(request) { try render(.summary, request, subject: nil) } }
        router.get("states") { request, _ in try redirect(request, parameter: "iso3", to: "/states/") }
        router.get("states/{iso3}") { request, context in
            let iso3 = try context.parameters.require("iso3")
            guard ledger.states[iso3] != nil else {
                let hint = ledger.states.suggestions(for: iso3)
                throw APIError.notFound("No State '\(iso3)'" + (hint.isEmpty ? "." : "; did you mean \(hint.joined(separator: " or "))?"))
            }
            return try await page(request) {
                let html = try render(.state, request, subject: iso3)
                guard let end = html.range(of: "</main>", options: .backwards) else { return html }
                return html.replacingCharacters(in: end.lowerBound..<end.lowerBound, with: try history(iso3))
            }
        }
        router.get("obligations") { request, _ in try redirect(request, parameter: "id", to: "/obligations/") }
        router.get("obligations/{id}") { request, context in
            let id = try context.parameters.require("id")
            guard ledger.catalogue.obligation(id) != nil else { throw APIError.notFound("No obligation '\(id)'.") }
            return try await page(request) { try render(.obligation, request, subject: id) }
        }
        router.get("treaties") { request, _ in try redirect(request, parameter: "id", to: "/treaties/") }
        router.get("treaties/{id}") { request, context in
            let id = try context.parameters.require("id")
            guard ledger.treaties.treaty(idOrUNTC: id) != nil else { throw APIError.notFound("No treaty '\(id)'.") }
            return try await page(request) { try render(.treaties, request, subject: id) }
        }
    }

    /// A page from the cache, or rendered and cached.
    func page(_ request: Request, _ body: @escaping @Sendable () throws -> String) async throws -> Response {
        try await cache.respond(to: request, ledger: ledger, heavy: heavy) { (try body(), "text/html; charset=utf-8") }
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

    func render(_ kind: ReportRequest.Kind, _ request: Request, subject: String?) throws -> String {
        let report = try APIController.reportRequest(kind, request.uri.queryParameters, subject: subject, format: .html, catalogue: ledger.catalogue)
        let html = try report.render(ledger: ledger).body
        return html.replacingOccurrences(of: "<main>\n", with: "<main>\n" + navigation(asOf: report.asOf, path: request.uri.path), options: [], range: html.range(of: "<main>\n"))
    }

    func navigation(asOf: ISODate, path: String) -> String {
        let last = path.split(separator: "/").last.map(String.init)?.removingPercentEncoding
        let current = last.flatMap { ledger.treaties.treaty(idOrUNTC: $0)?.id } ?? last
        func options(_ items: [(String, String)]) -> String {
            items.map { "<option value=\"\(escapeXML($0.0))\"\($0.0 == current ? " selected" : "")>\(escapeXML($0.1))</option>" }.joined()
        }
        let hidden = "<input type=\"hidden\" name=\"as_of\" value=\"\(asOf)\">"
        return """
            <style>
            nav.dash{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;padding:.5rem 0;border-bottom:1px solid #ddd;margin-bottom:.5rem}
            nav.dash form{display:flex;gap:.25rem;align-items:center;margin:0}
            nav.dash select,nav.dash input,nav.dash button{font-size:.9rem;max-width:14rem}
            @media (max-width:600px){nav.dash form{width:100%}nav.dash select{flex:1 1 0;min-width:0;width:100%;max-width:none}}
            </style>
            <nav class="dash">
            <a href="/?as_of=\(asOf)"><strong>cpsledger</strong> summary</a>
            <form action="/states" method="get">\(hidden)<select name="iso3" aria-label="State">\(options(ledger.states.states.map { ($0.iso3, "\($0.name) (\($0.iso3))") }))</select><button>State</button></form>
            <form action="/obligations" method="get">\(hidden)<select name="id" aria-label="Obligation">\(options(ledger.catalogue.obligations.map { ($0.id, $0.id) }))</select><button>Obligation</button></form>
            <form action="/treaties" method="get">\(hidden)<select name="id" aria-label="Treaty">\(options(ledger.treaties.treaties.map { ($0.id, $0.shortTitle) }))</select><button>Treaty</button></form>
            <form action="\(escapeXML(path))" method="get"><label>As of <input type="date" name="as_of" value="\(asOf)"></label><button>Show</button></form>
            </nav>

            """
    }

    /// The State's measures in the order they were recorded, retracted ones included: what it said, and when.
    func history(_ iso3: String) throws -> String {
        let records = try ledger.measures(state: iso3, includeRetracted: true).sorted { $0.id > $1.id }.prefix(200)
        var out = "<section><h2>History: measures recorded for \(escapeXML(iso3)) (latest first)</h2>"
        if records.isEmpty { return out + "<p>(none)</p></section>\n" }
        out += BrowserPage.table(
            ["measure", "obligation", "status", "effective", "title", "recorded", "by", "last event", "retracted"],
            records.map { r in
                [
                    "\(r.id)", "<a href=\"/obligations/\(r.fields.obligation)\">\(r.fields.obligation)</a>", r.fields.status.rawValue,
                    "\(r.fields.effectiveDate)", escapeXML(r.fields.title ?? ""), r.recordedAt, escapeXML(r.actor), "\(r.lastSeq)",
                    r.retractedSeq.map { "event \($0)" } ?? "",
                ]
            })
        return out + "</section>\n"
    }
}
