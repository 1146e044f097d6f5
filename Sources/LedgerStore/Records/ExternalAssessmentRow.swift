import GRDB
import LedgerModel

/// A row of the `external_assessments` projection: one outside body's rating of one item for one State.
struct ExternalAssessmentRow: Codable, FetchableRecord, PersistableRecord, StoredRecord {
    static let databaseTableName = "external_assessments"

    var seq: Int64
    var state: String
    var body: String
    var item: String
    var rating: ExternalRating
    var report: String
    var reportMonth: String
    var evaluationMonth: String
    var methodology: String
    var file: String
    var sha256: String
    var source: String
    var actor: String

    enum CodingKeys: String, CodingKey {
        case seq, state, body, item, rating, report, methodology, file, sha256, source, actor
        case reportMonth = "report_month", evaluationMonth = "evaluation_month"
    }

    enum Columns {
        static let rating = Column(CodingKeys.rating)
    }

    static let keyColumns = ["seq"]
    static let checkedColumns = [StoredColumn(Columns.rating, ExternalRating.self)]

    init(seq: Int64, _ fields: ExternalAssessmentFields, actor: String) {
        self.seq = seq
        state = fields.state
        body = fields.body
        item = fields.item
        rating = fields.rating
        report = fields.report
        reportMonth = fields.reportMonth
        evaluationMonth = fields.evaluationMonth
        methodology = fields.methodology
        file = fields.file
        sha256 = fields.sha256
        source = fields.source
        self.actor = actor
    }

    var fields: ExternalAssessmentFields {
        ExternalAssessmentFields(
            state: state, body: body, item: item, rating: rating, report: report, reportMonth: reportMonth, evaluationMonth: evaluationMonth,
            methodology: methodology, file: file, sha256: sha256, source: source)
    }

    var record: ExternalAssessmentRecord { ExternalAssessmentRecord(seq: seq, fields: fields, actor: actor) }
}
