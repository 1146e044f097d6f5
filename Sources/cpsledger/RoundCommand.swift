import ArgumentParser
import Foundation
import LedgerModel
import LedgerReports
import LedgerStore

/// `cpsledger round`: open, follow, review and publish a reporting round.
struct RoundCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "round",
        abstract: "Reporting rounds: open one, draft and submit answers, review them, publish the accepted ones.",
        discussion: """
            A round asks some States about some obligations by a due date. Measures recorded with \
            `measure record|correct|retract --round NAME` are drafts: they count in no report until \
            the round publishes them. A State submits its drafts, a reviewer accepts or returns each \
            answer, an admin publishes the accepted ones (ordinary measure events, then a \
            round.published event).

            Example (EXAMPLE data):
              cpsledger round open 2026-review --due 2026-12-31 --article 8 \\
                --states FRA,KEN
              cpsledger measure record --round 2026-review --state FRA \\
                --obligation art8.record-keeping --status implemented \\
                --effective 2020-01-01 --title "EXAMPLE: AML law (placeholder)"
              cpsledger round submit 2026-review --state FRA
              cpsledger round accept 2026-review --state FRA --all
              cpsledger round publish 2026-review --key ~/.cpsledger-signing.key
              cpsledger round status 2026-review --format csv --fail-if-overdue
            """,
        subcommands: [Open.self, List.self, Show.self, Status.self, Submit.self, Accept.self, Return.self, Close.self, Publish.self])

    enum StatusFormat: String, ExpressibleByArgument, CaseIterable { case text, csv, json }

    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "open",
            abstract: "Open a round: which States answer which obligations, by when.",
            discussion: "Without --obligations or --article the round asks every obligation answered with measures; without --states, every Member State.")

        @OptionGroup var ledger: LedgerOptions
        @Argument(help: "The round's name (letters, digits, '.', '_', '-'), e.g. 2026-review.") var name: String
        @Option(help: ArgumentHelp("The last day to submit.", valueName: "YYYY-MM-DD"), transform: ISODate.argument) var due: ISODate
        @Option(help: ArgumentHelp("Obligation ids, comma-separated, or 'all'.", valueName: "ids")) var obligations: String?
        @Option(help: ArgumentHelp("Every obligation of this Article answered with measures: 7 is Article 7 itself, 7a Article 7(a).", valueName: "N")) var article: String?
        @Option(help: ArgumentHelp("ISO3 codes, comma-separated (default: every Member State).", valueName: "codes")) var states: String?

        func validate() throws {
            if obligations != nil, article != nil { throw ValidationError("Give --obligations or --article, not both.") }
        }

        func run() throws {
            let opened = try ledger.open()
            // Comma text and 'all' are the command line's way of writing a list; the ledger takes arrays.
            func list(_ text: String) -> [String] {
                text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            }
            var ids = obligations.flatMap { $0 == "all" ? nil : list($0) }
            if let article {
                do throws(Catalogue.UnknownArticle) { ids = try opened.roundObligations(article: article) } catch {
                    throw ValidationError("--article \(error.description)")
                }
                if ids?.isEmpty ?? true { throw ValidationError("--article '\(article)': no obligation of that Article is answered with measures.") }
            }
            let definition = opened.roundDefinition(name: name, due: due, obligations: ids, states: states.map(list))
            let seq = try opened.openRound(definition, actor: ledger.actorName)
            let round = try opened.round(named: name)
            print("Opened round \(name) (event \(seq)): \(round.definition.states.count) State(s) × \(round.definition.obligations.count) obligation(s), due \(due).")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "list", abstract: "List the rounds.")
        @OptionGroup var ledger: LedgerFileOptions
        @Option(help: "text or json.") var format: OutputFormat = .text

        func run() throws {
            let rounds = try ledger.open().rounds()
            if format == .json { return emit(JSONValue.array(rounds.map(\.json)).canonicalText + "\n") }
            if rounds.isEmpty { return print("No reporting round yet.") }
            for round in rounds {
                let state = round.closedSeq == nil ? "open" : "closed"
                print("\(round.name)  due \(round.definition.due)  \(state)  \(round.definition.states.count) States × \(round.definition.obligations.count) obligations  \(round.publications.count) publication(s)")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "show", abstract: "Show a round: what it asks, every answer and where it stands.")
        @OptionGroup var ledger: LedgerFileOptions
        @Argument(help: "The round's name.") var name: String
        @Option(help: "Only this State (ISO3): its draft view.") var state: String?
        @Option(help: "text or json.") var format: OutputFormat = .text

        func run() throws {
            let opened = try ledger.open()
            let round = try opened.round(named: name)
            let answers = try state.map { try opened.draftView(round: name, state: $0) } ?? opened.answers(round: name)
            if format == .json {
                guard case .object(var members) = round.json else { return }
                members["answers"] = .array(answers.map(\.json))
                return emit(JSONValue.object(members).canonicalText + "\n")
            }
            print("Round \(round.name): due \(round.definition.due), opened by \(round.openedBy) (event \(round.openedSeq))\(round.closedSeq.map { ", closed by event \($0)" } ?? "").")
            print("Obligations: " + round.definition.obligations.joined(separator: ", "))
            for publication in round.publications {
                print("Published by event \(publication.seq) (\(publication.recordedAt)): \(publication.drafts.count) draft(s) as events \(publication.events.map(String.init).joined(separator: ", "))\(publication.checkpoint.map { ", checkpoint signed by \($0.publicKey)" } ?? "").")
            }
            for answer in answers where answer.status != .notStarted || state != nil {
                print("\(answer.state)  \(answer.obligation)  \(answer.status.rawValue)\(answer.comment.map { "  returned: \($0)" } ?? "")")
                for draft in answer.drafts {
                    // A retraction or withdrawal has no status or date of its own: its reason is what it says.
                    let what = draft.fields.map { "\($0.status.rawValue) from \($0.effectiveDate) \($0.title ?? "")" } ?? (draft.reason ?? "")
                    print("    draft \(draft.seq) \(draft.action.rawValue)\(draft.measure.map { " measure \($0)" } ?? ""): \(what)")
                }
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "status",
            abstract: "Per State: answers due, drafted, submitted, returned, accepted, published; who is overdue; days left.",
            discussion: "Overdue: past the due date and not submitted (or not resubmitted since an answer was returned). --fail-if-overdue exits 3 when any State is overdue, for a scheduled job.")
        @OptionGroup var ledger: LedgerFileOptions
        @Argument(help: "The round's name.") var name: String
        @Option(help: "text, csv or json.") var format: StatusFormat = .text
        @Flag(help: "Exit with status 3 when a State is overdue.") var failIfOverdue = false

        func run() throws {
            let status = try ledger.open().roundStatus(name)
            switch format {
            case .json:
                emit(status.json.canonicalText + "\n")
            case .csv:
                var out = "round,state,due,not_started,drafted,submitted,returned,accepted,published,submitted_at,overdue,days_left\n"
                for row in status.rows {
                    out += "\(status.round.name),\(row.state),\(row.due),\(row.notStarted),\(row.drafted),\(row.submitted),\(row.returned),\(row.accepted),\(row.published),\(row.submittedAt ?? ""),\(row.overdue),\(status.daysLeft)\n"
                }
                emit(out)
            case .text:
                let left = status.daysLeft >= 0 ? "\(status.daysLeft) day(s) left" : "\(-status.daysLeft) day(s) past due"
                print("Round \(status.round.name): due \(status.round.definition.due), \(left) on \(status.today)\(status.round.closedSeq == nil ? "" : ", closed").")
                let rows = status.rows.map { row in
                    [row.state, "\(row.due)", "\(row.notStarted)", "\(row.drafted)", "\(row.submitted)", "\(row.returned)", "\(row.accepted)", "\(row.published)", row.overdue ? "OVERDUE" : ""]
                }
                print(TextTable.render(
                    headers: ["State", "Answers due", "Not started", "Drafted", "Submitted", "Returned", "Accepted", "Published", "Overdue"], rows: rows), terminator: "")
                print(status.overdue.isEmpty ? "No State is overdue." : "Overdue: " + status.overdue.joined(separator: ", ") + ".")
            }
            if failIfOverdue, !status.overdue.isEmpty { throw ExitCode(.alarm) }
        }
    }

    struct Submit: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "submit", abstract: "Submit every draft of a State in the round, at once.")
        @OptionGroup var ledger: LedgerOptions
        @Argument(help: "The round's name.") var name: String
        @Option(help: "ISO3 code.") var state: String

        func run() throws {
            let opened = try ledger.open()
            try opened.check(state: state)
            let seq = try opened.submitRound(name, state: state, actor: ledger.actorName)
            print("Submitted the drafts of \(state) in round \(name) (event \(seq)).")
        }
    }

    struct Accept: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "accept", abstract: "Accept a State's submitted answer to an obligation (--all: every submitted answer).")
        @OptionGroup var ledger: LedgerOptions
        @Argument(help: "The round's name.") var name: String
        @Option(help: "ISO3 code.") var state: String
        @Option(help: "Obligation id.") var obligation: String?
        @Flag(help: "Accept every submitted answer of the State.") var all = false
        @Option(help: "A note for the record.") var comment: String?

        func validate() throws {
            if all == (obligation != nil) { throw ValidationError("Give --obligation ID or --all (one of them).") }
        }

        func run() throws {
            let opened = try ledger.open()
            try opened.check(state: state)
            try opened.check(obligation: obligation)
            let events = try opened.acceptAnswer(name, state: state, obligation: obligation, comment: comment, actor: ledger.actorName)
            print("Accepted \(events.count) answer(s) of \(state) in round \(name) (event\(events.count == 1 ? "" : "s") \(events.map(String.init).joined(separator: ", "))).")
        }
    }

    struct Return: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "return", abstract: "Return a State's submitted answer to an obligation with a comment: it goes back to draft.")
        @OptionGroup var ledger: LedgerOptions
        @Argument(help: "The round's name.") var name: String
        @Option(help: "ISO3 code.") var state: String
        @Option(help: "Obligation id.") var obligation: String
        @Option(help: "What the State should change (required).") var comment: String

        func run() throws {
            let opened = try ledger.open()
            try opened.check(state: state)
            try opened.check(obligation: obligation)
            let seq = try opened.returnAnswer(name, state: state, obligation: obligation, comment: comment, actor: ledger.actorName)
            print("Returned the answer of \(state) to \(obligation) in round \(name) (event \(seq)).")
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "close", abstract: "Close a round: no more drafts, submissions or reviews (accepted answers can still be published).")
        @OptionGroup var ledger: LedgerOptions
        @Argument(help: "The round's name.") var name: String

        func run() throws {
            let seq = try ledger.open().closeRound(name, actor: ledger.actorName)
            print("Closed round \(name) (event \(seq)).")
        }
    }

    struct Publish: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "publish",
            abstract: "Publish the accepted answers of a round: they count in every report from now on.",
            discussion: "With --key (or $CPSLEDGER_SIGNING_KEY) a checkpoint of the head is signed right after the round.published event.")
        @OptionGroup var ledger: LedgerOptions
        @Argument(help: "The round's name.") var name: String
        @Option(help: ArgumentHelp("The signing key file (default: $CPSLEDGER_SIGNING_KEY).", valueName: "file")) var key: String?
        @Option(help: "text or json.") var format: OutputFormat = .text

        func run() throws {
            let opened = try ledger.open()
            let path = key ?? ProcessInfo.processInfo.environment["CPSLEDGER_SIGNING_KEY"]
            let signer = try path.map { path in try CheckpointKey(path: path) }
            let publication = try opened.publishRound(name, signingKey: signer, actor: ledger.actorName)
            if format == .json { return emit(publication.json.canonicalText + "\n") }
            print("Published \(publication.drafts.count) accepted answer draft(s) of round \(name) as events \(publication.events.map(String.init).joined(separator: ", ")) (round.published: event \(publication.seq)).")
            if let checkpoint = publication.checkpoint { print("Signed checkpoint of event \(checkpoint.seq) (\(checkpoint.hash)) by \(checkpoint.publicKey).") }
        }
    }
}
