import Foundation
import LedgerModel
import LedgerStore

/// One report to produce: its kind, dates, filters and format. The command line and the server
/// both go through it, so a report reads the same wherever it is asked for.
public struct ReportRequest: Sendable {
    /// The report kinds.
    public enum Kind: String, Sendable, CaseIterable {
        case summary, state, obligation, matrix, changes, treaties, quality
    }

    /// The formats.
    public enum Format: String, Sendable, CaseIterable {
        case text, md, csv, json, html, xlsx

        public var contentType: String {
            switch self {
            case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            case .text: "text/plain; charset=utf-8"
            case .md: "text/markdown; charset=utf-8"
            case .csv: "text/csv; charset=utf-8"
            case .json: "application/json"
            case .html: "text/html; charset=utf-8"
            }
        }
    }

    public var kind: Kind
    public var format: Format
    public var asOf: ISODate
    public var knownAt: KnownAt?
    public var treatySet: String?
    public var filter: ComplianceSnapshot.Filter
    /// `state` reports: the ISO3 code; `obligation` reports: the obligation id; `treaties`: a treaty (optional).
    public var subject: String?
    /// `changes`: the earlier date (`asOf` is the later).
    public var from: ISODate?
    /// `treaties` and `quality`: the threshold in years (defaults 10 and 5).
    public var staleYears: Int?
    /// `treaties` and `quality`: treaty status data older than this many years is stale (default 5).
    public var staleDataYears: Int?
    /// Count the answers of reporting rounds not yet published (a reviewer's look; not the published record).
    public var includeUnpublished = false
    /// HTML for the dashboard: its navigation, links and sorted tables (nil: a self-contained report file).
    public var dashboard: ReportDocument.Dashboard?
    /// The language of the words people read (text, Markdown, HTML, XLSX); JSON and CSV stay English.
    public var language: Language = .en

    public init(
        kind: Kind, format: Format = .json, asOf: ISODate, knownAt: KnownAt? = nil, treatySet: String? = nil,
        filter: ComplianceSnapshot.Filter = .init(), subject: String? = nil, from: ISODate? = nil, staleYears: Int? = nil,
        staleDataYears: Int? = nil
    ) {
        self.kind = kind
        self.format = format
        self.asOf = asOf
        self.knownAt = knownAt
        self.treatySet = treatySet
        self.filter = filter
        self.subject = subject
        self.from = from
        self.staleYears = staleYears
        self.staleDataYears = staleDataYears
    }

    /// What can be wrong with a report request, before any reading.
    public enum Problem: Error, Sendable, CustomStringConvertible {
        case unknownSubject(field: String, value: String, suggestions: [String])
        case missing(field: String)
        case badRange(from: ISODate, to: ISODate)
        case unknownSet(String, [String])
        case emptyScope(String)
        /// A value that is not one of the allowed ones (a region, a theme).
        case notOneOf(field: String, value: String, noun: String, allowed: [String], suggestions: [String])
        /// A date outside the dates reports are served for (``ReportRequest/servedDates(today:)``).
        case dateNotServed(field: String, value: ISODate, served: ClosedRange<ISODate>)

        public var description: String {
            switch self {
            case .unknownSubject(let field, let value, let suggestions):
                "\(field) '\(value)' is unknown" + (suggestions.isEmpty ? "." : "; did you mean \(suggestions.joined(separator: " or "))?")
            case .missing(let field): "\(field) is required for this report."
            case .badRange(let from, let to): "from \(from) is after to \(to)."
            case .unknownSet(let set, let sets): "treaty set '\(set)' is not a requirement set; use one of \(sets.joined(separator: ", "))."
            case .emptyScope(let what): "\(what) matches no obligation; the Declaration has Articles 1 to 11."
            case .notOneOf(let field, let value, let noun, let allowed, let suggestions):
                "\(field) '\(value)' is not a \(noun)" + (suggestions.isEmpty ? "." : "; did you mean \(suggestions.joined(separator: " or "))?")
                    + " Use one of: " + allowed.joined(separator: ", ") + "."
            case .dateNotServed(let field, let value, let served):
                "\(field) \(value) is outside the dates reports are served for: \(served.lowerBound) (the founding of the United Nations) to "
                    + "\(served.upperBound) (the latest date a measure may take effect, \(MeasureFields.effectiveYearsAhead) years ahead)."
            }
        }

