/// How an obligation is tracked: by measures a State reports, by treaty accession, or as a safeguard.
public enum ObligationKind: String, Sendable, Codable, CaseIterable {
    /// States report national measures (laws, agencies, agreements) against it.
    case measure
    /// Its status derives from the State's party status to the treaties it requires.
    case accession
    /// Article 11: the conditions every other action must respect; recorded and scored like a measure.
    case safeguard
}
