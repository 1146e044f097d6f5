import Foundation
import HTTPTypes
import Hummingbird
import LedgerModel
import LedgerStore

/// An error a client caused, answered with its HTTP status and a JSON body that names the field:
/// `{"error": {"status": 400, "message": "...", "field": "state", "value": "FRANCE", "issues": [...]}}`.
/// An error of the ledger also carries its `code` (the case: `unknown_measure`, `already_retracted`,
/// `busy`, ...) so that a program can tell the cases apart without reading the message.
struct APIError: HTTPResponseError {
    let status: HTTPResponse.Status
    let message: String
    var field: String?
    var value: String?
    var issues: [FieldIssue] = []
    /// The ledger error's case, for programs (``from(_:)``); nil for the server's own refusals.
    var code: String?
    /// Seconds after which the client may try again (a 503), sent as `Retry-After`.
    var retryAfter: Int?
    /// The methods the path answers (a 405), sent as `Allow`.
    var allow: [String]?
    /// What a person in a browser is told instead of ``message``, where the API's sentence speaks of
    /// the API (an unknown path); nil: the same sentence.
    var pageMessage: String?
    /// The sentence a person reads on an HTML page, in their language (from the catalogue); nil: the
    /// English ``message`` (or ``pageMessage``). The JSON body never changes.
    var pageWords: (@Sendable (Localizer) -> String)?

    /// The error with the sentence its HTML page shows.
    func worded(_ words: @escaping @Sendable (Localizer) -> String) -> APIError {
        var error = self
        error.pageWords = words
        return error
    }

