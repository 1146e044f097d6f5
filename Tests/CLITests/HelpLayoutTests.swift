import Foundation
import Testing

/// The help of every command as it reads at a terminal of 80 and of 120 columns. argument-parser
/// wraps a discussion itself and keeps its line breaks: a paragraph written with hard line breaks is
/// broken twice (a line of a few words in the middle of a sentence), and an example line longer than
/// the terminal is split where a copied command no longer runs.
@Suite struct HelpLayoutTests {
    /// One command of the tree, as `cpsledger --experimental-dump-help` describes it.
    struct Command {
        let path: [String]
        let discussion: String
        let argumentTexts: [String]
    }

    /// Every command, from the binary's own description of its tree.
    static func commands(_ cli: CommandLineTool) throws -> [Command] {
        let dump = try cli.run("--experimental-dump-help")
        let root = try #require(try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as? [String: Any])
        var found: [Command] = []
        func walk(_ command: [String: Any], path: [String]) {
            let arguments = command["arguments"] as? [[String: Any]] ?? []
            found.append(Command(
                path: path, discussion: command["discussion"] as? String ?? "",
                argumentTexts: arguments.flatMap { [$0["abstract"] as? String, $0["discussion"] as? String].compactMap { $0 } }))
            for sub in command["subcommands"] as? [[String: Any]] ?? [] {
                guard let name = sub["commandName"] as? String, name != "help" else { continue }
                walk(sub, path: path + [name])
            }
        }
        walk(try #require(root["command"] as? [String: Any]), path: [])
        return found
    }

    /// What is wrong with the help of `command` rendered at `width` columns (`rendered`), one sentence each.
    static func problems(_ command: Command, rendered: String, width: Int) -> [String] {
        let name = (["cpsledger"] + command.path).joined(separator: " ")
        var problems: [String] = []
        let source = command.discussion.components(separatedBy: "\n")
        // A paragraph is one line of the source: argument-parser wraps it.
        for (line, next) in zip(source, source.dropFirst()) where !line.isEmpty && !next.isEmpty && line.first != " " && next.first != " " {
            problems.append("\(name): a paragraph is broken after \"\(line.suffix(30))\"; write it as one line.")
        }
        let lines = rendered.components(separatedBy: "\n")
        // An example (an indented line) is kept whole: a copied command line must run as it is.
        for line in source where line.first == " " && !lines.contains(line) {
            problems.append("\(name) at \(width) columns: the line \"\(line.prefix(40))…\" (\(line.count) characters) wraps.")
        }
        for text in command.argumentTexts where text.contains("\n") {
            problems.append("\(name): the help of an option has a line break: \"\(text.prefix(40))…\"")
        }
        // In the overview, a line that the next line continues is full: a short one is a sentence broken by hand.
        let overview = lines.prefix { !$0.hasPrefix("USAGE:") }
        for (line, next) in zip(overview, overview.dropFirst())
        where !line.isEmpty && !next.isEmpty && line.first != " " && next.first != " " && line.count < width / 2 {
            problems.append("\(name) at \(width) columns: \"\(line)\" ends a line at \(line.count) characters in the middle of a paragraph.")
        }
        for line in overview where line.count > width {
            problems.append("\(name) at \(width) columns: \"\(line.prefix(40))…\" is \(line.count) characters wide.")
        }
        return problems
    }

    @Test func everyHelpReadsWholeAt80And120Columns() throws {
        let cli = try CommandLineTool(statusData: nil)
        let commands = try Self.commands(cli)
        #expect(commands.count > 50, "the tree has \(commands.count) commands")
        var problems: [String] = []
        for command in commands {
            for width in [80, 120] {
                let help = try cli.run(command.path + ["--help"], environment: ["COLUMNS": String(width)])
                #expect(help.status == 0, "\(command.path): \(help.stderr)")
                problems += Self.problems(command, rendered: help.stdout, width: width)
            }
        }
        #expect(problems.isEmpty, "\(problems.count) problems:\n\(problems.joined(separator: "\n"))")
    }

    /// The check itself: a paragraph broken by hand, and an example longer than the terminal, are found.
    @Test func theCheckFindsABrokenParagraphAndAWrappedExample() {
        let broken = Command(
            path: ["demo"], discussion: "It is recorded in the\nledger as an event.\n\nExample:\n  " + String(repeating: "x ", count: 45), argumentTexts: [])
        let rendered = "OVERVIEW: Demo.\n\nIt is recorded in the\nledger as an event.\n\nExample:\n  " + String(repeating: "x ", count: 38) + "\nx x x x x x x\n\nUSAGE: demo\n"
        let problems = Self.problems(broken, rendered: rendered, width: 80)
        #expect(problems.contains { $0.contains("a paragraph is broken after \"It is recorded in the\"") }, "\(problems)")
        #expect(problems.contains { $0.contains("ends a line at 21 characters") }, "\(problems)")
        #expect(problems.contains { $0.contains("wraps") }, "\(problems)")
    }
}
