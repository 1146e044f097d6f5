import LedgerModel
import Testing

/// The scoring rules of DESIGN.md, on cases worked by hand.
@Suite struct ScoringTests {
    @Test func notApplicableLeavesTheDenominatorAndNotReportedLowersCoverageOnly() {
        var tally = ScoreTally()
        tally.add(status: .implemented, rating: nil)  // 1
        tally.add(status: .partial, rating: nil)  // 0.5
        tally.add(status: .notApplicable, rating: nil)  // out
        tally.add(status: .notReported, rating: nil)  // coverage only
        #expect(tally.cells == 4)
        #expect(tally.applicable == 3)
        #expect(tally.reported == 2)
        #expect(tally.coverage == 2.0 / 3.0)
        #expect(tally.score == 0.75)  // (1 + 0.5) / 2, not (1 + 0.5) / 3
        #expect(tally.coverageFormula == "coverage 0.67 = 2 reported / 3 applicable (4 cells − 1 not applicable)")
        #expect(tally.scoreFormula.hasPrefix("score 0.75 = 1.50 points / 2 applicable and reported"))
    }

    @Test func plannedAndNoMeasuresScoreAQuarterAndZero() {
        var tally = ScoreTally()
        tally.add(status: .planned, rating: nil)
        tally.add(status: .noMeasures, rating: nil)
        #expect(tally.score == 0.125)
        #expect(tally.coverage == 1)
    }

    @Test func anAssessedRatingBeatsTheSelfReportedStatus() {
        var tally = ScoreTally()
        tally.add(status: .implemented, rating: .nonCompliant)  // 0, not 1
        tally.add(status: .noMeasures, rating: .largelyCompliant)  // 0.75
        tally.add(status: .notApplicable, rating: .partiallyCompliant)  // rated: 0.5, back in the denominator
        tally.add(status: .implemented, rating: .notApplicable)  // rated NA: out
        tally.add(status: .notReported, rating: .compliant)  // assessed without a self-report: 1
        #expect(tally.applicable == 4)
        #expect(tally.reported == 4)
        #expect(tally.assessed == 4)
        #expect(tally.selfReported == 0)
        #expect(tally.score == (0 + 0.75 + 0.5 + 1) / 4)
    }

    @Test func anEmptyTallyHasNoScoreRatherThanZero() {
        var tally = ScoreTally()
        #expect(tally.score == nil)
        #expect(tally.coverage == nil)
        tally.add(status: .notReported, rating: nil)
        #expect(tally.score == nil)
        #expect(tally.coverage == 0)
    }

    @Test func fixedPrintsTwoDecimalsWhateverTheLocale() {
        #expect(ScoreTally.fixed(0.625) == "0.63")
        #expect(ScoreTally.fixed(1) == "1.00")
        #expect(ScoreTally.fixed(0.1) == "0.10")
    }
}
