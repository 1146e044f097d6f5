import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import LedgerModel
import LedgerServer
import LedgerStore
import Testing

/// The round console in a browser's shoes: an admin sees every State's progress and who is overdue,
/// and publishes or closes through a confirmation page whose form carries the session's CSRF token;
/// a focal point may not open it.
@Suite struct RoundConsoleTests {
    static let round = "EXAMPLE-late"
    static let record = "art8.record-keeping"
    static var console: String { "/rounds/\(round)/console" }

    /// A round past its due date asking DEU, FRA and KEN: FRA's answer accepted, KEN drafting, DEU not started.
    static func fixture() throws -> ServerTests.Fixture {
        let fixture = try ServerTests.Fixture()
        let ledger = fixture.ledger
        _ = try ledger.openRound(
            RoundDefinition(name: round, due: ISODate(year: 2020, month: 1, day: 31)!, obligations: [record], states: ["DEU", "FRA", "KEN"]),
            actor: "test")
        func fields(_ state: String) -> MeasureFields {
            MeasureFields(state: state, obligation: record, status: .implemented, effectiveDate: ISODate(year: 2019, month: 5, day: 1)!, title: "EXAMPLE Act of \(state)")
        }
        _ = try ledger.draftMeasure(fields("FRA"), round: round, actor: "test")
        _ = try ledger.submitRound(round, state: "FRA", actor: "test")
        _ = try ledger.acceptAnswer(round, state: "FRA", obligation: record, actor: "test")
        _ = try ledger.draftMeasure(fields("KEN"), round: round, actor: "test")
        return fixture
    }

    @Test func theConsoleShowsEachStatesProgressTheCountsAndWhoIsOverdue() async throws {
        let fixture = try Self.fixture()
        try await fixture.app.test(.router) { client in
            let browser = BrowserClient(client)
            try await browser.signIn(fixture.tokens["admin"]!)
            let list = try await browser.get("/rounds")
            #expect(list.body.contains("<a href=\"\(Self.console)\">"), "the rounds page links the console")
            let page = try await browser.get(Self.console)
            #expect(page.status == .ok)
            for count in ["not started: 1", "drafting: 1", "submitted: 0", "returned: 0", "accepted: 1", "published: 0"] {
                #expect(page.body.contains("<li>\(count)</li>"), "\(count)")
            }
            #expect(page.body.contains("Progress of the 3 States"))
            #expect(page.body.contains("<li>Germany (DEU): not started</li>") && page.body.contains("<li>Kenya (KEN): drafting</li>"))
            #expect(!page.body.contains("<li>France (FRA):"), "an accepted answer is not overdue")
            #expect(page.body.contains("<td>France (FRA)</td><td>accepted</td>"))
            #expect(!page.body.contains("not_started"), "words, not snake_case")
            #expect(page.body.contains("(1 waiting)"))
        }
    }

    @Test func publishingGoesThroughTheConfirmationPageWithTheSessionsCSRFToken() async throws {
        let fixture = try Self.fixture()
        try await fixture.app.test(.router) { client in
            let browser = BrowserClient(client)
            try await browser.signIn(fixture.tokens["admin"]!)
            let confirm = try await browser.get(Self.console + "/publish")
            #expect(confirm.status == .ok)
            #expect(confirm.body.contains("<form action=\"\(Self.console)/publish\" method=\"post\">"))
            #expect(confirm.body.contains("Publish 1 accepted answer"))
            let head = try fixture.ledger.headSeq()
            for csrf: String? in [nil, String(repeating: "a", count: 64)] {
                let forged = try await browser.post(Self.console + "/publish", [], csrf: .some(csrf))
                #expect(forged.status == .forbidden)
                let close = try await browser.post(Self.console + "/close", [], csrf: .some(csrf))
                #expect(close.status == .forbidden)
            }
            #expect(try fixture.ledger.headSeq() == head, "nothing published without the token")
            let published = try await browser.post(Self.console + "/publish", [])
            #expect(published.status == .seeOther)
            #expect(published.location == Self.console)
            #expect(try fixture.ledger.measures(state: "FRA").map(\.fields.title) == ["EXAMPLE Act of FRA"])
            let after = try await browser.get(Self.console)
            #expect(after.body.contains("Published 1 answer of round '\(Self.round)'"))
            #expect(after.body.contains("<li>published: 1</li>"))
            // Again: nothing left to publish, said on the confirmation page, nothing written.
            let again = try await browser.post(Self.console + "/publish", [])
            #expect(again.status == .conflict)
            #expect(again.body.contains("Nothing was done: Reporting round '\(Self.round)' has no accepted answer waiting to be published."))
            _ = try await browser.get(Self.console + "/close")
            let closed = try await browser.post(Self.console + "/close", [])
            #expect(closed.status == .seeOther)
            #expect(try fixture.ledger.round(named: Self.round).closedSeq != nil)
        }
    }

    @Test func aFocalPointMayNotOpenTheConsoleNorPublish() async throws {
        let fixture = try Self.fixture()
        try await fixture.app.test(.router) { client in
            let browser = BrowserClient(client)
            try await browser.signIn(fixture.tokens["focal_FRA"]!)
            #expect(!(try await browser.get("/rounds")).body.contains("/console"))
            #expect(try await browser.get(Self.console).status == .forbidden)
            #expect(try await browser.get(Self.console + "/publish").status == .forbidden)
            let head = try fixture.ledger.headSeq()
            #expect(try await browser.post(Self.console + "/publish", []).status == .forbidden)
            #expect(try await browser.post(Self.console + "/close", []).status == .forbidden)
            #expect(try fixture.ledger.headSeq() == head)
            let anonymous = BrowserClient(client)
            #expect(try await anonymous.get(Self.console).status == .unauthorized)
        }
    }
}
