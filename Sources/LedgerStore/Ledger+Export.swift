import Foundation
import GRDB
import LedgerModel

extension Ledger {
    /// Writes the measures in force as CSV in the import format (header included), streaming.
    public func exportMeasuresCSV(_ write: (String) throws -> Void) throws {
        try write(CSVWriter.line(Self.measureColumns))
        // Only the CSV's columns, read straight from SQLite: since v0011 the text comes from the
        // version's payload, and the full record (evidence, recording time and actor, a second
        // event per row) made the export a fifth slower. A row whose values are not what they
        // should be is read again in full, whose checks name the bad value.
        try pool.read { db in
            let statement = try db.makeStatement(sql: """
                SELECT m.id, m.state, m.obligation, m.status, m.effective_date,
                       json_extract(v.payload, '$.title'), json_extract(v.payload, '$.kind'), json_extract(v.payload, '$.source'),
                       json_extract(v.payload, '$.note'), json_extract(v.payload, '$.justification')
                FROM measures m LEFT JOIN events v ON v.seq = m.last_seq
                WHERE m.retracted_seq IS NULL ORDER BY m.id
                """)
            let rows = try Row.fetchCursor(statement)
            while try rows.next() != nil {
                func optionalText(_ index: Int32) -> String?? {
                    statement.isText(at: index) ? .some(statement.text(at: index)) : statement.isNull(at: index) ? .some(nil) : nil
                }
                let line: [String?]
                if statement.isInteger(at: 0), statement.isText(at: 1), statement.isText(at: 2), statement.isText(at: 3),
                    statement.isText(at: 4), let status = ImplementationStatus(rawValue: statement.text(at: 3)),
                    let date = ISODate(statement.text(at: 4)), let title = optionalText(5), let kind = optionalText(6),
                    kind.map({ MeasureKind(rawValue: $0) != nil }) != false, let source = optionalText(7), let note = optionalText(8),
                    let justification = optionalText(9)
                {
                    line = [statement.text(at: 1), statement.text(at: 2), status.rawValue, date.description, title, kind, source, note, justification]
                } else {
                    guard let f = try MeasureRow.fetchOne(db, id: statement.integer(at: 0))?.record().fields else { continue }
                    line = [f.state, f.obligation, f.status.rawValue, f.effectiveDate.description, f.title, f.kind?.rawValue, f.source, f.note, f.justification]
                }
                try write(CSVWriter.line(line))
            }
        }
    }

    /// Writes the measures in force as a JSON array, one object per line, streaming. Each object
    /// has the CSV fields plus `id`, `evidence`, `recorded_at`, `actor`, `last_seq` and `retracted_seq`.
    public func exportMeasuresJSON(_ write: (String) throws -> Void) throws {
        try write("[")
        var first = true
        try forEachMeasure { record in
            try write((first ? "\n" : ",\n") + record.json.canonicalText)
            first = false
        }
        try write("\n]\n")
    }

    /// Writes every evidence file of the measures in force into `directory` as `SHA256-FILENAME`;
    /// returns how many files were written. A file a measure names but the ledger lacks is an error
    /// (``LedgerError/missingEvidence(sha256:filename:measure:)``), never skipped.
    public func exportEvidence(to directory: String) throws -> Int {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw LedgerError.unwritable(path: directory, reason: "it is a file, and the evidence goes into a folder")
        }
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw LedgerError.unwritable(path: directory, reason: "the folder cannot be created")
        }
        var links: [(link: EvidenceLink, measure: Int64)] = []
        try forEachMeasure { record in links.append(contentsOf: record.fields.evidence.map { ($0, record.id) }) }
        var written = Set<String>()
        for (link, measure) in links where !written.contains(link.sha256) {
            guard let content = try evidenceContent(sha256: link.sha256) else {
                throw LedgerError.missingEvidence(sha256: link.sha256, filename: link.filename, measure: measure)
            }
            let name = link.sha256 + "-" + link.filename.replacingOccurrences(of: "/", with: "_")
            let url = URL(fileURLWithPath: directory).appendingPathComponent(name)
            do {
                try Data(content).write(to: url)
            } catch {
                throw LedgerError.unwritable(path: url.path, reason: "the evidence file cannot be written")
            }
            written.insert(link.sha256)
        }
        return written.count
    }
}
