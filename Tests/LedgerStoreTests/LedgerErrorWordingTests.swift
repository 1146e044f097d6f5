import Foundation
import LedgerModel
import LedgerStore
import LedgerTestSupport
import Testing

/// The store's errors are data with a plain sentence: they speak of the ledger, never of a command
/// line or of HTTP, since both the CLI and the server show them.
@Suite struct LedgerErrorWordingTests {
    static let everyCase: [LedgerError] = [
        .invalid(ValidationFailure(issues: [FieldIssue(field: "state", value: "FRANCE", message: "is not a known ISO 3166-1 alpha-3 code", suggestions: ["FRA"])])),
        .importRejected(file: "m.csv", problems: [LineIssue(line: 2, issues: [])], truncated: false),
        .badHeader(file: "m.csv", missing: ["state"], unknown: [], expected: ["state"]),
        .repeatedColumns(file: "m.csv", columns: ["state"]),
        .unreadableFile(path: "m.csv", reason: "no such file"),
        .unknownMeasure(seq: 99),
        .alreadyRetracted(measure: 4, retraction: 5),
        .duplicateMeasure(existing: 4),
        .missingReason("retraction"),
        .notALedger(path: "''", reason: "the path is empty"),
        .destinationExists(path: "b.sqlite"),
        .unknownToken(id: 42),
        .untcUnreadable(file: "t.csv", reason: "It has no table."),
        .outsideState(measure: 4, state: "DEU", allowed: "FRA"),
        .keyFileExists(path: "k.key"),
        .missingEvidence(sha256: "ab", filename: "law.pdf", measure: 4),
        .busy(path: "l.sqlite", retryAfter: 5),
        .newerLedger(path: "l.sqlite", migrations: ["v9999_future"]),
        .unwritable(path: "out", reason: "it is a folder"),
        .badStoredValue(table: "measures", key: "id 2", column: "status", value: "mostly_done", expected: "an implementation status"),
        .orphanRow(table: "measures", key: "id 7"),
        .diskFull(path: "l.sqlite"),
        .readOnlyStorage(path: "l.sqlite"),
        .storageFailed(path: "l.sqlite", detail: "disk I/O error"),
        .clockBehind(clock: "2025-01-01T00:00:00.000Z", headSeq: 4590, headTime: "2026-12-06T18:31:00.000Z"),
        .clockAhead(clock: "2031-01-01T00:00:00.000Z", counted: "2026-12-06T18:31:00.000Z"),
        .round(.unknownRound("2026-review")),
        .round(.roundExists("2026-review", seq: 9)),
        .round(.roundClosed("2026-review", seq: 9)),
        .round(.notAsked(round: "2026-review", state: "DEU", obligation: "art8.record-keeping")),
        .round(.notAsked(round: "2026-review", state: "DEU", obligation: nil)),
        .round(.emptyRound("2026-review")),
        .round(.measureAlreadyDrafted(round: "2026-review", measure: 4, draft: 12)),
        .round(.draftNotLive(round: "2026-review", draft: 12, status: .superseded)),
        .round(.nothingToCorrect(round: "2026-review", draft: 12)),
        .round(.nothingToSubmit(round: "2026-review", state: "FRA")),
        .round(.notSubmitted(round: "2026-review", state: "FRA", obligation: "art8.record-keeping", status: .draft)),
        .round(.nothingToPublish("2026-review")),
        .round(.publishConflict(round: "2026-review", draft: 12, reason: "measure 4 was corrected since the draft")),
    ]

    @Test(arguments: everyCase)
    func aDescriptionNamesNoFlagCommandOrHTTP(_ error: LedgerError) {
        let text = error.description
        #expect(!text.contains(" --"), "\(text)")
        #expect(!text.contains("`"), "\(text)")
        #expect(!text.contains("HTTP"), "\(text)")
    }

    @Test func aStoreErrorKeepsItsFieldsForEachEdgeToWord() throws {
        let temporary = try TemporaryLedger()
        #expect {
            try temporary.ledger.retractMeasure(99, reason: "test", actor: "test")
        } throws: { error in
            guard case .unknownMeasure(let seq) = error as? LedgerError else { return false }
            return seq == 99 && (error as! LedgerError).description == "No measure has sequence number 99."
        }
        #expect {
            try temporary.ledger.retractMeasure(99, reason: "", actor: "test")
        } throws: { error in
            guard case .missingReason(let what) = error as? LedgerError else { return false }
            return what == "retraction" && (error as! LedgerError).description == "A retraction needs a reason; nothing was written."
        }
    }
}
