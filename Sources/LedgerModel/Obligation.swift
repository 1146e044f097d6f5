/// One trackable requirement of a provision, with a stable id such as `art8.record-keeping`.
public struct Obligation: Sendable, Hashable, Codable, Identifiable {
    public let id: String
    /// The `ref` of the provision it comes from.
    public let provision: String
    public let kind: ObligationKind
    public let themes: [String]
    public let title: String

    public init(id: String, provision: String, kind: ObligationKind, themes: [String], title: String) {
        self.id = id
        self.provision = provision
        self.kind = kind
        self.themes = themes
        self.title = title
    }
}
