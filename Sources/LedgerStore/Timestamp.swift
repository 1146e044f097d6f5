import Foundation

/// Transaction-time stamps of the ledger: UTC, milliseconds, `2026-11-29T10:41:07.123Z`.
enum Timestamp {
    static func now() -> String { format(Date()) }

    static func format(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: TimeZone(identifier: "UTC")!))
    }
}
