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
        // The 2018 XML file of VI-19 carries only its header counts: shown beside the rows' count.
        let published = try #require(vi19["published"] as? [String: Any])
        #expect(published["parties"] as? Int == 190)
        #expect(published["as_at"] as? String == "2018-01-15")
        #expect(published["header_only"] as? Bool == true)
        #expect(vi19["parties_at_status_date"] as? Int == 189)
        let tokyo = try #require(treaties.first { $0["id"] as? String == "aircraft-offences-tokyo-1963" })
        #expect(tokyo["has_data"] as? Bool == false)
        #expect((tokyo["member_states_not_party"] as? [String])?.isEmpty == true)  // unknown, never "not party"
        #expect((audit["notes"] as? [String])?.contains { $0.contains("Status tables are as at 2014-01-27 to 2026-08-22") } == true)
        let gaps = audit["gaps"] as! [[String: Any]]
        // The NPT and BWC (UNODA) and the CWC (UNTC page) give Article 7(a) real statuses.
        let fraArt7a = try #require(gaps.first { $0["state"] as? String == "FRA" && $0["obligation"] as? String == "art7a.wmd-treaties" })
        #expect(fraArt7a["status"] as? String == "implemented")
        #expect(fraArt7a["basis"] as? String == "rests on all 3 required treaties")

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
        #expect(lines.first == "state,member,treaty,untc,status,since,as_of,status_as_at,stale_data,status_source,catalogue")
        #expect(lines.count == 1 + 198)
        #expect(lines.contains { $0.hasPrefix("ALB,true,illicit-traffic-1988,VI-19,party,2001-06-27,") })
        let md = try cli.run("report", "treaties", "--format", "md")
        #expect(md.stdout.contains("| treaty | UNTC | status as at |"))
        #expect(try cli.run("verify").status == 0)
    }

    @Test func aNewLedgerSpeaksAboutThePresentAndSaysHowOldEachTreatysDataIs() throws {
        let cli = try CommandLineTool(statusData: true)
        let audit = try cli.json("report", "treaties", "--as-of", "2026-11-29", "--format", "json") as! [String: Any]
        let rows = Dictionary(uniqueKeysWithValues: (audit["treaties"] as! [[String: Any]]).map { ($0["id"] as! String, $0) })
        #expect(audit["stale_data_years"] as? Int == 5)
        let cwc = try #require(rows["cwc-1993"])
        #expect(cwc["parties"] as? Int == 193)
        #expect(cwc["status_as_at"] as? String == "2026-02-03")
        #expect(cwc["status_form"] as? String == "saved page (HTML)")
        #expect(cwc["stale"] as? Bool == false)
        let npt = try #require(rows["npt-1968"])
        #expect(npt["parties"] as? Int == 191)
        #expect(npt["status_as_at"] as? String == "2026-08-22")
        #expect((npt["status_source"] as? String)?.contains("UNODA") == true)
        #expect((npt["caveats"] as? [String])?.contains { $0.contains("no NPT withdrawal") && $0.contains("Korea") } == true)
        #expect(rows["bwc-1972"]?["parties"] as? Int == 189)
        #expect(rows["bwc-1972"]?["status_as_at"] as? String == "2026-08-22")
        let hostages = try #require(rows["hostages-1979"])
        #expect(hostages["status_as_at"] as? String == "2018-01-15")
        #expect(hostages["stale"] as? Bool == true)
        #expect(hostages["parties"] as? Int ?? 0 >= 176)
        // The five header-only files: their published counts, dated, beside what the rows show.
        let headerOnly = ["illicit-traffic-1988": 190, "terrorist-bombings-1997": 170, "terrorism-financing-1999": 188, "untoc-2000": 189, "uncac-2003": 183]
        for (id, count) in headerOnly {
            let published = try #require(rows[id]?["published"] as? [String: Any], "\(id)")
            #expect(published["parties"] as? Int == count, "\(id)")
            #expect(published["as_at"] as? String == "2018-01-15", "\(id)")
            #expect(published["header_only"] as? Bool == true, "\(id)")
        }
        let notes = audit["notes"] as! [String]
        #expect(notes.contains("UNTOC 2000: 189 parties published as at 2018-01-15 (untc-xml-2018/XVIII-12.en.xml); the table here, as at 2014-01-27, shows 179."))
        #expect(notes.contains { $0.hasPrefix("Stale data (older than 5 years on 2026-11-29):") && $0.contains("Hostages 1979 (as at 2018-01-15)") && !$0.contains("CWC") })
        #expect(notes.contains { $0.hasPrefix("NPT 1968:") && $0.contains("Democratic People's Republic of Korea") })
        // The timeline stops at each treaty's as-at date.
        let timeline = audit["timeline"] as! [[String: Any]]
        #expect(timeline.filter { $0["treaty"] as? String == "hostages-1979" }.compactMap { $0["year"] as? Int }.max() == 2018)
        #expect(timeline.filter { $0["treaty"] as? String == "cwc-1993" }.compactMap { $0["year"] as? Int }.max() == 2026)

        let summary = try cli.json("report", "summary", "--as-of", "2026-11-29", "--format", "json") as! [String: Any]
        let summaryNotes = try #require(summary["notes"] as? [String])
        #expect(summaryNotes.contains { $0.hasPrefix("Stale treaty data (older than 5 years on 2026-11-29):") && $0.contains("1988 Convention (as at 2014-07-10)") && !$0.contains("NPT") })
        let text = try cli.run("report", "treaties", "--as-of", "2026-11-29")
        #expect(text.stdout.contains("2018-01-15 (stale)"))
        let sources = try cli.json("treaties", "sources", "--format", "json") as! [String: Any]
        let items = Dictionary(uniqueKeysWithValues: (sources["treaties"] as! [[String: Any]]).map { ($0["id"] as! String, $0) })
        #expect(items["hostages-1979"]?["update_from"] as? String == "https://treaties.un.org/doc/Publication/MTDSG/Volume%20I/Chapter%20XVIII/XVIII-5.en.xml")
        let tables = try #require(items["hostages-1979"]?["tables"] as? [[String: Any]])
        #expect(tables.map { $0["form"] as? String } == ["text", "xml"])
        #expect(tables.map { $0["as_at"] as? String } == ["2014-03-19", "2018-01-15"])
        #expect(tables.allSatisfy { ($0["sha256"] as? String)?.count == 64 && ($0["source"] as? String)?.isEmpty == false })
        #expect((items["plastic-explosives-1991"]?["update_from"] as? String)?.contains("International Civil Aviation Organization") == true)
        let quality = try cli.json("report", "quality", "--as-of", "2026-11-29", "--format", "json") as! [String: Any]
        let flags = quality["flags"] as! [[String: Any]]
        #expect(flags.contains { $0["kind"] as? String == "stale_treaty_data" && $0["obligation"] as? String == "art6.drug-conventions" })
        #expect(!flags.contains { $0["kind"] as? String == "stale_treaty_data" && $0["obligation"] as? String == "art7a.wmd-treaties" })
        #expect(try cli.run("verify").status == 0)
    }

    @Test func anXMLFileImportsWithoutTreatyAndACutShortOneIsRefused() throws {
        let cli = try CommandLineTool(statusData: false)
        let xml = try cli.file("XVIII-5.en.xml", """
            <?xml version="1.0" encoding="iso-8859-1"?>
            <Document><Treaty><Header><Chapter><Header>CHAPTER XVIII</Header></Chapter><ExternalData><Numsect>5</Numsect>
            <Status><Signatories>0</Signatories><Parties>1</Parties></Status></ExternalData></Header>
            <Participants><Table><TGroup cols="3"><Thead><Row><Entry>Participant&lt;superscript&gt;1&lt;/superscript&gt;</Entry><Entry>Signature</Entry><Entry>Accession(a), Succession(d), Ratification</Entry></Row></Thead>
            <Tbody><Rows><Row><Entry>Afghanistan</Entry><Entry /><Entry>24 Sep 2003 a</Entry></Row></Rows></Tbody>
            </TGroup></Table></Participants></Treaty></Document>
            """)
        let imported = try cli.run("import", "untc", xml, "--as-at", "2026-11-29")
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("(status as at 2026-11-29): 1 rows. Recorded 1 new treaty action"))
        #expect(imported.stderr.isEmpty, "\(imported.stderr)")
        let truncated = try cli.file("cut.xml", "<?xml version=\"1.0\"?>\n<Document><Treaty><Header><ExternalData><Numsect>5</Numsect>")
        let refused = try cli.run("import", "untc", "--treaty", "XVIII-5", truncated, "--as-at", "2026-11-29")
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("cut short"))
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
        #expect(result.status == 2)
        #expect(result.stderr.contains("31 Feb 1990"))
        let names = try cli.file("names.txt", "Participant\tSignature\tRatification, Accession(a), Succession(d)\nFrance\t\t1 Jan 1990 a\nGermny\t\t1 Jan 1990 a\n")
        let unknown = try cli.run("import", "untc", "--treaty", "VI-19", names)
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("line 3: field 'participant' value 'Germny'"))
        #expect(unknown.stderr.contains("did you mean Germany"))
        let wrongTreaty = try cli.run("import", "untc", "--treaty", "VI-91", names)
        #expect(wrongTreaty.status == 2)
        #expect(wrongTreaty.stderr.contains("did you mean VI-19"))
        let early = try cli.run("treaties", "record", "--state", "FRA", "--treaty", "VI-19", "--action", "signature", "--date", "1980-01-01")
        #expect(early.status == 2)
        #expect(early.stderr.contains("is before 1988 Convention was adopted (1988-12-20)"))
        let audit = try cli.json("report", "treaties", "--treaty", "VI-19", "--format", "json") as! [String: Any]
        #expect((audit["treaties"] as! [[String: Any]])[0]["has_data"] as? Bool == false)
    }
}

