import GRDB

/// The cells the measures make, tallied row by row as `verify`'s walk of the measures reads them
/// (instead of a second read of the table and a sort of a million rows): for each (state,
/// obligation) of a measure in force, the one with the latest effective date, ties going to the
/// latest recorded (the highest id) — what the projector keeps in `cells`, computed as SQLite's
/// `ROW_NUMBER() OVER (PARTITION BY state, obligation ORDER BY effective_date DESC, id DESC)` would,
/// values compared as SQLite compares them (so a tampered value sorts where SQLite puts it).
final class ExpectedCells {
    /// Per cell, its row as `cells` stores it: state, obligation, measure_id, version_seq, status, effective_date, test_data.
    private var best: [[DatabaseValue]: [DatabaseValue]] = [:]

    /// Tallies a row of the measures walk: (id, last_seq, retracted_seq, _, _, state, obligation, status, effective_date, test_data, ...).
    func add(_ row: Row) {
        let values = Array(row.databaseValues)
        guard values.count >= 10, values[2].isNull else { return }
        let key = [values[5], values[6]]
        let candidate = [values[5], values[6], values[0], values[1], values[7], values[8], values[9]]
        if let kept = best[key] {
            let order = Self.compare(candidate[5], kept[5])
            guard order > 0 || (order == 0 && Self.compare(candidate[2], kept[2]) > 0) else { return }
        }
        best[key] = candidate
    }

    /// The expected rows of `cells`.
    var rows: Set<[DatabaseValue]> { Set(best.values) }

    /// SQLite's order of two values (BINARY collation): NULL, then numbers, then text (bytes), then blobs.
    static func compare(_ left: DatabaseValue, _ right: DatabaseValue) -> Int {
        func rank(_ value: DatabaseValue) -> Int {
            switch value.storage {
            case .null: 0
            case .int64, .double: 1
            case .string: 2
            case .blob: 3
            }
        }
        let ranks = (rank(left), rank(right))
        if ranks.0 != ranks.1 { return ranks.0 < ranks.1 ? -1 : 1 }
        switch (left.storage, right.storage) {
        case (.int64(let a), .int64(let b)): return a == b ? 0 : a < b ? -1 : 1
        case (.string(let a), .string(let b)): return bytes(a.utf8, b.utf8)
        case (.blob(let a), .blob(let b)): return bytes(a, b)
        case (.null, .null): return 0
        default:
            let a = Double.fromDatabaseValue(left) ?? 0, b = Double.fromDatabaseValue(right) ?? 0
            return a == b ? 0 : a < b ? -1 : 1
        }
    }

    private static func bytes(_ left: some Sequence<UInt8>, _ right: some Sequence<UInt8>) -> Int {
        left.elementsEqual(right) ? 0 : left.lexicographicallyPrecedes(right) ? -1 : 1
    }
}
