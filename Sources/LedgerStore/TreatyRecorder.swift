import Foundation
import GRDB
import LedgerModel

/// Records treaty actions inside one write transaction, applying the rules every input path shares:
/// the same action on the same date is a duplicate; a second consent to be bound by a State that is
/// already party is rejected, and so is a denunciation by a State that is not; a ratification with no
/// signature on record (where the treaty has a signature step) is accepted and flagged.
///
/// A status table is a depositary's word at a date, and a later table may give another date for a
/// consent an earlier table recorded (the UNTC's 2018 XML gives Switzerland's ratification of VI-15
/// as 17 Feb 1970 where the 2014 table gives 23 Jan 1970). With `revisions` on (status-table
/// imports), such a consent is not refused: it is skipped, counted as already in the ledger, and
/// flagged with both dates, so the import goes through and a person decides which date is right.
struct TreatyRecorder {
    let db: Database
    let treaties: TreatyCatalogue
    let states: StateDirectory
    var appender: EventAppender
    private(set) var recorded = 0
    private(set) var duplicates = 0
    private(set) var firstSeq: Int64?
    private(set) var flags: [String] = []
    /// The actions recorded (or checked, when not written), by kind.
    private(set) var recordedByKind: [TreatyActionKind: Int] = [:]
    /// Whether a consent that another, earlier import dated differently is a revision to flag rather than an error.
    var revisions = false
    /// The first sequence number of this run: actions below it come from earlier imports.
    private let startSeq: Int64
    private let exists: Statement
    private let existing: Statement

    enum Outcome {
        case recorded(Int64)
        /// Checked and acceptable, but not written (`write` was false).
        case checked
        case duplicate
        case rejected(FieldIssue)
    }

    init(_ db: Database, treaties: TreatyCatalogue, states: StateDirectory, actor: String, clock: LedgerClock) throws {
        self.db = db
        self.treaties = treaties
        self.states = states
        appender = try EventAppender(db, actor: actor, clock: clock)
        startSeq = appender.nextSeq
        exists = try db.makeStatement(sql: "SELECT 1 FROM treaty_actions WHERE state = ? AND treaty = ? AND action = ? AND date = ?")
        existing = try db.makeStatement(sql: "SELECT * FROM treaty_actions WHERE state = ? AND treaty = ?")
    }

    /// Records one action (when `write` is false, only checks it); `place` names it in flags ("line 12").
    mutating func record(_ fields: TreatyActionFields, place: String, write: Bool = true) throws -> Outcome {
        let date = fields.date.description
        if try Bool.fetchOne(exists, arguments: [fields.state, fields.treaty, fields.action.rawValue, date]) == true {
            duplicates += 1
            return .duplicate
        }
        let rows = try Row.fetchAll(existing, arguments: [fields.state, fields.treaty]).map { try TreatyActionRow(checking: $0) }
        let history = rows.map { (kind: $0.action, date: $0.date) }
        let treaty = treaties.treaty(fields.treaty)!
        let before = PartyStatus.of(history, asOf: fields.date)
        let name = states[fields.state]?.name ?? fields.state
        if revisions, fields.action.isConsent, !history.contains(where: { $0.kind == .denunciation }),
            let earlier = rows.first(where: { $0.seq < startSeq && $0.action.isConsent })
        {
            duplicates += 1
            flags.append(
                "\(place): \(name): this table gives \(fields.action.rawValue) of \(treaty.shortTitle) on \(fields.date); "
                    + "the ledger holds \(earlier.action.rawValue) on \(earlier.date) (event \(earlier.seq)) "
                    + "from an earlier import. Kept the ledger's record; if this date is the right one, record the correction.")
            return .duplicate
        }
        if fields.action.isConsent, case .party(let since, let by) = before {
            return .rejected(FieldIssue(
                field: "action", value: fields.action.rawValue,
                message: "\(name) is already party to \(treaty.shortTitle) since \(since) (\(by.rawValue)); a second consent to be bound is refused. If it left the treaty, record the denunciation first"))
        }
        if fields.action == .denunciation && !before.isParty {
            return .rejected(FieldIssue(
                field: "action", value: fields.action.rawValue,
                message: "\(name) is not party to \(treaty.shortTitle) on \(fields.date); there is nothing to denounce"))
        }
        if fields.action == .ratification && treaty.signatureRequired
            && !history.contains(where: { $0.kind == .signature && $0.date <= fields.date })
        {
            flags.append("\(place): \(name) ratified \(treaty.shortTitle) on \(fields.date) with no signature on record; accepted, check the depositary's notification.")
        }
        recordedByKind[fields.action, default: 0] += 1
        guard write else { return .checked }
        let seq = appender.nextSeq
        try TreatyActionRow(seq: seq, fields, actor: appender.actor).insert(db)
        try appender.append(.treatyActionRecorded, .object(fields.jsonMembers))
        firstSeq = firstSeq ?? seq
        recorded += 1
        return .recorded(seq)
    }
}
