import ArgumentParser
import LedgerModel

/// A date option (`--as-of 2000-12-31`), read with `@Option(transform: ISODate.argument)`:
/// argument-parser refuses a value that is not a real `YYYY-MM-DD` date before the command runs,
/// naming the option, the value and the calendar's reason, as a file or the API words it ("it is
/// not a date: February 2020 has 29 days"). `ISODate` is deliberately not `ExpressibleByArgument`,
/// whose failure can give no reason: a date option declared without the transform does not compile.
extension ISODate {
    static func argument(_ text: String) throws -> ISODate {
        guard let date = ISODate(text) else { throw ValidationError("it " + (ISODate.problem(with: text) ?? "is not a date") + ".") }
        return date
    }
}
