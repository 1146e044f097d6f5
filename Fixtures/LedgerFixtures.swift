import Foundation

/// The reference data of `Fixtures/`, embedded in the binary so `cpsledger` works wherever it is copied.
public enum LedgerFixtures {
    /// `catalogue.json`: the Declaration's provisions and obligations.
    public static var catalogueJSON: Data { Data(PackageResources.catalogue_json) }
    /// `states.json`: the 193 Member States and the non-member participants.
    public static var statesJSON: Data { Data(PackageResources.states_json) }
    /// `treaties.json`: the treaties the Declaration points to and which ones each accession obligation requires.
    public static var treatiesJSON: Data { Data(PackageResources.treaties_json) }

    /// `state-changes.json`: the changes of name, regional group or membership whose date a source at hand gives.
    public static var stateChangesJSON: Data { Data(PackageResources.state_changes_json) }

    /// `state-names.json`: the Member States' names in Arabic, Chinese, French, Russian and Spanish, from the UN
    /// Statistics Division's M49 table (the English names are those of `states.json`).
    public static var stateNamesJSON: Data { Data(PackageResources.state_names_json) }

    /// `crosswalks/fatf.json`: the FATF Recommendations and the links from them to the Declaration's obligations.
    public static var fatfCrosswalkJSON: Data { Data(PackageResources.fatf_json) }
    /// `crosswalks/fatf-jurisdictions.json`: the FATF's jurisdiction names that need mapping, and those that are not States.
    public static var fatfJurisdictionsJSON: Data { Data(PackageResources.fatf_jurisdictions_json) }
    /// `crosswalks/ocindex.json`: the Global Organized Crime Index's indicators and the links from them to the Declaration's obligations.
    public static var ocIndexCrosswalkJSON: Data { Data(PackageResources.ocindex_json) }

    /// The shipped status files, by their path under `Fixtures/` (`untc/VI-19.csv`,
    /// `untc-xml-2018/VI-15.en.xml`), as `treaties.json` names them in `status_tables`.
    public static var statusFiles: [String: Data] {
        [
            "untc/VI-15.csv": Data(PackageResources.VI_15_csv),
            "untc/VI-16.csv": Data(PackageResources.VI_16_csv),
            "untc/VI-17.csv": Data(PackageResources.VI_17_csv),
            "untc/VI-18.csv": Data(PackageResources.VI_18_csv),
            "untc/VI-19.csv": Data(PackageResources.VI_19_csv),
            "untc/XVIII-5.csv": Data(PackageResources.XVIII_5_csv),
            "untc/XVIII-7.csv": Data(PackageResources.XVIII_7_csv),
            "untc/XVIII-9.csv": Data(PackageResources.XVIII_9_csv),
            "untc/XVIII-11.csv": Data(PackageResources.XVIII_11_csv),
            "untc/XVIII-12.csv": Data(PackageResources.XVIII_12_csv),
            "untc/XVIII-12-a.csv": Data(PackageResources.XVIII_12_a_csv),
            "untc/XVIII-12-b.csv": Data(PackageResources.XVIII_12_b_csv),
            "untc/XVIII-12-c.csv": Data(PackageResources.XVIII_12_c_csv),
            "untc/XVIII-14.csv": Data(PackageResources.XVIII_14_csv),
            "untc/XVIII-15.csv": Data(PackageResources.XVIII_15_csv),
            "untc-xml-2018/VI-15.en.xml": Data(PackageResources.VI_15_en_xml),
            "untc-xml-2018/VI-16.en.xml": Data(PackageResources.VI_16_en_xml),
            "untc-xml-2018/VI-17.en.xml": Data(PackageResources.VI_17_en_xml),
            "untc-xml-2018/VI-18.en.xml": Data(PackageResources.VI_18_en_xml),
            "untc-xml-2018/VI-19.en.xml": Data(PackageResources.VI_19_en_xml),
            "untc-xml-2018/XVIII-5.en.xml": Data(PackageResources.XVIII_5_en_xml),
            "untc-xml-2018/XVIII-7.en.xml": Data(PackageResources.XVIII_7_en_xml),
            "untc-xml-2018/XVIII-9.en.xml": Data(PackageResources.XVIII_9_en_xml),
            "untc-xml-2018/XVIII-11.en.xml": Data(PackageResources.XVIII_11_en_xml),
            "untc-xml-2018/XVIII-12.en.xml": Data(PackageResources.XVIII_12_en_xml),
            "untc-xml-2018/XVIII-12-a.en.xml": Data(PackageResources.XVIII_12_a_en_xml),
            "untc-xml-2018/XVIII-12-b.en.xml": Data(PackageResources.XVIII_12_b_en_xml),
            "untc-xml-2018/XVIII-12-c.en.xml": Data(PackageResources.XVIII_12_c_en_xml),
            "untc-xml-2018/XVIII-14.en.xml": Data(PackageResources.XVIII_14_en_xml),
            "untc-xml-2018/XVIII-15.en.xml": Data(PackageResources.XVIII_15_en_xml),
            "untc-html-2026/XXVI-3-status-page.html": Data(PackageResources.XXVI_3_status_page_html),
            "unoda/npt.csv": Data(PackageResources.npt_csv),
            "unoda/bwc.csv": Data(PackageResources.bwc_csv),
        ]
    }
}
