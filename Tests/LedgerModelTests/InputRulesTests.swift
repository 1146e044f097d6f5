import LedgerFixtures
import LedgerModel
import LedgerTestSupport
import Testing

/// What every text field refuses (NUL and control characters, bidirectional overrides in names and
/// titles, text too long in characters or in bytes) and the date rules of measures and assessments.
@Suite struct InputRulesTests {
    let catalogue = try! Catalogue.decode(json: LedgerFixtures.catalogueJSON)
    let states = try! StateDirectory.decode(json: LedgerFixtures.statesJSON)
    let treaties = try! TreatyCatalogue.decode(json: LedgerFixtures.treatiesJSON)
    let today = ISODate("2026-11-29")!

    let measure = [
        "state": "FRA", "obligation": "art8.record-keeping", "status": "implemented", "effective_date": "1990-07-12",
        "title": "EXAMPLE law", "kind": "legislation", "source": "EXAMPLE source",
    ]

    func measureIssues(_ changes: [String: String]) -> [FieldIssue] {
        let raw = measure.merging(changes) { $1 }
        do throws(ValidationFailure) {
            _ = try MeasureFields.validate(raw, catalogue: catalogue, states: states, today: today)
            return []
        } catch { return error.issues }
    }

    @Test(arguments: ["note", "justification", "title", "source"])
    func aNULByteIsRefusedInEveryMeasureTextFieldWithTheFieldNamed(field: String) {
        var changes = [field: "before\u{0}after"]
        if field == "justification" { changes["status"] = "partial" }
        let issues = measureIssues(changes)
        #expect(issues.count == 1)
        #expect(issues.first?.field == field)
        #expect(issues.first?.message.contains("a NUL character (U+0000)") == true)
        #expect(issues.first?.value == "before\\u{0000}after")  // shown escaped, never raw
    }

    @Test func freeTextMayBreakLinesButOneLineFieldsMayNot() {
        #expect(measureIssues(["note": "first line\nsecond line\twith a tab"]).isEmpty)
        #expect(measureIssues(["title": "EXAMPLE\nlaw"]).map(\.field) == ["title"])
        #expect(measureIssues(["source": "EXAMPLE\tsource"]).map(\.field) == ["source"])
        #expect(measureIssues(["note": "escape \u{1B}[31m red"]).map(\.field) == ["note"])
        #expect(measureIssues(["note": "C1 \u{85} next line"]).map(\.field) == ["note"])
        // Codes too: a control character in a State code is refused as such, not as an unknown State.
        let state = measureIssues(["state": "FR\u{0}A"])
        #expect(state.map(\.field) == ["state"])
        #expect(state.first?.message.contains("NUL") == true)
    }

    @Test func bidirectionalOverridesAreRefusedInNamesAndTitlesButNotInNotes() {
        let spoof = "EXAMPLE \u{202E}wal\u{202C}"
        #expect(measureIssues(["title": spoof]).first?.message.contains("U+202E") == true)
        #expect(measureIssues(["source": "see \u{2066}x\u{2069}"]).map(\.field) == ["source"])
        #expect(measureIssues(["note": spoof]).isEmpty)
    }

    @Test func lengthLimitsHoldInBytesAndInCharacters() {
        // 9 characters of 6 KB: each letter carries hundreds of combining marks.
        let heavy = String(repeating: "e" + String(repeating: "\u{301}", count: 330), count: 9)
        #expect(heavy.count == 9 && heavy.utf8.count > 5_900)
        let issues = measureIssues(["title": heavy])
        #expect(issues.map(\.field) == ["title"])
        #expect(issues.first?.message.contains("bytes long (9 characters); the limit is 2000 bytes and 500 characters") == true)
        #expect(measureIssues(["title": String(repeating: "a", count: 501)]).first?.message == "is 501 characters long; the limit is 500")
        #expect(measureIssues(["title": String(repeating: "é", count: 500)]).isEmpty)
        #expect(measureIssues(["note": String(repeating: "n", count: 4001)]).map(\.field) == ["note"])
    }

