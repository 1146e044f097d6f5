import LedgerModel
import LedgerStrings

extension Localizer {
    /// The catalogues shipped in the binary, each read the first time a page or report asks for its
    /// language (reading all six took 33 M instructions of a 277 M `report summary --format json`, issue 23).
    private enum Shipped {
        // One declaration each: each is initialised on its own first use.
        static let ar = read(.ar)
        static let en = read(.en)
        static let es = read(.es)
        static let fr = read(.fr)
        static let ru = read(.ru)
        static let zh = read(.zh)

        static func catalogue(_ language: Language) -> StringCatalogue {
            switch language {
            case .ar: ar
            case .en: en
            case .es: es
            case .fr: fr
            case .ru: ru
            case .zh: zh
            }
        }

        private static func read(_ language: Language) -> StringCatalogue {
            // A shipped catalogue that does not read is a build defect the catalogue test reports.
            try! StringCatalogue(json: LedgerStrings.catalogueJSON(language.rawValue)!)
        }
    }

    /// The shipped words of `language`, English beneath.
    public static func shipped(_ language: Language) -> Localizer {
        Localizer(catalogue: Shipped.catalogue(language), english: Shipped.en)
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

    /// A provision's label (`Article 7(a)`, `Resolution 51/60, operative paragraph 4`) in the language.
    public func provisionLabel(_ label: String) -> String {
        if label.hasPrefix("Article "), let paren = label.firstIndex(of: "(") {
            return articleName(String(label[..<paren])) + label[paren...]
        }
        return articleName(label)
    }

    /// A cell's status as its code reads to people (`not_reported` in English, as the English reports print it).
    public func code(_ status: CellStatus) -> String {
        switch status {
        case .implemented: text("report.cell.implemented")
        case .partial: text("report.cell.partial")
        case .planned: text("report.cell.planned")
        case .noMeasures: text("report.cell.no_measures")
        case .notApplicable: text("report.cell.not_applicable")
        case .notReported: text("report.cell.not_reported")
        }
    }

    /// What a cell's status rests on (``ComplianceSnapshot/CellView/basis``, `self-reported`) in the language.
    func basis(_ english: String) -> String {
        switch english {
        case "assessed": text("report.basis.assessed")
        case "external": text("report.basis.external")
        case "no treaty data": text("report.basis.no_treaty_data")
        case "treaty status": text("report.basis.treaty_status")
        case "not reported": text("report.basis.not_reported")
        case "self-reported": text("report.basis.self_reported")
        default: english
        }
    }

    /// ``AccessionStatus/basis`` in the language.
    func basis(_ accession: AccessionStatus) -> String {
        accession.known == accession.required
            ? plural("report.basis.accession_all", count: accession.required)
            : plural("report.basis.accession_some", count: accession.required, ["known": String(accession.known), "unknown": String(accession.required - accession.known)])
    }

    /// How a reader reads an outside index's scale (``OCIndexIndicator/Pillar/scale``) in the language.
    public func scale(_ pillar: OCIndexIndicator.Pillar) -> String {
        switch pillar {
        case .market: text("report.outside.scale.market")
        case .actor: text("report.outside.scale.actor")
        case .resilience: text("report.outside.scale.resilience")
        }
    }

    /// A treaty action's kind in the language (`accession`).
    public func name(_ kind: TreatyActionKind) -> String {
        switch kind {
        case .signature: text("report.action.signature")
        case .ratification: text("report.action.ratification")
        case .accession: text("report.action.accession")
        case .succession: text("report.action.succession")
        case .acceptance: text("report.action.acceptance")
        case .approval: text("report.action.approval")
        case .definitiveSignature: text("report.action.definitive_signature")
        case .formalConfirmation: text("report.action.formal_confirmation")
        case .denunciation: text("report.action.denunciation")
        case .provisionalApplication: text("report.action.provisional_application")
        }
    }

    /// An assessment rating's code in the language (`non_compliant` in English).
    public func code(_ rating: AssessmentRating) -> String {
        switch rating {
        case .compliant: text("report.rating.compliant")
        case .largelyCompliant: text("report.rating.largely_compliant")
        case .partiallyCompliant: text("report.rating.partially_compliant")
        case .nonCompliant: text("report.rating.non_compliant")
        case .notApplicable: text("report.rating.not_applicable")
        }
    }

    /// A measure's kind in the language (`legislation`).
    public func name(_ kind: MeasureKind) -> String {
        switch kind {
        case .legislation: text("report.measure_kind.legislation")
        case .regulation: text("report.measure_kind.regulation")
        case .institution: text("report.measure_kind.institution")
        case .agreement: text("report.measure_kind.agreement")
        case .policy: text("report.measure_kind.policy")
        case .practice: text("report.measure_kind.practice")
        }
    }

    /// A crosswalk link's strength in the language (`direct`).
    public func name(_ strength: Crosswalk.Strength) -> String {
        switch strength {
        case .direct: text("report.strength.direct")
        case .partial: text("report.strength.partial")
        case .context: text("report.strength.context")
        case .corroboration: text("report.strength.corroboration")
        }
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
