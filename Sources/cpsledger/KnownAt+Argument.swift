import ArgumentParser
import LedgerModel

/// `--known-at`, read with `@Option(transform: KnownAt.argument)`: a date (the end of that day, UTC)
/// or a UTC time; anything else is refused before the command runs, with the calendar's reason
/// when the date part is of the right form but not a day of the calendar.
extension KnownAt {
    static func argument(_ text: String) throws -> KnownAt {
        if let moment = KnownAt(text) { return moment }
        let day = String(text.prefix(10))
        if let reason = ISODate.problem(with: day), reason.hasPrefix("is not a date:") {
            throw ValidationError("it " + reason + ".")
        }
        throw ValidationError("it is not a date (YYYY-MM-DD) or a UTC time (YYYY-MM-DDTHH:MM[:SS]Z).")
    }
}
