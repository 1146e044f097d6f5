import ArgumentParser
import Foundation
import LedgerModel
import LedgerStore

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import records from files.", subcommands: [Measures.self, TreatyActions.self, UNTC.self, FATF.self])

    struct Measures: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "measures",
            abstract: "Import measures from a CSV file, all rows or none.",
            discussion: """
                Header: state,obligation,status,effective_date,title,kind,source,note[,justification]
                Any bad row rejects the whole file: every bad row is listed (up to 100) with its line,
                field and value, and nothing is written. Rows identical to a measure already in force are
                skipped, so importing the same file twice adds nothing.

                Example:
                  cpsledger import measures measures.csv --dry-run
                """)

        @OptionGroup var ledger: LedgerOptions
        @Argument(help: "The CSV file.") var file: String
        @Flag(help: "Check and count everything, write nothing.") var dryRun = false

        func run() throws {
            let opened = try ledger.open()
            let interactive = isatty(STDERR_FILENO) == 1
            var progress: (@Sendable (Int) -> Void)?
            if interactive {
                progress = { rows in FileHandle.standardError.write(Data("\r\(rows) rows read…".utf8)) }
            }
            let summary: ImportSummary = try opened.importMeasures(path: file, dryRun: dryRun, actor: ledger.actorName, progress: progress)
            if interactive && summary.rows >= 100_000 { warn("") }
            let range = summary.firstSeq.map { " (events \($0)–\(summary.lastSeq!))" } ?? ""
            let verb = dryRun ? "Dry run, nothing written: would record" : "Recorded"
            print("\(file): \(summary.rows) rows. \(verb) \(summary.recorded) new measure\(summary.recorded == 1 ? "" : "s")\(dryRun ? "" : range); \(summary.duplicates) duplicate\(summary.duplicates == 1 ? "" : "s") of measures in force skipped.")
        }
    }

    struct TreatyActions: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "treaty-actions",
            abstract: "Import treaty actions from a CSV file, all rows or none.",
            discussion: """
                Header: state,treaty,action,date,note[,source]   (treaty: id or UNTC reference)
                Actions: \(TreatyActionKind.allCases.map(\.rawValue).joined(separator: ", ")).
                Rejected (nothing imported): unknown State, treaty or action; a date before the treaty was
                adopted; a second consent to be bound by a State already party; a denunciation by a non-party.
                Flagged (imported, listed): a ratification with no signature on record.
                """)

        @OptionGroup var ledger: LedgerOptions
        @Argument(help: "The CSV file.") var file: String
        @Flag(help: "Check and count everything, write nothing.") var dryRun = false

        func run() throws {
            let opened = try ledger.open()
            let summary: TreatyImportSummary = try opened.importTreatyActions(path: file, dryRun: dryRun, actor: ledger.actorName)
            report(summary, file: file, dryRun: dryRun)
        }
    }

    struct UNTC: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "untc",
            abstract: "Import a treaty status table: the UNTC's XML file, a saved status page, or a pasted table.",
            discussion: """
                The form is found from the file's content:
                  - the UNTC's XML status file, as downloaded from
                    https://treaties.un.org/doc/Publication/MTDSG/Volume%20I/Chapter%20XVIII/XVIII-5.en.xml
                    (`cpsledger treaties sources` gives each treaty's address); it has no status date, so pass --as-at;
                  - the treaty's status page saved from a browser (HTML);
                  - the table copied from the page as text: tab- or space-separated columns, each cell on its
                    own line, or CSV, with or without the header block (STATUS AS AT : 23-04-2024,
                    Signatories : 54. Parties : 126); header cells may carry footnote marks (Participant 2, 3);
                  - a dated list: participant,signature,consent_action,consent_date with YYYY-MM-DD dates.
                Columns are read from their headers, in any order of the action letters: Signature; consents
                (a plain date is a ratification; a accession, A acceptance, AA approval, c formal confirmation,
                d succession, s definitive signature); provisional application (n, or a column of its own),
                recorded apart and never counted as party. A column of any other kind is named in the
                summary and not read. A file for a treaty the ledger does not follow says how to add it
                (`cpsledger treaties add`).
                The XML file and the saved page name their treaty, so --treaty may be left out for them.
                Participant names map to States through their names and aliases; a name that matches none
                stops the import. Importing the same table again changes nothing; a newer table adds only
                the new actions. Header counts that differ from the rows are flagged.

                Examples:
                  cpsledger import untc XVIII-5.en.xml --as-at 2026-11-29
                  cpsledger import untc "CWC status page.html"
                  cpsledger import untc --treaty VI-19 status-2024.txt
                """)

        @OptionGroup var ledger: LedgerOptions
        @Option(help: "Treaty id or UNTC reference (see `cpsledger treaties list`); found from the file when it names one.") var treaty: String?
        @Argument(help: "The status file: UNTC XML, a saved page (HTML), or the copied table as text.") var file: String
        @Option(help: ArgumentHelp("The table's as-at date, when the file has no STATUS AS AT line (the XML files have none).", valueName: "YYYY-MM-DD")) var asAt: ISODate?
        @Option(help: "Where the table comes from (default: the treaty's UNTC page).") var source: String?
        @Flag(help: "Check and count everything, write nothing.") var dryRun = false

        func run() throws {
            let opened = try ledger.open()
            let summary: TreatyImportSummary = try opened.importUNTC(treaty: treaty, path: file, asAt: asAt, source: source, dryRun: dryRun, actor: ledger.actorName)
            report(summary, file: file, dryRun: dryRun)
        }
    }
}