    @Test func effectiveDatesRunFrom1800ToTenYearsAhead() {
        #expect(measureIssues(["effective_date": "1810-02-12"]).isEmpty)
        #expect(measureIssues(["effective_date": "2036-12-31", "status": "planned"]).isEmpty)
        let late = measureIssues(["effective_date": "2037-01-01", "status": "planned"])
        #expect(late.map(\.field) == ["effective_date"])
        #expect(late.first?.message.contains("1800-01-01 to 2036-12-31") == true)
        #expect(measureIssues(["effective_date": "1799-12-31"]).map(\.field) == ["effective_date"])
    }

    func assessmentIssues(_ raw: [String: String]) -> [FieldIssue] {
        do throws(ValidationFailure) {
            _ = try AssessmentFields.validate(
                ["state": "FRA", "obligation": "art8.record-keeping", "rating": "compliant"].merging(raw) { $1 },
                catalogue: catalogue, states: states, today: today)
            return []
        } catch { return error.issues }
    }

    @Test func anAssessmentDatedAfterTodayIsRefused() {
        let future = assessmentIssues(["assessed_on": "2999-01-01"])
        #expect(future.map(\.field) == ["assessed_on"])
        #expect(future.first?.message.contains("is after today (2026-11-29, UTC)") == true)
        #expect(assessmentIssues(["assessed_on": "2026-11-30"]).map(\.field) == ["assessed_on"])
        #expect(assessmentIssues(["assessed_on": "2026-11-29"]).isEmpty)
        #expect(assessmentIssues(["assessed_on": "1990-01-01"]).first?.message.contains("before the Declaration was adopted") == true)
        #expect(assessmentIssues(["comment": "a\u{0}b"]).map(\.field) == ["comment"])
    }

    @Test func treatyActionNotesAndSourcesRefuseNUL() {
        for field in ["note", "source"] {
            var raw = ["state": "FRA", "treaty": "VI-19", "action": "ratification", "date": "1990-12-31"]
            raw[field] = "x\u{0}y"
            do throws(ValidationFailure) {
                _ = try TreatyActionFields.validate(raw, treaties: treaties, states: states)
                Issue.record("\(field): a NUL byte was accepted")
            } catch {
                #expect(error.issues.map(\.field) == [field])
            }
        }
    }

    @Test func aKnownAtTimeTakesOnlyASCIIDigits() {
        #expect(KnownAt("2020-06-01T12:30:00Z")?.timestamp == "2020-06-01T12:30:00.000Z")
        #expect(KnownAt("2020-06-01T+1:30Z") == nil)  // Int("+1") would have read it as hour 1
        #expect(KnownAt("2020-06-01T12:30:00.\u{663}Z") == nil)  // an Arabic-Indic digit
    }

    /// A thousand random field sets: the validators never trap, and whatever they accept obeys the rules.
    @Test func randomFieldsNeverTrapAndWhatPassesObeysTheRules() {
        var random = Mutator(seed: 51_60)
        let pieces = ["FRA", "art8.record-keeping", "implemented", "planned", "not_applicable", "legislation", "1990-07-12", "2999-01-01",
                      "9999-12-31", "\u{0}", "\u{1B}", "\n", "\u{202E}", "\u{301}", "é", "EXAMPLE", " ", "", String(repeating: "x", count: 600)]
        let fields = ["state", "obligation", "status", "effective_date", "title", "kind", "source", "note", "justification"]
        for _ in 0..<1000 {
            var raw: [String: String] = [:]
            for field in fields where random.int(4) != 0 {
                raw[field] = (0..<random.int(4)).map { _ in random.pick(pieces) }.joined()
            }
            do throws(ValidationFailure) {
                let fields = try MeasureFields.validate(raw, catalogue: catalogue, states: states, today: today)
                for (field, value) in [("title", fields.title), ("source", fields.source), ("note", fields.note), ("justification", fields.justification)] {
                    if let value { #expect(MeasureFields.textRules[field]!.issue(field: field, value: value) == nil) }
                }
                #expect(!(fields.title ?? "").unicodeScalars.contains { $0.value < 0x20 || TextRule.isBidiControl($0) })
            } catch {
                #expect(!error.issues.isEmpty)
                #expect(error.issues.allSatisfy { !$0.field.isEmpty && !$0.message.isEmpty })
            }
        }
    }
}
