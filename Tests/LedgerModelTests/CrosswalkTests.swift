import Foundation
import LedgerFixtures
import LedgerModel
import Testing

/// The FATF crosswalk shipped in `Fixtures/crosswalks/`: every link sound and honest.
@Suite struct CrosswalkTests {
    static func load() throws -> (Crosswalk, Catalogue) {
        (try Crosswalk.decode(json: LedgerFixtures.fatfCrosswalkJSON), try Catalogue.decode(json: LedgerFixtures.catalogueJSON))
    }

    @Test func everyLinkPointsAtAnExistingObligationAndAnExistingFATFItem() throws {
        let (crosswalk, catalogue) = try Self.load()
        #expect(crosswalk.problems(catalogue: catalogue) == [])
        #expect(crosswalk.items.count == 51)
        #expect(crosswalk.item("R.40")?.title == "Other forms of international cooperation")
        #expect(crosswalk.item("IO.11") != nil)
        #expect(crosswalk.links.count >= 10)
    }

    @Test func aLinkToAMissingObligationOrItemIsNamed() throws {
        let (crosswalk, catalogue) = try Self.load()
        let broken = Crosswalk(
            body: crosswalk.body, framework: crosswalk.framework, source: crosswalk.source, items: crosswalk.items,
            links: crosswalk.links + [.init(item: "R.41", obligation: "art8.no-such", strength: .direct, rationale: "x", reference: "y")])
        let problems = broken.problems(catalogue: catalogue)
        #expect(problems.contains { $0.contains("'art8.no-such', which the catalogue lacks") })
        #expect(problems.contains { $0.contains("item 'R.41'") })
    }

    /// Each rationale opens with the Declaration's words in quotes; they must be words of the linked provision.
    @Test func everyRationaleQuotesTheLinkedProvisionsOwnWords() throws {
        let (crosswalk, catalogue) = try Self.load()
        func squeeze(_ text: String) -> String { text.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        for link in crosswalk.links {
            let obligation = try #require(catalogue.obligation(link.obligation))
            let provision = squeeze(catalogue.provision(of: obligation).text)
            let quoted = link.rationale.split(separator: "\"", omittingEmptySubsequences: false)
            #expect(quoted.count >= 3, "the rationale of \(link.item) → \(link.obligation) quotes nothing")
            guard quoted.count >= 3 else { continue }
            for part in quoted[1].components(separatedBy: " ... ") {
                #expect(provision.contains(squeeze(part)), "\(link.item) → \(link.obligation) quotes words not in \(obligation.provision): \(part)")
            }
            #expect(link.reference.contains(link.item.replacingOccurrences(of: "R.", with: "Recommendation ")))
        }
    }

    @Test func article8RecordKeepingLinksDirectlyToRecommendation11() throws {
        let (crosswalk, _) = try Self.load()
        let links = crosswalk.links(to: "art8.record-keeping")
        #expect(links.map(\.item) == ["R.11"])
        #expect(links.first?.strength == .direct)
        // Obligations no Recommendation asks for stay unlinked.
        #expect(crosswalk.links(to: "art9.professionalism").isEmpty)
        #expect(crosswalk.links(to: "art11.sovereignty-human-rights").isEmpty)
    }

    @Test func technicalComplianceRatingsMapOntoTheAssessmentScaleAndOutcomeRatingsDoNot() {
        #expect(ExternalRating.lc.assessmentRating == .largelyCompliant)
        #expect(ExternalRating.nc.assessmentRating == .nonCompliant)
        #expect(ExternalRating.na.assessmentRating == .notApplicable)
        #expect(ExternalRating.me.assessmentRating == nil)
        #expect(ExternalRating.he.isEffectiveness)
    }

    @Test func monthsKeepTheirPrecision() {
        #expect(ExternalAssessmentFields.isMonth("2024-03"))
        #expect(!ExternalAssessmentFields.isMonth("2024-03-01"))
        #expect(!ExternalAssessmentFields.isMonth("2024-13"))
        #expect(!ExternalAssessmentFields.isMonth("1988-12"))
        #expect(!ExternalAssessmentFields.isMonth("２０２４-03"))
    }
}
