import Crypto
import Foundation
import LedgerModel

/// The parsing side of an import of measures, on a thread of its own: it reads the CSV file, validates
/// each row, writes its canonical JSON and identity, and hands the rows in batches to the database side
/// (the caller's thread) through a ``BoundedQueue``, so that parsing and SQLite run on two cores and
/// at most a few batches wait in memory.
///
/// Bad rows are collected here, up to ``Ledger/importIssueLimit``; once one is found no more rows are
/// handed over (the import will be rejected), but the batches still come, for the progress count.
final class MeasureFileParser: @unchecked Sendable {
    /// One valid row, ready to be written.
    struct Row: Sendable {
        let fields: MeasureFields
        /// The canonical JSON of the fields: the event's payload.
        let payload: String
        /// The measure's identity (see ``EventHasher/identity(ofText:)``), the key duplicates are found by.
        let identity: Data
    }

    /// The valid rows among the next ``batchRows`` rows of the file, and how many rows were read so far.
    struct Batch: Sendable {
        let rows: [Row]
        let rowsRead: Int
    }

    /// What the whole file held, once it was read to its end (or to the issue limit).
    struct Outcome: Sendable {
        let rows: Int
        let problems: LineIssues
        /// The cells of the rows handed over, duplicates among them (refreshing an unchanged cell changes
        /// nothing): gathered here rather than on the busier writing side.
        let cells: Set<CellKey>
        /// SHA-256 (hex) of the file.
        let sha256: String
    }

    /// Rows per batch: it divides 100,000, so every multiple of 100,000 rows read ends a batch (progress).
    static let batchRows = 500
    /// Batches that may wait between the two sides (with one in the hands of each: some 2,500 rows, 2 MB).
    static let queuedBatches = 3

    // Sendable by hand: `table` and `result` belong to the parsing thread from `start()` until `done`
    // is signalled; the caller reads `result` only after waiting for `done` (in `outcome()` or `stop()`).
    private let table: CSVTable
    private let catalogue: Catalogue
    private let states: StateDirectory
    private let today: ISODate
    private let queue = BoundedQueue<Batch>(capacity: queuedBatches)
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<Outcome, any Error>?
    /// Whether the caller waited for `done` already; the caller's thread only.
    private var joined = false

    init(table: CSVTable, catalogue: Catalogue, states: StateDirectory, today: ISODate) {
        self.table = table
        self.catalogue = catalogue
        self.states = states
        self.today = today
    }

    /// Starts reading the file on a new thread.
    func start() {
        let thread = Thread { [self] in
            let result = Result { try parse() }
            self.result = result
            queue.finish()
            done.signal()
        }
        thread.name = "cpsledger.import.parse"
        thread.start()
    }

    /// The next batch in file order, waiting for it; nil once the file was read (or parsing failed: ``outcome()`` says why).
    func next() -> Batch? { queue.pop() }

    /// Waits for the parsing thread to end and returns what it found, or throws what stopped it.
    func outcome() throws -> Outcome {
        join()
        guard let result else { preconditionFailure("the parsing thread ended without a result") }
        return try result.get()
    }

    /// Stops the parsing thread if it is still reading (the database side failed) and waits for it to end.
    func stop() {
        queue.close()
        join()
    }

    private func join() {
        if joined { return }
        done.wait()
        joined = true
    }

    private func parse() throws -> Outcome {
        var problems = LineIssues()
        var cells = Set<CellKey>()
        var rows = 0, handedOver = 0
        var batch: [Row] = []
        batch.reserveCapacity(Self.batchRows)
        // The canonical JSON of each row is written into this one buffer.
        var json: [UInt8] = []
        json.reserveCapacity(1024)
        while let record = try table.nextPositional() {
            rows += 1
            let more = take(record, into: &batch, cells: &cells, problems: &problems, json: &json)
            if rows % Self.batchRows == 0 {
                try hand(Batch(rows: batch, rowsRead: rows))
                handedOver = rows
                batch.removeAll(keepingCapacity: true)
            }
            if !more { break }
        }
        if rows > handedOver { try hand(Batch(rows: batch, rowsRead: rows)) }
        return Outcome(rows: rows, problems: problems, cells: cells, sha256: table.reader.sha256)
    }

    /// Adds the record to the batch when it is valid and no row was bad so far; false once the issue limit is passed.
    private func take(
        _ record: CSVTable.PositionalRecord, into batch: inout [Row], cells: inout Set<CellKey>, problems: inout LineIssues, json: inout [UInt8]
    ) -> Bool {
        let fields: MeasureFields
        switch record {
        case .malformed(let issue):
            return problems.add(issue)
        case .row(let line, let values):
            do throws(ValidationFailure) {
                fields = try MeasureFields.validate(names: table.names, values: values, catalogue: catalogue, states: states, today: today)
            } catch {
                return problems.add(LineIssue(line: line, issues: error.issues))
            }
        }
        // Once a row is bad nothing will be written: the rest is only checked.
        guard problems.isEmpty else { return true }
        json.removeAll(keepingCapacity: true)
        // Imported rows carry no evidence, so the payload is the identity text itself.
        fields.writeCanonical(into: &json)
        batch.append(Row(fields: fields, payload: String(decoding: json, as: UTF8.self), identity: EventHasher.identity(ofBytes: json)))
        cells.insert(CellKey(state: fields.state, obligation: fields.obligation))
        return true
    }

    /// Hands a batch to the database side, waiting while the queue is full; throws when that side stopped.
    private func hand(_ batch: Batch) throws {
        if !queue.push(batch) { throw CancellationError() }
    }
}
