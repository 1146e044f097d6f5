import Foundation

/// The obligation catalogue of one instrument: its provisions and the obligations drawn from them.
///
/// The catalogue is data (`Fixtures/catalogue.json`); another instrument can be described in the
/// same form without code changes.
public struct Catalogue: Sendable, Codable {
    public let instrument: Instrument
    public let provisions: [Provision]
    public let obligations: [Obligation]

    private let obligationIndex: [String: Int]
    private let provisionIndex: [String: Int]

    enum CodingKeys: String, CodingKey { case instrument, provisions, obligations }

    public init(instrument: Instrument, provisions: [Provision], obligations: [Obligation]) {
        self.instrument = instrument
        self.provisions = provisions
        self.obligations = obligations
        obligationIndex = Dictionary(uniqueKeysWithValues: obligations.enumerated().map { ($1.id, $0) })
        provisionIndex = Dictionary(uniqueKeysWithValues: provisions.enumerated().map { ($1.ref, $0) })
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let obligations = try c.decode([Obligation].self, forKey: .obligations)
        let provisions = try c.decode([Provision].self, forKey: .provisions)
        let refs = Set(provisions.map(\.ref))
        var seen = Set<String>()
        for obligation in obligations {
            guard seen.insert(obligation.id).inserted else {
                throw DecodingError.dataCorruptedError(
                    forKey: .obligations, in: c, debugDescription: "Obligation id '\(obligation.id)' appears twice.")
            }
            guard refs.contains(obligation.provision) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .obligations, in: c,
                    debugDescription: "Obligation '\(obligation.id)' names provision '\(obligation.provision)', which the catalogue does not have.")
            }
        }
        self.init(
            instrument: try c.decode(Instrument.self, forKey: .instrument), provisions: provisions,
            obligations: obligations)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(instrument, forKey: .instrument)
        try c.encode(provisions, forKey: .provisions)
        try c.encode(obligations, forKey: .obligations)
    }

    /// Decodes a catalogue from its JSON form.
    public static func decode(json data: Data) throws -> Catalogue {
        try JSONDecoder().decode(Catalogue.self, from: data)
    }

    public func obligation(_ id: String) -> Obligation? { obligationIndex[id].map { obligations[$0] } }

    public func provision(_ ref: String) -> Provision? { provisionIndex[ref].map { provisions[$0] } }

    /// The provision an obligation comes from.
    public func provision(of obligation: Obligation) -> Provision { provision(obligation.provision)! }

    /// The nearest obligation ids to a mistyped one.
    public func suggestions(forObligation text: String) -> [String] {
        Suggestion.nearest(to: text, among: obligations.map(\.id))
    }

    /// The Articles of the instrument as a user names them, in catalogue order: `1`, ..., `7`, `7a`,
    /// ..., `11` (the provisions whose reference is `art…`; a sub-paragraph such as 7(a) is one of its own).
    public var articles: [String] {
        provisions.compactMap { $0.ref.hasPrefix("art") ? String($0.ref.dropFirst(3)) : nil }
    }

    /// The obligations of one Article, in catalogue order: `7` is Article 7 itself (not 7(a) to 7(d)),
    /// `7a` Article 7(a); `Article 7(a)`, `art7a` and `7A` name the same. The one reading of "Article"
    /// that rounds, reports, the API and the dashboard share. An Article the instrument does not have
    /// throws ``UnknownArticle``, naming the ones it has.
    public func obligations(article: String) throws(UnknownArticle) -> [Obligation] {
        let key = Self.articleKey(article)
        guard articles.contains(key) else { throw UnknownArticle(value: article, known: articles) }
        return obligations.filter { $0.provision == "art" + key }
    }

    /// `Article 7(a)`, `art. 7a`, `art7a`, ` 7A ` → `7a`.
    static func articleKey(_ text: String) -> String {
        var key = text.lowercased().trimmingCharacters(in: .whitespaces)
        for prefix in ["article", "art.", "art"] where key.hasPrefix(prefix) {
            key.removeFirst(prefix.count)
            break
        }
        return key.filter { !$0.isWhitespace && $0 != "(" && $0 != ")" }
    }

    /// An Article the instrument does not have.
    public struct UnknownArticle: Error, Sendable, Hashable, CustomStringConvertible {
        /// The Article as it was given.
        public let value: String
        /// The Articles the instrument has (``Catalogue/articles``).
        public let known: [String]

        public var description: String {
            "'\(value)' is not an Article of the catalogue; its Articles are \(known.joined(separator: ", "))."
        }
    }
}
