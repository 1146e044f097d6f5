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
        let arguments = isolatingDates(arguments)
        return catalogue.text(key, arguments) ?? english.text(key, arguments) ?? key
    }

    /// The key's counted form for `count`.
    public func plural(_ key: String, count: Int, _ arguments: [String: String] = [:]) -> String {
        let arguments = isolatingDates(arguments)
        return catalogue.plural(key, count: count, arguments) ?? english.plural(key, count: count, arguments) ?? key
    }

    /// In a language written right to left, each ISO date among `arguments` (`2020-12-31`, a time after it)
    /// isolated left to right (U+2066 ... U+2069): after an Arabic word the bidirectional algorithm would
    /// otherwise show it as `31-12-2020`. Invisible, and no width in a terminal table.
    private func isolatingDates(_ arguments: [String: String]) -> [String: String] {
        guard language.isRightToLeft else { return arguments }
        return arguments.mapValues { value in
            let characters = Array(value.prefix(10))
            let isDate = characters.count == 10 && characters[4] == "-" && characters[7] == "-"
                && characters.enumerated().allSatisfy { $0.offset == 4 || $0.offset == 7 || $0.element.isASCII && $0.element.isNumber }
            return isDate ? ltr(value) : value
        }
    }

    /// Text that reads left to right in every language (a date, a code, a round's name), isolated on a
    /// right-to-left page or report (U+2066 ... U+2069) so that the direction around it does not reorder
    /// its digits and hyphens (`2030-12-31` shown as `31-12-2030`); unchanged left to right.
    public func ltr(_ text: String) -> String {
        language.isRightToLeft ? "\u{2066}" + text + "\u{2069}" : text
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
