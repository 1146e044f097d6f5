import Foundation
import LedgerModel
import LedgerReports
import LedgerStore
import LedgerTestSupport
import Testing

/// The audit on the shipped status data: how old each treaty's data is, and a timeline that stops there.
@Suite struct TreatyAuditReportTests {
    static func shippedLedger() throws -> TemporaryLedger {
        try TemporaryLedger(statusData: true)
    }

    @Test func theTimelineNeverTrapsAndNeverRunsPastTheDataOrTheReportDate() throws {
        let fixture = try Self.shippedLedger()
        let ledger = fixture.ledger
        let index = try ledger.treatyStatus()
        let tables = try ledger.treatyTables()
        for day in ["1900-01-01", "1961-03-29", "1961-03-30", "1999-12-31", "2018-01-15", "2026-11-29", "2100-12-31"] {
            let asOf = ISODate(day)!
            let report = TreatyAuditReport.make(index: index, tables: tables, states: ledger.states, asOf: asOf)
            for point in report.timeline {
                let row = try #require(report.treaties.first { $0.id == point.treaty })
                #expect(point.year <= asOf.year, "\(day) \(point.treaty)")
                #expect(point.year <= (row.statusAsAt ?? asOf).year, "\(day) \(point.treaty)")
            }
            if asOf.year < 1961 { #expect(report.timeline.isEmpty) }
        }
        // In 2100 every treaty's data is stale; the CWC's last point is its 2026 count, not one drawn to 2100.
        let far = TreatyAuditReport.make(index: index, tables: tables, states: ledger.states, asOf: ISODate("2100-12-31")!)
        #expect(far.treaties.filter { $0.hasData }.allSatisfy { $0.stale })
        #expect(far.timeline.last { $0.treaty == "cwc-1993" }.map { ($0.year, $0.parties) } ?? (0, 0) == (2026, 193))
    }

    @Test func aReportDatedBeforeTheDataIsNotStaleAndEveryRowNamesItsSource() throws {
        let fixture = try Self.shippedLedger()
        let ledger = fixture.ledger
        let report = try ledger.treatyAudit(asOf: ISODate("2016-06-30")!, staleDataYears: 5)
        let hostages = try #require(report.treaties.first { $0.id == "hostages-1979" })
        #expect(hostages.stale == false)  // as of 2016 the 2018 data is not old
        for row in report.treaties where row.hasData {
            #expect(row.statusAsAt != nil && row.statusSource?.isEmpty == false && row.statusForm != nil, "\(row.id)")
        }
        let text = report.document().renderText()
        #expect(text.contains("Status data: as at, form and source"))
        #expect(text.contains("190 parties as at 2018-01-15; the table shows 189 as at 2014-07-10"))
    }
}

extension Ledger {
    /// The treaty audit of the ledger's whole treaty status as of `asOf`, as the treaties report makes it.
    func treatyAudit(asOf: ISODate, treaty: String? = nil, staleDataYears: Int = 5) throws -> TreatyAuditReport {
        TreatyAuditReport.make(
            index: try treatyStatus(), tables: try treatyTables(), states: states, asOf: asOf, treaty: treaty, staleDataYears: staleDataYears)
    }
}
