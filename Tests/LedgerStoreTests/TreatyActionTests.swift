import Foundation
import LedgerModel
import LedgerStore
import LedgerTestSupport
import Testing

@Suite struct TreatyActionTests {
    static let header = "state,treaty,action,date,note\n"

    @Test func actionsImportOnceAndGivePartyCountsAsOfAnyDate() throws {
        let temp = try TemporaryLedger()
        let path = try temp.file("actions.csv", Self.header + """
            FRA,VI-19,signature,1988-12-20,
            FRA,VI-19,ratification,1990-12-31,
            DEU,illicit-traffic-1988,signature,1988-12-19,
            DEU,VI-19,ratification,1993-11-30,
            ITA,VI-19,signature,1988-12-20,
            VAT,VI-19,accession,2012-01-25,
            """ + "\n")
        let dayBefore = try temp.file("bad-date.csv", Self.header + "DEU,VI-19,signature,1988-12-19,\n")
        #expect(throws: LedgerError.self) { try temp.ledger.importTreatyActions(path: dayBefore, actor: "t") }
        let fixed = try temp.file("fixed.csv", try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "1988-12-19", with: "1989-01-19"))
        let summary = try temp.ledger.importTreatyActions(path: fixed, actor: "t")
        #expect(summary.recorded == 6)
        #expect(summary.flags.isEmpty)
        #expect(try temp.ledger.importTreatyActions(path: fixed, actor: "t").duplicates == 6)
        let index = try temp.ledger.treatyStatus()
        #expect(index.status(of: "FRA", treaty: "illicit-traffic-1988", asOf: ISODate("1990-12-30")!) == .signatory(since: ISODate("1988-12-20")!))
        #expect(index.status(of: "FRA", treaty: "illicit-traffic-1988", asOf: ISODate("1990-12-31")!)?.isParty == true)
        // No status table and no action: the ledger cannot say.
        #expect(index.status(of: "ESP", treaty: "illicit-traffic-1988", asOf: ISODate("2000-01-01")!) == nil)
        #expect(try temp.ledger.verify().isSound)
    }

    @Test func aSecondConsentAndADenunciationByANonPartyAreRejectedWithReasons() throws {
        let temp = try TemporaryLedger()
        let path = try temp.file("bad.csv", Self.header + """
            FRA,VI-19,accession,1990-12-31,
            FRA,VI-19,ratification,1995-01-01,
            DEU,VI-19,denunciation,2000-01-01,
            ESP,VI-19,signed,1990-01-01,
            ESP,VI-91,signature,1990-01-01,
            """ + "\n")
        do {
            _ = try temp.ledger.importTreatyActions(path: path, actor: "t")
            Issue.record("imported")
        } catch LedgerError.importRejected(_, let problems, _) {
            #expect(problems.map(\.line) == [3, 4, 5, 6])
            let text = problems.map(\.description).joined(separator: "\n")
            #expect(text.contains("France is already party to 1988 Convention since 1990-12-31 (accession)"))
            #expect(text.contains("Germany is not party to 1988 Convention on 2000-01-01; there is nothing to denounce"))
            #expect(text.contains("field 'action' value 'signed'"))
            #expect(text.contains("did you mean VI-19 or"))
        }
        #expect(try temp.ledger.treatyActions().isEmpty)
    }

    @Test func aRatificationWithoutSignatureIsFlaggedNotRejected() throws {
        let temp = try TemporaryLedger()
        let path = try temp.file("flag.csv", Self.header + "FRA,VI-19,ratification,1990-12-31,\n")
        let summary = try temp.ledger.importTreatyActions(path: path, actor: "t")
        #expect(summary.recorded == 1)
        #expect(summary.flags.count == 1)
        #expect(summary.flags.first?.contains("line 2: France ratified 1988 Convention on 1990-12-31 with no signature on record") == true)
    }

    @Test func aDenunciationEndsPartyStatusFromItsEffectiveDate() throws {
        let temp = try TemporaryLedger()
        let path = try temp.file("out.csv", Self.header + """
            FRA,VI-19,accession,1990-12-31,
            FRA,VI-19,denunciation,2010-06-30,effective date of the denunciation (EXAMPLE data)
            """ + "\n")
        _ = try temp.ledger.importTreatyActions(path: path, actor: "t")
        let index = try temp.ledger.treatyStatus()
        #expect(index.status(of: "FRA", treaty: "illicit-traffic-1988", asOf: ISODate("2010-06-29")!)?.isParty == true)
        #expect(index.status(of: "FRA", treaty: "illicit-traffic-1988", asOf: ISODate("2010-06-30")!) == .denounced(on: ISODate("2010-06-30")!))
    }
}
