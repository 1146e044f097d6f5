import Foundation
import Hummingbird
import LedgerModel
import LedgerReports
import LedgerStore

/// The round pages: a focal point answers the State's round (record, correct or retract a measure as a
/// draft, then submit), a reviewer works through the queue of submitted answers (accept, or return with
/// a comment). Every page needs a signed-in session; every post its CSRF token, and a post that fails
/// validation shows the page again with each message beside its field.
struct RoundPagesController: Sendable {
    let ledger: Ledger
    let auth: BrowserAuth
    let heavy: HeavyWork

    func addRoutes(to group: RouterGroup<LedgerRequestContext>) {
        group.get("rounds") { _, context in try await roundList(context) }
        group.get("rounds/{round}/states/{iso3}") { _, context in
            let (token, session) = try await auth.signedIn(context)
            let (round, iso3) = try await answerTarget(context, token)
            return try await statePage(round, iso3, token: token, csrf: session.csrf, notice: BrowserAuth.takeNotice(context), form: nil).response()
        }
        group.post("rounds/{round}/states/{iso3}/drafts") { request, context in try await draft(request, context) }
        group.post("rounds/{round}/states/{iso3}/submit") { request, context in try await submit(request, context) }
        group.get("rounds/{round}/review") { _, context in
            let (token, session) = try await auth.signedIn(context)
            let round = try await reviewTarget(context, token)
            return try await reviewPage(round, token: token, csrf: session.csrf, notice: BrowserAuth.takeNotice(context), form: nil).response()
        }
        group.post("rounds/{round}/review") { request, context in try await review(request, context) }
    }

    /// A form sent back with its problems: which form (`record:OBLIGATION`, `correct:SEQ`,
    /// `retract:SEQ`, `review:ISO3:OBLIGATION`, `submit`), the values sent, the issues per field and
    /// a message for the whole form.
    struct SentForm {
        var key: String
        var values: [String: String]
        var issues: [FieldIssue] = []
        var problem: String?
        var status: HTTPResponse.Status = .badRequest

        func issue(_ field: String) -> [FieldIssue] { issues.filter { $0.field == field } }

        /// The first field of the form, in the order the page shows them, that has a problem: it gets
        /// the focus when the page comes back.
        var firstBadField: String? { RoundPagesController.fieldOrder.first { !issue($0).isEmpty } }
    }

    // MARK: - The list of rounds

    func roundList(_ context: LedgerRequestContext) async throws -> Response {
        let (token, session) = try await auth.signedIn(context)
        let rounds = try await heavy.run { [ledger] in try ledger.rounds() }
        var body = ""
        if rounds.isEmpty { body += "<p class=\"muted\">No reporting round has been opened yet: the secretariat opens one and tells the States.</p>\n" }
        let today = ISODate.utc()
        for round in rounds.reversed() {
            let definition = round.definition
            body += "<section class=\"answer\"><h2>\(escapeXML(round.name))</h2><p>Due \(definition.due) (\(Self.daysLeft(definition.due, today: today)))"
            body += round.closedSeq == nil ? "" : "; closed, it takes no more answers"
            body += ". \(definition.states.count) State(s), \(definition.obligations.count) obligation(s).</p>\n<ul>"
            let name = BrowserPage.segment(round.name)
            if let own = token.state, token.role == .focalPoint {
                body += definition.states.contains(own)
                    ? "<li><a href=\"/rounds/\(name)/states/\(own)\">Answer for \(escapeXML(Self.stateName(own, ledger)))</a></li>"
                    : "<li>This round does not ask \(escapeXML(own)).</li>"
            } else if token.role == .admin || token.role == .editor {
                body += "<li><details><summary>Answer for a State</summary>"
                    + definition.states.map { "<a href=\"/rounds/\(name)/states/\($0)\">\($0)</a>" }.joined(separator: " · ") + "</details></li>"
            }
            if token.role.mayReview { body += "<li><a href=\"/rounds/\(name)/review\">Review the submitted answers</a></li>" }
            if token.role.mayManageRounds { body += "<li><a href=\"\(RoundConsoleController.path(round.name))\">Round console: each State's progress, who is overdue, publish, close</a></li>" }
            body += "</ul></section>\n"
        }
        return BrowserPage(title: "Reporting rounds", body: body, signedIn: (token, session.csrf), notice: BrowserAuth.takeNotice(context)).response()
    }

