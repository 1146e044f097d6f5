import Foundation
import Synchronization

/// The clock that stamps every event's `recorded_at`, and the rules that keep the ledger's time
/// from running backwards or into the future.
///
/// The clock that counts is the wall clock of the machine that writes (the `cpsledger` process or
/// the server), in UTC. Every `--known-at` answer rests on it, so a write is checked against two
/// things before it is stamped:
/// - the head's `recorded_at`: a clock behind it by at most ``tolerance`` stamps the event with the
///   head's time (time stands still for a moment, a notice says so); further behind, the write is
///   refused, since recording it at the head's time would claim the ledger knew it earlier than it did;
/// - the time counted since the clock was made (its wall time then, plus a monotonic clock that no
///   one can set): a wall clock ahead of that, and of the head's time, by more than ``tolerance``
///   jumped forward while the process ran, and the write is refused rather than recording the
///   future (a clock put right after it ran behind comes back to about the head's time, and writes).
///
/// A one-shot command makes its clock as it starts, so only the head can catch its clock; a server
/// catches a clock set forward while it runs.
public struct LedgerClock: Sendable {
    /// How far the clock may be off before a write is refused, in seconds.
    public let tolerance: TimeInterval
    private let wallTime: @Sendable () -> Date
    private let notice: @Sendable (String) -> Void
    private let startWall: Date
    private let start: ContinuousClock.Instant

    /// A clock reading `now`; `notice` is told when an event is stamped with the head's time instead.
    public init(
        tolerance: TimeInterval = LedgerClock.defaultTolerance, now: @escaping @Sendable () -> Date = { Date() },
        notice: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.tolerance = tolerance
        self.wallTime = now
        self.notice = notice
        startWall = now()
        start = ContinuousClock.now
    }

    /// Five minutes, as Kerberos allows between clocks by default: an NTP correction of a few seconds
    /// or minutes is absorbed, a clock set a day or a year wrong is not.
    public static let defaultTolerance: TimeInterval = 300

    /// The clock's time now.
    func now() -> Date { wallTime() }

    /// The time to stamp an event written after a head recorded at `head` (nil: the ledger is empty).
    func stamp(after head: (seq: Int64, recordedAt: String)?) throws -> String {
        let now = wallTime()
        let counted = startWall.addingTimeInterval(start.duration(to: ContinuousClock.now).seconds)
        let headTime = head.flatMap { Timestamp.parse($0.recordedAt) }
        // A clock put right after it ran behind jumps forward too, but not past the ledger's last event.
        if now.timeIntervalSince(max(counted, headTime ?? counted)) > tolerance {
            throw LedgerError.clockAhead(clock: Timestamp.format(now), counted: Timestamp.format(counted))
        }
        let stamp = Timestamp.format(now)
        // Compared at the stamp's millisecond, as stored.
        guard let head, let headTime, let stamped = Timestamp.parse(stamp), stamped < headTime else { return stamp }
        let behind = headTime.timeIntervalSince(stamped)
        if behind > tolerance {
            throw LedgerError.clockBehind(clock: stamp, headSeq: head.seq, headTime: head.recordedAt)
        }
        notice(
            "This machine's clock (\(stamp)) is \(Self.words(behind)) behind the ledger's last event \(head.seq) (\(head.recordedAt)); "
                + "the event is recorded at \(head.recordedAt), so that time never runs backwards.")
        return head.recordedAt
    }

    /// `seconds` for a person: "0.4 s", "12 s", "3 min".
    static func words(_ seconds: TimeInterval) -> String {
        if seconds < 10 { return String(format: "%.1f s", seconds) }
        if seconds < 120 { return "\(Int(seconds.rounded())) s" }
        if seconds < 7200 { return "\(Int((seconds / 60).rounded())) min" }
        if seconds < 172_800 { return "\(Int((seconds / 3600).rounded())) h" }
        return "\(Int((seconds / 86400).rounded())) days"
    }
}

extension Duration {
    /// The duration in seconds.
    var seconds: TimeInterval {
        let (whole, fraction) = components
        return TimeInterval(whole) + TimeInterval(fraction) / 1e18
    }
}
