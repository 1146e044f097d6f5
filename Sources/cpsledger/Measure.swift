import ArgumentParser
import Foundation
import LedgerModel
import LedgerReports
import LedgerStore

struct Measure: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "measure",
        abstract: "Record, correct, retract and list national measures.",
        subcommands: [Record.self, Correct.self, Retract.self, List.self])

    /// The fields of a measure as options; all optional here, the validator says what is required.
    /// `--effective` stays text, unlike the query dates: the model's validator checks it with the other
    /// fields, so one run names every bad field, as for a CSV row or an API body.
    struct Fields: ParsableArguments {
        @Option(help: "ISO 3166-1 alpha-3 code, e.g. FRA.") var state: String?
        @Option(help: "Obligation id, e.g. art8.record-keeping (see `cpsledger obligations list`).") var obligation: String?
        @Option(help: "implemented, partial, planned, no_measures or not_applicable.") var status: String?
        @Option(help: ArgumentHelp("The date the measure took effect.", valueName: "YYYY-MM-DD")) var effective: String?
        @Option(help: "The law's name and number, the agency, the agreement.") var title: String?
        @Option(help: "legislation, regulation, institution, agreement, policy or practice.") var kind: String?
        @Option(help: "Citation: URL or reference.") var source: String?
        @Option(help: "Free note.") var note: String?
        @Option(help: "Why the status holds; required for not_applicable.") var justification: String?
        @Option(help: ArgumentHelp("A file to store as evidence (repeatable).", valueName: "file")) var evidence: [String] = []
        @Option(help: ArgumentHelp("The evidence documents' own date, where known.", valueName: "YYYY-MM-DD"), transform: ISODate.argument) var evidenceDate: ISODate?

        var raw: [String: String] {
            var raw: [String: String] = [:]
            raw["state"] = state
            raw["obligation"] = obligation
            raw["status"] = status
            raw["effective_date"] = effective
            raw["title"] = title
            raw["kind"] = kind
            raw["source"] = source
            raw["note"] = note
            raw["justification"] = justification
            return raw
        }

        func evidenceFiles() throws -> [EvidenceFile] {
            // A date with no file to carry it would be dropped without a word.
            if evidenceDate != nil, evidence.isEmpty {
                throw ValidationError("--evidence-date is the date of the --evidence files; give at least one --evidence FILE with it.")
            }
            return try evidence.map { path in
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw CommandLineError(.fileError, "--evidence '\(path)': no such readable file.")
                }
                return EvidenceFile(filename: URL(fileURLWithPath: path).lastPathComponent, content: [UInt8](data), documentDate: evidenceDate)
            }
        }
    }

    struct Record: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "record",
            abstract: "Record a national measure for one State and obligation.",
            discussion: """
                Example:
                  cpsledger measure record --state FRA --obligation art8.record-keeping \\
                    --status implemented --effective 1990-07-12 --kind legislation \\
                    --title "EXAMPLE: national AML law (placeholder)" \\
                    --source "EXAMPLE: journal" --evidence law.pdf

                Recording a measure identical to one in force writes nothing and says so.
                """)

        @OptionGroup var ledger: LedgerOptions
        @OptionGroup var fields: Fields
        @Option(help: ArgumentHelp("Record it as a draft in this reporting round: it counts in no report until the round publishes it.", valueName: "name"))
        var round: String?
        @Option(help: "The output format.") var format: OutputFormat = .text

        func run() throws {
            let opened = try ledger.open()
            let measure: MeasureFields
            do throws(ValidationFailure) {
                measure = try MeasureFields.validate(fields.raw, catalogue: opened.catalogue, states: opened.states)
            } catch {
                throw CommandLineError.nothingWritten(error, option: Self.option)
            }
            if let round {
                let seq = try opened.draftMeasure(measure, evidence: try fields.evidenceFiles(), round: round, actor: ledger.actorName)
                if format == .json { return emit(try jsonText(["draft": seq])) }
                return print("Recorded draft \(seq) in round \(round): \(measure.state) × \(measure.obligation) \(measure.status.rawValue) from \(measure.effectiveDate). It counts once the round publishes it.")
            }
            let outcome = try opened.recordMeasure(measure, evidence: try fields.evidenceFiles(), actor: ledger.actorName)
            switch outcome {
            case .recorded(let seq):
                if format == .json { emit(try jsonText(["seq": seq])) } else {
                    print("Recorded measure \(seq): \(measure.state) × \(measure.obligation) \(measure.status.rawValue) from \(measure.effectiveDate).")
                }
            case .duplicate(let existing):
                if format == .json { emit(try jsonText(["duplicate_of": existing])) } else {
                    print("Measure \(existing) already says exactly this; nothing written. (To add evidence: cpsledger measure correct \(existing) --evidence FILE)")
                }
            }
        }

        static func option(_ field: String) -> String { field == "effective_date" ? "effective" : field }
    }

    struct Correct: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "correct",
            abstract: "Record a corrected version of a measure (a new event; the old one stays in the history).",
            discussion: "Fields you do not pass keep their value. SEQ is the measure's number or any of its corrections'.")

        @OptionGroup var ledger: LedgerOptions
        @Argument(help: "The measure's sequence number.") var seq: Int64
        @OptionGroup var fields: Fields
        @Option(help: "Why the correction is made.") var reason: String?
        @Option(help: ArgumentHelp("Draft the correction in this reporting round (SEQ may also be a draft of the round, which it replaces).", valueName: "name"))
        var round: String?

        func run() throws {
            let opened = try ledger.open()
            if let round {
                let draft = try opened.draftCorrection(seq, changes: fields.raw, addEvidence: try fields.evidenceFiles(), reason: reason, round: round, actor: ledger.actorName)
                return print("Recorded draft \(draft) in round \(round): a correction of \(seq). It counts once the round publishes it.")
            }
            let correction = try opened.correctMeasure(seq, changes: fields.raw, addEvidence: try fields.evidenceFiles(), reason: reason, actor: ledger.actorName)
            print("Recorded correction \(correction) of measure \(seq).")
        }
    }

    struct Retract: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "retract",
            abstract: "Retract a measure: it stops counting from now on (a new event; the history keeps it).")

        @OptionGroup var ledger: LedgerOptions
        @Argument(help: "The measure's sequence number.") var seq: Int64
        @Option(help: "Why it is retracted (required).") var reason: String
        @Option(help: ArgumentHelp("Draft the retraction in this reporting round (SEQ a draft of the round: withdraw that draft).", valueName: "name"))
        var round: String?

        func run() throws {
            let opened = try ledger.open()
            if let round {
                let draft = try opened.draftRetraction(seq, reason: reason, round: round, actor: ledger.actorName)
                return print("Recorded draft \(draft) in round \(round): a retraction of \(seq) (or the withdrawal of that draft).")
            }
            let retraction = try opened.retractMeasure(seq, reason: reason, actor: ledger.actorName)
            print("Recorded retraction \(retraction) of measure \(seq).")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list",
            abstract: "List the measures in force.",
            discussion: "JSON carries id, state, obligation, status, effective_date, title, kind, source, note, justification, evidence, recorded_at, actor, last_seq, retracted_seq.")

        @OptionGroup var ledger: LedgerFileOptions
        @Option(help: "Only this State (ISO3).") var state: String?
        @Option(help: "Only this obligation id.") var obligation: String?
        @Option(help: ArgumentHelp("Only measures in effect on this date.", valueName: "YYYY-MM-DD"), transform: ISODate.argument) var asOf: ISODate?
        @Flag(help: "Include retracted measures.") var includeRetracted = false
        @Option(help: "The output format.") var format: OutputFormat = .text

        func run() throws {
            let opened = try ledger.open()
            try opened.check(state: state)
            try opened.check(obligation: obligation)
            let records = try opened.measures(state: state, obligation: obligation, asOf: asOf, includeRetracted: includeRetracted)
            switch format {
            case .json:
                emit(JSONValue.array(records.map(\.json)).canonicalText + "\n")
            case .text:
                emit(TextTable.render(
                    headers: ["id", "state", "obligation", "status", "effective", "kind", "title"],
                    rows: records.map { r in
                        [String(r.id) + (r.retractedSeq == nil ? "" : " (retracted)"), r.fields.state, r.fields.obligation,
                         r.fields.status.rawValue, r.fields.effectiveDate.description, r.fields.kind?.rawValue ?? "–",
                         String((r.fields.title ?? "–").prefix(60))]
                    }))
                print("\(records.count) measure\(records.count == 1 ? "" : "s").")
            }
        }
    }
}
