import Foundation
import GRDB
import LedgerModel
@testable import LedgerStore
import LedgerTestSupport
import Synchronization
import Testing

/// Writes under a clock set back and forward (a test clock injected into the store): time in the
/// ledger never runs backwards, the future is not recorded by a running writer, and `verify` names
/// an event whose time runs backwards or lies in the future.
@Suite struct LedgerClockTests {
    /// A wall clock the test sets, and the notices the ledger gave.
    final class SetClock: Sendable {
        let time: Mutex<Date>
        let notices = Mutex<[String]>([])

        init(_ time: Date) { self.time = Mutex(time) }

        func set(_ date: Date) { time.withLock { $0 = date } }

        /// A ledger clock reading this one, made now (it counts from the time it reads now).
        var clock: LedgerClock {
            LedgerClock(now: { [self] in time.withLock { $0 } }, notice: { [self] text in notices.withLock { $0.append(text) } })
        }
    }

    /// The ledger of `temporary` opened again with `clock`.
    func reopen(_ temporary: TemporaryLedger, _ clock: SetClock) throws -> Ledger {
        try Ledger.open(path: temporary.path, actor: "test", withStatusData: false, clock: clock.clock)
    }

    func headTime(_ ledger: Ledger) throws -> String {
        try #require(try ledger.events(after: try ledger.headSeq() - 1, limit: 1).first).recordedAt
    }

    @Test func aClockALittleBehindTheHeadRecordsAtTheHeadsTimeAndSaysSo() throws {
        let temporary = try TemporaryLedger()
        let head = try headTime(temporary.ledger)
        let clock = SetClock(Date().addingTimeInterval(-60))
        let ledger = try reopen(temporary, clock)
        let seq = try #require(try ledger.recordMeasure(try temporary.measure("FRA"), actor: "test").seq)
        #expect(try ledger.measure(seq: seq)?.recordedAt == head)
        let notices = clock.notices.withLock { $0 }
        #expect(notices.count == 1)
        #expect(notices.first?.contains("behind the ledger's last event") == true)
        #expect(notices.first?.contains("recorded at \(head)") == true)
        #expect(try ledger.verify().isSound)
    }

    @Test func aClockFarBehindTheHeadIsRefusedAndNothingIsWritten() throws {
        let temporary = try TemporaryLedger()
        let before = try temporary.ledger.headSeq()
        let clock = SetClock(Date().addingTimeInterval(-86_400 * 400))
        let ledger = try reopen(temporary, clock)
        #expect {
            try ledger.recordMeasure(try temporary.measure("FRA"), actor: "test")
        } throws: { error in
            guard case .clockBehind(_, let seq, _) = error as? LedgerError else { return false }
            let text = String(describing: error)
            return seq == before && text.contains("never runs backwards") && text.contains("Set the clock right")
        }
        #expect(try ledger.headSeq() == before)
        // Set right, the same ledger writes again.
        clock.set(Date())
        #expect(try ledger.recordMeasure(try temporary.measure("FRA"), actor: "test").seq == before + 1)
    }

    @Test func aClockSetForwardWhileTheLedgerIsOpenIsRefused() throws {
        let temporary = try TemporaryLedger()
        let clock = SetClock(Date())
        let ledger = try reopen(temporary, clock)
        let before = try ledger.headSeq()
        clock.set(Date().addingTimeInterval(86_400 * 365 * 5))
        #expect {
            try ledger.recordMeasure(try temporary.measure("FRA"), actor: "test")
        } throws: { error in
            guard case .clockAhead = error as? LedgerError else { return false }
            return String(describing: error).contains("does not record the future")
        }
        #expect(try ledger.headSeq() == before)
        // Within the tolerance (an NTP correction of seconds), writes go on.
        clock.set(Date().addingTimeInterval(30))
        #expect(try ledger.recordMeasure(try temporary.measure("FRA"), actor: "test").seq == before + 1)
    }

    @Test func verifyNamesAnEventFromAClockThatStartedAheadAndLaterWritesWaitForIt() throws {
        let temporary = try TemporaryLedger()
        // A one-shot writer whose clock was wrong from the start: nothing in the process can tell.
        let ahead = SetClock(Date().addingTimeInterval(86_400 * 365 * 5))
        let future = try #require(try reopen(temporary, ahead).recordMeasure(try temporary.measure("FRA"), actor: "test").seq)
        let report = try temporary.ledger.verify()
        #expect(!report.isSound)
        #expect(report.firstBadSeq == future)
        #expect(report.problems.contains { $0.contains("Event \(future) is recorded at") && $0.contains("in the future of this machine's clock") })
        // The writer with the right clock does not record before it: time would run backwards.
        #expect(throws: LedgerError.self) { try temporary.ledger.recordMeasure(try temporary.measure("DEU"), actor: "test") }
        #expect(try temporary.ledger.headSeq() == future)
    }

    @Test func verifyNamesAnEventWhoseTimeRunsBackwards() throws {
        let temporary = try TemporaryLedger()
        _ = try temporary.ledger.recordMeasure(try temporary.measure("FRA"), actor: "test")
        // An event an older cpsledger wrote under a clock set back: chained and hashed right.
        let head = try #require(try temporary.ledger.events(after: try temporary.ledger.headSeq() - 1, limit: 1).first)
        let (seq, time, payload) = (head.seq + 1, "2025-01-01T00:00:00.000Z", #"{"file":"example.csv"}"#)
        let digest = EventHasher.digest(prev: head.hash, seq: seq, recordedAt: time, actor: "test", kind: "import.completed", payload: payload)
        let queue = try DatabaseQueue(path: temporary.path)
        try queue.write { db in
            try db.execute(
                sql: "INSERT INTO events (seq, recorded_at, actor, kind, payload, hash) VALUES (?, ?, 'test', 'import.completed', ?, ?)",
                arguments: [seq, time, payload, Data(digest)])
        }
        let report = try temporary.ledger.verify()
        #expect(report.firstBadSeq == seq)
        #expect(report.problems == [
            "Event \(seq) is recorded at \(time), before event \(head.seq) (\(head.recordedAt)): time runs backwards in the ledger, "
                + "so a question asked as of a time between the two gets a wrong answer; a clock was set back when it was written."
        ])
    }
}
