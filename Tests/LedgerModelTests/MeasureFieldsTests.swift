import LedgerFixtures
import LedgerModel
import Testing

@Suite struct MeasureFieldsTests {
    let catalogue = try! Catalogue.decode(json: LedgerFixtures.catalogueJSON)
    let states = try! StateDirectory.decode(json: LedgerFixtures.statesJSON)

    func validate(_ raw: [String: String]) -> Result<MeasureFields, ValidationFailure> {
        Result { () throws(ValidationFailure) in try MeasureFields.validate(raw, catalogue: catalogue, states: states) }
    }

    let good = [
        "state": "FRA", "obligation": "art8.record-keeping", "status": "implemented", "effective_date": "1990-07-12",
        "title": "Example law", "kind": "legislation", "source": "example",
    ]

    @Test func aCompleteMeasureValidates() throws {
        let fields = try validate(good).get()
        #expect(fields.state == "FRA")
        #expect(fields.effectiveDate == ISODate("1990-07-12"))
        #expect(fields.note == nil)
    }

    @Test func everyBadFieldIsNamedWithItsValueAndNearMissesGetSuggestions() throws {
        var raw = good
        raw["state"] = "FRANCE"
        raw["obligation"] = "art8.record-keping"
        raw["status"] = "implemnted"
        raw["effective_date"] = "1990-13-12"
        raw["kind"] = "law"
        guard case .failure(let failure) = validate(raw) else { Issue.record("accepted"); return }
        let byField = Dictionary(grouping: failure.issues, by: \.field)
        #expect(byField["state"]?.first?.suggestions == ["FRA"])
        #expect(byField["state"]?.first?.value == "FRANCE")
        #expect(byField["obligation"]?.first?.suggestions.first == "art8.record-keeping")
        #expect(byField["status"]?.first?.suggestions == ["implemented"])
        #expect(byField["effective_date"]?.first?.value == "1990-13-12")
        #expect(byField["kind"] != nil)
        #expect(failure.description.contains("did you mean FRA?"))
    }

    @Test func notApplicableNeedsAJustificationAndImplementedMayNotCarryOne() {
        var raw = ["state": "CHE", "obligation": "art7d.migrant-smuggling", "status": "not_applicable", "effective_date": "2000-01-01"]
        guard case .failure(let failure) = validate(raw) else { Issue.record("accepted"); return }
        #expect(failure.issues.map(\.field) == ["justification"])
        raw["justification"] = "No land borders with a non-Schengen State (example)"
        #expect((try? validate(raw).get()) != nil)

        var implemented = good
        implemented["justification"] = "because"
        guard case .failure(let other) = validate(implemented) else { Issue.record("accepted"); return }
        #expect(other.issues.map(\.field) == ["justification"])
        var partial = good
        partial["status"] = "partial"
        partial["justification"] = "only banks so far"
        #expect((try? validate(partial).get()) != nil)
    }

    @Test func accessionObligationsTakeNoMeasures() {
        var raw = good
        raw["obligation"] = "art6.drug-conventions"
        guard case .failure(let failure) = validate(raw) else { Issue.record("accepted"); return }
        #expect(failure.issues.first?.message.contains("treaty actions") == true)
    }

    @Test func implementedNeedsATitleAndAKind() {
        var raw = good
        raw["title"] = " "
        raw["kind"] = ""
        guard case .failure(let failure) = validate(raw) else { Issue.record("accepted"); return }
        #expect(Set(failure.issues.map(\.field)) == ["title", "kind"])
    }

    @Test func theIdentityOfAMeasureIgnoresEvidenceButNotContent() throws {
        var a = try validate(good).get()
        let b = a
        a.evidence = [EvidenceLink(sha256: String(repeating: "a", count: 64), filename: "x.pdf", size: 1, documentDate: nil)]
        #expect(a.identityText == b.identityText)
        a.note = "changed"
        #expect(a.identityText != b.identityText)
    }
}