    // MARK: - Who may see which page

    /// The round and State of an answer page: 404 for an unknown round or a State the round does not
    /// ask, 403 for a token that may not write that State's measures.
    func answerTarget(_ context: LedgerRequestContext, _ token: TokenRecord) async throws -> (ReportingRound, String) {
        let round = try await findRound(context)
        let iso3 = try context.parameters.require("iso3")
        guard round.definition.states.contains(iso3) else {
            throw APIError.notFound("Round '\(round.name)' does not ask \(iso3) to answer; it asks " + round.definition.states.joined(separator: ", ") + ".")
        }
        guard token.role.mayWriteMeasures(of: iso3, own: token.state) else {
            throw APIController.forbidden(token, "answer round '\(round.name)' for \(iso3)")
        }
        return (round, iso3)
    }

    /// The round of a review page: 404 for an unknown round, 403 for a token that may not review.
    func reviewTarget(_ context: LedgerRequestContext, _ token: TokenRecord) async throws -> ReportingRound {
        let round = try await findRound(context)
        guard token.role.mayReview else { throw APIController.forbidden(token, "review the answers of round '\(round.name)'") }
        return round
    }

    func findRound(_ context: LedgerRequestContext) async throws -> ReportingRound {
        let name = try context.parameters.require("round")
        return try await heavy.run { [ledger] in try ledger.round(named: name) }
    }

    // MARK: - A State's answers

