import ArgumentParser
import Foundation
import LedgerStore

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Export records to files.", subcommands: [Measures.self, RoundPackage.self])

    enum Format: String, ExpressibleByArgument, CaseIterable { case csv, json }

    struct Measures: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "measures",
            abstract: "Export the measures in force (CSV in the import format, or JSON).",
            discussion: """
                The CSV export imports back unchanged (import measures finds every row a duplicate).

                --evidence-dir writes each evidence file as SHA256-FILENAME; a file a measure names but \
                the ledger no longer holds stops the export (exit 1: the ledger is not sound) instead of \
                being skipped.
                """)

        @OptionGroup var ledger: LedgerFileOptions
        @Option(help: "csv or json.") var format: Format = .csv
        @Option(help: ArgumentHelp("Write here instead of standard output.", valueName: "file")) var output: String?
        @Option(help: ArgumentHelp("Also write the evidence files into this folder.", valueName: "dir")) var evidenceDir: String?

        func run() throws {
            let opened = try ledger.open()
            // Evidence first: a file the ledger lacks stops the export before anything is written.
            if let evidenceDir {
                let count = try opened.exportEvidence(to: evidenceDir)
                warn("Wrote \(count) evidence file\(count == 1 ? "" : "s") to \(evidenceDir).")
            }
            try withOutput(output) { write in
                switch format {
                case .csv: try opened.exportMeasuresCSV(write)
                case .json: try opened.exportMeasuresJSON(write)
                }
            }
        }
    }
}

extension Export {
    /// `export round NAME --format datapackage --output DIR`.
    struct RoundPackage: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "round",
            abstract: "Export the published record of a reporting round as a Frictionless Data Package.",
            discussion: """
                Writes datapackage.json (a Table Schema per CSV, the licence, the sources, each \
                publication and its signed checkpoint), measures.csv (the published measure events) and \
                states.csv (the round's status per State) into DIR, which must not exist or be empty. The \
                licence is yours to state.

                Example:
                  cpsledger export round 2026-review --format datapackage \\
                    --output round-2026 --license CC-BY-4.0
                  frictionless validate round-2026/datapackage.json
                """)

        enum Format: String, ExpressibleByArgument, CaseIterable { case datapackage }

        @OptionGroup var ledger: LedgerFileOptions
        @Argument(help: "The round's name.") var name: String
        @Option(help: "datapackage.") var format: Format = .datapackage
        @Option(help: ArgumentHelp("The folder to write (must not exist, or be empty).", valueName: "dir")) var output: String
        @Option(help: ArgumentHelp("The licence of the published data, an SPDX id such as CC-BY-4.0.", valueName: "id")) var license: String
        @Option(help: ArgumentHelp("The licence's title.", valueName: "text")) var licenseTitle: String?
        @Option(help: ArgumentHelp("The licence's URL.", valueName: "url")) var licensePath: String?

        func run() throws {
            let opened = try ledger.open()
            let files = try opened.exportRoundDataPackage(name, to: output, licence: DataPackageLicence(name: license, title: licenseTitle, path: licensePath))
            warn("Wrote \(files.joined(separator: ", ")) to \(output).")
        }
    }
}

/// Streams text to a file (written to a temporary name, then moved into place) or to standard output.
func withOutput(_ path: String?, _ body: ((String) throws -> Void) throws -> Void) throws {
    try withOutputBuffer(path) { buffer in try body(buffer.write) }
}

/// ``withOutput(_:_:)`` for writers of bytes (a workbook) as well as text.
func withOutputBuffer(_ path: String?, _ body: (OutputBuffer) throws -> Void) throws {
    let buffer = OutputBuffer(handle: .standardOutput, name: "standard output")
    guard let path else {
        try body(buffer)
        try buffer.flush()
        return
    }
    // `removeItem` below would delete a folder and everything in it: a folder is never an output file.
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
        throw CommandLineError(.fileError, "--output '\(path)' is a folder; give the path of a file to write (a new name, or a file inside that folder).")
    }
    let temporary = path + ".partial"
    guard FileManager.default.createFile(atPath: temporary, contents: nil), let handle = FileHandle(forWritingAtPath: temporary) else {
        throw CommandLineError(.fileError, "--output '\(path)': cannot create the file.")
    }
    let fileBuffer = OutputBuffer(handle: handle, name: path)
    do {
        try body(fileBuffer)
        try fileBuffer.flush()
        try handle.close()
        _ = try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.moveItem(atPath: temporary, toPath: path)
    } catch {
        try? FileManager.default.removeItem(atPath: temporary)
        throw error
    }
}

/// Collects small writes into 256 KiB blocks. A block the system refuses (a full disk, a file-size
/// limit) stops the command with a sentence naming the output, where `FileHandle.write(_:)` would
/// end the process on the spot.
final class OutputBuffer {
    let handle: FileHandle
    /// The output, for the sentence: its path, or "standard output".
    let name: String
    var bytes: [UInt8] = []

    init(handle: FileHandle, name: String) {
        self.handle = handle
        self.name = name
    }

    func write(_ text: String) throws {
        bytes.append(contentsOf: text.utf8)
        if bytes.count >= 1 << 18 { try flush() }
    }

    func write(bytes more: [UInt8]) throws {
        bytes.append(contentsOf: more)
        if bytes.count >= 1 << 18 { try flush() }
    }

    func flush() throws {
        do {
            try handle.write(contentsOf: bytes)
        } catch {
            let code = ((error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError)?.code ?? (error as NSError).code
            let reason = code == Int(ENOSPC) ? "the disk is full" : code == Int(EFBIG) ? "the file is larger than this process may write" : String(cString: strerror(Int32(code)))
            let left = name == "standard output" ? "the output is incomplete" : "the output is incomplete and was removed"
            throw CommandLineError(.fileError, "Cannot write \(name): \(reason); \(left). Free space (or lift the limit), then run the command again.")
        }
        bytes.removeAll(keepingCapacity: true)
    }
}
