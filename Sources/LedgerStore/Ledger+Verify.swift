import Crypto
import Foundation
import GRDB
import LedgerModel
import Synchronization

/// What `verify` found: what was checked and, when the ledger is not sound, the problems with the
/// first bad sequence number (or the table named, when no event is at fault).
public struct VerificationReport: Sendable, Hashable {
    public let eventsChecked: Int
    public let evidenceChecked: Int
    /// Checkpoints whose signature and hash held: those recorded in the ledger and those given from outside.
    public let checkpointsChecked: Int
    /// The first event whose hash chain or projection does not match, when any.
    public let firstBadSeq: Int64?
    /// One sentence per problem: the chain first, then projections, the log's Merkle tree, evidence, reference data, tokens, schema.
    public let problems: [String]
    /// What could not be checked, without being wrong (e.g. reference data of an unknown fixture version).
    public let notes: [String]

    public var isSound: Bool { problems.isEmpty }
}

extension Ledger {
    /// Checks everything a report or the server relies on, each check running whatever the others
    /// found: the hash chain of every event (and the heads `expecting` names, from a signed
    /// checkpoint or `--expect-head`, and every checkpoint event's signature), that the projections
    /// say exactly what the events say, that the stored Merkle tree is the one the events make (every
    /// complete subtree recomputed), that every evidence file an event names is there with its
    /// digest, that the reference tables have the digests the ledger recorded, that the tokens
    /// table is what the token events say, and that the schema objects are those of `Schema/`.
    /// Reads only; one pass over the events.
    ///
    /// `trustedKey` (hex Ed25519 public key), when given, is the only key checkpoint events may be signed with.
    public func verify(expecting heads: [ExpectedHead] = [], trustedKey: String? = nil) throws -> VerificationReport {
        try pool.read(verifying(expecting: heads, trustedKey: trustedKey))
    }

