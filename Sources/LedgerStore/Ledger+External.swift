import Crypto
import Foundation
import GRDB
import LedgerFixtures
import LedgerModel

/// What an import of an outside body's ratings did.
public struct ExternalImportSummary: Sendable, Hashable {
    /// Jurisdiction rows read.
    public let rows: Int
    /// Rows that mapped to a State of the ledger.
    public let states: Int
    /// Jurisdictions that are not States, listed and skipped.
    public let skipped: [JurisdictionMap.NonState]
    /// Ratings recorded as new events (new, or changed since the rating in force).
    public let recorded: Int
    /// Ratings equal to the one in force, or from a report older than it: nothing written.
    public let unchanged: Int
    /// Every rating the file gives the States (recorded or not), by rating.
    public let ratingCounts: [ExternalRating: Int]
    /// The file's SHA-256.
    public let sha256: String
    public let firstSeq: Int64?
    public let lastSeq: Int64?
    public let dryRun: Bool
}

/// An outside body's rating as the ledger holds it.
public struct ExternalAssessmentRecord: Sendable, Hashable {
    public let seq: Int64
    public let fields: ExternalAssessmentFields
    public let actor: String
}

extension Ledger {
    /// The FATF crosswalk shipped in `Fixtures/crosswalks/fatf.json`, decoded once per process
    /// (every report and every `history` reads it).
    public static func fatfCrosswalk() throws -> Crosswalk {
        try embeddedFATFCrosswalk.get()
    }

    private static let embeddedFATFCrosswalk = Result { try Crosswalk.decode(json: LedgerFixtures.fatfCrosswalkJSON) }

    /// The obligation catalogue this build embeds (what a crosswalk is checked against without a ledger).
    public static func embeddedCatalogue() throws -> Catalogue {
        try Catalogue.decode(json: LedgerFixtures.catalogueJSON)
    }

    /// The FATF jurisdiction names shipped in `Fixtures/crosswalks/fatf-jurisdictions.json`.
    public static func fatfJurisdictions() throws -> JurisdictionMap {
        try JurisdictionMap.decode(json: LedgerFixtures.fatfJurisdictionsJSON)
    }

    /// The columns of the FATF consolidated ratings (`iso2,country,methodology,assessment_date,ratings_date,R1..R40,IO1..IO11`).
    public static let fatfColumns: [String] =
        ["iso2", "country", "methodology", "assessment_date", "ratings_date"] + (1...40).map { "r\($0)" } + (1...11).map { "io\($0)" }

    /// Where the consolidated ratings come from, recorded in every event.
    static let fatfSource = "FATF consolidated assessment ratings (fatf-gafi.org, Mutual evaluations, Assessment ratings)"

