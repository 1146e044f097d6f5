import Foundation
import GRDB
import LedgerModel
@testable import LedgerStore
import LedgerTestSupport
import Testing

/// Each test plants a value the ledger never writes into a real ledger file (a raw SQLite
/// connection, as sqlite3 would) and shows the read path and `verify` naming it by table, row and
/// column, instead of reading it as a plausible value or dropping the row.
@Suite struct StoredValueTests {
    /// Which read of the ledger a planted value must stop.
    enum Read: String, Sendable, CustomTestStringConvertible {
        case measures, cells, assessments, treatyActions, tokens

        var testDescription: String { rawValue }

        func run(_ ledger: Ledger) throws {
            switch self {
            case .measures: _ = try ledger.measures()
            case .cells: _ = try ledger.cellStatuses()
            case .assessments: _ = try ledger.latestAssessments()
            case .treatyActions: _ = try ledger.treatyActions()
            case .tokens: _ = try ledger.tokens()
            }
        }
    }

    /// A bad value planted with `sql`, and where it must be named.
    struct Planted: Sendable, CustomTestStringConvertible {
        let sql: String
        let read: Read
        let table: String
        let key: String
        let column: String
        let value: String

        var testDescription: String { "\(table).\(column) = '\(value)'" }
    }

    /// A ledger with measure 2 (FRA), assessment 3 (FRA), treaty action 4 (FRA) and token 1.
    static func ledger() throws -> TemporaryLedger {
        let temp = try TemporaryLedger()
        let ledger = temp.ledger
        #expect(try ledger.recordMeasure(try temp.measure("FRA"), actor: "test") == .recorded(seq: 2))
        let rating = ["state": "FRA", "obligation": "art8.record-keeping", "rating": "largely_compliant", "comment": "c"]
        #expect(try ledger.recordAssessment(
            try AssessmentFields.validate(rating, catalogue: ledger.catalogue, states: ledger.states, today: ISODate("2026-01-01")!), actor: "r") == 3)
        let action = ["state": "FRA", "treaty": "illicit-traffic-1988", "action": "signature", "date": "1988-12-20", "note": ""]
        #expect(try ledger.recordTreatyAction(try TreatyActionFields.validate(action, treaties: ledger.treaties, states: ledger.states), actor: "t") == 4)
        _ = try ledger.createToken(name: "Admin (test)", role: .admin, state: nil)
        #expect(try ledger.verify().isSound)
        return temp
    }

    static func plant(_ temp: TemporaryLedger, _ sql: String) throws {
        let queue = try DatabaseQueue(path: temp.path)
        try queue.writeWithoutTransaction { db in try db.execute(sql: sql) }
    }

    static let planted: [Planted] = [
        Planted(sql: "UPDATE measures SET status = 'mostly_done' WHERE id = 2", read: .measures, table: "measures", key: "id 2", column: "status", value: "mostly_done"),
        Planted(sql: "UPDATE measures SET effective_date = '1990-13-45' WHERE id = 2", read: .measures, table: "measures", key: "id 2", column: "effective_date", value: "1990-13-45"),
        Planted(sql: "UPDATE cells SET status = 'mostly_done' WHERE state = 'FRA'", read: .cells, table: "cells", key: "state FRA, obligation art8.record-keeping", column: "status", value: "mostly_done"),
        Planted(sql: "UPDATE cells SET effective_date = 'July 1990' WHERE state = 'FRA'", read: .cells, table: "cells", key: "state FRA, obligation art8.record-keeping", column: "effective_date", value: "July 1990"),
        Planted(sql: "UPDATE assessments SET rating = 'excellent' WHERE seq = 3", read: .assessments, table: "assessments", key: "seq 3", column: "rating", value: "excellent"),
        Planted(sql: "UPDATE assessments SET assessed_on = '2026-02-30' WHERE seq = 3", read: .assessments, table: "assessments", key: "seq 3", column: "assessed_on", value: "2026-02-30"),
        Planted(sql: "UPDATE treaty_actions SET action = 'ratified' WHERE seq = 4", read: .treatyActions, table: "treaty_actions", key: "seq 4", column: "action", value: "ratified"),
        Planted(sql: "UPDATE treaty_actions SET date = '1988' WHERE seq = 4", read: .treatyActions, table: "treaty_actions", key: "seq 4", column: "date", value: "1988"),
        // The tokens table's CHECK constraint stops this in SQLite, unless someone turns checks off.
        Planted(sql: "PRAGMA ignore_check_constraints = ON; UPDATE tokens SET role = 'superuser' WHERE id = 1", read: .tokens, table: "tokens", key: "id 1", column: "role", value: "superuser"),
    ]

    @Test(arguments: planted)
    func aBadStoredValueIsNamedByTheReadAndByVerify(_ planted: Planted) throws {
        let temp = try Self.ledger()
        try Self.plant(temp, planted.sql)
        do {
            try planted.read.run(temp.ledger)
            Issue.record("the read returned a value for \(planted.testDescription)")
        } catch LedgerError.badStoredValue(let table, let key, let column, let value, _) {
            #expect(table == planted.table)
            #expect(key == planted.key)
            #expect(column == planted.column)
            #expect(value == planted.value)
        }
        let report = try temp.ledger.verify()
        #expect(!report.isSound)
        let named = "Row \(planted.key) of the \(planted.table) table holds '\(planted.value)' in column \(planted.column), which is not "
        #expect(report.problems.contains { $0.hasPrefix(named) }, "\(report.problems)")
    }

    @Test func theErrorSaysWhatTheValueShouldHaveBeen() throws {
        let temp = try Self.ledger()
        try Self.plant(temp, "UPDATE measures SET status = 'mostly_done' WHERE id = 2")
        let error = #expect(throws: LedgerError.self) { try temp.ledger.measures(state: "FRA") }
        #expect(error?.description == "Row id 2 of the measures table holds 'mostly_done' in column status, which is not an implementation status "
            + "(one of implemented, partial, planned, no_measures, not_applicable); the ledger file was changed outside cpsledger.")
    }

    @Test func aMeasureWithABadValueIsAnErrorNotAMissingMeasure() throws {
        let temp = try Self.ledger()
        #expect(try temp.ledger.measure(seq: 999) == nil)
        #expect(try temp.ledger.measure(seq: 2)?.fields.status == .implemented)
        try Self.plant(temp, "UPDATE measures SET status = 'mostly_done' WHERE id = 2")
        // The stored value is named, never read as "no such measure".
        for error in [
            #expect(throws: LedgerError.self) { try temp.ledger.measure(seq: 2) },
            #expect(throws: LedgerError.self) { try temp.ledger.correctMeasure(2, changes: ["status": "partial"], reason: nil, actor: "test") },
        ] {
            guard case .badStoredValue(let table, let key, let column, let value, _)? = error else {
                Issue.record("not a bad stored value: \(String(describing: error))")
                continue
            }
            #expect([table, key, column, value] == ["measures", "id 2", "status", "mostly_done"])
        }
    }

    @Test func aCellAsOfAnEarlierDateNamesTheBadMeasureItFallsBackTo() throws {
        let temp = try Self.ledger()
        _ = try temp.ledger.recordMeasure(try temp.measure("FRA", status: "partial", effective: "2020-01-01", title: "Later law (test data)"), actor: "test")
        try Self.plant(temp, "UPDATE measures SET status = 'mostly_done' WHERE id = 2")
        #expect(try temp.ledger.cellStatuses().first?.status == .partial)  // the cell rests on the later measure
        do {
            _ = try temp.ledger.cellStatuses(asOf: ISODate("2000-01-01"))
            Issue.record("the as-of read returned a value")
        } catch LedgerError.badStoredValue(let table, let key, let column, let value, _) {
            #expect([table, key, column, value] == ["measures", "measure_id 2", "status", "mostly_done"])
        }
    }

    @Test func aTreatyActionWithABadKindStopsTheNextActionOfThatStateAndTreaty() throws {
        let temp = try Self.ledger()
        try Self.plant(temp, "UPDATE treaty_actions SET action = 'ratified' WHERE seq = 4")
        let head = try temp.ledger.headSeq()
        let action = ["state": "FRA", "treaty": "illicit-traffic-1988", "action": "ratification", "date": "1990-12-31", "note": ""]
        let fields = try TreatyActionFields.validate(action, treaties: temp.ledger.treaties, states: temp.ledger.states)
        let error = #expect(throws: LedgerError.self) { try temp.ledger.recordTreatyAction(fields, actor: "t") }
        guard case .badStoredValue(let table, _, let column, let value, _)? = error else {
            Issue.record("not a bad stored value: \(String(describing: error))")
            return
        }
        #expect([table, column, value] == ["treaty_actions", "action", "ratified"])
        #expect(try temp.ledger.headSeq() == head)
    }

    @Test func aMeasureRowPlantedUnderTheNextSequenceNumberStopsTheRecord() throws {
        let temp = try Self.ledger()
        let next = try temp.ledger.headSeq() + 1
        try Self.plant(temp, """
            INSERT INTO measures (id, state, obligation, status, effective_date, identity, test_data, last_seq)
            VALUES (\(next), 'DEU', 'art8.record-keeping', 'planned', '2001-01-01', X'00', 0, \(next))
            """)
        do {
            _ = try temp.ledger.recordMeasure(try temp.measure("ESP"), actor: "test")
            Issue.record("the measure was recorded over a planted row")
        } catch LedgerError.orphanRow(let table, let key) {
            #expect(table == "measures")
            #expect(key == "id \(next)")
        }
        #expect(try temp.ledger.headSeq() == next - 1)
    }

    @Test func anObligationOfAnUnknownKindStopsTheOpenInsteadOfCountingAsAMeasureObligation() throws {
        let temp = try TemporaryLedger()
        try Self.plant(temp, "PRAGMA ignore_check_constraints = ON; UPDATE obligations SET kind = 'duty' WHERE id = 'art8.record-keeping'")
        do {
            _ = try Ledger.open(path: temp.path)
            Issue.record("a ledger with an obligation of kind 'duty' was opened")
        } catch LedgerError.badStoredValue(let table, let key, let column, let value, _) {
            #expect([table, key, column, value] == ["obligations", "id art8.record-keeping", "kind", "duty"])
        }
    }

    @Test func aLedgerMigratedByANewerVersionIsRefusedWithTheMigrationsNamed() throws {
        let temp = try TemporaryLedger()
        try Self.plant(temp, "INSERT INTO grdb_migrations (identifier) VALUES ('v0999_from_the_future')")
        do {
            _ = try Ledger.open(path: temp.path)
            Issue.record("a ledger of a newer version was opened")
        } catch LedgerError.newerLedger(_, let migrations) {
            #expect(migrations == ["v0999_from_the_future"])
        }
    }
}