    /// The read of ``verify(expecting:trustedKey:)``: one snapshot, for a synchronous or an async read.
    func verifying(expecting heads: [ExpectedHead] = [], trustedKey: String? = nil) -> @Sendable (Database) throws -> VerificationReport {
        { [self] db in
            var check = try ProjectionCheck(db)
            var tree = try LogTreeCheck(db)
            var chain = ChainVerifier(trustedKey: trustedKey, expected: heads)
            var findings = Findings()
            var vouched: [Int64: TokenEvents.Vouched] = [:]
            // 1. The hash chain, and the projections beside it in the same pass: a batch of events is
            // hashed on another thread while the next one is read and its projections checked.
            let hasher = ChainHasher()
            var batch: [ChainRow] = []
            batch.reserveCapacity(Self.verifyBatch)
            func handOver() {
                let done = hasher.wait()
                for index in done.rows.indices { chain.add(done.rows[index], hashMatches: done.matches[index]) }
                hasher.start(batch)
                batch = []
                batch.reserveCapacity(Self.verifyBatch)
            }
            // Each event chains to the hash of the row before it (prev_hash is not stored since
            // migration v0011), except an old ledger's event whose prev_hash did not chain, kept apart.
            let unchained = try Dictionary(
                Row.fetchAll(db, sql: "SELECT seq, prev_hash FROM events_unchained").map { ($0[0] as Int64, ChainHash(EventHasher.blob(ofHex: $0[1]))) },
                uniquingKeysWith: { first, _ in first })
            var previous: ChainHash? = .genesis
            var lastEvent: (seq: Int64, recordedAt: String)?
            let cursor = try Row.fetchCursor(db, sql: "SELECT seq, recorded_at, actor, kind, payload, hash FROM events ORDER BY seq")
            while let row = try cursor.next() {
                let seq: Int64 = row[0], recordedAt: String = row[1], actor: String = row[2], kind: String = row[3], payload: String = row[4]
                let hash = try row.withUnsafeData(atIndex: 5) { data in
                    try tree.add(chainHash: data ?? Data())
                    return ChainHash(data)
                }
                batch.append(ChainRow(
                    seq: seq, recordedAt: recordedAt, actor: actor, kind: kind, payload: payload,
                    prevHash: unchained.isEmpty ? previous : unchained[seq] ?? previous, hash: hash))
                previous = hash
                lastEvent = (seq, recordedAt)
                if batch.count == Self.verifyBatch { handOver() }
                try check.event(seq: seq, kind: kind, payload: payload, recordedAt: recordedAt, actor: actor)
                if kind == EventKind.tokenCreated.rawValue || kind == EventKind.tokenRevoked.rawValue,
                    let problem = TokenEvents.apply(&vouched, seq: seq, kind: kind, payload: payload, recordedAt: recordedAt)
                {
                    findings.tokens.flag(seq, problem)
                }
            }
            handOver()
            let last = hasher.wait()
            for index in last.rows.indices { chain.add(last.rows[index], hashMatches: last.matches[index]) }
            chain.finish()
            try check.finish()
            try tree.finish()
            // 1b. The last event's time against this machine's clock (time running backwards between
            // events is the chain's check): a head in the future was stamped by a clock set forward.
            if let lastEvent, let time = Timestamp.parse(lastEvent.recordedAt), time.timeIntervalSince(clock.now()) > clock.tolerance {
                findings.clock.flag(lastEvent.seq, "Event \(lastEvent.seq) is recorded at \(lastEvent.recordedAt), in the future of this machine's clock (\(Timestamp.format(clock.now()))): "
                    + "a clock set forward wrote it, and no write is taken until the clock passes that time.")
            }
            // 2. Evidence files: each one's digest, and each one an event names is there.
            var evidenceChecked = 0
            var present = Set<String>()
            let files = try Row.fetchCursor(db, sql: "SELECT sha256, size, content FROM evidence")
            while let row = try files.next() {
                evidenceChecked += 1
                let data: Data = row["content"]
                let sha: String = row["sha256"]
                present.insert(sha)
                if EventHasher.sha256Hex(data) != sha || data.count != (row["size"] as Int) {
                    findings.evidence.flag(check.evidenceNamed[sha]?.seq, "Evidence file \(sha) was altered: its bytes no longer have that SHA-256.")
                }
            }
            for (sha, naming) in check.evidenceNamed.sorted(by: { $0.value.seq < $1.value.seq }) where !present.contains(sha) {
                findings.evidence.flag(naming.seq, "Event \(naming.seq) names evidence file '\(naming.filename)' (\(sha)), which the evidence table lacks: its row was deleted.")
            }
            for sha in present.subtracting(check.evidenceNamed.keys).sorted() {
                findings.evidence.flag(nil, "The evidence table holds a file (\(sha)) that no event names: it was added behind the ledger's back.")
            }
            // 3. Reference data against the digests the ledger recorded.
            if let expected = try ReferenceData.expectation(db, catalogue: catalogue, states: states, treaties: treaties) {
                let actual = try ReferenceData.digests(db)
                for table in ReferenceData.tables where actual[table.name] != expected.digests[table.name] {
                    findings.reference.flag(nil, "The \(table.name) table differs from the digest recorded by \(expected.basis): reference data was edited behind the ledger's back, and every report reads it.")
                }
            } else {
                findings.notes.append("The reference tables could not be checked: the creation event names fixtures this build does not embed, and no reference_data.recorded event holds their digests.")
            }
            // 3b. The search index against what the projections (and, when they are as recorded, the
            // reference tables) say it holds, walked beside the events in step 1 and finished here;
            // an edited reference table is named above, not twice.
            findings.search.problems = check.search.finish(reference: findings.reference.problems.isEmpty)
            // 4. Tokens: the table is a projection of the token events.
            try Self.checkTokens(db, vouched: vouched, into: &findings.tokens)
            // 5. Schema objects against Schema/.
            for problem in try SchemaCheck.problems(db) { findings.schema.flag(nil, problem) }
            // 6. Rounds: every round event says what its kind needs (rounds keep no projection, so a bad
            // payload would otherwise surface only when a round is read).
            do {
                _ = try RoundBook(db)
            } catch LedgerError.badStoredValue(let table, let key, let column, let value, let expected) {
                let error = LedgerError.badStoredValue(table: table, key: key, column: column, value: value, expected: expected)
                findings.rounds.flag(Int64(key.dropFirst("seq ".count)), error.description)
            }

            let sections = [findings.chainSection(chain), Findings.Section(problems: check.problems, firstBad: check.firstBad), tree.section,
                            findings.clock, findings.search, findings.evidence, findings.reference, findings.tokens, findings.schema, findings.rounds]
            return VerificationReport(
                eventsChecked: chain.eventsChecked, evidenceChecked: evidenceChecked, checkpointsChecked: chain.checkpointsChecked,
                firstBadSeq: sections.compactMap(\.firstBad).min(), problems: sections.flatMap(\.problems), notes: findings.notes)
        }
    }

