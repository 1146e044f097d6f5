import Foundation
import Hummingbird
import LedgerModel
import LedgerReports
import LedgerStore

/// The round console: for whoever may publish and close rounds (``Role/mayManageRounds``), every
/// State of a round with its progress in words, how many States stand at each, who is overdue, and
/// Publish and Close, each behind a confirmation page whose form (this session's CSRF token) does it.
/// The same session and CSRF rules as the other round pages (``BrowserAuth``).
struct RoundConsoleController: Sendable {
    let ledger: Ledger
    let auth: BrowserAuth
    let heavy: HeavyWork

    /// The two steps the console confirms before it takes them.
    enum Step: String, CaseIterable {
        case publish, close
    }

    func addRoutes(to group: RouterGroup<LedgerRequestContext>) {
        group.get("rounds/{round}/console") { request, context in
            let language = try DashboardController.language(request)
            let l = Localizer.shipped(language.language)
            let (token, session) = try await auth.signedIn(context)
            let round = try await consoleTarget(context, token)
            let status = try await heavy.run { [ledger] in try ledger.roundStatus(round.name) }
            return BrowserPage(
                title: l.text("round.console.title", ["round": l.ltr(round.name)]), body: Self.console(status, ledger: ledger, l), signedIn: (token, session.csrf),
                notice: BrowserAuth.takeNotice(context)
            ).localized(language, request).response()
        }
        for step in Step.allCases {
            group.get("rounds/{round}/console/\(step.rawValue)") { request, context in
                let language = try DashboardController.language(request)
                let (token, session) = try await auth.signedIn(context)
                let round = try await consoleTarget(context, token)
                return try await confirmation(step, round, token: token, csrf: session.csrf, problem: nil, .shipped(language.language)).localized(language, request).response()
            }
            group.post("rounds/{round}/console/\(step.rawValue)") { request, context in try await take(step, request, context) }
        }
    }

    /// The round of a console page: 404 for an unknown round, 403 for a token that may not manage rounds.
    func consoleTarget(_ context: LedgerRequestContext, _ token: TokenRecord) async throws -> ReportingRound {
        let name = try context.parameters.require("round")
        let round = try await heavy.run { [ledger] in try ledger.round(named: name) }
        guard token.role.mayManageRounds else { throw APIController.forbidden(token, "run round '\(round.name)' (publish or close it)") }
        return round
    }

    static func path(_ round: String, _ step: Step? = nil) -> String {
        "/rounds/\(BrowserPage.segment(round))/console" + (step.map { "/" + $0.rawValue } ?? "")
    }

    // MARK: - The console

    static func console(_ status: RoundStatus, ledger: Ledger, _ l: Localizer = .english) -> String {
        let round = status.round, definition = status.round.definition
        let facts = [
            "due": l.ltr("\(definition.due)"), "left": RoundPagesController.daysLeft(definition.due, today: status.today, l),
            "states": l.plural("round.count.states", count: definition.states.count),
            "obligations": l.plural("round.count.obligations", count: definition.obligations.count), "event": "\(round.closedSeq ?? 0)",
        ]
        var body = "<p>\(escapeXML((round.closedSeq == nil ? l.text("round.console.open", facts) : l.text("round.console.closed", facts))))</p>\n"

        body += "<section class=\"answer\" id=\"progress\"><h2>\(escapeXML(l.plural("round.console.progress", count: status.rows.count)))</h2><ul>"
        let counts = status.progressCounts
        for progress in RoundProgress.allCases {
            body += "<li>\(escapeXML(progressName(progress, l))): \(counts[progress, default: 0])</li>"
        }
        body += "</ul></section>\n"

        body += "<section class=\"answer\" id=\"overdue\"><h2>\(escapeXML(l.text("round.console.overdue")))</h2>"
        let overdue = status.rows.filter(\.overdue)
        if overdue.isEmpty {
            body += "<p>\(escapeXML((status.daysLeft >= 0 ? l.text("round.console.none_overdue_yet") : l.text("round.console.none_overdue"))))</p>"
        } else {
            body += "<p>\(escapeXML(l.text("round.console.overdue_intro")))</p><ul>"
            body += overdue.map { "<li>\(escapeXML(RoundPagesController.stateName($0.state, ledger, l))): \(escapeXML(progressName($0.progress, l)))</li>" }.joined()
            body += "</ul>"
        }
        body += "</section>\n"

        let waiting = status.rows.reduce(0) { $0 + $1.accepted }
        body += "<section class=\"answer\" id=\"actions\"><h2>\(escapeXML(l.text("round.console.actions")))</h2><ul>"
        body += "<li><a href=\"\(path(round.name, .publish))\">\(escapeXML(l.text("round.console.publish_link")))</a> \(escapeXML(l.plural("round.console.waiting", count: waiting)))</li>"
        if round.closedSeq == nil { body += "<li><a href=\"\(path(round.name, .close))\">\(escapeXML(l.text("round.console.close_link")))</a></li>" }
        body += "</ul></section>\n"

        body += "<h2>\(escapeXML(l.text("round.console.every_state")))</h2>"
        body += BrowserPage.table(
            [l.text("nav.state"), l.text("round.console.column.progress"), l.text("round.stands.not_started"), l.text("round.console.column.drafted"),
             l.text("round.stands.submitted"), l.text("round.stands.returned"), l.text("round.stands.accepted"), l.text("round.stands.published"),
             l.text("round.console.column.submitted_on"), l.text("round.console.overdue")],
            status.rows.map { row in
                [escapeXML(RoundPagesController.stateName(row.state, ledger, l)), escapeXML(progressName(row.progress, l)), "\(row.notStarted)", "\(row.drafted)",
                 "\(row.submitted)", "\(row.returned)", "\(row.accepted)", "\(row.published)", escapeXML(String((row.submittedAt ?? "").prefix(10))),
                 row.overdue ? escapeXML(l.text("round.console.overdue_cell")) : ""]
            }, l)
        return body
    }

