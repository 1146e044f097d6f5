import Foundation
import LedgerFixtures
import LedgerModel
import Testing

/// What the UNTC XML reader gives for every real status file, the 15 shipped copies and the 15
/// originals of `../shared/data/untc-xml-2018`, pinned to what the reader over Foundation's
/// `XMLParser` (libxml2) gave before the project's own XML reader replaced it (issue 23): the same
/// reference, title, counts, conclusion date, the same rows with their lines, cells and actions, and
/// the same files read leniently.
///
/// Each file's reading is one line: the header fields, then the rows' count and an FNV-1a digest of
/// every row (line, participant, each action's kind, date and cell). A failure prints the line read now.
@Suite struct UNTCXMLReadingTests {
    /// The lines the XMLParser-based reader gave (commit 0c8a20f, the original files read with `../shared` present).
    static let expected: [String: String] = [
        "shipped/VI-15": #"xml|VI-15|Single Convention on Narcotic Drugs, 1961|1961-03-30|s=61|p=154|strict|rows=154|7b707f608b5a7e2d"#,
        "shipped/VI-16": #"xml|VI-16|Convention on psychotropic substances|1971-02-21|s=34|p=184|strict|rows=185|867d9c98ba1a7265"#,
        "shipped/VI-17": #"xml|VI-17|Protocol amending the Single Convention on Narcotic Drugs, 1961|1972-03-25|s=54|p=126|strict|rows=130|9be11840e629eea2"#,
        "shipped/VI-18": #"xml|VI-18|Single Convention on Narcotic Drugs, 1961, as amended by the Protocol amending the Single Convention on Narcotic Drugs, 1961|1975-08-08|s=-|p=186|strict|rows=186|231cd22e156b25a0"#,
        "shipped/VI-19": #"xml|VI-19|United Nations Convention against Illicit Traffic in Narcotic Drugs and Psychotropic Substances|1988-12-20|s=87|p=190|lenient|rows=0|cbf29ce484222325"#,
        "shipped/XVIII-5": #"xml|XVIII-5|International Convention Against the Taking of Hostages|1979-12-17|s=39|p=176|strict|rows=178|84cd31588ed49cb3"#,
        "shipped/XVIII-7": #"xml|XVIII-7|Convention on the Prevention and Punishment of Crimes against Internationally Protected Persons, including Diplomatic Agents|1973-12-14|s=25|p=180|strict|rows=180|2238a41c7600d965"#,
        "shipped/XVIII-9": #"xml|XVIII-9|International Convention for the Suppression of Terrorist Bombings|1997-12-15|s=58|p=170|strict|rows=0|cbf29ce484222325"#,
        "shipped/XVIII-11": #"xml|XVIII-11|International Convention for the Suppression of the Financing of Terrorism|1999-12-09|s=132|p=188|strict|rows=0|cbf29ce484222325"#,
        "shipped/XVIII-12": #"xml|XVIII-12|United Nations Convention against Transnational Organized Crime|2000-11-15|s=147|p=189|strict|rows=0|cbf29ce484222325"#,
        "shipped/XVIII-12-a": #"xml|XVIII-12-a|Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children, supplementing the United Nations Convention against Transnational Organized Crime|2000-11-15|s=117|p=173|strict|rows=175|ff3952e4cbc11a79"#,
        "shipped/XVIII-12-b": #"xml|XVIII-12-b|Protocol against the Smuggling of Migrants by Land, Sea and Air, supplementing the United Nations Convention against Transnational Organized Crime|2000-11-15|s=112|p=146|strict|rows=156|e0b614b9af9c234e"#,
        "shipped/XVIII-12-c": #"xml|XVIII-12-c|Protocol against the Illicit Manufacturing of and Trafficking in Firearms, Their Parts and Components and Ammunition, supplementing the United Nations Convention against Transnational Organized Crime|2001-05-31|s=52|p=115|strict|rows=125|3784fcb70428ac1f"#,
        "shipped/XVIII-14": #"xml|XVIII-14|United Nations Convention against Corruption|2003-10-31|s=140|p=183|strict|rows=0|cbf29ce484222325"#,
        "shipped/XVIII-15": #"xml|XVIII-15|International Convention for the Suppression of Acts of Nuclear Terrorism|2005-04-13|s=115|p=113|strict|rows=149|f9ff716d5dd9451d"#,
        "original/VI-15": #"xml|VI-15|Single Convention on Narcotic Drugs, 1961|1961-03-30|s=61|p=154|lenient|rows=154|7b707f608b5a7e2d"#,
        "original/VI-16": #"xml|VI-16|Convention on psychotropic substances|1971-02-21|s=34|p=184|lenient|rows=185|867d9c98ba1a7265"#,
        "original/VI-17": #"xml|VI-17|Protocol amending the Single Convention on Narcotic Drugs, 1961|1972-03-25|s=54|p=126|lenient|rows=130|9be11840e629eea2"#,
        "original/VI-18": #"xml|VI-18|Single Convention on Narcotic Drugs, 1961, as amended by the Protocol amending the Single Convention on Narcotic Drugs, 1961|1975-08-08|s=-|p=186|lenient|rows=186|c8d99bc6c4dd3056"#,
        "original/VI-19": #"xml|VI-19|United Nations Convention against Illicit Traffic in Narcotic Drugs and Psychotropic Substances|1988-12-20|s=87|p=190|lenient|rows=0|cbf29ce484222325"#,
        "original/XVIII-5": #"xml|XVIII-5|International Convention Against the Taking of Hostages|1979-12-17|s=39|p=176|lenient|rows=178|84cd31588ed49cb3"#,
        "original/XVIII-7": #"xml|XVIII-7|Convention on the Prevention and Punishment of Crimes against Internationally Protected Persons, including Diplomatic Agents|1973-12-14|s=25|p=180|lenient|rows=180|2238a41c7600d965"#,
        "original/XVIII-9": #"xml|XVIII-9|International Convention for the Suppression of Terrorist Bombings|1997-12-15|s=58|p=170|strict|rows=0|cbf29ce484222325"#,
        "original/XVIII-11": #"xml|XVIII-11|International Convention for the Suppression of the Financing of Terrorism|1999-12-09|s=132|p=188|strict|rows=0|cbf29ce484222325"#,
        "original/XVIII-12": #"xml|XVIII-12|United Nations Convention against Transnational Organized Crime|2000-11-15|s=147|p=189|strict|rows=0|cbf29ce484222325"#,
        "original/XVIII-12-a": #"xml|XVIII-12-a|Protocol to Prevent, Suppress and Punish Trafficking in Persons, Especially Women and Children, supplementing the United Nations Convention against Transnational Organized Crime|2000-11-15|s=117|p=173|lenient|rows=175|ff3952e4cbc11a79"#,
        "original/XVIII-12-b": #"xml|XVIII-12-b|Protocol against the Smuggling of Migrants by Land, Sea and Air, supplementing the United Nations Convention against Transnational Organized Crime|2000-11-15|s=112|p=146|lenient|rows=156|e0b614b9af9c234e"#,
        "original/XVIII-12-c": #"xml|XVIII-12-c|Protocol against the Illicit Manufacturing of and Trafficking in Firearms, Their Parts and Components and Ammunition, supplementing the United Nations Convention against Transnational Organized Crime|2001-05-31|s=52|p=115|lenient|rows=125|3784fcb70428ac1f"#,
        "original/XVIII-14": #"xml|XVIII-14|United Nations Convention against Corruption|2003-10-31|s=140|p=183|strict|rows=0|cbf29ce484222325"#,
        "original/XVIII-15": #"xml|XVIII-15|International Convention for the Suppression of Acts of Nuclear Terrorism|2005-04-13|s=115|p=113|lenient|rows=149|f9ff716d5dd9451d"#,
    ]

