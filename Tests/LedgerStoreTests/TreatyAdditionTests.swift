import Foundation
import GRDB
import LedgerFixtures
import LedgerModel
import LedgerStore
import LedgerTestSupport
import Testing

/// `treaties add`: a treaty the secretariat adds to the ledger's catalogue, recorded as an event,
/// then imported like a shipped one; provisional applications kept apart from consent.
@Suite struct TreatyAdditionTests {
    /// The raw fields of a treaty that does not exist: EXAMPLE values, no real treaty's facts.
    static let example: [String: String] = [
        "id": "example-convention-2020", "untc": "XVIII-99", "title": "EXAMPLE Convention (synthetic, for tests)",
        "adopted": "2020-12-01", "entry_into_force": "2022-06-01", "depositary": "Secretary-General of the United Nations",
        "source": "EXAMPLE source (synthetic)",
    ]

    /// A synthetic status table of the example treaty with a provisional-application column: EXAMPLE data.
    static let exampleTable = ExampleStatusTable.withProvisionalApplication

    static func add(_ ledger: Ledger, _ raw: [String: String] = example, obligations: [String] = ["art1.organized-crime"]) throws -> Int64 {
        let addition = try TreatyAddition.validate(raw, obligations: obligations, treaties: ledger.treaties, catalogue: ledger.catalogue)
        return try ledger.addTreaty(addition, actor: "test")
    }

    @Test func anAddedTreatyTakesAStatusTableWithProvisionalApplicationsKeptApart() throws {
        let temp = try TemporaryLedger()
        let before = try temp.ledger.headSeq()
        let seq = try Self.add(temp.ledger)
        #expect(seq == before + 1)
        let treaty = try #require(temp.ledger.treaties.treaty(idOrUNTC: "XVIII-99"))
        #expect(treaty.addedBy == seq && treaty.origin == .ledger)
        #expect(temp.ledger.treaties.treaty("untoc-2000")?.origin == .shipped)

        let summary = try temp.ledger.importUNTC(treaty: "XVIII-99", path: try temp.file("example.csv", Self.exampleTable), actor: "test")
        #expect(summary.recorded == 7)
        #expect(summary.recordedByKind == [.signature: 3, .ratification: 1, .accession: 1, .provisionalApplication: 2])
        // The header's count of parties is the rows' count: a provisional application makes no party.
        #expect(!summary.flags.contains { $0.contains("parties") }, "\(summary.flags)")
        let index = try temp.ledger.treatyStatus()
        let day = ISODate("2026-06-01")!
        let parties = index.participants(of: treaty.id).filter { index.status(of: $0, treaty: treaty.id, asOf: day)?.isParty == true }
        #expect(parties == ["ALB", "CHL"])
        #expect(index.status(of: "BRA", treaty: treaty.id, asOf: day) == .signatory(since: ISODate("2021-01-12")!))
        #expect(index.actions(of: "BRA", treaty: treaty.id).map(\.kind) == [.signature, .provisionalApplication])
        #expect(try temp.ledger.verify().isSound)

        // Opened again, the ledger still has the treaty; rebuilt, it is the same and sound.
        let reopened = try Ledger.open(path: temp.path, actor: "test")
        #expect(reopened.treaties.treaty("example-convention-2020")?.addedBy == seq)
        try reopened.rebuild()
        #expect(try reopened.verify().isSound)
        #expect(try reopened.treatyStatus().status(of: "ALB", treaty: treaty.id, asOf: day)?.isParty == true)
    }

    @Test func aReportKnownAtBeforeTheAdditionDoesNotShowTheTreaty() throws {
        let temp = try TemporaryLedger()
        // Events recorded in the same millisecond cannot be told apart by time: wait past the one of the creation.
        Thread.sleep(forTimeInterval: 0.01)
        let seq = try Self.add(temp.ledger)
        let recorded = try recordedAt(temp.path, seq: seq)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        let justBefore = try #require(KnownAt(formatter.string(from: formatter.date(from: recorded)!.addingTimeInterval(-0.002))))
        #expect(try temp.ledger.treatyStatus(knownAt: justBefore).catalogue.treaty("example-convention-2020") == nil)
        #expect(try temp.ledger.treatyStatus(knownAt: KnownAt(recorded)!).catalogue.treaty("example-convention-2020") != nil)
        #expect(try temp.ledger.treatyStatus().catalogue.treaty("example-convention-2020") != nil)
    }

