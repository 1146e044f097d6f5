import Hummingbird
import HummingbirdAuth
import LedgerStore

/// The checks of the round pages: who is signed in (the session's token, still valid), and for a
/// post, the session's CSRF token. Every refusal happens before anything is read from the form's
/// fields or written.
struct BrowserAuth: Sendable {
    let ledger: Ledger

    /// The signed-in person, or 401 (no session, an expired one, or a token revoked since sign-in,
    /// which also ends the session).
    func signedIn(_ context: LedgerRequestContext) async throws -> (token: TokenRecord, session: BrowserSession) {
        guard let session = context.sessions.session, let token = session.token else {
            throw APIError(status: .unauthorized, message: "You are not signed in, or your session has expired: sign in again with your token.")
                .worded { $0.text("page.error.not_signed_in") }
        }
        guard let record = try await ledger.nonblocking.authenticate(token: token) else {
            context.sessions.clearSession()
            throw APIError(status: .unauthorized, message: "The token this session was opened with is no longer valid (revoked?): sign in again with a valid token.")
                .worded { $0.text("page.error.token_revoked") }
        }
        context.actor.name = record.actor
        return (record, session)
    }

    /// A posted form of a signed-in session: 401 without a session, 403 without this session's CSRF token.
    func post(_ request: Request, _ context: LedgerRequestContext) async throws -> (token: TokenRecord, session: BrowserSession, form: FormFields) {
        let (token, session) = try await signedIn(context)
        let form = try await FormFields.read(request)
        try Self.checkCSRF(form, expected: session.csrf)
        return (token, session, form)
    }

    /// 403 unless the form's `csrf` field is `expected` (the session's token, or a visitor's sign-in cookie).
    static func checkCSRF(_ form: FormFields, expected: String?) throws {
        guard let expected, BrowserSession.same(form["csrf"], expected) else {
            throw APIError(
                status: .forbidden,
                message: "This form did not carry the CSRF token of your session (it may come from another site or an older page): nothing was written. Reload the page and send the form again."
            ).worded { $0.text("page.error.csrf") }
        }
    }

    /// Remembers a message to show on the next page of the session (after a redirect).
    static func setNotice(_ text: String, _ context: LedgerRequestContext) {
        context.sessions.withLockedSession { $0?.notice = text }
    }

    /// The message remembered for this page, removed from the session.
    static func takeNotice(_ context: LedgerRequestContext) -> String? {
        context.sessions.withLockedSession { data in
            guard let text = data?.notice else { return nil }
            data?.notice = nil
            return text
        }
    }
}
