import GRDB
import LedgerModel

/// A row of the `tokens` projection: a server token's name, role and SHA-256 (never the token).
struct TokenRow: Codable, FetchableRecord, PersistableRecord, StoredRecord {
    static let databaseTableName = "tokens"

    var id: Int64
    var name: String
    var role: Role
    var state: String?
    var sha256: String
    var createdAt: String
    var revokedAt: String?

    enum CodingKeys: String, CodingKey {
        case id, name, role, state, sha256
        case createdAt = "created_at", revokedAt = "revoked_at"
    }

    enum Columns {
        static let id = Column(CodingKeys.id)
        static let name = Column(CodingKeys.name)
        static let role = Column(CodingKeys.role)
        static let revokedAt = Column(CodingKeys.revokedAt)
    }

    static let keyColumns = ["id"]
    static let checkedColumns = [StoredColumn(Columns.role, Role.self)]

    init(_ record: TokenRecord, sha256: String) {
        id = record.id
        name = record.name
        role = record.role
        state = record.state
        self.sha256 = sha256
        createdAt = record.createdAt
        revokedAt = record.revokedAt
    }

    var record: TokenRecord { TokenRecord(id: id, name: name, role: role, state: state, createdAt: createdAt, revokedAt: revokedAt) }
}
