import Foundation
import LedgerModel

extension Ledger {
    /// Writes the measures in force as CSV in the import format (header included), streaming.
    public func exportMeasuresCSV(_ write: (String) throws -> Void) throws {
        try write(CSVWriter.line(Self.measureColumns))
        try forEachMeasure { record in
            let f = record.fields
            try write(CSVWriter.line([
                f.state, f.obligation, f.status.rawValue, f.effectiveDate.description, f.title, f.kind?.rawValue,
                f.source, f.note, f.justification,
            ]))
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
