import ArgumentParser
import LedgerModel
import LedgerStore

struct Assess: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "assess",
        abstract: "Record a reviewer's rating of one State and obligation.",
        discussion: """
            Ratings: compliant, largely_compliant, partially_compliant, non_compliant, \
            not_applicable. An assessed rating takes precedence over the State's self-reported status \
            in every score.

            Example:
              cpsledger assess --state FRA --obligation art8.record-keeping \\
                --rating largely_compliant --date 2024-05-01 \\
                --comment "EXAMPLE: record-keeping in place, thresholds above FATF's"
            """)

    @OptionGroup var ledger: LedgerOptions
    @Option(help: "ISO3 code.") var state: String
    @Option(help: "Obligation id.") var obligation: String
    @Option(help: "The rating.") var rating: String
    @Option(help: "The reviewer's comment (required for not_applicable).") var comment: String?
    @Option(help: ArgumentHelp("The date of the assessment (default: today).", valueName: "YYYY-MM-DD")) var date: String?

    func run() throws {
        let opened = try ledger.open()
        var raw = ["state": state, "obligation": obligation, "rating": rating]
        raw["comment"] = comment
        raw["assessed_on"] = date
        let fields: AssessmentFields
        do throws(ValidationFailure) {
            fields = try AssessmentFields.validate(raw, catalogue: opened.catalogue, states: opened.states, today: ISODate.utc())
        } catch {
            throw CommandLineError.nothingWritten(error) { $0 == "assessed_on" ? "date" : $0 }
        }
        let seq = try opened.recordAssessment(fields, actor: ledger.actorName)
        print("Recorded assessment \(seq): \(fields.state) × \(fields.obligation) \(fields.rating.rawValue) on \(fields.assessedOn).")
    }
}
