import Foundation
import LedgerModel
import LedgerReports
import LedgerStore
import LedgerStrings
import LedgerTestSupport
import Testing

/// Every report for people (State, obligation, matrix, changes, treaties, quality and the summary) in
/// the reader's language: no English left where the catalogue has a translation, tables that line up
/// on screen, HTML that names its language and direction, and the same JSON and CSV in every language.
@Suite struct LocalizedReportsTests {
    /// The golden fixture (EXAMPLE data: measures, a correction, a retraction, assessments and treaty
    /// actions), and the summary's ledger with the shipped status tables for the treaty audit.
    static let shared = Result { () throws -> (golden: TemporaryLedger, status: Ledger) in
        (try ReportGoldenTests.fixture(), try LocalizedSummaryTests.shared.get().ledger)
    }

    /// One request of each report kind, named.
    static let requests: [(name: String, request: ReportRequest, onStatusLedger: Bool)] = {
        let asOf = ReportGoldenTests.asOf
        return [
            ("summary", ReportRequest(kind: .summary, asOf: asOf), false),
            ("state", ReportRequest(kind: .state, asOf: asOf, subject: "FRA"), false),
            ("obligation", ReportRequest(kind: .obligation, asOf: asOf, subject: "art8.record-keeping"), false),
            ("matrix", ReportRequest(kind: .matrix, asOf: asOf, filter: .init(region: .westernEuropeanAndOthers)), false),
            ("changes", ReportRequest(kind: .changes, asOf: asOf, from: ISODate("2000-01-01")!), false),
            ("quality", ReportRequest(kind: .quality, asOf: asOf), false),
            ("treaty", ReportRequest(kind: .treaties, asOf: asOf, subject: "illicit-traffic-1988"), false),
            ("treaties", ReportRequest(kind: .treaties, asOf: ISODate("2020-12-31")!), true),
            ("state-KEN", ReportRequest(kind: .state, asOf: ISODate("2020-12-31")!, subject: "KEN"), true),
        ]
    }()

    static func render(_ index: Int, _ language: Language, _ format: ReportRequest.Format) throws -> String {
        let (_, request, onStatus) = requests[index]
        var asked = request
        asked.language = language
        asked.format = format
        let ledgers = try shared.get()
        return try asked.render(ledger: onStatus ? ledgers.status : ledgers.golden.ledger).body
    }

