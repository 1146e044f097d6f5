import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LedgerModel
import LedgerServer
import LedgerStore
import Testing

/// The round pages in a browser's shoes: a focal point drafts and submits through forms, a reviewer
/// accepts or returns; every refusal writes nothing.
@Suite struct RoundPagesTests {
    static let round = "EXAMPLE-2026"
    static let record = "art8.record-keeping"
    static let reporting = "art8.suspicious-transaction-reporting"

    /// A ledger with tokens per role and one open round asking FRA and DEU about two obligations.
    static func fixture() throws -> ServerTests.Fixture {
        let fixture = try ServerTests.Fixture()
        _ = try fixture.ledger.openRound(
            RoundDefinition(name: round, due: ISODate(year: 2027, month: 3, day: 31)!, obligations: [record, reporting], states: ["DEU", "FRA"]),
            actor: "test")
        return fixture
    }

    static func measure(_ obligation: String, title: String) -> [(String, String)] {
        [("form", "record:\(obligation)"), ("obligation", obligation), ("status", "implemented"), ("effective_date", "2019-05-01"),
         ("title", title), ("kind", "legislation"), ("source", "EXAMPLE source"), ("note", ""), ("justification", "")]
    }

    static var statePage: String { "/rounds/\(round)/states/FRA" }

    @Test func aFocalPointDraftsThroughTheFormAndTheDraftCountsInNoReport() async throws {
        let fixture = try Self.fixture()
        try await fixture.app.test(.router) { client in
            let browser = BrowserClient(client)
            try await browser.signIn(fixture.tokens["focal_FRA"]!)
            let list = try await browser.get("/rounds")
            #expect(list.body.contains("<a href=\"/rounds/\(Self.round)/states/FRA\">Answer for France (FRA)</a>"))
            #expect(!list.body.contains("/review\""), "a focal point gets no review link")
            let page = try await browser.get(Self.statePage)
            #expect(page.status == .ok)
            #expect(page.body.contains("<section class=\"cell\" id=\"\(Self.record)\">"))
            #expect(page.body.contains("Nothing to submit: record a draft first."))
            let answer = try await browser.post(Self.statePage + "/drafts", Self.measure(Self.record, title: "EXAMPLE Act on records"))
            #expect(answer.status == .seeOther)
            #expect(answer.location == Self.statePage + "#" + Self.record, "back to the cell just answered")
            let after = try await browser.get(Self.statePage)
            #expect(after.body.contains("saved for \(Self.record): implemented 'EXAMPLE Act on records'"))
            #expect(after.body.contains("new measure: implemented, effective 2019-05-01, 'EXAMPLE Act on records'"))
            #expect(after.body.contains("Submit 1 draft for review"))
            #expect(try fixture.ledger.measures(state: "FRA").isEmpty, "a draft is no measure of the record")
        }
    }

    /// A draft saved through the browser (answered 303, not 2xx) is an event like any write: the
    /// server's checkpoint policy signs after it; signing in writes nothing and signs nothing.
    @Test func aDraftSavedThroughTheFormIsCheckpointedASignInIsNot() async throws {
        let fixture = try Self.fixture()
        let key = CheckpointKey()
        let app = Application(router: LedgerServer.buildRouter(ledger: fixture.ledger, checkpoints: CheckpointPolicy(key: key, every: 1)))
        try await app.test(.router) { client in
            let browser = BrowserClient(client)
            let head = try fixture.ledger.headSeq()
            try await browser.signIn(fixture.tokens["focal_FRA"]!)
            #expect(try fixture.ledger.headSeq() == head, "a sign-in appends nothing")
            #expect(try await browser.get(Self.statePage).status == .ok)
            let answer = try await browser.post(Self.statePage + "/drafts", Self.measure(Self.record, title: "EXAMPLE Act on records"))
            #expect(answer.status == .seeOther)
            let kinds = try fixture.ledger.events(after: head, limit: 10).map(\.kind)
            #expect(kinds == ["round.drafted", "checkpoint.recorded"])
        }
        #expect(try fixture.ledger.verify(trustedKey: key.publicKey).isSound)
    }

