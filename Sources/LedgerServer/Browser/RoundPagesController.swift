import Hummingbird
import LedgerStore

/// The round pages (waiting for the rounds store): the signed-in landing page.
struct RoundPagesController: Sendable {
    let ledger: Ledger
    let auth: BrowserAuth
    let heavy: HeavyWork

    func addRoutes(to group: RouterGroup<LedgerRequestContext>) {
        group.get("rounds") { _, context in
            let (token, session) = try await auth.signedIn(context)
            return BrowserPage(title: "Reporting rounds", body: "<p class=\"muted\">No round is open.</p>\n", signedIn: (token, session.csrf), notice: BrowserAuth.takeNotice(context)).response()
        }
    }
}
