import Foundation
import GRDB
import LedgerModel

/// Reporting rounds (issue 12): an admin opens a round, States draft their answers in it, submit them,
/// reviewers accept or return each answer, and an admin publishes the accepted ones. Every step is an
/// event. Drafts never touch the `measures` and `cells` projections: publishing appends ordinary
/// `measure.recorded`/`corrected`/`retracted` events that carry the accepted drafts into the record,
/// then a `round.published` event that lists them, so every report, `history`, `--known-at`,
/// `verify` and `rebuild` treat published answers like any measure and never see a draft.
///
/// Who may do what (focal points for their State, reviewers, admins) is the caller's check
/// (``Role``); `onlyState` limits a write to one State as in ``correctMeasure(_:changes:addEvidence:reason:actor:onlyState:)``.
extension Ledger {
    // MARK: - Admin: open, close, publish

    /// A round's definition: the obligations it asks (nil: every obligation answered with measures)
    /// and the States that answer (nil: every Member State). ``openRound(_:actor:)`` checks them; the
    /// command line's comma lists and the API's arrays both come here as arrays.
    public func roundDefinition(name: String, due: ISODate, obligations: [String]? = nil, states: [String]? = nil) -> RoundDefinition {
        RoundDefinition(
            name: name, due: due, obligations: obligations ?? catalogue.obligations.filter { $0.kind != .accession }.map(\.id),
            states: states ?? self.states.memberStates.map(\.iso3))
    }

    /// The obligations of one Article (``Catalogue/obligations(article:)``) that a round can ask:
    /// those answered with measures, not the accession ones derived from treaty status.
    public func roundObligations(article: String) throws(Catalogue.UnknownArticle) -> [String] {
        try catalogue.obligations(article: article).filter { $0.kind != .accession }.map(\.id)
    }

