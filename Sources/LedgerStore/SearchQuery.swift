import LedgerModel

/// A full-text search of the ledger (``Ledger/search(_:)``): the words a user typed and the filters
/// that narrow the hits.
///
/// The words are taken as plain words whatever they hold: quotes, `*`, `AND`, `-`, `:` and
/// parentheses are never read as search syntax, so no input can make the search fail. A hit holds
/// every word (porter stemming: "trafficking" also finds "traffic"; accents are ignored).
///
/// Each filter keeps only the hits that have what it filters on: `state` keeps measures and
/// assessments of that State and the State itself; `article` and `theme` keep measures and
/// assessments of those obligations and the obligations themselves; `status` keeps measures;
/// `from` and `to` keep measures by effective date and assessments by the day they were made.
public struct SearchQuery: Sendable, Hashable {
    /// The words, as typed.
    public var words: String
    /// An ISO3 code (any case).
    public var state: String?
    /// `Article 8`, `8` or `art8`.
    public var article: String?
    /// A theme of the catalogue.
    public var theme: String?
    /// An implementation status (`implemented`, `partial`, ...).
    public var status: String?
    public var from: ISODate?
    public var to: ISODate?
    /// The most hits to return, 1 to ``maxLimit``.
    public var limit: Int

    /// The default number of hits.
    public static let defaultLimit = 20
    /// The most hits one search returns.
    public static let maxLimit = 200
    /// The most words a search reads; later ones are ignored.
    public static let maxTerms = 32

    public init(
        _ words: String, state: String? = nil, article: String? = nil, theme: String? = nil, status: String? = nil,
        from: ISODate? = nil, to: ISODate? = nil, limit: Int = SearchQuery.defaultLimit
    ) {
        self.words = words
        self.state = state
        self.article = article
        self.theme = theme
        self.status = status
        self.from = from
        self.to = to
        self.limit = limit
    }

    /// The words as separate terms: split at white space and control characters, keeping only
    /// those with a letter or a digit (the others hold nothing the index has), at most ``maxTerms``.
    public var terms: [String] {
        let pieces = words.unicodeScalars.split { $0.properties.isWhitespace || $0.properties.generalCategory == .control }
        return Array(pieces.lazy.map { String(String.UnicodeScalarView($0)) }
            .filter { $0.unicodeScalars.contains { $0.properties.isAlphabetic || $0.properties.numericType != nil } }
            .prefix(Self.maxTerms))
    }

    /// The FTS5 query: each term a quoted string (a quote inside doubled), all of them required.
    /// Inside quotes FTS5 reads no operator, column filter or prefix mark.
    var matchExpression: String {
        terms.map { "\"" + $0.split(separator: "\"", omittingEmptySubsequences: false).joined(separator: "\"\"") + "\"" }.joined(separator: " ")
    }
}
