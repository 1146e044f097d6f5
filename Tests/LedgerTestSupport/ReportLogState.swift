import Foundation

/// A report's log state (the `log` object of JSON, the "Transparency log: ..." line of the other
/// formats) taken out, for comparing the figures of two ledgers, or of one at two moments, whose
/// trees differ.
public enum ReportLogState {
    /// The report without its log state; JSON comes back with sorted keys.
    public static func removed(from body: String) throws -> String {
        if body.hasPrefix("{"), var object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any] {
            object["log"] = nil
            return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        }
        return body.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.contains("Transparency log: computed at tree size") }
            .joined(separator: "\n")
    }
}