    /// A State's progress in a round, in words.
    static func progressName(_ progress: RoundProgress, _ l: Localizer) -> String {
        switch progress {
        case .notStarted: l.text("round.progress.not_started")
        case .drafting: l.text("round.progress.drafting")
        case .submitted: l.text("round.progress.submitted")
        case .returned: l.text("round.progress.returned")
        case .accepted: l.text("round.progress.accepted")
        case .published: l.text("round.progress.published")
        }
    }

    // MARK: - Confirm, then publish or close

    func confirmation(
        _ step: Step, _ round: ReportingRound, token: TokenRecord, csrf: String, problem: (message: String, status: HTTPResponse.Status)?, _ l: Localizer
    ) async throws -> BrowserPage {
        let status = try await heavy.run { [ledger] in try ledger.roundStatus(round.name) }
        let waiting = status.rows.reduce(0) { $0 + $1.accepted }
        var body = ""
        if let problem { body += "<p class=\"problem\" role=\"alert\">\(escapeXML(problem.message))</p>\n" }
        switch step {
        case .publish:
            body += "<p>\(escapeXML(l.plural("round.console.publish_explained", count: waiting, ["round": round.name])))</p>\n"
        case .close:
            body += "<p>\(escapeXML(l.text("round.console.close_explained", ["round": round.name])))</p>\n"
        }
        body += "<form action=\"\(Self.path(round.name, step))\" method=\"post\">\(BrowserPage.csrfField(csrf))"
        body += "<button>\(escapeXML(step == .publish ? l.plural("round.console.publish_button", count: waiting) : l.text("round.console.close_button", ["round": round.name])))</button></form>\n"
        body += "<p><a href=\"\(Self.path(round.name))\">\(escapeXML(l.text("round.console.back")))</a></p>\n"
        return BrowserPage(
            title: (step == .publish ? l.text("round.console.publish_title", ["round": round.name]) : l.text("round.console.close_title", ["round": round.name])), body: body, signedIn: (token, csrf),
            status: problem?.status ?? .ok, language: l.language)
    }

    func take(_ step: Step, _ request: Request, _ context: LedgerRequestContext) async throws -> Response {
        let (token, session, _) = try await auth.post(request, context)
        let round = try await consoleTarget(context, token)
        let language = BrowserPage.language(request), l = Localizer.shipped(language.language)
        do {
            switch step {
            case .publish:
                let publication = try await heavy.run { [ledger] in try ledger.publishRound(round.name, actor: token.actor) }
                BrowserAuth.setNotice(
                    l.plural("round.notice.published", count: publication.drafts.count, [
                        "round": round.name, "events": publication.events.map(String.init).joined(separator: ", "),
                    ]),
                    context)
            case .close:
                let seq = try await heavy.run { [ledger] in try ledger.closeRound(round.name, actor: token.actor) }
                BrowserAuth.setNotice(l.text("round.notice.closed", ["round": round.name, "event": "\(seq)"]), context)
            }
        } catch let error as LedgerError {
            let answer = APIError.from(error)
            let page = try await confirmation(step, round, token: token, csrf: session.csrf, problem: (l.text("round.problem.not_done", ["message": answer.message]), answer.status), l)
            return answer.withRetryAfter(page.localized(language, request, here: Self.path(round.name, step)).response())
        }
        return BrowserPage.redirect(Self.path(round.name))
    }
}
