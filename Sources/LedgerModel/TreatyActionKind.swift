/// What a State did with respect to a treaty, as the depositary records it.
public enum TreatyActionKind: String, Sendable, Codable, CaseIterable {
    case signature
    case ratification
    case accession
    case succession
    case acceptance
    case approval
    case definitiveSignature = "definitive_signature"
    case formalConfirmation = "formal_confirmation"
    /// Denunciation or withdrawal; its date is the date it takes effect.
    case denunciation
    /// The State applies the treaty provisionally from this date (UNTC letter `n`, or a column of its
    /// own). It is not consent to be bound: the State is not party by it.
    case provisionalApplication = "provisional_application"

    /// True for the actions that express consent to be bound: the State is party from that date.
    public var isConsent: Bool {
        switch self {
        case .ratification, .accession, .succession, .acceptance, .approval, .definitiveSignature, .formalConfirmation: true
        case .signature, .denunciation, .provisionalApplication: false
        }
    }
}
