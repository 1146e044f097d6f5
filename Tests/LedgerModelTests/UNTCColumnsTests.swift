import Foundation
import LedgerFixtures
import LedgerModel
import LedgerTestSupport
import Testing

/// Every column a status table carries: provisional application (`n`, or a column of its own) kept
/// apart from consent, definitive signature, columns the ledger does not read named and skipped;
/// headers in any letter order and with footnote marks anywhere; `&nbsp;` and tabs in date cells.
/// The sweep runs over every shipped status file (CSV, XML, the saved page, the dated lists).
@Suite struct UNTCColumnsTests {
    /// One participant's row as the importer uses it: name, then each action's kind and date.
    static func shape(_ table: UNTCTable) -> [String] {
        table.rows.map { row in ([row.participant] + row.actions.map { "\($0.kind.rawValue) \($0.date)" }).joined(separator: " | ") }
    }

    // MARK: Provisional application

    /// A synthetic table, not a real treaty's status: EXAMPLE data in the UNTC's notation.
    static let exampleWithProvisionalApplication = ExampleStatusTable.withProvisionalApplication

    @Test func aProvisionalApplicationColumnIsReadApartFromConsent() throws {
        let table = try UNTCTable.parse(Self.exampleWithProvisionalApplication)
        #expect(Self.shape(table) == [
            "Albania | signature 2021-01-12 | ratification 2022-03-03",
            "Brazil | signature 2021-01-12 | provisional_application 2021-05-05",
            "Chile | accession 2023-04-04 | provisional_application 2022-02-01",
            "Denmark | signature 2021-01-13",
        ])
        #expect(table.declaredParties == 2)
        #expect(table.notes.isEmpty, "every column is read")
        let brazil = table.rows[1].actions.map { (kind: $0.kind, date: $0.date) }
        #expect(PartyStatus.of(brazil, asOf: ISODate("2026-06-01")!) == .signatory(since: ISODate("2021-01-12")!), "provisional application is not party")
        #expect(!TreatyActionKind.provisionalApplication.isConsent)
    }

    @Test func theLetterNInTheConsentColumnIsAProvisionalApplicationInEveryLayout() throws {
        let csv = "Participant,Signature,\"Ratification, Accession(a), Provisional application(n)\"\nBrazil,12 Jan 2021,5 May 2021 n\n"
        let oneCellPerLine = "Participant\nSignature\nRatification, Accession(a)\nProvisional application(n)\nBrazil\n12 Jan 2021\n5 May 2021 n\n"
        let spaced = "Participant     Signature       Ratification, Accession(a)    Provisional application(n)\nBrazil          12 Jan 2021                                   5 May 2021 n\n"
        for (name, text) in ["csv": csv, "one cell per line": oneCellPerLine, "spaces": spaced] {
            let table = try UNTCTable.parse(text)
            #expect(Self.shape(table) == ["Brazil | signature 2021-01-12 | provisional_application 2021-05-05"], "\(name)")
        }
    }

    @Test func aLetterOtherThanNInTheProvisionalApplicationColumnIsRefusedNamingLineColumnAndCell() {
        let text = "Participant,Signature,Ratification,Provisional application(n)\nAlbania,,,5 May 2021 a\n"
        #expect(throws: UNTCParseError.self) { try UNTCTable.parse(text) }
        do {
            _ = try UNTCTable.parse(text)
        } catch {
            #expect(error.description.hasPrefix("Line 2, column \"Provisional application(n)\": the cell \"5 May 2021 a\""), "\(error)")
        }
    }

    @Test func aDefinitiveSignatureColumnAndAnUnknownColumnOfDates() throws {
        let text = """
            Participant\tSignature\tDefinitive signature(s)\tRatification\tNotification under article 13 (EXAMPLE)
            Albania\t\t1 Feb 2020 s\t\t3 Mar 2021
            Brazil\t2 Jan 2020\t\t4 Apr 2021\t

            """
        let table = try UNTCTable.parse(text)
        #expect(Self.shape(table) == ["Albania | definitive_signature 2020-02-01", "Brazil | signature 2020-01-02 | ratification 2021-04-04"])
        #expect(table.notes.count == 1)
        #expect(table.notes.first?.contains("\"Notification under article 13 (EXAMPLE)\", was not read (1 cell)") == true, "\(table.notes)")
    }

    @Test func headerCountsWithFootnoteMarksGiveTheCount() throws {
        let text = "Signatories 2: 54 3. Parties¹ : 126 4\nParticipant,Signature,Ratification\nAlbania,1 Jan 2000,2 Feb 2001\n"
        let table = try UNTCTable.parse(text)
        #expect(table.declaredSignatories == 54)
        #expect(table.declaredParties == 126)
    }

    @Test func footnoteMarksInsideAHeaderAreLeftOutOfTheColumnsName() {
        let text = "\"Participant 1, 2\",Signature²,\"Ratification 3, Accession(a) 4, Succession(d)\"\nAlbania,,1 Foo 2000\n"
        do {
            _ = try UNTCTable.parse(text)
            Issue.record("a month Foo was read")
        } catch {
            #expect(error.description.hasPrefix("Line 2, column \"Ratification, Accession(a), Succession(d)\": the cell \"1 Foo 2000\""), "\(error)")
        }
    }

    // MARK: The sweep over every shipped status file

    /// A change made to a shipped file, and what the reader should make of the result.
    enum Variant: String, CaseIterable {
        case extraColumn = "one extra column of dates the ledger does not read"
        case reorderedLetters = "the action letters of the header in reverse order"
        case footnoteMarks = "footnote marks in the header cells and the counts"
        case spacesInDates = "&nbsp; and tabs inside the date cells"
        case badCell = "an impossible date (31 Feb) in the first row's last date"
    }

    static let extraHeader = "Notification under article 99 (EXAMPLE column)"

    /// The shipped status files, each with the treaty it is of.
    static var shippedFiles: [String] { LedgerFixtures.statusFiles.keys.sorted() }

    @Test(arguments: Variant.allCases)
    func everyShippedStatusFileIsReadOrRefusedWithASentence(_ variant: Variant) throws {
        var checked = 0
        for file in Self.shippedFiles {
            let data = try #require(LedgerFixtures.statusFiles[file])
            let original = try UNTCTable.read(data)
            guard let changed = Self.apply(variant, to: data, file: file) else {
                // Nothing to change: an XML file that carries only its header counts has no table (its counts are swept below).
                #expect(original.rows.isEmpty && (variant != .footnoteMarks), "\(file): no variant made")
                continue
            }
            checked += 1
            if !(file.hasPrefix("unoda/") && [.reorderedLetters, .footnoteMarks].contains(variant)) {
                #expect(changed.data != data, "\(file): the variant changed nothing")
            }
            switch variant {
            case .badCell:
                do {
                    _ = try UNTCTable.read(changed.data)
                    Issue.record("\(file): the impossible date was read")
                } catch {
                    let text = error.description
                    #expect(text.contains("31 Feb"), "\(file): \(text)")
                    if case .unreadableRows(let rows) = error {
                        #expect(rows.first?.line == changed.line, "\(file): \(text)")
                    } else {
                        #expect(text.hasPrefix("Line \(changed.line), column \""), "\(file): \(text)")
                    }
                }
            default:
                let table = try UNTCTable.read(changed.data)
                #expect(Self.shape(table) == Self.shape(original), "\(file): \(variant.rawValue)")
                #expect(table.declaredParties == original.declaredParties, "\(file)")
                #expect(table.declaredSignatories == original.declaredSignatories, "\(file)")
                if variant == .extraColumn {
                    #expect(table.notes.contains { $0.contains(Self.extraHeader) && $0.contains("not read") }, "\(file): \(table.notes)")
                }
            }
        }
        #expect(checked >= 25, "the sweep reached the shipped tables")
    }

    /// The file changed by `variant`, with the line of the cell a refusal must name; nil when the
    /// file has nothing the variant changes.
    static func apply(_ variant: Variant, to data: Data, file: String) -> (data: Data, line: Int)? {
        if file.hasSuffix(".xml") {
            // The UNTC's files are ISO-8859-1: changed, they are written back as UTF-8 and declared so.
            let text = String(data: data, encoding: .isoLatin1)!.replacingOccurrences(of: "encoding=\"iso-8859-1\"", with: "encoding=\"utf-8\"")
            return xml(variant, text).map { (Data($0.text.utf8), $0.line) }
        }
        let text = String(decoding: data, as: UTF8.self)
        if file.hasSuffix(".html") { return html(variant, text).map { (Data($0.text.utf8), $0.line) } }
        if text.hasPrefix("participant,signature,consent_action,consent_date") { return datedList(variant, text).map { (Data($0.text.utf8), $0.line) } }
        return csv(variant, text).map { (Data($0.text.utf8), $0.line) }
    }

    /// The line the text after `prefix` starts on: CR LF, a lone CR and a lone LF each end a line (line feeds only, as the XML reader counts).
    static func lineNumber(_ prefix: String, lineFeedsOnly: Bool = false) -> Int {
        // The XML reader (XMLPullReader, as libxml2 before it) counts line feeds only: a stray CR in an XML file's notes ends no line there.
        if lineFeedsOnly { return prefix.unicodeScalars.count { $0 == "\n" } + 1 }
        let scalars = Array(prefix.unicodeScalars)
        var breaks = 0
        for (i, scalar) in scalars.enumerated() where scalar == "\n" || (scalar == "\r" && (i + 1 == scalars.count || scalars[i + 1] != "\n")) {
            breaks += 1
        }
        return breaks + 1
    }

    /// The legend `A(x), B, C(y)` in reverse order.
    static func reversedLegend(_ header: String) -> String {
        header.components(separatedBy: ", ").reversed().joined(separator: ", ")
    }

    /// `14 Dec 1990` written `14&nbsp;Dec<TAB>1990`.
    static func spaced(_ text: String, tab: String = "\t") -> String {
        text.replacing(/(\d{1,2}) ([A-Z][a-z]{2,8}) (\d{4})/) { "\($0.1)&nbsp;\($0.2)\(tab)\($0.3)" }
    }

    /// The cells of a CSV header line (quotes honoured), and the line written back (cells with a comma quoted).
    static func csvCells(_ line: String) -> [String] {
        var cells: [String] = [], cell = "", quoted = false
        for c in line {
            if c == "\"" { quoted.toggle() } else if c == ",", !quoted { cells.append(cell); cell = "" } else { cell.append(c) }
        }
        return cells + [cell]
    }

    static func csvLine(_ cells: [String]) -> String {
        cells.map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ",")
    }

    static func csv(_ variant: Variant, _ text: String) -> (text: String, line: Int)? {
        var lines = text.components(separatedBy: "\n")
        guard let headerIndex = lines.firstIndex(where: { $0.hasPrefix("Participant") }) else { return nil }
        var cells = csvCells(lines[headerIndex])
        switch variant {
        case .extraColumn:
            lines[headerIndex] += ",\"\(extraHeader)\""
            for i in (headerIndex + 1)..<lines.count where !lines[i].isEmpty { lines[i] += i == headerIndex + 1 ? ",1 Jan 2010" : "," }
        case .reorderedLetters:
            cells[cells.count - 1] = reversedLegend(cells[cells.count - 1])
            lines[headerIndex] = csvLine(cells)
        case .footnoteMarks:
            cells[0] = "Participant 1, 2"
            cells[1] += cells[1].contains(",") ? " 2" : "²"
            let legend = cells[cells.count - 1]
            cells[cells.count - 1] = legend.replacingOccurrences(of: ", ", with: " 3, ", options: [], range: legend.range(of: ", ")) + " 4"
            lines[headerIndex] = csvLine(cells)
        case .spacesInDates:
            for i in (headerIndex + 1)..<lines.count { lines[i] = spaced(lines[i]) }
        case .badCell:
            let row = headerIndex + 1
            guard let range = lines[row].range(of: #"\d{1,2} [A-Z][a-z]{2} \d{4}"#, options: [.regularExpression, .backwards]) else { return nil }
            lines[row].replaceSubrange(range, with: "31 Feb 2001")
            return (lines.joined(separator: "\n"), row + 1)
        }
        return (lines.joined(separator: "\n"), 0)
    }

    static func datedList(_ variant: Variant, _ text: String) -> (text: String, line: Int)? {
        // The UNODA lists end their lines with CR LF, one Character in Swift.
        let newline = text.contains("\r\n") ? "\r\n" : "\n"
        var lines = text.components(separatedBy: newline)
        switch variant {
        case .extraColumn:
            lines[0] += ",\(extraHeader)"
            for i in 1..<lines.count where !lines[i].isEmpty { lines[i] += i == 1 ? ",2010-01-01" : "," }
        case .spacesInDates:
            for i in 1..<lines.count { lines[i] = lines[i].replacing(/(\d{4}-\d{2}-\d{2})/) { "&nbsp;\t\($0.1)\t" } }
        case .badCell:
            guard let range = lines[1].range(of: #"\d{4}-\d{2}-\d{2}$"#, options: .regularExpression) else { return nil }
            lines[1].replaceSubrange(range, with: "31 Feb 2001")
            return (lines.joined(separator: newline), 2)
        case .reorderedLetters, .footnoteMarks:
            // A dated list carries no letters and no marks: the list is unchanged and reads as before.
            return (text, 0)
        }
        return (lines.joined(separator: newline), 0)
    }

    static func xml(_ variant: Variant, _ text: String) -> (text: String, line: Int)? {
        guard let thead = text.range(of: "<Thead>"), let theadEnd = text.range(of: "</Thead>") else {
            // A header-only file: only its counts can carry marks.
            guard variant == .footnoteMarks else { return nil }
            return (text.replacing(/<Parties>(\d+)<\/Parties>/) { "<Parties>\($0.1)&lt;superscript&gt;2&lt;/superscript&gt;</Parties>" }, 0)
        }
        var head = String(text[thead.lowerBound..<theadEnd.upperBound])
        var body = String(text[theadEnd.upperBound...])
        let before = String(text[..<thead.lowerBound])
        switch variant {
        case .extraColumn:
            head = head.replacingOccurrences(of: "</Row>", with: "<Entry colname=\"9\">\(extraHeader)</Entry></Row>")
            var first = true
            body = body.replacing(/<\/Row>/) { _ in
                defer { first = false }
                return first ? "<Entry>1 Jan 2010</Entry></Row>" : "<Entry /></Row>"
            }
        case .reorderedLetters:
            head = head.replacing(/<Entry colname="3">([^<]*)<\/Entry>/) { "<Entry colname=\"3\">\(reversedLegend(String($0.1)))</Entry>" }
        case .footnoteMarks:
            head = head.replacingOccurrences(of: ">Signature<", with: ">Signature&lt;superscript&gt;2&lt;/superscript&gt;<")
            head = head.replacing(/<Entry colname="3">([^<,]*),/) { "<Entry colname=\"3\">\($0.1) 3,"}
            let marked = before.replacing(/<Parties>(\d+)<\/Parties>/) { "<Parties>\($0.1)&lt;superscript&gt;2&lt;/superscript&gt;</Parties>" }
            return (marked + head + body, 0)
        case .spacesInDates:
            body = body.replacing(/(\d{1,2}) ([A-Z][a-z]{2,8}) (\d{4})/) { "\($0.1)&#160;\($0.2)\t\($0.3)" }
        case .badCell:
            guard let row = body.range(of: "</Row>"),
                let cell = body[..<row.lowerBound].range(of: #"\d{1,2} [A-Z][a-z]{2} \d{4}"#, options: [.regularExpression, .backwards])
            else { return nil }
            // The row's line: where its <Row> opens.
            let rowStart = body[..<cell.lowerBound].range(of: "<Row", options: .backwards)!
            let line = lineNumber(before + head + body[..<rowStart.lowerBound], lineFeedsOnly: true)
            body.replaceSubrange(cell, with: "31 Feb 2001")
            return (before + head + body, line)
        }
        return (before + head + body, 0)
    }

    static func html(_ variant: Variant, _ text: String) -> (text: String, line: Int)? {
        guard let start = text.range(of: ">Participant<br>"), let end = text.range(of: "</table>", range: start.upperBound..<text.endIndex) else { return nil }
        let before = String(text[..<start.lowerBound]), after = String(text[end.lowerBound...])
        var table = String(text[start.lowerBound..<end.lowerBound])
        switch variant {
        case .extraColumn:
            var first = 0
            table = table.replacing(/<\/tr>/) { _ in
                defer { first += 1 }
                return first == 0 ? "<td>\(extraHeader)<br></td></tr>" : first == 1 ? "<td>1 Jan 2010<br></td></tr>" : "<td><br></td></tr>"
            }
        case .reorderedLetters:
            table = table.replacing(#/>(Ratification[^<]*)<br>/#) { ">\(reversedLegend(String($0.1)))<br>" }
        case .footnoteMarks:
            table = table.replacingOccurrences(of: ">Signature<br>", with: ">Signature<sup>2</sup><br>")
            table = table.replacing(#/>Ratification, /#) { _ in ">Ratification 3, " }
        case .spacesInDates:
            table = table.replacing(/(\d{1,2})\s+([A-Z][a-z]{2,8})\s+(\d{4})/) { "\($0.1)&nbsp;\($0.2)\t\($0.3)" }
        case .badCell:
            guard let header = table.range(of: "</tr>"), let row = table.range(of: "</tr>", range: header.upperBound..<table.endIndex),
                let cell = table[..<row.lowerBound].range(of: #"\d{1,2}\s+[A-Z][a-z]{2}\s+\d{4}"#, options: [.regularExpression, .backwards])
            else { return nil }
            let rowStart = table[..<cell.lowerBound].range(of: "<tr", options: .backwards)!
            let line = lineNumber(before + table[..<rowStart.lowerBound])
            table.replaceSubrange(cell, with: "31 Feb 2001")
            return (before + table + after, line)
        }
        return (before + table + after, 0)
    }
}