    static func catalogue(_ language: Language) throws -> StringCatalogue {
        try StringCatalogue(json: try #require(LedgerStrings.catalogueJSON(language.rawValue)))
    }

    /// The English words of the catalogue a reader of `language` must not meet: each piece of an English
    /// string between its placeholders of three words or more (shorter ones, `implemented`, also occur in
    /// the data, obligation titles and measure titles, which stay English), when the language has its own
    /// text for the key and that text does not hold the same piece (a command, a code).
    static func englishLeftOver(_ language: Language) throws -> [(key: String, piece: String)] {
        let english = try catalogue(.en), own = try catalogue(language)
        var pieces: [(String, String)] = []
        for key in english.keys.sorted() where own.keys.contains(key) && !own.withheld.contains(key) {
            // Counted strings keep their {count}: every form's words between placeholders.
            let forms = english.text(key).map { [$0] } ?? [1, 2].compactMap { english.plural(key, count: $0, ["count": "{count}"]) }
            let theirs = own.text(key).map { [$0] } ?? [0, 1, 2, 3, 11, 100].compactMap { own.plural(key, count: $0) }
            for form in forms {
                for piece in form.split(separator: try Regex(#"\{[a-z_]+\}"#)).map({ $0.trimmingCharacters(in: .whitespaces) }) where piece.split(separator: " ").count >= 3 {
                    if theirs.contains(where: { $0.contains(piece) }) { continue }
                    pieces.append((key, piece))
                }
            }
        }
        return pieces
    }

    @Test(arguments: [Language.fr, .ar, .es, .zh])
    func noEnglishIsLeftWhereTheCatalogueHasATranslation(language: Language) throws {
        let leftOver = try Self.englishLeftOver(language)
        let english = try Self.catalogue(.en), own = try Self.catalogue(language)
        let englishHeaders = Set(english.keys.filter { $0.contains(".header.") && own.text($0) != nil && own.text($0) != english.text($0) }.compactMap { english.text($0) })
        #expect(englishHeaders.count > 20)
        #expect(leftOver.count > (language == .ar || language == .zh ? 50 : 100))
        for index in Self.requests.indices {
            for format in [ReportRequest.Format.text, .md, .html] {
                let body = try Self.render(index, language, format)
                for (key, piece) in leftOver where body.contains(piece) {
                    Issue.record("\(Self.requests[index].name) \(format) \(language): '\(piece)' (\(key)) is English")
                }
                guard format == .text else { continue }
                // Table headers are all interface words: none of them English where the language has its own.
                let lines = body.split(separator: "\n").map(String.init)
                for (at, rule) in lines.enumerated() where at > 0 && rule.contains("-") && rule.allSatisfy({ $0 == "-" || $0 == " " }) {
                    let headers = lines[at - 1].split(separator: "  ").map { $0.trimmingCharacters(in: .whitespaces) }
                    for header in headers where englishHeaders.contains(header) {
                        Issue.record("\(Self.requests[index].name) \(language): the header '\(header)' is English")
                    }
                }
            }
        }
    }

    @Test func frenchReportsReadInFrench() throws {
        let state = try Self.render(1, .fr, .text)
        #expect(state.hasPrefix("Fiche de résultats — France (FRA), au 2014-12-31\n"))
        #expect(state.contains("État Membre de l’ONU depuis le 1945-10-24, États d’Europe occidentale et autres États."))
        #expect(state.contains("!! DONNÉES DE TEST : 6 cellules de ce registre reposent"))
        let changes = try Self.render(4, .fr, .text)
        #expect(changes.contains("mesure 3 (événement 3), en vigueur le 2001-05-15 : partielle ; évaluation (événement 13) du 2012-01-01 : non conforme"))
        #expect(changes.contains("non renseignée  partielle [NC]"))
        let quality = try Self.render(5, .fr, .text)
        #expect(quality.contains("3 signalements. mise en œuvre sans source : 1, ancienne : 2.\n"))
        #expect(quality.contains("la mesure 7 « EXAMPLE act » ne cite aucune source et n’a aucune preuve"))
        let arabic = try Self.render(1, .ar, .text)
        // The date is isolated left to right, so that it does not read 31-12-2014 after an Arabic word.
        #expect(arabic.hasPrefix("بطاقة الأداء — فرنسا (FRA)، في \u{2066}2014-12-31\u{2069}\n"))
    }

    /// Every text table lines up on screen: each column starts at the display column its rule of dashes
    /// starts at, wide Chinese characters counting two and Arabic vowel marks none.
    @Test(arguments: [Language.fr, .ar, .zh, .ru])
    func textTablesLineUpInEveryReport(language: Language) throws {
        for index in Self.requests.indices {
            let text = try Self.render(index, language, .text)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            var tables = 0
            for (at, rule) in lines.enumerated() where at > 0 && rule.contains("-") && rule.allSatisfy({ $0 == "-" || $0 == " " }) {
                tables += 1
                // Where each column starts on screen, from the rule's runs of dashes.
                var starts: [Int] = []
                var previous: Character = " "
                for (offset, character) in rule.enumerated() {
                    if character == "-" && previous == " " { starts.append(offset) }
                    previous = character
                }
                var body = [lines[at - 1]]
                var next = at + 1
                while next < lines.count, !lines[next].isEmpty { body.append(lines[next]); next += 1 }
                for row in body {
                    for start in starts.dropFirst() {
                        // The row's characters up to the column's start must take exactly `start` columns, the last two the gap.
                        var width = 0, prefix = ""
                        for character in row where width < start {
                            width += TextTable.displayWidth(String(character))
                            prefix.append(character)
                        }
                        if width < start { continue }  // a row whose last cells are empty (trailing spaces trimmed)
                        #expect(width == start && prefix.hasSuffix("  "), "\(Self.requests[index].name) \(language): '\(row)' is not aligned at column \(start)")
                    }
                }
            }
            #expect(tables > 0, "\(Self.requests[index].name)")
        }
    }

    @Test(arguments: [Language.ar, .en, .fr, .zh])
    func htmlNamesItsLanguageAndArabicChartsRunRightToLeft(language: Language) throws {
        for index in Self.requests.indices {
            let html = try Self.render(index, language, .html)
            #expect(html.contains(language == .ar ? #"<html lang="ar" dir="rtl">"# : #"<html lang="\#(language.rawValue)">"#), "\(Self.requests[index].name)")
            for svg in html.split(separator: "<svg ").dropFirst() {
                // Each chart's title starts at its left edge, or its right edge in Arabic, where the text runs right to left.
                let width = try #require(svg.firstMatch(of: /width="(\d+)"/)).output.1
                let title = try #require(svg.firstMatch(of: /<text x="(\d+)"/)).output.1
                #expect(language == .ar ? title == width && svg.contains(#"direction="rtl""#) : title == "0" && !svg.contains("direction="))
            }
        }
    }

    /// Arabic bars grow from the right: each filled bar ends where the empty track ends, on the right.
    @Test func arabicBarsGrowFromTheRight() throws {
        let html = try Self.render(0, .ar, .html)
        let bars = try #require(html.split(separator: "<svg ").first { $0.contains("#f0f0f0") })
        let tracks = bars.matches(of: /<rect x="(\d+)" y="(\d+)" width="(\d+)" height="11" fill="#f0f0f0"\/><rect x="(\d+)" y="\d+" width="(\d+)" height="11"/)
        #expect(tracks.count >= 10)
        for track in tracks {
            let (x, width, barX, barWidth) = (Int(track.output.1)!, Int(track.output.3)!, Int(track.output.4)!, Int(track.output.5)!)
            #expect(barX + barWidth == x + width)
        }
    }

    /// JSON and CSV are for programs: the same bytes whatever the language, for every report.
    @Test func machineReadOutputIsTheSameInEveryLanguage() throws {
        for index in Self.requests.indices {
            for format in [ReportRequest.Format.json, .csv] {
                let english = try Self.render(index, .en, format)
                for language in Language.allCases where language != .en {
                    #expect(try Self.render(index, language, format) == english, "\(Self.requests[index].name) \(language) \(format)")
                }
            }
        }
    }
}
