import Foundation
import LedgerModel
import LedgerStore

/// A ledger in a fresh temporary folder, removed when the test is done (keep the value alive while
/// the ledger is used: read `temp.ledger` rather than keeping the ledger alone).
public final class TemporaryLedger: Sendable {
    public let folder: TemporaryFolder
    public let ledger: Ledger

    /// A new ledger; without the shipped treaty status tables unless asked, so that sequence numbers start at 2.
    public init(statusData: Bool = false, actor: String = "test", busyTimeout: TimeInterval = 30) throws {
        folder = try TemporaryFolder()
        ledger = try Ledger.open(path: folder.path("ledger.sqlite"), actor: actor, withStatusData: statusData, busyTimeout: busyTimeout)
    }

    public var directory: URL { folder.url }
    public var path: String { ledger.path }

    /// Writes `text` to a file in the folder and returns its path.
    public func file(_ name: String, _ text: String) throws -> String {
        try folder.file(name, text)
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
