import Foundation
import LedgerModel
import LedgerReports
import LedgerStore
import LedgerStrings
import LedgerTestSupport
import Testing

/// The shipped string catalogues against the code that uses them.
@Suite struct StringCatalogueTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func catalogue(_ language: Language) throws -> StringCatalogue {
        try StringCatalogue(json: try #require(LedgerStrings.catalogueJSON(language.rawValue)))
    }

    /// Every key the sources ask a localizer for: `text("key"` and `plural("key"`, literal keys only.
    static func keysUsedInCode() throws -> Set<String> {
        var keys = Set<String>()
        let files = FileManager.default.enumerator(at: root.appendingPathComponent("Sources"), includingPropertiesForKeys: nil)!
        let pattern = try Regex(#"(?:\.|\b)(?:text|plural)\("([a-z0-9_]+(?:\.[a-z0-9_]+)+)""#)
        for case let url as URL in files where url.pathExtension == "swift" {
            let source = try String(contentsOf: url, encoding: .utf8)
            for match in source.matches(of: pattern) {
                if let key = match.output[1].substring { keys.insert(String(key)) }
            }
        }
        return keys
    }

    @Test func englishHoldsEveryKeyCodeUsesAndNoOther() throws {
        let used = try Self.keysUsedInCode()
        let english = try Self.catalogue(.en).keys
        #expect(used.count >= 40)
        #expect(used.subtracting(english).isEmpty, "missing from en.json: \(used.subtracting(english).sorted())")
        #expect(english.subtracting(used).isEmpty, "in en.json but used by no code: \(english.subtracting(used).sorted())")
    }

    @Test(arguments: Language.allCases)
    func everyCatalogueHoldsOnlyEnglishsKeysWithTheSamePlaceholders(language: Language) throws {
        let english = try Self.catalogue(.en)
        let catalogue = try Self.catalogue(language)
        #expect(catalogue.language == language)
        #expect(catalogue.keys.subtracting(english.keys).isEmpty, "\(language): keys English lacks: \(catalogue.keys.subtracting(english.keys).sorted())")
        for key in catalogue.keys {
            #expect(catalogue.placeholders(key) == english.placeholders(key), "\(language) \(key)")
        }
        #expect(catalogue.awaitingReview.isSubset(of: catalogue.keys) && catalogue.withheld.isSubset(of: catalogue.keys))
        // French and Spanish are written in full; the others mark what awaits a translator.
        if language == .fr || language == .es {
            #expect(catalogue.keys == english.keys, "\(language) lacks \(english.keys.subtracting(catalogue.keys).sorted())")
            #expect(catalogue.awaitingReview.isEmpty && catalogue.withheld.isEmpty)
        }
        if [.ar, .ru, .zh].contains(language) { #expect(catalogue.awaitingReview == catalogue.keys) }
    }
}

@Suite struct LocalizedSummaryTests {
    static let shared = Result { () throws -> TemporaryLedger in
        let temp = try TemporaryLedger(statusData: true)
        _ = try temp.ledger.recordMeasure(try temp.measure("KEN", "art8.record-keeping", status: "partial", effective: "2001-01-01"), actor: "t")
        return temp
    }

    func render(_ language: Language, _ format: ReportRequest.Format) throws -> String {
        var request = ReportRequest(kind: .summary, format: format, asOf: ISODate("2020-12-31")!)
        request.language = language
        return String(decoding: try request.render(ledger: try Self.shared.get().ledger).bytes, as: UTF8.self)
    }

    /// Every table of the text summary lines up: each line of a table as wide on screen as its rule of dashes.
    @Test(arguments: Language.allCases)
    func textTablesLineUpInEveryLanguage(language: Language) throws {
        let text = try render(language, .text)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var tables = 0
        for (index, line) in lines.enumerated() where index > 0 && !line.isEmpty && line.allSatisfy({ $0 == "-" || $0 == " " }) {
            tables += 1
            let width = TextTable.displayWidth(line)
            var body = [lines[index - 1]]
            var next = index + 1
            while next < lines.count, !lines[next].isEmpty { body.append(lines[next]); next += 1 }
            for row in body where !(row.count == 1) {
                // The rule table has one left-aligned column (trailing spaces trimmed): no longer than the rule.
                if line.split(separator: " ").count == 1 { #expect(TextTable.displayWidth(row) <= width); continue }
                #expect(TextTable.displayWidth(row) == width, "\(language): '\(row)'")
            }
        }
        #expect(tables == 5)
    }

    /// The columns a terminal gives text: ASCII and Latin letters one, Chinese two, combining marks, the
    /// zero-width space and the soft hyphen none; the ASCII shortcut gives what the scalar walk gives.
    @Test func displayWidthCountsColumnsAsATerminalDrawsThem() {
        #expect(TextTable.displayWidth("") == 0)
        #expect(TextTable.displayWidth("FRA  art8.record-keeping  2005-06-30\t!") == 38)
        #expect(TextTable.displayWidth("États d’Afrique") == 15)
        #expect(TextTable.displayWidth("e\u{301}te\u{301}") == 3, "two combining acute accents take no column")
        #expect(TextTable.displayWidth("co\u{AD}op\u{200B}x") == 5, "soft hyphen and zero-width space take none")
        #expect(TextTable.displayWidth("实施摘要") == 8)
        #expect(TextTable.displayWidth("ملخص التنفيذ") == 12)
        #expect(TextTable.displayWidth("Сводка 2020") == 11)
        #expect(TextTable.displayWidth("Ａ1") == 3, "a fullwidth letter takes two")
    }

    @Test func frenchAndChineseWordsAreThereAndNumbersReadAsTheLanguageWritesThem() throws {
        let french = try render(.fr, .text)
        #expect(french.hasPrefix("Synthèse de la mise en œuvre — A/RES/51/60, au 2020-12-31\n"))
        #expect(french.contains("Par groupe régional") && french.contains("États d’Afrique") && french.contains("Non renseignée"))
        #expect(french.contains("couverture 0,"))
        #expect(!french.contains("By regional group"))
        let chinese = try render(.zh, .text)
        #expect(chinese.contains("按区域组") && chinese.contains("非洲国家组"))
        #expect(chinese.contains(" 0.0"))  // a dot in Chinese
        // Text the catalogues do not hold yet (the score formula) stays English, never a key.
        for key in try StringCatalogueTests.catalogue(.en).keys { #expect(!chinese.contains(key), "\(key)") }
    }

    /// The basis line and the score formula are built from the catalogue: in English word for word what the
    /// JSON says, in French with no English left.
    @Test func theBasisAndScoreFormulaReadAsTheJSONInEnglishAndInFrench() throws {
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try render(.en, .json).utf8)) as? [String: Any])
        let basis = try #require(json["basis"] as? String)
        let global = try #require(json["global"] as? [String: Any])
        let english = try render(.en, .text).split(separator: "\n").map(String.init)
        #expect(english.contains("Basis: \(basis)."))
        #expect(english.contains(try #require(global["score_formula"] as? String)))
        let french = try render(.fr, .text).split(separator: "\n").map(String.init)
        let frenchBasis = try #require(french.first { $0.hasPrefix("Fondement : ") })
        let frenchScore = try #require(french.first { $0.hasPrefix("note ") })
        #expect(frenchBasis.hasPrefix("Fondement : sur ") && frenchBasis.contains(" sur l’état des traités"))
        #expect(frenchScore.hasPrefix("note 0,") && frenchScore.contains("autodéclarées et ") && frenchScore.contains("partielle 0,5"))
        for word in ["scored", "applicable and reported", "self-reported", "assessed"] { #expect(!frenchBasis.contains(word) && !frenchScore.contains(word), "\(word)") }
    }

    @Test func htmlNamesItsLanguageAndArabicRunsRightToLeft() throws {
        #expect(try render(.ar, .html).contains(#"<html lang="ar" dir="rtl">"#))
        #expect(try render(.fr, .html).contains(#"<html lang="fr">"#))
        #expect(try render(.en, .html).contains(#"<html lang="en">"#))
        #expect(try render(.ar, .md).contains("## حسب المجموعة الإقليمية"))
    }

    @Test func machineReadOutputIsTheSameInEveryLanguage() throws {
        for format in [ReportRequest.Format.json, .csv] {
            let english = try render(.en, format)
            for language in Language.allCases { #expect(try render(language, format) == english, "\(language) \(format)") }
        }
    }
}
