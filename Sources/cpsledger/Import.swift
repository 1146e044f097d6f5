import ArgumentParser
import Foundation
import LedgerModel
import LedgerStore

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import records from files.", subcommands: [Measures.self, TreatyActions.self, UNTC.self, FATF.self, OCIndex.self])

    struct Measures: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "measures",
            abstract: "Import measures from a CSV file, all rows or none.",
            discussion: """
                Header:
                  state,obligation,status,effective_date,title,kind,source,note[,justification]

                Any bad row rejects the whole file: every bad row is listed (up to 100) with its line, \
                field and value, and nothing is written. Rows identical to a measure already in force \
                are skipped, so importing the same file twice adds nothing.

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
                Header (treaty: id or UNTC reference):
                  state,treaty,action,date,note[,source]

                Actions: \(TreatyActionKind.allCases.map(\.rawValue).joined(separator: ", ")).

                Rejected (nothing imported): unknown State, treaty or action; a date before the treaty \
                was adopted; a second consent to be bound by a State already party; a denunciation by a \
                non-party. Flagged (imported, listed): a ratification with no signature on record.
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
                The form is found from the file's content. It may be the UNTC's XML status file, as \
                downloaded from the treaty's page on treaties.un.org (`cpsledger treaties sources` gives \
                each treaty's address); it has no status date, so pass --as-at. It may be the treaty's status page saved from a \
                browser (HTML). It may be the table copied from the page as text: tab- or \
                space-separated columns, each cell on its own line, or CSV, with or without the header \
                block (STATUS AS AT : 23-04-2024, Signatories : 54. Parties : 126); header cells may \
                carry footnote marks (Participant 2, 3). Or it may be a dated list: \
                participant,signature,consent_action,consent_date with YYYY-MM-DD dates.

                Columns are read from their headers, in any order of the action letters: Signature; \
                consents (a plain date is a ratification; a accession, A acceptance, AA approval, c formal \
                confirmation, d succession, s definitive signature); provisional application (n, or a \
                column of its own), recorded apart and never counted as party. A column of any other kind \
                is named in the summary and not read. A file for a treaty the ledger does not follow says \
                how to add it (`cpsledger treaties add`).

                The XML file and the saved page name their treaty, so --treaty may be left out for them. \
                Participant names map to States through their names and aliases; a name that matches \
                none stops the import. Importing the same table again changes nothing; a newer table adds \
                only the new actions. Header counts that differ from the rows are flagged.

                Examples:
                  cpsledger import untc XVIII-5.en.xml --as-at 2026-11-29
                  cpsledger import untc "CWC status page.html"
                  cpsledger import untc --treaty VI-19 status-2024.txt
                """)

        @OptionGroup var ledger: LedgerOptions
        @Option(help: "Treaty id or UNTC reference (see `cpsledger treaties list`); found from the file when it names one.") var treaty: String?
        @Argument(help: "The status file: UNTC XML, a saved page (HTML), or the copied table as text.") var file: String
        @Option(help: ArgumentHelp("The table's as-at date, when the file has no STATUS AS AT line (the XML files have none).", valueName: "YYYY-MM-DD"), transform: ISODate.argument) var asAt: ISODate?
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
                Header (the FATF workbook's columns; dates are months, 2023-05):
                  iso2,country,methodology,assessment_date,ratings_date,R1..R40,IO1..IO11

                Each rating of a State becomes an external assessment event (body FATF, item R.11, \
                rating, report and month, the file's SHA-256). Jurisdictions that are not States (Hong \
                Kong, Macao, Chinese Taipei, Crown Dependencies, overseas territories) are listed and \
                skipped; a name that matches no State stops the import, nothing written. Importing the \
                same file again writes nothing; a newer file records only the ratings that changed. A \
                FATF rating assesses a FATF Recommendation, not the Declaration: see `cpsledger crosswalk \
                list`.

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

extension Import {
    struct OCIndex: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ocindex",
            abstract: "Import the Global Organized Crime Index's dataset workbook (XLSX) as outside views.",
            discussion: """
                Reads the workbook as downloaded from ocindex.net (global_oc_index.xlsx): every edition sheet \
                (2025_dataset, 2023_dataset, 2021_dataset), its columns matched by name (their order and number \
                differ between editions), country names matched to States (the 2023 sheets' commas for periods \
                included). Each 1-10 score of a criminal market, criminal actor or resilience indicator becomes an \
                outside score event (edition year, indicator, score, the file's SHA-256). All or nothing: a layout \
                it does not know is named, not guessed at; importing the same scores again writes nothing. \
                The scores are shown beside the State's cells as outside views, never folded into its compliance \
                score: see `cpsledger crosswalk list --body ocindex`. The workbook's terms are not stated, so \
                cpsledger ships none of it: import your own download.

                Example:
                  cpsledger import ocindex global_oc_index.xlsx --dry-run
                """)

        @OptionGroup var ledger: LedgerOptions
        @Argument(help: "The Index's dataset workbook (XLSX).") var file: String
        @Flag(help: "Check and count everything, write nothing.") var dryRun = false

        func run() throws {
            let opened = try ledger.open()
            let summary: OutsideImportSummary = try opened.importOCIndex(path: file, dryRun: dryRun, actor: ledger.actorName)
            let verb = dryRun ? "Dry run, nothing written: would record" : "Recorded"
            let range = summary.firstSeq.map { " (events \($0)–\(summary.lastSeq!))" } ?? ""
            let sheets = summary.sheets.map { sheet in
                let pillars = OCIndexIndicator.Pillar.allCases.compactMap { pillar in sheet.indicators[pillar].map { "\($0) \(pillar.rawValue)" } }
                return "\(sheet.name): \(sheet.states) States, \(sheet.scores) scores (\(pillars.joined(separator: ", ")))"
            }
            print("\(file) (SHA-256 \(summary.sha256.prefix(12))…): " + sheets.joined(separator: "; ") + ".")
            print("\(verb) \(summary.recorded) new or revised score\(summary.recorded == 1 ? "" : "s")\(dryRun ? "" : range); \(summary.unchanged) already recorded"
                + (summary.empty > 0 ? "; \(summary.empty) empty cells" : "") + ".")
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
    if let origin = summary.sourceOnlyNamesTheFile {
        warn("note: the table's actions cite \"\(origin)\", which names only the file; next time pass --source to say where the list comes from.")
    }
}
