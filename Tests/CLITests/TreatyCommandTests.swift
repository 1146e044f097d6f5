import Foundation
import Testing

/// Treaty commands end to end: shipped status data, UNTC imports in the layouts users copy, the audit.
@Suite struct TreatyCommandTests {
    @Test func aNewLedgerCarriesTheShippedStatusAndTheAuditSaysHowOldItIs() throws {
        let cli = try CommandLineTool(statusData: true)
        let audit = try cli.json("report", "treaties", "--as-of", "2014-12-31", "--format", "json") as! [String: Any]
        let treaties = audit["treaties"] as! [[String: Any]]
        let vi19 = try #require(treaties.first { $0["id"] as? String == "illicit-traffic-1988" })
        #expect(vi19["untc"] as? String == "VI-19")
        #expect(vi19["parties"] as? Int == 189)
        #expect(vi19["member_state_parties"] as? Int == 185)
        #expect(vi19["signatories"] as? Int == 0)
        #expect((vi19["member_states_not_party"] as? [String])?.count == 8)
        #expect(vi19["status_as_at"] as? String == "2014-07-10")
        let npt = try #require(treaties.first { $0["id"] as? String == "npt-1968" })
        #expect(npt["has_data"] as? Bool == false)
        #expect((npt["member_states_not_party"] as? [String])?.isEmpty == true)  // unknown, never "not party"
        #expect((audit["notes"] as? [String])?.contains { $0.contains("Status tables are as at 2014-01-27 to 2015-03-14") } == true)
        let gaps = audit["gaps"] as! [[String: Any]]
        let fraArt7a = try #require(gaps.first { $0["state"] as? String == "FRA" && $0["obligation"] as? String == "art7a.wmd-treaties" })
        #expect(fraArt7a["status"] as? String == "not_reported")
        #expect(fraArt7a["basis"] as? String == "rests on 0 of 3 required treaties (3 without status data)")

        let before = try cli.json("report", "treaties", "--treaty", "VI-19", "--as-of", "1990-11-10", "--format", "json") as! [String: Any]
        let early = (before["treaties"] as! [[String: Any]])[0]
        #expect(early["parties"] as? Int ?? 0 < 189)
        let timeline = before["timeline"] as! [[String: Any]]
        #expect(timeline.first?["year"] as? Int == 1988)

        let list = try cli.json("treaties", "list", "--format", "json") as! [[String: Any]]
        #expect(list.count == 26)
        #expect(Set(["id", "untc", "title", "adopted", "obligations"]).isSubset(of: Set(list[0].keys)))

        let csv = try cli.run("report", "treaties", "--treaty", "VI-19", "--format", "csv")
        let lines = csv.stdout.split(separator: "\n")
        #expect(lines.first == "state,member,treaty,untc,status,since,as_of,status_as_at")
        #expect(lines.count == 1 + 198)
        #expect(lines.contains { $0.hasPrefix("ALB,true,illicit-traffic-1988,VI-19,party,2001-06-27,") })
        let md = try cli.run("report", "treaties", "--format", "md")
        #expect(md.stdout.contains("| treaty | UNTC | status as at |"))
        #expect(try cli.run("verify").status == 0)
    }

    @Test func aTableCopiedAsSpacedColumnsOrOneCellPerLineImports() throws {
        let cli = try CommandLineTool(statusData: false)
        let spaced = try cli.file("hostages.txt", """
            STATUS AS AT : 02-05-2024 10:00:00 EDT
            Signatories : 2. Parties : 3
            Participant                      Signature       Ratification, Accession(a), Succession(d)
            Afghanistan                                      24 Sep 2003 a
            Albania                                          22 Jan 2002 a
            Bolivia (Plurinational State of)7 25 Mar 1980     7 Jan 2002
            Chile                             3 Jan 1980

            """)
        let imported = try cli.run("import", "untc", "--treaty", "XVIII-5", spaced)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("(status as at 2024-05-02): 4 rows. Recorded 5 new treaty actions"))
        let again = try cli.run("import", "untc", "--treaty", "hostages-1979", spaced)
        #expect(again.stdout.contains("Recorded 0 new treaty actions; 5 already in the ledger"))

        let perLine = try cli.file("bombings.txt", """
            Participant
            Signature
            Ratification, Accession(a), Succession(d)
            Algeria
            17 Dec 1998
            8 Nov 2001
            Andorra
            23 Sep 2004 a

            """)
        let second = try cli.run("import", "untc", "--treaty", "XVIII-9", perLine, "--as-at", "2024-05-02")
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stdout.contains("Recorded 3 new treaty actions"))
        let audit = try cli.json("report", "treaties", "--treaty", "XVIII-9", "--format", "json") as! [String: Any]
        let row = (audit["treaties"] as! [[String: Any]])[0]
        #expect(row["parties"] as? Int == 2)
        #expect(row["status_as_at"] as? String == "2024-05-02")
    }

    @Test func badTreatyInputIsNamedAndWritesNothing() throws {
        let cli = try CommandLineTool(statusData: false)
        let table = try cli.file("bad.txt", "Participant\tSignature\tRatification, Accession(a), Succession(d)\nFrance\t\t31 Feb 1990 a\nNarnia\t\t1 Jan 1990 a\n")
        let result = try cli.run("import", "untc", "--treaty", "VI-19", table)
        #expect(result.status == 1)
        #expect(result.stderr.contains("31 Feb 1990"))
        let names = try cli.file("names.txt", "Participant\tSignature\tRatification, Accession(a), Succession(d)\nFrance\t\t1 Jan 1990 a\nGermny\t\t1 Jan 1990 a\n")
        let unknown = try cli.run("import", "untc", "--treaty", "VI-19", names)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("line 3: field 'participant' value 'Germny'"))
        #expect(unknown.stderr.contains("did you mean Germany"))
        let wrongTreaty = try cli.run("import", "untc", "--treaty", "VI-91", names)
        #expect(wrongTreaty.status == 1)
        #expect(wrongTreaty.stderr.contains("did you mean VI-19"))
        let early = try cli.run("treaties", "record", "--state", "FRA", "--treaty", "VI-19", "--action", "signature", "--date", "1980-01-01")
        #expect(early.status == 1)
        #expect(early.stderr.contains("is before 1988 Convention was adopted (1988-12-20)"))
        let audit = try cli.json("report", "treaties", "--treaty", "VI-19", "--format", "json") as! [String: Any]
        #expect((audit["treaties"] as! [[String: Any]])[0]["has_data"] as? Bool == false)
    }
}
