/// The form a treaty status table comes in, found from the file's content.
public enum UNTCForm: String, Sendable, Hashable, Codable, CaseIterable {
    /// Text pasted from a status page, or a CSV scrape in the UNTC's notation (`14 Dec 1990 a`).
    case text
    /// The UN Treaty Collection's XML status file (`MTDSG/Volume I/Chapter XVIII/XVIII-5.en.xml`).
    case xml
    /// A status page saved from a browser (HTML).
    case html
    /// A list of one consent per participant with ISO dates
    /// (`participant,signature,consent_action,consent_date`), as extracted from the UNODA database.
    case datedList = "dated_list"

    /// How reports name the form.
    public var label: String {
        switch self {
        case .text: "pasted text or CSV"
        case .xml: "UNTC XML"
        case .html: "saved page (HTML)"
        case .datedList: "dated list (CSV)"
        }
    }
}