    @Test func badInputIsRefusedNamingTheFieldAndTheValueAndNothingIsWritten() throws {
        let temp = try TemporaryLedger()
        let before = try temp.ledger.headSeq()
        let cases: [(field: String, value: String, raw: [String: String], obligations: [String])] = [
            ("id", "untoc-2000", Self.example.merging(["id": "untoc-2000"]) { $1 }, []),
            ("untc", "XVIII-12", Self.example.merging(["untc": "XVIII-12"]) { $1 }, []),
            ("adopted", "2020-02-30", Self.example.merging(["adopted": "2020-02-30"]) { $1 }, []),
            ("entry_into_force", "2019-01-01", Self.example.merging(["entry_into_force": "2019-01-01"]) { $1 }, []),
            ("obligation", "art99.nothing", Self.example, ["art99.nothing"]),
            ("id", "Example Convention", Self.example.merging(["id": "Example Convention"]) { $1 }, []),
        ]
        for item in cases {
            do {
                _ = try Self.add(temp.ledger, item.raw, obligations: item.obligations)
                Issue.record("\(item.field) \(item.value) was accepted")
            } catch let failure as ValidationFailure {
                let issue = try #require(failure.issues.first)
                #expect(issue.field == item.field && issue.value == item.value, "\(failure)")
                #expect(failure.description.contains("'\(item.value)'"), "\(failure)")
            }
        }
        // The same id added by another process after this one validated: refused in the transaction.
        let addition = try TreatyAddition.validate(Self.example, obligations: [], treaties: temp.ledger.treaties, catalogue: temp.ledger.catalogue)
        let other = try Ledger.open(path: temp.path, actor: "other")
        _ = try other.addTreaty(addition, actor: "other")
        let head = try temp.ledger.headSeq()
        #expect(head == before + 1)
        #expect(throws: LedgerError.self) { try temp.ledger.addTreaty(addition, actor: "test") }
        #expect(try temp.ledger.headSeq() == head)
        // This ledger reads the other's addition with its next status read.
        _ = try temp.ledger.treatyStatus()
        #expect(temp.ledger.treaties.treaty("example-convention-2020") != nil)
    }

    @Test func aFileForATreatyTheLedgerDoesNotKnowNamesItAndSaysHowToAddIt() throws {
        let temp = try TemporaryLedger()
        let xml = try #require(LedgerFixtures.statusFiles["untc-xml-2018/XVIII-5.en.xml"])
        let text = try #require(String(data: xml, encoding: .isoLatin1))
        let other = text.replacingOccurrences(of: "<Numsect>5</Numsect>", with: "<Numsect>99</Numsect>")
        let path = temp.directory.appendingPathComponent("XVIII-99.en.xml").path
        try Data(other.utf8).write(to: URL(fileURLWithPath: path))
        let before = try temp.ledger.headSeq()
        do {
            _ = try temp.ledger.importUNTC(treaty: nil, path: path, asAt: ISODate("2018-01-15"), actor: "test")
            Issue.record("a file for an unknown treaty was imported")
        } catch {
            let text = String(describing: error)
            #expect(text.contains("UNTC XVIII-99 (International Convention Against the Taking of Hostages)"), "\(text)")
            #expect(text.contains("cpsledger treaties add --id NEW-ID --untc XVIII-99 --title \"International Convention Against the Taking of Hostages\" --adopted 1979-12-17"), "\(text)")
        }
        // Asked by a reference the ledger lacks, a pasted table is named the same way, before its cells.
        do {
            _ = try temp.ledger.importUNTC(treaty: "XVIII-99", path: try temp.file("t.csv", Self.exampleTable), actor: "test")
            Issue.record("an unknown treaty was accepted")
        } catch {
            #expect(String(describing: error).contains("cpsledger treaties add --id NEW-ID --untc XVIII-99"), "\(error)")
        }
        #expect(try temp.ledger.headSeq() == before)
    }

