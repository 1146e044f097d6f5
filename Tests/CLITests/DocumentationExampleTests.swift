import Foundation
import Testing

/// The docs cannot rot: every `cpsledger` command in a shell block of README.md and docs/ runs, in
/// order per file, on a new ledger with the built binary, and a command that fails is named with its
/// file and line. Links between the docs lead to files and headings that exist, the command
/// reference has a section for every command, and the API reference lists every route.
@Suite struct DocumentationExampleTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// README.md, CHANGELOG.md and every Markdown file under docs/, as paths from the package's folder.
    static let files: [String] = {
        var found = ["README.md", "CHANGELOG.md"]
        let docs = root.appendingPathComponent("docs")
        if let walker = FileManager.default.enumerator(atPath: docs.path) {
            for case let path as String in walker where path.hasSuffix(".md") { found.append("docs/" + path) }
        }
        return found.sorted()
    }()

    /// Files written on other branches of this work (issue 25's operations guide, the transparency
    /// log's description), linked already; a link to them counts once they exist.
    static let linkedBeforeWritten: Set<String> = ["docs/operations.md", "docs/transparency-log.md"]

    static func read(_ file: String) throws -> String {
        try String(contentsOf: root.appendingPathComponent(file), encoding: .utf8)
    }

    @Test(arguments: files) func everyCommandShownRuns(file: String) throws {
        let examples = DocumentationExamples(markdown: try Self.read(file), file: file)
        #expect(examples.problems.isEmpty, "\(examples.problems)")
        let failure = try examples.run(file: file, binary: CommandLineTool.binary, inputs: Self.root.appendingPathComponent("docs/examples"))
        #expect(failure == nil, "\(failure.map(String.init(describing:)) ?? "")")
    }

    /// The README's examples are run, not skipped: the set-up and tour a newcomer copies.
    @Test func theReadmeTourIsRun() throws {
        let examples = DocumentationExamples(markdown: try Self.read("README.md"), file: "README.md")
        #expect(examples.skipped.isEmpty)
        #expect(examples.examples.filter { if case .command = $0.step { true } else { false } }.count >= 14)
    }

    /// A broken block is reported with its file, line and command, and the commands after it do not run.
    @Test func aFailingCommandIsNamedWithItsFileAndLine() throws {
        let markdown = """
            # Example

            ```sh
            cpsledger states list --members-only        # fine
            cpsledger measure retract 99 \\
              --reason "no such measure"
            cpsledger states list
            ```
            """
        let examples = DocumentationExamples(markdown: markdown, file: "docs/broken.md")
        #expect(examples.examples.map(\.line) == [4, 5, 7])
        let failure = try #require(try examples.run(file: "docs/broken.md", binary: CommandLineTool.binary, inputs: nil))
        #expect(failure.line == 5)
        #expect(failure.command == #"cpsledger measure retract 99 --reason "no such measure""#)
        #expect(failure.status == 2)
        #expect(failure.description.hasPrefix(#"docs/broken.md:5: `cpsledger measure retract 99 --reason "no such measure"` exited with status 2"#))
        #expect(failure.description.contains("No measure has sequence number 99."), "\(failure)")
    }

    /// A block marked `<!-- not run: REASON -->` is skipped with its reason; a marker without a
    /// reason is a problem; other programs' lines and comments are not run; exports carry on.
    @Test func markedBlocksAreSkippedAndOnlyCpsledgerCommandsRun() throws {
        let markdown = """
            <!-- not run: a server runs until it is stopped -->
            ```sh
            cpsledger serve --port 8080
            ```

            ```sh
            export CPSLEDGER_DB=demo.sqlite   # a ledger of its own
            # a comment
            curl -s localhost:8080/api/health
            cpsledger verify
            ```

            <!-- not run: -->
            ```text
            cpsledger version
            ```
            """
        let examples = DocumentationExamples(markdown: markdown, file: "x.md")
        #expect(examples.skipped == [.init(line: 1, reason: "a server runs until it is stopped")])
        #expect(examples.examples == [.init(line: 7, step: .export(name: "CPSLEDGER_DB", value: "demo.sqlite")), .init(line: 10, step: .command("cpsledger verify"))])
        #expect(examples.problems == ["x.md:13: a <!-- not run: marker gives no reason."])
    }

    /// Every relative link and image of the docs leads to a file that exists, and its `#anchor` to a heading of it.
    @Test func linksLeadToFilesAndHeadingsThatExist() throws {
        var problems: [String] = []
        for file in Self.files {
            let text = try Self.read(file)
            let pattern = try NSRegularExpression(pattern: #"\]\(([^)\s]+)\)|src="([^"]+)""#)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let range = match.range(at: 1).location != NSNotFound ? match.range(at: 1) : match.range(at: 2)
                let target = String(text[Range(range, in: text)!])
                guard !target.hasPrefix("http") else { continue }
                let parts = target.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
                let folder = (file as NSString).deletingLastPathComponent
                let path = parts[0].isEmpty ? file : String(Self.root.appendingPathComponent(folder).appendingPathComponent(parts[0]).standardized.path
                    .dropFirst(Self.root.standardized.path.count + 1))
                guard FileManager.default.fileExists(atPath: Self.root.appendingPathComponent(path).path) else {
                    if !Self.linkedBeforeWritten.contains(path) { problems.append("\(file): \(target): no file \(path)") }
                    continue
                }
                if parts.count == 2, path.hasSuffix(".md"), !Self.anchors(of: try Self.read(path)).contains(parts[1]) {
                    problems.append("\(file): \(target): \(path) has no heading with the anchor #\(parts[1])")
                }
            }
        }
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    /// The anchors GitHub gives a file's headings: lowercased, punctuation dropped, spaces as hyphens.
    static func anchors(of markdown: String) -> Set<String> {
        var inCode = false
        var found: Set<String> = []
        for line in markdown.components(separatedBy: "\n") {
            if line.hasPrefix("```") { inCode.toggle(); continue }
            guard !inCode, line.hasPrefix("#") else { continue }
            let title = line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces).lowercased()
            found.insert(String(title.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_" || $0 == " " }.map(Character.init)).replacingOccurrences(of: " ", with: "-"))
        }
        return found
    }

    /// The command reference has a section for every command the binary has, holding the help the
    /// binary prints now (at 100 columns).
    @Test func theCommandReferenceHasEveryCommandsHelpAsItIs() throws {
        let cli = try CommandLineTool(statusData: nil)
        let reference = try Self.read("docs/reference/commands.md")
        var stale: [String] = []
        for command in try HelpLayoutTests.commands(cli).dropFirst() {
            let help = try cli.run(command.path + ["--help"], environment: ["COLUMNS": "100"]).stdout
                .components(separatedBy: "\n").map { String($0.reversed().drop { $0 == " " || $0 == "\t" }.reversed()) }
                .joined(separator: "\n").trimmingCharacters(in: .newlines)
            let name = (["cpsledger"] + command.path).joined(separator: " ")
            if !reference.contains("\n### `\(name)`\n\n```text\n\(help)\n```\n") { stale.append(name) }
        }
        #expect(stale.isEmpty, "docs/reference/commands.md lacks the current help of: \(stale); run Scripts/command-reference.sh")
    }

    /// The API reference lists every operation of Contracts/openapi.json.
    @Test func theAPIReferenceListsEveryRoute() throws {
        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: Self.root.appendingPathComponent("Contracts/openapi.json"))) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let reference = try Self.read("docs/reference/api.md")
        let missing = paths.flatMap { path, operations in
            operations.keys.filter { ["get", "post", "put", "patch", "delete"].contains($0) }.map { "`\($0.uppercased()) \(path)`" }
        }.filter { !reference.contains("| \($0) |") }
        #expect(missing.isEmpty, "docs/reference/api.md, \"Every route\", lacks: \(missing.sorted())")
    }
}
