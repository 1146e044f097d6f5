import ArgumentParser
import Foundation
import LedgerStore

struct Verify: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the hash chain, the evidence files and the projections; exit 1 naming the first bad event.")

    @OptionGroup var ledger: LedgerOptions

    func run() throws {
        let opened = try guarded { try ledger.open() }
        let report = try opened.verify()
        if report.isSound {
            print("Ledger sound: \(report.eventsChecked) events chained and hashed, \(report.evidenceChecked) evidence files checked, projections match the events.")
        } else {
            warn("Ledger NOT sound: first bad event \(report.firstBadSeq.map(String.init) ?? "?").")
            for problem in report.problems { warn("- " + problem) }
            throw ExitCode(1)
        }
    }
}
