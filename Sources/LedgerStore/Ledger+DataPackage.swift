import Foundation
import GRDB
import LedgerModel

/// Who publishes a round's data package under what terms: the licence is the publisher's to state
/// (the ledger never assumes one).
public struct DataPackageLicence: Sendable, Hashable {
    /// An Open Definition / SPDX identifier such as `CC-BY-4.0`.
    public let name: String
    public let title: String?
    public let path: String?

    public init(name: String, title: String? = nil, path: String? = nil) {
        self.name = name
        self.title = title
        self.path = path
    }
}

extension Ledger {
    /// Writes the published record of round `name` as a Frictionless Data Package into `directory`
    /// (created; refused when it exists and is not empty): `measures.csv` (every measure event a
    /// publication of the round appended: record, correction or retraction, with the draft it came
    /// from), `states.csv` (the round's status per State), and `datapackage.json` with a Table Schema
    /// per CSV, the licence, the sources (the ledger's head and every citation), and each publication
    /// with its signed checkpoint. Returns the names of the files written.
    @discardableResult
    public func exportRoundDataPackage(_ name: String, to directory: String, licence: DataPackageLicence, today: ISODate = .utc()) throws -> [String] {
        let round = try round(named: name)
        let status = try roundStatus(name, today: today)
        let published = round.publications.flatMap { publication in zip(publication.drafts, publication.events).map { ($0, $1, publication.seq) } }
        let drafts = Dictionary(try allDrafts(round: name).map { ($0.seq, $0) }, uniquingKeysWith: { first, _ in first })
        let events = try pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(Self.eventColumns) FROM events WHERE seq IN (SELECT value FROM json_each(?)) ORDER BY seq",
                arguments: [JSONValue.array(published.map { .int(Int($0.1)) }).canonicalText]
            ).map(Self.event)
        }
        let head = try pool.read { db in try Row.fetchOne(db, sql: "SELECT seq, hash FROM events ORDER BY seq DESC LIMIT 1") }
        try Self.prepareEmptyFolder(directory)

        // A retraction's draft holds no content: its row shows the version it retracted, read from
        // that version's event (a draft's placeholder status and date would be invented).
        let retracted = try measureContents(versions: drafts.values.filter { $0.action == .retract }.compactMap(\.supersededVersion))
        let publication = Dictionary(published.map { ($0.1, ($0.0, $0.2)) }, uniquingKeysWith: { first, _ in first })
        var measures = CSVWriter.line(Self.packageMeasureColumns.map(\.name))
        var citations = Set<String>()
        for event in events {
            guard let (draftSeq, publishedBy) = publication[event.seq], let draft = drafts[draftSeq] else { continue }
            let action = draft.action.rawValue
            guard let fields = draft.fields ?? draft.supersededVersion.flatMap({ retracted[$0] }) else {
                throw LedgerError.badStoredValue(
                    table: "events", key: "seq \(draft.seq)", column: "payload", value: "supersedes \(draft.supersededVersion.map(String.init) ?? "nothing")",
                    expected: "the measure version the retraction draft retracts")
            }
            if let source = fields.source { citations.insert(source) }
            let measureID = draft.measure ?? event.seq
            measures += CSVWriter.line([
                String(event.seq), action, String(measureID), fields.state, fields.obligation, fields.status.rawValue,
                fields.effectiveDate.description, fields.title, fields.kind?.rawValue, fields.source, fields.note, fields.justification,
                draft.reason, String(draft.seq), draft.actor, String(publishedBy), event.recordedAt,
            ])
        }
        var states = CSVWriter.line(Self.packageStateColumns.map(\.name))
        for row in status.rows {
            states += CSVWriter.line([
                row.state, String(row.due), String(row.notStarted), String(row.drafted), String(row.submitted), String(row.returned),
                String(row.accepted), String(row.published), row.overdue ? "true" : "false",
            ])
        }
        var licenceMembers: [String: JSONValue] = ["name": .string(licence.name)]
        if let title = licence.title { licenceMembers["title"] = .string(title) }
        if let path = licence.path { licenceMembers["path"] = .string(path) }
        var sources: [JSONValue] = [.object([
            "title": .string("cpsledger ledger \(URL(fileURLWithPath: path).lastPathComponent), head event \(head?["seq"] as Int64? ?? 0) (SHA-256 \(head.map { EventHasher.hex(stored: $0["hash"]) } ?? ""))"),
        ])]
        sources += citations.sorted().map { .object(["title": .string($0)]) }
        let package: JSONValue = .object([
            "profile": .string("tabular-data-package"),
            "name": .string(Self.packageName(name)),
            "title": .string("Reporting round \(name): published answers (A/RES/51/60)"),
            "description": .string("The answers accepted and published in reporting round \(name) (due \(round.definition.due)), as the ledger's measure events, and the round's status per State on \(today)."),
            "created": .string(Timestamp.now()),
            "licenses": .array([.object(licenceMembers)]),
            "sources": .array(sources),
            "cpsledger": .object(["round": round.json]),
            "resources": .array([
                Self.resource(name: "measures", path: "measures.csv", title: "Published measure events", columns: Self.packageMeasureColumns),
                Self.resource(name: "states", path: "states.csv", title: "Round status per State", columns: Self.packageStateColumns),
            ]),
        ])
        let files = [("measures.csv", measures), ("states.csv", states), ("datapackage.json", Self.pretty(package))]
        for (file, text) in files {
            let url = URL(fileURLWithPath: directory).appendingPathComponent(file)
            do { try Data(text.utf8).write(to: url) } catch { throw LedgerError.unwritable(path: url.path, reason: "the file cannot be written") }
        }
        return files.map(\.0)
    }

    /// Every draft of a round, live or not (the export needs the published ones).
    private func allDrafts(round name: String) throws -> [RoundDraft] {
        try pool.read { db in try RoundBook(db).drafts.values.filter { $0.round == name } }
    }

    struct PackageColumn {
        let name: String
        let type: String
        let required: Bool
        let description: String
        var values: [String]? = nil
    }

    static let packageMeasureColumns: [PackageColumn] = [
        PackageColumn(name: "event", type: "integer", required: true, description: "Sequence number of the measure event that published the answer."),
        PackageColumn(name: "action", type: "string", required: true, description: "record, correct or retract.", values: ["record", "correct", "retract"]),
        PackageColumn(name: "measure", type: "integer", required: true, description: "The measure's id (the sequence number of the event that first recorded it)."),
        PackageColumn(name: "state", type: "string", required: true, description: "ISO 3166-1 alpha-3 code."),
        PackageColumn(name: "obligation", type: "string", required: true, description: "Obligation id of the A/RES/51/60 catalogue."),
        PackageColumn(name: "status", type: "string", required: true, description: "Self-reported implementation status.", values: ImplementationStatus.allCases.map(\.rawValue)),
        PackageColumn(name: "effective_date", type: "date", required: true, description: "The date the measure took effect."),
        PackageColumn(name: "title", type: "string", required: false, description: "The law's name and number, the agency, the agreement."),
        PackageColumn(name: "kind", type: "string", required: false, description: "legislation, regulation, institution, agreement, policy or practice."),
        PackageColumn(name: "source", type: "string", required: false, description: "Citation: URL or reference."),
        PackageColumn(name: "note", type: "string", required: false, description: "Free note."),
        PackageColumn(name: "justification", type: "string", required: false, description: "Why the status holds (not_applicable)."),
        PackageColumn(name: "reason", type: "string", required: false, description: "Why a correction or retraction was made."),
        PackageColumn(name: "draft", type: "integer", required: true, description: "Sequence number of the round.drafted event the answer was drafted in."),
        PackageColumn(name: "drafted_by", type: "string", required: true, description: "Who wrote the draft."),
        PackageColumn(name: "publication", type: "integer", required: true, description: "Sequence number of the round.published event."),
        PackageColumn(name: "recorded_at", type: "string", required: true, description: "When the measure event was appended (UTC, ISO 8601)."),
    ]

    static let packageStateColumns: [PackageColumn] = [
        PackageColumn(name: "state", type: "string", required: true, description: "ISO 3166-1 alpha-3 code."),
        PackageColumn(name: "due", type: "integer", required: true, description: "Answers asked of the State."),
        PackageColumn(name: "not_started", type: "integer", required: true, description: "Answers with no draft."),
        PackageColumn(name: "drafted", type: "integer", required: true, description: "Answers in draft."),
        PackageColumn(name: "submitted", type: "integer", required: true, description: "Answers submitted, waiting for review."),
        PackageColumn(name: "returned", type: "integer", required: true, description: "Answers returned to the State."),
        PackageColumn(name: "accepted", type: "integer", required: true, description: "Answers accepted, not yet published."),
        PackageColumn(name: "published", type: "integer", required: true, description: "Answers published."),
        PackageColumn(name: "overdue", type: "boolean", required: true, description: "Past the due date and not submitted."),
    ]

    static func resource(name: String, path: String, title: String, columns: [PackageColumn]) -> JSONValue {
        .object([
            "name": .string(name), "path": .string(path), "title": .string(title), "profile": .string("tabular-data-resource"),
            "format": .string("csv"), "mediatype": .string("text/csv"), "encoding": .string("utf-8"),
            "schema": .object([
                "fields": .array(columns.map { column in
                    var constraints: [String: JSONValue] = ["required": .bool(column.required)]
                    if let values = column.values { constraints["enum"] = .array(values.map { .string($0) }) }
                    return .object([
                        "name": .string(column.name), "type": .string(column.type), "description": .string(column.description),
                        "constraints": .object(constraints),
                    ])
                }),
            ]),
        ])
    }

    /// A package name as the Data Package spec wants it: lower case, digits, `-`, `_`, `.`.
    static func packageName(_ round: String) -> String {
        "cpsledger-round-" + String(round.lowercased().map { $0.isLetter || $0.isNumber || "._-".contains($0) ? $0 : "-" })
    }

    /// Creates `directory`, refusing a file or a folder that is not empty.
    static func prepareEmptyFolder(_ directory: String) throws {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { throw LedgerError.unwritable(path: directory, reason: "it is a file, and the package goes into a folder") }
            if let contents = try? FileManager.default.contentsOfDirectory(atPath: directory), !contents.isEmpty {
                throw LedgerError.unwritable(path: directory, reason: "the folder is not empty, and an export never overwrites")
            }
        }
        do { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) } catch {
            throw LedgerError.unwritable(path: directory, reason: "the folder cannot be created")
        }
    }

    /// JSON for people: the canonical value re-indented by Foundation, keys sorted.
    static func pretty(_ value: JSONValue) -> String {
        let text = value.canonicalText
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)),
            let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        else { return text + "\n" }
        return String(decoding: data, as: UTF8.self)
    }
}
