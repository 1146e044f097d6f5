import Foundation
import LedgerModel
import Testing

/// Reading UNTC status tables in the layouts users copy them in.
@Suite struct UNTCTableTests {
    // MARK: The real tables of /work/shared/data/untc

    /// `../shared/data/untc` relative to the repository root, which is two folders above this file's folder.
    static let sharedFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/data/untc")
    static let sharedFolderExists = FileManager.default.fileExists(atPath: sharedFolder.path)

    static func shared(_ name: String) throws -> (text: String, table: UNTCTable) {
        let text = try String(contentsOf: sharedFolder.appendingPathComponent(name + ".csv"), encoding: .utf8)
        return (text, try UNTCTable.parse(text))
    }

    static func row(_ table: UNTCTable, _ participant: String) throws -> UNTCTable.Row {
        try #require(table.rows.first { $0.participant == participant }, "no row for \(participant)")
    }

    @Test(.enabled(if: sharedFolderExists, "the shared data folder ../shared/data/untc is absent next to the repository"))
    func everySharedTableParsesWithOneRowPerLineAfterTheHeader() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.sharedFolder.path)
            .filter { $0.hasSuffix(".csv") }.sorted()
        #expect(names.count >= 15)
        for name in names {
            let (text, table) = try Self.shared(String(name.dropLast(4)))
            let lineCount = text.split(separator: "\n", omittingEmptySubsequences: false).count - (text.hasSuffix("\n") ? 1 : 0)
            #expect(table.rows.count == lineCount - 1, "\(name)")
            #expect(table.rows.first?.line == 2, "\(name)")
            #expect(table.statusAsAt == nil && table.declaredParties == nil, "\(name)")
            for row in table.rows {
                #expect(!row.actions.isEmpty, "\(name) \(row.participant) has no action")
                #expect(row.actions.filter { $0.kind == .signature }.count <= 1, "\(name) \(row.participant)")
                #expect(row.actions.filter(\.kind.isConsent).count <= 2, "\(name) \(row.participant)")
            }
        }
    }

    @Test(.enabled(if: sharedFolderExists, "the shared data folder ../shared/data/untc is absent next to the repository"))
    func vi19AlbaniaAccededWithoutSigningAndAfghanistanSignedThenRatified() throws {
        let table = try Self.shared("VI-19").table
        #expect(try Self.row(table, "Albania").actions == [action(.accession, "2001-06-27", "27 Jun 2001 a")])
        #expect(
            try Self.row(table, "Afghanistan").actions == [
                action(.signature, "1988-12-20", "20 Dec 1988"), action(.ratification, "1992-02-14", "14 Feb 1992"),
            ])
    }

    @Test(.enabled(if: sharedFolderExists, "the shared data folder ../shared/data/untc is absent next to the repository"))
    func vi19ApprovalAcceptanceAndFormalConfirmationLettersGiveTheirKinds() throws {
        let table = try Self.shared("VI-19").table
        #expect(try Self.row(table, "France").actions.last == action(.approval, "1990-12-31", "31 Dec 1990 AA"))
        #expect(try Self.row(table, "Finland").actions.last == action(.acceptance, "1994-02-15", "15 Feb 1994 A"))
        // The European Union's consent to VI-19 is a formal confirmation (`c`); its `AA` approvals are in XVIII-12 and others.
        #expect(try Self.row(table, "European Union").actions.map(\.kind) == [.signature, .formalConfirmation])
        #expect(try Self.row(Self.shared("XVIII-12").table, "European Union").actions.last?.kind == .approval)
    }

    @Test(.enabled(if: sharedFolderExists, "the shared data folder ../shared/data/untc is absent next to the repository"))
    func xviii15MontenegroSucceededToTheSignatureAndIsNoParty() throws {
        let montenegro = try Self.row(Self.shared("XVIII-15").table, "Montenegro")
        #expect(montenegro.actions == [action(.signature, "2006-10-23", "23 Oct 2006 d")])
        #expect(!montenegro.actions.contains { $0.kind.isConsent })
        #expect(try Self.row(Self.shared("VI-19").table, "Montenegro").actions == [action(.succession, "2006-10-23", "23 Oct 2006 d")])
    }

    @Test(.enabled(if: sharedFolderExists, "the shared data folder ../shared/data/untc is absent next to the repository"))
    func vi18HasNoSignatureColumnSoAPlainDateInItsFirstColumnIsARatification() throws {
        let table = try Self.shared("VI-18").table
        #expect(try Self.row(table, "Afghanistan").actions == [action(.ratification, "2015-02-19", "19 Feb 2015")])
        #expect(try Self.row(table, "Albania").actions == [action(.accession, "2001-08-14", "14 Aug 2001 a")])
        #expect(!table.rows.contains { $0.actions.contains { $0.kind == .signature } })
    }

    // MARK: One table in every layout

    static let headerBlock = """
        STATUS AS AT : 23-04-2024 09:15:05 EDT
        CHAPTER VI
        NARCOTIC DRUGS AND PSYCHOTROPIC SUBSTANCES
        19. United Nations Convention against Illicit Traffic in Narcotic Drugs and Psychotropic Substances
        Vienna, 20 December 1988
        Entry into force: 11 November 1990, in accordance with article 29(1).
        Registration: 11 November 1990, No. 27627
        Signatories : 54. Parties : 126
        Text: United Nations, Treaty Series, vol. 1582, p. 95.

        """

    static let actionHeader = "Ratification, Accession(a), Acceptance(A), Approval(AA), Formal confirmation(c), Succession(d)"

    static let layouts: [String: String] = [
        "csv": """
        Participant,Signature,"\(actionHeader)"
        Afghanistan,20 Dec 1988,14 Feb 1992
        Antigua and Barbuda,, 5 Apr 1993 a
        Bolivia (Plurinational State of)7,20 Dec 1988,20 Aug 1990
        "China 3, 4",20 Dec 1988,25 Oct 1989
        European Union,8 Jun 1989,31 Dec 1990 c
        France,13 Feb 1989,31 Dec 1990 AA
        """,
        "tabs": """
        Participant\tSignature\t\(actionHeader)
        Afghanistan\t20 Dec 1988\t14 Feb 1992
        Antigua and Barbuda\t\t 5 Apr 1993 a
        Bolivia (Plurinational State of)7\t20 Dec 1988\t20 Aug 1990
        China 3, 4\t20 Dec 1988\t25 Oct 1989
        European Union\t 8 Jun 1989\t31 Dec 1990 c
        France\t13 Feb 1989\t31 Dec 1990 AA
        """,
        "aligned spaces": """
        Participant                         Signature     \(actionHeader)
        Afghanistan                         20 Dec 1988   14 Feb 1992
        Antigua and Barbuda                                5 Apr 1993 a
        Bolivia (Plurinational State of)7   20 Dec 1988   20 Aug 1990
        China 3, 4                          20 Dec 1988   25 Oct 1989
        European Union                       8 Jun 1989   31 Dec 1990 c
        France                              13 Feb 1989   31 Dec 1990 AA
        """,
        "unaligned spaces": """
        Participant  Signature  \(actionHeader)
        Afghanistan  20 Dec 1988  14 Feb 1992
        Antigua and Barbuda   5 Apr 1993 a
        Bolivia (Plurinational State of)7  20 Dec 1988  20 Aug 1990
        China 3, 4  20 Dec 1988  25 Oct 1989

        European Union   8 Jun 1989  31 Dec 1990 c
        France  13 Feb 1989  31 Dec 1990 AA
        """,
        "cell per line with empty lines": """
        Participant
        Signature
        \(actionHeader)
        Afghanistan
        20 Dec 1988
        14 Feb 1992
        Antigua and Barbuda

         5 Apr 1993 a
        Bolivia (Plurinational State of)7
        20 Dec 1988
        20 Aug 1990
        China 3, 4
        20 Dec 1988
        25 Oct 1989
        European Union
         8 Jun 1989
        31 Dec 1990 c
        France
        13 Feb 1989
        31 Dec 1990 AA
        """,
        "cell per line without empty cells": """
        Participant
        Signature
        \(actionHeader)

        Afghanistan
        20 Dec 1988
        14 Feb 1992

        Antigua and Barbuda
         5 Apr 1993 a

        Bolivia (Plurinational State of)7
        20 Dec 1988
        20 Aug 1990

        China 3, 4
        20 Dec 1988
        25 Oct 1989

        European Union
         8 Jun 1989
        31 Dec 1990 c

        France
        13 Feb 1989
        31 Dec 1990 AA

        """,
    ]

    static let sampleRows: [(String, [UNTCTable.Action])] = [
        ("Afghanistan", [action(.signature, "1988-12-20", "20 Dec 1988"), action(.ratification, "1992-02-14", "14 Feb 1992")]),
        ("Antigua and Barbuda", [action(.accession, "1993-04-05", "5 Apr 1993 a")]),
        (
            "Bolivia (Plurinational State of)",
            [action(.signature, "1988-12-20", "20 Dec 1988"), action(.ratification, "1990-08-20", "20 Aug 1990")]
        ),
        ("China", [action(.signature, "1988-12-20", "20 Dec 1988"), action(.ratification, "1989-10-25", "25 Oct 1989")]),
        ("European Union", [action(.signature, "1989-06-08", "8 Jun 1989"), action(.formalConfirmation, "1990-12-31", "31 Dec 1990 c")]),
        ("France", [action(.signature, "1989-02-13", "13 Feb 1989"), action(.approval, "1990-12-31", "31 Dec 1990 AA")]),
    ]

    @Test(arguments: layouts.keys.sorted())
    func theSampleTableReadsTheSameInEveryLayout(_ layout: String) throws {
        let table = try UNTCTable.parse(Self.headerBlock + Self.layouts[layout]!)
        #expect(table.statusAsAt == ISODate("2024-04-23"))
        #expect(table.declaredSignatories == 54)
        #expect(table.declaredParties == 126)
        #expect(table.rows.map(\.participant) == Self.sampleRows.map(\.0))
        #expect(table.rows.map(\.actions) == Self.sampleRows.map(\.1))
    }

    @Test func allLayoutsGiveEqualRowsApartFromLineNumbers() throws {
        let parsed = try Self.layouts.values.map { try UNTCTable.parse(Self.headerBlock + $0) }
        let first = try #require(parsed.first)
        for table in parsed.dropFirst() {
            #expect(table.rows.map(\.participant) == first.rows.map(\.participant))
            #expect(table.rows.map(\.actions) == first.rows.map(\.actions))
        }
    }

    @Test func rowLinesPointAtTheLineOfTheParticipantsName() throws {
        let block = Self.headerBlock.split(separator: "\n", omittingEmptySubsequences: false).count - 1
        let csv = try UNTCTable.parse(Self.headerBlock + Self.layouts["csv"]!)
        #expect(csv.rows.map(\.line) == Array((block + 2)...(block + 7)))
        let stacked = try UNTCTable.parse(Self.headerBlock + Self.layouts["cell per line with empty lines"]!)
        #expect(stacked.rows.map(\.line) == [4, 7, 10, 13, 16, 19].map { block + $0 })
    }

    // MARK: Names, header block, columns

    @Test func footnoteMarksAfterANameAreRemovedAndCommasInQuotedNamesKept() throws {
        let table = try UNTCTable.parse(
            """
            Participant,Signature,"Ratification, Accession(a), Succession(d)"
            "China 3, 4",20 Dec 1988,25 Oct 1989
            "Korea, Republic of",,28 Dec 1998
            Serbia12,,12 Mar 2001 d
            Türkiye ²,20 Dec 1988,2 Apr 1996
            """)
        #expect(table.rows.map(\.participant) == ["China", "Korea, Republic of", "Serbia", "Türkiye"])
    }

    @Test func aQuotedCSVCellMaySpanLinesAndOneLeftOpenIsNamedOnlyInsideTheTable() throws {
        let spanning = try UNTCTable.parse(
            "Participant,Signature,Ratification\n\"Korea,\nRepublic of\",,28 Dec 1998\nAlgeria,  \"20 Dec 1988\",9 May 1995\n")
        #expect(spanning.rows.map(\.participant) == ["Korea,\nRepublic of", "Algeria"])
        #expect(spanning.rows.map(\.line) == [2, 4])
        #expect(spanning.rows[1].actions.map(\.cell) == ["20 Dec 1988", "9 May 1995"])
        #expect(throws: UNTCParseError.badRow(line: 3, value: "Algeria,\"20 Dec 1988,9 May 1995", reason: "a quoted cell opened on this line is never closed")) {
            try UNTCTable.parse("Participant,Signature,Ratification\nAndorra,,23 Jul 1999 a\nAlgeria,\"20 Dec 1988,9 May 1995\n")
        }
        // Lines after the end of the table are never read, quotes and all.
        let footnoted = try UNTCTable.parse("Participant,Signature,Ratification\nAndorra,,23 Jul 1999 a\nDeclarations:\n\"Upon signature,\n")
        #expect(footnoted.rows.map(\.participant) == ["Andorra"])
    }

    @Test func tabCopiesKeepFootnotedNamesWhole() throws {
        let table = try UNTCTable.parse("Participant\tSignature\tRatification\nChina 3, 4\t20 Dec 1988\t25 Oct 1989\n")
        #expect(table.rows.map(\.participant) == ["China"])
    }

    @Test func theHeaderBlockIsOptionalAndMayGiveTheCountsOnAStatusLine() throws {
        let bare = try UNTCTable.parse("Participant,Signature,Ratification\nAlbania,,27 Jun 2001 a\n")
        #expect(bare.statusAsAt == nil && bare.declaredSignatories == nil && bare.declaredParties == nil)
        let status = try UNTCTable.parse(
            "Status as at: 1-2-2015\nStatus: Signatories : 87. Parties : 191.\nParticipant,Signature,Ratification\n")
        #expect(status.statusAsAt == ISODate("2015-02-01"))
        #expect(status.declaredSignatories == 87 && status.declaredParties == 191)
        #expect(status.rows.isEmpty)
    }

    @Test func aColumnIsTheSignatureColumnOnlyWhenItsHeaderStartsWithSignature() throws {
        let table = try UNTCTable.parse(
            """
            Participant,"Participation in the Convention by virtue of ratification, accession or succession to the Protocol of 25 March 1972 or to the 1961 Convention after the entry into force of the Protocol","Accession(a), Succession(d), Ratification"
            Afghanistan,19 Feb 2015,
            Albania,,14 Aug 2001 a
            Bosnia and Herzegovina,,3 Sep 1993 d
            """)
        #expect(
            table.rows.map(\.actions) == [
                [action(.ratification, "2015-02-19", "19 Feb 2015")], [action(.accession, "2001-08-14", "14 Aug 2001 a")],
                [action(.succession, "1993-09-03", "3 Sep 1993 d")],
            ])
    }

    @Test func aSuccessionToSignatureIsASignatureWhenItsColumnIsKnown() throws {
        let header = "Participant\tSignature, Succession to signature(d)\tApproval(AA), Acceptance(A), Accession(a), Ratification"
        let table = try UNTCTable.parse(header + "\nMontenegro\t23 Oct 2006 d\t\nAlbania\t23 Nov 2005\t\n")
        #expect(
            table.rows.map(\.actions) == [
                [action(.signature, "2006-10-23", "23 Oct 2006 d")], [action(.signature, "2005-11-23", "23 Nov 2005")],
            ])
    }

    @Test func definitiveSignatureAndAcceptanceLettersAreActions() throws {
        let table = try UNTCTable.parse(
            "Participant\tSignature\tDefinitive signature(s), Ratification, Acceptance(A)\nHoly See\t\t7 Jan 1976 s\nJapan\t\t31 Aug 1990 A\n"
        )
        #expect(table.rows.map { $0.actions.map(\.kind) } == [[.definitiveSignature], [.acceptance]])
    }

    // MARK: Deciding the column by content or position

    @Test func withoutPositionsALonePlainDateIsASignatureAndALetteredOneAnAction() throws {
        let table = try UNTCTable.parse(
            """
            Participant
            Signature
            Ratification, Accession(a), Succession(d)
            Bhutan
            Albania
            27 Jun 2001 a
            Holy See
            20 Dec 1988
            Afghanistan
            20 Dec 1988
            14 Feb 1992
            Montenegro
            23 Oct 2006 d
            """)
        #expect(
            table.rows.map(\.actions) == [
                [], [action(.accession, "2001-06-27", "27 Jun 2001 a")], [action(.signature, "1988-12-20", "20 Dec 1988")],
                [action(.signature, "1988-12-20", "20 Dec 1988"), action(.ratification, "1992-02-14", "14 Feb 1992")],
                [action(.succession, "2006-10-23", "23 Oct 2006 d")],
            ])
    }

    @Test func alignedSpaceSeparatedTextIsReadByColumnPosition() throws {
        let table = try UNTCTable.parse(
            """
            Participant         Signature, Succession to signature(d)   Approval(AA), Acceptance(A), Accession(a), Ratification
            Montenegro          23 Oct 2006 d
            Morocco                                                     31 Mar 2010
            Albania             23 Nov 2005
            Afghanistan         29 Dec 2005                             25 Mar 2013
            """)
        #expect(
            table.rows.map(\.actions) == [
                [action(.signature, "2006-10-23", "23 Oct 2006 d")], [action(.ratification, "2010-03-31", "31 Mar 2010")],
                [action(.signature, "2005-11-23", "23 Nov 2005")],
                [action(.signature, "2005-12-29", "29 Dec 2005"), action(.ratification, "2013-03-25", "25 Mar 2013")],
            ])
    }

    @Test func aFullRowOutOfLineWithTheHeaderMakesTheTableGoByContent() throws {
        let table = try UNTCTable.parse(
            """
            Participant         Signature      Ratification, Accession(a), Succession(d)
            Morocco                            31 Mar 2010
            Afghanistan    29 Dec 2005    25 Mar 2013
            """)
        #expect(table.rows.map { $0.actions.map(\.kind) } == [[.signature], [.signature, .ratification]])
    }

    @Test func cellPerLineEmptyLinesStandForEmptyCellsWhenTheyFillTheColumns() throws {
        let table = try UNTCTable.parse(
            """
            Participant
            Signature, Succession to signature(d)
            Approval(AA), Acceptance(A), Accession(a), Ratification
            Montenegro
            23 Oct 2006 d

            Morocco

            31 Mar 2010
            Andorra
            """)
        #expect(
            table.rows.map(\.actions) == [
                [action(.signature, "2006-10-23", "23 Oct 2006 d")], [action(.ratification, "2010-03-31", "31 Mar 2010")], [],
            ])
    }

    @Test func footnoteNumbersAfterADateStayInTheCellOnly() throws {
        let table = try UNTCTable.parse(
            "Participant\tSignature\tRatification, Accession(a)\nAlbania\t\t27 Jun 2001 a 5\nChad\t\t9 Jun 1995 3, 4\n")
        #expect(
            table.rows.map(\.actions) == [
                [action(.accession, "2001-06-27", "27 Jun 2001 a 5")], [action(.ratification, "1995-06-09", "9 Jun 1995 3, 4")],
            ])
        let spaced = try UNTCTable.parse(
            "Participant   Signature   Ratification, Accession(a)\nAlbania   27 Jun 2001 a 5   \nAndorra  20 Dec 1988 5 Apr 1993\n")
        #expect(
            spaced.rows.map { $0.actions.map(\.date) } == [[ISODate("2001-06-27")!], [ISODate("1988-12-20")!, ISODate("1993-04-05")!]])
    }

    @Test func fullMonthNamesAndCRLFLineEndsAreAccepted() throws {
        let table = try UNTCTable.parse(
            "Participant,Signature,Ratification\r\nAlgeria,20 December 1988,9 May 1995\r\nAndorra,,23 July 1999 a\r\n")
        #expect(
            table.rows.map(\.actions) == [
                [action(.signature, "1988-12-20", "20 December 1988"), action(.ratification, "1995-05-09", "9 May 1995")],
                [action(.accession, "1999-07-23", "23 July 1999 a")],
            ])
        #expect(table.rows.map(\.line) == [2, 3])
    }

    @Test func participantsListedWithoutDatesAreKept() throws {
        let table = try UNTCTable.parse("Participant,Signature,Ratification\nBhutan,,\nAlbania,,27 Jun 2001 a\n\nTuvalu,,\n")
        #expect(table.rows.map(\.participant) == ["Bhutan", "Albania", "Tuvalu"])
        #expect(table.rows.map(\.actions.count) == [0, 1, 0])
    }

    // MARK: Where the table ends

    @Test func theTableEndsAtTheDeclarationsHeadingOrAFootnote() throws {
        let headings = try UNTCTable.parse(
            """
            Participant\tSignature\tRatification, Accession(a), Succession(d)
            Afghanistan\t20 Dec 1988\t14 Feb 1992
            Albania\t\t27 Jun 2001 a

            Declarations and Reservations
            (Unless otherwise indicated, the declarations and reservations were made upon ratification.)
            Afghanistan
            The Government of Afghanistan does not consider itself bound by article 32, 12 Dec 1992.
            """)
        #expect(headings.rows.map(\.participant) == ["Afghanistan", "Albania"])
        let footnotes = try UNTCTable.parse(
            """
            Participant                         Signature     Ratification, Accession(a), Succession(d)
            -----------                         ---------     -----------------------------------------
            China 3, 4                          20 Dec 1988   25 Oct 1989

            1 Signed on behalf of the Republic of China on 20 Dec 1988.
            Bhutan
            """)
        #expect(footnotes.rows.map(\.participant) == ["China"])
        let notes = try UNTCTable.parse("Participant\nSignature\nRatification\nChina\n20 Dec 1988\nNotes:\nBhutan\n")
        #expect(notes.rows.map(\.participant) == ["China"])
    }

    // MARK: Errors

    @Test func anImpossibleDateNamesTheLineColumnAndValue() throws {
        let error = #expect(throws: UNTCParseError.self) {
            try UNTCTable.parse(
                "STATUS AS AT : 23-04-2024\nParticipant,Signature,Ratification\nAlbania,,27 Jun 2001 a\nChad,31 Feb 1990,\n")
        }
        #expect(error == .badCell(line: 4, column: "Signature", value: "31 Feb 1990", reason: "there is no day 31 in February 1990"))
        let text = try #require(error?.description)
        #expect(text.contains("Line 4") && text.contains("\"Signature\"") && text.contains("\"31 Feb 1990\""))
    }

    @Test func anUnknownActionLetterNamesTheLineColumnAndValue() throws {
        let error = #expect(throws: UNTCParseError.self) {
            try UNTCTable.parse("Participant\tSignature\tRatification, Accession(a)\nAlbania\t\t27 Jun 2001 x\n")
        }
        guard case .badCell(let line, let column, let value, let reason)? = error else {
            Issue.record("expected badCell, got \(String(describing: error))")
            return
        }
        #expect(line == 2 && column == "Ratification, Accession(a)" && value == "27 Jun 2001 x")
        #expect(reason.contains("\"x\" is not an action letter"))
        #expect(error!.description.contains("Line 2, column \"Ratification, Accession(a)\": the cell \"27 Jun 2001 x\""))
    }

    @Test func badCellsInSpaceAndLineLayoutsNameTheirColumn() throws {
        let spaced = #expect(throws: UNTCParseError.self) {
            try UNTCTable.parse("Participant   Signature     Ratification\nChad          30 Feb 1990\n")
        }
        #expect(spaced == .badCell(line: 2, column: "Signature", value: "30 Feb 1990", reason: "there is no day 30 in February 1990"))
        let stacked = #expect(throws: UNTCParseError.self) {
            try UNTCTable.parse("Participant\nSignature\nRatification\nChad\n20 Dec 1988\n5 Foo 1993 a\n")
        }
        #expect(stacked?.description.contains("Line 6, column \"Ratification\": the cell \"5 Foo 1993 a\"") == true)
        let notADate = #expect(throws: UNTCParseError.self) {
            try UNTCTable.parse("Participant,Signature,Ratification\nChad,,1995-06-09\n")
        }
        #expect(notADate?.description.contains("Line 2, column \"Ratification\": the cell \"1995-06-09\"") == true)
    }

    @Test func aLetterOtherThanDInTheSignatureColumnIsAnError() throws {
        let error = #expect(throws: UNTCParseError.self) {
            try UNTCTable.parse("Participant,Signature,Ratification\nAlbania,27 Jun 2001 a,\n")
        }
        #expect(error?.description.contains("Line 2, column \"Signature\": the cell \"27 Jun 2001 a\"") == true)
    }

    @Test func datesWithoutAParticipantOrBeyondTheColumnsAreErrors() throws {
        let orphan = #expect(throws: UNTCParseError.self) {
            try UNTCTable.parse("Participant\nSignature\nRatification\n20 Dec 1988\nChina\n")
        }
        #expect(orphan?.description.hasPrefix("Line 4: \"20 Dec 1988\"") == true)
        let tooMany = #expect(throws: UNTCParseError.self) {
            try UNTCTable.parse("Participant  Signature  Ratification\nChina  20 Dec 1988  25 Oct 1989  1 Jan 1990\n")
        }
        #expect(tooMany?.description.hasPrefix("Line 2: \"China\"") == true)
    }

    @Test func textWithoutAParticipantHeaderIsNoTable() throws {
        let error = #expect(throws: UNTCParseError.self) {
            try UNTCTable.parse("STATUS AS AT : 23-04-2024\nParticipants : 126\nAlbania,,27 Jun 2001 a\n")
        }
        #expect(error == .noTable)
        #expect(error?.description.contains("no line starts with \"Participant\"") == true)
        #expect(throws: UNTCParseError.noTable) { try UNTCTable.parse("") }
    }

    @Test func anImpossibleStatusDateNamesItsLine() throws {
        let error = #expect(throws: UNTCParseError.self) {
            try UNTCTable.parse("CHAPTER VI\nSTATUS AS AT : 31-02-2024\nParticipant,Signature,Ratification\n")
        }
        #expect(error?.description.hasPrefix("Line 2: \"STATUS AS AT : 31-02-2024\"") == true)
    }
}

private func action(_ kind: TreatyActionKind, _ date: String, _ cell: String) -> UNTCTable.Action {
    UNTCTable.Action(kind: kind, date: ISODate(date)!, cell: cell)
}
