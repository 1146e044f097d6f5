import Foundation
import Synchronization

/// All States the ledger knows, looked up by ISO3 code, name or alias, with suggestions for near misses.
public struct StateDirectory: Sendable {
    public let states: [State]
    private let byCode: [String: Int]
    /// The index by normalised name and alias, built on the first lookup by name: most commands
    /// look States up by code only, and normalising 200 names and their aliases was a tenth of
    /// the time to open a ledger.
    private let names: NameIndex

    public init(states: [State]) {
        self.states = states
        var byCode: [String: Int] = [:]
        for (index, state) in states.enumerated() { byCode[state.iso3] = index }
        self.byCode = byCode
        names = NameIndex()
    }

    /// Decodes the directory from its JSON form (`Fixtures/states.json`).
    public static func decode(json data: Data) throws -> StateDirectory {
        StateDirectory(states: try JSONDecoder().decode([State].self, from: data))
    }

    /// The 193 (or however many) UN Member States.
    public var memberStates: [State] { states.filter(\.member) }

    /// The State with this exact ISO3 code.
    public subscript(iso3: String) -> State? { byCode[iso3].map { states[$0] } }

    /// The State whose name or alias matches `name` once case, accents of apostrophes,
    /// `St.`/`Saint`, footnote numbers and spacing are set aside.
    public func state(named name: String) -> State? {
        names.index(of: states)[StateDirectory.normalize(name)].map { states[$0] }
    }

    /// Suggestions for an unknown code or name: codes whose names or aliases come nearest.
    public func suggestions(for text: String) -> [String] {
        let upper = text.uppercased()
        if let state = self[upper] { return [state.iso3] }
        if let state = state(named: text) { return [state.iso3] }
        var candidates: [(String, String)] = []
        for state in states {
            candidates.append((state.iso3, state.iso3))
            for name in [state.name] + state.aliases {
                candidates.append((StateDirectory.normalize(name), state.iso3))
            }
        }
        let key = text.count <= 3 ? upper : StateDirectory.normalize(text)
        let ranked = Suggestion.rank(key, among: candidates.map(\.0))
        var result: [String] = []
        for index in ranked where !result.contains(candidates[index].1) {
            result.append(candidates[index].1)
            if result.count == 3 { break }
        }
        // A name that starts like the text is a better guess than edit distance alone.
        let prefixed = states.filter { StateDirectory.normalize($0.name).hasPrefix(key) && key.count >= 4 }.map(\.iso3)
        return Array((prefixed + result).uniqued().prefix(3))
    }

    /// Name suggestions (not codes) for an unknown participant name in a treaty table.
    public func nameSuggestions(for text: String) -> [String] {
        suggestions(for: text).compactMap { self[$0]?.name }
    }

    /// The key names are compared by.
    public static func normalize(_ name: String) -> String {
        // An ASCII name has no diacritics, and its case folding is its lower case: the Foundation call
        // (a third of the time to open a ledger, for 200 names and their aliases) is for the others.
        var text = name.utf8.allSatisfy({ $0 < 0x80 })
            ? name.lowercased()
            : name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: Locale(identifier: "en_US_POSIX"))
        text = text.replacingOccurrences(of: "\u{2019}", with: "'")
        // Footnote marks after a name: "China 3, 4", "Bolivia (Plurinational State of)7".
        while let last = text.last, last.isNumber || last == "," || last == " " { text.removeLast() }
        text = text.replacingOccurrences(of: ",", with: "")
        let words = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "-" }).map { word -> Substring in
            word == "st." ? "saint" : word
        }
        return words.joined(separator: " ")
    }
}

extension Sequence where Element: Hashable {
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}

/// The index of a ``StateDirectory`` by normalised name and alias, built once, on first use.
private final class NameIndex: Sendable {
    private let built = Mutex<[String: Int]?>(nil)

    func index(of states: [State]) -> [String: Int] {
        built.withLock { built in
            if let built { return built }
            var byName: [String: Int] = [:]
            for (index, state) in states.enumerated() {
                for name in [state.name] + state.aliases { byName[StateDirectory.normalize(name)] = index }
            }
            built = byName
            return byName
        }
    }
}
