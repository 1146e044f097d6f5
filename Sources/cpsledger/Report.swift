import ArgumentParser
import LedgerModel
import LedgerReports
import LedgerStore

struct Report: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Compliance reports.", subcommands: [Summary.self, TreatyAudit.self], defaultSubcommand: Summary.self)

    struct Summary: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Coverage and score per regional group, per Article and per theme.",
            discussion: """
                Scores follow the rules in the README: an assessed rating beats the self-reported status;
                not_applicable cells leave the denominator; not_reported cells lower coverage only.

                Example:
                  cpsledger report summary --as-of 2000-12-31 --format json
                """)

        @OptionGroup var ledger: LedgerOptions
        @Option(help: "text or json.") var format: OutputFormat = .text
        @Option(help: ArgumentHelp("Status in force on this date (default: today).", valueName: "YYYY-MM-DD")) var asOf: String?
        @Option(help: "Treaties the accession obligations require: 1996 (default) or current.") var treatySet: String?

        func run() throws {
            let date = try asOf.map { try parseDate($0, option: "as-of") } ?? today()
            let opened = try guarded { try ledger.open() }
            try checkSet(treatySet, opened)
            let report = try SummaryReport.make(ledger: opened, asOf: date, treatySet: treatySet)
            emit(format == .json ? try report.renderJSON() : report.renderText())
        }
    }

    enum AuditFormat: String, ExpressibleByArgument, CaseIterable { case text, json, csv, md }

    struct TreatyAudit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "treaties",
            abstract: "The treaty accession audit: parties, signatories, missing Member States, gaps per State, timeline.",
            discussion: """
                JSON: as_of, requirement_set, stale_years, treaties (id, untc, short_title, title, adopted,
                entry_into_force, status_as_at, has_data, parties, member_state_parties, signatories,
                signatories_not_party, member_states_not_party, non_member_parties), gaps (state, obligation,
                status, basis, missing, unknown), stale_signatures (state, treaty, signed, years),
                timeline (treaty, year, parties), notes. CSV: one row per State × treaty.

                Example:
                  cpsledger report treaties --treaty VI-19 --as-of 2000-12-31 --format md
                """)

        @OptionGroup var ledger: LedgerOptions
        @Option(help: "Only this treaty (id or UNTC reference).") var treaty: String?
        @Option(help: ArgumentHelp("Status on this date (default: today).", valueName: "YYYY-MM-DD")) var asOf: String?
        @Option(help: "text, json, csv or md.") var format: AuditFormat = .text
        @Option(help: "Flag signatures older than this many years without ratification.") var staleYears: Int = 10
        @Option(help: "Treaties the accession obligations require: 1996 (default) or current.") var treatySet: String?

        func run() throws {
            let date = try asOf.map { try parseDate($0, option: "as-of") } ?? today()
            let opened = try guarded { try ledger.open() }
            try checkSet(treatySet, opened)
            var id: String?
            if let treaty {
                guard let found = opened.treaties.treaty(idOrUNTC: treaty) else {
                    let hint = opened.treaties.suggestions(for: treaty)
                    throw ValidationError("--treaty '\(treaty)' is not a treaty id or UNTC reference" + (hint.isEmpty ? "." : "; did you mean \(hint.joined(separator: " or "))?"))
                }
                id = found.id
            }
            let report = try TreatyAuditReport.make(ledger: opened, asOf: date, treaty: id, set: treatySet, staleYears: staleYears)
            switch format {
            case .text: emit(report.renderText())
            case .md: emit(report.renderMarkdown())
            case .json: emit(try report.renderJSON())
            case .csv: emit(report.renderCSV())
            }
        }
    }
}

/// Checks a `--treaty-set` argument against the sets the catalogue defines.
func checkSet(_ set: String?, _ ledger: Ledger) throws {
    guard let set, ledger.treaties.sets[set] == nil else { return }
    throw ValidationError("--treaty-set '\(set)' is not a requirement set; use one of \(ledger.treaties.setNames.joined(separator: ", ")).")
}
