import ArgumentParser
import Foundation
import LedgerModel
import LedgerReports
import LedgerStore

/// `cpsledger data`: the ledger's reference data beside the data this build ships, and the update.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data",
        abstract: "The ledger's reference data beside what this build ships, and bringing it up to date.",
        subcommands: [Status.self, Update.self], defaultSubcommand: Status.self)

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "What reference data the ledger holds, what this build ships, and what differs.",
            discussion: """
                The reference tables (obligations, states, state_aliases, treaties) with their rows and SHA-256, \
                each shipped treaty status table (as-at date, SHA-256, held or not), the changes of States' \
                names, groups and membership, and the crosswalks; then every difference, and whether \
                `cpsledger data update` would write it. Exits 0 either way. \
                JSON: behind, tables, status_tables, state_changes_held, state_changes_shipped, crosswalks, \
                differences (kind, table, key, column, held, shipped, source, applies).

                Example:
                  cpsledger data status --format json
                """)

        @OptionGroup var ledger: LedgerFileOptions
        @Option(help: "The output format.") var format: OutputFormat = .text

        func run() throws {
            let status = try ledger.open().referenceDataStatus()
            switch format {
            case .json: emit(try jsonText(status))
            case .text: emit(DataCommand.render(status))
            }
        }
    }

    struct Update: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "update",
            abstract: "Bring the ledger's reference data up to what this build ships, as events.",
            discussion: """
                In one transaction: rows this build adds or corrects (each a reference_data.revised event \
                naming its fixture and SHA-256), changes of States' standing (state.changed), the status \
                tables the ledger lacks (imported as `import untc` imports them) and a reference_data.recorded \
                event with the new digests. Nothing is deleted or rewritten: `report --known-at` a time before \
                the update says what the ledger said then. A table the ledger holds with other bytes, and a \
                row only the ledger has, are named and kept. A second run writes nothing.

                Example:
                  cpsledger data update --dry-run
                """)

        @OptionGroup var ledger: LedgerOptions
        @Flag(help: "Print what would change and write nothing.") var dryRun = false

        func run() throws {
            let opened = try ledger.open()
            let update = try opened.updateReferenceData(dryRun: dryRun, actor: ledger.actorName)
            let applying = update.before.differences.filter(\.applies)
            var lines: [String] = []
            for difference in update.before.differences {
                lines.append((difference.applies ? (dryRun ? "would write  " : "wrote  ") : "kept  ") + DataCommand.describe(difference))
            }
            for flag in update.flags { lines.append("  flag: " + flag) }
            if applying.isEmpty {
                lines.append("The ledger's reference data is what this build ships; nothing to write.")
            } else if dryRun {
                lines.append("Dry run: \(applying.count) change\(applying.count == 1 ? "" : "s") would be written; nothing was written.")
            } else {
                lines.append(
                    "Wrote \(applying.count) change\(applying.count == 1 ? "" : "s") (\(update.treatyActions) treaty actions from the imported tables), "
                        + "events \(update.firstSeq ?? 0)–\(update.lastSeq ?? 0).")
            }
            emit(lines.joined(separator: "\n") + "\n")
        }
    }

    /// One difference in a sentence.
    static func describe(_ difference: ReferenceDataStatus.Difference) -> String {
        func text(_ value: JSONValue?) -> String {
            switch value {
            case .none, .null?: "none"
            case .string(let text)?: text
            case .some(let other): other.canonicalText
            }
        }
        switch difference.kind {
        case "row_added":
            return "\(difference.table): add \(difference.key) (\(difference.source))"
        case "value_corrected":
            return "\(difference.table): \(difference.key) \(difference.column ?? ""): \(text(difference.held)) → \(text(difference.shipped)) (\(difference.source))"
        case "held_only":
            return "\(difference.table): \(difference.key) is the ledger's own (this build does not ship it)"
        case "table_import":
            return "status table \(difference.column ?? "") for \(difference.key) (SHA-256 \(text(difference.shipped))): import (\(difference.source))"
        case "table_differs":
            return "status table \(difference.column ?? "") for \(difference.key): the ledger holds other bytes (SHA-256 \(text(difference.held))); not overwritten"
        case "state_change":
            if case .object(let members)? = difference.shipped {
                return "\(difference.key): \(text(members["from"])) → \(text(members["to"])) (\(difference.source))"
            }
            return difference.key
        case "state_change_differs":
            return "\(difference.key): the ledger records \(text(difference.held)), this build \(text(difference.shipped)); not overwritten"
        case "crosswalk":
            return "crosswalk \(difference.key): \(text(difference.held)) → \(text(difference.shipped))"
        default:
            return "\(difference.kind) \(difference.table) \(difference.key)"
        }
    }

    /// The status as text for people.
    static func render(_ status: ReferenceDataStatus) -> String {
        var lines = ["Reference tables (held / shipped rows, SHA-256 held, shipped):"]
        lines.append(TextTable.render(
            headers: ["table", "held", "shipped", "held SHA-256", "shipped SHA-256"],
            rows: status.tables.map { [$0.name, String($0.heldRows), String($0.shippedRows), String($0.heldSHA256.prefix(16)), String($0.shippedSHA256.prefix(16))] }))
        lines.append("Treaty status tables this build ships:")
        lines.append(TextTable.render(
            headers: ["treaty", "file", "as at", "SHA-256", "in the ledger"],
            rows: status.statusTables.map {
                [$0.treaty, $0.file, $0.asAt?.description ?? "–", String($0.sha256.prefix(16)),
                 $0.state == .held ? "held (event \($0.heldSeq ?? 0))" : $0.state == .missing ? "missing" : "other bytes (event \($0.heldSeq ?? 0))"]
            }))
        lines.append("Changes of States' names, groups or membership: \(status.stateChangesHeld) recorded, \(status.stateChangesShipped) shipped.")
        for crosswalk in status.crosswalks {
            lines.append("Crosswalk \(crosswalk.file): SHA-256 \(crosswalk.sha256.prefix(16)); the ledger last took \(crosswalk.heldSHA256.map { String($0.prefix(16)) } ?? "none").")
        }
        if status.differences.isEmpty {
            lines.append("The ledger holds the reference data this build ships.")
        } else {
            lines.append("Differences:")
            for difference in status.differences {
                lines.append("  " + (difference.applies ? "update: " : "kept: ") + describe(difference))
            }
            lines.append(status.isBehind
                ? "The ledger is behind this build's reference data: `cpsledger data update --dry-run` shows the update, `cpsledger data update` writes it."
                : "Nothing to update: the differences above are the ledger's own and are kept.")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