        /// The request field the problem is about.
        public var field: String {
            switch self {
            case .unknownSubject(let field, _, _), .missing(let field), .notOneOf(let field, _, _, _, _), .dateNotServed(let field, _, _): field
            case .badRange: "from"
            case .unknownSet: "treaty_set"
            case .emptyScope: "article"
            }
        }
    }

    /// The dates a report may be asked for (`as_of`, `from`, `to`): from the founding of the United
    /// Nations (1945-10-24), before which no State was a Member, to the latest date a measure may take
    /// effect (31 December, ``MeasureFields/effectiveYearsAhead`` years after `today`'s year). Nothing
    /// changes after that bound, so a later date would only cost more (9999-12-31 took 6 s).
    public static func servedDates(today: ISODate = .utc()) -> ClosedRange<ISODate> {
        ISODate(year: 1945, month: 10, day: 24)!...MeasureFields.latestEffectiveDate(today: today)
    }

    /// Throws ``Problem/dateNotServed(field:value:served:)`` when `date` is outside ``servedDates(today:)``;
    /// `field` names the parameter as the caller's user wrote it (`as_of`, `--as-of`).
    public static func checkServed(_ date: ISODate, field: String, today: ISODate = .utc()) throws(Problem) {
        let served = servedDates(today: today)
        guard served.contains(date) else { throw Problem.dateNotServed(field: field, value: date, served: served) }
    }

    /// The report, rendered; `regressions` counts cells that went down (changes reports).
    public struct Output: Sendable {
        /// The rendered bytes: UTF-8 text, or a workbook for `xlsx`.
        public let bytes: [UInt8]
        public let contentType: String
        public let regressions: Int
        /// The last sequence number of the ledger the report was read at: every figure in it is the
        /// ledger's as of that event (one read transaction), so a cache may keep it under that head.
        public let head: Int64

        /// The rendered text (the formats other than `xlsx`).
        public var body: String { String(decoding: bytes, as: UTF8.self) }
    }

    /// Reads the ledger, in one read transaction, and renders the report.
    public func render(ledger: Ledger) throws -> Output {
        try checkBeforeReading(ledger: ledger)
        return try ledger.snapshot { try render($0) }
    }

    /// The checks of the request that need no read: its dates are served, its treaty set exists.
    func checkBeforeReading(ledger: Ledger) throws {
        try Self.checkServed(asOf, field: kind == .changes ? "to" : "as_of")
        if let from { try Self.checkServed(from, field: "from") }
        if let set = treatySet, ledger.treaties.sets[set] == nil { throw Problem.unknownSet(set, ledger.treaties.setNames) }
    }

