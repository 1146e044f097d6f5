import ArgumentParser
import Foundation
import LedgerModel
import LedgerReports
import LedgerStore

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Compliance reports: summary, state, obligation, matrix, changes, treaties, quality.",
        discussion: """
            Every report takes --format, --as-of DATE (what was in force then), --known-at TIMESTAMP \
            (what the ledger had recorded by then; a date means the end of that day, UTC) and --output \
            FILE. Both dates together answer "what did we report on 1 June 2020 about the end of 2019":
              cpsledger report summary --as-of 2019-12-31 --known-at 2020-06-01

            Filters: --region "African", --theme money-laundering, --article 8.

            Basis: --basis self|assessed|external counts only the cells scored from that basis; \
            imported FATF ratings score the cells their Recommendation links to directly (basis \
            external) unless --external-evidence-only keeps them as evidence (see `cpsledger crosswalk \
            list`).
            """,
        subcommands: [Summary.self, StateCard.self, ObligationView.self, Matrix.self, Changes.self, TreatyAudit.self, Quality.self],
        defaultSubcommand: Summary.self)

    /// Options every report shares.
    struct Options: ParsableArguments {
        @Option(help: "The output format.") var format: ReportRequest.Format = .text
        @Option(help: ArgumentHelp("Status in force on this date (default: today, UTC).", valueName: "YYYY-MM-DD"), transform: ISODate.argument) var asOf: ISODate?
        @Option(help: ArgumentHelp("Only what the ledger had recorded by then; a date means the end of that day, UTC.", valueName: "YYYY-MM-DD[THH:MM[:SS]Z]"),
            transform: KnownAt.argument)
        var knownAt: KnownAt?
        @Option(help: ArgumentHelp("Write here instead of standard output.", valueName: "file")) var output: String?
        @Option(help: ArgumentHelp(
            "Write the report into this new folder with the latest signed checkpoint, the inclusion proof of every event its cells rest on, and a README.txt on checking them.",
            valueName: "dir"))
        var proof: String?
        @Option(help: "Only this regional group, e.g. \"African\".") var region: String?
        @Option(help: "Only obligations with this theme, e.g. money-laundering.") var theme: String?
        @Option(help: "Only this Article, e.g. 8 (7 is Article 7 itself, 7a Article 7(a)).") var article: String?
        @Option(help: "Treaties the accession obligations require: 1996 (default) or current.") var treatySet: String?
        @Option(help: "Only cells scored from this basis: self, assessed or external.") var basis: String?
        @Flag(help: "Show imported FATF ratings as evidence only: they never score a cell.") var externalEvidenceOnly = false
        @Option(help: ArgumentHelp("'unpublished': count the answers of reporting rounds not yet published (not the published record).", valueName: "what"))
        var include: String?
        @Option(help: ArgumentHelp("Language of text, Markdown and HTML: ar, en, es, fr, ru or zh (default: from LANG; JSON and CSV stay English).", valueName: "code"))
        var lang: String?

        /// `--lang`, else the language of `LC_ALL`, `LC_MESSAGES` or `LANG` when it is one of the six, else English.
        func language() throws -> Language {
            if let lang {
                guard let language = Language(tag: lang) else {
                    throw ValidationError("--lang '\(lang)' is not one of the six UN languages; use ar, en, es, fr, ru or zh.")
                }
                return language
            }
            let environment = ProcessInfo.processInfo.environment
            for name in ["LC_ALL", "LC_MESSAGES", "LANG"] {
                guard let value = environment[name], !value.isEmpty else { continue }
                return Language(tag: value) ?? .en
            }
            return .en
        }

        func includeUnpublished() throws -> Bool {
            guard let include else { return false }
            guard include == "unpublished" else { throw ValidationError("--include '\(include)' is not known; the one value is 'unpublished'.") }
            if knownAt != nil { throw ValidationError("--include unpublished shows today's drafts; it cannot be combined with --known-at.") }
            return true
        }

        func date() throws -> ISODate { try asOf.map { try served($0, option: "as-of") } ?? ISODate.utc() }

        func filter(_ ledger: Ledger) throws -> ComplianceSnapshot.Filter {
            var filter: ComplianceSnapshot.Filter
            do {
                filter = try ComplianceSnapshot.Filter.parse(region: region, theme: theme, article: article, catalogue: ledger.catalogue)
            } catch {
                throw ValidationError("--" + error.description)
            }
            if let basis {
                guard let parsed = ComplianceSnapshot.Basis(rawValue: basis) else {
                    throw ValidationError("--basis '\(basis)' is not a basis; use one of: "
                        + ComplianceSnapshot.Basis.allCases.map(\.rawValue).joined(separator: ", ") + ".")
                }
                filter.basis = parsed
            }
            filter.externalScores = !externalEvidenceOnly
            return filter
        }

        /// Renders the report through the same `ReportRequest` the server uses, and writes it.
        @discardableResult
        func produce(
            _ kind: ReportRequest.Kind, ledger: LedgerFileOptions, subject: String? = nil, from: ISODate? = nil, to: ISODate? = nil,
            staleYears: Int? = nil, staleDataYears: Int? = nil
        ) throws -> ReportRequest.Output {
            if format == .xlsx, self.output == nil, proof == nil, isatty(STDOUT_FILENO) == 1 {
                throw ValidationError("--format xlsx writes a binary workbook; give --output FILE.xlsx (or redirect standard output to a file).")
            }
            let opened = try ledger.open()
            var request = ReportRequest(
                kind: kind, format: format, asOf: try to ?? date(), knownAt: knownAt,
                treatySet: treatySet, filter: try filter(opened), subject: subject, from: from, staleYears: staleYears,
                staleDataYears: staleDataYears)
            request.includeUnpublished = try includeUnpublished()
            request.language = try language()
            // A problem of the request (a State or a region that is not one) is a mistake in the command line: status 64.
            guard let proof else {
                let output = try request.render(ledger: opened)
                try withOutputBuffer(self.output) { buffer in try buffer.write(bytes: output.bytes) }
                return output
            }
            try ReportProofFolder.prepare(proof)
            let (output, evidence) = try request.renderWithEvidence(ledger: opened)
            let folder = ReportProofFolder(path: proof, request: request, output: output, evidence: evidence)
            try folder.write()
            if let path = self.output { try withOutputBuffer(path) { buffer in try buffer.write(bytes: output.bytes) } }
            warn("Wrote \(proof)/\(folder.reportName) and the inclusion proofs of the \(evidence.events.count) events its cells rest on "
                + "(tree size \(evidence.proofSize)); \(proof)/README.txt says how to check them.")
            return output
        }
    }

    struct Summary: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "summary",
            abstract: "Coverage, score and status counts: globally, per regional group, per Article, per theme.",
            discussion: """
                Example:
                  cpsledger report summary --as-of 2000-12-31 --format html \\
                    --output summary.html
                """)

        @OptionGroup var ledger: LedgerFileOptions
        @Option(parsing: .unconditional, help: "List treaties whose status data is older than this many years as stale in the notes.") var staleDataYears: Int = 5
        @OptionGroup var options: Options

        func validate() throws { try checkYears(staleDataYears, option: "stale-data-years") }
        func run() throws { try options.produce(.summary, ledger: ledger, staleDataYears: staleDataYears) }
    }

    struct StateCard: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "state", abstract: "The scorecard of one State: every obligation, its status, rating, measure and evidence.",
            discussion: "Example:\n  cpsledger report state FRA --format md")

        @OptionGroup var ledger: LedgerFileOptions
        @Argument(help: "ISO3 code.") var iso3: String
        @OptionGroup var options: Options

        func run() throws { try options.produce(.state, ledger: ledger, subject: iso3) }
    }

    struct ObligationView: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "obligation", abstract: "One obligation across all States: the distribution of statuses, the States in each, the measures cited.",
            discussion: "Example:\n  cpsledger report obligation art8.record-keeping --region African")

        @OptionGroup var ledger: LedgerFileOptions
        @Argument(help: "Obligation id.") var id: String
        @OptionGroup var options: Options

        func run() throws { try options.produce(.obligation, ledger: ledger, subject: id) }
    }

    struct Matrix: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "matrix",
            abstract: "States × obligations, the status of every cell (CSV: one row per cell).",
            discussion: "Example:\n  cpsledger report matrix --format csv --output matrix.csv")

        @OptionGroup var ledger: LedgerFileOptions
        @OptionGroup var options: Options

        func run() throws { try options.produce(.matrix, ledger: ledger) }
    }

    struct Changes: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "changes",
            abstract: "Every cell whose status or rating changed between two dates, with the events that changed it.",
            discussion: """
                With --fail-on-regression the exit status is 3 when any cell went down, so a secretariat \
                can run it on a schedule:
                  cpsledger report changes --from 2024-01-01 --to 2024-12-31 \\
                    --fail-on-regression
                """)

        @OptionGroup var ledger: LedgerFileOptions
        @Option(help: ArgumentHelp("The earlier date.", valueName: "YYYY-MM-DD"), transform: ISODate.argument) var from: ISODate
        @Option(help: ArgumentHelp("The later date.", valueName: "YYYY-MM-DD"), transform: ISODate.argument) var to: ISODate
        @Flag(help: "Exit with status 3 when any cell went down.") var failOnRegression = false
        @OptionGroup var options: Options

        func run() throws {
            let start = try served(from, option: "from"), end = try served(to, option: "to")
            guard start <= end else { throw ValidationError("--from \(start) is after --to \(end).") }
            let output = try options.produce(.changes, ledger: ledger, from: start, to: end)
            if failOnRegression && output.regressions > 0 {
                warn("\(output.regressions) cell\(output.regressions == 1 ? "" : "s") went down between \(start) and \(end).")
                throw ExitCode(.alarm)
            }
        }
    }

    struct TreatyAudit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "treaties",
            abstract: "The treaty accession audit: parties, signatories, missing Member States, gaps per State, timeline.",
            discussion: """
                JSON: as_of, requirement_set, stale_years, stale_data_years, treaties (id, untc, \
                short_title, title, adopted, entry_into_force, status_as_at, status_source, status_form, \
                stale, has_data, parties, parties_at_status_date, published (parties, signatories, as_at, \
                file, source, header_only), caveats, member_state_parties, signatories, \
                signatories_not_party, member_states_not_party, non_member_parties), gaps (state, \
                obligation, status, basis, missing, unknown), stale_signatures (state, treaty, signed, \
                years), timeline (treaty, year, parties; it stops at each treaty's status as-at date), \
                notes. CSV: one row per State × treaty.

                Example:
                  cpsledger report treaties --treaty VI-19 --as-of 2000-12-31 --format md
                """)

        @OptionGroup var ledger: LedgerFileOptions
        @Option(help: "Only this treaty (id or UNTC reference).") var treaty: String?
        @Option(parsing: .unconditional, help: "Flag signatures older than this many years without ratification.") var staleYears: Int = 10
        @Option(parsing: .unconditional, help: "Mark treaties whose newest status data is older than this many years as stale.") var staleDataYears: Int = 5
        @OptionGroup var options: Options

        func validate() throws {
            try checkYears(staleYears, option: "stale-years")
            try checkYears(staleDataYears, option: "stale-data-years")
        }
        func run() throws {
            try options.produce(.treaties, ledger: ledger, subject: treaty, staleYears: staleYears, staleDataYears: staleDataYears)
        }
    }

    struct Quality: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "quality",
            abstract: "What a careful reviewer would flag: unsourced claims, contradictions, stale plans.",
            discussion: """
                Flags: implemented_without_source, not_applicable_without_justification, \
                self_report_contradicts_assessment, stale (planned or partial for more than \
                --stale-years), contradicts_treaty_status (implements a treaty the State is party to none \
                of), stale_treaty_data (an accession cell resting on treaty status data older than \
                --stale-data-years).
                """)

        @OptionGroup var ledger: LedgerFileOptions
        @Option(parsing: .unconditional, help: "Flag planned or partial cells older than this many years.") var staleYears: Int = 5
        @Option(parsing: .unconditional, help: "Flag accession cells resting on treaty status data older than this many years.") var staleDataYears: Int = 5
        @OptionGroup var options: Options

        func validate() throws {
            try checkYears(staleYears, option: "stale-years")
            try checkYears(staleDataYears, option: "stale-data-years")
        }
        func run() throws { try options.produce(.quality, ledger: ledger, staleYears: staleYears, staleDataYears: staleDataYears) }
    }
}

/// Checks that reports are served for a date option (argument-parser has checked its form): a date
/// outside ``ReportRequest/servedDates(today:)`` throws the reports' own problem, which says the range
/// and ends the command with status 64, as any value the command line gets wrong.
func served(_ date: ISODate, option: String) throws(ReportRequest.Problem) -> ISODate {
    try ReportRequest.checkServed(date, field: "--" + option)
    return date
}

/// Refuses a negative number of years (`--stale-years=-5` would flag everything), as the server does.
func checkYears(_ years: Int, option: String) throws {
    guard years >= 0 else { throw ValidationError("--\(option) \(years) must be 0 or more (a number of years).") }
}
