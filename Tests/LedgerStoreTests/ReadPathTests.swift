import Foundation
import LedgerModel
import LedgerStore
import LedgerTestSupport
import Testing

/// The fast read paths give what the slow ones gave: the as-of seek into the measures in force
/// agrees with the replay of the events, and the treaty status index a ledger keeps between reads
/// follows every treaty write, its own and another connection's.
@Suite struct ReadPathTests {
    @Test func asOfStatusesAgreeWithTheReplayOfTheEventsOnEveryDate() throws {
        let temp = try TemporaryLedger()
        let ledger = temp.ledger
        // One cell with two measures on the same date (the later one counts), a later one that is
        // corrected, and a latest one that is retracted; a second cell whose only measure is later.
        _ = try ledger.recordMeasure(try temp.measure(status: "planned", effective: "1995-01-01", title: "Plan (test data)"), actor: "t")
        _ = try ledger.recordMeasure(try temp.measure(status: "partial", effective: "1995-01-01", title: "Partial law (test data)"), actor: "t")
        let corrected = try #require(try ledger.recordMeasure(try temp.measure(status: "partial", effective: "2001-06-30", title: "Law (test data)"), actor: "t").seq)
        _ = try ledger.correctMeasure(corrected, changes: ["status": "implemented"], reason: "amended", actor: "t")
        let retracted = try #require(try ledger.recordMeasure(try temp.measure(status: "no_measures", effective: "2010-01-01", title: "Repeal (test data)"), actor: "t").seq)
        _ = try ledger.retractMeasure(retracted, reason: "recorded in error", actor: "t")
        _ = try ledger.recordMeasure(try temp.measure("DEU", status: "implemented", effective: "2005-03-01", title: "Other law (test data)"), actor: "t")

        let everything = try #require(KnownAt("2999-12-31"))
        for text in ["1994-12-31", "1995-01-01", "2001-06-29", "2001-06-30", "2005-02-28", "2005-03-01", "2009-12-31", "2010-01-01", "2020-01-01"] {
            let date = try #require(ISODate(text))
            let fast = try ledger.cellStatuses(asOf: date).sorted { $0.state < $1.state }
            let replayed = try ledger.cellStatuses(asOf: date, knownAt: everything).sorted { $0.state < $1.state }
            #expect(fast == replayed, "as of \(text)")
        }
        let fra = { (text: String) in try ledger.cellStatuses(asOf: ISODate(text)!).first { $0.state == "FRA" }?.status }
        #expect(try fra("1994-12-31") == nil)
        #expect(try fra("1995-06-01") == .partial)
        #expect(try fra("2001-06-30") == .implemented)
        #expect(try fra("2015-01-01") == .implemented)
    }

    @Test func theKeptTreatyStatusFollowsTreatyWritesOfThisAndAnotherConnection() throws {
        let temp = try TemporaryLedger()
        let date = try #require(ISODate("2000-01-01"))
        #expect(try temp.ledger.treatyStatus().status(of: "FRA", treaty: "illicit-traffic-1988", asOf: date) == nil)
        _ = try temp.ledger.recordTreatyAction(
            TreatyActionFields(state: "FRA", treaty: "illicit-traffic-1988", action: .signature, date: ISODate("1988-12-20")!), actor: "t")
        #expect(try temp.ledger.treatyStatus().status(of: "FRA", treaty: "illicit-traffic-1988", asOf: date) == .signatory(since: ISODate("1988-12-20")!))
        // A measure write leaves the kept index as it is, and it still answers the same.
        _ = try temp.ledger.recordMeasure(try temp.measure(), actor: "t")
        #expect(try temp.ledger.treatyStatus().status(of: "FRA", treaty: "illicit-traffic-1988", asOf: date)?.isParty == false)
        // Another process (here another connection) ratifies: this ledger's next read sees it.
        let other = try Ledger.open(path: temp.path, actor: "other", withStatusData: false)
        _ = try other.recordTreatyAction(
            TreatyActionFields(state: "FRA", treaty: "illicit-traffic-1988", action: .ratification, date: ISODate("1990-12-31")!), actor: "other")
        #expect(try temp.ledger.treatyStatus().status(of: "FRA", treaty: "illicit-traffic-1988", asOf: date)?.isParty == true)
    }

    /// A server keeps the cells of each date it was asked for and, after a write, reads again only
    /// the cells the new events touched. A seeded random run of records, corrections (of status,
    /// date, State and obligation) and retractions, some from another connection, must leave the
    /// kept cells equal to cells read afresh, on every date, after every step.
    @Test func keptCellsFollowEveryWriteOfThisAndAnotherConnection() throws {
        let temp = try TemporaryLedger()
        temp.ledger.keepCellsBetweenReads()
        try Self.followEveryWrite(temp, dates: [nil] + ["1994-12-31", "2001-06-30", "2010-01-01", "2030-01-01"].map { ISODate($0) })
    }

