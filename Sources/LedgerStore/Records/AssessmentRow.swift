import GRDB
import LedgerModel

/// A row of the `assessments` projection: one reviewer's rating.
struct AssessmentRow: Codable, FetchableRecord, PersistableRecord, StoredRecord {
    static let databaseTableName = "assessments"

    var seq: Int64
    var state: String
    var obligation: String
    var rating: AssessmentRating
    var comment: String?
    var assessedOn: ISODate
    var actor: String

    enum CodingKeys: String, CodingKey {
        case seq, state, obligation, rating, comment, actor
        case assessedOn = "assessed_on"
    }

    enum Columns {
        static let rating = Column(CodingKeys.rating)
        static let assessedOn = Column(CodingKeys.assessedOn)
    }

    static let keyColumns = ["seq"]
    static let checkedColumns = [StoredColumn(Columns.rating, AssessmentRating.self), StoredColumn(Columns.assessedOn, ISODate.self)]

    init(seq: Int64, _ fields: AssessmentFields, actor: String) {
        self.seq = seq
        state = fields.state
        obligation = fields.obligation
        rating = fields.rating
        comment = fields.comment
        assessedOn = fields.assessedOn
        self.actor = actor
    }

    var record: AssessmentRecord {
        AssessmentRecord(
            seq: seq, fields: AssessmentFields(state: state, obligation: obligation, rating: rating, comment: comment, assessedOn: assessedOn),
            actor: actor)
    }
}