    /// Compares the tokens table with the tokens the events vouch for.
    static func checkTokens(_ db: Database, vouched: [Int64: TokenEvents.Vouched], into section: inout Findings.Section) throws {
        var seen = Set<Int64>()
        for row in try Row.fetchAll(db, sql: "SELECT * FROM tokens ORDER BY id") {
            let id: Int64 = row["id"], name: String = row["name"]
            seen.insert(id)
            guard let token = vouched[id] else {
                section.flag(nil, "Row \(id) of the tokens table ('\(name)') has no token.created event: a token was added behind the ledger's back (the server refuses it).")
                continue
            }
            let stored: TokenRecord
            do {
                stored = try TokenRow(checking: row).record
            } catch {
                section.flag(token.createdSeq, String(describing: error))
                continue
            }
            if let revokedSeq = token.revokedSeq, stored.revokedAt == nil {
                section.flag(revokedSeq, "Token \(id) ('\(name)') was revoked by event \(revokedSeq), but the tokens table says it is active: its revoked_at was cleared (the server still refuses it).")
            } else if stored != token.record.revoked(at: token.revokedAt) || (row["sha256"] as String) != token.sha256 {
                section.flag(token.createdSeq, "Row \(id) of the tokens table differs from event \(token.createdSeq) that created it (name, role, State, SHA-256 or times).")
            }
        }
        for (id, token) in vouched.sorted(by: { $0.key < $1.key }) where !seen.contains(id) {
            section.flag(token.createdSeq, "Event \(token.createdSeq) created token \(id) ('\(token.record.name)'), which the tokens table lacks; run `cpsledger rebuild`.")
        }
    }

    /// Events per batch that `verify` hashes on another thread.
    static let verifyBatch = 4096

    /// Recomputes every projection, and the log's Merkle tree, from the events; returns the number of events replayed.
    @discardableResult
    public func rebuild() throws -> Int {
        // A rebuild may repair a treaty row in place (same sequence numbers and count): drop the kept index.
        defer {
            treatyStatusKept.withLock { $0 = nil }
            keptCells.withLock { $0.forget() }
        }
        return try write { db in
            let count = try replay(db)
            try LogSubtrees.recompute(db)
            try refreshAddedTreaties(db)
            return count
        }
    }

    struct ReplayFailure: Error {
        let seq: Int64
        let message: String
    }

