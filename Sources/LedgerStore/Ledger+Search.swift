import Foundation
import GRDB
import LedgerModel

extension Ledger {
    /// The mark before and after a matched word in the text SQLite's snippet() gives back: control
    /// characters, which no stored text holds (``TextRule`` refuses them), so a mark is never misread.
    static let matchStart: Unicode.Scalar = "\u{01}"
    static let matchEnd: Unicode.Scalar = "\u{02}"

    /// The measures in force, assessments' comments, States and obligations that hold every word of
    /// `query`, best first (SQLite FTS5, ranked by bm25 with a title counting four times the rest),
    /// narrowed by its filters. Words without a letter or digit are ignored; no words, no hits.
    /// Throws ``LedgerError/invalid(_:)`` naming the filter when a State, Article, theme or status is
    /// unknown, the dates are the wrong way round or the limit is out of range.
    public func search(_ query: SearchQuery) throws -> [SearchHit] {
        let plan = try searchPlan(query)
        return try pool.read { db in try Self.searching(plan, db) }
    }

    /// A checked query as SQL and its arguments (built before the read).
    struct SearchPlan: Sendable {
        let sql: String
        let arguments: [String]
        let limit: Int
        let isEmpty: Bool
    }

    func searchPlan(_ query: SearchQuery) throws -> SearchPlan {
        var issues: [FieldIssue] = []
        var filters: [String] = []
        var arguments = [query.matchExpression]
        if let text = query.state {
            let code = text.uppercased()
            if states[code] == nil {
                issues.append(FieldIssue(field: "state", value: text, message: "is not a State the ledger knows (an ISO3 code)", suggestions: states.suggestions(for: text)))
            } else {
                filters.append("coalesce(m.state, a.state, CASE WHEN s.kind = 'state' THEN s.key END) = ?")
                arguments.append(code)
            }
        }
        var obligations: Set<String>?
        if let text = query.article {
            // The one reading of "Article" (Catalogue.obligations(article:)): `7` is Article 7 itself, `7a` Article 7(a).
            do throws(Catalogue.UnknownArticle) {
                obligations = Set(try catalogue.obligations(article: text).map(\.id))
            } catch {
                issues.append(FieldIssue(field: "article", value: text, message: "matches no Article of the catalogue; use one of " + catalogue.articles.joined(separator: ", ")))
                obligations = []
            }
        }
        if let theme = query.theme {
            let themes = Set(catalogue.obligations.flatMap(\.themes)).sorted()
            if !themes.contains(theme) {
                issues.append(FieldIssue(
                    field: "theme", value: theme, message: "is not a theme of the catalogue; use one of " + themes.joined(separator: ", "),
                    suggestions: Suggestion.nearest(to: theme, among: themes)))
            }
            let ids = Set(catalogue.obligations.filter { $0.themes.contains(theme) }.map(\.id))
            obligations = obligations.map { $0.intersection(ids) } ?? ids
        }
        if let obligations {
            filters.append("coalesce(m.obligation, a.obligation, CASE WHEN s.kind = 'obligation' THEN s.key END) IN (SELECT value FROM json_each(?))")
            arguments.append(JSONValue.array(obligations.sorted().map { .string($0) }).canonicalText)
        }
        if let text = query.status {
            let names = ImplementationStatus.allCases.map(\.rawValue)
            if ImplementationStatus(rawValue: text) == nil {
                issues.append(FieldIssue(
                    field: "status", value: text, message: "is not an implementation status; use one of " + names.joined(separator: ", "),
                    suggestions: Suggestion.nearest(to: text, among: names)))
            }
            filters.append("m.status = ?")
            arguments.append(text)
        }
        if let from = query.from {
            filters.append("coalesce(m.effective_date, a.assessed_on) >= ?")
            arguments.append(from.description)
        }
        if let to = query.to {
            filters.append("coalesce(m.effective_date, a.assessed_on) <= ?")
            arguments.append(to.description)
            if let from = query.from, to < from {
                issues.append(FieldIssue(field: "to", value: to.description, message: "is before from (\(from)): no date can be in between"))
            }
        }
        if !(1...SearchQuery.maxLimit).contains(query.limit) {
            issues.append(FieldIssue(field: "limit", value: String(query.limit), message: "must be a whole number from 1 to \(SearchQuery.maxLimit)"))
        }
        if !issues.isEmpty { throw LedgerError.invalid(ValidationFailure(issues: issues)) }
        let (start, end) = (String(Self.matchStart), String(Self.matchEnd))
        // The index drives the join (FTS5's MATCH, snippet() and bm25() need its cursor); the
        // projections give the filters and what a hit shows.
        let sql = """
            SELECT s.kind, s.key, highlight(search_index, 2, '\(start)', '\(end)') AS title,
                   snippet(search_index, 3, '\(start)', '\(end)', '…', 24) AS context,
                   coalesce(m.state, a.state, CASE WHEN s.kind = 'state' THEN s.key END) AS state,
                   coalesce(m.obligation, a.obligation, CASE WHEN s.kind = 'obligation' THEN s.key END) AS obligation,
                   m.status, m.effective_date, a.rating, a.assessed_on
            FROM search_index s
            LEFT JOIN measures m ON s.kind = 'measure' AND m.id = s.rowid
            LEFT JOIN assessments a ON s.kind = 'assessment' AND a.seq = s.rowid
            WHERE search_index MATCH ?\(filters.map { " AND " + $0 }.joined())
            ORDER BY bm25(search_index, 0, 0, 4.0, 1.0), s.rowid
            LIMIT \(query.limit)
            """
        return SearchPlan(sql: sql, arguments: arguments, limit: query.limit, isEmpty: query.terms.isEmpty)
    }

