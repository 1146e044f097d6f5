import Foundation
import HTTPTypes
import Hummingbird
import LedgerModel
import LedgerStore

/// An error a client caused, answered with its HTTP status and a JSON body that names the field:
/// `{"error": {"status": 400, "message": "...", "field": "state", "value": "FRANCE", "issues": [...]}}`.
struct APIError: HTTPResponseError {
    let status: HTTPResponse.Status
    let message: String
    var field: String?
    var value: String?
    var issues: [FieldIssue] = []
    /// Seconds after which the client may try again (a 503), sent as `Retry-After`.
    var retryAfter: Int?

    var headers: HTTPFields {
        var fields: HTTPFields = [.contentType: "application/json"]
        if let retryAfter { fields[.retryAfter] = String(retryAfter) }
        return fields
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var error: [String: JSONValue] = ["status": .int(status.code), "message": .string(message)]
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
            status: .badRequest, message: "Invalid input, nothing written: " + failure.description + ".", field: failure.issues.first?.field,
            value: failure.issues.first?.value, issues: failure.issues)
    }

    static func notFound(_ message: String) -> APIError { APIError(status: .notFound, message: message) }

    /// 503 with `Retry-After`: the server cannot take the request now, but may in `retryAfter` seconds.
    static func unavailable(_ message: String, retryAfter: Int) -> APIError {
        APIError(status: .serviceUnavailable, message: message, retryAfter: retryAfter)
    }

    /// The HTTP answer to a ledger error.
    static func from(_ error: LedgerError) -> APIError {
        switch error {
        case .invalid(let failure): invalid(failure)
        case .unknownMeasure, .unknownToken: APIError(status: .notFound, message: error.description)
        case .alreadyRetracted, .duplicateMeasure: APIError(status: .conflict, message: error.description)
        case .outsideState: APIError(status: .forbidden, message: error.description)
        case .round(.unknownRound): APIError(status: .notFound, message: error.description)
        case .round(.notAsked), .round(.emptyRound): APIError(status: .badRequest, message: error.description)
        case .round: APIError(status: .conflict, message: error.description)
        case .busy(_, let retryAfter):
            unavailable("The ledger is busy: another process (an import?) is writing to it; nothing was written. Try again in \(retryAfter) s.", retryAfter: retryAfter)
        default: APIError(status: .badRequest, message: error.description)
        }
    }
}