    /// The same with every cell's measures kept in memory (a server, once started): each as-of date,
    /// a new one at every step, comes from them, and must equal the cells read afresh; measures of
    /// the same cell and date (ties: the latest recorded counts) are frequent.
    @Test func keptTimelinesFollowEveryWriteOfThisAndAnotherConnection() async throws {
        let temp = try TemporaryLedger()
        temp.ledger.keepCellsBetweenReads()
        // Two measures of one cell on one date before the timelines are read: the later recorded counts.
        _ = try temp.ledger.recordMeasure(try temp.measure(status: "planned", effective: "2000-01-01", title: "Tie one (test data)"), actor: "t")
        _ = try temp.ledger.recordMeasure(try temp.measure(status: "partial", effective: "2000-01-01", title: "Tie two (test data)"), actor: "t")
        try await temp.ledger.keepCellTimelines()
        let dates = stride(from: 0, to: 150, by: 1).map { ISODate(year: 1994 + $0 / 4, month: 1 + $0 % 4 * 3, day: 1 + $0 % 28)! }
        try Self.followEveryWrite(temp, dates: dates, dateRange: 6)
    }

    /// After a tamper with the `measures` table behind the ledger's back, a ledger that keeps the
    /// timelines still answers as of any date from them (a server trusts that projections change
    /// only through events): the as-of cells of a kept ledger come from memory, not from SQLite.
    @Test func asOfCellsComeFromTheKeptTimelines() async throws {
        let temp = try TemporaryLedger()
        _ = try temp.ledger.recordMeasure(try temp.measure(status: "planned", effective: "1995-01-01"), actor: "t")
        _ = try temp.ledger.recordMeasure(try temp.measure(status: "implemented", effective: "2005-01-01", title: "Later law (test data)"), actor: "t")
        temp.ledger.keepCellsBetweenReads()
        try await temp.ledger.keepCellTimelines()
        try BehindTheLedger.edit(temp.path, "UPDATE measures SET status = 'partial' WHERE effective_date = '1995-01-01'")
        let fresh = try Ledger.open(path: temp.path, actor: "fresh", withStatusData: false)
        let asOf = ISODate("2000-06-30")!
        #expect(try fresh.cellStatuses(asOf: asOf).map(\.status) == [.partial], "a fresh read sees the tampered row")
        #expect(try temp.ledger.cellStatuses(asOf: asOf).map(\.status) == [.planned], "the kept timelines answer")
    }

    /// The head reader of the server's response cache sees every write at once: this connection's,
    /// another connection's, and none when nothing was written.
    @Test func theHeadReaderSeesEveryWriteAtOnce() throws {
        let temp = try TemporaryLedger()
        let reader = try HeadReader(ledger: temp.ledger)
        let start = try temp.ledger.headSeq()
        #expect(try reader.headSeq() == start)
        _ = try temp.ledger.recordMeasure(try temp.measure(), actor: "t")
        #expect(try reader.headSeq() == start + 1)
        let other = try Ledger.open(path: temp.path, actor: "other", withStatusData: false)
        _ = try other.recordMeasure(try temp.measure("DEU"), actor: "other")
        #expect(try reader.headSeq() == start + 2)
        #expect(try reader.headSeq() == temp.ledger.headSeq())
    }

    /// A seeded random run of writes on `temp`'s ledger (which keeps cells), some from another
    /// connection; after every step, the kept ledger's cells on each of `dates` equal cells read afresh.
    static func followEveryWrite(_ temp: TemporaryLedger, dates: [ISODate?], dateRange: Int = 30) throws {
        let kept = temp.ledger
        let other = try Ledger.open(path: temp.path, actor: "other", withStatusData: false)
        let fresh = try Ledger.open(path: temp.path, actor: "fresh", withStatusData: false)
        let states = ["FRA", "DEU", "KEN"], obligations = ["art8.record-keeping", "art1.arms-trafficking", "art3.extradite-or-prosecute"]
        let statuses = ["implemented", "partial", "planned", "no_measures"]
        var random = Mutator(seed: 0x51_60_0C)
        var live: [Int64] = []
        var corrections = 0
        func date() -> String { String(format: "%04d-%02d-%02d", 1995 + random.int(dateRange), 1 + random.int(dateRange < 30 ? 2 : 12), 1 + random.int(dateRange < 30 ? 2 : 28)) }
        for step in 0..<120 {
            let writer = random.int(2) == 0 ? kept : other
            switch live.isEmpty ? 0 : random.int(10) {
            case 0..<5:
                let fields = try temp.measure(
                    random.pick(states), random.pick(obligations), status: random.pick(statuses), effective: date(), title: "Step \(step) (test data)")
                if let seq = try writer.recordMeasure(fields, actor: "t").seq { live.append(seq) }
            case 5..<8:
                let id = random.pick(live)
                let changes = random.pick([
                    ["status": random.pick(statuses)], ["effective_date": date()], ["state": random.pick(states)], ["obligation": random.pick(obligations)],
                ])
                // A change to the value the measure already has (or to a copy of another measure in
                // force) is refused as a duplicate; any other error fails the test.
                do {
                    _ = try writer.correctMeasure(id, changes: changes, reason: "step \(step)", actor: "t")
                    corrections += 1
                } catch LedgerError.duplicateMeasure {}
            default:
                let id = live.remove(at: random.int(live.count))
                _ = try writer.retractMeasure(id, reason: "step \(step)", actor: "t")
            }
            for asOf in dates.count > 10 ? [dates[step % dates.count], nil] : dates {
                #expect(try kept.cellStatuses(asOf: asOf) == fresh.cellStatuses(asOf: asOf), "step \(step), as of \(asOf?.description ?? "today")")
            }
        }
        #expect(corrections >= 10, "the run corrected \(corrections) measures")
        #expect(try kept.verify().isSound)
    }
}
