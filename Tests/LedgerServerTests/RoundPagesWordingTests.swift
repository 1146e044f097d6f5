import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LedgerModel
import LedgerServer
import LedgerStore
import Testing

/// The round pages speak to officials, not engineers; their forms say what they need before they are
/// sent, and after a refused post the page leads to the first field to fix.
@Suite struct RoundPagesWordingTests {
    typealias Pages = RoundPagesTests

    @Test func theReviewersCommentOnAcceptIsKept() async throws {
        let fixture = try Pages.fixture()
        try await fixture.app.test(.router) { client in
            let focal = BrowserClient(client)
            try await focal.signIn(fixture.tokens["focal_FRA"]!)
            _ = try await focal.post(Pages.statePage + "/drafts", Pages.measure(Pages.record, title: "EXAMPLE Records Act"))
            _ = try await focal.get(Pages.statePage)
            #expect(try await focal.post(Pages.statePage + "/submit", []).status == .seeOther)
            let reviewer = BrowserClient(client)
            try await reviewer.signIn(fixture.tokens["reviewer"]!)
            let page = try await reviewer.get("/rounds/\(Pages.round)/review")
            #expect(page.body.contains("Comment (kept with an acceptance; required to return)"))
            let head = try fixture.ledger.headSeq()
            let accepted = try await reviewer.post(
                "/rounds/\(Pages.round)/review", [("state", "FRA"), ("obligation", Pages.record), ("decision", "accept"), ("comment", "EXAMPLE: the Act is cited in full.")])
            #expect(accepted.status == .seeOther)
            let events = try fixture.ledger.events(after: head, limit: 10)
            #expect(events.map(\.kind) == ["round.accepted"])
            #expect(events.first?.payload.contains("\"comment\":\"EXAMPLE: the Act is cited in full.\"") == true, "\(events.first?.payload ?? "")")
            #expect(try await reviewer.get("/rounds/\(Pages.round)/review").body.contains("Accepted the answer of FRA to \(Pages.record), with your comment."))
        }
    }

    @Test func theSignInPageAndTheRoundListNameNoCommand() async throws {
        let fixture = try ServerTests.Fixture()
        try await fixture.app.test(.router) { client in
            let browser = BrowserClient(client)
            let form = try await browser.get("/sign-in")
            #expect(!form.body.contains("cpsledger token"))
            #expect(!form.body.contains("<code>"))
            #expect(form.body.contains("ask the secretariat for one"))
            try await browser.signIn(fixture.tokens["focal_FRA"]!)
            let list = try await browser.get("/rounds")
            #expect(list.body.contains("No reporting round has been opened yet: the secretariat opens one"))
            #expect(!list.body.contains("cpsledger round"))
            #expect(list.body.contains("Signed in as France focal point (test) (focal point, FRA)"), "the role in words")
        }
    }

    /// A measure recorded from the command line without a user name, and the State's FATF ratings:
    /// the reviewer reads what happened and who did it in words.
    @Test(.enabled(if: ServerExternalTests.realFileExists, "the shared FATF file is absent"))
    func theReviewPageNamesEventsAndActorsInWords() async throws {
        let fixture = try Pages.fixture()
        _ = try fixture.ledger.importFATF(path: ServerExternalTests.realFile.path, actor: "cli:unknown")
        let fields = try MeasureFields.validate(
            ["state": "FRA", "obligation": Pages.record, "status": "not_applicable", "effective_date": "2001-01-01", "justification": "EXAMPLE justification"],
            catalogue: fixture.ledger.catalogue, states: fixture.ledger.states)
        _ = try fixture.ledger.recordMeasure(fields, actor: "cli:unknown")
        try await fixture.app.test(.router) { client in
            let focal = BrowserClient(client)
            try await focal.signIn(fixture.tokens["focal_FRA"]!)
            var draft = Pages.measure(Pages.record, title: "")
            draft[2] = ("status", "no_measures")
            draft[5] = ("kind", "")
            #expect(try await focal.post(Pages.statePage + "/drafts", draft).status == .seeOther)
            let page = try await focal.get(Pages.statePage)
            #expect(page.body.contains("new measure: no measures, effective 2019-05-01"), "statuses in words")
            #expect(page.body.contains("<option value=\"not_applicable\">not applicable</option>"))
            _ = try await focal.post(Pages.statePage + "/submit", [])
            let reviewer = BrowserClient(client)
            try await reviewer.signIn(fixture.tokens["reviewer"]!)
            let review = try await reviewer.get("/rounds/\(Pages.round)/review")
            #expect(review.status == .ok)
            #expect(review.body.contains("FATF rating recorded"))
            #expect(review.body.contains("Measure recorded"))
            #expect(review.body.contains("recorded from the command line (actor not named)"))
            #expect(review.body.contains("status: not applicable"))
            for engineer in ["external_assessment.recorded", "measure.recorded", "cli:unknown", "not_applicable<", "no_measures,"] {
                #expect(!review.body.contains(engineer), "\(engineer)")
            }
        }
    }

