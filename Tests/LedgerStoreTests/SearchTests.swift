import Foundation
import GRDB
import LedgerModel
@testable import LedgerStore
import LedgerTestSupport
import Testing

/// Full-text search over a real ledger file: what is found, what is no longer found after a
/// correction or a retraction, the filters, hostile input, and `verify` and `rebuild` on the index.
@Suite struct SearchTests {
    /// A measure with every text field (all example data).
    static func fields(
        _ temporary: TemporaryLedger, state: String = "FRA", obligation: String = "art8.record-keeping", status: String = "implemented",
        effective: String = "1990-07-12", title: String, source: String = "Example Official Gazette (test data)", note: String? = nil
    ) throws -> MeasureFields {
        var raw = ["state": state, "obligation": obligation, "status": status, "effective_date": effective, "title": title, "kind": "legislation", "source": source]
        raw["note"] = note
        return try MeasureFields.validate(raw, catalogue: temporary.ledger.catalogue, states: temporary.ledger.states)
    }

    static func text(_ fragments: [SearchHit.Fragment]) -> String { fragments.map(\.text).joined() }
    static func matches(_ fragments: [SearchHit.Fragment]) -> [String] { fragments.filter(\.match).map(\.text) }

    @Test func aMeasureIsFoundByAWordOfItsTitleAndOfItsSourceWithTheWordMarked() throws {
        let temporary = try TemporaryLedger()
        let ledger = temporary.ledger
        let seq = try #require(try ledger.recordMeasure(
            try Self.fields(temporary, title: "Example cash courier declaration act (test data)", source: "Example Journal officiel 4711 (test data)",
                            note: "Customs keep the declarations for ten years."),
            actor: "test").seq)

        let byTitle = try ledger.search(SearchQuery("courier"))
        #expect(byTitle.count == 1)
        let hit = try #require(byTitle.first)
        #expect(hit.kind == .measure && hit.key == String(seq) && hit.state == "FRA" && hit.obligation == "art8.record-keeping")
        #expect(hit.status == .implemented && hit.effectiveDate == ISODate("1990-07-12"))
        #expect(Self.matches(hit.title) == ["courier"])
        #expect(Self.text(hit.title) == "Example cash courier declaration act (test data)")

        let bySource = try #require(try ledger.search(SearchQuery("journal 4711")).first)
        #expect(bySource.key == String(seq))
        #expect(Self.matches(bySource.context) == ["Journal", "4711"])
        // Stemmed and without accents: "declarations" finds "declaration", "OFFICIEL" any case.
        #expect(try ledger.search(SearchQuery("DECLARATIONS officiel")).map(\.key) == [String(seq)])
        // Every word must be there.
        #expect(try ledger.search(SearchQuery("courier absentword")).isEmpty)
    }

    @Test func aCorrectedMeasureIsFoundByItsNewTitleAndNotTheOldARetractedOneNotAtAll() throws {
        let temporary = try TemporaryLedger()
        let ledger = temporary.ledger
        let seq = try #require(try ledger.recordMeasure(try Self.fields(temporary, title: "Example walrus act (test data)"), actor: "test").seq)
        #expect(try ledger.search(SearchQuery("walrus")).map(\.key) == [String(seq)])

        _ = try ledger.correctMeasure(seq, changes: ["title": "Example narwhal act (test data)"], reason: "title misspelt", actor: "test")
        #expect(try ledger.search(SearchQuery("walrus")).isEmpty)
        #expect(try ledger.search(SearchQuery("narwhal")).map(\.key) == [String(seq)])

        _ = try ledger.retractMeasure(seq, reason: "recorded by mistake", actor: "test")
        #expect(try ledger.search(SearchQuery("narwhal")).isEmpty)
        #expect(try ledger.verify().isSound)
    }

    @Test func statesAreFoundByAnAliasAndObligationsByTheirProvisionText() throws {
        let temporary = try TemporaryLedger()
        let ledger = temporary.ledger
        let swaziland = try ledger.search(SearchQuery("Swaziland"))
        #expect(swaziland.map(\.kind) == [.state])
        #expect(swaziland.first?.key == "SWZ" && swaziland.first?.state == "SWZ")
        #expect(Self.text(try #require(swaziland.first).title) == "Eswatini")
        #expect(Self.matches(try #require(swaziland.first).context) == ["Swaziland"])

        // "passport issuance" is in the text of Article 7(b), not in its obligation's id.
        let passport = try ledger.search(SearchQuery("issuance passport", limit: 5))
        #expect(passport.first?.kind == .obligation)
        #expect(passport.first?.key == "art7b.passport-security")
        #expect(passport.first?.obligation == "art7b.passport-security")
    }

    @Test func anAssessmentIsFoundByItsComment() throws {
        let temporary = try TemporaryLedger()
        let ledger = temporary.ledger
        let fields = try AssessmentFields.validate(
            ["state": "KEN", "obligation": "art8.bank-secrecy", "rating": "partially_compliant", "comment": "The example reviewer found no ombudsman (test data)."],
            catalogue: ledger.catalogue, states: ledger.states, today: .utc())
        let seq = try ledger.recordAssessment(fields, actor: "test")
        let hit = try #require(try ledger.search(SearchQuery("ombudsman")).first)
        #expect(hit.kind == .assessment && hit.key == String(seq) && hit.state == "KEN" && hit.obligation == "art8.bank-secrecy")
        #expect(hit.rating == .partiallyCompliant)
        #expect(try ledger.search(SearchQuery("ombudsman", state: "FRA")).isEmpty)
        #expect(try ledger.search(SearchQuery("ombudsman", status: "implemented")).isEmpty)
    }

    @Test func filtersByStateArticleThemeStatusAndDate() throws {
        let temporary = try TemporaryLedger()
        let ledger = temporary.ledger
        func record(_ state: String, _ obligation: String, _ status: String, _ effective: String) throws -> String {
            String(try #require(try ledger.recordMeasure(
                try Self.fields(temporary, state: state, obligation: obligation, status: status, effective: effective,
                                title: "Example zebra regulation \(state) \(obligation) (test data)"),
                actor: "test").seq))
        }
        let fra8 = try record("FRA", "art8.record-keeping", "implemented", "1990-07-12")
        let deu8 = try record("DEU", "art8.bank-secrecy", "partial", "2005-03-01")
        let fra7 = try record("FRA", "art7c.firearms-controls", "planned", "2015-01-01")
        func keys(_ query: SearchQuery) throws -> Set<String> { Set(try ledger.search(query).map(\.key)) }

        #expect(try keys(SearchQuery("zebra")) == [fra8, deu8, fra7])
        #expect(try keys(SearchQuery("zebra", state: "fra")) == [fra8, fra7])
        #expect(try keys(SearchQuery("zebra", article: "Article 8")) == [fra8, deu8])
        // "Article" means what Catalogue.obligations(article:) says: 7(c) is its own Article, 7 is not 7(a) to 7(d).
        #expect(try keys(SearchQuery("zebra", article: "art7c")) == [fra7])
        #expect(try keys(SearchQuery("zebra", article: "7")).isEmpty)
        #expect(try keys(SearchQuery("zebra", theme: "firearms-controls")) == [fra7])
        #expect(try keys(SearchQuery("zebra", status: "partial")) == [deu8])
        #expect(try keys(SearchQuery("zebra", from: ISODate("2000-01-01"), to: ISODate("2010-12-31"))) == [deu8])
        #expect(try keys(SearchQuery("zebra", state: "FRA", article: "8", status: "implemented")) == [fra8])
        #expect(try ledger.search(SearchQuery("zebra", limit: 2)).count == 2)
        // A State filter keeps the State itself; an Article filter keeps its obligations.
        #expect(try ledger.search(SearchQuery("france", state: "FRA")).map(\.key) == ["FRA"])
        #expect(try ledger.search(SearchQuery("passport", state: "FRA")).isEmpty)
        #expect(try ledger.search(SearchQuery("passport", article: "7b")).map(\.key) == ["art7b.passport-security"])
        #expect(try ledger.search(SearchQuery("passport", article: "7")).isEmpty)

        for (query, field) in [
            (SearchQuery("zebra", state: "XXX"), "state"), (SearchQuery("zebra", article: "99"), "article"),
            (SearchQuery("zebra", theme: "zebras"), "theme"), (SearchQuery("zebra", status: "done"), "status"),
            (SearchQuery("zebra", from: ISODate("2010-01-01"), to: ISODate("2000-01-01")), "to"), (SearchQuery("zebra", limit: 0), "limit"),
        ] {
            #expect {
                try ledger.search(query)
            } throws: { error in
                guard case LedgerError.invalid(let failure) = error else { return false }
                return failure.issues.map(\.field) == [field]
            }
        }
    }

    /// What a user may type, search syntax included, is read as words: never an SQL or FTS5 error.
    /// Seeded mutations of queries full of FTS5 operators (seed 19; a failure names the case).
    @Test func hostileQueriesNeverFail() throws {
        let temporary = try TemporaryLedger()
        let ledger = temporary.ledger
        _ = try ledger.recordMeasure(try Self.fields(temporary, title: "Example AND-OR \"quoted\" act: NEAR* (test data)"), actor: "test")
        let pieces = [
            "\"", "\"\"", "*", "AND", "OR", "NOT", "NEAR", "NEAR(", "-", ":", "title:", "name:", "(", ")", "^", "{", "}", "+", "'", "\\", "%",
            "act", "example", "\u{0}", "\u{7}", "é", "\u{301}", "'; DROP TABLE events; --", "rowid", "search_index", "MATCH", "?", "\n",
        ]
        var mutator = Mutator(seed: 19)
        for index in 0..<600 {
            let base = (0..<(1 + mutator.int(6))).map { _ in mutator.pick(pieces) }.joined(separator: mutator.pick([" ", "", "\t"]))
            let bytes = index % 2 == 0 ? Array(base.utf8) : mutator.mutate(Array(base.utf8))
            let words = String(decoding: bytes, as: UTF8.self)
            #expect(throws: Never.self, "case \(index): \(words.debugDescription)") { try ledger.search(SearchQuery(words)) }
        }
        // Operators are words: the quoted title is found by them, as plain words.
        #expect(try ledger.search(SearchQuery("\"quoted\" AND-OR near*")).count == 1)
        #expect(try ledger.search(SearchQuery("* - : ( )")).isEmpty)
    }

    @Test func verifyNamesATamperedIndexAndRebuildRepairsIt() throws {
        let temporary = try TemporaryLedger()
        let ledger = temporary.ledger
        let seq = try #require(try ledger.recordMeasure(try Self.fields(temporary, title: "Example okapi act (test data)"), actor: "test").seq)
        #expect(try ledger.verify().isSound)
        func tamper(_ sql: String) throws {
            let queue = try DatabaseQueue(path: temporary.path)
            try queue.writeWithoutTransaction { db in try db.execute(sql: sql) }
        }
        for (sql, words) in [
            ("UPDATE search_index SET name = 'Example gazelle act (test data)' WHERE rowid = \(seq)", "other words for measure \(seq)"),
            ("DELETE FROM search_index WHERE rowid = \(seq)", "lacks measure \(seq)"),
            ("INSERT INTO search_index (rowid, kind, key, name, text) VALUES (999, 'measure', '999', 'Planted', '')", "row for measure 999"),
            ("DELETE FROM search_index WHERE kind = 'state' AND key = 'SWZ'", "lacks the State SWZ"),
        ] {
            try tamper(sql)
            let report = try ledger.verify()
            #expect(!report.isSound, "\(sql)")
            #expect(report.problems.contains { $0.contains("The search index") && $0.contains(words) && $0.contains("rebuild") }, "\(sql): \(report.problems)")
            try ledger.rebuild()
            #expect(try ledger.verify().isSound, "\(sql)")
            #expect(try ledger.search(SearchQuery("okapi")).map(\.key) == [String(seq)])
            #expect(try ledger.search(SearchQuery("Swaziland")).map(\.key) == ["SWZ"])
        }
    }

    /// `verify` walks the index beside the events (issue 23): a measure that is its own version is
    /// compared in the measures walk, an assessment in the index walk, and a corrected or retracted
    /// measure or a row at another event's sequence number at the end. Each of them is still named.
    @Test func verifyNamesATamperedRowOfEveryKindTheWalkMeets() throws {
        let temporary = try TemporaryLedger()
        let ledger = temporary.ledger
        let plain = try #require(try ledger.recordMeasure(try Self.fields(temporary, title: "Example okapi act (test data)"), actor: "test").seq)
        let corrected = try #require(try ledger.recordMeasure(try Self.fields(temporary, state: "DEU", title: "Example gnu act (test data)"), actor: "test").seq)
        let retracted = try #require(try ledger.recordMeasure(try Self.fields(temporary, state: "ITA", title: "Example eland act (test data)"), actor: "test").seq)
        let correction = try ledger.correctMeasure(corrected, changes: ["title": "Example gnu decree (test data)"], reason: nil, actor: "test")
        _ = try ledger.retractMeasure(retracted, reason: "an example retraction", actor: "test")
        let raw = ["state": "FRA", "obligation": "art8.record-keeping", "rating": "largely_compliant", "assessed_on": "2020-01-01", "comment": "Example zebu comment (test data)"]
        let assessment = try ledger.recordAssessment(
            try AssessmentFields.validate(raw, catalogue: ledger.catalogue, states: ledger.states, today: ISODate("2026-01-01")!), actor: "test")
        #expect(try ledger.verify().isSound)
        #expect(try ledger.search(SearchQuery("gnu decree")).map(\.key) == [String(corrected)])
        func tamper(_ sql: String) throws {
            let queue = try DatabaseQueue(path: temporary.path)
            try queue.writeWithoutTransaction { db in try db.execute(sql: sql) }
        }
        for (sql, words) in [
            ("UPDATE search_index SET text = 'Example yak (test data)' WHERE rowid = \(plain)", "other words for measure \(plain)"),
            ("UPDATE search_index SET name = 'Example gnu act (test data)' WHERE rowid = \(corrected)", "other words for measure \(corrected)"),
            ("DELETE FROM search_index WHERE rowid = \(corrected)", "lacks measure \(corrected)"),
            ("INSERT INTO search_index (rowid, kind, key, name, text) VALUES (\(retracted), 'measure', '\(retracted)', 'Example eland act (test data)', '')",
             "row for measure \(retracted)"),
            ("UPDATE search_index SET text = 'Example gaur comment (test data)' WHERE rowid = \(assessment)", "other words for assessment \(assessment)"),
            ("DELETE FROM search_index WHERE rowid = \(assessment)", "lacks assessment \(assessment)"),
            ("INSERT INTO search_index (rowid, kind, key, name, text) VALUES (\(correction), 'measure', '\(correction)', 'Planted', '')",
             "row for measure \(correction)"),
        ] {
            try tamper(sql)
            let report = try ledger.verify()
            #expect(report.problems.contains { $0.contains("The search index") && $0.contains(words) && $0.contains("rebuild") }, "\(sql): \(report.problems)")
            try ledger.rebuild()
            #expect(try ledger.verify().isSound, "\(sql)")
        }
        // An index dropped behind the ledger's back is named, not a failure of verify itself.
        try tamper("DROP TABLE search_index")
        let report = try ledger.verify()
        #expect(report.problems.contains { $0.contains("The search index could not be checked") }, "\(report.problems)")
    }

    @Test func anImportIsIndexedAndItsDuplicatesAreNot() throws {
        let temporary = try TemporaryLedger()
        let ledger = temporary.ledger
        let csv = """
            state,obligation,status,effective_date,title,kind,source,note
            FRA,art8.record-keeping,implemented,1990-07-12,Example ibex law (test data),legislation,Example capybara gazette (test data),
            DEU,art8.bank-secrecy,partial,2001-02-03,Example ibex decree (test data),regulation,Example source (test data),A tapir note
            FRA,art8.record-keeping,implemented,1990-07-12,Example ibex law (test data),legislation,Example capybara gazette (test data),

            """
        let summary = try ledger.importMeasures(path: try temporary.file("measures.csv", csv), actor: "importer")
        #expect(summary.recorded == 2 && summary.duplicates == 1)
        #expect(try ledger.search(SearchQuery("ibex")).count == 2)
        #expect(try ledger.search(SearchQuery("capybara")).map(\.state) == ["FRA"])
        #expect(try ledger.search(SearchQuery("tapir")).map(\.state) == ["DEU"])
        #expect(try ledger.verify().isSound)
    }
}
