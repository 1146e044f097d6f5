import LedgerFixtures
import LedgerModel
import Testing

/// The reference data shipped in Fixtures/.
@Suite struct FixtureTests {
    let catalogue = try! Catalogue.decode(json: LedgerFixtures.catalogueJSON)
    let states = try! StateDirectory.decode(json: LedgerFixtures.statesJSON)

    @Test func theCatalogueHasEveryObligationOfTheDesignWithItsProvisionText() throws {
        let ids = [
            "res.4-dissemination", "res.5-public-campaigns", "art1.organized-crime", "art1.drug-trafficking",
            "art1.arms-trafficking", "art1.smuggling-illicit-articles", "art1.trafficking-in-persons", "art1.terrorist-crimes",
            "art1.laundering-proceeds", "art2.law-enforcement-cooperation", "art2.mutual-legal-assistance",
            "art3.criminal-organizations", "art3.extradite-or-prosecute", "art4.information-sharing",
            "art4.technical-assistance", "art5.terrorism-treaties", "art5.implement-terrorism-treaties",
            "art5.implement-res-49-60", "art6.drug-conventions", "art6.implement-drug-conventions",
            "art6.prevention-enforcement", "art7.border-interdiction", "art7a.explosives-wmd-controls", "art7a.wmd-treaties",
            "art7b.passport-security", "art7c.firearms-controls", "art7d.migrant-smuggling", "art8.criminalize-laundering",
            "art8.record-keeping", "art8.suspicious-transaction-reporting", "art8.seizure-forfeiture", "art8.bank-secrecy",
            "art8.financial-institution-cooperation", "art9.professionalism", "art9.societal-involvement",
            "art10.anti-corruption-enforcement", "art10.international-cooperation", "art10.technical-expertise",
            "art11.sovereignty-human-rights",
        ]
        #expect(catalogue.obligations.map(\.id) == ids)
        #expect(catalogue.obligations.filter { $0.kind == .accession }.map(\.id) == ["art5.terrorism-treaties", "art6.drug-conventions", "art7a.wmd-treaties"])
        #expect(catalogue.obligation("art11.sovereignty-human-rights")?.kind == .safeguard)
        #expect(catalogue.obligation("art8.record-keeping")?.themes == ["money-laundering", "aml-record-keeping"])
        for obligation in catalogue.obligations {
            #expect(catalogue.provision(of: obligation).text.count > 40, "\(obligation.id) has no provision text")
        }
        #expect(catalogue.provision("art8")!.text.contains("require adequate record-keeping by financial and related institutions"))
        #expect(catalogue.provision("art7a")!.label == "Article 7(a)")
        #expect(catalogue.provision("art7a")!.article == "Article 7")
        #expect(catalogue.provision("art5")!.text.contains("resolution 49/60 of 9 December 1994"))
    }

    @Test func theCutShortArticlesSaySoInsteadOfInventingWords() {
        for ref in ["art10", "art11"] {
            let provision = catalogue.provision(ref)!
            #expect(provision.textIncomplete)
            #expect(provision.textNote != nil)
        }
        #expect(!catalogue.provision("art9")!.textIncomplete)
    }

    @Test func thereAre193MemberStatesInTheFiveGroupsAndFiveNonMembers() {
        let members = states.memberStates
        #expect(members.count == 193)
        let sizes = Dictionary(grouping: members, by: { $0.regionalGroup! }).mapValues(\.count)
        #expect(sizes == [.african: 54, .asiaPacific: 54, .easternEuropean: 23, .latinAmericanAndCaribbean: 33, .westernEuropeanAndOthers: 29])
        let others = states.states.filter { !$0.member }.map(\.name).sorted()
        #expect(others == ["Cook Islands", "European Union", "Holy See", "Niue", "State of Palestine"])
        #expect(states["TUR"]?.regionalGroup == .westernEuropeanAndOthers)
        // The UN's own list gives 16 December 1946 (shared/data/member_states.csv, regenerated).
        #expect(states["THA"]?.admissionDate == ISODate("1946-12-16"))
        #expect(Set(states.states.map(\.iso3)).count == states.states.count)
    }

    @Test(arguments: [
        ("Bolivia (Plurinational State of)7", "BOL"), ("China 3, 4", "CHN"), ("St. Lucia", "LCA"),
        ("Saint Vincent and the Grenadines", "VCT"), ("Lao People's Democratic Republic", "LAO"), ("Turkey", "TUR"),
        ("Türkiye", "TUR"), ("Côte d'Ivoire", "CIV"), ("Czech Republic", "CZE"), ("Swaziland", "SWZ"),
        ("The former Yugoslav Republic of Macedonia", "MKD"), ("Guinea-Bissau", "GNB"), ("Netherlands", "NLD"),
        ("Holy See", "VAT"), ("European Union", "EUU"), ("Bahamas", "BHS"), ("Gambia", "GMB"),
    ])
    func untcSpellingsFindTheirState(name: String, iso3: String) {
        #expect(states.state(named: name)?.iso3 == iso3)
    }

    @Test func nearMissesGetSuggestions() {
        #expect(states.suggestions(for: "FRANCE") == ["FRA"])
        #expect(states.suggestions(for: "FRN").contains("FRA"))
        #expect(states.suggestions(for: "Germny").first == "DEU")
    }
}
