import GRDB
import LedgerModel

/// A row of the `treaty_actions` projection: one treaty action, keyed by its event.
struct TreatyActionRow: Codable, FetchableRecord, PersistableRecord, StoredRecord {
    static let databaseTableName = "treaty_actions"

    var seq: Int64
    var state: String
    var treaty: String
    var action: TreatyActionKind
    var date: ISODate
    var note: String?
    var source: String?
    var actor: String

    enum Columns {
        static let seq = Column(CodingKeys.seq)
        static let state = Column(CodingKeys.state)
        static let treaty = Column(CodingKeys.treaty)
        static let action = Column(CodingKeys.action)
        static let date = Column(CodingKeys.date)
    }

    static let keyColumns = ["seq"]
    static let checkedColumns = [StoredColumn(Columns.action, TreatyActionKind.self), StoredColumn(Columns.date, ISODate.self)]

    init(seq: Int64, _ fields: TreatyActionFields, actor: String) {
        self.seq = seq
        state = fields.state
        treaty = fields.treaty
        action = fields.action
        date = fields.date
        note = fields.note
        source = fields.source
        self.actor = actor
    }

    var fields: TreatyActionFields {
        TreatyActionFields(state: state, treaty: treaty, action: action, date: date, note: note, source: source)
    }

    var record: TreatyActionRecord { TreatyActionRecord(seq: seq, fields: fields, actor: actor) }
}
