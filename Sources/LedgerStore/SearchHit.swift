import LedgerModel

/// One result of ``Ledger/search(_:)``: a measure, an assessment's comment, a State or an
/// obligation, with the words that matched shown in their context.
public struct SearchHit: Sendable, Hashable {
    /// What a hit is.
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        case measure, assessment, state, obligation
    }

    /// A piece of text, and whether it is a word the search matched.
    public struct Fragment: Sendable, Hashable, Codable {
        public let text: String
        public let match: Bool

        public init(text: String, match: Bool) {
            self.text = text
            self.match = match
        }
    }

    public let kind: Kind
    /// The measure's id, the assessment's sequence number, the State's ISO3 or the obligation's id.
    public let key: String
    /// The State of a measure, an assessment or a State hit.
    public let state: String?
    /// The obligation of a measure, an assessment or an obligation hit.
    public let obligation: String?
    /// The measure's title, the State's name or the obligation's title (empty for an assessment),
    /// with the matched words marked.
    public let title: [Fragment]
    /// A passage of the rest of the text (a measure's source, note and justification, an
    /// assessment's comment, a State's code and aliases, an obligation's provision), with the
    /// matched words marked; cut at about 24 words with "…".
    public let context: [Fragment]
    /// A measure's implementation status and effective date.
    public let status: ImplementationStatus?
    public let effectiveDate: ISODate?
    /// An assessment's rating and the day it was made.
    public let rating: AssessmentRating?
    public let assessedOn: ISODate?

    /// `text` as SQLite's snippet() and highlight() mark it (``Ledger/matchStart`` … ``Ledger/matchEnd``), cut into fragments.
    static func fragments(_ text: String) -> [Fragment] {
        var fragments: [Fragment] = []
        var current = "", inMatch = false
        func close() {
            if !current.isEmpty { fragments.append(Fragment(text: current, match: inMatch)) }
            current = ""
        }
        for scalar in text.unicodeScalars {
            if scalar == Ledger.matchStart || scalar == Ledger.matchEnd {
                close()
                inMatch = scalar == Ledger.matchStart
            } else {
                current.unicodeScalars.append(scalar)
            }
        }
        close()
        return fragments
    }

    /// The JSON of a search (`GET /api/search`, `cpsledger search --format json`): the query as read (its terms included) and the hits, best first.
    package static func json(_ query: SearchQuery, hits: [SearchHit], ledger: Ledger) -> JSONValue {
        func optional(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
        func fragments(_ list: [SearchHit.Fragment]) -> JSONValue {
            .array(list.map { .object(["text": .string($0.text), "match": .bool($0.match)]) })
        }
        return .object([
            "query": .object([
                "q": .string(query.words), "terms": .array(query.terms.map { .string($0) }), "state": optional(query.state?.uppercased()),
                "article": optional(query.article), "theme": optional(query.theme), "status": optional(query.status),
                "from": optional(query.from?.description), "to": optional(query.to?.description), "limit": .int(query.limit),
            ]),
            "count": .int(hits.count),
            "hits": .array(hits.map { hit in
                .object([
                    "kind": .string(hit.kind.rawValue), "key": .string(hit.key),
                    "state": optional(hit.state), "state_name": optional(hit.state.flatMap { ledger.states[$0]?.name }),
                    "obligation": optional(hit.obligation), "obligation_title": optional(hit.obligation.flatMap { ledger.catalogue.obligation($0)?.title }),
                    "title": fragments(hit.title), "context": fragments(hit.context),
                    "status": optional(hit.status?.rawValue), "effective_date": optional(hit.effectiveDate?.description),
                    "rating": optional(hit.rating?.rawValue), "assessed_on": optional(hit.assessedOn?.description),
                ])
            }),
        ])
    }
}
