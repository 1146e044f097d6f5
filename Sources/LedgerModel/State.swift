/// A State (or other participant) the ledger tracks: a UN Member State, or a non-member that
/// appears in treaty tables (Holy See, State of Palestine, Cook Islands, Niue, European Union).
public struct State: Sendable, Hashable, Codable, Identifiable {
    /// ISO 3166-1 alpha-3 code (`EUU` for the European Union, which ISO does not code).
    public let iso3: String
    /// English short name as the UN spells it.
    public let name: String
    /// Other spellings met in UN treaty tables.
    public let aliases: [String]
    /// True for the 193 UN Member States; non-members stay out of Member-State percentages.
    public let member: Bool
    /// Date of admission to the United Nations (Member States only).
    public let admissionDate: ISODate?
    /// UN regional group (Member States only).
    public let regionalGroup: RegionalGroup?

    public var id: String { iso3 }

    enum CodingKeys: String, CodingKey {
        case iso3, name, aliases, member
        case admissionDate = "admission_date"
        case regionalGroup = "regional_group"
    }

    public init(
        iso3: String, name: String, aliases: [String] = [], member: Bool, admissionDate: ISODate?,
        regionalGroup: RegionalGroup?
    ) {
        self.iso3 = iso3
        self.name = name
        self.aliases = aliases
        self.member = member
        self.admissionDate = admissionDate
        self.regionalGroup = regionalGroup
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(iso3, forKey: .iso3)
        try c.encode(name, forKey: .name)
        try c.encode(aliases, forKey: .aliases)
        try c.encode(member, forKey: .member)
        try c.encode(admissionDate, forKey: .admissionDate)
        try c.encode(regionalGroup, forKey: .regionalGroup)
    }
}
