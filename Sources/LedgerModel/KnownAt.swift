/// A moment of transaction time: what the ledger had recorded by then (`--known-at`).
///
/// Written like the ledger's `recorded_at` (`2020-06-01T12:00:00.000Z`, UTC). A bare date means the
/// end of that day, UTC.
public struct KnownAt: Sendable, Hashable, CustomStringConvertible {
    /// The bound, in the ledger's `recorded_at` form; events recorded at or before it count.
    public let timestamp: String

    /// Parses `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM[:SS[.mmm]]Z` (or without the Z); nil otherwise.
    public init?(_ text: String) {
        if let date = ISODate(text) {
            timestamp = date.description + "T23:59:59.999Z"
            return
        }
        // Only ASCII digits, letters T and Z, and the separators: `Int("+1")` would otherwise pass as an hour.
        guard text.utf8.allSatisfy({ (0x30...0x3A).contains($0) || $0 == 0x2D || $0 == 0x2E || $0 == 0x54 || $0 == 0x5A }) else { return nil }
        var body = text
        if body.hasSuffix("Z") { body.removeLast() }
        let parts = body.split(separator: "T", omittingEmptySubsequences: false)
        guard parts.count == 2, let date = ISODate(parts[0]) else { return nil }
        let time = parts[1].split(separator: ":", omittingEmptySubsequences: false)
        guard time.count == 2 || time.count == 3,
            let hour = Int(time[0]), (0...23).contains(hour), time[0].count == 2,
            let minute = Int(time[1]), (0...59).contains(minute), time[1].count == 2
        else { return nil }
        var seconds = "00.000"
        if time.count == 3 {
            let s = time[2].split(separator: ".", omittingEmptySubsequences: false)
            guard let whole = Int(s[0]), (0...59).contains(whole), s[0].count == 2, s.count <= 2 else { return nil }
            var fraction = s.count == 2 ? String(s[1]) : ""
            guard fraction.allSatisfy(\.isNumber), fraction.count <= 3 else { return nil }
            fraction += String(repeating: "0", count: 3 - fraction.count)
            seconds = String(s[0]) + "." + fraction
        }
        timestamp = "\(date)T\(time[0]):\(time[1]):\(seconds)Z"
    }

    public var description: String { timestamp }
}