    /// Empties the projections and replays every event into them, in the current transaction.
    func replay(_ db: Database) throws -> Int {
        try db.execute(sql: """
            DELETE FROM main.measures; DELETE FROM main.assessments; DELETE FROM main.cells;
            DELETE FROM main.treaty_actions; DELETE FROM main.treaty_tables; DELETE FROM main.tokens;
            DELETE FROM main.external_assessments; DELETE FROM main.measure_changes; DELETE FROM main.outside_scores; DELETE FROM main.state_changes;
            DELETE FROM main.treaties WHERE id IN (SELECT treaty FROM main.treaty_additions); DELETE FROM main.treaty_additions;
            """)
        try SearchIndex.empty(db)
        let projector = try Projector(db)
        let decoder = JSONDecoder()
        var count = 0
        let cursor = try Row.fetchCursor(db, sql: "SELECT seq, recorded_at, actor, kind, payload FROM events ORDER BY seq")
        while let row = try cursor.next() {
            count += 1
            let seq: Int64 = row["seq"]
            let kindText: String = row["kind"]
            let payload = Data((row["payload"] as String).utf8)
            guard let kind = EventKind(rawValue: kindText) else {
                throw ReplayFailure(seq: seq, message: "Event \(seq) has an unknown kind '\(kindText)'.")
            }
            do {
                switch kind {
                case .importCompleted, .checkpointRecorded, .referenceDataRecorded, .referenceDataRevised:
                    break  // Reference tables are not projections: their digests and revisions are checked by verify.
                case .ledgerCreated:
                    for change in try Self.createdStateChanges(payload: payload) { try Self.project(change, seq: seq, actor: row["actor"], db: db) }
                case .stateChanged:
                    try Self.project(try decoder.decode(StateChange.self, from: payload), seq: seq, actor: row["actor"], db: db)
                case .tokenCreated, .tokenRevoked:
                    break
                case .roundOpened, .roundClosed, .roundDrafted, .roundSubmitted, .roundAccepted, .roundReturned, .roundPublished:
                    break  // Rounds keep no projection; a publication's measure events are replayed as they come.
                case .measureRecorded:
                    let fields = try decoder.decode(MeasureFields.self, from: payload)
                    guard try projector.addMeasure(id: seq, fields, recordedAt: row["recorded_at"], actor: row["actor"]) else {
                        throw ReplayFailure(seq: seq, message: "Event \(seq) records a measure identical to one already in force.")
                    }
                case .measureCorrected:
                    let fields = try decoder.decode(MeasureFields.self, from: payload)
                    let reference = try decoder.decode(MeasureReference.self, from: payload)
                    try projector.correctMeasure(id: reference.measure, fields, seq: seq)
                case .measureRetracted:
                    let reference = try decoder.decode(MeasureReference.self, from: payload)
                    try projector.retractMeasure(id: reference.measure, seq: seq)
                case .assessmentRecorded:
                    let fields = try decoder.decode(AssessmentFields.self, from: payload)
                    try projector.addAssessment(seq: seq, fields, actor: row["actor"])
                case .treatyActionRecorded:
                    try projector.addTreatyAction(seq: seq, try decoder.decode(TreatyActionFields.self, from: payload), actor: row["actor"])
                case .treatyTableImported:
                    try projector.addTreatyTable(seq: seq, try decoder.decode(TreatyTablePayload.self, from: payload))
                case .treatyAdded:
                    try projector.addTreaty(seq: seq, try decoder.decode(TreatyAddition.self, from: payload))
                case .externalAssessmentRecorded:
                    try projector.addExternalAssessment(
                        seq: seq, try decoder.decode(ExternalAssessmentFields.self, from: payload), actor: row["actor"])
                case .outsideScoreRecorded:
                    try projector.addOutsideScore(seq: seq, try decoder.decode(OutsideScoreFields.self, from: payload), actor: row["actor"])
                }
            } catch let error as DecodingError {
                throw ReplayFailure(seq: seq, message: "Event \(seq) has a payload that does not decode: \(error).")
            }
        }
        try projector.refreshAllCells()
        try SearchIndex.addReference(db)
        // The tokens table, from the token events.
        for token in try TokenEvents.vouched(db).values.sorted(by: { $0.record.id < $1.record.id }) {
            try TokenRow(token.record.revoked(at: token.revokedAt), sha256: token.sha256).insert(db)
        }
        return count
    }
}

struct MeasureReference: Decodable {
    let measure: Int64
}

/// The problems of each check of `verify`, each section with its own limit so that one check's
/// flood of problems never hides another's.
struct Findings {
    struct Section {
        var problems: [String] = []
        var firstBad: Int64?

        mutating func flag(_ seq: Int64?, _ text: String) {
            if let seq, firstBad == nil || seq < firstBad! { firstBad = seq }
            if problems.count < ProjectionCheck.problemLimit { problems.append(text) }
        }
    }

    var evidence = Section()
    /// The last event's time against the verifying machine's clock.
    var clock = Section()
    var reference = Section()
    /// The full-text index (no event is at fault: its problems name no sequence number).
    var search = Section()
    var tokens = Section()
    var schema = Section()
    var rounds = Section()
    var notes: [String] = []

    func chainSection(_ chain: ChainVerifier) -> Section {
        Section(problems: Array(chain.problems.prefix(ProjectionCheck.problemLimit)), firstBad: chain.firstBadSeq)
    }
}

extension TokenRecord {
    func revoked(at time: String?) -> TokenRecord {
        TokenRecord(id: id, name: name, role: role, state: state, createdAt: createdAt, revokedAt: time)
    }
}
