import Foundation

/// How an outside body's jurisdiction names map onto the ledger's States: the body's spellings of
/// States the States fixture spells otherwise, and the jurisdictions that are not States (territories,
/// Crown Dependencies, special administrative regions), which an import lists and skips.
public struct JurisdictionMap: Sendable, Hashable, Codable {
    public let body: String
    public let note: String
    public let aliases: [Alias]
    public let nonStates: [NonState]

    /// A body's name for a State.
    public struct Alias: Sendable, Hashable, Codable {
        public let iso2: String
        public let name: String
        public let state: String
    }

    /// A jurisdiction that is no State's row.
    public struct NonState: Sendable, Hashable, Codable {
        public let iso2: String
        public let name: String
        public let status: String
    }

    enum CodingKeys: String, CodingKey {
        case body, note, aliases
        case nonStates = "non_states"
    }

    /// Decodes the map from its JSON form.
    public static func decode(json data: Data) throws -> JurisdictionMap {
        try JSONDecoder().decode(JurisdictionMap.self, from: data)
    }

    /// What a jurisdiction (ISO 3166-1 alpha-2 code and name) is: a State, a non-State, or unknown.
    public enum Resolution: Sendable, Hashable {
        case state(String)
        case nonState(NonState)
        case unknown
    }

    /// Resolves a jurisdiction: a non-State first (by code), then the body's alias, then the States' names and aliases.
    public func resolve(iso2: String, name: String, states: StateDirectory) -> Resolution {
        if let other = nonStates.first(where: { $0.iso2 == iso2 }) { return .nonState(other) }
        if let alias = aliases.first(where: { $0.iso2 == iso2 && StateDirectory.normalize($0.name) == StateDirectory.normalize(name) }) {
            return .state(alias.state)
        }
        if let state = states.state(named: name) { return .state(state.iso3) }
        return .unknown
    }
}
