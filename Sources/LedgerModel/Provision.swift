/// An Article, operative paragraph or sub-paragraph of an instrument, with its text.
public struct Provision: Sendable, Hashable, Codable {
    /// Short reference used by obligations, e.g. `art7a` or `res.4`.
    public let ref: String
    /// The label a reader knows, e.g. `Article 7(a)`.
    public let label: String
    /// The provision's text as the seed document gives it.
    public let text: String
    /// True where the seed copy is cut short and the text is incomplete.
    public let textIncomplete: Bool
    /// Why the text is incomplete, when it is.
    public let textNote: String?

    enum CodingKeys: String, CodingKey {
        case ref, label, text
        case textIncomplete = "text_incomplete"
        case textNote = "text_note"
    }

    public init(ref: String, label: String, text: String, textIncomplete: Bool = false, textNote: String? = nil) {
        self.ref = ref
        self.label = label
        self.text = text
        self.textIncomplete = textIncomplete
        self.textNote = textNote
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        ref = try c.decode(String.self, forKey: .ref)
        label = try c.decode(String.self, forKey: .label)
        text = try c.decode(String.self, forKey: .text)
        textIncomplete = try c.decodeIfPresent(Bool.self, forKey: .textIncomplete) ?? false
        textNote = try c.decodeIfPresent(String.self, forKey: .textNote)
    }

    /// The Article this provision belongs to (`Article 7` for `Article 7(a)`), or the label itself.
    public var article: String {
        if let paren = label.firstIndex(of: "(") , label.hasPrefix("Article") {
            return String(label[..<paren])
        }
        return label
    }
}