    static let references = [
        "VI-15", "VI-16", "VI-17", "VI-18", "VI-19", "XVIII-5", "XVIII-7", "XVIII-9", "XVIII-11", "XVIII-12", "XVIII-12-a", "XVIII-12-b",
        "XVIII-12-c", "XVIII-14", "XVIII-15",
    ]

    /// One file's reading as a line (see the suite's comment); a file that cannot be read gives its error.
    static func reading(_ data: Data) -> String {
        let table: UNTCTable
        do {
            table = try UNTCTable.read(data)
        } catch {
            return "error|\(error)"
        }
        var digest = FNV1a()
        for row in table.rows {
            digest.add("\(row.line)\t\(row.participant)")
            for action in row.actions { digest.add("\t\(action.kind.rawValue)\t\(action.date)\t\(action.cell)") }
            digest.add("\n")
        }
        let lenient = table.notes.contains { $0.contains("not well-formed") } ? "lenient" : "strict"
        let otherNotes = table.notes.filter { !$0.contains("not well-formed") }
        return [
            table.form.rawValue, table.reference ?? "-", table.title ?? "-", table.concluded.map { "\($0)" } ?? "-",
            "s=\(table.declaredSignatories.map(String.init) ?? "-")", "p=\(table.declaredParties.map(String.init) ?? "-")", lenient,
        ].joined(separator: "|") + (otherNotes.isEmpty ? "" : "|notes=" + otherNotes.joined(separator: " / "))
            + "|rows=\(table.rows.count)|\(digest.hex)"
    }

    @Test func everyShippedXMLFileReadsAsBefore() throws {
        for reference in Self.references {
            let data = try #require(LedgerFixtures.statusFiles["untc-xml-2018/\(reference).en.xml"])
            let key = "shipped/\(reference)"
            #expect(Self.reading(data) == Self.expected[key], "\(key)")
        }
    }

    @Test(.enabled(if: UNTCFormsTests.sharedDataExists, "../shared/data is absent next to the repository, so the original 2018 files are not read"))
    func everyOriginalXMLFileReadsAsBefore() throws {
        for reference in Self.references {
            let data = try Data(contentsOf: UNTCFormsTests.sharedData.appendingPathComponent("untc-xml-2018/\(reference).en.xml"))
            let key = "original/\(reference)"
            #expect(Self.reading(data) == Self.expected[key], "\(key)")
        }
    }
}

/// FNV-1a, 64 bits, over UTF-8: a short, dependency-free digest of a table's rows for the pinned readings.
struct FNV1a {
    private var hash: UInt64 = 0xcbf2_9ce4_8422_2325

    mutating func add(_ text: String) {
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x100_0000_01b3
        }
    }

    var hex: String {
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
