import Foundation

/// The string catalogues of `Localization/`, embedded in the binary: one JSON file per official
/// language of the United Nations (see `README.md` beside them).
public enum LedgerStrings {
    /// The catalogue of a language by its code (`ar`, `en`, `es`, `fr`, `ru`, `zh`); nil for any other.
    public static func catalogueJSON(_ code: String) -> Data? {
        switch code {
        case "ar": Data(PackageResources.ar_json)
        case "en": Data(PackageResources.en_json)
        case "es": Data(PackageResources.es_json)
        case "fr": Data(PackageResources.fr_json)
        case "ru": Data(PackageResources.ru_json)
        case "zh": Data(PackageResources.zh_json)
        default: nil
        }
    }
}
