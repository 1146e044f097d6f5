import Foundation

/// The six official languages of the United Nations, in which people read the ledger's pages and
/// reports (machine-read output, JSON and CSV, stays English whatever the language).
public enum Language: String, Sendable, CaseIterable, Codable {
    case ar, en, es, fr, ru, zh

    /// The language of a tag as `LANG`, `Accept-Language` or `--lang` write it (`fr`, `fr-CA`,
    /// `fr_FR.UTF-8`, `zh-Hans-CN`); nil for any other language.
    public init?(tag: String) {
        let primary = tag.split(whereSeparator: { $0 == "-" || $0 == "_" || $0 == "." || $0 == "@" }).first.map { $0.lowercased() } ?? ""
        guard let language = Language(rawValue: primary) else { return nil }
        self = language
    }

    /// The first of the six languages an `Accept-Language` header asks for, by its `q` weights (ties in the
    /// header's order); nil when it asks for none of them.
    public static func preferred(acceptLanguage header: String) -> Language? {
        var best: (language: Language, weight: Double, order: Int)?
        for (order, item) in header.split(separator: ",").enumerated() {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first, let language = Language(tag: tag) else { continue }
            var weight = 1.0
            for parameter in parts.dropFirst() where parameter.hasPrefix("q=") {
                weight = Double(parameter.dropFirst(2)) ?? 0
            }
            guard weight > 0 else { continue }
            if best == nil || weight > best!.weight { best = (language, weight, order) }
        }
        return best?.language
    }

    /// Whether the language is written right to left (Arabic).
    public var isRightToLeft: Bool { self == .ar }

    /// The HTML `dir` value.
    public var direction: String { isRightToLeft ? "rtl" : "ltr" }

    /// The language's own name, for a language switch.
    public var endonym: String {
        switch self {
        case .ar: "العربية"
        case .en: "English"
        case .es: "Español"
        case .fr: "Français"
        case .ru: "Русский"
        case .zh: "中文"
        }
    }

    /// The decimal separator of numbers in text meant for people (CLDR: a comma in French, Spanish and
    /// Russian). Digits stay Western in every language, Arabic included, as United Nations documents print them.
    public var decimalSeparator: Character {
        switch self {
        case .fr, .es, .ru: ","
        case .ar, .en, .zh: "."
        }
    }

    /// The CLDR plural category of a whole number in this language (the rules of CLDR's plurals.xml for
    /// integers): Arabic uses all six, Russian one/few/many, French and Spanish one/other (French counts
    /// 0 as one), Chinese only other.
    public func pluralCategory(_ count: Int) -> PluralCategory {
        let n = abs(count)
        switch self {
        case .zh:
            return .other
        case .en:
            return n == 1 ? .one : .other
        case .fr:
            return n == 0 || n == 1 ? .one : (n != 0 && n % 1_000_000 == 0 ? .many : .other)
        case .es:
            return n == 1 ? .one : (n != 0 && n % 1_000_000 == 0 ? .many : .other)
        case .ru:
            let (mod10, mod100) = (n % 10, n % 100)
            if mod10 == 1 && mod100 != 11 { return .one }
            if (2...4).contains(mod10) && !(12...14).contains(mod100) { return .few }
            return .many
        case .ar:
            let mod100 = n % 100
            switch n {
            case 0: return .zero
            case 1: return .one
            case 2: return .two
            default:
                if (3...10).contains(mod100) { return .few }
                if (11...99).contains(mod100) { return .many }
                return .other
            }
        }
    }
}

/// A CLDR plural category: which form of a counted word a language uses for a number.
public enum PluralCategory: String, Sendable, CaseIterable, Codable {
    case zero, one, two, few, many, other
}
