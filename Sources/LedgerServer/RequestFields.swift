import Foundation
import Hummingbird
import LedgerModel

/// Reading a JSON request body into the text fields the validators take: the body must be one
/// JSON object, every value a string (or null), and every key one of the allowed field names.
enum RequestFields {
    static func read(_ request: Request, allowed: [String]) async throws -> [String: String] {
        try strings(try await object(request, allowed: allowed))
    }

    /// The text fields of a body read by ``object(_:allowed:)``: every value a string (or null).
    static func strings(_ object: [String: Any]) throws -> [String: String] {
        var fields: [String: String] = [:]
        for key in object.keys.sorted() {
            switch object[key] {
            case let text as String: fields[key] = text
            case is NSNull: break
            default:
                throw APIError.badRequest("Field '\(key)' must be a string (dates as \"YYYY-MM-DD\"), not \(Self.kind(of: object[key]!)).", field: key)
            }
        }
        return fields
    }

    /// A body of fields of several types (text, lists, flags): one JSON object, each key one of the
    /// allowed names and given once. ``string(_:in:)``, ``list(_:in:)`` and ``flag(_:in:)`` read its values.
    static func object(_ request: Request, allowed: [String]) async throws -> [String: Any] {
        let buffer = try await request.body.collect(upTo: LedgerServer.maxBodySize)
        let data = Data(buffer.readableBytesView)
        guard !data.isEmpty else { throw APIError.badRequest("The request needs a JSON object body with the fields " + allowed.joined(separator: ", ") + ".") }
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            // Foundation's text ("The data is not in the correct format") helps nobody; the content type often does.
            let type = request.headers[.contentType].map { " (sent as Content-Type: \($0))" } ?? ""
            throw APIError.badRequest("The body is not valid JSON\(type); send one JSON object with Content-Type: application/json.")
        }
        guard let object = parsed as? [String: Any] else {
            throw APIError.badRequest("The body must be a JSON object with the fields " + allowed.joined(separator: ", ") + ".")
        }
        // JSONSerialization keeps the last of two equal keys: {"state":"FRA","state":"DEU"} would write DEU.
        var seen = Set<String>()
        for key in topLevelKeys(data) where !seen.insert(key).inserted {
            throw APIError.badRequest("Field '\(key)' is given twice; give each field once.", field: key)
        }
        for key in object.keys.sorted() where !allowed.contains(key) {
            let hint = Suggestion.nearest(to: key, among: allowed)
            throw APIError.badRequest(
                "Unknown field '\(key)'" + (hint.isEmpty ? "" : "; did you mean \(hint.joined(separator: " or "))?") + " Allowed: " + allowed.joined(separator: ", ") + ".",
                field: key)
        }
        return object
    }

    /// A text field of ``object(_:allowed:)``: nil when absent or null; 400 naming the field when not a string.
    static func string(_ key: String, in object: [String: Any]) throws -> String? {
        switch object[key] {
        case nil, is NSNull: return nil
        case let text as String: return text
        case let other?: throw APIError.badRequest("Field '\(key)' must be a string, not \(kind(of: other)).", field: key)
        }
    }

    /// A list field of ``object(_:allowed:)`` (an array of strings): nil when absent or null; 400 naming the field otherwise.
    static func list(_ key: String, in object: [String: Any]) throws -> [String]? {
        switch object[key] {
        case nil, is NSNull: return nil
        case let items as [Any]:
            guard let texts = items as? [String], items.allSatisfy({ $0 is String }) else {
                throw APIError.badRequest("Field '\(key)' must be an array of strings, e.g. [\"FRA\", \"KEN\"].", field: key)
            }
            return texts
        case let other?:
            throw APIError.badRequest("Field '\(key)' must be an array of strings (e.g. [\"FRA\", \"KEN\"]), not \(kind(of: other)).", field: key)
        }
    }

    /// A flag field of ``object(_:allowed:)``: false when absent or null; 400 naming the field when not a boolean.
    static func flag(_ key: String, in object: [String: Any]) throws -> Bool {
        switch object[key] {
        case nil, is NSNull: return false
        case let number as NSNumber where isBool(number): return number.boolValue
        case let other?: throw APIError.badRequest("Field '\(key)' must be true or false, not \(kind(of: other)).", field: key)
        }
    }

    /// The keys of the top-level object of `data` (valid JSON, an object), in order and with repeats.
    static func topLevelKeys(_ data: Data) -> [String] {
        let bytes = [UInt8](data)
        var keys: [String] = []
        var depth = 0, index = 0, expectingKey = false
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                var end = index + 1
                while end < bytes.count, bytes[end] != UInt8(ascii: "\"") { end += bytes[end] == UInt8(ascii: "\\") ? 2 : 1 }
                if depth == 1, expectingKey, end < bytes.count,
                    let key = try? JSONSerialization.jsonObject(with: Data(bytes[index...end]), options: [.fragmentsAllowed]) as? String
                {
                    keys.append(key)
                }
                expectingKey = false
                index = end + 1
                continue
            }
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                expectingKey = byte == UInt8(ascii: "{") && depth == 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1
            case UInt8(ascii: ","): if depth == 1 { expectingKey = true }
            default: break
            }
            index += 1
        }
        return keys
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
