import LedgerFixtures
import LedgerModel
import Testing

/// Treaty actions dated in the future (found by the QA pass: a ratification dated 2099 was recorded).
@Suite struct TreatyActionDateTests {
    let treaties = try! TreatyCatalogue.decode(json: LedgerFixtures.treatiesJSON)
    let states = try! StateDirectory.decode(json: LedgerFixtures.statesJSON)
    let today = ISODate("2026-11-29")!

    func validate(_ action: String, _ date: String) throws(ValidationFailure) -> TreatyActionFields {
        try TreatyActionFields.validate(
            ["state": "FRA", "treaty": "VI-19", "action": action, "date": date], treaties: treaties, states: states, today: today)
    }

    @Test func aDepositAfterTodayIsRefusedWithTheDateNamed() {
        do {
            _ = try validate("ratification", "2099-12-31")
            Issue.record("accepted a ratification dated 2099")
        } catch {
            #expect(error.issues.first?.field == "date")
            #expect(error.description.contains("'2099-12-31': is after today (2026-11-29, UTC); a ratification is recorded once it has happened"))
        }
        #expect((try? validate("signature", "2026-11-30")) == nil)
        #expect((try? validate("definitive_signature", "2026-11-29"))?.date == today)
    }

    @Test func aDenunciationMayTakeEffectAheadButNotBeyondTheMeasureHorizon() {
        #expect((try? validate("denunciation", "2027-11-29"))?.action == .denunciation)
        #expect((try? validate("denunciation", "2036-12-31")) != nil)
        do {
            _ = try validate("denunciation", "2037-01-01")
            Issue.record("accepted a denunciation dated 2037")
        } catch {
            #expect(error.description.contains("is after 2036-12-31, the latest date a denunciation may take effect (10 years ahead)"))
        }
    }
}
