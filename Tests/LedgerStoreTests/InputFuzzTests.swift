import Foundation
import LedgerModel
import LedgerStore
import LedgerTestSupport
import Testing

/// Seeded, reproducible fuzzing of every file importer (measure CSV, treaty-action CSV, UNTC text):
/// valid inputs mutated byte by byte and line by line, and random bytes. Whatever the input, the
/// importer does not trap, a rejection names its line and field, a rejected file writes nothing, and
/// the ledger stays sound (`verify`, and `verify` after `rebuild`).
@Suite struct InputFuzzTests {
    static let measures = """
        state,obligation,status,effective_date,title,kind,source,note,justification
        FRA,art8.record-keeping,implemented,1990-07-12,EXAMPLE law (placeholder),legislation,EXAMPLE source,"a note, quoted",
        DEU,art8.bank-secrecy,partial,2001-05-15,EXAMPLE act,legislation,,,covers banks only
        KEN,art7d.migrant-smuggling,not_applicable,2000-01-01,,,,,EXAMPLE justification
        BRA,art3.extradite-or-prosecute,planned,2030-06-01,EXAMPLE bill,legislation,EXAMPLE gazette,"two
        lines",

        """

    static let treatyActions = """
        state,treaty,action,date,note,source
        FRA,VI-15,signature,1961-03-30,,EXAMPLE source
        FRA,VI-15,ratification,1969-02-19,"EXAMPLE reservation, quoted",
        KEN,VI-19,accession,1992-10-19,,
        DEU,VI-19,signature,1989-11-19,EXAMPLE note,EXAMPLE source

        """

