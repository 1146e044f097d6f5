import Foundation

/// The words people read, in one language: every user-facing string by key, with the plural forms
/// of counted words, read from a JSON catalogue (`Localization/*.json`).
///
/// A string is text with `{name}` placeholders; a counted string is an object of CLDR plural forms
/// (`one`, `other`, ... ; `other` always present) with a `{count}` placeholder. Keys listed under
/// `review` are shown but await a translator's review; keys under `withheld` are written but not yet
/// trusted, and English is shown in their place.
public struct StringCatalogue: Sendable {
    public let language: Language
    private let strings: [String: Entry]
    /// Keys whose translation is shown but awaits a translator's review.
    public let awaitingReview: Set<String>
    /// Keys whose translation is not shown (English is) until a translator confirms it.
    public let withheld: Set<String>

    enum Entry: Sendable, Hashable {
        case text(String)
        case plural([PluralCategory: String])
    }

    /// Reads a catalogue; a malformed one is named with the key and what is wrong.
    public init(json data: Data) throws {
        guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let tag = object["language"] as? String, let language = Language(rawValue: tag),
            let strings = object["strings"] as? [String: Any]
        else { throw StringCatalogueError.malformed(key: nil, reason: "a catalogue is an object with \"language\" (ar, en, es, fr, ru or zh) and \"strings\"") }
        self.language = language
        var entries: [String: Entry] = [:]
        for (key, value) in strings {
            if let text = value as? String {
                entries[key] = .text(text)
            } else if let forms = value as? [String: String] {
                var plural: [PluralCategory: String] = [:]
                for (name, text) in forms {
                    guard let category = PluralCategory(rawValue: name) else {
                        throw StringCatalogueError.malformed(key: key, reason: "'\(name)' is not a CLDR plural category (zero, one, two, few, many, other)")
                    }
                    plural[category] = text
                }
                guard plural[.other] != nil else { throw StringCatalogueError.malformed(key: key, reason: "a counted string needs its 'other' form") }
                entries[key] = .plural(plural)
            } else {
                throw StringCatalogueError.malformed(key: key, reason: "a string is text or an object of plural forms")
            }
        }
        self.strings = entries
        awaitingReview = Set(object["review"] as? [String] ?? [])
        withheld = Set(object["withheld"] as? [String] ?? [])
    }

    /// Every key the catalogue holds.
    public var keys: Set<String> { Set(strings.keys) }

    /// The key's text with its placeholders filled; nil when the catalogue lacks it or withholds it.
    public func text(_ key: String, _ arguments: [String: String] = [:]) -> String? {
        guard !withheld.contains(key), case .text(let text)? = strings[key] else { return nil }
        return Self.fill(text, arguments)
    }

    /// The key's form for `count` with `{count}` and the placeholders filled; nil when the catalogue lacks
    /// it or withholds it.
    public func plural(_ key: String, count: Int, _ arguments: [String: String] = [:]) -> String? {
        guard !withheld.contains(key), case .plural(let forms)? = strings[key] else { return nil }
        let form = forms[language.pluralCategory(count)] ?? forms[.other]!
        return Self.fill(form, arguments.merging(["count": String(count)]) { a, _ in a })
    }

    /// The plural forms a key has, for the catalogue's checks.
    public func pluralForms(_ key: String) -> Set<PluralCategory>? {
        guard case .plural(let forms)? = strings[key] else { return nil }
        return Set(forms.keys)
    }

    /// The `{name}` placeholders of a key's text (every form, for a counted string).
    public func placeholders(_ key: String) -> Set<String> {
        let texts: [String]
        switch strings[key] {
        case .text(let text)?: texts = [text]
        case .plural(let forms)?: texts = Array(forms.values)
        case nil: texts = []
        }
        var names = Set<String>()
        for text in texts {
            var rest = Substring(text)
            while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
                names.insert(String(rest[rest.index(after: open)..<close]))
                rest = rest[rest.index(after: close)...]
            }
        }
        return names
    }

    static func fill(_ text: String, _ arguments: [String: String]) -> String {
        guard text.contains("{") else { return text }
        var out = text
        for (name, value) in arguments { out = out.replacingOccurrences(of: "{\(name)}", with: value) }
        return out
    }
}

/// Why a string catalogue cannot be read.
public enum StringCatalogueError: Error, Sendable, Hashable, CustomStringConvertible {
    case malformed(key: String?, reason: String)

    public var description: String {
        switch self {
        case .malformed(let key?, let reason): "The string catalogue's key '\(key)' is malformed: \(reason)."
        case .malformed(nil, let reason): "The string catalogue is malformed: \(reason)."
        }
    }
}
