import ArgumentParser
import Foundation
import LedgerModel
import LedgerStore

struct Token: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Bearer tokens of the server (roles admin, editor, focal_point, reviewer).",
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Create a token; it is printed once, only its SHA-256 is kept.",
            discussion: """
                Roles: admin (everything), editor (measures and treaty actions of every State), \
                focal_point (measures of its one State: --state ISO3), reviewer (assessments).

                Names are unique. Every event written with the token records "NAME#ID" as its actor. \
                Creating and revoking a token are events of the ledger (token.created, token.revoked); \
                the server accepts only tokens those events vouch for.

                Example:
                  cpsledger token create --role focal_point --state FRA \\
                    --name "EXAMPLE: France focal point"
                """)

        @OptionGroup var ledger: LedgerOptions
        @Option(help: "admin, editor, focal_point or reviewer.") var role: String
        @Option(help: "The State of a focal_point token (ISO3).") var state: String?
        @Option(help: "Who holds it (unique); recorded with the id as the actor of its events.") var name: String

        func run() throws {
            guard let chosen = Role(rawValue: role) else {
                throw ValidationError("--role '\(role)' is not a role; use one of " + Role.allCases.map(\.rawValue).joined(separator: ", ") + ".")
            }
            let opened = try ledger.open()
            let (token, record) = try opened.createToken(name: name, role: chosen, state: state, actor: ledger.actorName)
            warn("Created token \(record.id) for '\(record.name)' (\(record.role.rawValue)\(record.state.map { ", \($0)" } ?? "")); its events record the actor '\(record.actor)'. It is shown only now:")
            print(token)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the tokens (never the tokens themselves).")

        @OptionGroup var ledger: LedgerFileOptions
        @Option(help: "The output format.") var format: OutputFormat = .text

        func run() throws {
            let opened = try ledger.open()
            let tokens = try opened.tokens()
            switch format {
            case .json: emit(try jsonText(tokens))
            case .text:
                for t in tokens {
                    print("\(t.id)\t\(t.role.rawValue)\t\(t.state ?? "-")\t\(t.name)\tcreated \(t.createdAt)\(t.revokedAt.map { "\trevoked \($0)" } ?? "")")
                }
            }
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Revoke a token (a token.revoked event): it stops working at once.")

        @OptionGroup var ledger: LedgerOptions
        @Argument(help: "The token's id (see `token list`).") var id: Int64

        func run() throws {
            let opened = try ledger.open()
            let revoked = try opened.revokeToken(id: id, actor: ledger.actorName)
            print(revoked ? "Revoked token \(id)." : "Token \(id) was revoked already.")
        }
    }
}
