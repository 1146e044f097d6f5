import Foundation
import LedgerFixtures
import LedgerModel

/// The Member States' names in the UN's other official languages, from the UN Statistics Division's
/// M49 table (`Fixtures/state-names.json`): never a name the project wrote.
public enum StateNames {
    private static let table: [String: [String: String]] = {
        guard let object = try? JSONSerialization.jsonObject(with: LedgerFixtures.stateNamesJSON) as? [String: Any],
            let names = object["names"] as? [String: [String: String]]
        else { return [:] }
        return names
    }()

    /// Today's name of the State in `language`; its English name (`State.name`) in English and for a
    /// State the table lacks (non-members). Only for a State as it is today: the M49 table gives no
    /// earlier names, so a page as of an earlier date shows the name of that date in English.
    public static func name(of state: State, in language: Language) -> String {
        name(iso3: state.iso3, english: state.name, in: language)
    }

    /// ``name(of:in:)`` for a State known by its code and English name.
    static func name(iso3: String, english: String, in language: Language) -> String {
        guard language != .en, let name = table[iso3]?[language.rawValue] else { return english }
        return name
    }

    /// How many States the table names in each language (193 for each, the Member States).
    public static var count: Int { table.count }
}
