import ArgumentParser
import LedgerModel
import LedgerStore

struct Search: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find measures, assessment comments, States and obligations by their words.",
        discussion: """
            Every word must appear (accents ignored; "trafficking" also finds "traffic"); quotes, *, AND, - and : \
            are read as plain text. Measures are searched by title, source, note and justification, assessments \
            by comment, States by name, ISO3 code and other spellings, obligations by id, title and provision text. \
            --state keeps that State's measures and assessments and the State; --article and --theme keep those \
            obligations' measures and assessments and the obligations; --status keeps measures; --from and --to \
            keep measures by effective date and assessments by the day they were made. The matched words are \
            shown in [brackets]. JSON is the shape of GET /api/search.
            """)

    @OptionGroup var ledger: LedgerFileOptions
    @Argument(help: "The words to find.") var words: [String]
    @Option(help: "ISO3 code.") var state: String?
    @Option(help: "An Article: 8, art8 or \"Article 8\".") var article: String?
    @Option(help: "A theme of the catalogue (as in `obligations`).") var theme: String?
    @Option(help: ArgumentHelp("An implementation status: " + ImplementationStatus.allCases.map(\.rawValue).joined(separator: ", ") + ".")) var status: String?
    @Option(help: ArgumentHelp("Earliest effective date.", valueName: "YYYY-MM-DD"), transform: ISODate.argument) var from: ISODate?
    @Option(help: ArgumentHelp("Latest effective date.", valueName: "YYYY-MM-DD"), transform: ISODate.argument) var to: ISODate?
    @Option(help: "Most results, 1 to \(SearchQuery.maxLimit).") var limit: Int = SearchQuery.defaultLimit
    @Option(help: "The output format.") var format: OutputFormat = .text

    func run() throws {
        let opened = try ledger.open()
        let query = SearchQuery(
            words.joined(separator: " "), state: state, article: article, theme: theme, status: status, from: from, to: to, limit: limit)
        let hits: [SearchHit]
        do {
            hits = try opened.search(query)
        } catch LedgerError.invalid(let failure) {
            // The filters are the command line's: a bad one is a mistake in it (status 64), and a search writes nothing.
            throw ValidationError(failure.issues.map { "--\($0.field): \($0.description)" }.joined(separator: "\n"))
        }
        switch format {
        case .json:
            emit(SearchHit.json(query, hits: hits, ledger: opened).canonicalText + "\n")
        case .text:
            emit(Self.text(query, hits, ledger: opened))
        }
    }

    /// One paragraph per hit: what it is and where it belongs, then the words in context.
    static func text(_ query: SearchQuery, _ hits: [SearchHit], ledger: Ledger) -> String {
        func marked(_ fragments: [SearchHit.Fragment]) -> String {
            // Line breaks of a note become spaces: one hit, one paragraph.
            fragments.map { $0.match ? "[\($0.text)]" : $0.text }.joined()
                .split(whereSeparator: \.isNewline).joined(separator: " ")
        }
        var out = ""
        for hit in hits {
            let place = [hit.state, hit.obligation].compactMap { $0 }.joined(separator: " × ")
            switch hit.kind {
            case .measure:
                out += "measure \(hit.key) (\(place)\(hit.status.map { ", \($0.rawValue)" } ?? "")\(hit.effectiveDate.map { " since \($0)" } ?? "")): \(marked(hit.title))\n"
            case .assessment:
                out += "assessment \(hit.key) (\(place)\(hit.rating.map { ", \($0.rawValue)" } ?? "")\(hit.assessedOn.map { " on \($0)" } ?? ""))\n"
            case .state:
                out += "State \(hit.key): \(marked(hit.title))\n"
            case .obligation:
                out += "obligation \(hit.key): \(marked(hit.title))\n"
            }
            if !hit.context.isEmpty { out += "    \(marked(hit.context))\n" }
        }
        let words = query.terms.joined(separator: " ")
        if query.terms.isEmpty {
            out += "Nothing to search for: give a word with a letter or a digit.\n"
        } else {
            out += "\(hits.count == 0 ? "No" : String(hits.count)) result\(hits.count == 1 ? "" : "s") for \"\(words)\""
                + (hits.count == query.limit ? " (the best \(query.limit); --limit shows more)" : "") + ".\n"
        }
        return out
    }
}
