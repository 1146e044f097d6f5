import LedgerModel
import LedgerStore

/// Every (State, obligation) cell of the ledger as of one date, as known at one moment: its
/// status (self-reported, or derived from treaty status), its assessed rating, the measure behind it.
/// All compliance reports are computed from a snapshot; none runs SQL.
public struct ComplianceSnapshot: Sendable {
    public let asOf: ISODate
    public let knownAt: KnownAt?
    /// The treaty requirement set accession obligations are judged by.
    public let treatySet: String
    public let catalogue: Catalogue
    public let directory: StateDirectory
    public let treatyIndex: TreatyStatusIndex
    /// The States and obligations in scope (after filters), in catalogue and ISO3 order.
    public let states: [State]
    public let obligations: [Obligation]
    /// What the filters were, for the report's header.
    public let scope: [String]
    /// Cells that rest on measures marked SYNTHETIC or EXAMPLE (test data).
    public let exampleCells: Int
    private let cells: [String: CellView]

    /// One cell.
    public struct CellView: Sendable {
        public let state: String
        public let obligation: String
        public let status: CellStatus
        public let rating: AssessmentRecord?
        /// The measure in force that gives a measure cell its status.
        public let measure: CellRecord?
        /// For accession cells: the derivation from treaty status.
        public let accession: AccessionStatus?

        public var contribution: Scoring.Contribution { Scoring.contribution(status: status, rating: rating?.fields.rating) }

        /// The cell's score, or nil when not applicable or not reported.
        public var score: Double? {
            if case .scored(let score, _) = contribution { return score }
            return nil
        }

        /// Where the status comes from: assessed, self-reported, treaty status, or nothing.
        public var basis: String {
            if rating != nil { return "assessed" }
            if accession != nil { return status == .notReported ? "no treaty data" : "treaty status" }
            return status == .notReported ? "not reported" : "self-reported"
        }
    }

    /// Filters on the cells a report covers.
    public struct Filter: Sendable, Hashable {
        public var region: RegionalGroup?
        public var theme: String?
        /// `Article 8`, `8` or `art8` (sub-paragraphs included).
        public var article: String?
        /// Include the non-member participants (kept out by default).
        public var nonMembers = false

        public init(region: RegionalGroup? = nil, theme: String? = nil, article: String? = nil, nonMembers: Bool = false) {
            self.region = region
            self.theme = theme
            self.article = article
            self.nonMembers = nonMembers
        }

        /// Reads the filters as a user writes them (`African`, `money-laundering`, `8`), checking
        /// the region and the theme against the catalogue; the command line and the server share it.
        public static func parse(
            region: String?, theme: String?, article: String?, catalogue: Catalogue
        ) throws(ReportRequest.Problem) -> Filter {
            var filter = Filter(article: article)
            if let region {
                guard let group = RegionalGroup.allCases.first(where: { $0.rawValue.lowercased() == region.lowercased() }) else {
                    throw .notOneOf(
                        field: "region", value: region, noun: "regional group", allowed: RegionalGroup.allCases.map(\.rawValue),
                        suggestions: Suggestion.nearest(to: region, among: RegionalGroup.allCases.map(\.rawValue)))
                }
                filter.region = group
            }
            if let theme {
                let themes = Set(catalogue.obligations.flatMap(\.themes)).sorted()
                guard themes.contains(theme) else {
                    throw .notOneOf(field: "theme", value: theme, noun: "theme", allowed: themes, suggestions: Suggestion.nearest(to: theme, among: themes))
                }
                filter.theme = theme
            }
            return filter
        }
    }

    /// Reads what the snapshot needs from the ledger.
    public static func make(
        ledger: Ledger, asOf: ISODate, knownAt: KnownAt? = nil, treatySet: String? = nil, filter: Filter = Filter()
    ) throws -> ComplianceSnapshot {
        let set = treatySet ?? ledger.treaties.defaultSet
        let measures = try ledger.cellStatuses(asOf: asOf, knownAt: knownAt)
        let ratings = try ledger.latestAssessments(asOf: asOf, knownAt: knownAt)
        let index = try ledger.treatyStatus(knownAt: knownAt)
        return ComplianceSnapshot(
            asOf: asOf, knownAt: knownAt, treatySet: set, catalogue: ledger.catalogue, directory: ledger.states, treatyIndex: index,
            measures: measures, ratings: ratings, filter: filter, exampleCells: try ledger.exampleCellCount())
    }

