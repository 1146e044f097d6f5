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
    public var scope: [String] { scopeLines.map(\.english) }
    /// The scope in any language.
    let scopeLines: [ReportLine]
    /// Cells that rest on measures marked SYNTHETIC or EXAMPLE (test data).
    public let exampleCells: Int
    /// The reporting rounds whose published answers the figures include (name and first publication time),
    /// as known at `knownAt`; empty when the ledger has no published round (every measure outside any round).
    public internal(set) var rounds: [(name: String, publishedAt: String)] = []
    /// Whether the answers of rounds not yet published count (`--include unpublished`): then this is not the published record.
    public internal(set) var includesUnpublished = false
    /// The cells in a grid, one row per State in scope and one column per obligation in scope (nil:
    /// left out by the basis filter), with the row and column of each ISO3 code and obligation id:
    /// a summary asks for every cell several times, and a string key built per lookup cost more than
    /// the rest of the report.
    private let cells: [CellView?]
    /// What the tally needs of each cell of `cells`, without its strings: a summary tallies every
    /// cell a dozen times (per group, per Article, overall), and copying a ``CellView`` out of the
    /// grid retains each of its strings and records, most of a summary's time.
    private let tallyInputs: [TallyInput?]
    private let rowOfState: [String: Int]
    private let columnOfObligation: [String: Int]

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
        /// Outside bodies' ratings of the items the crosswalk links to this obligation (evidence).
        public var external: [ExternalEvidence] = []
        /// The rating those give the cell through direct links (the lowest), when they score it:
        /// only when the ledger has no assessment of its own and outside ratings are allowed to score.
        public var externalRating: AssessmentRating? = nil

        /// The rating that scores the cell: the ledger's own, else the external one.
        public var effectiveRating: AssessmentRating? { rating?.fields.rating ?? externalRating }

        public var contribution: Scoring.Contribution { Scoring.contribution(status: status, rating: effectiveRating) }

        /// How every report counts and shows the cell: its status with its rating applied
        /// (`rated_externally` when an outside rating scores it).
        public var counted: CountedStatus { CountedStatus(status: status, rating: effectiveRating, external: rating == nil && externalRating != nil) }

        /// The cell's score, or nil when not applicable or not reported.
        public var score: Double? {
            if case .scored(let score, _) = contribution { return score }
            return nil
        }

        /// Where the status comes from: assessed, self-reported, treaty status, or nothing.
        public var basis: String {
            if rating != nil { return "assessed" }
            if externalRating != nil { return "external" }
            if accession != nil { return status == .notReported ? "no treaty data" : "treaty status" }
            return status == .notReported ? "not reported" : "self-reported"
        }

        /// ``basis`` (or the accession's, as reports show it) in any language.
        var basisLine: ReportLine {
            if let accession { return ReportLine { $0.basis(accession) } }
            let words = self.basis
            return ReportLine { $0.basis(words) }
        }
    }

    /// An outside rating shown as evidence for a cell: the link that carries it and the rating.
    public struct ExternalEvidence: Sendable, Hashable, Encodable {
        public let body: String
        public let item: String
        public let rating: ExternalRating
        public let report: String
        public let reportMonth: String
        public let strength: Crosswalk.Strength
        public let seq: Int64

        /// `FATF R.11: LC, follow-up report 2024-03`.
        public var label: String { "\(body) \(item): \(rating.rawValue), \(report) \(reportMonth)" }

        enum CodingKeys: String, CodingKey {
            case body, item, rating, report, strength, seq
            case reportMonth = "report_month"
        }
    }

    /// Which cells a report counts, by where their score comes from (`--basis`).
    public enum Basis: String, Sendable, Hashable, CaseIterable {
        /// The State's own report (measures).
        case `self`
        /// The ledger's own reviewers' assessments.
        case assessed
        /// An outside body's rating through a direct crosswalk link.
        case external

        func matches(_ cell: CellView) -> Bool {
            switch self {
            case .self: cell.rating == nil && cell.externalRating == nil && cell.accession == nil && cell.status != .notReported
            case .assessed: cell.rating != nil
            case .external: cell.rating == nil && cell.externalRating != nil
            }
        }
    }

    /// Filters on the cells a report covers.
    public struct Filter: Sendable, Hashable {
        /// Only the cells of this basis (nil: every cell).
        public var basis: Basis?
        /// Whether outside ratings through direct crosswalk links score cells the ledger has not assessed
        /// (the default) or are shown as evidence only.
        public var externalScores = true
        public var region: RegionalGroup?
        public var theme: String?
        /// One Article as ``Catalogue/obligations(article:)`` reads it: `8`, `Article 8` or `art8`; `7` is
        /// Article 7 itself, `7a` Article 7(a).
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
            if let article {
                do throws(Catalogue.UnknownArticle) { _ = try catalogue.obligations(article: article) } catch {
                    throw .notOneOf(field: "article", value: article, noun: "known Article", allowed: error.known, suggestions: [])
                }
            }
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

    /// Reads what the snapshot needs from the ledger, in one read transaction.
    /// With `includeUnpublished` (and no `knownAt`), the answers of rounds not yet published count as if they were.
    public static func make(
        ledger: Ledger, asOf: ISODate, knownAt: KnownAt? = nil, treatySet: String? = nil, filter: Filter = Filter(), includeUnpublished: Bool = false
    ) throws -> ComplianceSnapshot {
        try ledger.snapshot { reader in
            try make(reader: reader, asOf: asOf, knownAt: knownAt, treatySet: treatySet, filter: filter, includeUnpublished: includeUnpublished)
        }
    }

    /// Reads what the snapshot needs through `reader`, so that it agrees with every other read of the same report.
    public static func make(
        reader: LedgerSnapshot, asOf: ISODate, knownAt: KnownAt? = nil, treatySet: String? = nil, filter: Filter = Filter(),
        includeUnpublished: Bool = false
    ) throws -> ComplianceSnapshot {
        let ledger = reader.ledger
        let set = treatySet ?? ledger.treaties.defaultSet
        let unpublished = includeUnpublished && knownAt == nil
        let measures = unpublished ? try reader.cellStatusesIncludingUnpublished(asOf: asOf) : try reader.cellStatuses(asOf: asOf, knownAt: knownAt)
        let ratings = try reader.latestAssessments(asOf: asOf, knownAt: knownAt)
        let index = try reader.treatyStatus(knownAt: knownAt)
        var snapshot = ComplianceSnapshot(
            asOf: asOf, knownAt: knownAt, treatySet: set, catalogue: ledger.catalogue,
            directory: try reader.states(asOf: asOf, knownAt: knownAt), treatyIndex: index,
            measures: measures, ratings: ratings, filter: filter, exampleCells: try reader.exampleCellCount(),
            external: try reader.externalAssessments(asOf: asOf, knownAt: knownAt), crosswalk: try Ledger.fatfCrosswalk())
        snapshot.rounds = try reader.publishedRounds(knownAt: knownAt)
        snapshot.includesUnpublished = unpublished
        return snapshot
    }

    init(
        asOf: ISODate, knownAt: KnownAt?, treatySet: String, catalogue: Catalogue, directory: StateDirectory,
        treatyIndex: TreatyStatusIndex, measures: [CellRecord], ratings: [AssessmentRecord], filter: Filter, exampleCells: Int = 0,
        external: [ExternalAssessmentRecord] = [], crosswalk: Crosswalk? = nil
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
        // An Article the catalogue does not have (a Filter made without parse) keeps no obligation.
        let articleObligations = filter.article.map { (try? catalogue.obligations(article: $0)) ?? [] }
        let inArticle = articleObligations.map { Set($0.map(\.id)) }
        obligations = catalogue.obligations.filter { obligation in
            (filter.theme == nil || obligation.themes.contains(filter.theme!)) && (inArticle?.contains(obligation.id) ?? true)
        }
        var scope: [ReportLine] = []
        if let region = filter.region { scope.append(ReportLine { $0.text("report.scope.region", ["group": $0.name(region)]) }) }
        if let theme = filter.theme { scope.append(ReportLine { $0.text("report.scope.theme", ["theme": theme]) }) }
        if let articleText = filter.article {
            let label = articleObligations?.first.map { catalogue.provision(of: $0).label } ?? "Article \(articleText)"
            scope.append(ReportLine { $0.provisionLabel(label) })
        }
        if let basis = filter.basis { scope.append(ReportLine { $0.text("report.scope.basis", ["basis": basis.rawValue]) }) }
        self.scopeLines = scope
        var rowOfState: [String: Int] = [:]
        for (row, state) in states.enumerated() { rowOfState[state.iso3] = row }
        var columnOfObligation: [String: Int] = [:]
        for (column, obligation) in obligations.enumerated() { columnOfObligation[obligation.id] = column }
        let width = obligations.count
        func position(_ state: String, _ obligation: String) -> Int? {
            guard let row = rowOfState[state], let column = columnOfObligation[obligation] else { return nil }
            return row * width + column
        }
        var measureAt = [CellRecord?](repeating: nil, count: states.count * width)
        for record in measures {
            if let at = position(record.state, record.obligation) { measureAt[at] = record }
        }
        var ratingAt = [AssessmentRecord?](repeating: nil, count: states.count * width)
        for rating in ratings {
            if let at = position(rating.fields.state, rating.fields.obligation) { ratingAt[at] = rating }
        }
        var evidence: [Int: [ExternalEvidence]] = [:]
        if let crosswalk {
            var linksByItem: [String: [Crosswalk.Link]] = [:]
            for link in crosswalk.links { linksByItem[link.item, default: []].append(link) }
            for record in external where record.fields.body == crosswalk.body {
                for link in linksByItem[record.fields.item] ?? [] {
                    let f = record.fields
                    guard let at = position(f.state, link.obligation) else { continue }
                    evidence[at, default: []].append(ExternalEvidence(
                        body: f.body, item: f.item, rating: f.rating, report: f.report, reportMonth: f.reportMonth, strength: link.strength,
                        seq: record.seq))
                }
            }
        }
        var cells: [CellView?] = []
        cells.reserveCapacity(states.count * width)
        for state in states {
            for obligation in obligations {
                let at = cells.count
                if obligation.kind == .accession {
                    let derived = treatyIndex.accession(of: state.iso3, obligation: obligation.id, asOf: asOf, set: treatySet)
                    cells.append(CellView(
                        state: state.iso3, obligation: obligation.id, status: derived.status, rating: ratingAt[at], measure: nil,
                        accession: derived))
                } else {
                    let measure = measureAt[at]
                    cells.append(CellView(
                        state: state.iso3, obligation: obligation.id, status: measure.map { CellStatus($0.status) } ?? .notReported,
                        rating: ratingAt[at], measure: measure, accession: nil))
                }
            }
        }
        for (at, found) in evidence {
            guard var cell = cells[at] else { continue }
            cell.external = found
            if filter.externalScores && cell.rating == nil {
                // Direct links only, technical-compliance ratings only (C, LC, PC, NC); the lowest when several.
                cell.externalRating = found.filter { $0.strength == .direct }.compactMap { $0.rating.assessmentRating }
                    .filter { $0.score != nil }.min { $0.score! < $1.score! }
            }
            cells[at] = cell
        }
        if let basis = filter.basis {
            for at in cells.indices where cells[at].map(basis.matches) == false { cells[at] = nil }
        }
        self.cells = cells
        tallyInputs = cells.map { $0.map(TallyInput.init) }
        self.rowOfState = rowOfState
        self.columnOfObligation = columnOfObligation
    }

    /// The cell of a State and an obligation in scope.
    public func cell(_ state: String, _ obligation: String) -> CellView? {
        guard let row = rowOfState[state], let column = columnOfObligation[obligation] else { return nil }
        return cells[row * obligations.count + column]
    }

    /// Every cell in scope, States then obligations in order.
    public var allCells: [CellView] { cells.compactMap { $0 } }

    /// The tally of the cells of some States and obligations.
    public func tally(states: [State]? = nil, obligations: [Obligation]? = nil) -> ScoreTally {
        var tally = ScoreTally()
        let width = self.obligations.count
        let rows = states.map { $0.compactMap { rowOfState[$0.iso3] } } ?? Array(self.states.indices)
        let columns = obligations.map { $0.compactMap { columnOfObligation[$0.id] } } ?? Array(self.obligations.indices)
        for row in rows {
            for column in columns {
                guard let cell = tallyInputs[row * width + column] else { continue }
                tally.add(status: cell.status, rating: cell.rating, derived: cell.derived, external: cell.external)
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
    public var frame: [String] { frameLines.map(\.english) }

    /// ``frame`` in any language.
    var frameLines: [ReportLine] {
        let asOf = self.asOf, knownAt = self.knownAt, scope = scopeLines, exampleCells = self.exampleCells
        var lines = [ReportLine { $0.text("report.frame.as_of", ["date": asOf.description]) }]
        if let knownAt { lines.append(ReportLine { $0.text("report.frame.known_at", ["time": knownAt.description]) }) }
        if !scope.isEmpty { lines.append(ReportLine { l in l.text("report.frame.scope", ["scope": scope.map { $0.text(l) }.joined(separator: l.text("report.list_separator"))]) }) }
        if let line = externalLines() { lines.append(line) }
        if let roundsLine = roundsLines { lines.append(roundsLine) }
        if exampleCells > 0 {
            lines.append(ReportLine { l in l.text("report.frame.test_data_label") + " " + l.plural("report.frame.test_data", count: exampleCells) })
        }
        return lines
    }

    /// A line that names the reporting rounds the figures rest on, when any round was published.
    /// Drafts, and answers submitted or accepted but not published, never count in a report.
    public var roundsLine: String? { roundsLines?.english }

    /// ``roundsLine`` in any language.
    var roundsLines: ReportLine? {
        if includesUnpublished { return ReportLine { $0.text("report.frame.unpublished") } }
        guard !rounds.isEmpty else { return nil }
        let named = rounds.map { (name: $0.name, published: String($0.publishedAt.prefix(10))) }
        return ReportLine { l in
            l.plural("report.frame.rounds", count: named.count, [
                "rounds": named.map { l.text("report.frame.round", ["name": $0.name, "date": $0.published]) }.joined(separator: l.text("report.list_separator"))
            ])
        }
    }

    /// A line that says how outside ratings count, when any is in scope; `members` counts the cells
    /// of UN Member States only (the scope of a summary's figures), else every cell in scope.
    public func externalLine(members: Bool = false) -> String? { externalLines(members: members)?.english }

    /// ``externalLine(members:)`` in any language.
    func externalLines(members: Bool = false) -> ReportLine? {
        let counted = cells.lazy.compactMap { $0 }.filter { !members || directory[$0.state]?.member == true }
        let cellsWithEvidence = counted.count(where: { !$0.external.isEmpty })
        guard cellsWithEvidence > 0 else { return nil }
        let scored = counted.count(where: { $0.counted == .ratedExternally })
        return ReportLine { l in
            (members
                ? l.plural("report.frame.external_member_cells", count: cellsWithEvidence, ["hint": l.text("report.hint.crosswalk")])
                : l.plural("report.frame.external_cells", count: cellsWithEvidence, ["hint": l.text("report.hint.crosswalk")]))
                + (scored > 0 ? l.plural("report.frame.external_scored", count: scored) : l.text("report.frame.external_none_scored"))
                + l.text("report.frame.external_evidence")
        }
    }

    /// Where the crosswalk is listed, in the words of the command line (``ReportDocument/forBrowser(_:)`` rewords it).
    static var crosswalkHint: String { Localizer.english.text("report.hint.crosswalk") }
}

extension ScoreTally {
    /// Adds one cell of a snapshot, with its own or external rating and its basis.
    mutating func add(_ cell: ComplianceSnapshot.CellView) {
        let input = TallyInput(cell)
        add(status: input.status, rating: input.rating, derived: input.derived, external: input.external)
    }
}