    @Test func anInvalidFormShowsTheCLIMessagesBesideTheFieldsAndWritesNothing() async throws {
        let fixture = try Self.fixture()
        try await fixture.app.test(.router) { client in
            let browser = BrowserClient(client)
            try await browser.signIn(fixture.tokens["focal_FRA"]!)
            _ = try await browser.get(Self.statePage)
            let head = try fixture.ledger.headSeq()
            var fields = Self.measure(Self.record, title: "")
            fields[3] = ("effective_date", "2019-02-30")
            let answer = try await browser.post(Self.statePage + "/drafts", fields)
            #expect(answer.status == .badRequest)
            #expect(answer.body.contains("<div class=\"problem\" role=\"alert\"><p>Nothing was saved: correct the fields marked below. <a href=\"#\(Self.record)\">Go to \(Self.record)</a></p>"))
            #expect(answer.body.contains("action=\"\(Self.statePage)/drafts#\(Self.record)\""), "the page comes back scrolled to the form")
            // The validator's own messages (the ones the CLI prints), each beside its field.
            let id = "record-\(Self.record)"
            #expect(answer.body.contains("<p class=\"issue\" id=\"\(id)-title-issue\">is required when status is implemented: name the law, agency or agreement</p>"))
            #expect(answer.body.contains("id=\"\(id)-effective_date-issue\""))
            #expect(answer.body.contains("value=\"2019-02-30\""), "what was typed stays in the form")
            #expect(answer.body.contains("<details open><summary>Record a new measure</summary>"))
            #expect(try fixture.ledger.headSeq() == head)
        }
    }

    @Test func aDraftPostWithoutOrWithAWrongCSRFTokenWritesNothing() async throws {
        let fixture = try Self.fixture()
        try await fixture.app.test(.router) { client in
            let browser = BrowserClient(client)
            try await browser.signIn(fixture.tokens["focal_FRA"]!)
            _ = try await browser.get(Self.statePage)
            let head = try fixture.ledger.headSeq()
            for csrf: String? in [nil, String(repeating: "a", count: 64)] {
                let answer = try await browser.post(Self.statePage + "/drafts", Self.measure(Self.record, title: "EXAMPLE forged"), csrf: .some(csrf))
                #expect(answer.status == .forbidden)
                let submit = try await browser.post(Self.statePage + "/submit", [], csrf: .some(csrf))
                #expect(submit.status == .forbidden)
            }
            #expect(try fixture.ledger.headSeq() == head)
        }
    }

    @Test func anExpiredSessionPostsNothing() async throws {
        let fixture = try Self.fixture()
        try await fixture.app(sessionLifetime: .seconds(5)).test(.router) { client in
            let browser = BrowserClient(client)
            let started = ContinuousClock.now  // before the session exists: its 5 s end later than started + 5 s
            try await browser.signIn(fixture.tokens["focal_FRA"]!)
            let signedIn = ContinuousClock.now
            let before = try await browser.get(Self.statePage)
            // On a loaded machine sign-in and the page may take longer than the 5 s: then the page says nothing
            // of the live session.
            if ContinuousClock.now - started < .seconds(4) {
                #expect(before.status == .ok, "the session works before it expires")
            }
            let head = try fixture.ledger.headSeq()
            try await Task.sleep(until: signedIn + .milliseconds(5500))
            let answer = try await browser.post(Self.statePage + "/drafts", Self.measure(Self.record, title: "EXAMPLE late"))
            #expect(answer.status == .unauthorized)
            #expect(answer.body.contains("<a href=\"/sign-in?next=%2Frounds%2F\(Self.round)%2Fstates%2FFRA\">Sign in</a>"))
            #expect(try fixture.ledger.headSeq() == head)
        }
    }

    @Test func aFocalPointCannotAnswerForAnotherState() async throws {
        let fixture = try Self.fixture()
        try await fixture.app.test(.router) { client in
            let browser = BrowserClient(client)
            try await browser.signIn(fixture.tokens["focal_FRA"]!)
            _ = try await browser.get(Self.statePage)
            let head = try fixture.ledger.headSeq()
            let page = try await browser.get("/rounds/\(Self.round)/states/DEU")
            #expect(page.status == .forbidden)
            #expect(page.body.contains("may not answer round '\(Self.round)' for DEU"))
            var fields = Self.measure(Self.record, title: "EXAMPLE other State")
            fields.append(("state", "DEU"))
            #expect(try await browser.post("/rounds/\(Self.round)/states/DEU/drafts", fields).status == .forbidden)
            #expect(try await browser.post("/rounds/\(Self.round)/states/DEU/submit", []).status == .forbidden)
            // A State the round does not ask, and a round that does not exist.
            #expect(try await browser.get("/rounds/\(Self.round)/states/ITA").status == .notFound)
            #expect(try await browser.get("/rounds/NO-SUCH-ROUND/states/FRA").status == .notFound)
            #expect(try fixture.ledger.headSeq() == head)
        }
    }

