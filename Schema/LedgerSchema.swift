/// The SQL migrations of `Schema/`, embedded in the binary, in the order they apply.
public enum LedgerSchema {
    /// (identifier, SQL) pairs, oldest first.
    public static let migrations: [(name: String, sql: String)] = [
        ("v0001_ledger", String(decoding: PackageResources.v0001_ledger_sql, as: UTF8.self)),
        ("v0002_treaties", String(decoding: PackageResources.v0002_treaties_sql, as: UTF8.self)),
        ("v0003_views", String(decoding: PackageResources.v0003_views_sql, as: UTF8.self)),
        ("v0004_tokens", String(decoding: PackageResources.v0004_tokens_sql, as: UTF8.self)),
        ("v0005_trust", String(decoding: PackageResources.v0005_trust_sql, as: UTF8.self)),
        ("v0006_treaty_table_forms", String(decoding: PackageResources.v0006_treaty_table_forms_sql, as: UTF8.self)),
        ("v0007_external_assessments", String(decoding: PackageResources.v0007_external_assessments_sql, as: UTF8.self)),
        ("v0008_measure_changes", String(decoding: PackageResources.v0008_measure_changes_sql, as: UTF8.self)),
        ("v0010_rounds", String(decoding: PackageResources.v0010_rounds_sql, as: UTF8.self)),
        ("v0011_compact", String(decoding: PackageResources.v0011_compact_sql, as: UTF8.self)),
        ("v0012_search", String(decoding: PackageResources.v0012_search_sql, as: UTF8.self)),
        ("v0013_state_changes", String(decoding: PackageResources.v0013_state_changes_sql, as: UTF8.self)),
        ("v0014_treaty_additions", String(decoding: PackageResources.v0014_treaty_additions_sql, as: UTF8.self)),
        ("v0015_outside_scores", String(decoding: PackageResources.v0015_outside_scores_sql, as: UTF8.self)),
        ("v0016_log_subtrees", String(decoding: PackageResources.v0016_log_subtrees_sql, as: UTF8.self)),
    ]
}