    func statePage(
        _ round: ReportingRound, _ iso3: String, token: TokenRecord, csrf: String, notice: String?, form: SentForm?
    ) async throws -> BrowserPage {
        let (answers, measures) = try await heavy.run { [ledger] in
            (try ledger.draftView(round: round.name, state: iso3), try ledger.measures(state: iso3))
        }
        let name = BrowserPage.segment(round.name)
        let action = "/rounds/\(name)/states/\(iso3)"
        let open = round.closedSeq == nil
        var body = "<p>\(escapeXML(Self.stateName(iso3, ledger))) answers \(round.definition.obligations.count) obligation(s); due \(round.definition.due) (\(Self.daysLeft(round.definition.due, today: .utc()))).</p>\n"
        if !open { body += "<p class=\"problem\">This round is closed: it takes no more drafts or submissions.</p>\n" }
        if let form, let problem = form.problem {
            // The form may be far down the page: say at the top what happened, and where.
            let cell = form.values["obligation"] ?? answers.first { answer in answer.drafts.contains { "\($0.seq)" == form.values["target"] } }?.obligation
            body += errorSummary(
                problem, form: form, prefix: form.key,
                extra: cell.map { " <a href=\"#\(escapeXML(BrowserPage.segment($0)))\">Go to \(escapeXML($0))</a>" } ?? "")
        }
        body += submitSummary(answers, action: action, csrf: csrf, open: open)
        for answer in answers {
            let obligation = ledger.catalogue.obligation(answer.obligation)
            body += "<section class=\"cell\" id=\"\(escapeXML(answer.obligation))\"><h2>\(escapeXML(answer.obligation))"
            body += obligation.map { ": " + escapeXML($0.title) } ?? ""
            body += "</h2>\n<p>Answer: <strong>\(Self.label(answer.status))</strong></p>\n"
            if let comment = answer.comment, answer.status == .returned {
                body += "<p class=\"problem\">Returned by the reviewer: \(escapeXML(comment))</p>\n"
            }
            let cellMeasures = measures.filter { $0.fields.obligation == answer.obligation }
            body += Self.draftTable(answer.drafts, of: answer.obligation)
            if !cellMeasures.isEmpty {
                body += "<h3>Published measures</h3>"
                    + BrowserPage.table(
                        ["measure", "status", "effective", "title"],
                        cellMeasures.map { ["\($0.id)", BrowserPage.words($0.fields.status.rawValue), "\($0.fields.effectiveDate)", escapeXML($0.fields.title ?? "")] },
                        label: "Published measures of \(answer.obligation)")
            }
            guard open else { body += "</section>\n"; continue }
            let editable = answer.drafts.filter { $0.status == .draft || $0.status == .returned }
            // A published measure that a live draft already changes is changed through that draft.
            let drafted = Set(answer.drafts.compactMap(\.measure))
            let recordKey = "record:\(answer.obligation)"
            // Closed unless sent back with problems: six open forms make a page nobody scans.
            let drafts = action + "/drafts#" + BrowserPage.segment(answer.obligation)
            body += details(
                "Record a new measure", open: form?.key == recordKey,
                measureForm(action: drafts, key: recordKey, csrf: csrf, values: form?.key == recordKey ? form!.values : ["obligation": answer.obligation], form: form?.key == recordKey ? form : nil, button: "Save as draft"))
            // A drafted retraction has no fields to correct; it can only be withdrawn.
            for draft in editable {
                guard let fields = draft.fields else { continue }
                body += correctionForms(seq: draft.seq, what: "draft \(draft.seq)", fields: fields, action: drafts, csrf: csrf, form: form, withdraw: true)
            }
            for measure in cellMeasures where !drafted.contains(measure.id) {
                body += correctionForms(seq: measure.id, what: "measure \(measure.id)", fields: measure.fields, action: drafts, csrf: csrf, form: form, withdraw: false)
            }
            body += "</section>\n"
        }
        return BrowserPage(
            title: "\(round.name): \(iso3)", body: body, signedIn: (token, csrf), notice: notice, status: form?.status ?? .ok)
    }

    /// What the submit button will send: every draft and returned draft of the State, listed.
    func submitSummary(_ answers: [RoundAnswer], action: String, csrf: String, open: Bool) -> String {
        let ready = answers.flatMap { $0.drafts.filter { $0.status == .draft || $0.status == .returned } }
        var out = "<section class=\"answer\"><h2>Submit for review</h2>"
        guard !ready.isEmpty else {
            let waiting = answers.filter { $0.status == .submitted }.count
            return out + "<p class=\"muted\">Nothing to submit" + (waiting > 0 ? "; \(waiting) answer(s) are with the reviewers." : ": record a draft first.") + "</p></section>\n"
        }
        out += "<p>Submitting sends these \(ready.count) draft(s) to the reviewers at once; they stay as they are until a reviewer accepts or returns them:</p><ul>"
        for draft in ready {
            out += "<li>\(escapeXML(draft.obligation)): \(Self.describe(draft))\(draft.status == .returned ? " (returned, sent again)" : "")</li>"
        }
        out += "</ul>"
        if open {
            out += "<form action=\"\(action)/submit\" method=\"post\">\(BrowserPage.csrfField(csrf))<button>Submit \(ready.count) draft(s) for review</button></form>"
        }
        return out + "</section>\n"
    }

