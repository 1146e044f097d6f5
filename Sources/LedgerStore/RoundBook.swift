import Foundation
import GRDB
import LedgerModel

/// Every reporting round as its events made it, re-read from the `round.*` events (found through the
/// `events_rounds` partial index) in one pass inside the caller's transaction: read once per read or
/// write, then asked by (round, State, obligation) through its index. Rounds keep no projection
/// table: nothing can drift from the events, and `verify` and `rebuild` need nothing more. An event
/// whose payload does not say what its kind needs is a ``LedgerError/badStoredValue(table:key:column:value:expected:)``,
/// never read as a made-up value.
struct RoundBook {
    private(set) var rounds: [String: ReportingRound] = [:]
    /// Round names in the order they were opened.
    private(set) var order: [String] = []
    private(set) var drafts: [Int64: RoundDraft] = [:]
    /// The drafts of each round, State and obligation, oldest first (replaced and withdrawn ones too).
    private var index: [String: [String: [String: [Int64]]]] = [:]
    /// The latest submission of each (round, State), and the latest return.
    private var submitted: [String: [String: (seq: Int64, at: String)]] = [:]
    private var returned: [String: [String: Int64]] = [:]

    /// The SQL that reads the round events; its WHERE repeats the partial index's.
    static let eventsSQL = """
        SELECT seq, recorded_at, actor, kind, payload FROM events
        WHERE kind >= 'round.' AND kind < 'round/' ORDER BY seq
        """

    /// The payload members of every round event kind (each kind uses some).
    struct Payload: Decodable {
        let round: String
        let due: ISODate?
        let obligations: [String]?
        let states: [String]?
        let action: RoundDraftAction?
        let state: String?
        let obligation: String?
        let measure: Int64?
        let replaces: Int64?
        let supersedes: Int64?
        let reason: String?
        let comment: String?
        let drafts: [Int64]?
        let events: [Int64]?
    }

    init(_ db: Database) throws {
        let decoder = JSONDecoder()
        let cursor = try Row.fetchCursor(db, sql: Self.eventsSQL)
        while let row = try cursor.next() {
            let seq: Int64 = row["seq"], kindText: String = row["kind"], text: String = row["payload"]
            guard let kind = EventKind(rawValue: kindText) else { continue }
            let data = Data(text.utf8)
            func bad(_ expected: String) -> LedgerError {
                .badStoredValue(table: "events", key: "seq \(seq)", column: "payload", value: text, expected: expected)
            }
            let payload: Payload
            do { payload = try decoder.decode(Payload.self, from: data) } catch { throw bad("the payload of a \(kindText) event") }
            try apply(seq: seq, kind: kind, payload: payload, data: data, recordedAt: row["recorded_at"], actor: row["actor"], decoder: decoder, bad: bad)
        }
    }

    private mutating func apply(
        seq: Int64, kind: EventKind, payload p: Payload, data: Data, recordedAt: String, actor: String, decoder: JSONDecoder,
        bad: (String) -> LedgerError
    ) throws {
        switch kind {
        case .roundOpened:
            guard let due = p.due, let obligations = p.obligations, let states = p.states else {
                throw bad("a round.opened payload with its due date, obligations and States")
            }
            let definition = RoundDefinition(name: p.round, due: due, obligations: obligations, states: states)
            rounds[p.round] = ReportingRound(definition: definition, openedSeq: seq, openedAt: recordedAt, openedBy: actor, closedSeq: nil, publications: [])
            order.append(p.round)
        case .roundClosed:
            rounds[p.round]?.closedSeq = seq
        case .roundDrafted:
            let change: RoundDraft.Change
            switch p.action ?? .record {
            case .record:
                guard let fields = try? decoder.decode(MeasureFields.self, from: data) else { throw bad("a drafted measure's fields") }
                change = .record(fields)
            case .correct:
                guard let fields = try? decoder.decode(MeasureFields.self, from: data), let measure = p.measure, let version = p.supersedes else {
                    throw bad("a drafted correction's fields, measure and the version it supersedes")
                }
                change = .correct(measure: measure, supersedes: version, fields)
            case .retract:
                guard let measure = p.measure, let version = p.supersedes, let state = p.state, let obligation = p.obligation, p.reason != nil else {
                    throw bad("a drafted retraction's measure, the version it supersedes, its State, obligation and reason")
                }
                change = .retract(measure: measure, supersedes: version, state: state, obligation: obligation)
            case .withdraw:
                guard let state = p.state, let obligation = p.obligation, p.replaces != nil else {
                    throw bad("a withdrawal's State, obligation and the draft it withdraws")
                }
                change = .withdraw(state: state, obligation: obligation)
            }
            if let replaced = p.replaces { drafts[replaced]?.status = .superseded }
            let draft = RoundDraft(
                seq: seq, round: p.round, change: change, replaces: p.replaces, reason: p.reason, recordedAt: recordedAt, actor: actor,
                status: change.isWithdrawal ? .superseded : .draft, comment: nil, publishedSeq: nil)
            drafts[seq] = draft
            index[p.round, default: [:]][draft.state, default: [:]][draft.obligation, default: []].append(seq)
        case .roundSubmitted:
            for id in p.drafts ?? [] { drafts[id]?.status = .submitted }
            if let state = p.state { submitted[p.round, default: [:]][state] = (seq, recordedAt) }
        case .roundAccepted:
            for id in p.drafts ?? [] { drafts[id]?.status = .accepted }
        case .roundReturned:
            for id in p.drafts ?? [] {
                drafts[id]?.status = .returned
                drafts[id]?.comment = p.comment
            }
            if let state = p.state { returned[p.round, default: [:]][state] = seq }
        case .roundPublished:
            let ids = p.drafts ?? [], events = p.events ?? []
            for (index, id) in ids.enumerated() {
                drafts[id]?.status = .published
                if index < events.count { drafts[id]?.publishedSeq = events[index] }
            }
            rounds[p.round]?.publications.append(
                ReportingRound.Publication(seq: seq, recordedAt: recordedAt, actor: actor, drafts: ids, events: events, checkpoint: nil))
        default:
            break
        }
    }

