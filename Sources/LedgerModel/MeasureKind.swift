/// What sort of national measure a record describes.
public enum MeasureKind: String, Sendable, Codable, CaseIterable {
    case legislation, regulation, institution, agreement, policy, practice
}