    func correctionForms(seq: Int64, what: String, fields: MeasureFields, action: String, csrf: String, form: SentForm?, withdraw: Bool) -> String {
        let correctKey = "correct:\(seq)", retractKey = "retract:\(seq)"
        var values = Self.values(fields)
        if form?.key == correctKey { values = form!.values }
        values["target"] = String(seq)
        var out = details(
            "Correct \(what)", open: form?.key == correctKey,
            measureForm(action: action, key: correctKey, csrf: csrf, values: values, form: form?.key == correctKey ? form : nil, button: "Save the correction as a draft", reason: true))
        var retract = "<form class=\"fields\" action=\"\(action)\" method=\"post\">\(BrowserPage.csrfField(csrf))"
        retract += "<input type=\"hidden\" name=\"form\" value=\"\(retractKey)\"><input type=\"hidden\" name=\"target\" value=\"\(seq)\">" + "<input type=\"hidden\" name=\"obligation\" value=\"\(escapeXML(fields.obligation))\">"
        retract += textField(
            "reason", label: "Reason", values: form?.key == retractKey ? form!.values : [:], form: form?.key == retractKey ? form : nil, multiline: true, id: retractKey,
            required: true)
        retract += "<button>\(withdraw ? "Withdraw the draft" : "Draft the retraction")</button></form>"
        out += details(withdraw ? "Withdraw \(what)" : "Retract \(what)", open: form?.key == retractKey, retract)
        return out
    }

    func details(_ summary: String, open: Bool, _ content: String) -> String {
        "<details\(open ? " open" : "")><summary>\(escapeXML(summary))</summary>\(content)</details>\n"
    }

    /// The fields of a measure, each with its messages beside it.
    func measureForm(action: String, key: String, csrf: String, values: [String: String], form: SentForm?, button: String, reason: Bool = false) -> String {
        var out = "<form class=\"fields\" action=\"\(action)\" method=\"post\">\(BrowserPage.csrfField(csrf))<input type=\"hidden\" name=\"form\" value=\"\(escapeXML(key))\">"
        for hidden in ["obligation", "target"] {
            if let value = values[hidden] { out += "<input type=\"hidden\" name=\"\(hidden)\" value=\"\(escapeXML(value))\">" }
        }
        if let problem = form?.problem { out += "<p class=\"issue\">\(escapeXML(problem))</p>" }
        // The limits are the model's (TextRule): the browser stops what the ledger would refuse.
        let dates = " min=\"\(MeasureFields.earliestEffectiveDate)\" max=\"\(MeasureFields.latestEffectiveDate(today: .utc()))\""
        out += selectField("status", label: "Status", options: ImplementationStatus.allCases.map(\.rawValue), values: values, form: form, id: key, required: true)
        out += textField("effective_date", label: "Effective date", values: values, form: form, type: "date", id: key, required: true, extra: dates)
        out += textField("title", label: "Title (law, agency, agreement)", values: values, form: form, id: key)
        out += selectField("kind", label: "Kind", options: MeasureKind.allCases.map(\.rawValue), values: values, form: form, id: key)
        out += textField("source", label: "Source (URL or reference)", values: values, form: form, id: key)
        out += textField("note", label: "Note", values: values, form: form, multiline: true, id: key)
        out += textField("justification", label: "Justification", values: values, form: form, multiline: true, id: key)
        if reason { out += textField("reason", label: "Reason for the correction", values: values, form: form, multiline: true, id: key) }
        return out + "<button>\(escapeXML(button))</button></form>"
    }

    func fieldID(_ id: String, _ name: String) -> String {
        escapeXML(id.replacingOccurrences(of: ":", with: "-") + "-" + name)
    }

    func issues(_ name: String, form: SentForm?, id: String) -> (attributes: String, text: String) {
        let found = form?.issue(name) ?? []
        guard !found.isEmpty else { return ("", "") }
        let text = found.map { issue in
            escapeXML(issue.message + (issue.suggestions.isEmpty ? "" : "; did you mean " + issue.suggestions.joined(separator: " or ") + "?"))
        }.joined(separator: "; ")
        // The first bad field takes the focus when the page loads (no script needed).
        let focus = form?.firstBadField == name ? " autofocus" : ""
        return (" class=\"field-bad\" aria-invalid=\"true\" aria-describedby=\"\(fieldID(id, name))-issue\"\(focus)", "<p class=\"issue\" id=\"\(fieldID(id, name))-issue\">\(text)</p>")
    }

