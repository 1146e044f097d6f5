import Crypto
import Foundation
import GRDB
import LedgerFixtures
import LedgerModel

/// What an import of the Organized Crime Index's workbook did.
public struct OutsideImportSummary: Sendable, Hashable {
    /// One edition sheet read.
    public struct Sheet: Sendable, Hashable {
        public let name: String
        public let edition: Int
        /// States scored in the sheet.
        public let states: Int
        /// Scores read (empty cells are not scores).
        public let scores: Int
        /// Indicators the sheet scores, by pillar.
        public let indicators: [OCIndexIndicator.Pillar: Int]
    }

    public let sheets: [Sheet]
    /// Scores recorded as new events (new, or revised since the score in force).
    public let recorded: Int
    /// Scores equal to the one in force for the same State, edition and indicator: nothing written.
    public let unchanged: Int
    /// Indicator cells left empty in the workbook (no score recorded).
    public let empty: Int
    /// The workbook's SHA-256.
    public let sha256: String
    public let firstSeq: Int64?
    public let lastSeq: Int64?
    public let dryRun: Bool
}

/// An outside index's score as the ledger holds it.
public struct OutsideScoreRecord: Sendable, Hashable {
    public let seq: Int64
    public let fields: OutsideScoreFields
    public let actor: String
}

extension Ledger {
    /// The body the Organized Crime Index's scores are recorded under.
    public static let ocIndexBody = "GI-TOC"

    /// Where the Index's scores come from, recorded in every event.
    static let ocIndexSource = "Global Organized Crime Index, Global Initiative Against Transnational Organized Crime (ocindex.net), dataset workbook"

    /// The Organized Crime Index crosswalk shipped in `Fixtures/crosswalks/ocindex.json`, decoded once per process.
    public static func ocIndexCrosswalk() throws -> Crosswalk {
        try embeddedOCIndexCrosswalk.get()
    }

    private static let embeddedOCIndexCrosswalk = Result { try Crosswalk.decode(json: LedgerFixtures.ocIndexCrosswalkJSON) }

    /// Imports the Global Organized Crime Index's dataset workbook (the XLSX as downloaded) in one
    /// transaction: every `YYYY_dataset` sheet, its columns matched by name, each State's score of
    /// each indicator in that edition an `outside_score.recorded` event, unless the score in force
    /// for the same (State, edition, indicator) is the same. A layout it does not know, a country
    /// that is no State, or a score off the 1-10 scale stops the import, nothing written.
    public func importOCIndex(path: String, dryRun: Bool = false, actor: String) throws -> OutsideImportSummary {
        let data = try InputFile.contents(of: path)
        let sha = EventHasher.hex(SHA256.hash(data: data))
        let file = URL(fileURLWithPath: path).lastPathComponent
        let workbook: XLSXWorkbook
        do {
            workbook = try XLSXWorkbook(data: data)
        } catch {
            throw LedgerError.ocIndex(.notAWorkbook(file: file, reason: error.reason))
        }
        let datasets = workbook.sheetNames.filter(OCIndexLayout.isDataset(sheet:))
        guard !datasets.isEmpty else { throw LedgerError.ocIndex(.noDataset(file: file, sheets: workbook.sheetNames)) }
        let names = OCIndexLayout.stateIndex(states)
        var scores: [OutsideScoreFields] = []
        var sheets: [OutsideImportSummary.Sheet] = []
        var problems: [String] = []
        var empty = 0
        var editions: [Int: String] = [:]
        for sheet in datasets {
            let rows: [[XLSXWorkbook.Value?]]
            do {
                rows = try workbook.rows(of: sheet)
            } catch {
                throw LedgerError.ocIndex(.notAWorkbook(file: file, reason: error.reason))
            }
            let header = (rows.first ?? []).map { $0.map(Self.text) }
            let layout: OCIndexLayout
            switch OCIndexLayout.read(sheet: sheet, header: header) {
            case .success(let read): layout = read
            case .failure(let mismatch):
                throw LedgerError.ocIndex(.unknownLayout(file: file, sheet: sheet, header: header.map { $0 ?? "" }, mismatch: mismatch))
            }
            if let other = editions[layout.edition] {
                problems.append("sheet \(sheet): edition \(layout.edition) again (sheet \(other) holds it already)")
                continue
            }
            editions[layout.edition] = sheet
            var seen: [String: Int] = [:]
            var sheetScores = 0
            for (index, row) in rows.enumerated().dropFirst() {
                let line = index + 1
                let country = row.indices.contains(layout.country) ? row[layout.country].map(Self.text)?.trimmingCharacters(in: .whitespaces) ?? "" : ""
                if country.isEmpty {
                    if row.contains(where: { $0 != nil }) { problems.append("sheet \(sheet), row \(line): scores without a country name") }
                    continue
                }
                guard let iso3 = names[OCIndexLayout.key(country)] else {
                    let near = states.nameSuggestions(for: country)
                    problems.append("sheet \(sheet), row \(line): country '\(country)' matches no State name or alias"
                        + (near.isEmpty ? "" : " (did you mean \(near.joined(separator: ", "))?)"))
                    continue
                }
                if let earlier = seen[iso3] {
                    problems.append("sheet \(sheet), row \(line): '\(country)' is the same State (\(iso3)) as row \(earlier)")
                    continue
                }
                seen[iso3] = line
                for (column, indicator) in layout.indicators {
                    guard row.indices.contains(column), let value = row[column] else {
                        empty += 1
                        continue
                    }
                    guard let score = Self.score(value) else {
                        problems.append("sheet \(sheet), row \(line) (\(country)), \(indicator.title): '\(Self.text(value))' is not a score from 1 to 10")
                        continue
                    }
                    sheetScores += 1
                    scores.append(OutsideScoreFields(
                        state: iso3, body: Self.ocIndexBody, edition: layout.edition, indicator: indicator.id, pillar: indicator.pillar,
                        score: score, file: file, sha256: sha, source: Self.ocIndexSource))
                }
            }
            var byPillar: [OCIndexIndicator.Pillar: Int] = [:]
            for (_, indicator) in layout.indicators { byPillar[indicator.pillar, default: 0] += 1 }
            sheets.append(.init(name: sheet, edition: layout.edition, states: seen.count, scores: sheetScores, indicators: byPillar))
        }
        if !problems.isEmpty {
            throw LedgerError.ocIndex(.rejected(file: file, problems: Array(problems.prefix(100)), truncated: problems.count > 100))
        }
        return try writeWithoutTransaction { db in
            try db.immediateTransaction(dryRun: dryRun) {
                var inForce: [String: Double] = [:]
                for row in try Row.fetchAll(
                    db, sql: "SELECT state, edition, indicator, score FROM outside_scores WHERE body = ? ORDER BY seq", arguments: [Self.ocIndexBody])
                {
                    inForce["\(row["state"] as String)|\(row["edition"] as Int)|\(row["indicator"] as String)"] = row["score"]
                }
                var appender = try EventAppender(db, actor: actor, clock: clock)
                let projector = try Projector(db)
                var recorded = 0, unchanged = 0
                var firstSeq: Int64?
                for fields in scores {
                    let key = "\(fields.state)|\(fields.edition)|\(fields.indicator)"
                    if let current = inForce[key], OutsideScoreFields.rounded(current) == fields.score {
                        unchanged += 1
                        continue
                    }
                    inForce[key] = fields.score
                    recorded += 1
                    let seq = try appender.append(.outsideScoreRecorded, text: fields.canonicalText)
                    try projector.addOutsideScore(seq: seq, fields, actor: actor)
                    if firstSeq == nil { firstSeq = seq }
                }
                return OutsideImportSummary(
                    sheets: sheets.sorted { $0.edition > $1.edition }, recorded: recorded, unchanged: unchanged, empty: empty, sha256: sha,
                    firstSeq: firstSeq, lastSeq: firstSeq == nil ? nil : appender.lastSeq, dryRun: dryRun)
            }
        }
    }