    @Test func theFormsSayWhatTheyNeedAndTheLimitsOfTheLedger() async throws {
        let fixture = try Pages.fixture()
        try await fixture.app.test(.router) { client in
            let browser = BrowserClient(client)
            let signIn = try await browser.get("/sign-in")
            #expect(signIn.body.contains("name=\"token\" type=\"password\" autocomplete=\"off\" required maxlength="))
            try await browser.signIn(fixture.tokens["focal_FRA"]!)
            let page = try await browser.get(Pages.statePage)
            let id = "record-\(Pages.record)"
            #expect(page.body.contains("<select id=\"\(id)-status\" name=\"status\" required>"))
            #expect(page.body.contains("<input id=\"\(id)-effective_date\" name=\"effective_date\" type=\"date\" value=\"\" required min=\"1800-01-01\" max=\""))
            #expect(page.body.contains("<input id=\"\(id)-title\" name=\"title\" type=\"text\" value=\"\" maxlength=\"500\">"))
            #expect(page.body.contains("<input id=\"\(id)-source\" name=\"source\" type=\"text\" value=\"\" maxlength=\"2000\">"))
            #expect(page.body.contains("<textarea id=\"\(id)-note\" name=\"note\" rows=\"2\" maxlength=\"4000\">"))
            #expect(page.body.contains("<label for=\"\(id)-status\">Status (required)</label>"))
        }
    }

    @Test func aRetractionsReasonIsRequiredInTheForm() async throws {
        let fixture = try Pages.fixture()
        let fields = try MeasureFields.validate(
            ["state": "FRA", "obligation": Pages.record, "status": "planned", "effective_date": "2030-01-01", "title": "EXAMPLE plan", "kind": "policy"],
            catalogue: fixture.ledger.catalogue, states: fixture.ledger.states)
        guard case .recorded(let seq) = try fixture.ledger.recordMeasure(fields, actor: "test") else { Issue.record("not recorded"); return }
        try await fixture.app.test(.router) { client in
            let browser = BrowserClient(client)
            try await browser.signIn(fixture.tokens["focal_FRA"]!)
            let page = try await browser.get(Pages.statePage)
            #expect(page.body.contains("<textarea id=\"retract-\(seq)-reason\" name=\"reason\" rows=\"2\" required maxlength=\"4000\">"), "\(page.body)")
        }
    }

