import Foundation

/// The content of one national measure reported for a (State, obligation) cell, validated.
///
/// Build one from raw text with ``MeasureFields/validate(_:catalogue:states:)``; the ledger stores it
/// as the payload of a `measure.recorded` or `measure.corrected` event.
public struct MeasureFields: Sendable, Hashable, Codable {
    public var state: String
    public var obligation: String
    public var status: ImplementationStatus
    public var effectiveDate: ISODate
    /// The law's name and number, the agency, the agreement.
    public var title: String?
    public var kind: MeasureKind?
    /// Citation: URL or reference.
    public var source: String?
    public var note: String?
    /// Why the status holds; required for `not_applicable`, not allowed with `implemented`.
    public var justification: String?
    public var evidence: [EvidenceLink]

    enum CodingKeys: String, CodingKey {
        case state, obligation, status, title, kind, source, note, justification, evidence
        case effectiveDate = "effective_date"
    }

    public init(
        state: String, obligation: String, status: ImplementationStatus, effectiveDate: ISODate,
        title: String? = nil, kind: MeasureKind? = nil, source: String? = nil, note: String? = nil,
        justification: String? = nil, evidence: [EvidenceLink] = []
    ) {
        self.state = state
        self.obligation = obligation
        self.status = status
        self.effectiveDate = effectiveDate
        self.title = title
        self.kind = kind
        self.source = source
        self.note = note
        self.justification = justification
        self.evidence = evidence
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        state = try c.decode(String.self, forKey: .state)
        obligation = try c.decode(String.self, forKey: .obligation)
        status = try c.decode(ImplementationStatus.self, forKey: .status)
        effectiveDate = try c.decode(ISODate.self, forKey: .effectiveDate)
        title = try c.decodeIfPresent(String.self, forKey: .title)
        kind = try c.decodeIfPresent(MeasureKind.self, forKey: .kind)
        source = try c.decodeIfPresent(String.self, forKey: .source)
        note = try c.decodeIfPresent(String.self, forKey: .note)
        justification = try c.decodeIfPresent(String.self, forKey: .justification)
        evidence = try c.decodeIfPresent([EvidenceLink].self, forKey: .evidence) ?? []
    }

    /// The fields as a JSON object (absent optionals left out), the form hashed into the ledger.
    public var jsonMembers: [String: JSONValue] {
        var members: [String: JSONValue] = [
            "state": .string(state), "obligation": .string(obligation), "status": .string(status.rawValue),
            "effective_date": .string(effectiveDate.description),
        ]
        if let title { members["title"] = .string(title) }
        if let kind { members["kind"] = .string(kind.rawValue) }
        if let source { members["source"] = .string(source) }
        if let note { members["note"] = .string(note) }
        if let justification { members["justification"] = .string(justification) }
        if !evidence.isEmpty { members["evidence"] = .array(evidence.map(\.json)) }
        return members
    }

    /// The text that identifies a measure's content for duplicate detection: two records with the
    /// same State, obligation, status, effective date, title, kind, source, note and justification
    /// are the same measure. Evidence is not part of it.
    public var identityText: String {
        var out: [UInt8] = []
        writeCanonical(into: &out, evidence: false)
        return String(decoding: out, as: UTF8.self)
    }

    /// The canonical JSON of ``jsonMembers``, written directly in key order (the import's hot path).
    public var canonicalText: String {
        var out: [UInt8] = []
        writeCanonical(into: &out, evidence: true)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the canonical JSON (``canonicalText``) to `out`: the import writes every row into one reused buffer.
    package func writeCanonical(into out: inout [UInt8]) {
        writeCanonical(into: &out, evidence: true)
    }

    private func writeCanonical(into out: inout [UInt8], evidence withEvidence: Bool) {
        out.reserveCapacity(out.count + 320)
        var first = true
        func member(_ key: StaticString, _ value: String?) {
            guard let value else { return }
            out.append(first ? UInt8(ascii: "{") : UInt8(ascii: ","))
            first = false
            out.append(UInt8(ascii: "\""))
            out.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
            out.append(contentsOf: "\":".utf8)
            JSONValue.writeString(value, into: &out)
        }
        // Keys in canonical (byte) order.
        member("effective_date", effectiveDate.description)
        if withEvidence && !evidence.isEmpty {
            out.append(contentsOf: ",\"evidence\":".utf8)
            JSONValue.array(evidence.map(\.json)).write(into: &out)
        }
        member("justification", justification)
        member("kind", kind?.rawValue)
        member("note", note)
        member("obligation", obligation)
        member("source", source)
        member("state", state)
        member("status", status.rawValue)
        member("title", title)
        out.append(UInt8(ascii: "}"))
    }
}

extension MeasureFields {
    /// The text rule of each field (``TextRule/code`` for the others): lengths in characters and
    /// UTF-8 bytes, line breaks only in `note` and `justification`.
    public static let textRules: [String: TextRule] = ["title": .name, "source": .citation, "note": .freeText, "justification": .freeText]