    /// The read of ``search(_:)``.
    static func searching(_ plan: SearchPlan, _ db: Database) throws -> [SearchHit] {
        guard !plan.isEmpty else { return [] }
        return try Row.fetchAll(db, sql: plan.sql, arguments: StatementArguments(plan.arguments)).map { row in
            let kindText: String = row["kind"]
            guard let kind = SearchHit.Kind(rawValue: kindText) else {
                throw LedgerError.badStoredValue(
                    table: "search_index", key: "key \((row["key"] as DatabaseValue).storedText)", column: "kind", value: kindText,
                    expected: "one of " + SearchHit.Kind.allCases.map(\.rawValue).joined(separator: ", "))
            }
            return SearchHit(
                kind: kind, key: (row["key"] as DatabaseValue).storedText, state: row["state"], obligation: row["obligation"],
                title: SearchHit.fragments(row["title"] ?? ""), context: SearchHit.fragments(row["context"] ?? ""),
                status: try stored(row, "status", kind: kind), effectiveDate: try stored(row, "effective_date", kind: kind),
                rating: try stored(row, "rating", kind: kind), assessedOn: try stored(row, "assessed_on", kind: kind))
        }
    }

    /// A projection value a hit shows, read as the type it must be (a bad stored value is named, never guessed).
    private static func stored<T: StoredText>(_ row: Row, _ column: String, kind: SearchHit.Kind) throws -> T? {
        let stored: DatabaseValue = row[column]
        if stored.isNull { return nil }
        guard let value = T.fromDatabaseValue(stored) else {
            throw LedgerError.badStoredValue(
                table: kind == .measure ? "measures" : "assessments", key: "\(kind == .measure ? "id" : "seq") \((row["key"] as DatabaseValue).storedText)",
                column: column, value: stored.storedText,
                expected: T.storedKind + (T.storedValues.isEmpty ? "" : " (one of " + T.storedValues.joined(separator: ", ") + ")"))
        }
        return value
    }
}

extension NonblockingLedger {
    /// See ``Ledger/search(_:)``.
    package func search(_ query: SearchQuery) async throws -> [SearchHit] {
        let plan = try ledger.searchPlan(query)
        return try await ledger.pool.read { db in try Ledger.searching(plan, db) }
    }
}
