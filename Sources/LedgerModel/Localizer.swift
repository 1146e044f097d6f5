/// The words of one language with English beneath them: a key the language lacks (or whose
/// translation awaits review) is shown in English, never as its key.
public struct Localizer: Sendable {
    public let language: Language
    private let catalogue: StringCatalogue
    private let english: StringCatalogue

    public init(catalogue: StringCatalogue, english: StringCatalogue) {
        precondition(english.language == .en, "English is the catalogue every other falls back to")
        self.language = catalogue.language
        self.catalogue = catalogue
        self.english = english
    }

    /// The key's text in the language (English when it has none); the key itself only when English lacks
    /// it too, which the catalogue test forbids.
    public func text(_ key: String, _ arguments: [String: String] = [:]) -> String {
        catalogue.text(key, arguments) ?? english.text(key, arguments) ?? key
    }

    /// The key's counted form for `count`.
    public func plural(_ key: String, count: Int, _ arguments: [String: String] = [:]) -> String {
        catalogue.plural(key, count: count, arguments) ?? english.plural(key, count: count, arguments) ?? key
    }

    /// Whether the language has its own text for `key` (not English in its place).
    public func isTranslated(_ key: String) -> Bool {
        language == .en || catalogue.text(key) != nil || catalogue.plural(key, count: 2) != nil
    }

    /// A number written with a dot as the language writes it (`0.75` is `0,75` in French).
    public func number(_ text: String) -> String {
        language.decimalSeparator == "." ? text : text.replacingOccurrences(of: ".", with: String(language.decimalSeparator))
    }
}
