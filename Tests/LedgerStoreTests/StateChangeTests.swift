import Foundation
import GRDB
import LedgerModel
@testable import LedgerStore
import LedgerTestSupport
import Testing

/// States over time: a change of name, group or membership is an event; the ledger reads a State
/// as it stood on a date, old names keep matching, and `verify` checks the projection.
@Suite struct StateChangeTests {
    @Test func aNewLedgerShipsTheDatedRenamesAndReadsTheNameOfTheDay() throws {
        let temp = try TemporaryLedger()
        let ledger = temp.ledger
        #expect(ledger.states["TUR"]?.name == "Türkiye")
        #expect(ledger.states.state(named: "Turkey")?.iso3 == "TUR")
        let changes = try ledger.stateChanges().map(\.change)
        #expect(changes.map(\.iso3) == ["MKD", "TUR"])
        // Shipped in the creation event: a new ledger's own events still start at 2.
        #expect(try ledger.stateChanges().allSatisfy { $0.seq == 1 })
        let states = try ledger.snapshot { try $0.states(asOf: ISODate("2021-12-31")!) }
        #expect(states["TUR"]?.name == "Turkey")
        #expect(states["MKD"]?.name == "North Macedonia")
        #expect(try ledger.snapshot { try $0.states(asOf: ISODate("2019-02-13")!) }["MKD"]?.name == "The former Yugoslav Republic of Macedonia")
        #expect(states.state(named: "Türkiye")?.iso3 == "TUR", "every name the State has had matches it, whatever the date")
        #expect(try ledger.snapshot { try $0.states(asOf: ISODate("2022-06-01")!) }["TUR"]?.name == "Türkiye")
        #expect(try ledger.verify().isSound)
    }

    @Test func aRecordedRenameIsAnEventThatKnownAtBeforeItDoesNotSee() throws {
        let temp = try TemporaryLedger()
        let ledger = temp.ledger
        Thread.sleep(forTimeInterval: 0.01)
        let before = KnownAt(Timestamp.now())!
        Thread.sleep(forTimeInterval: 0.01)
        let seq = try ledger.recordStateChange(
            iso3: "FRA", field: .name, to: "EXAMPLE Republic (test name)", effective: ISODate("2020-01-01")!,
            source: "EXAMPLE: test source, no real change", actor: "test")
        #expect(try ledger.events(after: seq - 1, limit: 1).first?.kind == "state.changed")
        let reopened = try Ledger.open(path: temp.path, actor: "test")
        #expect(reopened.states["FRA"]?.name == "EXAMPLE Republic (test name)")
        #expect(reopened.states.state(named: "France")?.iso3 == "FRA")
        #expect(try reopened.snapshot { try $0.states(asOf: ISODate("2019-12-31")!) }["FRA"]?.name == "France")
        #expect(try reopened.snapshot { try $0.states(asOf: ISODate("2021-01-01")!, knownAt: before) }["FRA"]?.name == "France")
        #expect(try reopened.snapshot { try $0.states(asOf: ISODate("2021-01-01")!) }["FRA"]?.name == "EXAMPLE Republic (test name)")

        let regroup = try reopened.recordStateChange(
            iso3: "FRA", field: .regionalGroup, to: "Eastern European", effective: ISODate("2021-01-01")!,
            source: "EXAMPLE: test source, no real change", actor: "test")
        #expect(regroup > seq)
        let later = try reopened.snapshot { try $0.states(asOf: ISODate("2021-06-01")!) }
        #expect(later["FRA"]?.regionalGroup == .easternEuropean)
        #expect(try reopened.snapshot { try $0.states(asOf: ISODate("2020-06-01")!) }["FRA"]?.regionalGroup == .westernEuropeanAndOthers)
        #expect(try reopened.verify().isSound)
        try reopened.rebuild()
        #expect(try reopened.verify().isSound)
    }

    @Test func aChangeWithoutSourceOrToAGroupThatIsNoneIsRefusedWithASentence() throws {
        let temp = try TemporaryLedger()
        #expect(throws: LedgerError.self) {
            try temp.ledger.recordStateChange(iso3: "FRA", field: .name, to: "France", effective: ISODate("2020-01-01")!, source: "EXAMPLE", actor: "t")
        }
        do {
            _ = try temp.ledger.recordStateChange(
                iso3: "FRA", field: .regionalGroup, to: "Nordic", effective: ISODate("2020-01-01")!, source: "EXAMPLE", actor: "t")
            Issue.record("an unknown group was recorded")
        } catch let error as LedgerError {
            #expect(error.description.contains("is not a UN regional group"))
        }
        do {
            _ = try temp.ledger.recordStateChange(iso3: "FRA", field: .name, to: "EXAMPLE name", effective: ISODate("2020-01-01")!, source: " ", actor: "t")
            Issue.record("a change without source was recorded")
        } catch let error as LedgerError {
            #expect(error.description.contains("source"))
        }
    }

    @Test func verifyNamesAnEditedChangeAndAnEditedRevision() throws {
        let temp = try TemporaryLedger()
        let queue = try DatabaseQueue(path: temp.path)
        try queue.writeWithoutTransaction { db in try db.execute(sql: "UPDATE state_changes SET to_value = 'Turkey' WHERE iso3 = 'TUR'") }
        let report = try temp.ledger.verify()
        #expect(!report.isSound)
        #expect(report.problems.contains { $0.contains("state_changes") })
        #expect(report.firstBadSeq == 1)
    }

    @Test func anUpdateAddsAMissingAliasAsAnEventThatVerifyHoldsTheTableTo() throws {
        let folder = try TemporaryFolder()
        // This build's reference data without one alias: a ledger made before the alias was shipped.
        var set = try ReferenceSet.embedded()
        set.states = StateDirectory(states: set.states.states.map {
            $0.iso3 == "VNM" ? State(iso3: "VNM", name: $0.name, aliases: [], member: $0.member, admissionDate: $0.admissionDate, regionalGroup: $0.regionalGroup) : $0
        })
        let path = folder.path("ledger.sqlite")
        let ledger = try Ledger.open(path: path, actor: "test", withStatusData: false, busyTimeout: 30, forReading: false, reference: set)
        #expect(ledger.states.state(named: "Vietnam") == nil)
        let status = try ledger.referenceDataStatus()
        #expect(status.differences.filter { $0.table == "state_aliases" }.map(\.key) == ["Vietnam"])
        let update = try ledger.updateReferenceData(actor: "test")
        let first = try #require(update.firstSeq)
        let revision = try #require(try ledger.events(after: first - 1, limit: 1).first)
        #expect(revision.kind == "reference_data.revised")
        #expect(revision.payload.contains("\"key\":\"Vietnam\""))
        #expect(revision.payload.contains("Fixtures/states.json"))
        #expect(try Ledger.open(path: path, actor: "test").states.state(named: "Vietnam")?.iso3 == "VNM")
        #expect(try ledger.verify().isSound)

        let queue = try DatabaseQueue(path: path)
        try queue.writeWithoutTransaction { db in try db.execute(sql: "UPDATE state_aliases SET iso3 = 'LAO' WHERE alias = 'Vietnam'") }
        let report = try ledger.verify()
        #expect(report.problems.contains { $0.contains("state_aliases table's iso3 of Vietnam is not what event \(revision.seq) set it to") })
        #expect(report.problems.contains { $0.contains("The state_aliases table differs from the digest") })
        do {
            _ = try ledger.updateReferenceData(actor: "test")
            Issue.record("an update vouched for an edited table")
        } catch let error as LedgerError {
            #expect(error.description.contains("state_aliases"))
        }
    }
}