    /// Opens a round; returns the sequence number of its `round.opened` event. Obligations must be
    /// obligations of the catalogue that States answer with measures (not accession ones) and States known to the ledger (both are sorted and de-duplicated).
    @discardableResult
    public func openRound(_ definition: RoundDefinition, actor: String) throws -> Int64 {
        if let issue = RoundDefinition.nameIssue(definition.name) { throw LedgerError.invalid(ValidationFailure(issues: [issue])) }
        var issues: [FieldIssue] = []
        for id in definition.obligations {
            if let obligation = catalogue.obligation(id) {
                if obligation.kind == .accession {
                    issues.append(FieldIssue(field: "obligations", value: id, message: "is derived from treaty status, so no State answers it in a round"))
                }
            } else {
                issues.append(FieldIssue(field: "obligations", value: id, message: "is not an obligation of the catalogue", suggestions: catalogue.suggestions(forObligation: id)))
            }
        }
        for code in definition.states where states[code] == nil {
            issues.append(FieldIssue(field: "states", value: code, message: "is not a State the ledger knows (ISO 3166-1 alpha-3)"))
        }
        guard issues.isEmpty else { throw LedgerError.invalid(ValidationFailure(issues: issues)) }
        let order = Dictionary(catalogue.obligations.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        let definition = RoundDefinition(
            name: definition.name, due: definition.due,
            obligations: Array(Set(definition.obligations)).sorted { order[$0, default: 0] < order[$1, default: 0] },
            states: Array(Set(definition.states)).sorted())
        if definition.obligations.isEmpty || definition.states.isEmpty { throw LedgerError.round(.emptyRound(definition.name)) }
        return try write { db in
            let book = try RoundBook(db)
            if let existing = book.rounds[definition.name] { throw LedgerError.round(.roundExists(definition.name, seq: existing.openedSeq)) }
            var appender = try EventAppender(db, actor: actor, clock: clock)
            return try appender.append(.roundOpened, definition.json)
        }
    }

    /// Closes a round: it takes no more drafts, submissions or reviews; accepted answers can still be published.
    @discardableResult
    public func closeRound(_ name: String, actor: String) throws -> Int64 {
        try write { db in
            _ = try RoundBook(db).openRound(name)
            var appender = try EventAppender(db, actor: actor, clock: clock)
            return try appender.append(.roundClosed, .object(["round": .string(name)]))
        }
    }

    /// Publishes every accepted answer of the round not yet published: appends the measure events that
    /// carry them into the record (in draft order), then a `round.published` event listing the drafts and
    /// those events, then, with `signingKey`, a signed checkpoint of that head. All or nothing: a draft
    /// that no longer applies (its measure was corrected or retracted since) refuses the whole publication.
    @discardableResult
    public func publishRound(_ name: String, signingKey: CheckpointKey? = nil, actor: String) throws -> ReportingRound.Publication {
        try write { db in
            let book = try RoundBook(db)
            _ = try book.round(name)
            let accepted = book.liveDrafts(round: name).filter { $0.status == .accepted }
            guard !accepted.isEmpty else { throw LedgerError.round(.nothingToPublish(name)) }
            var appender = try EventAppender(db, actor: actor, clock: clock)
            let writer = try MeasureWriter(db)
            var events: [Int64] = []
            for draft in accepted {
                events.append(try Self.publish(draft, appender: &appender, writer: writer, db))
            }
            let seq = try appender.append(.roundPublished, .object([
                "round": .string(name), "drafts": .array(accepted.map { .int(Int($0.seq)) }), "events": .array(events.map { .int(Int($0)) }),
            ]))
            var checkpoint: Checkpoint?
            if let signingKey {
                let signed = try signingKey.sign(
                    seq: appender.lastSeq, hash: appender.lastHash, time: appender.recordedAt, root: try Ledger.checkpointRoot(db, size: appender.lastSeq))
                try appender.append(.checkpointRecorded, signed.json)
                checkpoint = signed
            }
            return ReportingRound.Publication(
                seq: seq, recordedAt: appender.recordedAt, actor: actor, drafts: accepted.map(\.seq), events: events, checkpoint: checkpoint)
        }
    }

    /// Appends the measure event that publishes one accepted draft (through the ``MeasureWriter`` a direct
    /// write uses, so the same rules hold) and updates the projections; returns its sequence number.
    private static func publish(_ draft: RoundDraft, appender: inout EventAppender, writer: MeasureWriter, _ db: Database) throws -> Int64 {
        func conflict(_ reason: String) -> LedgerError { .round(.publishConflict(round: draft.round, draft: draft.seq, reason: reason)) }
        /// The published measure a correction or retraction changes, as the draft found it.
        func unchanged(_ id: Int64, since version: Int64) throws -> MeasureRecord {
            let current = try measure(resolving: id, db)
            try writer.checkInForce(current)
            if current.lastSeq != version {
                throw conflict("measure \(current.id) was changed by event \(current.lastSeq) after the draft was written")
            }
            return current
        }
        do {
            switch draft.change {
            case .record(let fields):
                return try writer.record(fields, appender: &appender)
            case .correct(let id, let version, let fields):
                return try writer.correct(try unchanged(id, since: version), to: fields, reason: draft.reason, appender: &appender)
            case .retract(let id, let version, _, _):
                return try writer.retract(try unchanged(id, since: version), reason: draft.reason ?? "", appender: &appender)
            case .withdraw:
                throw conflict("a withdrawal publishes nothing")
            }
        } catch let refusal as MeasureWriter.Refusal {
            switch refusal {
            case .identicalInForce(let existing): throw conflict("measure \(existing), identical, is in force already")
            case .retracted(let measure, let by): throw conflict("measure \(measure) was retracted by event \(by)")
            case .unchanged(let measure): throw conflict("it would leave measure \(measure) unchanged")
            case .identicalTo(let measure, let other): throw conflict("it would make measure \(measure) identical to measure \(other)")
            }
        }
    }

    // MARK: - Focal points: draft and submit

    /// Records a new measure as a draft in round `round`; returns the draft's sequence number. The
    /// State and obligation must be ones the round asks about; evidence is stored now (named by the draft).
    @discardableResult
    public func draftMeasure(
        _ fields: MeasureFields, evidence: [EvidenceFile] = [], round: String, actor: String, onlyState: String? = nil
    ) throws -> Int64 {
        try write { db in
            let book = try RoundBook(db)
            let definition = try book.openRound(round).definition
            try Self.checkAsked(definition, state: fields.state, obligation: fields.obligation, onlyState: onlyState)
            var fields = fields
            fields.evidence = try Self.store(evidence, db)
            var payload = fields.jsonMembers
            payload["round"] = .string(round)
            payload["action"] = .string(RoundDraftAction.record.rawValue)
            var appender = try EventAppender(db, actor: actor, clock: clock)
            return try appender.append(.roundDrafted, .object(payload))
        }
    }

    /// Drafts a correction in round `round`: of published measure `seq` (its record event or a later
    /// correction), or of an earlier live draft of the round, which the new draft replaces.
    /// `changes` maps field names to new text, as in ``correctMeasure(_:changes:addEvidence:reason:actor:onlyState:)``.
    @discardableResult
    public func draftCorrection(
        _ seq: Int64, changes: [String: String], addEvidence: [EvidenceFile] = [], reason: String?, round: String, actor: String,
        onlyState: String? = nil
    ) throws -> Int64 {
        try Self.check(reason, field: "reason", rule: .freeText)
        return try write { [self] db in
            let book = try RoundBook(db)
            let definition = try book.openRound(round).definition
            let base = try Self.draftBase(seq, book: book, round: round, db)
            guard let baseFields = base.fields else { throw LedgerError.round(.nothingToCorrect(round: round, draft: seq)) }
            try Self.checkState(base.state, of: seq, onlyState)
            var raw = Self.rawFields(baseFields)
            for (field, value) in changes { raw[field] = value }
            var fields: MeasureFields
            do throws(ValidationFailure) { fields = try MeasureFields.validate(raw, catalogue: catalogue, states: states) } catch {
                throw LedgerError.invalid(error)
            }
            try Self.checkAsked(definition, state: fields.state, obligation: fields.obligation, onlyState: onlyState)
            fields.evidence = baseFields.evidence
            for link in try Self.store(addEvidence, db) where !fields.evidence.contains(where: { $0.sha256 == link.sha256 }) {
                fields.evidence.append(link)
            }
            if fields == baseFields { throw LedgerError.duplicateMeasure(existing: seq) }
            var payload = fields.jsonMembers
            payload["round"] = .string(round)
            // A correction of a drafted new measure is still a new measure; of a published one, a correction.
            if let measure = base.measure, let version = base.version {
                payload["action"] = .string(RoundDraftAction.correct.rawValue)
                payload["measure"] = .int(Int(measure))
                payload["supersedes"] = .int(Int(version))
            } else {
                payload["action"] = .string(RoundDraftAction.record.rawValue)
            }
            if let replaces = base.replaces { payload["replaces"] = .int(Int(replaces)) }
            if let reason, !reason.isEmpty { payload["reason"] = .string(reason) }
            var appender = try EventAppender(db, actor: actor, clock: clock)
            return try appender.append(.roundDrafted, .object(payload))
        }
    }

    /// Drafts a retraction in round `round`: of published measure `seq`, or, when `seq` is a live draft of
    /// the round, withdraws that draft (a withdrawal of a draft that retracts a measure leaves the measure as it is).
    @discardableResult
    public func draftRetraction(_ seq: Int64, reason: String, round: String, actor: String, onlyState: String? = nil) throws -> Int64 {
        let reason = reason.trimmingCharacters(in: .whitespaces)
        guard !reason.isEmpty else { throw LedgerError.missingReason("retraction") }
        try Self.check(reason, field: "reason", rule: .freeText)
        return try write { db in
            let book = try RoundBook(db)
            let definition = try book.openRound(round).definition
            let base = try Self.draftBase(seq, book: book, round: round, db)
            try Self.checkState(base.state, of: seq, onlyState)
            try Self.checkAsked(definition, state: base.state, obligation: base.obligation, onlyState: onlyState)
            var payload: [String: JSONValue] = [
                "round": .string(round), "reason": .string(reason), "state": .string(base.state), "obligation": .string(base.obligation),
            ]
            if let replaces = base.replaces {
                payload["action"] = .string(RoundDraftAction.withdraw.rawValue)
                payload["replaces"] = .int(Int(replaces))
            } else if let measure = base.measure, let version = base.version {
                payload["action"] = .string(RoundDraftAction.retract.rawValue)
                payload["measure"] = .int(Int(measure))
                payload["supersedes"] = .int(Int(version))
            }
            var appender = try EventAppender(db, actor: actor, clock: clock)
            return try appender.append(.roundDrafted, .object(payload))
        }
    }

    /// Submits every draft (and returned draft) of `state` in the round at once; returns the event's sequence number.
    @discardableResult
    public func submitRound(_ name: String, state: String, actor: String, onlyState: String? = nil) throws -> Int64 {
        try write { db in
            let book = try RoundBook(db)
            let definition = try book.openRound(name).definition
            try Self.checkAsked(definition, state: state, obligation: nil, onlyState: onlyState)
            let ready = book.liveDrafts(round: name, state: state).filter { $0.status == .draft || $0.status == .returned }
            guard !ready.isEmpty else { throw LedgerError.round(.nothingToSubmit(round: name, state: state)) }
            var appender = try EventAppender(db, actor: actor, clock: clock)
            return try appender.append(.roundSubmitted, .object([
                "round": .string(name), "state": .string(state), "drafts": .array(ready.map { .int(Int($0.seq)) }),
            ]))
        }
    }

    // MARK: - Reviewers: accept and return

    /// Accepts the submitted answer of `state` to `obligation`, or (obligation nil) every submitted
    /// answer of the State, with an optional comment for the record; returns the sequence numbers of the `round.accepted` events (one per answer).
    @discardableResult
    public func acceptAnswer(_ name: String, state: String, obligation: String?, comment: String? = nil, actor: String) throws -> [Int64] {
        try Self.check(comment, field: "comment", rule: .freeText)
        return try write { db in
            let book = try RoundBook(db)
            let definition = try book.openRound(name).definition
            try Self.checkAsked(definition, state: state, obligation: obligation, onlyState: nil)
            let answers: [RoundAnswer]
            if let obligation {
                let answer = book.answer(round: name, state: state, obligation: obligation)
                guard answer.status == .submitted else {
                    throw LedgerError.round(.notSubmitted(round: name, state: state, obligation: obligation, status: answer.status))
                }
                answers = [answer]
            } else {
                answers = book.answers(round: try book.round(name), state: state).filter { $0.status == .submitted }
                guard !answers.isEmpty else {
                    throw LedgerError.round(.notSubmitted(round: name, state: state, obligation: "any obligation", status: .notStarted))
                }
            }
            var appender = try EventAppender(db, actor: actor, clock: clock)
            return try answers.map { answer in
                var payload: [String: JSONValue] = [
                    "round": .string(name), "state": .string(state), "obligation": .string(answer.obligation),
                    "drafts": .array(answer.drafts.filter { $0.status == .submitted }.map { .int(Int($0.seq)) }),
                ]
                if let comment, !comment.isEmpty { payload["comment"] = .string(comment) }
                return try appender.append(.roundAccepted, .object(payload))
            }
        }
    }

    /// Returns the submitted answer of `state` to `obligation` with a comment: its drafts are drafts
    /// again, to be corrected and submitted anew. Returns the event's sequence number.
    @discardableResult
    public func returnAnswer(_ name: String, state: String, obligation: String, comment: String, actor: String) throws -> Int64 {
        try Self.check(comment, field: "comment", rule: .freeText)
        return try write { db in
            let book = try RoundBook(db)
            let definition = try book.openRound(name).definition
            try Self.checkAsked(definition, state: state, obligation: obligation, onlyState: nil)
            let answer = book.answer(round: name, state: state, obligation: obligation)
            guard answer.status == .submitted else {
                throw LedgerError.round(.notSubmitted(round: name, state: state, obligation: obligation, status: answer.status))
            }
            var appender = try EventAppender(db, actor: actor, clock: clock)
            return try appender.append(.roundReturned, .object([
                "round": .string(name), "state": .string(state), "obligation": .string(obligation), "comment": .string(comment),
                "drafts": .array(answer.drafts.filter { $0.status == .submitted }.map { .int(Int($0.seq)) }),
            ]))
        }
    }

    // MARK: - Reading

    /// Every round, in the order they were opened.
    public func rounds() throws -> [ReportingRound] {
        try pool.read { db in
            let book = try Self.bookWithCheckpoints(db)
            return book.order.compactMap { book.rounds[$0] }
        }
    }

    /// The rounds published by `knownAt` (all, without it), in the order they were opened, each
    /// with its first publication time: what a report's figures rest on. One query over the
    /// round events' index, without replaying the rounds' drafts.
    public func publishedRounds(knownAt: KnownAt? = nil) throws -> [(name: String, publishedAt: String)] {
        try pool.read { db in try Self.publishedRounds(db, knownAt: knownAt) }
    }

    /// ``publishedRounds(knownAt:)`` read in `db`.
    static func publishedRounds(_ db: Database, knownAt: KnownAt?) throws -> [(name: String, publishedAt: String)] {
        let known: SQL = knownAt.map { "AND recorded_at <= \($0.timestamp)" } ?? ""
        return try Row.fetchAll(db, SQLRequest<Row>("""
            SELECT p.name, min(p.recorded_at) AS published_at, min(o.seq) AS opened
            FROM (SELECT json_extract(payload, '$.round') AS name, recorded_at FROM events
                  WHERE kind >= 'round.' AND kind < 'round/' AND kind = 'round.published'
                  \(known)) p
            JOIN events o ON o.kind >= 'round.' AND o.kind < 'round/' AND o.kind = 'round.opened'
              AND json_extract(o.payload, '$.round') = p.name
            GROUP BY p.name ORDER BY opened
            """)
        ).map { (name: $0["name"], publishedAt: $0["published_at"]) }
    }

    /// One round, or ``RoundProblem/unknownRound(_:)``.
    public func round(named name: String) throws -> ReportingRound {
        try pool.read { db in try Self.bookWithCheckpoints(db).round(name) }
    }

    /// Per State of the round: answers due, drafted, submitted, returned, accepted, published; who is overdue on `today`.
    public func roundStatus(_ name: String, today: ISODate = .utc()) throws -> RoundStatus {
        try pool.read { db in
            let book = try Self.bookWithCheckpoints(db)
            return book.status(of: try book.round(name), today: today)
        }
    }

    /// The draft view of a State: its answer to every obligation the round asks, with the live drafts
    /// and any reviewer comment. Drafts count in no report; this view and ``reviewQueue(round:)`` show them.
    public func draftView(round name: String, state: String) throws -> [RoundAnswer] {
        try pool.read { db in
            let book = try RoundBook(db)
            let round = try book.round(name)
            guard round.definition.states.contains(state) else { throw LedgerError.round(.notAsked(round: name, state: state, obligation: nil)) }
            return book.answers(round: round, state: state)
        }
    }

    /// Every answer of a round, State by State in the round's order, from one read of the round events
    /// (what `round show` prints for a whole round).
    public func answers(round name: String) throws -> [RoundAnswer] {
        try pool.read { db in
            let book = try RoundBook(db)
            return book.answers(round: try book.round(name))
        }
    }

    /// The reviewer's queue: every submitted answer waiting for a decision, of one round or of all, oldest round first.
    public func reviewQueue(round name: String? = nil) throws -> [RoundAnswer] {
        try pool.read { db in
            let book = try RoundBook(db)
            let rounds = try name.map { [try book.round($0)] } ?? book.order.compactMap { book.rounds[$0] }
            return rounds.flatMap { book.answers(round: $0) }.filter { $0.status == .submitted }
        }
    }

    // MARK: - Helpers

    /// What a correction or retraction drafted on `seq` starts from: a live draft of the round (which
    /// the new draft replaces), or a published measure. `fields` is nil for a drafted retraction, which has none.
    private struct DraftBase {
        let state: String
        let obligation: String
        let fields: MeasureFields?
        /// The published measure and the version of it the base was written against; nil for a drafted new measure.
        let measure: Int64?
        let version: Int64?
        /// The draft the new one replaces; nil when the base is a published measure.
        let replaces: Int64?
    }

    private static func draftBase(_ seq: Int64, book: RoundBook, round: String, _ db: Database) throws -> DraftBase {
        if let draft = book.drafts[seq], draft.round == round {
            guard draft.status != .superseded, draft.status != .published else {
                throw LedgerError.round(.draftNotLive(round: round, draft: seq, status: draft.status))
            }
            return DraftBase(
                state: draft.state, obligation: draft.obligation, fields: draft.fields, measure: draft.measure, version: draft.supersededVersion,
                replaces: seq)
        }
        let current = try measure(resolving: seq, db)
        if let retracted = current.retractedSeq { throw LedgerError.alreadyRetracted(measure: current.id, retraction: retracted) }
        if let other = book.liveDrafts(round: round, state: current.fields.state).first(where: { $0.measure == current.id }) {
            throw LedgerError.round(.measureAlreadyDrafted(round: round, measure: current.id, draft: other.seq))
        }
        return DraftBase(
            state: current.fields.state, obligation: current.fields.obligation, fields: current.fields, measure: current.id,
            version: current.lastSeq, replaces: nil)
    }

    /// Refuses a State or obligation the round does not ask about, and a State outside `onlyState`.
    private static func checkAsked(_ definition: RoundDefinition, state: String, obligation: String?, onlyState: String?) throws {
        if let onlyState, state != onlyState { throw LedgerError.round(.notAsked(round: definition.name, state: state, obligation: obligation)) }
        if !definition.states.contains(state) || (obligation.map { !definition.obligations.contains($0) } ?? false) {
            throw LedgerError.round(.notAsked(round: definition.name, state: state, obligation: obligation))
        }
    }

    /// The round book with the checkpoint signed right after each publication, where one was.
    private static func bookWithCheckpoints(_ db: Database) throws -> RoundBook {
        var book = try RoundBook(db)
        for round in book.rounds.values {
            for publication in round.publications {
                if let text = try String.fetchOne(db, sql: """
                    SELECT payload FROM events
                    WHERE kind IN ('token.created', 'token.revoked', 'checkpoint.recorded', 'reference_data.recorded')
                    AND kind = 'checkpoint.recorded' AND seq = ?
                    """, arguments: [publication.seq + 1]),
                    let checkpoint = try? Checkpoint.decode(Data(text.utf8)), checkpoint.seq == publication.seq
                {
                    book.attach(checkpoint: checkpoint, toPublicationOf: round.name, seq: publication.seq)
                }
            }
        }
        return book
    }
}
