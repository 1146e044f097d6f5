/// The five United Nations regional groups, spelled as the UN spells them.
public enum RegionalGroup: String, Sendable, Codable, CaseIterable, Comparable {
    case african = "African"
    case asiaPacific = "Asia-Pacific"
    case easternEuropean = "Eastern European"
    case latinAmericanAndCaribbean = "Latin American and Caribbean"
    case westernEuropeanAndOthers = "Western European and Others"

    public static func < (lhs: RegionalGroup, rhs: RegionalGroup) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