    /// A cell as text (a number as the file writes it).
    private static func text(_ value: XLSXWorkbook.Value) -> String {
        switch value {
        case .text(let text), .number(let text), .error(let text): text
        case .bool(let value): value ? "TRUE" : "FALSE"
        }
    }

    /// A cell's score on the 1-10 scale: a number, or text holding one (with a comma for the decimal
    /// point, as the 2023 sheets write periods); nil when it is neither or off the scale.
    private static func score(_ value: XLSXWorkbook.Value) -> Double? {
        let text: String
        switch value {
        case .number(let number): text = number
        case .text(let written): text = written.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: ".")
        case .bool, .error: return nil
        }
        guard let score = Double(text), score.isFinite, (1...10).contains(OutsideScoreFields.rounded(score)) else { return nil }
        return score
    }

    /// Every outside score in force (the latest recorded for each State, body, indicator and edition)
    /// of `state` (all States when nil), of the editions up to `asOf`'s year, as known at `knownAt`;
    /// by State, indicator and edition.
    public func outsideScores(state: String? = nil, asOf: ISODate? = nil, knownAt: KnownAt? = nil) throws -> [OutsideScoreRecord] {
        try pool.read { db in try Self.outsideScores(db, state: state, asOf: asOf, knownAt: knownAt) }
    }

    /// ``outsideScores(state:asOf:knownAt:)`` read in `db`.
    static func outsideScores(_ db: Database, state: String?, asOf: ISODate?, knownAt: KnownAt?) throws -> [OutsideScoreRecord] {
        let year = asOf.map { Int($0.description.prefix(4)) ?? 9999 } ?? 9999
        var stateFilter: SQL = ""
        if let state { stateFilter = "AND state = \(state)" }
        return try OutsideScoreRow.fetchAllChecked(db, SQLRequest<Row>("""
            SELECT * FROM outside_scores
            WHERE seq IN (
              SELECT max(seq) FROM outside_scores
              WHERE edition <= \(year) \(stateFilter)
                \(Self.knownFilter(knownAt, kind: .outsideScoreRecorded, prefix: "AND"))
              GROUP BY state, body, indicator, edition)
            ORDER BY state, body, indicator, edition
            """)).map(\.record)
    }
}
