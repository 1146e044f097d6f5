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
        group.get("rounds/{round}/console") { _, context in
            let (token, session) = try await auth.signedIn(context)
            let round = try await consoleTarget(context, token)
            let status = try await heavy.run { [ledger] in try ledger.roundStatus(round.name) }
            return BrowserPage(
                title: "\(round.name): round console", body: Self.console(status, ledger: ledger), signedIn: (token, session.csrf),
                notice: BrowserAuth.takeNotice(context)
            ).response()
        }
        for step in Step.allCases {
            group.get("rounds/{round}/console/\(step.rawValue)") { _, context in
                let (token, session) = try await auth.signedIn(context)
                let round = try await consoleTarget(context, token)
                return try await confirmation(step, round, token: token, csrf: session.csrf, problem: nil).response()
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

    static func console(_ status: RoundStatus, ledger: Ledger) -> String {
        let round = status.round, definition = status.round.definition
        var body = "<p>Due \(definition.due) (\(RoundPagesController.daysLeft(definition.due, today: status.today)))"
        body += round.closedSeq == nil ? "; open" : "; closed by event \(round.closedSeq!), it takes no more answers"
        body += ". \(definition.states.count) State(s), \(definition.obligations.count) obligation(s) each.</p>\n"

        body += "<section class=\"answer\" id=\"progress\"><h2>Progress of the \(status.rows.count) States</h2><ul>"
        let counts = status.progressCounts
        for progress in RoundProgress.allCases {
            body += "<li>\(progress.words): \(counts[progress, default: 0])</li>"
        }
        body += "</ul></section>\n"

        body += "<section class=\"answer\" id=\"overdue\"><h2>Overdue</h2>"
        let overdue = status.rows.filter(\.overdue)
        if overdue.isEmpty {
            body += "<p>No State is overdue" + (status.daysLeft >= 0 ? " (the due date has not passed)." : ".") + "</p>"
        } else {
            body += "<p>Past the due date and not submitted (or not resubmitted since a return):</p><ul>"
            body += overdue.map { "<li>\(escapeXML(RoundPagesController.stateName($0.state, ledger))): \($0.progress.words)</li>" }.joined()
            body += "</ul>"
        }
        body += "</section>\n"

        let waiting = status.rows.reduce(0) { $0 + $1.accepted }
        body += "<section class=\"answer\" id=\"actions\"><h2>Publish and close</h2><ul>"
        body += "<li><a href=\"\(path(round.name, .publish))\">Publish the accepted answers</a> (\(waiting) waiting)</li>"
        if round.closedSeq == nil { body += "<li><a href=\"\(path(round.name, .close))\">Close the round</a></li>" }
        body += "</ul></section>\n"

        body += "<h2>Every State</h2>"
        body += BrowserPage.table(
            ["State", "Progress", "Not started", "Drafted", "Submitted", "Returned", "Accepted", "Published", "Submitted on", "Overdue"],
            status.rows.map { row in
                [escapeXML(RoundPagesController.stateName(row.state, ledger)), row.progress.words, "\(row.notStarted)", "\(row.drafted)",
                 "\(row.submitted)", "\(row.returned)", "\(row.accepted)", "\(row.published)", escapeXML(String((row.submittedAt ?? "").prefix(10))),
                 row.overdue ? "overdue" : ""]
            })
        return body
    }

    // MARK: - Confirm, then publish or close

    func confirmation(_ step: Step, _ round: ReportingRound, token: TokenRecord, csrf: String, problem: (message: String, status: HTTPResponse.Status)?) async throws -> BrowserPage {
        let status = try await heavy.run { [ledger] in try ledger.roundStatus(round.name) }
        let waiting = status.rows.reduce(0) { $0 + $1.accepted }
        var body = ""
        if let problem { body += "<p class=\"problem\" role=\"alert\">\(escapeXML(problem.message))</p>\n" }
        switch step {
        case .publish:
            body += "<p>Publishing carries the \(waiting) accepted answer(s) of round \(escapeXML(round.name)) not yet published into the record: "
                + "each becomes an ordinary measure event that every report counts from now on, then one event lists them. "
                + "Published answers cannot be unpublished; a later correction or retraction changes them.</p>\n"
        case .close:
            body += "<p>Closing round \(escapeXML(round.name)) stops it taking drafts, submissions and reviews; accepted answers can still be published. "
                + "A closed round cannot be opened again.</p>\n"
        }
        body += "<form action=\"\(Self.path(round.name, step))\" method=\"post\">\(BrowserPage.csrfField(csrf))"
        body += "<button>\(step == .publish ? "Publish \(waiting) accepted answer(s)" : "Close round \(escapeXML(round.name))")</button></form>\n"
        body += "<p><a href=\"\(Self.path(round.name))\">Back to the console without doing it</a></p>\n"
        return BrowserPage(
            title: "\(round.name): \(step == .publish ? "publish" : "close")?", body: body, signedIn: (token, csrf), status: problem?.status ?? .ok)
    }

    func take(_ step: Step, _ request: Request, _ context: LedgerRequestContext) async throws -> Response {
        let (token, session, _) = try await auth.post(request, context)
        let round = try await consoleTarget(context, token)
        do {
            switch step {
            case .publish:
                let publication = try await heavy.run { [ledger] in try ledger.publishRound(round.name, actor: token.actor) }
                BrowserAuth.setNotice(
                    "Published \(publication.drafts.count) answer(s) of round '\(round.name)' as events \(publication.events.map(String.init).joined(separator: ", ")).",
                    context)
            case .close:
                let seq = try await heavy.run { [ledger] in try ledger.closeRound(round.name, actor: token.actor) }
                BrowserAuth.setNotice("Closed round '\(round.name)' (event \(seq)): it takes no more drafts, submissions or reviews.", context)
            }
        } catch let error as LedgerError {
            let answer = APIError.from(error)
            let page = try await confirmation(step, round, token: token, csrf: session.csrf, problem: ("Nothing was done: " + answer.message, answer.status))
            return answer.withRetryAfter(page.response())
        }
        return BrowserPage.redirect(Self.path(round.name))
    }
}
