import Foundation

/// The treaties the ledger knows and, for each accession obligation, which treaties it requires
/// under each named set (`1996`: those of the Declaration's time; `current`: with later ones).
public struct TreatyCatalogue: Sendable, Codable {
    public let treaties: [Treaty]
    /// The set reports use unless told otherwise.
    public let defaultSet: String
    /// Set name → what it means.
    public let sets: [String: String]
    /// Obligation id → set name → requirements; each requirement is a list of alternative treaty ids.
    public let requirements: [String: [String: [[String]]]]
    /// Treaty id and UNTC reference → position in `treaties`: every action of an import looks its treaty up.
    private let positions: [String: Int]

    enum CodingKeys: String, CodingKey {
        case treaties, sets, requirements
        case defaultSet = "default_set"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        treaties = try c.decode([Treaty].self, forKey: .treaties)
        defaultSet = try c.decode(String.self, forKey: .defaultSet)
        sets = try c.decode([String: String].self, forKey: .sets)
        requirements = try c.decode([String: [String: [[String]]]].self, forKey: .requirements)
        var positions: [String: Int] = [:]
        for (index, treaty) in treaties.enumerated() {
            positions[treaty.id] = index
            if let untc = treaty.untc, positions[untc] == nil { positions[untc] = index }
        }
        self.positions = positions
        let ids = Set(treaties.map(\.id))
        for (obligation, bySet) in requirements {
            for (set, items) in bySet {
                for id in items.joined() where !ids.contains(id) {
                    throw DecodingError.dataCorruptedError(
                        forKey: .requirements, in: c,
                        debugDescription: "\(obligation) (set \(set)) requires treaty '\(id)', which the catalogue does not have.")
                }
            }
        }
    }

    private init(treaties: [Treaty], defaultSet: String, sets: [String: String], requirements: [String: [String: [[String]]]]) {
        self.treaties = treaties
        self.defaultSet = defaultSet
        self.sets = sets
        self.requirements = requirements
        var positions: [String: Int] = [:]
        for (index, treaty) in treaties.enumerated() {
            positions[treaty.id] = index
            if let untc = treaty.untc, positions[untc] == nil { positions[untc] = index }
        }
        self.positions = positions
    }

    /// The catalogue with `added` (treaties the ledger added, ``Treaty/addedBy``) after the shipped
    /// ones, in the order given. The requirement sets stay those shipped: an added treaty serves its
    /// obligations but no accession obligation requires it.
    public func adding(_ added: [Treaty]) -> TreatyCatalogue {
        TreatyCatalogue(
            treaties: treaties.filter { !$0.isAddedByLedger } + added, defaultSet: defaultSet, sets: sets, requirements: requirements)
    }

    /// The catalogue as it stood when only the added treaties of `known` had been recorded (`--known-at`).
    public func keeping(added known: Set<Int64>) -> TreatyCatalogue {
        TreatyCatalogue(
            treaties: treaties.filter { $0.addedBy.map(known.contains) ?? true }, defaultSet: defaultSet, sets: sets,
            requirements: requirements)
    }

    /// The treaties the ledger added to the shipped catalogue, in the order they were added.
    public var added: [Treaty] { treaties.filter(\.isAddedByLedger) }

    /// Decodes the catalogue from its JSON form (`Fixtures/treaties.json`).
    public static func decode(json data: Data) throws -> TreatyCatalogue {
        try JSONDecoder().decode(TreatyCatalogue.self, from: data)
    }

    public func treaty(_ id: String) -> Treaty? { positions[id].map { treaties[$0] }.flatMap { $0.id == id ? $0 : nil } }

    /// The treaty with this id or UNTC reference.
    public func treaty(idOrUNTC key: String) -> Treaty? { positions[key].map { treaties[$0] } }

    /// The nearest treaty ids and UNTC references to a mistyped one.
    public func suggestions(for text: String) -> [String] {
        Suggestion.nearest(to: text, among: treaties.map(\.id) + treaties.compactMap(\.untc))
    }

    /// The requirements of an accession obligation under a set (the default set when nil).
    public func requirements(of obligation: String, set: String? = nil) -> [[String]] {
        requirements[obligation]?[set ?? defaultSet] ?? []
    }

    /// The names of the sets, sorted.
    public var setNames: [String] { sets.keys.sorted() }
}
