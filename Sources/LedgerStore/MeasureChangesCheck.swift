import GRDB

/// Checks the measure_changes projection (which `history` reads) while `verify` streams the
/// events: the corrections and retractions of each measure are kept (few beside a million records),
/// and at the end each measure's cells are walked from its record event on and compared row by row.
struct MeasureChangesCheck {
    /// The corrections (with the cell each moves its measure to) and retractions of each measure.
    private var changes: [Int64: [(seq: Int64, cell: CellKey?)]] = [:]

    /// A correction (with the cell it moves the measure to) or a retraction (nil cell) of `measure`.
    mutating func changed(measure: Int64, seq: Int64, cell: CellKey?) {
        changes[measure, default: []].append((seq, cell))
    }

    /// The first row that differs, as a problem naming its event.
    func finish(_ db: Database) throws -> (seq: Int64, text: String)? {
        let recordCell = try db.makeStatement(sql: """
            SELECT json_extract(payload, '$.state'), json_extract(payload, '$.obligation') FROM events
            WHERE seq = ? AND kind = 'measure.recorded'
            """)
        var expected: [Change] = []
        for (measure, list) in changes.sorted(by: { $0.key < $1.key }) {
            var cell = try Row.fetchOne(recordCell, arguments: [measure]).flatMap { row -> CellKey? in
                guard let state = row[0] as String?, let obligation = row[1] as String? else { return nil }
                return CellKey(state: state, obligation: obligation)
            }
            for change in list {
                let after = change.cell ?? cell
                expected.append(Change(measure: measure, seq: change.seq, cell: after, from: cell))
                cell = after
            }
        }
        let stored = try Row.fetchAll(db, sql: """
            SELECT measure, seq, state, obligation, from_state, from_obligation FROM measure_changes ORDER BY measure, seq
            """).map { row in
            Change(measure: row[0], seq: row[1], cell: Self.cell(row[2], row[3]), from: Self.cell(row[4], row[5]))
        }
        guard expected != stored else { return nil }
        let index = zip(expected, stored).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(expected.count, stored.count)
        let seq = index < expected.count ? expected[index].seq : stored[index].seq
        return (seq, "The measure_changes projection disagrees with event \(seq), a correction or retraction (the cells it moves its measure between); run `cpsledger rebuild`.")
    }

    private struct Change: Equatable {
        let measure: Int64
        let seq: Int64
        let cell: CellKey?
        let from: CellKey?
    }

    private static func cell(_ state: String?, _ obligation: String?) -> CellKey? {
        guard let state, let obligation else { return nil }
        return CellKey(state: state, obligation: obligation)
    }
}
