import Foundation
import GRDB
import LedgerModel
import LedgerStore
import LedgerTestSupport
import Synchronization
import Testing

/// What the two threads of an import (one parses the file, one writes the ledger, rows handed over in
/// batches of 500) could break: all or nothing, the order of the issues, duplicates between
/// batches, progress, a dry run, and a failure on the writing side stopping the reading side.
@Suite struct ImportPipelineTests {
    static let header = "state,obligation,status,effective_date,title,kind,source,note\n"

    /// A valid row whose content (and so identity) differs with `number`.
    static func row(_ number: Int, state: String = "FRA") -> String {
        "\(state),art8.record-keeping,implemented,1990-07-12,Example law \(number) (test data),legislation,,\n"
    }

    /// `count` distinct valid rows, lines 2 to count + 1.
    static func rows(_ count: Int) -> [String] { (1...count).map { row($0) } }

    @Test func aBadRowLateInABigFileLeavesNothingWritten() throws {
        let temp = try TemporaryLedger()
        var lines = Self.rows(3_500)
        lines[3_199] = "FRA,art8.record-keeping,implemented,1990-02-30,Example law (test data),legislation,,\n"  // line 3,201
        let path = try temp.file("late.csv", Self.header + lines.joined())
        do {
            _ = try temp.ledger.importMeasures(path: path, actor: "importer")
            Issue.record("a file with a bad row was imported")
        } catch LedgerError.importRejected(_, let problems, let truncated) {
            #expect(problems.map(\.line) == [3_201])
            #expect(problems.first?.issues.first?.field == "effective_date")
            #expect(!truncated)
        }
        #expect(try temp.ledger.headSeq() == 1)
        #expect(try temp.ledger.measures().isEmpty)
        #expect(try temp.ledger.verify().isSound)
    }

    @Test func badRowsAreListedInLineOrderAcrossBatches() throws {
        let temp = try TemporaryLedger()
        var lines = Self.rows(4_000)
        let bad = [2_999, 17, 1_001, 3_600, 1_000, 2_000]  // data row numbers (line = number + 1)
        for number in bad {
            // Alternately a malformed row (found by the reader) and an invalid value (found by validation).
            lines[number - 1] = number % 2 == 0 ? "FRA,art8.record-keeping\n" : Self.row(number, state: "XXX")
        }
        let path = try temp.file("order.csv", Self.header + lines.joined())
        do {
            _ = try temp.ledger.importMeasures(path: path, actor: "importer")
            Issue.record("a file with bad rows was imported")
        } catch LedgerError.importRejected(_, let problems, _) {
            #expect(problems.map(\.line) == bad.sorted().map { $0 + 1 })
            #expect(problems.map { $0.issues.first?.field } == bad.sorted().map { $0 % 2 == 0 ? "(row)" : "state" })
        }
        #expect(try temp.ledger.headSeq() == 1)
    }

    @Test func aDuplicateAcrossABatchBoundaryIsSkipped() throws {
        let temp = try TemporaryLedger()
        var lines = Self.rows(2_100)
        lines[1_000] = lines[999]  // row 1,001 (first of the third batch) repeats row 1,000 (last of the second)
        lines[2_050] = lines[0]  // row 2,051 repeats row 1, four batches later
        let path = try temp.file("duplicates.csv", Self.header + lines.joined())
        let summary = try temp.ledger.importMeasures(path: path, actor: "importer")
        #expect(summary.rows == 2_100)
        #expect(summary.recorded == 2_098)
        #expect(summary.duplicates == 2)
        #expect(summary.lastSeq == 2_099)  // creation is seq 1; no sequence number is left unused
        #expect(try temp.ledger.measures().count == 2_098)
        #expect(try temp.ledger.verify().isSound)
    }

    @Test func progressIsReportedEveryHundredThousandRowsInOrder() throws {
        let temp = try TemporaryLedger()
        // The same row 200,000 times: one measure and 199,999 duplicates, cheap to write.
        let path = try temp.file("progress.csv", Self.header + String(repeating: Self.row(1), count: 200_000))
        let reported = Mutex<[Int]>([])
        let summary = try temp.ledger.importMeasures(path: path, actor: "importer") { rows in
            reported.withLock { $0.append(rows) }
        }
        #expect(reported.withLock { $0 } == [100_000, 200_000])
        #expect(summary.rows == 200_000)
        #expect(summary.recorded == 1)
        #expect(summary.duplicates == 199_999)
    }

    @Test func aDryRunOfSeveralBatchesWritesNothing() throws {
        let temp = try TemporaryLedger()
        let path = try temp.file("dry.csv", Self.header + Self.rows(2_500).joined())
        let dry = try temp.ledger.importMeasures(path: path, dryRun: true, actor: "importer")
        #expect(dry.recorded == 2_500)
        #expect(dry.dryRun)
        #expect(try temp.ledger.headSeq() == 1)
        #expect(try temp.ledger.measures().isEmpty)
        // Nothing of the dry run stays behind to make the real import's rows look like duplicates.
        let real = try temp.ledger.importMeasures(path: path, actor: "importer")
        #expect(real.recorded == 2_500)
        #expect(real.duplicates == 0)
        #expect(try temp.ledger.verify().isSound)
    }

    @Test func aFailureWhileWritingStopsTheImportAndLeavesNothingWritten() throws {
        let temp = try TemporaryLedger()
        let path = try temp.file("fails.csv", Self.header + Self.rows(6_000).joined())
        // The writing side fails at the 1,500th measure, while the reading side is still busy.
        let trigger = """
            CREATE TRIGGER test_failure BEFORE INSERT ON measures WHEN NEW.title = 'Example law 1500 (test data)'
            BEGIN SELECT RAISE(ABORT, 'test failure'); END
            """
        try DatabaseQueue(path: temp.path).writeWithoutTransaction { db in try db.execute(sql: trigger) }
        #expect(throws: DatabaseError.self) { try temp.ledger.importMeasures(path: path, actor: "importer") }
        #expect(try temp.ledger.headSeq() == 1)
        #expect(try temp.ledger.measures().isEmpty)

        // The ledger is not left locked or half written: without the failure the same file imports whole.
        try DatabaseQueue(path: temp.path).writeWithoutTransaction { db in try db.execute(sql: "DROP TRIGGER test_failure") }
        #expect(try temp.ledger.importMeasures(path: path, actor: "importer").recorded == 6_000)
        #expect(try temp.ledger.verify().isSound)
    }
}
