/// A State's standing towards one treaty on one date, from its actions dated on or before it.
public enum PartyStatus: Sendable, Hashable {
    /// Bound by the treaty since this date (first consent-to-be-bound action).
    case party(since: ISODate, by: TreatyActionKind)
    /// Signed on this date, not (yet) bound.
    case signatory(since: ISODate)
    /// Was party; a denunciation took effect on this date.
    case denounced(on: ISODate)
    /// No action on or before the date.
    case none

    /// The status as of `date` from a State's actions on one treaty (any order).
    /// Party from the first consent action until a denunciation takes effect; a later consent
    /// makes it party again.
    public static func of(_ actions: [(kind: TreatyActionKind, date: ISODate)], asOf date: ISODate) -> PartyStatus {
        var status = PartyStatus.none
        for action in actions.filter({ $0.date <= date }).sorted(by: { $0.date < $1.date }) {
            switch action.kind {
            case .signature:
                if case .none = status { status = .signatory(since: action.date) }
            case .denunciation:
                if case .party = status { status = .denounced(on: action.date) }
            case .provisionalApplication:
                continue  // applying a treaty provisionally is not consent to be bound
            default:
                if case .party = status { continue }
                status = .party(since: action.date, by: action.kind)
            }
        }
        return status
    }

    public var isParty: Bool {
        if case .party = self { return true }
        return false
    }

    public var isSignatoryOnly: Bool {
        if case .signatory = self { return true }
        return false
    }
}
