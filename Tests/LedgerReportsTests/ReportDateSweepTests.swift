import Foundation
import LedgerModel
import LedgerReports
import LedgerStore
import LedgerTestSupport
import Testing

/// Every report kind × every format × the dates where reports change shape (the UN's founding, the
/// day before and the day of each treaty's adoption and first action, each status table's as-at
/// date, today, the last served day and beyond), on a ledger with the shipped treaty status tables
/// and on an empty one. Nothing may trap: a served date renders, any other is refused naming the field.
@Suite struct ReportDateSweepTests {
    /// Built once for the suite (a shipped ledger takes seconds to create) and only read.
    static let shipped = Result { try sweepLedger(statusData: true) }
    static let empty = Result { try sweepLedger(statusData: false) }

    static func sweepLedger(statusData: Bool) throws -> TemporaryLedger {
        let temp = try TemporaryLedger(statusData: statusData, actor: "sweep")
        let ledger = temp.ledger
        let directory = temp.directory
        let csv = directory.appendingPathComponent("m.csv")
        try Data("""
            state,obligation,status,effective_date,title,kind,source,note,justification
            FRA,art8.record-keeping,implemented,1990-07-12,EXAMPLE law,legislation,EXAMPLE source,,
            KEN,art8.record-keeping,planned,2030-01-01,EXAMPLE bill,legislation,,,

            """.utf8).write(to: csv)
        _ = try ledger.importMeasures(path: csv.path, actor: "sweep")
        return temp
    }

    static func dayBefore(_ date: ISODate) -> ISODate {
        if date.day > 1 { return ISODate(year: date.year, month: date.month, day: date.day - 1)! }
        if date.month > 1 { return (28...31).reversed().lazy.compactMap { ISODate(year: date.year, month: date.month - 1, day: $0) }.first! }
        return ISODate(year: date.year - 1, month: 12, day: 31)!
    }

    /// The dates the issue lists, for one ledger.
    static func dates(_ ledger: Ledger) throws -> [ISODate] {
        var dates: Set<ISODate> = [
            ISODate("1900-01-01")!, ISODate("1945-10-23")!, ISODate("1945-10-24")!, ISODate.utc(), lastServed, firstRefused,
            ISODate("2100-12-31")!, ISODate("9999-12-31")!,
        ]
        for treaty in ledger.treaties.treaties {
            for date in [treaty.adopted, treaty.firstActionDate] { dates.formUnion([date, dayBefore(date)]) }
        }
        for (_, actions) in Dictionary(grouping: try ledger.treatyActions(), by: \.fields.treaty) {
            if let first = actions.map(\.fields.date).min() { dates.formUnion([first, dayBefore(first)]) }
        }
        dates.formUnion(try ledger.treatyTables().compactMap(\.asAt))
        return dates.sorted()
    }

    /// The last day reports are served for (ten years ahead) and the day after.
    static let lastServed = ReportRequest.servedDates().upperBound
    static let firstRefused = ISODate(year: lastServed.year + 1, month: 1, day: 1)!

    /// The dates where a report's shape changes most: every kind in every format is rendered on these.
    /// On the other dates, the kinds that count years from the date (the summary and the audit with
    /// their accession timeline, in HTML; the quality report's stale flags) keep the sweep under a
    /// minute on two cores.
    static let boundaries: Set<ISODate> = [
        ISODate("1900-01-01")!, ISODate("1945-10-24")!, ISODate("1961-03-30")!, ISODate("1999-12-31")!, ISODate("2000-12-31")!,
        ISODate.utc(), lastServed, ISODate("9999-12-31")!,
    ]

    static func request(_ kind: ReportRequest.Kind, _ format: ReportRequest.Format, _ date: ISODate) -> ReportRequest {
        let subject: String? = switch kind {
        case .state: "FRA"
        case .obligation: "art8.record-keeping"
        default: nil
        }
        return ReportRequest(kind: kind, format: format, asOf: date, subject: subject, from: kind == .changes ? date : nil)
    }

    func sweep(_ ledger: Ledger) throws -> Int {
        var rendered = 0
        for date in try Self.dates(ledger) {
            let all = Self.boundaries.contains(date)
            let renders: [(ReportRequest.Kind, ReportRequest.Format)] = all
                ? ReportRequest.Kind.allCases.flatMap { kind in ReportRequest.Format.allCases.map { (kind, $0) } }
                : [(.summary, .html), (.treaties, .html), (.quality, .json)]
            for (kind, format) in renders {
                let label = "\(kind) \(format) as of \(date)"
                do {
                    let output = try Self.request(kind, format, date).render(ledger: ledger)
                    #expect(ReportRequest.servedDates().contains(date), "\(label) was served")
                    #expect(!output.body.isEmpty, "\(label)")
                    rendered += 1
                } catch let problem as ReportRequest.Problem {
                    guard case .dateNotServed(let field, let value, _) = problem else {
                        Issue.record("\(label): \(problem)")
                        continue
                    }
                    #expect(!ReportRequest.servedDates().contains(date), "\(label) was refused")
                    #expect(field == (kind == .changes ? "to" : "as_of") && value == date)
                    #expect(problem.description.contains(
                        "is outside the dates reports are served for: 1945-10-24 (the founding of the United Nations) to \(Self.lastServed) (the latest date a measure may take effect, 10 years ahead)."))
                }
            }
        }
        return rendered
    }

    @Test func everyKindAndFormatRendersOnEveryBoundaryDateOfTheShippedLedger() throws {
        let ledger = try Self.shipped.get().ledger
        #expect(try Self.dates(ledger).count > 40)
        #expect(try sweep(ledger) > 300)
    }

    @Test func everyKindAndFormatRendersOnEveryBoundaryDateOfAnEmptyLedger() throws {
        #expect(try sweep(try Self.empty.get().ledger) > 100)
    }

    /// The crash of issue 8: the treaty audit's timeline on a date before the treaties' first actions.
    @Test func theTreatyAuditBeforeAnyActionHasAnEmptyTimelineInsteadOfTrapping() throws {
        let ledger = try Self.shipped.get().ledger
        let audit = try ledger.treatyAudit(asOf: ISODate("1945-10-24")!)
        #expect(audit.timeline.isEmpty)
        #expect(audit.treaties.allSatisfy { $0.parties == 0 })
        let y2000 = try ledger.treatyAudit(asOf: ISODate("2000-12-31")!, treaty: "illicit-traffic-1988")
        #expect(y2000.timeline.first?.year == 1988 && y2000.timeline.last?.year == 2000)
    }

    /// A far-future date is refused before any work, so it costs nothing.
    /// 9999-12-31 used to be computed (6 s and 12 MB of JSON); it is refused before any work, with
    /// the served range named. (How fast is the benchmark's business, not a timed unit test's.)
    @Test func aFarFutureDateIsRefusedWithTheServedRange() throws {
        let ledger = try Self.shipped.get().ledger
        let served = ReportRequest.servedDates()
        let error = #expect(throws: ReportRequest.Problem.self) { try Self.request(.treaties, .json, ISODate("9999-12-31")!).render(ledger: ledger) }
        guard case .dateNotServed(_, let value, let range) = error else {
            Issue.record("expected dateNotServed, got \(String(describing: error))")
            return
        }
        #expect(value == ISODate("9999-12-31")!)
        #expect(range == served)
        #expect(error?.description.contains(served.upperBound.description) == true, "\(String(describing: error))")
    }
}
