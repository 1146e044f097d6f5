import ArgumentParser
import LedgerReports

/// `--format` of the reports is the reports' own format: argument-parser lists its values in `--help`
/// and refuses others, and a format added to the reports is an option value with no change here.
extension ReportRequest.Format: ExpressibleByArgument {}