/// A dated list names no source of its own: the ledger records what it knows (the file), and the advice
/// to name one goes to the person at the terminal, never into the record.
@Suite struct DatedListSourceTests {
    /// The first two rows of UNODA's NPT list (Fixtures/unoda/npt.csv).
    static let list = "participant,signature,consent_action,consent_date\nAfghanistan,1968-07-01,ratification,1970-02-05\nAlbania,,accession,1990-09-12\n"

    @Test func anUnsourcedListIsRecordedAsTheFileAndThePersonIsToldToNameASource() throws {
        let cli = try CommandLineTool()
        let path = try cli.file("npt-two.csv", Self.list)
        let imported = try cli.run("import", "untc", "--treaty", "npt-1968", "--as-at", "2026-08-22", path)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stderr.contains("names only the file; next time pass --source"))
        let csv = try cli.run("report", "treaties", "--treaty", "npt-1968", "--format", "csv").stdout
        let afghanistan = try #require(csv.split(separator: "\n").first { $0.hasPrefix("AFG,") })
        #expect(afghanistan.contains("Dated list of consents to"))
        #expect(afghanistan.contains("(npt-two.csv)"))
        #expect(!csv.contains("--source"), "CLI advice is not a source")
    }

    @Test func aNamedSourceIsRecordedAndNoAdviceGiven() throws {
        let cli = try CommandLineTool()
        let path = try cli.file("npt-two.csv", Self.list)
        let imported = try cli.run("import", "untc", "--treaty", "npt-1968", "--as-at", "2026-08-22", "--source", "UNODA Treaties Database, NPT, saved 2026-08-22", path)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(!imported.stderr.contains("--source"))
        let csv = try cli.run("report", "treaties", "--treaty", "npt-1968", "--format", "csv").stdout
        #expect(csv.split(separator: "\n").first { $0.hasPrefix("AFG,") }?.contains("UNODA Treaties Database, NPT, saved 2026-08-22") == true)
    }
}
