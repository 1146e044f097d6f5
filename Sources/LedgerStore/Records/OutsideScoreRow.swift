import GRDB
import LedgerModel

/// A row of the `outside_scores` projection: one outside index's score of one indicator for one State in one edition.
struct OutsideScoreRow: Codable, FetchableRecord, PersistableRecord, StoredRecord {
    static let databaseTableName = "outside_scores"

    var seq: Int64
    var state: String
    var body: String
    var edition: Int
    var indicator: String
    var pillar: String
    var score: Double
    var file: String
    var sha256: String
    var source: String
    var actor: String

    enum Columns {
        static let pillar = Column("pillar")
    }

    static let keyColumns = ["seq"]
    static let checkedColumns = [
        StoredColumn(Columns.pillar, kind: "a pillar (one of market, actor, resilience)") { value in
            String.fromDatabaseValue(value).flatMap(OCIndexIndicator.Pillar.init(rawValue:)) != nil
        }
    ]

    init(seq: Int64, _ fields: OutsideScoreFields, actor: String) {
        self.seq = seq
        state = fields.state
        body = fields.body
        edition = fields.edition
        indicator = fields.indicator
        pillar = fields.pillar.rawValue
        score = fields.score
        file = fields.file
        sha256 = fields.sha256
        source = fields.source
        self.actor = actor
    }

    /// The row as the event's fields (the pillar is checked on reading: see ``checkedColumns``).
    var fields: OutsideScoreFields {
        OutsideScoreFields(
            state: state, body: body, edition: edition, indicator: indicator, pillar: OCIndexIndicator.Pillar(rawValue: pillar) ?? .resilience,
            score: score, file: file, sha256: sha256, source: source)
    }

    var record: OutsideScoreRecord { OutsideScoreRecord(seq: seq, fields: fields, actor: actor) }
}