    @Test func verifyNamesAnAddedTreatyEditedOrUnmarkedBehindTheLedgersBack() throws {
        let temp = try TemporaryLedger()
        let seq = try Self.add(temp.ledger)
        #expect(try temp.ledger.verify().isSound)
        let queue = try DatabaseQueue(path: temp.path)
        try queue.write { db in try db.execute(sql: "UPDATE treaties SET adopted = '2019-01-01' WHERE id = 'example-convention-2020'") }
        let edited = try temp.ledger.verify()
        #expect(edited.problems.contains { $0.contains("row of example-convention-2020 differs from event \(seq)") }, "\(edited.problems)")
        try queue.write { db in
            try db.execute(sql: "UPDATE treaties SET adopted = '2020-12-01' WHERE id = 'example-convention-2020'")
            try db.execute(sql: "DELETE FROM treaty_additions")
        }
        let unmarked = try temp.ledger.verify()
        #expect(!unmarked.isSound)
        #expect(unmarked.problems.contains { $0.contains("records a treaty addition that the treaty_additions projection lacks") }, "\(unmarked.problems)")
        #expect(unmarked.problems.contains { $0.contains("The treaties table differs from the digest") }, "\(unmarked.problems)")
    }

    // MARK: Never a partial write

    /// Every shipped status file with an impossible date in its first row's last date: refused, and
    /// the ledger's events are those before the import.
    @Test func aRefusedStatusFileWritesNothing() throws {
        let temp = try TemporaryLedger()
        let treaties = temp.ledger.treaties
        var refused = 0
        for (file, data) in LedgerFixtures.statusFiles.sorted(by: { $0.key < $1.key }) {
            let treaty = try #require(treaties.treaties.first { $0.statusTables.contains { $0.file == file } })
            var text = String(data: data, encoding: file.hasSuffix(".xml") ? .isoLatin1 : .utf8)!
            if file.hasSuffix(".xml") { text = text.replacingOccurrences(of: "encoding=\"iso-8859-1\"", with: "encoding=\"utf-8\"") }
            // The last date of the table's first participant, whatever the form.
            let pattern = file.hasPrefix("unoda/") ? #"\d{4}-\d{2}-\d{2}\r?\n"# : #"\d{1,2}\s+[A-Z][a-z]{2}\s+\d{4}"#
            let start = file.hasSuffix(".html") ? text.range(of: "</tr>")!.upperBound : (text.range(of: "<Tbody>")?.upperBound ?? text.range(of: "\n")!.upperBound)
            guard let rowEnd = text.range(of: file.hasSuffix(".html") ? "</tr>" : file.hasSuffix(".xml") ? "</Row>" : "\n", range: start..<text.endIndex),
                let cell = text.range(of: pattern, options: [.regularExpression, .backwards], range: start..<text.index(rowEnd.upperBound, offsetBy: 0))
            else { continue }  // a header-only XML file has no cell
            text.replaceSubrange(cell, with: file.hasPrefix("unoda/") ? "31 Feb 2001\n" : "31 Feb 2001")
            let path = temp.directory.appendingPathComponent((file as NSString).lastPathComponent).path
            try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            let before = try temp.ledger.headSeq()
            #expect(throws: LedgerError.self, "\(file)") {
                try temp.ledger.importUNTC(treaty: treaty.id, path: path, asAt: ISODate("2018-01-15"), actor: "test")
            }
            do {
                _ = try temp.ledger.importUNTC(treaty: treaty.id, path: path, asAt: ISODate("2018-01-15"), actor: "test")
            } catch {
                #expect(String(describing: error).contains("31 Feb 2001"), "\(file): \(error)")
            }
            #expect(try temp.ledger.headSeq() == before, "\(file): a refused file wrote events")
            refused += 1
        }
        #expect(refused >= 25)
    }
}

/// The `recorded_at` of event `seq`, read from the file.
private func recordedAt(_ path: String, seq: Int64) throws -> String {
    try DatabaseQueue(path: path).read { db in try String.fetchOne(db, sql: "SELECT recorded_at FROM events WHERE seq = ?", arguments: [seq])! }
}
