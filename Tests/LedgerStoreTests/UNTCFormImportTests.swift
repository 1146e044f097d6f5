import Foundation
import LedgerModel
import LedgerStore
import LedgerTestSupport
import Testing

/// Importing the XML status file, a saved page and the shipped newer data; every bad input writes nothing.
@Suite struct UNTCFormImportTests {
    /// `../shared/data` relative to the repository root, which is two folders above this file's folder.
    static let sharedData = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data")
    static let sharedDataExists = FileManager.default.fileExists(atPath: sharedData.appendingPathComponent("untc-xml-2018").path)

    static func shared(_ path: String) -> String { sharedData.appendingPathComponent(path).path }

    func partyCount(_ index: TreatyStatusIndex, _ treaty: String, on date: ISODate, states: StateDirectory) -> Int {
        states.states.map(\.iso3).filter { index.status(of: $0, treaty: treaty, asOf: date)?.isParty == true }.count
    }

    @Test func aNewLedgerReproducesThePublishedCountOfEveryShippedTableAtItsAsAtDate() throws {
        let temp = try TemporaryLedger(statusData: true)
        let index = try temp.ledger.treatyStatus()
        let tables = try temp.ledger.treatyTables()
        let checked = tables.filter { $0.declaredParties != nil && !$0.isHeaderOnly }
        #expect(checked.count == 11)  // ten XML files of 2018 and the CWC page
        for table in checked {
            let asAt = try #require(table.asAt)
            #expect(partyCount(index, table.treaty, on: asAt, states: temp.ledger.states) == table.declaredParties, "\(table.file)")
        }
        #expect(index.tables["cwc-1993"] == ISODate("2026-02-03"))
        #expect(partyCount(index, "cwc-1993", on: ISODate("2026-02-03")!, states: temp.ledger.states) == 193)
        #expect(partyCount(index, "npt-1968", on: ISODate("2026-08-22")!, states: temp.ledger.states) == 191)
        #expect(partyCount(index, "bwc-1972", on: ISODate("2026-08-22")!, states: temp.ledger.states) == 189)
        #expect(index.tables["hostages-1979"] == ISODate("2018-01-15"))
        // A header-only file dates a count, not the rows: VI-19's rows stay as at 2014-07-10.
        #expect(index.tables["illicit-traffic-1988"] == ISODate("2014-07-10"))
        let vi19 = try #require(tables.first { $0.file == "untc-xml-2018/VI-19.en.xml" })
        #expect(vi19.isHeaderOnly && vi19.declaredParties == 190 && vi19.form == .xml && vi19.asAt == ISODate("2018-01-15"))
        // South Sudan had not joined the CWC on 3 February 2026.
        #expect(index.status(of: "SSD", treaty: "cwc-1993", asOf: ISODate("2026-02-03")!)?.isParty == false)
        #expect(try temp.ledger.verify().isSound)
    }

    @Test(.enabled(if: sharedDataExists, "../shared/data is absent next to the repository"))
    func anXMLFileNamesItsTreatySoTreatyMayBeLeftOut() throws {
        let temp = try TemporaryLedger()
        let summary = try temp.ledger.importUNTC(
            treaty: nil, path: Self.shared("untc-xml-2018/XVIII-5.en.xml"), asAt: ISODate("2018-01-15"), actor: "t")
        #expect(summary.rows == 178)
        #expect(summary.asAt == ISODate("2018-01-15"))
        // The whole file is not well-formed; the import says it was read leniently, and the counts agree.
        #expect(summary.flags.contains { $0.contains("leniently") })
        #expect(!summary.flags.contains { $0.contains("header says") })
        let table = try #require(try temp.ledger.treatyTables().first)
        #expect(table.treaty == "hostages-1979" && table.form == .xml && table.declaredParties == 176 && table.rows == 178)
        #expect(partyCount(try temp.ledger.treatyStatus(), "hostages-1979", on: ISODate("2018-01-15")!, states: temp.ledger.states) == 176)
    }