    @Test func aFocalPointCannotReview() async throws {
        let fixture = try Self.fixture()
        try await fixture.app.test(.router) { client in
            let focal = BrowserClient(client)
            try await focal.signIn(fixture.tokens["focal_FRA"]!)
            _ = try await focal.post(Self.statePage + "/drafts", Self.measure(Self.record, title: "EXAMPLE Act"))
            _ = try await focal.get(Self.statePage)
            _ = try await focal.post(Self.statePage + "/submit", [])
            let head = try fixture.ledger.headSeq()
            #expect(try await focal.get("/rounds/\(Self.round)/review").status == .forbidden)
            let accept = try await focal.post("/rounds/\(Self.round)/review", [("state", "FRA"), ("obligation", Self.record), ("decision", "accept"), ("comment", "")])
            #expect(accept.status == .forbidden)
            #expect(try fixture.ledger.headSeq() == head)
        }
    }

    @Test func aSubmissionIsAcceptedOrReturnedWithACommentThatTheStateSees() async throws {
        let fixture = try Self.fixture()
        try await fixture.app.test(.router) { client in
            let focal = BrowserClient(client)
            try await focal.signIn(fixture.tokens["focal_FRA"]!)
            _ = try await focal.get(Self.statePage)
            #expect(try await focal.post(Self.statePage + "/drafts", Self.measure(Self.record, title: "EXAMPLE Records Act")).status == .seeOther)
            _ = try await focal.get(Self.statePage)
            #expect(try await focal.post(Self.statePage + "/drafts", Self.measure(Self.reporting, title: "EXAMPLE Reporting Decree")).status == .seeOther)
            let ready = try await focal.get(Self.statePage)
            #expect(ready.body.contains("Submit 2 drafts for review"))
            #expect(ready.body.contains("<li>\(Self.reporting): new measure: implemented"))
            #expect(try await focal.post(Self.statePage + "/submit", []).status == .seeOther)
            let submitted = try await focal.get(Self.statePage)
            #expect(submitted.body.contains("Nothing to submit; 2 answers are with the reviewers."))

            let reviewer = BrowserClient(client)
            try await reviewer.signIn(fixture.tokens["reviewer"]!)
            let queue = try await reviewer.get("/rounds/\(Self.round)/review")
            #expect(queue.status == .ok)
            #expect(queue.body.contains("2 submitted answers wait for a decision."))
            #expect(queue.body.contains("<h3>History of this cell</h3>"))
            #expect(queue.body.contains("<h3>External evidence</h3>"))
            let head = try fixture.ledger.headSeq()
            let bare = try await reviewer.post("/rounds/\(Self.round)/review", [("state", "FRA"), ("obligation", Self.record), ("decision", "return"), ("comment", " ")])
            #expect(bare.status == .badRequest)
            #expect(bare.body.contains("is required to return an answer: say what the State should change"))
            #expect(try fixture.ledger.headSeq() == head)
            let returned = try await reviewer.post(
                "/rounds/\(Self.round)/review", [("state", "FRA"), ("obligation", Self.record), ("decision", "return"), ("comment", "Cite the article of the EXAMPLE Act.")])
            #expect(returned.status == .seeOther)
            let accepted = try await reviewer.post("/rounds/\(Self.round)/review", [("state", "FRA"), ("obligation", Self.reporting), ("decision", "accept"), ("comment", "")])
            #expect(accepted.status == .seeOther)
            #expect(try await reviewer.get("/rounds/\(Self.round)/review").body.contains("0 submitted answers wait"))

            let back = try await focal.get(Self.statePage)
            #expect(back.body.contains("Returned by the reviewer: Cite the article of the EXAMPLE Act."))
            #expect(back.body.contains("Submit 1 draft for review"))
            let statuses = try fixture.ledger.draftView(round: Self.round, state: "FRA").map { "\($0.obligation) \($0.status.rawValue)" }
            #expect(statuses == ["\(Self.record) returned", "\(Self.reporting) accepted"])
        }
    }
}
