import ArgumentParser
import Foundation
import LedgerModel
import LedgerReports
import LedgerStore

struct Treaties: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "treaties",
        abstract: "The treaties the Declaration points to, and their actions.",
        subcommands: [List.self, Sources.self, Record.self], defaultSubcommand: List.self)

    struct Sources: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sources",
            abstract: "Every status table imported per treaty, and where to get a newer one.",
            discussion: """
                For each treaty: the tables imported (file, form, as-at date, rows, published party \
                count, SHA-256, source) and what would make it current: the UNTC XML file to download for \
                UNTC treaties, the depositary's list for the others. Treaties whose newest data is older \
                than --stale-data-years are marked STALE.

                JSON: as_of, stale_data_years, treaties (id, untc, short_title, status_as_at, stale, \
                tables (seq, file, form, as_at, sha256, source, rows, recorded, declared_parties, \
                declared_signatories), update_from, caveats).

                Example:
                  cpsledger treaties sources --format json
                """)

        @OptionGroup var ledger: LedgerFileOptions
        @Option(parsing: .unconditional, help: "Mark treaties whose newest status data is older than this many years as stale.") var staleDataYears: Int = 5
        @Option(help: "The output format.") var format: OutputFormat = .text

        func validate() throws { try checkYears(staleDataYears, option: "stale-data-years") }
        func run() throws {
            let opened = try ledger.open()
            let sources = try TreatySources.make(ledger: opened, asOf: ISODate.utc(), staleDataYears: staleDataYears)
            switch format {
            case .json: emit(try jsonText(sources))
            case .text: emit(sources.renderText())
            }
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the treaties and which accession obligations require them.",
            discussion: "JSON carries id, untc, title, short_title, depositary, adopted, entry_into_force, obligations, status_as_at, status_source, has_data, source, note, caveats.")

        @OptionGroup var ledger: LedgerFileOptions
        @Option(help: "The output format.") var format: OutputFormat = .text

        func run() throws {
            let opened = try ledger.open()
            let items = Listing.treaties(try opened.treatyStatus(), tables: try opened.treatyTables())
            switch format {
            case .json: emit(try jsonText(items))
            case .text:
                emit(TextTable.render(
                    headers: ["id", "UNTC", "adopted", "in force", "status as at", "obligations"],
                    rows: items.map { [$0.id, $0.untc ?? "–", $0.adopted.description, $0.entryIntoForce.description,
                                       $0.statusAsAt?.description ?? ($0.hasData ? "–" : "no data"),
                                       $0.obligations.joined(separator: ", ")] }))
            }
        }
    }

    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "record",
            abstract: "Record one treaty action of one State.",
            discussion: """
                Actions: \(TreatyActionKind.allCases.map(\.rawValue).joined(separator: ", ")). A \
                denunciation is dated when it takes effect.

                Example:
                  cpsledger treaties record --state FRA --treaty VI-19 \\
                    --action ratification --date 1990-12-31 \\
                    --source "UNTC VI-19" --note "EXAMPLE only"
                """)

        @OptionGroup var ledger: LedgerOptions
        @Option(help: "ISO3 code.") var state: String
        @Option(help: "Treaty id or UNTC reference.") var treaty: String
        @Option(help: "The action.") var action: String
        @Option(help: ArgumentHelp("Its date.", valueName: "YYYY-MM-DD")) var date: String
        @Option(help: "Reservations, declarations or other remarks.") var note: String?
        @Option(help: "Where the action is recorded.") var source: String?

        func run() throws {
            let opened = try ledger.open()
            var raw = ["state": state, "treaty": treaty, "action": action, "date": date]
            raw["note"] = note
            raw["source"] = source
            let fields: TreatyActionFields
            do throws(ValidationFailure) {
                fields = try TreatyActionFields.validate(raw, treaties: opened.treaties, states: opened.states)
            } catch {
                throw CommandLineError.nothingWritten(error)
            }
            if let seq = (try opened.recordTreatyAction(fields, actor: ledger.actorName)) {
                print("Recorded treaty action \(seq): \(fields.state) \(fields.action.rawValue) of \(fields.treaty) on \(fields.date).")
            } else {
                print("The ledger already has this action; nothing written.")
            }
        }
    }
}