    /// A text field; `required` marks it so (the browser checks it first), `extra` adds attributes.
    /// Its `maxlength` is the model's limit for the field (``MeasureFields/textRules``, free text for
    /// reasons and comments).
    func textField(
        _ name: String, label: String, values: [String: String], form: SentForm?, type: String = "text", multiline: Bool = false, id: String,
        required: Bool = false, extra: String = ""
    ) -> String {
        let (issue, text) = issues(name, form: form, id: id)
        let limit = type == "date" ? "" : " maxlength=\"\((MeasureFields.textRules[name] ?? (multiline ? .freeText : .code)).maxCharacters)\""
        let attributes = (required ? " required" : "") + limit + extra + issue
        let value = escapeXML(values[name] ?? "")
        let input = multiline
            ? "<textarea id=\"\(fieldID(id, name))\" name=\"\(name)\" rows=\"2\"\(attributes)>\(value)</textarea>"
            : "<input id=\"\(fieldID(id, name))\" name=\"\(name)\" type=\"\(type)\" value=\"\(value)\"\(attributes)>"
        return "<label for=\"\(fieldID(id, name))\">\(escapeXML(label))\(required ? " (required)" : "")</label>\(input)\(text)"
    }

    func selectField(_ name: String, label: String, options: [String], values: [String: String], form: SentForm?, id: String, required: Bool = false) -> String {
        let (issue, text) = issues(name, form: form, id: id)
        let current = values[name] ?? ""
        var out = "<label for=\"\(fieldID(id, name))\">\(escapeXML(label))\(required ? " (required)" : "")</label><select id=\"\(fieldID(id, name))\" name=\"\(name)\"\(required ? " required" : "")\(issue)><option value=\"\"\(current.isEmpty ? " selected" : "")>(choose)</option>"
        // A value the list does not hold (sent by hand) stays visible, so its message makes sense.
        for option in options + (current.isEmpty || options.contains(current) ? [] : [current]) {
            out += "<option value=\"\(escapeXML(option))\"\(option == current ? " selected" : "")>\(escapeXML(BrowserPage.words(option)))</option>"
        }
        return out + "</select>\(text)"
    }

    // MARK: - A State's posts

    static let measureFieldNames = ["status", "effective_date", "title", "kind", "source", "note", "justification"]

