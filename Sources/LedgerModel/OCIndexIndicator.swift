/// An indicator of the Global Organized Crime Index (GI-TOC): a criminal market, a type of criminal
/// actor, or one of the twelve resilience indicators, named as the Index's workbook heads its column.
/// Every indicator is scored 1-10; a market or actor score says how much crime there is (higher is
/// worse), a resilience score what capacity a State has to withstand it (higher is better).
public struct OCIndexIndicator: Sendable, Hashable {
    /// The three pillars of the Index.
    public enum Pillar: String, Sendable, Hashable, Codable, CaseIterable {
        /// Criminal markets: how pervasive each market is.
        case market
        /// Criminal actors: how much each type of actor influences society.
        case actor
        /// Resilience: a State's capacity to withstand organized crime.
        case resilience

        /// How a reader reads the pillar's scale.
        public var scale: String {
            switch self {
            case .market: "1-10, higher is more crime"
            case .actor: "1-10, higher is more influence of criminal actors"
            case .resilience: "1-10, higher is more resilience"
            }
        }
    }

    /// A stable id made from the title (`international-cooperation`).
    public let id: String
    /// The column's title in the workbook (`International cooperation`).
    public let title: String
    public let pillar: Pillar

    init(_ title: String, _ pillar: Pillar) {
        self.title = title
        self.pillar = pillar
        id = OCIndexLayout.key(title).replacingOccurrences(of: " ", with: "-")
    }

    /// Every indicator of the 2023 and 2025 editions (2021 has ten of the fifteen markets and four of the five actor types),
    /// in the order the 2025 workbook lists them.
    public static let all: [OCIndexIndicator] = [
        .init("Human trafficking", .market), .init("Human smuggling", .market), .init("Extortion and protection racketeering", .market),
        .init("Arms trafficking", .market), .init("Trade in counterfeit goods", .market), .init("Illicit trade in excisable goods", .market),
        .init("Flora crimes", .market), .init("Fauna crimes", .market), .init("Non-renewable resource crimes", .market),
        .init("Heroin trade", .market), .init("Cocaine trade", .market), .init("Cannabis trade", .market),
        .init("Synthetic drug trade", .market), .init("Cyber-dependent crimes", .market), .init("Financial crimes", .market),
        .init("Mafia-style groups", .actor), .init("Criminal networks", .actor), .init("State-embedded actors", .actor),
        .init("Foreign actors", .actor), .init("Private sector actors", .actor),
        .init("Political leadership and governance", .resilience), .init("Government transparency and accountability", .resilience),
        .init("International cooperation", .resilience), .init("National policies and laws", .resilience),
        .init("Judicial system and detention", .resilience), .init("Law enforcement", .resilience),
        .init("Territorial integrity", .resilience), .init("Anti-money laundering", .resilience),
        .init("Economic regulatory capacity", .resilience), .init("Victim and witness support", .resilience),
        .init("Prevention", .resilience), .init("Non-state actors", .resilience),
    ]

    /// The indicator with this id.
    public static func named(_ id: String) -> OCIndexIndicator? { all.first { $0.id == id } }
}
