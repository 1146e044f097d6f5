import Foundation

/// An `Accept` header, enough to tell whether a client prefers HTML or JSON: each media range with
/// its `q` weight (1 when absent).
struct AcceptHeader {
    var ranges: [(type: String, q: Double)] = []

    init(_ header: String) {
        for item in header.split(separator: ",") {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let type = parts.first, !type.isEmpty else { continue }
            let q = parts.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            ranges.append((type, q))
        }
    }

    /// The weight of `type` (`text/html`): that of the most specific range that covers it (no header:
    /// everything at 1), and whether a range names it or its kind (`text/*`) rather than `*/*`.
    func quality(of type: String) -> (value: Double, named: Bool) {
        guard !ranges.isEmpty else { return (1, false) }
        let kind = type.split(separator: "/").first.map { $0 + "/*" } ?? ""
        if let exact = ranges.first(where: { $0.type == type }) { return (exact.q, true) }
        if let partial = ranges.first(where: { $0.type == kind }) { return (partial.q, true) }
        if let any = ranges.first(where: { $0.type == "*/*" }) { return (any.q, false) }
        return (0, false)
    }
}
