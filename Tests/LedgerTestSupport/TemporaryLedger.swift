import Foundation
import LedgerModel
import LedgerStore

/// A ledger in a fresh temporary folder, removed when the test is done (keep the value alive while
/// the ledger is used: read `temp.ledger` rather than keeping the ledger alone).
public final class TemporaryLedger: Sendable {
    public let directory: URL
    public let ledger: Ledger

    /// A new ledger; without the shipped treaty status tables unless asked, so that sequence numbers start at 2.
    public init(statusData: Bool = false, actor: String = "test") throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("cpsledger-test-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        ledger = try Ledger.open(path: directory.appendingPathComponent("ledger.sqlite").path, actor: actor, withStatusData: statusData)
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    public var path: String { ledger.path }

    /// Writes `text` to a file in the folder and returns its path.
    public func file(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    /// Validated measure fields (test data, and its title says so).
    public func measure(
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
    /// The event of a recorded measure; nil when nothing was recorded.
    public var seq: Int64? {
        if case .recorded(let seq) = self { return seq }
        return nil
    }
}