    /// Records, corrects or retracts a measure as a draft of the round, by the `form` field's kind.
    func draft(_ request: Request, _ context: LedgerRequestContext) async throws -> Response {
        let (token, session, form) = try await auth.post(request, context)
        let (round, iso3) = try await answerTarget(context, token)
        let key = form["form"] ?? ""
        var sent = SentForm(key: key, values: form.values)
        let only = token.onlyState
        do {
            let parts = key.split(separator: ":", maxSplits: 1).map(String.init)
            switch (parts.first, form["target"].flatMap { Int64($0) }) {
            case ("record", _):
                guard let obligation = form["obligation"], round.definition.obligations.contains(obligation) else {
                    throw APIError.badRequest("The form names no obligation of round '\(round.name)'.", field: "obligation")
                }
                var raw: [String: String] = ["state": iso3, "obligation": obligation]
                for name in Self.measureFieldNames { raw[name] = form[name] }
                let fields = try MeasureFields.validate(raw, catalogue: ledger.catalogue, states: ledger.states)
                let seq = try await heavy.run { [ledger] in try ledger.draftMeasure(fields, round: round.name, actor: token.actor, onlyState: only) }
                BrowserAuth.setNotice("Draft \(seq) saved for \(obligation): \(BrowserPage.words(fields.status.rawValue)) '\(fields.title ?? "")'. It counts nowhere until it is submitted, accepted and published.", context)
            case ("correct", let target?):
                let changes = Dictionary(uniqueKeysWithValues: Self.measureFieldNames.map { ($0, form[$0] ?? "") })
                let reason = form.trimmed("reason")
                let seq = try await heavy.run { [ledger] in
                    try ledger.draftCorrection(target, changes: changes, reason: reason, round: round.name, actor: token.actor, onlyState: only)
                }
                BrowserAuth.setNotice("Draft \(seq) saved: the correction of \(target).", context)
            case ("retract", let target?):
                let reason = form.trimmed("reason") ?? ""
                guard !reason.isEmpty else {
                    throw ValidationFailure(issues: [FieldIssue(field: "reason", value: "", message: "is required: say why the measure no longer holds")])
                }
                let seq = try await heavy.run { [ledger] in try ledger.draftRetraction(target, reason: reason, round: round.name, actor: token.actor, onlyState: only) }
                BrowserAuth.setNotice("Draft \(seq) saved: the retraction of \(target).", context)
            default:
                throw APIError.badRequest("The form is not one of the round page's forms ('\(key)').", field: "form", value: key)
            }
        } catch let failure as ValidationFailure {
            sent.issues = failure.issues
            sent.problem = "Nothing was saved: correct the fields marked below."
            return try await statePage(round, iso3, token: token, csrf: session.csrf, notice: nil, form: sent).response()
        } catch let error as LedgerError {
            if case .invalid(let failure) = error { sent.issues = failure.issues }
            let answer = APIError.from(error)
            sent.problem = "Nothing was saved: " + answer.message
            sent.status = answer.status
            return answer.withRetryAfter(try await statePage(round, iso3, token: token, csrf: session.csrf, notice: nil, form: sent).response())
        }
        let cell = form["obligation"].map { "#" + BrowserPage.segment($0) } ?? ""
        return BrowserPage.redirect("/rounds/\(BrowserPage.segment(round.name))/states/\(iso3)" + cell)
    }

    func submit(_ request: Request, _ context: LedgerRequestContext) async throws -> Response {
        let (token, session, _) = try await auth.post(request, context)
        let (round, iso3) = try await answerTarget(context, token)
        let only = token.onlyState
        do {
            _ = try await heavy.run { [ledger] in try ledger.submitRound(round.name, state: iso3, actor: token.actor, onlyState: only) }
        } catch let error as LedgerError {
            let answer = APIError.from(error)
            let sent = SentForm(key: "submit", values: [:], problem: "Nothing was submitted: " + answer.message, status: answer.status)
            return answer.withRetryAfter(try await statePage(round, iso3, token: token, csrf: session.csrf, notice: nil, form: sent).response())
        }
        BrowserAuth.setNotice("Submitted: the reviewers of round '\(round.name)' now see the answers of \(iso3).", context)
        return BrowserPage.redirect("/rounds/\(BrowserPage.segment(round.name))/states/\(iso3)")
    }

    // MARK: - The reviewer's queue

