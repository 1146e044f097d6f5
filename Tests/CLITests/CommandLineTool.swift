import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// Runs the built `cpsledger` binary on a ledger file in a fresh temporary folder.
final class CommandLineTool: Sendable {
    struct Run {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    let directory: URL
    var db: String { directory.appendingPathComponent("ledger.sqlite").path }

    /// A fresh folder; the ledger is created without the shipped treaty status tables unless asked
    /// (`statusData: nil` leaves the ledger uncreated, for the first command to create).
    init(statusData: Bool? = false) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("cpsledger-cli-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        if let statusData {
            let result = try run(statusData ? ["init"] : ["init", "--without-status-data"])
            guard result.status == 0 else { throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: result.stderr]) }
        }
    }

    deinit { try? FileManager.default.removeItem(at: directory) }

    static let binary: URL = {
        let besideTests = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("cpsledger")
        if FileManager.default.isExecutableFile(atPath: besideTests.path) { return besideTests }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/cpsledger")
    }()

    /// Starts the tool with `arguments` (the ledger is passed through CPSLEDGER_DB).
    func start(_ arguments: [String], environment extra: [String: String] = [:]) throws -> (Process, URL, URL) {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["CPSLEDGER_DB"] = db
        environment["CPSLEDGER_ACTOR"] = "cli-test"
        environment.merge(extra) { _, new in new }
        process.environment = environment
        let id = UUID().uuidString
        let out = directory.appendingPathComponent("out-\(id)"), err = directory.appendingPathComponent("err-\(id)")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return (process, out, err)
    }

    @discardableResult
    func run(_ arguments: String...) throws -> Run { try run(arguments) }

    func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Run {
        let (process, out, err) = try start(arguments, environment: environment)
        process.waitUntilExit()
        return Run(
            status: process.terminationStatus,
            stdout: String(decoding: try Data(contentsOf: out), as: UTF8.self),
            stderr: String(decoding: try Data(contentsOf: err), as: UTF8.self))
    }

    /// Starts `cpsledger serve` with `arguments` on a free port of 20000-39999 (another port when one is
    /// taken) and waits until `/api/health` answers 200: the server, its address and its standard
    /// error. Nil when it never answered (its standard error is then in the test's failure).
    func serve(_ arguments: [String], environment: [String: String] = [:]) async throws -> (process: Process, base: URL, errors: URL)? {
        for _ in 0..<5 {
            let port = Int.random(in: 20_000...39_999)
            let (server, _, errors) = try start(["serve", "--port", String(port)] + arguments, environment: environment)
            let base = URL(string: "http://127.0.0.1:\(port)")!
            for _ in 0..<300 {
                if let (_, response) = try? await URLSession.shared.data(from: base.appendingPathComponent("api/health")),
                    (response as? HTTPURLResponse)?.statusCode == 200
                {
                    return (server, base, errors)
                }
                if !server.isRunning { break }
                try await Task.sleep(for: .milliseconds(100))
            }
            if server.isRunning { server.terminate() }
            server.waitUntilExit()
            let stderr = String(decoding: (try? Data(contentsOf: errors)) ?? Data(), as: UTF8.self)
            if !stderr.contains("in use") { Issue.record("cpsledger serve did not start: \(stderr)"); return nil }
        }
        return nil
    }

    func file(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func json(_ arguments: String...) throws -> Any {
        let result = try run(arguments)
        guard result.status == 0 else { throw CocoaError(.fileReadCorruptFile, userInfo: [NSLocalizedDescriptionKey: result.stderr]) }
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
    }
}
