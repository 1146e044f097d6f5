import LedgerModel

/// The payload of a `treaty_table.imported` event.
///
/// `form`, `rows`, `declared_parties` and `declared_signatories` came with migration v0006; events
/// written before it lack them, and they are written only when known, so older hashes still hold.
struct TreatyTablePayload: Codable, Equatable {
    let treaty: String
    let file: String
    let sha256: String
    let asAt: ISODate?
    let source: String
    let recorded: Int
    let duplicates: Int
    var form: UNTCForm? = nil
    var rows: Int? = nil
    var declaredParties: Int? = nil
    var declaredSignatories: Int? = nil

    enum CodingKeys: String, CodingKey {
        case treaty, file, sha256, source, recorded, duplicates, form, rows
        case asAt = "as_at"
        case declaredParties = "declared_parties"
        case declaredSignatories = "declared_signatories"
    }

    var json: JSONValue {
        var members: [String: JSONValue] = [
            "treaty": .string(treaty), "file": .string(file), "sha256": .string(sha256), "source": .string(source),
            "recorded": .int(recorded), "duplicates": .int(duplicates),
        ]
        if let asAt { members["as_at"] = .string(asAt.description) }
        if let form { members["form"] = .string(form.rawValue) }
        if let rows { members["rows"] = .int(rows) }
        if let declaredParties { members["declared_parties"] = .int(declaredParties) }
        if let declaredSignatories { members["declared_signatories"] = .int(declaredSignatories) }
        return .object(members)
    }
}