    func reviewPage(_ round: ReportingRound, token: TokenRecord, csrf: String, notice: String?, form: SentForm?) async throws -> BrowserPage {
        let queue = try await heavy.run { [ledger] in try ledger.reviewQueue(round: round.name) }
        let histories = try await heavy.run { [ledger] in
            try queue.map { try ledger.history(state: $0.state, obligation: $0.obligation) }
        }
        let action = "/rounds/\(BrowserPage.segment(round.name))/review"
        var body = ""
        if let form, let problem = form.problem {
            if queue.contains(where: { "review:\($0.state):\($0.obligation)" == form.key }) {
                let anchor = escapeXML((form.values["state"] ?? "") + "-" + (form.values["obligation"] ?? ""))
                body += errorSummary(problem, form: form, prefix: form.key, extra: " <a href=\"#\(anchor)\">Go to the answer</a>")
            } else {
                // A problem with no answer of the queue to stand beside (the ledger was busy, the answer left the queue) is said at the top.
                body += "<p class=\"problem\" role=\"alert\">\(escapeXML(problem))</p>\n"
            }
        }
        body += "<p>\(queue.count) submitted answer(s) wait for a decision. Accepting keeps an answer for publication, with your comment if you write one; returning sends it back to the State as a draft, with your comment.</p>\n"
        for (answer, history) in zip(queue, histories) {
            let key = "review:\(answer.state):\(answer.obligation)"
            let mine = form?.key == key ? form : nil
            body += "<section class=\"answer\" id=\"\(escapeXML(answer.state + "-" + answer.obligation))\"><h2>\(escapeXML(Self.stateName(answer.state, ledger))): \(escapeXML(answer.obligation))</h2>\n"
            if let problem = mine?.problem { body += "<p class=\"problem\">\(escapeXML(problem))</p>\n" }
            let cell = "\(answer.state), \(answer.obligation)"
            body += Self.draftTable(answer.drafts, of: cell)
            let external = EventKind.externalAssessmentRecorded.rawValue
            let (outside, own) = (history.filter { $0.kind == external }, history.filter { $0.kind != external })
            body += "<h3>History of this cell</h3>" + Self.historyTable(own, label: "History of \(cell)")
            body += "<h3>External evidence</h3>" + Self.historyTable(outside, label: "External evidence on \(cell)")
            body += "<form class=\"fields\" action=\"\(action)\" method=\"post\">\(BrowserPage.csrfField(csrf))"
            body += "<input type=\"hidden\" name=\"state\" value=\"\(escapeXML(answer.state))\"><input type=\"hidden\" name=\"obligation\" value=\"\(escapeXML(answer.obligation))\">"
            body += textField("comment", label: "Comment (kept with an acceptance; required to return)", values: mine?.values ?? [:], form: mine, multiline: true, id: key)
            body += "<button name=\"decision\" value=\"accept\">Accept</button><button name=\"decision\" value=\"return\">Return with the comment</button></form></section>\n"
        }
        return BrowserPage(title: "\(round.name): review", body: body, signedIn: (token, csrf), notice: notice, status: form?.status ?? .ok)
    }

    func review(_ request: Request, _ context: LedgerRequestContext) async throws -> Response {
        let (token, session, form) = try await auth.post(request, context)
        let round = try await reviewTarget(context, token)
        let state = form["state"] ?? "", obligation = form["obligation"] ?? ""
        var sent = SentForm(key: "review:\(state):\(obligation)", values: form.values)
        do {
            switch form["decision"] {
            case "accept":
                // The comment is kept with the acceptance, as the API keeps it.
                let comment = form.trimmed("comment")
                _ = try await heavy.run { [ledger] in
                    try ledger.acceptAnswer(round.name, state: state, obligation: obligation, comment: comment, actor: token.actor)
                }
                BrowserAuth.setNotice("Accepted the answer of \(state) to \(obligation)" + (comment == nil ? "." : ", with your comment."), context)
            case "return":
                guard let comment = form.trimmed("comment") else {
                    throw ValidationFailure(issues: [FieldIssue(field: "comment", value: "", message: "is required to return an answer: say what the State should change")])
                }
                _ = try await heavy.run { [ledger] in try ledger.returnAnswer(round.name, state: state, obligation: obligation, comment: comment, actor: token.actor) }
                BrowserAuth.setNotice("Returned the answer of \(state) to \(obligation) with your comment.", context)
            default:
                throw APIError.badRequest("The decision must be accept or return.", field: "decision", value: form["decision"] ?? "")
            }
        } catch let failure as ValidationFailure {
            sent.issues = failure.issues
            sent.problem = "Nothing was recorded: correct the field marked below."
            return try await reviewPage(round, token: token, csrf: session.csrf, notice: nil, form: sent).response()
        } catch let error as LedgerError {
            let answer = APIError.from(error)
            sent.problem = "Nothing was recorded: " + answer.message
            sent.status = answer.status
            return answer.withRetryAfter(try await reviewPage(round, token: token, csrf: session.csrf, notice: nil, form: sent).response())
        }
        return BrowserPage.redirect("/rounds/\(BrowserPage.segment(round.name))/review")
    }

