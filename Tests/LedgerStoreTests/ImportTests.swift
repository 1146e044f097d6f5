import Foundation
import LedgerModel
import LedgerStore
import LedgerTestSupport
import Testing

@Suite struct ImportTests {
    static let header = "state,obligation,status,effective_date,title,kind,source,note\n"

    @Test func aGoodFileImportsInOneGoAndAgainAddsNothing() throws {
        let temp = try TemporaryLedger()
        let path = try temp.file("good.csv", Self.header + #"""
            FRA,art8.record-keeping,implemented,1990-07-12,Example law (test data),legislation,example source,
            DEU,art8.record-keeping,partial,1993-10-25,"Example act, with a comma",legislation,,"note with ""quotes"""
            ITA,art3.extradite-or-prosecute,planned,2001-01-01,Example plan,policy,,"multi
            line note"
            CHE,art7d.migrant-smuggling,no_measures,2002-02-02,,,,

            """#)
        let summary = try temp.ledger.importMeasures(path: path, actor: "importer")
        #expect(summary.rows == 4)
        #expect(summary.recorded == 4)
        #expect(summary.duplicates == 0)
        #expect(summary.firstSeq == 2)
        #expect(summary.lastSeq == 5)
        #expect(try temp.ledger.headSeq() == 6)  // creation, 4 measures, import.completed
        let deu = try temp.ledger.measures(state: "DEU").first
        #expect(deu?.fields.title == "Example act, with a comma")
        #expect(deu?.fields.note == "note with \"quotes\"")
        #expect(try temp.ledger.measures(state: "ITA").first?.fields.note == "multi\nline note")

        let again = try temp.ledger.importMeasures(path: path, actor: "importer")
        #expect(again.recorded == 0)
        #expect(again.duplicates == 4)
        #expect(try temp.ledger.headSeq() == 6)
        #expect(try temp.ledger.verify().isSound)
    }

    @Test func aFileWithBadRowsImportsNothingAndNamesEveryBadRow() throws {
        let temp = try TemporaryLedger()
        let path = try temp.file("bad.csv", Self.header + #"""
            FRA,art8.record-keeping,implemented,1990-07-12,Example law,legislation,,
            FRANCE,art8.record-keeping,implemented,1990-07-12,Example law,legislation,,
            DEU,art8.record-keping,implemented,1990-07-12,Example law,legislation,,
            ITA,art8.record-keeping,implemented,1990-13-01,Example law,legislation,,
            ESP,art8.record-keeping,not_applicable,1990-01-01,,,,
            PRT,art8.record-keeping,implemented
            BEL,art8.record-keeping,implemented,1990-07-12,Example law,legislation,,

            """#)
        do {
            _ = try temp.ledger.importMeasures(path: path, actor: "importer")
            Issue.record("a file with bad rows was imported")
        } catch LedgerError.importRejected(let file, let problems, let truncated) {
            #expect(file == "bad.csv")
            #expect(!truncated)
            #expect(problems.map(\.line) == [3, 4, 5, 6, 7])
            let text = problems.map(\.description).joined(separator: "\n")
            #expect(text.contains("line 3: field 'state' value 'FRANCE'"))
            #expect(text.contains("did you mean FRA?"))
            #expect(text.contains("line 4: field 'obligation' value 'art8.record-keping'"))
            #expect(text.contains("line 5: field 'effective_date' value '1990-13-01'"))
            #expect(text.contains("line 6: field 'justification' (empty)"))
            #expect(text.contains("line 7: field '(row)' (empty): has 3 fields; the header has 8"))
        }
        #expect(try temp.ledger.headSeq() == 1)
        #expect(try temp.ledger.measures().isEmpty)
    }

    @Test func onlyTheFirstHundredBadRowsAreListed() throws {
        let temp = try TemporaryLedger()
        var text = Self.header
        for _ in 0..<150 { text += "XXX,art8.record-keeping,implemented,1990-07-12,t,legislation,,\n" }
        let path = try temp.file("many.csv", text)
        do {
            _ = try temp.ledger.importMeasures(path: path, actor: "importer")
            Issue.record("imported")
        } catch LedgerError.importRejected(_, let problems, let truncated) {
            #expect(problems.count == 100)
            #expect(truncated)
        }
    }

    @Test func aWrongHeaderNamesTheMissingAndUnknownColumns() throws {
        let temp = try TemporaryLedger()
        let path = try temp.file("header.csv", "state,obligation,status,date,title,kind,source,note\nFRA,art8.record-keeping,implemented,1990-07-12,t,legislation,,\n")
        do {
            _ = try temp.ledger.importMeasures(path: path, actor: "importer")
            Issue.record("imported")
        } catch LedgerError.badHeader(_, let missing, let unknown, _) {
            #expect(missing == ["effective_date"])
            #expect(unknown == ["date"])
        }
    }

    @Test func aMissingFileOrAnUnclosedQuoteIsAClearError() throws {
        let temp = try TemporaryLedger()
        #expect(throws: LedgerError.self) { try temp.ledger.importMeasures(path: temp.directory.appendingPathComponent("nope.csv").path, actor: "i") }
        let path = try temp.file("quote.csv", Self.header + "FRA,art8.record-keeping,implemented,1990-07-12,\"unclosed,legislation,,\n")
        do {
            _ = try temp.ledger.importMeasures(path: path, actor: "importer")
            Issue.record("imported")
        } catch LedgerError.importRejected(_, let problems, _) {
            #expect(problems.first?.line == 2)
            #expect(problems.first?.issues.first?.message == "opens a quoted field that is never closed")
        }
    }

    @Test func aDryRunCountsButWritesNothing() throws {
        let temp = try TemporaryLedger()
        let path = try temp.file("dry.csv", Self.header + "FRA,art8.record-keeping,implemented,1990-07-12,t,legislation,,\nFRA,art8.record-keeping,implemented,1990-07-12,t,legislation,,\n")
        let summary = try temp.ledger.importMeasures(path: path, dryRun: true, actor: "importer")
        #expect(summary.recorded == 1)
        #expect(summary.duplicates == 1)
        #expect(summary.dryRun)
        #expect(try temp.ledger.headSeq() == 1)
    }

    @Test func exportedCSVRoundTripsThroughImport() throws {
        let source = try TemporaryLedger()
        _ = try source.ledger.recordMeasure(try source.measure(note: "with, comma and \"quotes\"\nand a line"), actor: "a")
        _ = try source.ledger.recordMeasure(try source.measure("CHE", "art7d.migrant-smuggling", status: "not_applicable"), actor: "a")
        let seq = try #require(try source.ledger.recordMeasure(try source.measure("DEU"), actor: "a").seq)
        _ = try source.ledger.retractMeasure(seq, reason: "test", actor: "a")
        var csv = ""
        try source.ledger.exportMeasuresCSV { csv += $0 }
        #expect(csv.hasPrefix("state,obligation,status,effective_date,title,kind,source,note,justification\n"))
        let path = try source.file("export.csv", csv)

        let target = try TemporaryLedger()
        #expect(try target.ledger.importMeasures(path: path, actor: "b").recorded == 2)
        #expect(try target.ledger.measures().map(\.fields) == (try source.ledger.measures().map(\.fields)))
        #expect(try source.ledger.importMeasures(path: path, actor: "a").duplicates == 2)

        var json = ""
        try source.ledger.exportMeasuresJSON { json += $0 }
        let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]]
        #expect(parsed?.count == 2)
        #expect(parsed?.first?["effective_date"] as? String == "1990-07-12")
    }

    @Test func syntheticDataIsReproducibleAndImports() throws {
        let temp = try TemporaryLedger()
        let generator = SyntheticMeasures(catalogue: temp.ledger.catalogue, states: temp.ledger.states, seed: 7)
        var a = "", b = ""
        try generator.write(events: 500) { a += $0 }
        try generator.write(events: 500) { b += $0 }
        #expect(a == b)
        var c = ""
        try SyntheticMeasures(catalogue: temp.ledger.catalogue, states: temp.ledger.states, seed: 8).write(events: 500) { c += $0 }
        #expect(a != c)
        #expect(a.split(separator: "\n").count == 501)
        #expect(a.split(separator: "\n").dropFirst().allSatisfy { $0.contains("SYNTHETIC") })
        let summary = try temp.ledger.importMeasures(path: try temp.file("synthetic.csv", a), actor: "bench")
        #expect(summary.recorded + summary.duplicates == 500)
        #expect(try temp.ledger.verify().isSound)
    }
}
