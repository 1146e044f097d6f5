import Foundation
import LedgerFixtures
import LedgerModel

/// The reference data a new ledger is created with: this build's (``embedded()``), or, for a test, the
/// set an earlier build shipped (its `states.json`, the status files it had, no State changes).
struct ReferenceSet {
    /// The States' fixture as shipped, whose digest the creation event records.
    var statesJSON: Data
    var states: StateDirectory
    /// The `state.changed` events recorded right after the creation event.
    var stateChanges: [StateChange]
    /// The status files to import (paths under `Fixtures/`); nil for every table `treaties.json` lists.
    var statusFiles: Set<String>?
    /// Whether the creation event records the crosswalks' digests (builds before issue 20 did not).
    var recordsCrosswalks = true

    /// This build's reference data.
    static func embedded() throws -> ReferenceSet {
        ReferenceSet(
            statesJSON: LedgerFixtures.statesJSON, states: try StateDirectory.decode(json: LedgerFixtures.statesJSON),
            stateChanges: try Ledger.shippedStateChanges(), statusFiles: nil)
    }
}
