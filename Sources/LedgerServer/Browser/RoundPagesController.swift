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
        group.get("rounds") { request, context in try await roundList(request, context) }
        group.get("rounds/{round}/states/{iso3}") { request, context in
            let language = try DashboardController.language(request)
            let (token, session) = try await auth.signedIn(context)
            let (round, iso3) = try await answerTarget(context, token)
            return try await statePage(round, iso3, token: token, csrf: session.csrf, notice: BrowserAuth.takeNotice(context), form: nil, .shipped(language.language))
                .localized(language, request).response()
        }
        group.post("rounds/{round}/states/{iso3}/drafts") { request, context in try await draft(request, context) }
        group.post("rounds/{round}/states/{iso3}/submit") { request, context in try await submit(request, context) }
        group.get("rounds/{round}/review") { request, context in
            let language = try DashboardController.language(request)
            let (token, session) = try await auth.signedIn(context)
            let round = try await reviewTarget(context, token)
            return try await reviewPage(round, token: token, csrf: session.csrf, notice: BrowserAuth.takeNotice(context), form: nil, .shipped(language.language))
                .localized(language, request).response()
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

    func roundList(_ request: Request, _ context: LedgerRequestContext) async throws -> Response {
        let language = try DashboardController.language(request)
        let l = Localizer.shipped(language.language)
        let (token, session) = try await auth.signedIn(context)
        let rounds = try await heavy.run { [ledger] in try ledger.rounds() }
        var body = ""
        if rounds.isEmpty { body += "<p class=\"muted\">\(escapeXML(l.text("round.list.none")))</p>\n" }
        let today = ISODate.utc()
        for round in rounds.reversed() {
            let definition = round.definition
            body += "<section class=\"answer\"><h2>\(escapeXML(l.ltr(round.name)))</h2><p>"
            let facts = [
                "due": l.ltr("\(definition.due)"), "left": Self.daysLeft(definition.due, today: today, l),
                "states": l.plural("round.count.states", count: definition.states.count),
                "obligations": l.plural("round.count.obligations", count: definition.obligations.count),
            ]
            body += escapeXML(round.closedSeq == nil ? l.text("round.list.due", facts) : l.text("round.list.due_closed", facts))
            body += "</p>\n<ul>"
            let name = BrowserPage.segment(round.name)
            if let own = token.state, token.role == .focalPoint {
                body += definition.states.contains(own)
                    ? "<li><a href=\"/rounds/\(name)/states/\(own)\">\(escapeXML(l.text("round.list.answer_for", ["state": Self.stateName(own, ledger, l)])))</a></li>"
                    : "<li>\(escapeXML(l.text("round.list.not_asked", ["state": own])))</li>"
            } else if token.role == .admin || token.role == .editor {
                body += "<li><details><summary>\(escapeXML(l.text("round.list.answer_for_a_state")))</summary>"
                    + definition.states.map { "<a href=\"/rounds/\(name)/states/\($0)\">\($0)</a>" }.joined(separator: " · ") + "</details></li>"
            }
            if token.role.mayReview { body += "<li><a href=\"/rounds/\(name)/review\">\(escapeXML(l.text("round.list.review")))</a></li>" }
            if token.role.mayManageRounds { body += "<li><a href=\"\(RoundConsoleController.path(round.name))\">\(escapeXML(l.text("round.list.console")))</a></li>" }
            body += "</ul></section>\n"
        }
        return BrowserPage(title: l.text("round.list.title"), body: body, signedIn: (token, session.csrf), notice: BrowserAuth.takeNotice(context))
            .localized(language, request).response()
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
        _ round: ReportingRound, _ iso3: String, token: TokenRecord, csrf: String, notice: String?, form: SentForm?, _ l: Localizer
    ) async throws -> BrowserPage {
        let (answers, measures) = try await heavy.run { [ledger] in
            (try ledger.draftView(round: round.name, state: iso3), try ledger.measures(state: iso3))
        }
        let name = BrowserPage.segment(round.name)
        let action = "/rounds/\(name)/states/\(iso3)"
        let open = round.closedSeq == nil
        var body = "<p>" + escapeXML(l.plural("round.state.answers", count: round.definition.obligations.count, [
            "state": Self.stateName(iso3, ledger, l), "due": l.ltr("\(round.definition.due)"), "left": Self.daysLeft(round.definition.due, today: .utc(), l),
        ])) + "</p>\n"
        if !open { body += "<p class=\"problem\">\(escapeXML(l.text("round.state.closed")))</p>\n" }
        if let form, let problem = form.problem {
            // The form may be far down the page: say at the top what happened, and where.
            let cell = form.values["obligation"] ?? answers.first { answer in answer.drafts.contains { "\($0.seq)" == form.values["target"] } }?.obligation
            body += errorSummary(
                problem, form: form, prefix: form.key, l,
                extra: cell.map { " <a href=\"#\(escapeXML(BrowserPage.segment($0)))\">\(escapeXML(l.text("round.go_to", ["what": $0])))</a>" } ?? "")
        }
        body += submitSummary(answers, action: action, csrf: csrf, open: open, l)
        for answer in answers {
            let obligation = ledger.catalogue.obligation(answer.obligation)
            body += "<section class=\"cell\" id=\"\(escapeXML(answer.obligation))\"><h2>\(escapeXML(answer.obligation))"
            // The obligation's title is the catalogue's (English): marked so, inside a page in another language.
            body += obligation.map { ": " + Self.english(escapeXML($0.title), l) } ?? ""
            body += "</h2>\n<p>\(escapeXML(l.text("round.state.answer"))) <strong>\(escapeXML(Self.label(answer.status, l)))</strong></p>\n"
            if let comment = answer.comment, answer.status == .returned {
                body += "<p class=\"problem\">\(escapeXML(l.text("round.state.returned_by_reviewer", ["comment": comment])))</p>\n"
            }
            let cellMeasures = measures.filter { $0.fields.obligation == answer.obligation }
            body += Self.draftTable(answer.drafts, of: answer.obligation, l)
            if !cellMeasures.isEmpty {
                body += "<h3>\(escapeXML(l.text("round.state.published")))</h3>"
                    + BrowserPage.table(
                        [l.text("round.column.measure"), l.text("round.column.status"), l.text("round.column.effective"), l.text("round.column.title")],
                        cellMeasures.map { ["\($0.id)", escapeXML(Self.statusName($0.fields.status, l)), "\($0.fields.effectiveDate)", escapeXML($0.fields.title ?? "")] },
                        label: l.text("round.state.published_of", ["obligation": answer.obligation]), l)
            }
            guard open else { body += "</section>\n"; continue }
            let editable = answer.drafts.filter { $0.status == .draft || $0.status == .returned }
            // A published measure that a live draft already changes is changed through that draft.
            let drafted = Set(answer.drafts.compactMap(\.measure))
            let recordKey = "record:\(answer.obligation)"
            // Closed unless sent back with problems: six open forms make a page nobody scans.
            let drafts = action + "/drafts#" + BrowserPage.segment(answer.obligation)
            body += details(
                l.text("round.form.record"), open: form?.key == recordKey,
                measureForm(
                    action: drafts, key: recordKey, csrf: csrf, values: form?.key == recordKey ? form!.values : ["obligation": answer.obligation],
                    form: form?.key == recordKey ? form : nil, button: l.text("round.form.save_draft"), l))
            // A drafted retraction has no fields to correct; it can only be withdrawn.
            for draft in editable {
                guard let fields = draft.fields else { continue }
                body += correctionForms(seq: draft.seq, draft: true, fields: fields, action: drafts, csrf: csrf, form: form, l)
            }
            for measure in cellMeasures where !drafted.contains(measure.id) {
                body += correctionForms(seq: measure.id, draft: false, fields: measure.fields, action: drafts, csrf: csrf, form: form, l)
            }
            body += "</section>\n"
        }
        return BrowserPage(
            title: "\(l.ltr(round.name)): \(iso3)", body: body, signedIn: (token, csrf), notice: notice, status: form?.status ?? .ok, language: l.language)
    }

    /// `html` (already escaped) in English inside a page in another language: marked `lang="en"` for
    /// screen readers and the checks (ledger content, not interface wording).
    static func english(_ html: String, _ l: Localizer) -> String {
        l.language == .en ? html : "<span lang=\"en\" dir=\"ltr\">\(html)</span>"
    }

    /// What the submit button will send: every draft and returned draft of the State, listed.
    func submitSummary(_ answers: [RoundAnswer], action: String, csrf: String, open: Bool, _ l: Localizer) -> String {
        let ready = answers.flatMap { $0.drafts.filter { $0.status == .draft || $0.status == .returned } }
        var out = "<section class=\"answer\"><h2>\(escapeXML(l.text("round.submit.title")))</h2>"
        guard !ready.isEmpty else {
            let waiting = answers.filter { $0.status == .submitted }.count
            return out + "<p class=\"muted\">"
                + escapeXML(waiting > 0 ? l.plural("round.submit.nothing_waiting", count: waiting) : l.text("round.submit.nothing"))
                + "</p></section>\n"
        }
        out += "<p>\(escapeXML(l.plural("round.submit.sends", count: ready.count)))</p><ul>"
        for draft in ready {
            out += "<li>\(escapeXML(draft.obligation)): \(Self.describe(draft, l))\(draft.status == .returned ? escapeXML(l.text("round.submit.sent_again")) : "")</li>"
        }
        out += "</ul>"
        if open {
            out += "<form action=\"\(action)/submit\" method=\"post\">\(BrowserPage.csrfField(csrf))<button>\(escapeXML(l.plural("round.submit.button", count: ready.count)))</button></form>"
        }
        return out + "</section>\n"
    }

    func correctionForms(seq: Int64, draft: Bool, fields: MeasureFields, action: String, csrf: String, form: SentForm?, _ l: Localizer) -> String {
        let correctKey = "correct:\(seq)", retractKey = "retract:\(seq)"
        var values = Self.values(fields)
        if form?.key == correctKey { values = form!.values }
        values["target"] = String(seq)
        let number = ["number": String(seq)]
        var out = details(
            (draft ? l.text("round.form.correct_draft", number) : l.text("round.form.correct_measure", number)), open: form?.key == correctKey,
            measureForm(
                action: action, key: correctKey, csrf: csrf, values: values, form: form?.key == correctKey ? form : nil,
                button: l.text("round.form.save_correction"), l, reason: true))
        var retract = "<form class=\"fields\" action=\"\(action)\" method=\"post\">\(BrowserPage.csrfField(csrf))"
        retract += "<input type=\"hidden\" name=\"form\" value=\"\(retractKey)\"><input type=\"hidden\" name=\"target\" value=\"\(seq)\">" + "<input type=\"hidden\" name=\"obligation\" value=\"\(escapeXML(fields.obligation))\">"
        retract += textField(
            "reason", label: l.text("round.field.reason"), values: form?.key == retractKey ? form!.values : [:], form: form?.key == retractKey ? form : nil, l,
            multiline: true, id: retractKey, required: true)
        retract += "<button>\(escapeXML((draft ? l.text("round.form.withdraw_button") : l.text("round.form.retract_button"))))</button></form>"
        out += details((draft ? l.text("round.form.withdraw_draft", number) : l.text("round.form.retract_measure", number)), open: form?.key == retractKey, retract)
        return out
    }

    func details(_ summary: String, open: Bool, _ content: String) -> String {
        "<details\(open ? " open" : "")><summary>\(escapeXML(summary))</summary>\(content)</details>\n"
    }

    /// The fields of a measure, each with its messages beside it.
    func measureForm(
        action: String, key: String, csrf: String, values: [String: String], form: SentForm?, button: String, _ l: Localizer, reason: Bool = false
    ) -> String {
        var out = "<form class=\"fields\" action=\"\(action)\" method=\"post\">\(BrowserPage.csrfField(csrf))<input type=\"hidden\" name=\"form\" value=\"\(escapeXML(key))\">"
        for hidden in ["obligation", "target"] {
            if let value = values[hidden] { out += "<input type=\"hidden\" name=\"\(hidden)\" value=\"\(escapeXML(value))\">" }
        }
        if let problem = form?.problem { out += "<p class=\"issue\">\(escapeXML(problem))</p>" }
        // The limits are the model's (TextRule): the browser stops what the ledger would refuse.
        let dates = " min=\"\(MeasureFields.earliestEffectiveDate)\" max=\"\(MeasureFields.latestEffectiveDate(today: .utc()))\""
        out += selectField(
            "status", label: l.text("round.field.status"), options: ImplementationStatus.allCases.map { ($0.rawValue, Self.statusName($0, l)) }, values: values, form: form,
            l, id: key, required: true)
        out += textField("effective_date", label: l.text("round.field.effective_date"), values: values, form: form, l, type: "date", id: key, required: true, extra: dates)
        out += textField("title", label: l.text("round.field.title_long"), values: values, form: form, l, id: key)
        out += selectField(
            "kind", label: l.text("round.field.kind"), options: MeasureKind.allCases.map { ($0.rawValue, Self.kindName($0, l)) }, values: values, form: form, l, id: key)
        out += textField("source", label: l.text("round.field.source_long"), values: values, form: form, l, id: key)
        out += textField("note", label: l.text("round.field.note"), values: values, form: form, l, multiline: true, id: key)
        out += textField("justification", label: l.text("round.field.justification"), values: values, form: form, l, multiline: true, id: key)
        if reason { out += textField("reason", label: l.text("round.field.reason_correction"), values: values, form: form, l, multiline: true, id: key) }
        return out + "<button>\(escapeXML(button))</button></form>"
    }

    func fieldID(_ id: String, _ name: String) -> String {
        escapeXML(id.replacingOccurrences(of: ":", with: "-") + "-" + name)
    }

    func issues(_ name: String, form: SentForm?, id: String, _ l: Localizer) -> (attributes: String, text: String) {
        let found = form?.issue(name) ?? []
        guard !found.isEmpty else { return ("", "") }
        let text = found.map { escapeXML(Self.issueText($0, l)) }.joined(separator: "; ")
        // The first bad field takes the focus when the page loads (no script needed).
        let focus = form?.firstBadField == name ? " autofocus" : ""
        return (" class=\"field-bad\" aria-invalid=\"true\" aria-describedby=\"\(fieldID(id, name))-issue\"\(focus)", "<p class=\"issue\" id=\"\(fieldID(id, name))-issue\">\(text)</p>")
    }

    /// A text field; `required` marks it so (the browser checks it first), `extra` adds attributes.
    /// Its `maxlength` is the model's limit for the field (``MeasureFields/textRules``, free text for
    /// reasons and comments).
    func textField(
        _ name: String, label: String, values: [String: String], form: SentForm?, _ l: Localizer, type: String = "text", multiline: Bool = false, id: String,
        required: Bool = false, extra: String = ""
    ) -> String {
        let (issue, text) = issues(name, form: form, id: id, l)
        let limit = type == "date" ? "" : " maxlength=\"\((MeasureFields.textRules[name] ?? (multiline ? .freeText : .code)).maxCharacters)\""
        let attributes = (required ? " required" : "") + limit + extra + issue
        let value = escapeXML(values[name] ?? "")
        let input = multiline
            ? "<textarea id=\"\(fieldID(id, name))\" name=\"\(name)\" rows=\"2\"\(attributes)>\(value)</textarea>"
            : "<input id=\"\(fieldID(id, name))\" name=\"\(name)\" type=\"\(type)\" value=\"\(value)\"\(attributes)>"
        return "<label for=\"\(fieldID(id, name))\">\(escapeXML(required ? l.text("round.field.required", ["label": label]) : label))</label>\(input)\(text)"
    }

    /// A drop-down of `options` (value, words); `required` marks it so.
    func selectField(
        _ name: String, label: String, options: [(value: String, words: String)], values: [String: String], form: SentForm?, _ l: Localizer, id: String,
        required: Bool = false
    ) -> String {
        let (issue, text) = issues(name, form: form, id: id, l)
        let current = values[name] ?? ""
        let shown = required ? l.text("round.field.required", ["label": label]) : label
        var out = "<label for=\"\(fieldID(id, name))\">\(escapeXML(shown))</label><select id=\"\(fieldID(id, name))\" name=\"\(name)\"\(required ? " required" : "")\(issue)><option value=\"\"\(current.isEmpty ? " selected" : "")>\(escapeXML(l.text("round.field.choose")))</option>"
        // A value the list does not hold (sent by hand) stays visible, so its message makes sense.
        let sent: [(value: String, words: String)] = current.isEmpty || options.contains(where: { $0.value == current }) ? [] : [(value: current, words: current)]
        for option in options + sent {
            out += "<option value=\"\(escapeXML(option.value))\"\(option.value == current ? " selected" : "")>\(escapeXML(option.words))</option>"
        }
        return out + "</select>\(text)"
    }

    // MARK: - A State's posts

    static let measureFieldNames = ["status", "effective_date", "title", "kind", "source", "note", "justification"]

    /// Records, corrects or retracts a measure as a draft of the round, by the `form` field's kind.
    func draft(_ request: Request, _ context: LedgerRequestContext) async throws -> Response {
        let (token, session, form) = try await auth.post(request, context)
        let (round, iso3) = try await answerTarget(context, token)
        let language = BrowserPage.language(request), l = Localizer.shipped(language.language)
        let here = "/rounds/\(BrowserPage.segment(round.name))/states/\(iso3)"
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
                BrowserAuth.setNotice(
                    l.text("round.notice.drafted", ["seq": "\(seq)", "obligation": obligation, "status": Self.statusName(fields.status, l), "title": fields.title ?? ""]), context)
            case ("correct", let target?):
                let changes = Dictionary(uniqueKeysWithValues: Self.measureFieldNames.map { ($0, form[$0] ?? "") })
                let reason = form.trimmed("reason")
                let seq = try await heavy.run { [ledger] in
                    try ledger.draftCorrection(target, changes: changes, reason: reason, round: round.name, actor: token.actor, onlyState: only)
                }
                BrowserAuth.setNotice(l.text("round.notice.correction", ["seq": "\(seq)", "target": "\(target)"]), context)
            case ("retract", let target?):
                let reason = form.trimmed("reason") ?? ""
                guard !reason.isEmpty else {
                    throw ValidationFailure(issues: [FieldIssue(field: "reason", value: "", message: Self.reasonRequired)])
                }
                let seq = try await heavy.run { [ledger] in try ledger.draftRetraction(target, reason: reason, round: round.name, actor: token.actor, onlyState: only) }
                BrowserAuth.setNotice(l.text("round.notice.retraction", ["seq": "\(seq)", "target": "\(target)"]), context)
            default:
                throw APIError.badRequest("The form is not one of the round page's forms ('\(key)').", field: "form", value: key)
            }
        } catch let failure as ValidationFailure {
            sent.issues = failure.issues
            sent.problem = l.text("round.problem.not_saved_fields")
            return try await statePage(round, iso3, token: token, csrf: session.csrf, notice: nil, form: sent, l).localized(language, request, here: here).response()
        } catch let error as LedgerError {
            if case .invalid(let failure) = error { sent.issues = failure.issues }
            let answer = APIError.from(error)
            sent.problem = l.text("round.problem.not_saved", ["message": answer.message])
            sent.status = answer.status
            return answer.withRetryAfter(
                try await statePage(round, iso3, token: token, csrf: session.csrf, notice: nil, form: sent, l).localized(language, request, here: here).response())
        }
        let cell = form["obligation"].map { "#" + BrowserPage.segment($0) } ?? ""
        return BrowserPage.redirect("/rounds/\(BrowserPage.segment(round.name))/states/\(iso3)" + cell)
    }

    func submit(_ request: Request, _ context: LedgerRequestContext) async throws -> Response {
        let (token, session, _) = try await auth.post(request, context)
        let (round, iso3) = try await answerTarget(context, token)
        let language = BrowserPage.language(request), l = Localizer.shipped(language.language)
        let here = "/rounds/\(BrowserPage.segment(round.name))/states/\(iso3)"
        let only = token.onlyState
        do {
            _ = try await heavy.run { [ledger] in try ledger.submitRound(round.name, state: iso3, actor: token.actor, onlyState: only) }
        } catch let error as LedgerError {
            let answer = APIError.from(error)
            let sent = SentForm(key: "submit", values: [:], problem: l.text("round.problem.not_submitted", ["message": answer.message]), status: answer.status)
            return answer.withRetryAfter(
                try await statePage(round, iso3, token: token, csrf: session.csrf, notice: nil, form: sent, l).localized(language, request, here: here).response())
        }
        BrowserAuth.setNotice(l.text("round.notice.submitted", ["round": round.name, "state": iso3]), context)
        return BrowserPage.redirect(here)
    }

    // MARK: - The reviewer's queue

    func reviewPage(_ round: ReportingRound, token: TokenRecord, csrf: String, notice: String?, form: SentForm?, _ l: Localizer) async throws -> BrowserPage {
        let queue = try await heavy.run { [ledger] in try ledger.reviewQueue(round: round.name) }
        let histories = try await heavy.run { [ledger] in
            try queue.map { try ledger.history(state: $0.state, obligation: $0.obligation) }
        }
        let action = "/rounds/\(BrowserPage.segment(round.name))/review"
        var body = ""
        if let form, let problem = form.problem {
            if queue.contains(where: { "review:\($0.state):\($0.obligation)" == form.key }) {
                let anchor = escapeXML((form.values["state"] ?? "") + "-" + (form.values["obligation"] ?? ""))
                body += errorSummary(problem, form: form, prefix: form.key, l, extra: " <a href=\"#\(anchor)\">\(escapeXML(l.text("round.go_to_answer")))</a>")
            } else {
                // A problem with no answer of the queue to stand beside (the ledger was busy, the answer left the queue) is said at the top.
                body += "<p class=\"problem\" role=\"alert\">\(escapeXML(problem))</p>\n"
            }
        }
        body += "<p>\(escapeXML(l.plural("round.review.waiting", count: queue.count)))</p>\n"
        for (answer, history) in zip(queue, histories) {
            let key = "review:\(answer.state):\(answer.obligation)"
            let mine = form?.key == key ? form : nil
            body += "<section class=\"answer\" id=\"\(escapeXML(answer.state + "-" + answer.obligation))\"><h2>\(escapeXML(Self.stateName(answer.state, ledger, l))): \(escapeXML(answer.obligation))</h2>\n"
            if let problem = mine?.problem { body += "<p class=\"problem\">\(escapeXML(problem))</p>\n" }
            let cell = "\(answer.state), \(answer.obligation)"
            body += Self.draftTable(answer.drafts, of: cell, l)
            let external = EventKind.externalAssessmentRecorded.rawValue
            let (outside, own) = (history.filter { $0.kind == external }, history.filter { $0.kind != external })
            body += "<h3>\(escapeXML(l.text("round.review.history")))</h3>" + Self.historyTable(own, label: l.text("round.review.history_of", ["cell": cell]), l)
            body += "<h3>\(escapeXML(l.text("round.review.external")))</h3>" + Self.historyTable(outside, label: l.text("round.review.external_on", ["cell": cell]), l)
            body += "<form class=\"fields\" action=\"\(action)\" method=\"post\">\(BrowserPage.csrfField(csrf))"
            body += "<input type=\"hidden\" name=\"state\" value=\"\(escapeXML(answer.state))\"><input type=\"hidden\" name=\"obligation\" value=\"\(escapeXML(answer.obligation))\">"
            body += textField("comment", label: l.text("round.field.comment_review"), values: mine?.values ?? [:], form: mine, l, multiline: true, id: key)
            body += "<button name=\"decision\" value=\"accept\">\(escapeXML(l.text("round.review.accept")))</button><button name=\"decision\" value=\"return\">\(escapeXML(l.text("round.review.return")))</button></form></section>\n"
        }
        return BrowserPage(
            title: l.text("round.review.title", ["round": l.ltr(round.name)]), body: body, signedIn: (token, csrf), notice: notice, status: form?.status ?? .ok, language: l.language)
    }

    func review(_ request: Request, _ context: LedgerRequestContext) async throws -> Response {
        let (token, session, form) = try await auth.post(request, context)
        let round = try await reviewTarget(context, token)
        let language = BrowserPage.language(request), l = Localizer.shipped(language.language)
        let here = "/rounds/\(BrowserPage.segment(round.name))/review"
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
                BrowserAuth.setNotice((comment == nil ? l.text("round.notice.accepted", ["state": state, "obligation": obligation]) : l.text("round.notice.accepted_comment", ["state": state, "obligation": obligation])), context)
            case "return":
                guard let comment = form.trimmed("comment") else {
                    throw ValidationFailure(issues: [FieldIssue(field: "comment", value: "", message: Self.commentRequired)])
                }
                _ = try await heavy.run { [ledger] in try ledger.returnAnswer(round.name, state: state, obligation: obligation, comment: comment, actor: token.actor) }
                BrowserAuth.setNotice(l.text("round.notice.returned", ["state": state, "obligation": obligation]), context)
            default:
                throw APIError.badRequest("The decision must be accept or return.", field: "decision", value: form["decision"] ?? "")
            }
        } catch let failure as ValidationFailure {
            sent.issues = failure.issues
            sent.problem = l.text("round.problem.not_recorded_field")
            return try await reviewPage(round, token: token, csrf: session.csrf, notice: nil, form: sent, l).localized(language, request, here: here).response()
        } catch let error as LedgerError {
            let answer = APIError.from(error)
            sent.problem = l.text("round.problem.not_recorded", ["message": answer.message])
            sent.status = answer.status
            return answer.withRetryAfter(
                try await reviewPage(round, token: token, csrf: session.csrf, notice: nil, form: sent, l).localized(language, request, here: here).response())
        }
        return BrowserPage.redirect(here)
    }

    // MARK: - Pieces

    /// The drafts of one answer; `cell` names it (each scrolling table's name differs on a page).
    static func draftTable(_ drafts: [RoundDraft], of cell: String, _ l: Localizer) -> String {
        guard !drafts.isEmpty else { return "<p class=\"muted\">\(escapeXML(l.text("round.drafts.none")))</p>\n" }
        return "<h3>\(escapeXML(l.text("round.drafts.title")))</h3>"
            + BrowserPage.table(
                [l.text("round.column.draft"), l.text("round.column.what"), l.text("round.column.stands"), l.text("round.column.by")],
                drafts.map { ["\($0.seq)", describe($0, l), escapeXML(label($0.status, l)), escapeXML(actorLabel($0.actor, l))] },
                label: l.text("round.drafts.label", ["cell": cell]), l)
    }

    /// A draft in words: what it does, to which measure, with which content.
    static func describe(_ draft: RoundDraft, _ l: Localizer) -> String {
        func content(_ fields: MeasureFields) -> String {
            escapeXML(l.text("round.draft.content", ["status": statusName(fields.status, l), "date": l.ltr("\(fields.effectiveDate)")]))
                + (fields.title.map { ", '" + escapeXML($0) + "'" } ?? "")
        }
        switch draft.change {
        case .record(let fields): return escapeXML(l.text("round.draft.record")) + " " + content(fields)
        case .correct(let measure, _, let fields): return escapeXML(l.text("round.draft.correct", ["measure": "\(measure)"])) + " " + content(fields)
        case .retract(let measure, _, _, _): return escapeXML(l.text("round.draft.retract", ["measure": "\(measure)"])) + (draft.reason.map { ": " + escapeXML($0) } ?? "")
        case .withdraw: return escapeXML(l.text("round.draft.withdraw", ["draft": draft.replaces.map(String.init) ?? "?"]))
        }
    }

    static func historyTable(_ events: [LedgerEvent], label: String, _ l: Localizer) -> String {
        guard !events.isEmpty else { return "<p class=\"muted\">\(escapeXML(l.text("document.none")))</p>\n" }
        return BrowserPage.table(
            [l.text("round.column.event"), l.text("round.column.recorded"), l.text("round.column.happened"), l.text("round.column.details"), l.text("round.column.by")],
            events.map { ["\($0.seq)", escapeXML($0.recordedAt), escapeXML(kindLabel($0, l)), escapeXML(summary($0.payload, l)), escapeXML(actorLabel($0.actor, l))] },
            label: label, l)
    }

    /// The members of an event's payload (JSON text) a reader looks for first, named in the reader's language.
    static func summary(_ payload: String, _ l: Localizer = .english) -> String {
        guard let members = (try? JSONSerialization.jsonObject(with: Data(payload.utf8))) as? [String: Any] else { return payload }
        let keys = ["status", "rating", "item", "body", "effective_date", "title", "comment", "reason", "report", "measure"]
        func name(_ key: String) -> String {
            switch key {
            case "status": l.text("round.column.status")
            case "effective_date": l.text("round.column.effective")
            case "title": l.text("round.column.title")
            case "comment": l.text("page.history.comment")
            case "reason": l.text("page.history.reason")
            case "measure": l.text("round.column.measure")
            default: BrowserPage.words(key)
            }
        }
        return keys.compactMap { key -> String? in
            switch members[key] {
            case let text as String:
                let value = key == "status" ? ImplementationStatus(rawValue: text).map { statusName($0, l) } ?? BrowserPage.words(text)
                    : key == "rating" ? BrowserPage.words(text) : text
                return "\(name(key)): \(value)"
            case let number as NSNumber: return "\(name(key)): \(number)"
            default: return nil
            }
        }.joined(separator: "; ")
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

    /// A State's name in the reader's language (the M49 table's, else English) with its code.
    static func stateName(_ iso3: String, _ ledger: Ledger, _ l: Localizer = .english) -> String {
        ledger.states[iso3].map { "\(StateNames.name(of: $0, in: l.language)) (\(iso3))" } ?? l.ltr(iso3)
    }

    /// "12 days left", "due today", "3 days overdue".
    static func daysLeft(_ due: ISODate, today: ISODate, _ l: Localizer = .english) -> String {
        let days = today.days(until: due)
        switch days {
        case 0: return l.text("round.days.today")
        case 1...: return l.plural("round.days.left", count: days)
        default: return l.plural("round.days.overdue", count: -days)
        }
    }
}
