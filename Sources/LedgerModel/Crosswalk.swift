import Foundation

/// A published table linking the items of an outside framework (the FATF Recommendations, later
/// UNTOC or UNCAC articles) to the Declaration's obligations, so that an outside body's ratings can
/// be shown as evidence for the cells they bear on. It is data (`Fixtures/crosswalks/`), reviewable
/// with `cpsledger crosswalk list`.
public struct Crosswalk: Sendable, Hashable, Codable {
    /// The body whose ratings the crosswalk carries (`FATF`).
    public let body: String
    /// The framework's name (`FATF Recommendations (2012, as amended)`).
    public let framework: String
    /// Where the framework's text comes from.
    public let source: String
    /// The items the body rates, each with its title (`R.11`, `Record-keeping`).
    public let items: [Item]
    /// The links, in the order they are listed.
    public let links: [Link]

    public init(body: String, framework: String, source: String, items: [Item], links: [Link]) {
        self.body = body
        self.framework = framework
        self.source = source
        self.items = items
        self.links = links
    }

    /// One rated item of the framework.
    public struct Item: Sendable, Hashable, Codable {
        public let id: String
        public let title: String
    }

    /// One link from a framework item to an obligation.
    public struct Link: Sendable, Hashable, Codable {
        public let item: String
        public let obligation: String
        public let strength: Strength
        /// One line quoting the two provisions' words (or saying where the framework's words could not be quoted).
        public let rationale: String
        /// The framework text's reference (`FATF Recommendations, R.11 (Record-keeping)`).
        public let reference: String

        public init(item: String, obligation: String, strength: Strength, rationale: String, reference: String) {
            self.item = item
            self.obligation = obligation
            self.strength = strength
            self.rationale = rationale
            self.reference = reference
        }
    }

    /// How much of the obligation the item covers.
    public enum Strength: String, Sendable, Hashable, Codable, CaseIterable {
        /// The item asks for what the obligation asks: its rating may score the cell.
        case direct
        /// The item covers part of the obligation: its rating is evidence only.
        case partial
        /// The item measures the setting of the obligation, not what a State did about it (how much
        /// arms trafficking there is): shown beside the cell as context, never as a rating of it.
        case context
        /// The item is derived from another body's ratings that the ledger already shows for the cell
        /// (the OC Index's anti-money laundering score, from FATF evaluations): it corroborates them
        /// and is never counted as evidence of its own.
        case corroboration
    }

    /// Decodes a crosswalk from its JSON form.
    public static func decode(json data: Data) throws -> Crosswalk {
        try JSONDecoder().decode(Crosswalk.self, from: data)
    }

    /// The links that bear on one obligation.
    public func links(to obligation: String) -> [Link] { links.filter { $0.obligation == obligation } }

    /// The item with this id.
    public func item(_ id: String) -> Item? { items.first { $0.id == id } }

    /// What is wrong with the crosswalk against a catalogue: links to an obligation the catalogue
    /// lacks or to an item the framework lacks, and duplicate links; one sentence each.
    public func problems(catalogue: Catalogue) -> [String] {
        var problems: [String] = []
        var seen = Set<String>()
        for link in links {
            if catalogue.obligation(link.obligation) == nil {
                problems.append("The \(body) crosswalk links \(link.item) to obligation '\(link.obligation)', which the catalogue lacks.")
            }
            if item(link.item) == nil {
                problems.append("The \(body) crosswalk links item '\(link.item)', which its list of \(framework) items lacks.")
            }
            if !seen.insert(link.item + "|" + link.obligation).inserted {
                problems.append("The \(body) crosswalk links \(link.item) to \(link.obligation) twice.")
            }
        }
        return problems
    }
}
