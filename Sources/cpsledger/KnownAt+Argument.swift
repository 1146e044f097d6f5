import ArgumentParser
import LedgerModel

/// `--known-at` as a typed option: a date (the end of that day, UTC) or a UTC time; argument-parser
/// refuses anything else before the command runs.
extension KnownAt: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
}