    /// Notes the checkpoint recorded right after a publication (read separately: it is a `checkpoint.recorded` event).
    mutating func attach(checkpoint: Checkpoint, toPublicationOf round: String, seq: Int64) {
        guard var entry = rounds[round], let index = entry.publications.firstIndex(where: { $0.seq == seq }) else { return }
        let old = entry.publications[index]
        entry.publications[index] = ReportingRound.Publication(
            seq: old.seq, recordedAt: old.recordedAt, actor: old.actor, drafts: old.drafts, events: old.events, checkpoint: checkpoint)
        rounds[round] = entry
    }

    // MARK: - Questions

    /// The round named `name`, or ``RoundProblem/unknownRound(_:)``.
    func round(_ name: String) throws -> ReportingRound {
        guard let round = rounds[name] else { throw LedgerError.round(.unknownRound(name)) }
        return round
    }

    /// The round, refusing a closed one.
    func openRound(_ name: String) throws -> ReportingRound {
        let round = try round(name)
        if let closed = round.closedSeq { throw LedgerError.round(.roundClosed(name, seq: closed)) }
        return round
    }

    /// The drafts of a round that count (neither replaced nor withdrawn), oldest first, optionally of one
    /// State and obligation: index lookups, no scan of the other rounds' or States' drafts.
    func liveDrafts(round: String, state: String? = nil, obligation: String? = nil) -> [RoundDraft] {
        guard let states = index[round] else { return [] }
        var seqs: [Int64]
        if let state, let obligation {
            seqs = states[state]?[obligation] ?? []
        } else {
            let cells = state.map { states[$0].map { [$0] } ?? [] } ?? Array(states.values)
            seqs = cells.flatMap { obligations in obligation.map { obligations[$0] ?? [] } ?? obligations.values.flatMap { $0 } }.sorted()
        }
        return seqs.compactMap { drafts[$0] }.filter { $0.status != .superseded }
    }

    /// A State's answer to one obligation.
    func answer(round: String, state: String, obligation: String) -> RoundAnswer {
        let live = liveDrafts(round: round, state: state, obligation: obligation)
        let precedence: [RoundDraftStatus] = [.returned, .draft, .submitted, .accepted, .published]
        let status = precedence.first { wanted in live.contains { $0.status == wanted } } ?? .notStarted
        let comment = live.filter { $0.status == .returned }.last?.comment
        return RoundAnswer(round: round, state: state, obligation: obligation, status: status, drafts: live, comment: comment)
    }

    /// Every answer of a round, State by State in the round's order, optionally of one State.
    func answers(round: ReportingRound, state: String? = nil) -> [RoundAnswer] {
        round.definition.states.filter { state == nil || $0 == state }.flatMap { code in
            round.definition.obligations.map { answer(round: round.name, state: code, obligation: $0) }
        }
    }

    /// Whether the State's latest submission stands (no answer was returned after it).
    func submission(round: String, state: String) -> (seq: Int64, at: String)? {
        guard let last = submitted[round]?[state] else { return nil }
        if let back = returned[round]?[state], back > last.seq { return nil }
        return last
    }

    /// The status of every State of a round on `today`: its answers counted by where they stand, its
    /// progress, and whether it is overdue (the due date has passed and its progress still owes a submission).
    func status(of round: ReportingRound, today: ISODate) -> RoundStatus {
        let pastDue = today > round.definition.due
        let rows = round.definition.states.map { state -> RoundStatus.Row in
            let answers = round.definition.obligations.map { answer(round: round.name, state: state, obligation: $0).status }
            func count(_ status: RoundDraftStatus) -> Int { answers.filter { $0 == status }.count }
            let progress = RoundProgress(answers: answers)
            return RoundStatus.Row(
                state: state, due: answers.count, notStarted: count(.notStarted), drafted: count(.draft), submitted: count(.submitted),
                returned: count(.returned), accepted: count(.accepted), published: count(.published),
                submittedAt: submission(round: round.name, state: state)?.at, progress: progress, overdue: pastDue && progress.owesSubmission)
        }
        return RoundStatus(round: round, today: today, daysLeft: today.days(until: round.definition.due), rows: rows)
    }
}

extension RoundDraft.Change {
    var isWithdrawal: Bool {
        if case .withdraw = self { return true }
        return false
    }
}
