import LedgerModel
import LedgerStrings

extension Localizer {
    /// The catalogues shipped in the binary, read once.
    private static let shippedCatalogues: [Language: StringCatalogue] = {
        var out: [Language: StringCatalogue] = [:]
        for language in Language.allCases {
            // A shipped catalogue that does not read is a build defect the catalogue test reports.
            out[language] = try! StringCatalogue(json: LedgerStrings.catalogueJSON(language.rawValue)!)
        }
        return out
    }()

    /// The shipped words of `language`, English beneath.
    public static func shipped(_ language: Language) -> Localizer {
        Localizer(catalogue: shippedCatalogues[language]!, english: shippedCatalogues[.en]!)
    }

    /// English, the language of every report unless asked otherwise.
    public static let english = shipped(.en)

    /// A counted status as a person reads it in the language (``CountedStatus/label`` in English).
    public func label(_ status: CountedStatus) -> String {
        switch status {
        case .implemented: text("status.implemented")
        case .partial: text("status.partial")
        case .planned: text("status.planned")
        case .noMeasures: text("status.no_measures")
        case .ratedExternally: text("status.rated_externally")
        case .assessedOnly: text("status.assessed_only")
        case .notApplicable: text("status.not_applicable")
        case .notReported: text("status.not_reported")
        }
    }

    /// A regional group's name in the language.
    public func name(_ group: RegionalGroup) -> String {
        switch group {
        case .african: text("group.african")
        case .asiaPacific: text("group.asia_pacific")
        case .easternEuropean: text("group.eastern_european")
        case .latinAmericanAndCaribbean: text("group.latin_american_and_caribbean")
        case .westernEuropeanAndOthers: text("group.western_european_and_others")
        }
    }

    /// An Article's name as the catalogue gives it ("Article 8", "Resolution 51/60, operative paragraph 4")
    /// in the language; any other name unchanged.
    public func articleName(_ name: String) -> String {
        if let number = name.wholeSuffix(after: "Article ") { return text("article.article", ["number": number]) }
        if let number = name.wholeSuffix(after: "Resolution 51/60, operative paragraph ") { return text("article.paragraph", ["number": number]) }
        return name
    }
}

extension String {
    /// What follows `prefix` when it is one word of letters and digits ("8", "7"); nil otherwise.
    fileprivate func wholeSuffix(after prefix: String) -> String? {
        guard hasPrefix(prefix) else { return nil }
        let rest = dropFirst(prefix.count)
        return !rest.isEmpty && rest.allSatisfy({ $0.isLetter || $0.isNumber }) ? String(rest) : nil
    }
}