    @Test(.enabled(if: sharedDataExists, "../shared/data is absent next to the repository"))
    func theSavedPageImportsWithItsDateAndTreatyFromThePage() throws {
        let temp = try TemporaryLedger()
        let summary = try temp.ledger.importUNTC(treaty: nil, path: Self.shared("untc-cwc-2026/XXVI-3-status-page.html"), actor: "t")
        #expect(summary.asAt == ISODate("2026-02-03"))
        #expect(summary.flags.isEmpty, "\(summary.flags)")
        #expect(try temp.ledger.treatyTables().first?.form == .html)
        #expect(partyCount(try temp.ledger.treatyStatus(), "cwc-1993", on: ISODate("2026-02-03")!, states: temp.ledger.states) == 193)
    }

    @Test func anXMLFileWithoutADateIsFlaggedNotDatedByGuess() throws {
        let temp = try TemporaryLedger()
        let xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <Document><Treaty><Header><Chapter><Header>CHAPTER XVIII</Header></Chapter><ExternalData><Numsect>5</Numsect>
            <Status><Signatories>1</Signatories><Parties>1</Parties></Status></ExternalData></Header>
            <Participants><Table><TGroup cols="3"><Thead><Row><Entry>Participant</Entry><Entry>Signature</Entry><Entry>Ratification, Accession(a)</Entry></Row></Thead>
            <Tbody><Rows><Row><Entry>France&lt;superscript&gt;3&lt;/superscript&gt;</Entry><Entry>18 Dec 1979</Entry><Entry>9 Jun 2000</Entry></Row></Rows></Tbody>
            </TGroup></Table></Participants></Treaty></Document>
            """
        let summary = try temp.ledger.importUNTC(treaty: nil, path: try temp.file("XVIII-5.en.xml", xml), actor: "t")
        #expect(summary.recorded == 2)
        #expect(summary.asAt == nil)
        #expect(summary.flags.contains { $0.contains("no status date") && $0.contains("its as-at date") })
    }

    // MARK: Bad input writes nothing

    func expectNothingWritten(_ temp: TemporaryLedger, _ body: () throws -> Void, _ check: (LedgerError) -> Void) throws {
        let before = try temp.ledger.headSeq()
        do {
            try body()
            Issue.record("the import succeeded")
        } catch let error as LedgerError {
            check(error)
        }
        #expect(try temp.ledger.headSeq() == before)
        #expect(try temp.ledger.treatyActions().isEmpty)
        #expect(try temp.ledger.treatyTables().isEmpty)
    }

    @Test(.enabled(if: sharedDataExists, "../shared/data is absent next to the repository"))
    func aTruncatedXMLFileIsRefusedAndNothingIsWritten() throws {
        let temp = try TemporaryLedger()
        let whole = try String(contentsOfFile: Self.shared("untc-xml-2018/XVIII-12-b.en.xml"), encoding: .isoLatin1)
        let path = try temp.file("XVIII-12-b.en.xml", String(whole.prefix(whole.count / 5)))
        try expectNothingWritten(temp, { _ = try temp.ledger.importUNTC(treaty: nil, path: path, asAt: ISODate("2018-01-15"), actor: "t") }) { error in
            #expect(error.description.contains("XVIII-12-b.en.xml"))
            #expect(error.description.contains("cut short") || error.description.contains("ends inside this row"))
            #expect(error.description.contains("Nothing was imported"))
        }
    }

    @Test func aPageWithNoTableIsRefusedAndNothingIsWritten() throws {
        let temp = try TemporaryLedger()
        let path = try temp.file("page.html", "<!DOCTYPE html><html><body><h1>Status of Treaties</h1><p>Page not found</p></body></html>")
        try expectNothingWritten(temp, { _ = try temp.ledger.importUNTC(treaty: "XXVI-3", path: path, actor: "t") }) { error in
            #expect(error.description.contains("no status table"))
        }
    }

    @Test func anUnknownParticipantInASavedPageIsListedByLineAndNothingIsWritten() throws {
        let temp = try TemporaryLedger()
        let page = """
            <!DOCTYPE html>
            <html><body><div>STATUS AS AT : 03-02-2026 10:16:18 EDT</div>
            <table>
            <tr><td>Participant</td><td>Signature</td><td>Ratification, Accession(a)</td></tr>
            <tr><td>France</td><td>13 Jan 1993</td><td>2 Mar 1995</td></tr>
            <tr><td>Atlantis</td><td>13 Jan 1993</td><td>2 Mar 1995</td></tr>
            </table></body></html>
            """
        let path = try temp.file("cwc.html", page)
        try expectNothingWritten(temp, { _ = try temp.ledger.importUNTC(treaty: "XXVI-3", path: path, actor: "t") }) { error in
            guard case .importRejected(_, let problems, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(problems.map(\.line) == [6])
            #expect(problems[0].description.contains("Atlantis"))
        }
    }

    @Test func aFileForAnotherTreatyIsRefused() throws {
        let temp = try TemporaryLedger()
        let page = """
            <html><body><form action="./ViewDetails.aspx?src=TREATY&amp;mtdsg_no=XXVI-3&amp;chapter=26"></form>
            <table><tr><td>Participant</td><td>Signature</td><td>Ratification</td></tr><tr><td>France</td><td>13 Jan 1993</td><td>2 Mar 1995</td></tr></table>
            </body></html>
            """
        let path = try temp.file("cwc.html", page)
        try expectNothingWritten(temp, { _ = try temp.ledger.importUNTC(treaty: "VI-19", path: path, asAt: ISODate("2026-02-03"), actor: "t") }) { error in
            #expect(error.description.contains("XXVI-3"))
        }
        // A treaty another depositary keeps has no UNTC page: a UNTC page is never its status.
        try expectNothingWritten(temp, { _ = try temp.ledger.importUNTC(treaty: "npt-1968", path: path, asAt: ISODate("2026-02-03"), actor: "t") }) { error in
            #expect(error.description.contains("is npt-1968, but cwc.html is the status of UNTC XXVI-3 (cwc-1993)"))
        }
    }
}

extension UNTCFormImportTests {
    @Test func anUnknownParticipantInAnXMLFileIsListedByItsLineAndNothingIsWritten() throws {
        let temp = try TemporaryLedger()
        let xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <Document><Treaty><Header><Chapter><Header>CHAPTER XVIII</Header></Chapter><ExternalData><Numsect>5</Numsect>
            <Status><Signatories>1</Signatories><Parties>2</Parties></Status></ExternalData></Header>
            <Participants><Table><TGroup cols="3"><Thead><Row><Entry>Participant</Entry><Entry>Signature</Entry><Entry>Ratification, Accession(a)</Entry></Row></Thead>
            <Tbody><Rows>
            <Row><Entry>France</Entry><Entry>18 Dec 1979</Entry><Entry>9 Jun 2000</Entry></Row>
            <Row><Entry>Freedonia&lt;superscript&gt;2&lt;/superscript&gt;</Entry><Entry /><Entry>1 Jan 2001 a</Entry></Row>
            </Rows></Tbody></TGroup></Table></Participants></Treaty></Document>
            """
        let path = try temp.file("XVIII-5.en.xml", xml)
        try expectNothingWritten(temp, { _ = try temp.ledger.importUNTC(treaty: nil, path: path, asAt: ISODate("2026-11-29"), actor: "t") }) { error in
            guard case .importRejected(_, let problems, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(problems.map(\.line) == [7])
            #expect(problems[0].description.contains("'Freedonia'"))
        }
    }
}

extension UNTCFormImportTests {
    @Test func anXMLHeaderCountThatDiffersFromTheRowsIsFlagged() throws {
        let temp = try TemporaryLedger()
        let xml = """
            <?xml version="1.0" encoding="utf-8"?>
            <Document><Treaty><Header><Chapter><Header>CHAPTER XVIII</Header></Chapter><ExternalData><Numsect>5</Numsect>
            <Status><Signatories>1</Signatories><Parties>3</Parties></Status></ExternalData></Header>
            <Participants><Table><TGroup cols="3"><Thead><Row><Entry>Participant</Entry><Entry>Signature</Entry><Entry>Ratification, Accession(a)</Entry></Row></Thead>
            <Tbody><Rows><Row><Entry>France</Entry><Entry>18 Dec 1979</Entry><Entry>9 Jun 2000</Entry></Row></Rows></Tbody>
            </TGroup></Table></Participants></Treaty></Document>
            """
        let summary = try temp.ledger.importUNTC(treaty: nil, path: try temp.file("XVIII-5.en.xml", xml), asAt: ISODate("2026-11-29"), actor: "t")
        #expect(summary.recorded == 2)
        #expect(summary.flags == ["XVIII-5.en.xml: the table's header says 3 parties; its rows give 1."])
        #expect(try temp.ledger.treatyTables().first?.declaredParties == 3)
    }
}
