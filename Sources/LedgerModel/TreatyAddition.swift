/// A treaty the secretariat adds to the ledger's catalogue (`cpsledger treaties add`), validated:
/// the payload of a `treaty.added` event. Once added, the treaty is one of the ledger's treaties like
/// a shipped one (its status tables are imported with `import untc`), told apart by
/// ``Treaty/addedBy``. It serves the obligations it names; no accession obligation requires it (the
/// requirement sets are those shipped), so adding a treaty never changes a score.
public struct TreatyAddition: Sendable, Hashable, Codable {
    /// Stable slug: lowercase letters, digits and hyphens (`cybercrime-2024`).
    public let id: String
    /// UN Treaty Collection reference (`XVIII-12-c`), when the Secretary-General is depositary.
    public let untc: String?
    public let title: String
    public let shortTitle: String
    public let adopted: ISODate
    public let entryIntoForce: ISODate
    public let depositary: String
    /// Where the treaty's dates come from.
    public let source: String
    /// The obligations of the Declaration it serves; empty for a treaty followed but serving none.
    public let obligations: [String]

    enum CodingKeys: String, CodingKey {
        case id, untc, title, adopted, depositary, source, obligations
        case shortTitle = "short_title"
        case entryIntoForce = "entry_into_force"
    }

    /// The fields as a JSON object (no `untc` when there is none), the form hashed into the ledger.
    public var jsonMembers: [String: JSONValue] {
        var members: [String: JSONValue] = [
            "id": .string(id), "title": .string(title), "short_title": .string(shortTitle), "adopted": .string(adopted.description),
            "entry_into_force": .string(entryIntoForce.description), "depositary": .string(depositary), "source": .string(source),
            "obligations": .array(obligations.map { .string($0) }),
        ]
        if let untc { members["untc"] = .string(untc) }
        return members
    }

    /// Validates raw text fields (`id`, `untc`, `title`, `short_title`, `adopted`, `entry_into_force`,
    /// `depositary`, `source`) and the obligation ids against the ledger's treaties and catalogue.
    /// Every problem is named with its field and value; nothing is kept of a refused addition.
    public static func validate(
        _ raw: [String: String], obligations: [String], treaties: TreatyCatalogue, catalogue: Catalogue, today: ISODate = .utc()
    ) throws(ValidationFailure) -> TreatyAddition {
        var input = RawFields(
            raw, rules: ["title": .name, "short_title": .name, "depositary": .name, "source": .citation])
        let id = input.required("id")
        if let id {
            if !isSlug(id) {
                input.add(FieldIssue(
                    field: "id", value: id,
                    message: "is not a treaty id: write lowercase letters, digits and single hyphens, like cybercrime-2024"))
            } else if let existing = treaties.treaty(idOrUNTC: id) {
                input.add(FieldIssue(
                    field: "id", value: id,
                    message: "is already a treaty of the ledger (\(existing.shortTitle)\(existing.isAddedByLedger ? ", added by the ledger" : "")); choose another id"))
            }
        }
        let untc = input.text("untc")
        if let untc {
            if !isUNTCReference(untc) {
                input.add(FieldIssue(
                    field: "untc", value: untc,
                    message: "is not a UN Treaty Collection reference: write the chapter in Roman numerals, a hyphen and the number, like XVIII-12-c"))
            } else if let existing = treaties.treaty(idOrUNTC: untc) {
                input.add(FieldIssue(
                    field: "untc", value: untc, message: "is already the reference of \(existing.shortTitle) (\(existing.id)); a reference names one treaty"))
            }
        }
        let title = input.required("title")
        let depositary = input.required("depositary")
        let source = input.required("source")
        let adopted = input.date("adopted")
        let entryIntoForce = input.date("entry_into_force")
        if let adopted, adopted > today {
            input.add(FieldIssue(field: "adopted", value: adopted.description, message: "is after today (\(today), UTC); a treaty is added once it is adopted"))
        }
        if let entryIntoForce {
            if let adopted, entryIntoForce < adopted {
                input.add(FieldIssue(
                    field: "entry_into_force", value: entryIntoForce.description, message: "is before the treaty was adopted (\(adopted))"))
            } else if entryIntoForce > today {
                input.add(FieldIssue(
                    field: "entry_into_force", value: entryIntoForce.description,
                    message: "is after today (\(today), UTC); give the date the treaty entered into force"))
            }
        }
        var seen: Set<String> = []
        for obligation in obligations {
            if catalogue.obligation(obligation) == nil {
                input.add(FieldIssue(
                    field: "obligation", value: obligation, message: "is not an obligation of the catalogue (`cpsledger obligations list` lists them)",
                    suggestions: catalogue.suggestions(forObligation: obligation)))
            } else if !seen.insert(obligation).inserted {
                input.add(FieldIssue(field: "obligation", value: obligation, message: "is named twice"))
            }
        }
        try input.check()
        guard let id, let title, let depositary, let source, let adopted, let entryIntoForce else {
            throw ValidationFailure(issues: input.issues)
        }
        return TreatyAddition(
            id: id, untc: untc, title: title, shortTitle: input.text("short_title") ?? title, adopted: adopted,
            entryIntoForce: entryIntoForce, depositary: depositary, source: source, obligations: obligations)
    }

    public init(
        id: String, untc: String?, title: String, shortTitle: String, adopted: ISODate, entryIntoForce: ISODate, depositary: String,
        source: String, obligations: [String]
    ) {
        self.id = id
        self.untc = untc
        self.title = title
        self.shortTitle = shortTitle
        self.adopted = adopted
        self.entryIntoForce = entryIntoForce
        self.depositary = depositary
        self.source = source
        self.obligations = obligations
    }

    /// `cybercrime-2024`: lowercase ASCII letters and digits in hyphen-separated runs.
    static func isSlug(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        return text.count <= 100
            && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) } }
    }

    /// `XVIII-12-c`: a chapter in Roman numerals, a number, then optional hyphenated parts of letters or digits.
    public static func isUNTCReference(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 2, text.count <= 30, !parts[0].isEmpty, parts[0].allSatisfy({ "IVXLC".contains($0) }),
            let first = parts[1].first, first.isASCII, first.isNumber
        else { return false }
        return parts.dropFirst().allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) } }
    }
}