    var headers: HTTPFields {
        var fields: HTTPFields = [.contentType: "application/json"]
        if let retryAfter { fields[.retryAfter] = String(retryAfter) }
        if let allow { fields[.allow] = allow.joined(separator: ", ") }
        return fields
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var error: [String: JSONValue] = ["status": .int(status.code), "message": .string(message)]
        if let code { error["code"] = .string(code) }
        if let field { error["field"] = .string(field) }
        if let value { error["value"] = .string(value) }
        if !issues.isEmpty {
            error["issues"] = .array(issues.map { issue in
                .object([
                    "field": .string(issue.field), "value": .string(issue.value), "message": .string(issue.message),
                    "suggestions": .array(issue.suggestions.map { .string($0) }),
                ])
            })
        }
        let body = JSONValue.object(["error": .object(error)]).canonicalText + "\n"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    static func badRequest(_ message: String, field: String? = nil, value: String? = nil) -> APIError {
        APIError(status: .badRequest, message: message, field: field, value: value)
    }

    static func invalid(_ failure: ValidationFailure) -> APIError {
        APIError(
            status: .badRequest, message: LedgerError.invalid(failure).description, field: failure.issues.first?.field,
            value: failure.issues.first?.value, issues: failure.issues)
    }

    static func notFound(_ message: String) -> APIError { APIError(status: .notFound, message: message) }

    /// 503 with `Retry-After`: the server cannot take the request now, but may in `retryAfter` seconds.
    static func unavailable(_ message: String, retryAfter: Int) -> APIError {
        APIError(status: .serviceUnavailable, message: message, retryAfter: retryAfter)
    }

    /// `response` with this error's `Retry-After`, when it has one: for the HTML pages that word the
    /// error themselves, so a busy ledger answers 503 with `Retry-After` on every write route.
    func withRetryAfter(_ response: Response) -> Response {
        guard let retryAfter else { return response }
        var response = response
        response.headers[.retryAfter] = String(retryAfter)
        return response
    }

    /// The HTTP answer to a ledger error: its status, its `code`, the field and value it is about where
    /// it has one, and the ledger's own sentence (which names no command or flag). A case added to
    /// `LedgerError` later is a 400 with its sentence and its own code until it is placed here.
    static func from(_ error: LedgerError) -> APIError {
        var answer: APIError
        switch error {
        case .invalid(let failure): answer = invalid(failure)
        case .unknownMeasure(let seq): answer = APIError(status: .notFound, message: error.description, field: "seq", value: String(seq))
        case .unknownToken(let id): answer = APIError(status: .notFound, message: error.description, field: "id", value: String(id))
        case .alreadyRetracted, .duplicateMeasure: answer = APIError(status: .conflict, message: error.description)
        case .missingReason: answer = APIError(status: .badRequest, message: error.description, field: "reason", value: "")
        case .outsideState(_, let state, _): answer = APIError(status: .forbidden, message: error.description, field: "state", value: state)
        // The ledger file holds what cpsledger never writes: the server's data is at fault, not the request.
        case .badStoredValue, .orphanRow: answer = APIError(status: .internalServerError, message: error.description)
        case .round(.unknownRound): answer = APIError(status: .notFound, message: error.description)
        case .round(.notAsked), .round(.emptyRound): answer = APIError(status: .badRequest, message: error.description)
        case .round: answer = APIError(status: .conflict, message: error.description)
        case .busy(_, let retryAfter):
            answer = unavailable("The ledger is busy: another process (an import?) is writing to it; nothing was written. Try again in \(retryAfter) s.", retryAfter: retryAfter)
        // The server's storage or clock is at fault, not the request: 503 (as for a busy ledger, which
        // every write route already declares) with what happened; reads keep answering meanwhile.
        case .diskFull:
            answer = APIError(status: .serviceUnavailable, message: "The server's disk is full; nothing was written. Reading still works; send the write again once the operator has freed space.")
        case .readOnlyStorage:
            answer = APIError(status: .serviceUnavailable, message: "The server's storage has become read-only; nothing was written. Reading still works; send the write again once the operator has made it writable.")
        case .storageFailed:
            answer = APIError(status: .serviceUnavailable, message: "The server's storage failed while writing; the write was not made. Reading still works; send the write again once the operator has mended the storage.")
        case .clockBehind, .clockAhead:
            answer = APIError(status: .serviceUnavailable, message: "The server's clock is wrong: " + error.description)
        default: answer = APIError(status: .badRequest, message: error.description)
        }
        answer.code = code(of: error)
        return answer
    }

    /// The stable code of a ledger error, written out case by case so that renaming a Swift case never
    /// changes the API; for a round problem, the problem's own code (`round_closed`, `not_submitted`).
    /// The OpenAPI document lists every code (`Error.error.code`), and a test holds the two together.
    /// No `default:`: a case added to `LedgerError` does not build until it has its code here.
    static func code(of error: LedgerError) -> String {
        switch error {
        case .invalid: "invalid"
        case .importRejected: "import_rejected"
        case .badHeader: "bad_header"
        case .repeatedColumns: "repeated_columns"
        case .unreadableFile: "unreadable_file"
        case .unknownMeasure: "unknown_measure"
        case .alreadyRetracted: "already_retracted"
        case .duplicateMeasure: "duplicate_measure"
        case .missingReason: "missing_reason"
        case .notALedger: "not_a_ledger"
        case .destinationExists: "destination_exists"
        case .unknownToken: "unknown_token"
        case .untcUnreadable: "untc_unreadable"
        case .outsideState: "outside_state"
        case .keyFileExists: "key_file_exists"
        case .missingEvidence: "missing_evidence"
        case .busy: "busy"
        case .newerLedger: "newer_ledger"
        case .unwritable: "unwritable"
        case .badStoredValue: "bad_stored_value"
        case .orphanRow: "orphan_row"
        case .referenceDataEdited: "reference_data_edited"
        case .diskFull: "disk_full"
        case .readOnlyStorage: "read_only_storage"
        case .storageFailed: "storage_failed"
        case .clockBehind: "clock_behind"
        case .clockAhead: "clock_ahead"
        case .outsideLog: "outside_log"
        case .round(let problem):
            switch problem {
            case .unknownRound: "unknown_round"
            case .roundExists: "round_exists"
            case .roundClosed: "round_closed"
            case .notAsked: "not_asked"
            case .emptyRound: "empty_round"
            case .measureAlreadyDrafted: "measure_already_drafted"
            case .draftNotLive: "draft_not_live"
            case .nothingToCorrect: "nothing_to_correct"
            case .nothingToSubmit: "nothing_to_submit"
            case .notSubmitted: "not_submitted"
            case .nothingToPublish: "nothing_to_publish"
            case .publishConflict: "publish_conflict"
            }
        case .ocIndex(let problem):
            switch problem {
            case .notAWorkbook: "ocindex_not_a_workbook"
            case .noDataset: "ocindex_no_dataset"
            case .unknownLayout: "ocindex_unknown_layout"
            case .rejected: "ocindex_rejected"
            }
        }
    }
}
