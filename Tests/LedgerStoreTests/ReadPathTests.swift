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
        let kept = temp.ledger
        kept.keepCellsBetweenReads()
        let other = try Ledger.open(path: temp.path, actor: "other", withStatusData: false)
        let fresh = try Ledger.open(path: temp.path, actor: "fresh", withStatusData: false)
        let states = ["FRA", "DEU", "KEN"], obligations = ["art8.record-keeping", "art1.arms-trafficking", "art3.extradite-or-prosecute"]
        let statuses = ["implemented", "partial", "planned", "no_measures"]
        let dates: [ISODate?] = [nil] + ["1994-12-31", "2001-06-30", "2010-01-01", "2030-01-01"].map { ISODate($0) }
        var random = Mutator(seed: 0x51_60_0C)
        var live: [Int64] = []
        var corrections = 0
        func date() -> String { String(format: "%04d-%02d-%02d", 1995 + random.int(30), 1 + random.int(12), 1 + random.int(28)) }
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
            for asOf in dates {
                #expect(try kept.cellStatuses(asOf: asOf) == fresh.cellStatuses(asOf: asOf), "step \(step), as of \(asOf?.description ?? "today")")
            }
        }
        #expect(corrections >= 10, "the run corrected \(corrections) measures")
        #expect(try kept.verify().isSound)
    }
}
