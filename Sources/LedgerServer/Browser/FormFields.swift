import Foundation
import Hummingbird

/// The fields of a posted HTML form (`application/x-www-form-urlencoded`), as the browser sends them.
struct FormFields: Sendable {
    private(set) var values: [String: String] = [:]

    /// Reads the body of `request` (at most ``LedgerServer/maxBodySize`` bytes). A field given twice
    /// keeps its first value: the pages never send one twice.
    static func read(_ request: Request) async throws -> FormFields {
        let buffer = try await request.body.collect(upTo: LedgerServer.maxBodySize)
        return FormFields(body: String(decoding: buffer.readableBytesView, as: UTF8.self))
    }

    init(body: String) {
        for pair in body.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let name = Self.decode(parts[0]), values[name] == nil else { continue }
            values[name] = parts.count > 1 ? (Self.decode(parts[1]) ?? "") : ""
        }
    }

    static func decode(_ text: Substring) -> String? {
        text.replacingOccurrences(of: "+", with: " ").removingPercentEncoding
    }

    subscript(name: String) -> String? { values[name] }

    /// The value of `name` with surrounding white space removed, nil when that leaves nothing.
    func trimmed(_ name: String) -> String? {
        guard let text = values[name]?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return text
    }
}
