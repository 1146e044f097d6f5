import ArgumentParser
import Foundation
import LedgerStore

struct Rebuild: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "rebuild", abstract: "Recompute every projection from the events.")

    @OptionGroup var ledger: LedgerFileOptions

    func run() throws {
        let opened = try ledger.open(forReading: false)
        let count = try opened.rebuild()
        print("Rebuilt the projections from \(count) events.")
    }
}