    /// How far ahead an effective date may be: a planned law with a fixed commencement date is
    /// recorded with that date, up to this many years after today (UTC).
    public static let effectiveYearsAhead = 10

    /// The latest effective date a measure may have: 31 December, ``effectiveYearsAhead`` years after `today`'s year.
    public static func latestEffectiveDate(today: ISODate) -> ISODate {
        ISODate(year: min(9999, today.year + effectiveYearsAhead), month: 12, day: 31)!
    }

    /// The earliest effective date: older laws still in force (penal codes of the 19th century) are
    /// real measures; a date before 1800 is taken as a typing mistake.
    public static let earliestEffectiveDate = ISODate(year: 1800, month: 1, day: 1)!

    /// Validates raw text fields (as they come from a CSV row, a command line or a JSON body)
    /// and returns the measure, or every problem found.
    ///
    /// `raw` maps field names (`state`, `obligation`, `status`, `effective_date`, `title`, `kind`,
    /// `source`, `note`, `justification`) to their text; empty text counts as absent.
    /// `effective_date` must lie from ``earliestEffectiveDate`` to ``effectiveYearsAhead`` years after
    /// `today`; every text field obeys its rule in ``textRules``.
    public static func validate(
        _ raw: [String: String], catalogue: Catalogue, states: StateDirectory, today: ISODate = .utc()
    ) throws(ValidationFailure) -> MeasureFields {
        try validate(RawFields(raw, rules: textRules), catalogue: catalogue, states: states, today: today)
    }

    /// Validates one row of fields by position (`values[i]` is the text of the column `names[i]`), as
    /// ``validate(_:catalogue:states:today:)`` does a dictionary: an import reads every row this way,
    /// without building a dictionary per row.
    package static func validate(
        names: [String], values: [String], catalogue: Catalogue, states: StateDirectory, today: ISODate
    ) throws(ValidationFailure) -> MeasureFields {
        try validate(RawFields(names: names, values: values, rules: textRules), catalogue: catalogue, states: states, today: today)
    }

    private static func validate(
        _ fields: RawFields, catalogue: Catalogue, states: StateDirectory, today: ISODate
    ) throws(ValidationFailure) -> MeasureFields {
        var input = fields
        let state = input.state(states)
        let obligation = input.obligation(catalogue)
        if let obligation, obligation.kind == .accession {
            input.add(FieldIssue(
                field: "obligation", value: obligation.id,
                message: "is an accession obligation: its status comes from treaty actions, not from measures"))
        }
        let status = input.oneOf(ImplementationStatus.self, "status", noun: "a status")
        let date = input.date("effective_date")
        if let date {
            let latest = latestEffectiveDate(today: today)
            if date < earliestEffectiveDate || date > latest {
                input.add(FieldIssue(
                    field: "effective_date", value: date.description,
                    message: "is outside the effective dates a measure may have: \(earliestEffectiveDate) to \(latest) (a planned law may be dated up to \(effectiveYearsAhead) years ahead)"))
            }
        }
        let kind = input.oneOf(MeasureKind.self, "kind", noun: "a measure kind", required: false)
        let title = input.text("title")
        let justification = input.text("justification")
        if let status {
            switch status {
            case .implemented, .partial, .planned:
                if title == nil && !input.wasRefused("title") {
                    input.add(FieldIssue(field: "title", value: "", message: "is required when status is \(status.rawValue): name the law, agency or agreement"))
                }
                if input.text("kind") == nil && !input.wasRefused("kind") {
                    input.add(FieldIssue(field: "kind", value: "", message: "is required when status is \(status.rawValue); use one of " + MeasureKind.allCases.map(\.rawValue).joined(separator: ", ")))
                }
            case .noMeasures, .notApplicable:
                break
            }
            if status == .notApplicable && justification == nil && !input.wasRefused("justification") {
                input.add(FieldIssue(field: "justification", value: "", message: "is required when status is not_applicable: say why the obligation does not apply"))
            }
            if status == .implemented, let justification {
                input.add(FieldIssue(field: "justification", value: justification, message: "is only for statuses other than implemented"))
            }
        }
        try input.check()
        guard let state, let obligation, let status, let date else { throw ValidationFailure(issues: input.issues) }
        return MeasureFields(
            state: state, obligation: obligation.id, status: status, effectiveDate: date, title: title, kind: kind,
            source: input.text("source"), note: input.text("note"), justification: justification)
    }
}
