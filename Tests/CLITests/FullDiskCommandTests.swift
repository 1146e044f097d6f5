import Foundation
import GRDB
import Testing

/// An import and an export that run out of room on the real file system, as non-root can make it: the
/// command runs under a file-size limit (`ulimit -f`, with SIGXFSZ ignored, so that a write past it
/// fails with EFBIG as a full disk's fails with ENOSPC). It says what happened in a sentence, leaves
/// nothing half-written, and the same command works once the limit is lifted.
@Suite struct FullDiskCommandTests {
    @Test func anImportThatRunsOutOfRoomSaysSoWritesNothingAndWorksOnceThereIsRoom() throws {
        let cli = try CommandLineTool()
        let generated = try cli.run(["generate", "measures", "--events", "6000", "--seed", "27", "--output", cli.directory.appendingPathComponent("m.csv").path])
        #expect(generated.status == 0, "\(generated.stderr)")
        let csv = cli.directory.appendingPathComponent("m.csv").path
        let head = try DatabaseQueue(path: cli.db).read { db in try Int.fetchOne(db, sql: "SELECT max(seq) FROM events") }
        let size = try FileManager.default.attributesOfItem(atPath: cli.db)[.size] as? Int ?? 0
        // Room for the ledger as it is and 512 KiB more: the import's WAL needs about 3 MB.
        let limitKiB = size / 1024 + 512

        let (status, stderr) = try Self.run(cli, ["import", "measures", csv], limitKiB: limitKiB)
        #expect(status != 0)
        // Before any connection of the test opens the file (the last one to close removes the WAL).
        let wal = (try? FileManager.default.attributesOfItem(atPath: cli.db + "-wal")[.size] as? Int) ?? 0
        #expect(wal < 256 * 1024, "the WAL the failed import grew is given back (\(wal) bytes)")
        // EFBIG is SQLite's I/O error (ENOSPC would be its "full"): either way one sentence, no SQL.
        #expect(stderr.contains("The storage under \(cli.db) failed while writing") || stderr.contains("is full; nothing was written"), "\(stderr)")
        #expect(!stderr.contains("SQLite error"), "\(stderr)")
        #expect(!stderr.contains("COMMIT"), "\(stderr)")
        #expect(try DatabaseQueue(path: cli.db).read { db in try Int.fetchOne(db, sql: "SELECT max(seq) FROM events") } == head)
        let verify = try cli.run("verify")
        #expect(verify.status == 0, "\(verify.stdout)\(verify.stderr)")

        let again = try cli.run("import", "measures", csv)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(try DatabaseQueue(path: cli.db).read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM measures") } ?? 0 > 5000)
    }

    @Test func anExportThatRunsOutOfRoomSaysSoAndLeavesNoPartialFile() throws {
        let cli = try CommandLineTool()
        let csv = cli.directory.appendingPathComponent("m.csv").path
        #expect(try cli.run("generate", "measures", "--events", "3000", "--seed", "28", "--output", csv).status == 0)
        #expect(try cli.run("import", "measures", csv).status == 0)
        let output = cli.directory.appendingPathComponent("out.csv").path
        // About 600 KB of CSV into room for 128 KiB: before this, FileHandle.write ended the process.
        let (status, stderr) = try Self.run(cli, ["export", "measures", "--output", output], limitKiB: 128)
        #expect(status == 74, "a file that cannot be written: \(stderr)")
        #expect(stderr.contains("Cannot write \(output): the file is larger than this process may write; the output is incomplete and was removed."), "\(stderr)")
        #expect(!FileManager.default.fileExists(atPath: output))
        #expect(!FileManager.default.fileExists(atPath: output + ".partial"))
        #expect(try cli.run("export", "measures", "--output", output).status == 0)
        #expect(FileManager.default.fileExists(atPath: output))
    }

    /// Runs the tool under a file-size limit of `limitKiB` (SIGXFSZ ignored); its status and standard error.
    static func run(_ cli: CommandLineTool, _ arguments: [String], limitKiB: Int) throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "trap '' XFSZ; ulimit -f \(limitKiB); exec \"$@\"", "bash", CommandLineTool.binary.path] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["CPSLEDGER_DB"] = cli.db
        environment["CPSLEDGER_ACTOR"] = "cli-test"
        process.environment = environment
        process.currentDirectoryURL = cli.directory
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, stderr)
    }
}
