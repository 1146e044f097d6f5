import Foundation
import GRDB
import Testing

/// Every command that writes, while another process holds the ledger's write lock (an import), says
/// the ledger is busy in one sentence, exits 1 and writes nothing.
@Suite struct BusyCommandTests {
    @Test func everyWritingCommandSaysTheLedgerIsBusyAndWritesNothing() throws {
        let cli = try CommandLineTool()
        func ok(_ arguments: String...) throws -> String {
            let run = try cli.run(arguments)
            #expect(run.status == 0, "\(arguments): \(run.stderr)")
            return run.stdout
        }
        let recorded = try ok(
            "measure", "record", "--state", "FRA", "--obligation", "art8.record-keeping", "--status", "implemented", "--effective", "2001-02-03",
            "--title", "EXAMPLE law (test data)", "--kind", "legislation", "--format", "json")
        let measure = try #require((try JSONSerialization.jsonObject(with: Data(recorded.utf8)) as? [String: Any])?["seq"] as? Int)
        _ = try ok("round", "open", "r1", "--due", "2099-12-31", "--obligations", "art8.record-keeping", "--states", "FRA")
        _ = try ok("token", "create", "--role", "editor", "--name", "EXAMPLE editor")
        let key = cli.directory.appendingPathComponent("signing.key").path
        _ = try ok("checkpoint", "key", "create", "--output", key)
        let csv = try cli.file("m.csv", "state,obligation,status,effective_date,title,kind,source,note,justification\nDEU,art8.record-keeping,implemented,2002-01-01,EXAMPLE (test data),,,,\n")
        let head = try DatabaseQueue(path: cli.db).read { db in try Int.fetchOne(db, sql: "SELECT max(seq) FROM events") }

        let writing: [[String]] = [
            ["measure", "record", "--state", "DEU", "--obligation", "art8.record-keeping", "--status", "implemented", "--effective", "2001-02-03", "--title", "EXAMPLE (test data)", "--kind", "legislation"],
            ["measure", "correct", "\(measure)", "--note", "EXAMPLE", "--reason", "EXAMPLE"],
            ["measure", "retract", "\(measure)", "--reason", "EXAMPLE"],
            ["measure", "record", "--round", "r1", "--state", "FRA", "--obligation", "art8.record-keeping", "--status", "partial", "--effective", "2001-02-03", "--title", "EXAMPLE draft (test data)", "--kind", "legislation"],
            ["assess", "--state", "FRA", "--obligation", "art8.record-keeping", "--rating", "largely_compliant", "--comment", "EXAMPLE", "--date", "2024-01-01"],
            ["treaties", "record", "--state", "FRA", "--treaty", "VI-19", "--action", "accession", "--date", "1990-12-31"],
            ["import", "measures", csv],
            ["round", "open", "r2", "--due", "2099-12-31", "--states", "FRA"],
            ["round", "submit", "r1", "--state", "FRA"],
            ["round", "accept", "r1", "--state", "FRA", "--all"],
            ["round", "return", "r1", "--state", "FRA", "--obligation", "art8.record-keeping", "--comment", "EXAMPLE"],
            ["round", "close", "r1"],
            ["round", "publish", "r1"],
            ["token", "create", "--role", "reviewer", "--name", "EXAMPLE reviewer"],
            ["token", "revoke", "1"],
            ["checkpoint", "sign", "--key", key],
        ]
        try DatabaseQueue(path: cli.db).inDatabase { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            defer { try? db.execute(sql: "ROLLBACK") }
            for arguments in writing {
                let run = try cli.run(arguments, environment: ["CPSLEDGER_BUSY_TIMEOUT": "0.2"])
                #expect(run.status == 75, "\(arguments): \(run.stderr)")
                #expect(
                    run.stderr.contains("The ledger is busy: another process (an import?) held its write lock for as long as this command waits; nothing was written."),
                    "\(arguments): \(run.stderr)")
            }
        }
        let after = try DatabaseQueue(path: cli.db).read { db in try Int.fetchOne(db, sql: "SELECT max(seq) FROM events") }
        #expect(after == head, "nothing was written")
    }
}
