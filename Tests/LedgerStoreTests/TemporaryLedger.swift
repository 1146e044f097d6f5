import Foundation
import LedgerModel
import LedgerStore

/// A ledger in a fresh temporary folder, removed when the test is done.
final class TemporaryLedger {
    let directory: URL
    let ledger: Ledger

    /// A new ledger; without the shipped treaty status tables unless asked, so that sequence numbers start at 2.
    init(statusData: Bool = false) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("cpsledger-test-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        ledger = try Ledger.open(path: directory.appendingPathComponent("ledger.sqlite").path, actor: "test", withStatusData: statusData)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    var path: String { ledger.path }

    /// Writes `text` to a file in the folder and returns its path.
    func file(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func measure(
        _ state: String = "FRA", _ obligation: String = "art8.record-keeping", status: String = "implemented",
        effective: String = "1990-07-12", title: String = "Example law (test data)", note: String? = nil
    ) throws -> MeasureFields {
        var raw = ["state": state, "obligation": obligation, "status": status, "effective_date": effective, "title": title, "kind": "legislation"]
        raw["note"] = note
        if status == "not_applicable" { raw["justification"] = "test justification" }
        return try MeasureFields.validate(raw, catalogue: ledger.catalogue, states: ledger.states)
    }
}

extension RecordOutcome {
    var seq: Int64? {
        if case .recorded(let seq) = self { return seq }
        return nil
    }
}
