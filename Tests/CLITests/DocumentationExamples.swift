import Foundation

/// The `cpsledger` commands a Markdown file shows in its shell code blocks (```sh, ```bash,
/// ```shell), read as a reader would type them: `\`-continued lines joined, comments and other
/// programs' lines (curl, sqlite3, frictionless) left out, `export NAME=VALUE` kept for the
/// commands after it. A block preceded by a line `<!-- not run: REASON -->` is skipped: a server,
/// a network call, a file the project does not ship, placeholders to fill in.
struct DocumentationExamples {
    /// One line of a block: a command to run, or an environment variable it sets for the rest of the file.
    enum Step: Equatable {
        case command(String)
        case export(name: String, value: String)
    }

    /// A step and the line of the file it starts on (1-based).
    struct Example: Equatable {
        let line: Int
        let step: Step
    }

    /// A block marked not to run, with its line and the reason given.
    struct Skipped: Equatable {
        let line: Int
        let reason: String
    }

    /// A command that did not succeed: where it is and what it said.
    struct Failure: CustomStringConvertible {
        let file: String
        let line: Int
        let command: String
        let status: Int32
        let output: String

        var description: String {
            "\(file):\(line): `\(command)` exited with status \(status)" + (status == 124 ? " (stopped: it ran too long)" : "") + ":\n" + output
        }
    }

    let examples: [Example]
    let skipped: [Skipped]
    /// Markers without a reason, or not followed by a code block: each a sentence.
    let problems: [String]

    static let marker = "<!-- not run:"

    init(markdown: String, file: String) {
        let lines = markdown.components(separatedBy: "\n")
        var examples: [Example] = [], skipped: [Skipped] = [], problems: [String] = []
        var index = 0
        var pendingMarker: (line: Int, reason: String)?
        while index < lines.count {
            let line = lines[index]
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.hasPrefix(Self.marker) {
                let reason = trimmed.dropFirst(Self.marker.count).replacingOccurrences(of: "-->", with: "").trimmingCharacters(in: .whitespaces)
                if reason.isEmpty { problems.append("\(file):\(index + 1): a \(Self.marker) marker gives no reason.") }
                pendingMarker = (index + 1, reason)
                index += 1
                continue
            }
            guard trimmed.hasPrefix("```") else {
                if let marker = pendingMarker, !trimmed.isEmpty {
                    problems.append("\(file):\(marker.line): the \(Self.marker) marker is not followed by a code block.")
                    pendingMarker = nil
                }
                index += 1
                continue
            }
            let language = trimmed.dropFirst(3).trimmingCharacters(in: .whitespaces)
            var body: [(Int, String)] = []
            index += 1
            while index < lines.count, !lines[index].trimmingCharacters(in: .whitespaces).hasPrefix("```") {
                body.append((index + 1, lines[index]))
                index += 1
            }
            index += 1
            let marker = pendingMarker
            pendingMarker = nil
            guard ["sh", "bash", "shell"].contains(language) else { continue }
            if let marker {
                skipped.append(Skipped(line: marker.line, reason: marker.reason))
                continue
            }
            examples += Self.steps(of: body)
        }
        self.examples = examples
        self.skipped = skipped
        self.problems = problems
    }

    /// The commands and exports of a block's lines, continuation lines joined.
    static func steps(of body: [(Int, String)]) -> [Example] {
        var logical: [(Int, String)] = []
        var current: (Int, String)?
        for (number, text) in body {
            if var open = current {
                open.1 += " " + text.trimmingCharacters(in: .whitespaces)
                current = open
            } else {
                current = (number, text.trimmingCharacters(in: .whitespaces))
            }
            if let open = current, open.1.hasSuffix("\\") {
                current = (open.0, String(open.1.dropLast()).trimmingCharacters(in: .whitespaces))
            } else if let open = current {
                logical.append(open)
                current = nil
            }
        }
        if let current { logical.append(current) }
        return logical.compactMap { number, text in
            if text == "cpsledger" || text.hasPrefix("cpsledger ") { return Example(line: number, step: .command(text)) }
            guard text.hasPrefix("export "), let equals = text.firstIndex(of: "=") else { return nil }
            let name = text[text.index(text.startIndex, offsetBy: 7)..<equals].trimmingCharacters(in: .whitespaces)
            var value = String(text[text.index(after: equals)...])
            if let comment = value.range(of: " #") { value = String(value[..<comment.lowerBound]) }
            value = value.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            return Example(line: number, step: .export(name: name, value: value))
        }
    }

    /// Runs the examples in order in a new folder holding copies of `inputs` (the example files the
    /// docs name), with `cpsledger` on the PATH, HOME in that folder and CPSLEDGER_DB a new ledger
    /// there, each command through `/bin/sh -c` as a reader's shell would run it. Stops at the first
    /// command that exits with another status than 0, and returns it.
    func run(file: String, binary: URL, inputs: URL?, timeout: TimeInterval = 300) throws -> Failure? {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cpsledger-docs-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        if let inputs, let names = try? FileManager.default.contentsOfDirectory(atPath: inputs.path) {
            for name in names {
                try FileManager.default.copyItem(at: inputs.appendingPathComponent(name), to: folder.appendingPathComponent(name))
            }
        }
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = binary.deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        environment["HOME"] = folder.path
        environment["CPSLEDGER_DB"] = folder.appendingPathComponent("ledger.sqlite").path
        environment["CPSLEDGER_ACTOR"] = "docs-example"
        for name in ["CPSLEDGER_SIGNING_KEY", "COLUMNS"] { environment[name] = nil }
        for example in examples {
            switch example.step {
            case let .export(name, value):
                environment[name] = value.hasPrefix("~/") ? folder.path + value.dropFirst() : value
            case let .command(command):
                let process = Process()
                process.executableURL = URL(fileURLWithPath: "/bin/sh")
                process.arguments = ["-c", command]
                process.currentDirectoryURL = folder
                process.environment = environment
                let output = folder.appendingPathComponent(".output-\(example.line)")
                _ = FileManager.default.createFile(atPath: output.path, contents: nil)
                let handle = try FileHandle(forWritingTo: output)
                defer { try? handle.close() }
                process.standardOutput = handle
                process.standardError = handle
                process.standardInput = FileHandle.nullDevice
                try process.run()
                let deadline = Date().addingTimeInterval(timeout)
                while process.isRunning, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
                let status: Int32
                if process.isRunning {
                    process.terminate()
                    process.waitUntilExit()
                    status = 124
                } else {
                    status = process.terminationStatus
                }
                if status != 0 {
                    let text = String(decoding: (try? Data(contentsOf: output)) ?? Data(), as: UTF8.self)
                    return Failure(file: file, line: example.line, command: command, status: status, output: String(text.suffix(2_000)))
                }
            }
        }
        return nil
    }
}
