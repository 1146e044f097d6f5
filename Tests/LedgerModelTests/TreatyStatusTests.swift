import LedgerFixtures
import LedgerModel
import Testing

@Suite struct TreatyStatusTests {
    let treaties = try! TreatyCatalogue.decode(json: LedgerFixtures.treatiesJSON)
    let states = try! StateDirectory.decode(json: LedgerFixtures.statesJSON)
    func d(_ text: String) -> ISODate { ISODate(text)! }

    @Test func aStateIsPartyFromItsFirstConsentUntilADenunciationTakesEffect() {
        let actions: [(kind: TreatyActionKind, date: ISODate)] = [
            (.signature, d("1989-01-10")), (.ratification, d("1992-03-01")), (.denunciation, d("2012-06-30")), (.accession, d("2014-05-02")),
        ]
        #expect(PartyStatus.of(actions, asOf: d("1988-12-31")) == PartyStatus.none)
        #expect(PartyStatus.of(actions, asOf: d("1990-01-01")) == .signatory(since: d("1989-01-10")))
        #expect(PartyStatus.of(actions, asOf: d("1992-03-01")) == .party(since: d("1992-03-01"), by: .ratification))
        #expect(PartyStatus.of(actions, asOf: d("2012-06-29")).isParty)
        #expect(PartyStatus.of(actions, asOf: d("2012-06-30")) == .denounced(on: d("2012-06-30")))
        #expect(PartyStatus.of(actions, asOf: d("2020-01-01")) == .party(since: d("2014-05-02"), by: .accession))
        // Order of the input does not matter.
        #expect(PartyStatus.of(actions.reversed(), asOf: d("2013-01-01")) == .denounced(on: d("2012-06-30")))
    }

    @Test func accessionStatusFollowsTheRulesAndNeverCallsUnknownNotParty() {
        let party = PartyStatus.party(since: d("2000-01-01"), by: .ratification)
        let signed = PartyStatus.signatory(since: d("2000-01-01"))
        let requirements = [["a", "a2"], ["b"], ["c"]]
        func derive(_ map: [String: PartyStatus]) -> AccessionStatus {
            AccessionStatus.derive(requirements: requirements) { map[$0] }
        }
        #expect(derive(["a": party, "b": party, "c": party]).status == .implemented)
        #expect(derive(["a": .none, "a2": party, "b": party, "c": party]).status == .implemented)  // alternatives
        let partial = derive(["a": party, "b": .none, "c": signed])
        #expect(partial.status == .partial)
        #expect(partial.missing == ["b", "c"])
        #expect(derive(["a": signed, "b": .none, "c": .none]).status == .planned)
        #expect(derive(["a": .none, "b": .none, "c": .none]).status == .noMeasures)
        // c has no status data at all: unknown, so never no_measures and never implemented.
        let unknownC = derive(["a": .none, "b": .none])
        #expect(unknownC.status == .notReported)
        #expect(unknownC.unknown == ["c"])
        #expect(unknownC.basis == "rests on 2 of 3 required treaties (1 without status data)")
        #expect(derive(["a": party, "b": party]).status == .partial)
        #expect(derive([:]).status == .notReported)
    }

    @Test func theCatalogueHasEveryTreatyOfTheDesignAndTheRequirementSets() {
        let untc = Set(treaties.treaties.compactMap(\.untc))
        #expect(untc == ["VI-15", "VI-16", "VI-17", "VI-18", "VI-19", "XVIII-5", "XVIII-7", "XVIII-9", "XVIII-11", "XVIII-12",
                         "XVIII-12-a", "XVIII-12-b", "XVIII-12-c", "XVIII-14", "XVIII-15", "XXVI-3"])
        #expect(treaties.requirements(of: "art5.terrorism-treaties").count == 10)
        #expect(treaties.requirements(of: "art5.terrorism-treaties", set: "current").count == 13)
        #expect(treaties.requirements(of: "art6.drug-conventions").first == ["single-convention-1961", "single-convention-1961-amended"])
        #expect(treaties.requirements(of: "art7a.wmd-treaties").joined().sorted() == ["bwc-1972", "cwc-1993", "npt-1968"])
        for treaty in treaties.treaties {
            #expect(treaty.entryIntoForce >= treaty.adopted, "\(treaty.id)")
            #expect(!treaty.source.isEmpty)
            if treaty.untc != nil { #expect(!treaty.statusTables.isEmpty, "\(treaty.id) has no status table") }
            // Every shipped table is embedded, and listed oldest first.
            for table in treaty.statusTables { #expect(LedgerFixtures.statusFiles[table.file] != nil, "\(table.file)") }
            #expect(treaty.statusTables.map(\.asOf) == treaty.statusTables.map(\.asOf).sorted(), "\(treaty.id)")
        }
        #expect(treaties.treaty(idOrUNTC: "VI-19")?.id == "illicit-traffic-1988")
    }

    @Test func treatyActionsAreValidatedWithSuggestions() throws {
        let ok = try TreatyActionFields.validate(
            ["state": "FRA", "treaty": "VI-19", "action": "ratification", "date": "1990-12-31"], treaties: treaties, states: states)
        #expect(ok.treaty == "illicit-traffic-1988")
        #expect(throws: ValidationFailure.self) {
            try TreatyActionFields.validate(["state": "FRA", "treaty": "VI-91", "action": "ratify", "date": "1990-12-31"], treaties: treaties, states: states)
        }
        do {
            _ = try TreatyActionFields.validate(
                ["state": "FRA", "treaty": "illicit-traffic-1988", "action": "accession", "date": "1987-01-01"], treaties: treaties, states: states)
            Issue.record("accepted an action before adoption")
        } catch {
            #expect(error.description.contains("is before 1988 Convention was adopted (1988-12-20)"))
        }
        do {
            _ = try TreatyActionFields.validate(["state": "FRA", "treaty": "VI-91", "action": "ratify", "date": "1990-12-31"], treaties: treaties, states: states)
        } catch {
            #expect(error.issues.first { $0.field == "treaty" }?.suggestions.contains("VI-19") == true)
            #expect(error.issues.first { $0.field == "action" }?.suggestions.contains("ratification") == true)
        }
    }
}
