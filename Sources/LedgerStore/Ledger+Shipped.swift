import LedgerFixtures
import LedgerModel
import LedgerSchema

extension Ledger {
    /// The newest migration this build applies (`v0012_search`): the schema of the ledgers it
    /// writes, and the newest it reads (``LedgerError/newerLedger(path:migrations:)``).
    public static var schemaVersion: String { LedgerSchema.migrations.last?.name ?? "none" }

    /// How many migrations this build applies.
    public static var migrationCount: Int { LedgerSchema.migrations.count }

    /// The newest as-at date of the treaty status tables this build ships (`status_tables` of
    /// `Fixtures/treaties.json`): how current the treaty status a new ledger gets is, at best.
    /// Nil for a build that ships none.
    public static func shippedStatusDate() -> ISODate? {
        shippedTreaties.treaties.flatMap { $0.statusTables.map(\.asOf) }.max()
    }
}
