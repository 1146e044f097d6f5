/// A document stored in the ledger as evidence for a measure, addressed by the SHA-256 of its bytes.
public struct EvidenceLink: Sendable, Hashable, Codable {
    /// Lower-case hex SHA-256 of the file's bytes.
    public let sha256: String
    /// The file's name when it was attached.
    public let filename: String
    public let size: Int
    /// The document's own date, where known.
    public let documentDate: ISODate?

    enum CodingKeys: String, CodingKey {
        case sha256, filename, size
        case documentDate = "document_date"
    }

    public init(sha256: String, filename: String, size: Int, documentDate: ISODate?) {
        self.sha256 = sha256
        self.filename = filename
        self.size = size
        self.documentDate = documentDate
    }

    var json: JSONValue {
        var members: [String: JSONValue] = ["sha256": .string(sha256), "filename": .string(filename), "size": .int(size)]
        if let documentDate { members["document_date"] = .string(documentDate.description) }
        return .object(members)
    }
}