extension Import {
    struct FATF: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "fatf",
            abstract: "Import the FATF's consolidated assessment ratings as external assessments.",
            discussion: """
                Header: iso2,country,methodology,assessment_date,ratings_date,R1..R40,IO1..IO11 (the FATF workbook's
                columns; dates are months, 2023-05). Each rating of a State becomes an external assessment
                event (body FATF, item R.11, rating, report and month, the file's SHA-256). Jurisdictions that
                are not States (Hong Kong, Macao, Chinese Taipei, Crown Dependencies, overseas territories) are
                listed and skipped; a name that matches no State stops the import, nothing written. Importing
                the same file again writes nothing; a newer file records only the ratings that changed.
                A FATF rating assesses a FATF Recommendation, not the Declaration: see `cpsledger crosswalk list`.

                Example:
                  cpsledger import fatf consolidated-ratings-2026.csv
                """)

        @OptionGroup var ledger: LedgerOptions
        @Argument(help: "The consolidated ratings, as CSV.") var file: String
        @Flag(help: "Check and count everything, write nothing.") var dryRun = false

        func run() throws {
            let opened = try ledger.open()
            let summary: ExternalImportSummary = try opened.importFATF(path: file, dryRun: dryRun, actor: ledger.actorName)
            let verb = dryRun ? "Dry run, nothing written: would record" : "Recorded"
            let range = summary.firstSeq.map { " (events \($0)–\(summary.lastSeq!))" } ?? ""
            print("\(file): \(summary.rows) jurisdictions, \(summary.states) of them States. \(verb) \(summary.recorded) new or changed rating\(summary.recorded == 1 ? "" : "s")\(dryRun ? "" : range); \(summary.unchanged) already in force.")
            let counts = ExternalRating.allCases.compactMap { rating in summary.ratingCounts[rating].map { "\(rating.rawValue) \($0)" } }
            print("Ratings in the file for States: " + counts.joined(separator: ", ") + ".")
            if !summary.skipped.isEmpty {
                print("Skipped \(summary.skipped.count) jurisdictions that are not States: "
                    + summary.skipped.map { "\($0.name) (\($0.status))" }.joined(separator: "; ") + ".")
            }
        }
    }
}

/// Prints what a treaty import did, and its flags on standard error.
func report(_ summary: TreatyImportSummary, file: String, dryRun: Bool) {
    let verb = dryRun ? "Dry run, nothing written: would record" : "Recorded"
    let asAt = summary.asAt.map { " (status as at \($0))" } ?? ""
    print("\(file)\(asAt): \(summary.rows) rows. \(verb) \(summary.recorded) new treaty action\(summary.recorded == 1 ? "" : "s"); \(summary.duplicates) already in the ledger.")
    // Consents, signatures and provisional applications apart: only a consent makes a State party.
    let kinds = summary.recordedByKind
    if !kinds.isEmpty {
        let consents = kinds.filter { $0.key.isConsent }.values.reduce(0, +)
        var parts = ["\(consents) consent\(consents == 1 ? "" : "s") to be bound", "\(kinds[.signature] ?? 0) signature\((kinds[.signature] ?? 0) == 1 ? "" : "s")"]
        if let provisional = kinds[.provisionalApplication] {
            parts.append("\(provisional) provisional application\(provisional == 1 ? "" : "s") (not consent to be bound: never counted as party)")
        }
        if let denunciations = kinds[.denunciation] { parts.append("\(denunciations) denunciation\(denunciations == 1 ? "" : "s")") }
        print("Of these: " + parts.joined(separator: ", ") + ".")
    }
    for flag in summary.flags { warn("flag: " + flag) }
}