    @Test func afterARefusedPostTheFirstBadFieldHasTheFocusAndTheSummaryLinksToEachField() async throws {
        let fixture = try Pages.fixture()
        try await fixture.app.test(.router) { client in
            let browser = BrowserClient(client)
            try await browser.signIn(fixture.tokens["focal_FRA"]!)
            var fields = Pages.measure(Pages.record, title: "")
            fields[3] = ("effective_date", "2019-02-30")
            let answer = try await browser.post(Pages.statePage + "/drafts", fields)
            #expect(answer.status == .badRequest)
            let id = "record-\(Pages.record)"
            // Focus: the first bad field in the form's order (the date comes before the title), once.
            #expect(answer.body.components(separatedBy: " autofocus").count == 2)
            #expect(answer.body.range(of: "<input id=\"\(id)-effective_date\"[^>]* autofocus>", options: .regularExpression) != nil, "\(answer.body)")
            // The summary at the top, before the forms, links to each bad field.
            let summary = try #require(answer.body.range(of: "<div class=\"problem\" role=\"alert\">"))
            #expect(summary.lowerBound < answer.body.range(of: "<section")!.lowerBound)
            #expect(answer.body.contains("<li><a href=\"#\(id)-effective_date\">Effective date: "))
            #expect(answer.body.contains("<li><a href=\"#\(id)-title\">Title: is required when status is implemented"))

            // The reviewer's form too.
            let reviewer = BrowserClient(client)
            try await reviewer.signIn(fixture.tokens["reviewer"]!)
            _ = try await browser.post(Pages.statePage + "/drafts", Pages.measure(Pages.record, title: "EXAMPLE Act"))
            _ = try await browser.get(Pages.statePage)
            _ = try await browser.post(Pages.statePage + "/submit", [])
            _ = try await reviewer.get("/rounds/\(Pages.round)/review")
            let bare = try await reviewer.post("/rounds/\(Pages.round)/review", [("state", "FRA"), ("obligation", Pages.record), ("decision", "return"), ("comment", "")])
            #expect(bare.status == .badRequest)
            let comment = "review-FRA-\(Pages.record)-comment"
            #expect(bare.body.contains("<li><a href=\"#\(comment)\">Comment: is required to return an answer"))
            #expect(bare.body.range(of: "<textarea id=\"\(comment)\"[^>]* autofocus>", options: .regularExpression) != nil)
        }
    }

    @Test func theSignOutFormIsNotInsideASpanAndTablesCanBeReachedByKeyboard() async throws {
        let fixture = try Pages.fixture()
        try await fixture.app.test(.router) { client in
            let browser = BrowserClient(client)
            try await browser.signIn(fixture.tokens["focal_FRA"]!)
            _ = try await browser.post(Pages.statePage + "/drafts", Pages.measure(Pages.record, title: "EXAMPLE Act"))
            let page = try await browser.get(Pages.statePage)
            let form = try #require(page.body.range(of: "<form action=\"/sign-out\""))
            let before = page.body[..<form.lowerBound]
            let spans = before.components(separatedBy: "<span").count - 1, closed = before.components(separatedBy: "</span>").count - 1
            #expect(spans == closed, "the sign-out form is not inside an open <span>")
            #expect(page.body.contains("<div class=\"scroll\" tabindex=\"0\" role=\"region\" aria-label=\"Drafts in this round: \(Pages.record)\">"))
            #expect(!page.body.contains("<div class=\"scroll\"><table>"), "no scrolling table the keyboard cannot reach")
        }
    }

    @Test func anExpiredSessionsSignInLinkLeadsBackToThePage() async throws {
        let fixture = try Pages.fixture()
        try await fixture.app.test(.router) { client in
            let browser = BrowserClient(client)
            let page = try await browser.get(Pages.statePage)
            #expect(page.status == .unauthorized)
            #expect(page.body.contains("<a href=\"/sign-in?next=%2Frounds%2F\(Pages.round)%2Fstates%2FFRA\">Sign in</a>"))
            // A post's page is the form's page.
            let post = try await browser.post(Pages.statePage + "/drafts", Pages.measure(Pages.record, title: "EXAMPLE"), csrf: .some("x"))
            #expect(post.status == .unauthorized)
            #expect(post.body.contains("<a href=\"/sign-in?next=%2Frounds%2F\(Pages.round)%2Fstates%2FFRA\">Sign in</a>"))
        }
    }
}