    // MARK: - Pieces

    /// The drafts of one answer; `cell` names it (each scrolling table's name differs on a page).
    static func draftTable(_ drafts: [RoundDraft], of cell: String) -> String {
        guard !drafts.isEmpty else { return "<p class=\"muted\">No draft in this round.</p>\n" }
        return "<h3>Drafts in this round</h3>"
            + BrowserPage.table(
                ["draft", "what", "where it stands", "by"],
                drafts.map { ["\($0.seq)", describe($0), label($0.status), escapeXML(actorLabel($0.actor))] }, label: "Drafts in this round: \(cell)")
    }

    /// A draft in words: what it does, to which measure, with which content.
    static func describe(_ draft: RoundDraft) -> String {
        func content(_ fields: MeasureFields) -> String {
            "\(BrowserPage.words(fields.status.rawValue)), effective \(fields.effectiveDate)" + (fields.title.map { ", '" + escapeXML($0) + "'" } ?? "")
        }
        switch draft.change {
        case .record(let fields): return "new measure: " + content(fields)
        case .correct(let measure, _, let fields): return "correction of measure \(measure): " + content(fields)
        case .retract(let measure, _, _, _): return "retraction of measure \(measure)" + (draft.reason.map { ": " + escapeXML($0) } ?? "")
        case .withdraw: return "withdrawal of draft \(draft.replaces.map(String.init) ?? "?")"
        }
    }

    static func historyTable(_ events: [LedgerEvent], label: String) -> String {
        guard !events.isEmpty else { return "<p class=\"muted\">(none)</p>\n" }
        return BrowserPage.table(
            ["event", "recorded", "what happened", "details", "by"],
            events.map { ["\($0.seq)", escapeXML($0.recordedAt), escapeXML(kindLabel($0)), escapeXML(summary($0.payload)), escapeXML(actorLabel($0.actor))] },
            label: label)
    }

    /// The members of an event's payload (JSON text) a reader looks for first.
    static func summary(_ payload: String) -> String {
        guard let members = (try? JSONSerialization.jsonObject(with: Data(payload.utf8))) as? [String: Any] else { return payload }
        let keys = ["status", "rating", "item", "body", "effective_date", "title", "comment", "reason", "report", "measure"]
        return keys.compactMap { key -> String? in
            switch members[key] {
            case let text as String: "\(BrowserPage.words(key)): \(["status", "rating"].contains(key) ? BrowserPage.words(text) : text)"
            case let number as NSNumber: "\(BrowserPage.words(key)): \(number)"
            default: nil
            }
        }.joined(separator: "; ")
    }

    static func label(_ status: RoundDraftStatus) -> String {
        status.rawValue.replacingOccurrences(of: "_", with: " ")
    }

    static func values(_ fields: MeasureFields) -> [String: String] {
        var values = ["status": fields.status.rawValue, "effective_date": fields.effectiveDate.description, "obligation": fields.obligation]
        values["title"] = fields.title
        values["kind"] = fields.kind?.rawValue
        values["source"] = fields.source
        values["note"] = fields.note
        values["justification"] = fields.justification
        return values
    }

    static func stateName(_ iso3: String, _ ledger: Ledger) -> String {
        ledger.states[iso3].map { "\($0.name) (\(iso3))" } ?? iso3
    }

    /// "12 days left", "due today", "3 days overdue".
    static func daysLeft(_ due: ISODate, today: ISODate) -> String {
        let days = today.days(until: due)
        switch days {
        case 0: return "due today"
        case 1...: return "\(days) day\(days == 1 ? "" : "s") left"
        default: return "\(-days) day\(days == -1 ? "" : "s") overdue"
        }
    }
}
