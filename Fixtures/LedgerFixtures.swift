import Foundation

/// The reference data of `Fixtures/`, embedded in the binary so `cpsledger` works wherever it is copied.
public enum LedgerFixtures {
    /// `catalogue.json`: the Declaration's provisions and obligations.
    public static var catalogueJSON: Data { Data(PackageResources.catalogue_json) }
    /// `states.json`: the 193 Member States and the non-member participants.
    public static var statesJSON: Data { Data(PackageResources.states_json) }
    /// `treaties.json`: the treaties the Declaration points to and which ones each accession obligation requires.
    public static var treatiesJSON: Data { Data(PackageResources.treaties_json) }

    /// `crosswalks/fatf.json`: the FATF Recommendations and the links from them to the Declaration's obligations.
    public static var fatfCrosswalkJSON: Data { Data(PackageResources.fatf_json) }
    /// `crosswalks/fatf-jurisdictions.json`: the FATF's jurisdiction names that need mapping, and those that are not States.
    public static var fatfJurisdictionsJSON: Data { Data(PackageResources.fatf_jurisdictions_json) }

    /// The UNTC status tables of `untc/`, by UNTC reference (`VI-19`), as shipped.
    public static var statusTables: [String: Data] {
        [
            "VI-15": Data(PackageResources.VI_15_csv),
            "VI-16": Data(PackageResources.VI_16_csv),
            "VI-17": Data(PackageResources.VI_17_csv),
            "VI-18": Data(PackageResources.VI_18_csv),
            "VI-19": Data(PackageResources.VI_19_csv),
            "XVIII-5": Data(PackageResources.XVIII_5_csv),
            "XVIII-7": Data(PackageResources.XVIII_7_csv),
            "XVIII-9": Data(PackageResources.XVIII_9_csv),
            "XVIII-11": Data(PackageResources.XVIII_11_csv),
            "XVIII-12": Data(PackageResources.XVIII_12_csv),
            "XVIII-12-a": Data(PackageResources.XVIII_12_a_csv),
            "XVIII-12-b": Data(PackageResources.XVIII_12_b_csv),
            "XVIII-12-c": Data(PackageResources.XVIII_12_c_csv),
            "XVIII-14": Data(PackageResources.XVIII_14_csv),
            "XVIII-15": Data(PackageResources.XVIII_15_csv),
        ]
    }
}
