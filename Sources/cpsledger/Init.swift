import ArgumentParser
import LedgerStore

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create the ledger with the obligation catalogue and the States (done on first use anyway).")

    @OptionGroup var ledger: LedgerOptions
    @Flag(help: "Create the ledger without the shipped treaty status tables (to load your own).") var withoutStatusData = false

    func run() throws {
        let existed = FileManager.default.fileExists(atPath: ledger.path)
        let opened = try Ledger.open(path: ledger.path, actor: ledger.actorName, withStatusData: !withoutStatusData)
        let events = try opened.headSeq()
        if existed && events > 1 {
            print("Ledger \(ledger.path) exists already: \(events) events.")
        } else {
            print("Ledger \(ledger.path) ready: \(opened.catalogue.obligations.count) obligations of \(opened.catalogue.instrument.id), \(opened.states.states.count) States and participants (\(opened.states.memberStates.count) UN Member States).")
        }
    }
}

import Foundation
