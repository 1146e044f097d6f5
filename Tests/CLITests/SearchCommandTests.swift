import Foundation
import Testing

/// `cpsledger search` on a real ledger file.
@Suite struct SearchCommandTests {
    let record = [
        "measure", "record", "--state", "FRA", "--obligation", "art8.record-keeping", "--status", "implemented",
        "--effective", "1990-07-12", "--kind", "legislation", "--title", "Example pangolin act (test data)", "--source", "Example gazette 12 (test data)",
    ]

    @Test func itPrintsEachHitWithItsPlaceAndTheWordsInContext() throws {
        let cli = try CommandLineTool()
        #expect(try cli.run(record).status == 0)
        let found = try cli.run("search", "pangolin", "gazette")
        #expect(found.status == 0, "\(found.stderr)")
        #expect(found.stdout.contains("measure 2 (FRA × art8.record-keeping, implemented since 1990-07-12): Example [pangolin] act (test data)"), "\(found.stdout)")
        #expect(found.stdout.contains("    Example [gazette] 12 (test data)"))
        #expect(found.stdout.contains("1 result for \"pangolin gazette\"."))

        let alias = try cli.run("search", "Swaziland")
        #expect(alias.stdout.contains("State SWZ: Eswatini") && alias.stdout.contains("[Swaziland]"), "\(alias.stdout)")

        let filtered = try cli.run("search", "pangolin", "--state", "DEU")
        #expect(filtered.status == 0)
        #expect(filtered.stdout.contains("No results for \"pangolin\"."))

        // Search syntax is read as words, never an error (NEAR is a word the title lacks).
        let hostile = try cli.run("search", "\"pangolin", "*", "-", "(act:", "NEAR(")
        #expect(hostile.status == 0, "\(hostile.stderr)")
        #expect(hostile.stdout.contains("No results for \"\"pangolin (act: NEAR(\"."), "\(hostile.stdout)")
        #expect(try cli.run("search", "\"pangolin", "*", "-", "(act:").stdout.contains("1 result"))
    }

    @Test func itPrintsJSONAndNamesABadFilter() throws {
        let cli = try CommandLineTool()
        #expect(try cli.run(record).status == 0)
        let json = try cli.json("search", "pangolin", "--format", "json", "--article", "8") as! [String: Any]
        let hits = try #require(json["hits"] as? [[String: Any]])
        #expect(hits.map { $0["key"] as? String } == ["2"])
        #expect((json["query"] as? [String: Any])?["article"] as? String == "8")

        let bad = try cli.run("search", "pangolin", "--status", "done")
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("status") && bad.stderr.contains("'done'"), "\(bad.stderr)")
    }
}
