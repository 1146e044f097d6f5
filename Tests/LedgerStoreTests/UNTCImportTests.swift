import Foundation
import GRDB
import LedgerModel
import LedgerStore
import LedgerTestSupport
import Testing

/// Status tables in the forms users copy from the UN Treaty Collection, and the shipped ones.
@Suite struct UNTCImportTests {
    /// A sample in the tab-separated layout of a browser copy, with the page's header block.
    /// Rows are real-format; the header counts are this sample's own.
    static let tabbed = """
        STATUS AS AT : 23-04-2024 09:15:05 EDT
        CHAPTER VI
        NARCOTIC DRUGS AND PSYCHOTROPIC SUBSTANCES
        19. United Nations Convention against Illicit Traffic in Narcotic Drugs and Psychotropic Substances
        Vienna, 20 December 1988
        Status:\tSignatories : 3. Parties : 5
        Participant\tSignature\tRatification, Accession(a), Acceptance(A), Approval(AA), Formal confirmation(c), Succession(d)
        Afghanistan\t20 Dec 1988\t14 Feb 1992
        Albania\t\t27 Jun 2001 a
        Bolivia (Plurinational State of)7\t20 Dec 1988\t20 Aug 1990
        China 3, 4\t20 Dec 1988\t25 Oct 1989
        European Union\t8 Jun 1989\t31 Dec 1990 c

        """

    @Test func aCopiedTableImportsWithItsAsAtDateAndAgainChangesNothing() throws {
        let temp = try TemporaryLedger()
        let path = try temp.file("vi-19.txt", Self.tabbed)
        let summary = try temp.ledger.importUNTC(treaty: "VI-19", path: path, actor: "t")
        #expect(summary.rows == 5)
        #expect(summary.recorded == 9)
        #expect(summary.asAt == ISODate("2024-04-23"))
        // The sample's header says 3 signatories where its rows hold 4 signatures: flagged, not fatal.
        #expect(summary.flags.contains { $0.contains("the table's header says 3 signatories; its rows give 4") })
        #expect(!summary.flags.contains { $0.contains("parties") })
        let index = try temp.ledger.treatyStatus()
        #expect(index.status(of: "CHN", treaty: "illicit-traffic-1988", asOf: ISODate("2000-01-01")!) == .party(since: ISODate("1989-10-25")!, by: .ratification))
        #expect(index.status(of: "BOL", treaty: "illicit-traffic-1988", asOf: ISODate("2000-01-01")!)?.isParty == true)
        #expect(index.status(of: "EUU", treaty: "illicit-traffic-1988", asOf: ISODate("2000-01-01")!) == .party(since: ISODate("1990-12-31")!, by: .formalConfirmation))
        // A table makes the treaty's status known for every State: FRA is listed nowhere, so it is not party.
        #expect(index.status(of: "FRA", treaty: "illicit-traffic-1988", asOf: ISODate("2000-01-01")!) == PartyStatus.none)
        #expect(index.tables["illicit-traffic-1988"] == ISODate("2024-04-23"))
        let events = try temp.ledger.headSeq()
        let again = try temp.ledger.importUNTC(treaty: "VI-19", path: path, actor: "t")
        #expect(again.recorded == 0)
        #expect(again.duplicates == 9)
        #expect(try temp.ledger.headSeq() == events)
        #expect(try temp.ledger.verify().isSound)
    }

    @Test func aNewerTableAddsOnlyTheNewActions() throws {
        let temp = try TemporaryLedger()
        _ = try temp.ledger.importUNTC(treaty: "VI-19", path: try temp.file("old.txt", Self.tabbed), actor: "t")
        let newer = Self.tabbed.replacingOccurrences(of: "23-04-2024", with: "01-06-2025")
            + "Andorra\t\t23 Jul 1999 a\n"
        let summary = try temp.ledger.importUNTC(treaty: "VI-19", path: try temp.file("new.txt", newer), actor: "t")
        #expect(summary.recorded == 1)
        #expect(summary.duplicates == 9)
        #expect(try temp.ledger.treatyStatus().tables["illicit-traffic-1988"] == ISODate("2025-06-01"))
    }

    @Test func anUnknownParticipantStopsTheImportNamingTheLineWithSuggestions() throws {
        let temp = try TemporaryLedger()
        let text = Self.tabbed.replacingOccurrences(of: "Albania\t", with: "Albanja\t").replacingOccurrences(of: "China 3, 4", with: "Atlantis")
        do {
            _ = try temp.ledger.importUNTC(treaty: "VI-19", path: try temp.file("bad.txt", text), actor: "t")
            Issue.record("imported")
        } catch LedgerError.importRejected(_, let problems, _) {
            #expect(problems.map(\.line) == [9, 11])
            #expect(problems[0].description.contains("field 'participant' value 'Albanja'"))
            #expect(problems[0].description.contains("did you mean Albania"))
        }
        #expect(try temp.ledger.treatyActions().isEmpty)
    }

    @Test func theShippedTablesLoadOnFirstUseWithTheirSourcesAndDates() throws {
        let temp = try TemporaryLedger(statusData: true)
        let tables = try temp.ledger.treatyTables()
        // 15 tables of 2014-15, 15 XML files of January 2018, the CWC page of 2026, the NPT and BWC lists of 2026.
        #expect(tables.count == 33)
        #expect(tables.filter { $0.file.hasPrefix("untc/") }.allSatisfy { $0.source.contains("zmjones/untreaties") })
        #expect(tables.allSatisfy { $0.asAt != nil })
        let index = try temp.ledger.treatyStatus()
        let asOf = ISODate("2014-07-10")!
        func parties(_ treaty: String) -> [String] {
            temp.ledger.states.states.map(\.iso3).filter { index.status(of: $0, treaty: treaty, asOf: asOf)?.isParty == true }
        }
        // Counted independently from the CSV files: rows with a date in the action column.
        #expect(parties("illicit-traffic-1988").count == 189)
        #expect(parties("illicit-traffic-1988").filter { temp.ledger.states[$0]!.member }.count == 185)
        #expect(parties("nuclear-terrorism-2005").count == 94)
        #expect(parties("trafficking-protocol-2000").count == 159)
        // Montenegro succeeded to the signature of XVIII-15: a signatory, not a party.
        #expect(index.status(of: "MNE", treaty: "nuclear-terrorism-2005", asOf: asOf)?.isSignatoryOnly == true)
        // Accession obligations derive from the tables; the ICAO, IMO, IAEA instruments have no data.
        // (Counted from the 2014-15 tables; the 2018 XML files add no action dated on or before 2014-07-10 to these.)
        let art5 = index.accession(of: "FRA", obligation: "art5.terrorism-treaties", asOf: asOf)
        #expect(art5.known == 2)
        #expect(art5.required == 10)
        #expect(art5.status != .implemented)
        // The NPT, BWC (UNODA, 2026) and CWC (UNTC page, 2026) now have data: France is party to all three.
        let art7a = index.accession(of: "FRA", obligation: "art7a.wmd-treaties", asOf: asOf)
        #expect(art7a.status == .implemented)
        let art6 = index.accession(of: "FRA", obligation: "art6.drug-conventions", asOf: asOf)
        #expect(art6.known == 3)
        #expect(try temp.ledger.verify().isSound)
    }

    @Test func aLedgerWithoutStatusDataHasTreatiesButNoActions() throws {
        let temp = try TemporaryLedger(statusData: false)
        #expect(try temp.ledger.treatyActions().isEmpty)
        let queue = try DatabaseQueue(path: temp.path)
        #expect(try queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM treaties") } == 26)
    }
}
