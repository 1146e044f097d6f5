import BuildStamp
import LedgerModel
import LedgerStore

/// What a bug report needs to know about this build: its version, the commit it was built from,
/// the schema of the ledgers it writes and how current its shipped reference data is.
///
/// The version is written here and changed with a release. The commit is stamped only by
/// `Scripts/release-binary.sh` (through the `BuildStamp` C target, see Package.swift): a build from
/// a tarball or a plain `swift build` has no trustworthy commit to name, and says so. The schema and
/// the reference data's date are read from what the binary embeds, so they cannot disagree with it.
struct BuildInfo: Encodable {
    /// The release this source is (SemVer; 0.x while the command line and the JSON may still change).
    static let release = "0.1.0"

    let version: String
    /// The commit of a release build (`git describe --always --dirty`); nil for any other build.
    let commit: String?
    /// The newest migration this build applies.
    let schema: String
    let migrations: Int
    /// The newest as-at date of the shipped treaty status tables.
    let referenceDataDate: String?

    enum CodingKeys: String, CodingKey {
        case version, commit, schema, migrations
        case referenceDataDate = "reference_data_date"
    }

    /// Every key always present: a commit or a date not recorded is `null`, not missing.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(version, forKey: .version)
        try container.encode(commit, forKey: .commit)
        try container.encode(schema, forKey: .schema)
        try container.encode(migrations, forKey: .migrations)
        try container.encode(referenceDataDate, forKey: .referenceDataDate)
    }

    /// This build.
    static let current = BuildInfo(
        version: release,
        commit: String(cString: cpsledger_build_commit()).nonEmpty,
        schema: Ledger.schemaVersion,
        migrations: Ledger.migrationCount,
        referenceDataDate: Ledger.shippedStatusDate()?.description)

    /// The lines `cpsledger --version` and `cpsledger version` print.
    var text: String {
        """
        cpsledger \(version)
        commit: \(commit ?? "not recorded (a build without Scripts/release-binary.sh)")
        schema: \(schema) (\(migrations) migrations)
        reference data: treaty status as at \(referenceDataDate ?? "none shipped") (the newest shipped table)
        """
    }
}

extension String {
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}
