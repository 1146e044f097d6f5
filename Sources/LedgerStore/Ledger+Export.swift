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
    /// has the CSV fields plus `id`, `evidence`, `recorded_at`, `actor` and `last_seq`.
    public func exportMeasuresJSON(_ write: (String) throws -> Void) throws {
        try write("[")
        var first = true
        try forEachMeasure { record in
            var members = record.fields.jsonMembers
            members["id"] = .int(Int(record.id))
            members["recorded_at"] = .string(record.recordedAt)
            members["actor"] = .string(record.actor)
            members["last_seq"] = .int(Int(record.lastSeq))
            if members["evidence"] == nil { members["evidence"] = .array([]) }
            try write((first ? "\n" : ",\n") + JSONValue.object(members).canonicalText)
            first = false
        }
        try write("\n]\n")
    }

    /// Writes every evidence file of the measures in force into `directory` as `SHA256-FILENAME`;
    /// returns how many files were written.
    public func exportEvidence(to directory: String) throws -> Int {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var links: [EvidenceLink] = []
        try forEachMeasure { links.append(contentsOf: $0.fields.evidence) }
        var written = Set<String>()
        for link in links where !written.contains(link.sha256) {
            guard let content = try evidenceContent(sha256: link.sha256) else { continue }
            let name = link.sha256 + "-" + link.filename.replacingOccurrences(of: "/", with: "_")
            let url = URL(fileURLWithPath: directory).appendingPathComponent(name)
            try Data(content).write(to: url)
            written.insert(link.sha256)
        }
        return written.count
    }
}