    init(
        asOf: ISODate, knownAt: KnownAt?, treatySet: String, catalogue: Catalogue, directory: StateDirectory,
        treatyIndex: TreatyStatusIndex, measures: [CellRecord], ratings: [AssessmentRecord], filter: Filter, exampleCells: Int = 0
    ) {
        self.exampleCells = exampleCells
        self.asOf = asOf
        self.knownAt = knownAt
        self.treatySet = treatySet
        self.catalogue = catalogue
        self.directory = directory
        self.treatyIndex = treatyIndex
        states = directory.states.filter { state in
            (filter.nonMembers || state.member) && (filter.region == nil || state.regionalGroup == filter.region)
        }
        let article = filter.article.map(Self.articleKey)
        obligations = catalogue.obligations.filter { obligation in
            (filter.theme == nil || obligation.themes.contains(filter.theme!))
                && (article == nil || Self.articleKey(catalogue.provision(of: obligation).article) == article)
        }
        var scope: [String] = []
        if let region = filter.region { scope.append("regional group \(region.rawValue)") }
        if let theme = filter.theme { scope.append("theme \(theme)") }
        if let articleText = filter.article { scope.append("Article \(Self.articleKey(articleText))") }
        self.scope = scope
        var byKey: [String: CellRecord] = [:]
        for record in measures { byKey[record.state + "|" + record.obligation] = record }
        var ratingByKey: [String: AssessmentRecord] = [:]
        for rating in ratings { ratingByKey[rating.fields.state + "|" + rating.fields.obligation] = rating }
        var cells: [String: CellView] = [:]
        for state in states {
            for obligation in obligations {
                let key = state.iso3 + "|" + obligation.id
                if obligation.kind == .accession {
                    let derived = treatyIndex.accession(of: state.iso3, obligation: obligation.id, asOf: asOf, set: treatySet)
                    cells[key] = CellView(
                        state: state.iso3, obligation: obligation.id, status: derived.status, rating: ratingByKey[key], measure: nil,
                        accession: derived)
                } else {
                    let measure = byKey[key]
                    cells[key] = CellView(
                        state: state.iso3, obligation: obligation.id, status: measure.map { CellStatus($0.status) } ?? .notReported,
                        rating: ratingByKey[key], measure: measure, accession: nil)
                }
            }
        }
        self.cells = cells
    }

    /// The cell of a State and an obligation in scope.
    public func cell(_ state: String, _ obligation: String) -> CellView? { cells[state + "|" + obligation] }

    /// Every cell in scope, States then obligations in order.
    public var allCells: [CellView] { states.flatMap { state in obligations.compactMap { cell(state.iso3, $0.id) } } }

    /// The tally of the cells of some States and obligations.
    public func tally(states: [State]? = nil, obligations: [Obligation]? = nil) -> ScoreTally {
        var tally = ScoreTally()
        for state in states ?? self.states {
            for obligation in obligations ?? self.obligations {
                guard let cell = cell(state.iso3, obligation.id) else { continue }
                tally.add(status: cell.status, rating: cell.rating?.fields.rating, derived: cell.accession != nil)
            }
        }
        return tally
    }

    /// The Articles in scope, in catalogue order, with their obligations.
    public var articles: [(name: String, obligations: [Obligation])] {
        var order: [String] = []
        var members: [String: [Obligation]] = [:]
        for obligation in obligations {
            let article = catalogue.provision(of: obligation).article
            if members[article] == nil { order.append(article) }
            members[article, default: []].append(obligation)
        }
        return order.map { ($0, members[$0]!) }
    }

    /// Lines that frame every report: the date, what was known when, the scope.
    public var frame: [String] {
        var lines = ["As of \(asOf) (measures in force and treaty actions dated on or before it)."]
        if let knownAt { lines.append("As the ledger knew it at \(knownAt) (events recorded later are left out).") }
        if !scope.isEmpty { lines.append("Scope: " + scope.joined(separator: ", ") + ".") }
        if exampleCells > 0 {
            lines.append(ReportDocument.bannerPrefix + " \(exampleCells) cells of this ledger rest on measures marked SYNTHETIC or EXAMPLE, which are not real measures; figures that include them describe no real State.")
        }
        return lines
    }

    static func articleKey(_ text: String) -> String {
        var key = text.lowercased()
        for prefix in ["article ", "art. ", "art"] where key.hasPrefix(prefix) { key.removeFirst(prefix.count) }
        return String(key.prefix { $0.isNumber })
    }
}
