import Foundation

/// Transaction-time stamps of the ledger: UTC, milliseconds, `2026-11-29T10:41:07.123Z`.
package enum Timestamp {
    static func now() -> String { format(Date()) }

    static func format(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: TimeZone(identifier: "UTC")!))
    }

    /// The time a stamp names, with or without milliseconds; nil for text that is no stamp.
    package static func parse(_ text: String) -> Date? {
        let utc = TimeZone(identifier: "UTC")!
        return (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: utc).parse(text))
            ?? (try? Date.ISO8601FormatStyle(timeZone: utc).parse(text))
    }
}
