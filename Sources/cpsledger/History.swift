import ArgumentParser
import LedgerModel
import LedgerReports
import LedgerStore

struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history",
        abstract: "Every event of one State and obligation, oldest first.",
        discussion: "JSON carries seq, recorded_at, actor, kind, payload (the event's canonical JSON), prev_hash, hash.")

    @OptionGroup var ledger: LedgerFileOptions
    @Option(help: "ISO3 code.") var state: String
    @Option(help: "Obligation id.") var obligation: String
    @Option(help: "The output format.") var format: OutputFormat = .text

    func run() throws {
        let opened = try ledger.open()
        try opened.check(state: state)
        try opened.check(obligation: obligation)
        let events = try opened.history(state: state, obligation: obligation)
        switch format {
        case .json:
            emit(try jsonText(events))
        case .text:
            emit(TextTable.render(
                headers: ["seq", "recorded at", "actor", "kind", "payload"],
                rows: events.map { [String($0.seq), $0.recordedAt, $0.actor, $0.kind, $0.payload] }))
            print("\(events.count) event\(events.count == 1 ? "" : "s") for \(state) × \(obligation).")
        }
    }
}
