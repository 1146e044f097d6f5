import Foundation

/// One score an outside index gave a State in one edition (the Global Organized Crime Index's 2025
/// score of Kenya's international cooperation, 6.5 on its 1-10 scale), with the file it was read
/// from. A score measures what the index measures (a capacity, or how much crime there is), not what
/// the Declaration asks: it is shown beside a State's cells as an outside view and scores none of them.
public struct OutsideScoreFields: Sendable, Hashable, Codable {
    public var state: String
    /// The body that publishes the index (`GI-TOC`).
    public var body: String
    /// The edition's year (`2021`, `2023`, `2025`): the index dates its scores by edition, and no month or day is invented.
    public var edition: Int
    /// The indicator (``OCIndexIndicator/id``: `international-cooperation`, `arms-trafficking`).
    public var indicator: String
    public var pillar: OCIndexIndicator.Pillar
    /// The score on the index's 1-10 scale, to two decimals as published.
    public var score: Double
    /// The file's name and SHA-256, and where the file comes from.
    public var file: String
    public var sha256: String
    public var source: String

    public init(
        state: String, body: String, edition: Int, indicator: String, pillar: OCIndexIndicator.Pillar, score: Double, file: String,
        sha256: String, source: String
    ) {
        self.state = state
        self.body = body
        self.edition = edition
        self.indicator = indicator
        self.pillar = pillar
        self.score = Self.rounded(score)
        self.file = file
        self.sha256 = sha256
        self.source = source
    }

    enum CodingKeys: String, CodingKey {
        case state, body, edition, indicator, pillar, score, file, sha256, source
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let text = try c.decode(String.self, forKey: .score)
        guard let score = Double(text) else {
            throw DecodingError.dataCorruptedError(forKey: .score, in: c, debugDescription: "'\(text)' is not a decimal score")
        }
        self.init(
            state: try c.decode(String.self, forKey: .state), body: try c.decode(String.self, forKey: .body),
            edition: try c.decode(Int.self, forKey: .edition), indicator: try c.decode(String.self, forKey: .indicator),
            pillar: try c.decode(OCIndexIndicator.Pillar.self, forKey: .pillar), score: score, file: try c.decode(String.self, forKey: .file),
            sha256: try c.decode(String.self, forKey: .sha256), source: try c.decode(String.self, forKey: .source))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(state, forKey: .state)
        try c.encode(body, forKey: .body)
        try c.encode(edition, forKey: .edition)
        try c.encode(indicator, forKey: .indicator)
        try c.encode(pillar, forKey: .pillar)
        try c.encode(scoreText, forKey: .score)
        try c.encode(file, forKey: .file)
        try c.encode(sha256, forKey: .sha256)
        try c.encode(source, forKey: .source)
    }

    /// The score as the event payload writes it: a decimal string of at most two decimals (`6.5`, `4.73`),
    /// so that no binary rounding of a JSON number changes the recorded text.
    public var scoreText: String { Self.text(score) }

    /// The event payload's members.
    public var jsonMembers: [String: JSONValue] {
        [
            "state": .string(state), "body": .string(body), "edition": .int(edition), "indicator": .string(indicator),
            "pillar": .string(pillar.rawValue), "score": .string(scoreText),
            "file": .string(file), "sha256": .string(sha256), "source": .string(source),
        ]
    }

    /// The canonical JSON text of the event payload.
    public var canonicalText: String { JSONValue.object(jsonMembers).canonicalText }

    /// A score to two decimals (the workbooks store 4.73 as 4.7300000000000004).
    public static func rounded(_ score: Double) -> Double { (score * 100).rounded() / 100 }

    /// A score written with at most two decimals and no trailing zeros (`6`, `6.5`, `4.73`).
    public static func text(_ score: Double) -> String {
        let hundredths = Int((score * 100).rounded())
        let whole = hundredths / 100, part = abs(hundredths % 100)
        let sign = hundredths < 0 && whole == 0 ? "-" : ""
        if part == 0 { return "\(sign)\(whole)" }
        return part % 10 == 0 ? "\(sign)\(whole).\(part / 10)" : "\(sign)\(whole).\(part < 10 ? "0" : "")\(part)"
    }
}
