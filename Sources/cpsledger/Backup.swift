import ArgumentParser
import Foundation
import LedgerStore

struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the ledger with SQLite's online backup (safe while others write).")

    @OptionGroup var ledger: LedgerFileOptions
    @Argument(help: "Where to write the copy (must not exist).") var destination: String

    func run() throws {
        let opened = try ledger.open()
        try opened.backup(to: destination)
        print("Backed up \(ledger.path) to \(destination).")
    }
}