    /// Imports the FATF's consolidated assessment ratings (one row per jurisdiction) in one
    /// transaction: each rating of a State becomes an `external_assessment.recorded` event, unless
    /// the ledger's rating in force for that (State, item) is the same or comes from a later report.
    /// Jurisdictions that are not States are listed and skipped; a name that matches no State stops
    /// the import (nothing written) with suggestions.
    public func importFATF(path: String, dryRun: Bool = false, actor: String) throws -> ExternalImportSummary {
        let data = try InputFile.contents(of: path)
        let sha = EventHasher.hex(SHA256.hash(data: data))
        let table = try CSVTable(path: path, required: Self.fatfColumns)
        let jurisdictions = try Self.fatfJurisdictions()
        let items = Self.fatfColumns.dropFirst(5).map { column -> (column: String, item: String, effectiveness: Bool) in
            column.hasPrefix("io") ? (column, "IO." + column.dropFirst(2), true) : (column, "R." + column.dropFirst(1), false)
        }
        return try writeWithoutTransaction { db in
            try db.immediateTransaction(dryRun: dryRun) {
                var inForce: [String: (rating: String, month: String)] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT state, item, rating, report_month FROM external_assessments WHERE body = 'FATF' ORDER BY seq") {
                    inForce[(row["state"] as String) + "|" + (row["item"] as String)] = (row["rating"], row["report_month"])
                }
                var appender = try EventAppender(db, actor: actor, clock: clock)
                let projector = try Projector(db)
                var problems = LineIssues()
                var rows = 0, stateRows = 0, recorded = 0, unchanged = 0
                var skipped: [JurisdictionMap.NonState] = []
                var counts: [ExternalRating: Int] = [:]
                var seen: [String: Int] = [:]
                var firstSeq: Int64?
                reading: while let record = try table.next() {
                    rows += 1
                    guard case .row(let line, let raw) = record else {
                        if case .malformed(let issue) = record, !problems.add(issue) { break reading }
                        continue
                    }
                    var issues: [FieldIssue] = []
                    let iso2 = (raw["iso2"] ?? "").trimmingCharacters(in: .whitespaces)
                    let country = (raw["country"] ?? "").trimmingCharacters(in: .whitespaces)
                    for (field, value, rule) in [("iso2", iso2, TextRule.code), ("country", country, TextRule.name)] {
                        if let issue = rule.issue(field: field, value: value) { issues.append(issue) }
                    }
                    var state: String?
                    if issues.isEmpty {
                        switch jurisdictions.resolve(iso2: iso2, name: country, states: states) {
                        case .nonState(let other):
                            skipped.append(other)
                            continue reading
                        case .state(let iso3):
                            state = iso3
                        case .unknown:
                            issues.append(FieldIssue(
                                field: "country", value: country,
                                message: "matches no State name or alias and is not a listed non-State jurisdiction (Fixtures/crosswalks/fatf-jurisdictions.json)",
                                suggestions: states.nameSuggestions(for: country)))
                        }
                    }
                    if let state, let earlier = seen[state] {
                        issues.append(FieldIssue(field: "country", value: country, message: "is the same State (\(state)) as line \(earlier)"))
                    }
                    let evaluation = (raw["assessment_date"] ?? "").trimmingCharacters(in: .whitespaces)
                    let ratingsMonth = (raw["ratings_date"] ?? "").trimmingCharacters(in: .whitespaces)
                    for (field, value) in [("assessment_date", evaluation), ("ratings_date", ratingsMonth)] where !ExternalAssessmentFields.isMonth(value) {
                        issues.append(FieldIssue(field: field, value: value, message: "is not a month written YYYY-MM (the FATF dates its reports by month)"))
                    }
                    if ExternalAssessmentFields.isMonth(evaluation) && ExternalAssessmentFields.isMonth(ratingsMonth) && ratingsMonth < evaluation {
                        issues.append(FieldIssue(field: "ratings_date", value: ratingsMonth, message: "is before assessment_date \(evaluation): a follow-up report comes after the evaluation"))
                    }
                    let methodology = (raw["methodology"] ?? "").trimmingCharacters(in: .whitespaces)
                    if !["2013", "2022"].contains(methodology) {
                        issues.append(FieldIssue(field: "methodology", value: methodology, message: "is not a FATF assessment methodology: use 2013 or 2022"))
                    }
                    var ratings: [(item: String, rating: ExternalRating)] = []
                    for entry in items {
                        let text = (raw[entry.column] ?? "").trimmingCharacters(in: .whitespaces)
                        if text.isEmpty { continue }
                        guard let rating = ExternalRating(rawValue: text.uppercased()), rating.isEffectiveness == entry.effectiveness else {
                            let allowed = entry.effectiveness ? "HE, SE, ME or LE" : "C, LC, PC, NC or NA"
                            issues.append(FieldIssue(field: entry.column.uppercased(), value: text, message: "is not a rating: use \(allowed)"))
                            continue
                        }
                        ratings.append((entry.item, rating))
                    }
                    guard issues.isEmpty, let state else {
                        if !problems.add(LineIssue(line: line, issues: issues)) { break reading }
                        continue
                    }
                    seen[state] = line
                    stateRows += 1
                    let report = ratingsMonth == evaluation ? "mutual evaluation" : "follow-up report"
                    for (item, rating) in ratings {
                        counts[rating, default: 0] += 1
                        let key = state + "|" + item
                        if let current = inForce[key], current.rating == rating.rawValue || ratingsMonth < current.month {
                            unchanged += 1
                            continue
                        }
                        recorded += 1
                        inForce[key] = (rating.rawValue, ratingsMonth)
                        guard problems.isEmpty else { continue }
                        let fields = ExternalAssessmentFields(
                            state: state, body: "FATF", item: item, rating: rating, report: report, reportMonth: ratingsMonth,
                            evaluationMonth: evaluation, methodology: methodology, file: table.file, sha256: sha, source: Self.fatfSource)
                        let seq = try appender.append(.externalAssessmentRecorded, text: fields.canonicalText)
                        try projector.addExternalAssessment(seq: seq, fields, actor: actor)
                        if firstSeq == nil { firstSeq = seq }
                    }
                }
                if !problems.isEmpty { throw problems.rejection(file: table.file) }
                return ExternalImportSummary(
                    rows: rows, states: stateRows, skipped: skipped, recorded: recorded, unchanged: unchanged, ratingCounts: counts,
                    sha256: sha, firstSeq: firstSeq, lastSeq: firstSeq == nil ? nil : appender.lastSeq, dryRun: dryRun)
            }
        }
    }

    /// The rating in force of every (State, body, item): the latest recorded among those whose
    /// report month is on or before `asOf`'s month, as known at `knownAt`.
    public func externalAssessments(asOf: ISODate? = nil, knownAt: KnownAt? = nil) throws -> [ExternalAssessmentRecord] {
        try pool.read { db in try Self.externalAssessments(db, asOf: asOf, knownAt: knownAt) }
    }

    /// ``externalAssessments(asOf:knownAt:)`` read in `db`.
    static func externalAssessments(_ db: Database, asOf: ISODate?, knownAt: KnownAt?) throws -> [ExternalAssessmentRecord] {
        let month = asOf.map { String($0.description.prefix(7)) } ?? "9999-12"
        return try ExternalAssessmentRow.fetchAllChecked(db, SQLRequest<Row>("""
            SELECT * FROM external_assessments
            WHERE seq IN (
              SELECT max(seq) FROM external_assessments
              WHERE report_month <= \(month)
                \(Self.knownFilter(knownAt, kind: .externalAssessmentRecorded, prefix: "AND"))
              GROUP BY state, body, item)
            ORDER BY state, body, item
            """)).map(\.record)
    }
}