    /// The start of a shipped status table (CSV form) and a tab-separated copy with its header block.
    static let untcTables: [String] = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let shipped = (try? String(contentsOf: root.appendingPathComponent("Fixtures/untc/VI-19.csv"), encoding: .utf8)) ?? ""
        let head = shipped.split(separator: "\n", omittingEmptySubsequences: false).prefix(25).joined(separator: "\n")
        return [head, UNTCImportTests.tabbed]
    }()

    /// Checks what a rejection says: every listed line and field, or the header's line.
    func expectClear(_ error: LedgerError, _ label: String) {
        switch error {
        case .importRejected(_, let problems, _):
            #expect(!problems.isEmpty, "\(label)")
            for problem in problems {
                #expect(problem.line >= 1, "\(label): \(problem)")
                #expect(!problem.issues.isEmpty && problem.issues.allSatisfy { !$0.field.isEmpty && !$0.message.isEmpty }, "\(label): \(problem)")
            }
        case .badHeader, .repeatedColumns: #expect(error.description.contains("line 1 (header)"), "\(label)")
        case .invalid(let failure): #expect(!failure.issues.isEmpty, "\(label)")
        case .untcUnreadable(let file, let reason): #expect(!file.isEmpty && !reason.isEmpty, "\(label)")
        default: Issue.record("\(label): unexpected rejection \(error)")
        }
    }

    /// Runs `cases` mutated inputs through `importer`; returns how many were accepted.
    func fuzz(
        _ temp: TemporaryLedger, seed: UInt64, cases: Int, valid: [String], name: String, importer: (String) throws -> Void
    ) throws -> Int {
        var mutator = Mutator(seed: seed)
        var accepted = 0
        for number in 0..<cases {
            let bytes = number % 10 == 9 ? mutator.randomBytes() : mutator.mutate(Array(mutator.pick(valid).utf8))
            let url = temp.directory.appendingPathComponent(name)
            try Data(bytes).write(to: url)
            let before = try temp.ledger.headSeq()
            do {
                try importer(url.path)
                accepted += 1
            } catch let error as LedgerError {
                expectClear(error, "seed \(seed) case \(number)")
                #expect(try temp.ledger.headSeq() == before, "seed \(seed) case \(number): a rejected file wrote events")
            }
        }
        let report = try temp.ledger.verify()
        #expect(report.isSound, "\(report.problems)")
        _ = try temp.ledger.rebuild()
        #expect(try temp.ledger.verify().isSound)
        return accepted
    }

    @Test func mutatedMeasureFilesNeverTrapAndARejectedFileWritesNothing() throws {
        let temp = try TemporaryLedger()
        let accepted = try fuzz(temp, seed: 0x51_60_01, cases: 600, valid: [Self.measures], name: "measures.csv") { path in
            _ = try temp.ledger.importMeasures(path: path, actor: "fuzz")
        }
        // The mutations are not all fatal: some files still import, and what they wrote passed verify above.
        #expect(accepted > 0 && accepted < 600)
    }

    @Test func mutatedTreatyActionFilesNeverTrapAndARejectedFileWritesNothing() throws {
        let temp = try TemporaryLedger()
        let accepted = try fuzz(temp, seed: 0x51_60_02, cases: 600, valid: [Self.treatyActions], name: "actions.csv") { path in
            _ = try temp.ledger.importTreatyActions(path: path, actor: "fuzz")
        }
        #expect(accepted > 0 && accepted < 600)
    }

    @Test func mutatedUNTCTablesNeverTrapAndARejectedTableWritesNothing() throws {
        let temp = try TemporaryLedger()
        #expect(Self.untcTables[0].contains("Afghanistan"))
        let accepted = try fuzz(temp, seed: 0x51_60_03, cases: 400, valid: Self.untcTables, name: "table.txt") { path in
            _ = try temp.ledger.importUNTC(treaty: "VI-19", path: path, actor: "fuzz")
        }
        #expect(accepted > 0 && accepted < 400)
    }

    /// The parser alone, many more cases: it returns a table or a described error, never traps.
    @Test func theUNTCParserSurvivesThousandsOfMutatedTables() {
        var mutator = Mutator(seed: 0x51_60_04)
        var parsed = 0
        for number in 0..<3000 {
            let bytes = number % 10 == 9 ? mutator.randomBytes() : mutator.mutate(Array(mutator.pick(Self.untcTables).utf8))
            do throws(UNTCParseError) {
                let table = try UNTCTable.parse(String(decoding: bytes, as: UTF8.self))
                parsed += 1
                #expect(table.rows.allSatisfy { $0.line >= 1 && !$0.participant.isEmpty })
            } catch {
                #expect(!error.description.isEmpty)
            }
        }
        #expect(parsed > 0)
    }

    @Test func aNULInANoteOrSourceIsRefusedSoVerifyNeverBreaks() throws {
        let temp = try TemporaryLedger()
        let before = try temp.ledger.headSeq()
        let measures = try temp.file("nul.csv", "state,obligation,status,effective_date,title,kind,source,note\nFRA,art8.record-keeping,implemented,1990-07-12,EXAMPLE,legislation,,a\u{0}b\n")
        #expect {
            try temp.ledger.importMeasures(path: measures, actor: "t")
        } throws: { error in
            "\(error)".contains("line 2: field 'note' value 'a\\u{0000}b': contains a NUL character")
        }
        let actions = try temp.file("nul-actions.csv", "state,treaty,action,date,note,source\nFRA,VI-19,ratification,1990-12-31,,EXAMPLE\u{0}\n")
        #expect(throws: LedgerError.self) { try temp.ledger.importTreatyActions(path: actions, actor: "t") }
        #expect(throws: LedgerError.self) { try temp.ledger.importUNTC(treaty: "VI-19", path: try temp.file("t.txt", UNTCImportTests.tabbed), source: "x\u{0}y", actor: "t") }
        let id = try #require(try temp.ledger.recordMeasure(try temp.measure(), actor: "t").seq)
        #expect(throws: LedgerError.self) { try temp.ledger.correctMeasure(id, changes: ["note": "n\u{0}"], reason: nil, actor: "t") }
        #expect(throws: LedgerError.self) { try temp.ledger.correctMeasure(id, changes: ["note": "ok"], reason: "r\u{0}", actor: "t") }
        #expect(throws: LedgerError.self) { try temp.ledger.retractMeasure(id, reason: "r\u{0}", actor: "t") }
        #expect(throws: LedgerError.self) { try temp.ledger.recordMeasure(try temp.measure("DEU"), actor: "a\u{0}") }
        #expect(throws: LedgerError.self) {
            try temp.ledger.recordMeasure(try temp.measure("DEU"), evidence: [EvidenceFile(filename: "law\u{202E}fdp.exe", content: [1], documentDate: nil)], actor: "t")
        }
        #expect(throws: LedgerError.self) { try temp.ledger.createToken(name: "x\u{0}", role: .admin, state: nil) }
        #expect(try temp.ledger.headSeq() == before + 1)
        #expect(try temp.ledger.verify().isSound)
    }
}

extension InputFuzzTests {
    /// Found by the fuzz test above: a file holding only a UTF-8 byte-order mark trapped the CSV reader.
    @Test func aFileHoldingOnlyAByteOrderMarkIsAnEmptyFileNotATrap() throws {
        let temp = try TemporaryLedger()
        let path = temp.directory.appendingPathComponent("bom.csv")
        try Data([0xEF, 0xBB, 0xBF]).write(to: path)
        #expect(throws: LedgerError.self) { try temp.ledger.importMeasures(path: path.path, actor: "t") }
        #expect(throws: LedgerError.self) { try temp.ledger.importTreatyActions(path: path.path, actor: "t") }
    }
}

extension InputFuzzTests {
    /// Found by the parser fuzz test: a run of twenty digits where a year or a header date belongs
    /// overflowed an `Int` and trapped; it is now a described error.
    @Test func aLongRunOfDigitsInAUNTCDateIsAnErrorNotATrap() {
        for text in ["Participant,Signature,Ratification\nAfghanistan,20 Dec 99999999999999999999,\n",
                     "STATUS AS AT : 99999999999999999999-04-2024\nParticipant\tSignature\tRatification\nAfghanistan\t20 Dec 1988\t14 Feb 1992\n"] {
            #expect(throws: UNTCParseError.self) { try UNTCTable.parse(text) }
        }
    }
}