    /// Renders the report from what `reader` sees.
    func render(_ reader: LedgerSnapshot) throws -> Output {
        let ledger = reader.ledger
        func snapshot(_ date: ISODate, nonMembers: Bool = false) throws -> ComplianceSnapshot {
            var scoped = filter
            scoped.nonMembers = scoped.nonMembers || nonMembers
            let result = try ComplianceSnapshot.make(
                reader: reader, asOf: date, knownAt: knownAt, treatySet: treatySet, filter: scoped, includeUnpublished: includeUnpublished)
            if result.obligations.isEmpty { throw Problem.emptyScope([filter.article.map { "article \($0)" }, filter.theme.map { "theme \($0)" }].compactMap { $0 }.joined(separator: " with ")) }
            return result
        }
        // Read in the same transaction as every figure: the tree the report was computed at.
        let log = try reader.logState()
        func write<T: Encodable>(_ model: T, _ document: () -> ReportDocument, csv: () -> String, text: (() -> String)? = nil) throws -> [UInt8] {
            func laidOut() -> ReportDocument {
                var laid = document()
                laid.log = log.line
                return laid
            }
            switch format {
            case .text: return Array((text.map { $0() + ReportDocument.textFooter(log.line) } ?? laidOut().renderText()).utf8)
            case .md: return Array(laidOut().renderMarkdown().utf8)
            case .html: return Array(laidOut().renderHTML(dashboard: dashboard).utf8)
            // Tidy CSV stays one table (Contracts/table): the log state is in every other format.
            case .csv: return Array(csv().utf8)
            case .xlsx: return try laidOut().renderXLSX()
            case .json:
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                return Array(try encoder.encode(Logged(model: model, log: log))) + [UInt8(ascii: "\n")]
            }
        }
        var regressions = 0
        let body: [UInt8]
        let words = Localizer.shipped(language)
        switch kind {
        case .summary:
            let shot = try snapshot(asOf, nonMembers: true)
            let report = SummaryReport.make(snapshot: shot, staleDataYears: staleDataYears ?? 5)
            let states = try reader.states(asOf: asOf, knownAt: knownAt)
            body = try write(report, {
                let audit = TreatyAuditReport.make(index: shot.treatyIndex, states: states, asOf: asOf, set: shot.treatySet)
                let required = Set(ledger.treaties.requirements.values.flatMap { $0[shot.treatySet] ?? [] }.joined())
                return report.document(
                    snapshot: shot, timeline: audit.timeline.filter { required.contains($0.treaty) }, localizer: words)
            }, csv: report.renderCSV, text: { report.renderText(words) })
        case .state:
            guard let iso3 = subject else { throw Problem.missing(field: "state") }
            guard ledger.states[iso3] != nil else { throw Problem.unknownSubject(field: "state", value: iso3, suggestions: ledger.states.suggestions(for: iso3)) }
            guard let report = try StateReport.make(snapshot: try snapshot(asOf, nonMembers: true), state: iso3, reader: reader) else {
                throw Problem.unknownSubject(field: "state", value: iso3, suggestions: [])
            }
            body = try write(report, { report.document(localizer: words) }, csv: report.renderCSV)
        case .obligation:
            guard let id = subject else { throw Problem.missing(field: "obligation") }
            guard let report = try ObligationReport.make(snapshot: try snapshot(asOf), obligation: id, reader: reader) else {
                throw Problem.unknownSubject(field: "obligation", value: id, suggestions: ledger.catalogue.suggestions(forObligation: id))
            }
            body = try write(report, { report.document(localizer: words) }, csv: report.renderCSV)
        case .matrix:
            let report = MatrixReport.make(snapshot: try snapshot(asOf))
            body = try write(report, { report.document(localizer: words) }, csv: report.renderCSV)
        case .changes:
            guard let from else { throw Problem.missing(field: "from") }
            guard from <= asOf else { throw Problem.badRange(from: from, to: asOf) }
            let report = ChangesReport.make(before: try snapshot(from), after: try snapshot(asOf))
            regressions = report.regressions
            body = try write(report, { report.document(localizer: words) }, csv: report.renderCSV)
        case .treaties:
            // The index holds the catalogue as known then: with the treaties the ledger added by that time.
            let index = try reader.treatyStatus(knownAt: knownAt)
            var id: String?
            if let subject {
                guard let treaty = index.catalogue.treaty(idOrUNTC: subject) else {
                    throw Problem.unknownSubject(field: "treaty", value: subject, suggestions: index.catalogue.suggestions(for: subject))
                }
                id = treaty.id
            }
            let report = TreatyAuditReport.make(
                index: index, tables: try reader.treatyTables(knownAt: knownAt),
                states: try reader.states(asOf: asOf, knownAt: knownAt),
                asOf: asOf, treaty: id, set: treatySet, staleYears: staleYears ?? 10, staleDataYears: staleDataYears ?? 5)
            body = try write(report, { report.document(localizer: words) }, csv: report.renderCSV)
        case .quality:
            let report = try QualityReport.make(
                snapshot: try snapshot(asOf), reader: reader, staleYears: staleYears ?? 5, staleDataYears: staleDataYears ?? 5)
            body = try write(report, { report.document(localizer: words) }, csv: report.renderCSV)
        }
        return Output(bytes: body, contentType: format.contentType, regressions: regressions, head: reader.head)
    }
}

/// A report's JSON with the log state beside its own keys: `"log": {"size", "root", "checkpoint"}`.
private struct Logged<Model: Encodable>: Encodable {
    let model: Model
    let log: LogState

    enum CodingKeys: String, CodingKey { case log }

    func encode(to encoder: Encoder) throws {
        try model.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(log, forKey: .log)
    }
}
