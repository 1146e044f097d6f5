import Foundation
import Hummingbird
import LedgerModel

/// Reading a JSON request body into the text fields the validators take: the body must be one
/// JSON object, every value a string (or null), and every key one of the allowed field names.
enum RequestFields {
    static func read(_ request: Request, allowed: [String]) async throws -> [String: String] {
        let buffer = try await request.body.collect(upTo: LedgerServer.maxBodySize)
        let data = Data(buffer.readableBytesView)
        guard !data.isEmpty else { throw APIError.badRequest("The request needs a JSON object body with the fields " + allowed.joined(separator: ", ") + ".") }
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            throw APIError.badRequest("The body is not valid JSON: \(error.localizedDescription)")
        }
        guard let object = parsed as? [String: Any] else {
            throw APIError.badRequest("The body must be a JSON object with the fields " + allowed.joined(separator: ", ") + ".")
        }
        var fields: [String: String] = [:]
        for key in object.keys.sorted() {
            guard allowed.contains(key) else {
                let hint = Suggestion.nearest(to: key, among: allowed)
                throw APIError.badRequest(
                    "Unknown field '\(key)'" + (hint.isEmpty ? "" : "; did you mean \(hint.joined(separator: " or "))?") + " Allowed: " + allowed.joined(separator: ", ") + ".",
                    field: key)
            }
            switch object[key] {
            case let text as String: fields[key] = text
            case is NSNull: break
            default:
                throw APIError.badRequest("Field '\(key)' must be a string (dates as \"YYYY-MM-DD\"), not \(Self.kind(of: object[key]!)).", field: key)
            }
        }
        return fields
    }

    static func kind(of value: Any) -> String {
        switch value {
        case is [Any]: "an array"
        case is [String: Any]: "an object"
        case let number as NSNumber: isBool(number) ? "a boolean" : "a number"
        default: "another type"
        }
    }

    /// Whether an NSNumber holds a boolean (JSONSerialization reads true/false as NSNumber).
    static func isBool(_ number: NSNumber) -> Bool {
        String(cString: number.objCType) == "c" && (number == NSNumber(value: true) || number == NSNumber(value: false))
    }
}
