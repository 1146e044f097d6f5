import ArgumentParser
import LedgerModel

/// A date option (`--as-of 2000-12-31`): argument-parser refuses a value that is not a real
/// `YYYY-MM-DD` date before the command runs, naming the option and the value.
extension ISODate: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}
