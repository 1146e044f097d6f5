import LedgerModel

/// The payload of a `treaty_table.imported` event.
struct TreatyTablePayload: Codable, Equatable {
    let treaty: String
    let file: String
    let sha256: String
    let asAt: ISODate?
    let source: String
    let recorded: Int
    let duplicates: Int

    enum CodingKeys: String, CodingKey {
        case treaty, file, sha256, source, recorded, duplicates
        case asAt = "as_at"
    }

    var json: JSONValue {
        var members: [String: JSONValue] = [
            "treaty": .string(treaty), "file": .string(file), "sha256": .string(sha256), "source": .string(source),
            "recorded": .int(recorded), "duplicates": .int(duplicates),
        ]
        if let asAt { members["as_at"] = .string(asAt.description) }
        return .object(members)
    }
}
