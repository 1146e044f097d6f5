import Foundation
import Testing

/// Reporting rounds from the command line: status past the deadline, drafts kept out of reports, publication, the data package.
@Suite struct RoundCommandTests {
    func draft(_ cli: CommandLineTool, _ state: String, _ obligation: String = "art8.record-keeping") throws {
        let result = try cli.run(
            "measure", "record", "--round", "r1", "--state", state, "--obligation", obligation, "--status", "implemented",
            "--effective", "2020-01-01", "--kind", "legislation", "--title", "EXAMPLE law of \(state) (test data)", "--source", "EXAMPLE journal")
        #expect(result.status == 0, "\(result.stderr)")
    }

    /// The cells the summary counts as reported, globally.
    func reported(_ cli: CommandLineTool, _ extra: String...) throws -> Int? {
        let run = try cli.run(["report", "summary", "--format", "json"] + extra)
        let object = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
        return (object?["global"] as? [String: Any])?["reported"] as? Int
    }

    @Test func pastTheDeadlineStatusListsTheStatesThatHaveNotSubmittedAndFailIfOverdueExits3() throws {
        let cli = try CommandLineTool()
        let opened = try cli.run("round", "open", "r1", "--due", "2020-01-31", "--obligations", "art8.record-keeping,art8.bank-secrecy", "--states", "FRA,KEN,DEU")
        #expect(opened.status == 0, "\(opened.stderr)")
        try draft(cli, "FRA")
        try draft(cli, "KEN")
        #expect(try cli.run("round", "submit", "r1", "--state", "FRA").status == 0)

        let text = try cli.run("round", "status", "r1")
        #expect(text.status == 0)
        #expect(text.stdout.contains("Overdue: DEU, KEN."), "\(text.stdout)")
        #expect(text.stdout.contains("past due"))
        let csv = try cli.run("round", "status", "r1", "--format", "csv")
        let lines = csv.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "round,state,due,not_started,drafted,submitted,returned,accepted,published,submitted_at,overdue,days_left")
        #expect(lines.filter { $0.contains(",true,") }.map { $0.split(separator: ",")[1] } == ["DEU", "KEN"])
        let json = try cli.run("round", "status", "r1", "--format", "json")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["overdue"] as? [String] == ["DEU", "KEN"])
        let failing = try cli.run("round", "status", "r1", "--fail-if-overdue")
        #expect(failing.status == 3)
    }

    @Test func draftsStayOutOfReportsUntilPublishedAndThePackageNamesTheRound() throws {
        let cli = try CommandLineTool()
        #expect(try cli.run("round", "open", "r1", "--due", "2099-12-31", "--article", "8", "--states", "FRA").status == 0)
        try draft(cli, "FRA")
        #expect(try reported(cli) == 0)
        let preview = try cli.run("report", "summary", "--format", "json", "--include", "unpublished")
        #expect(preview.stdout.contains("Unpublished answers included"))
        #expect(try reported(cli, "--include", "unpublished") == 1)
        #expect(try cli.run("round", "submit", "r1", "--state", "FRA").status == 0)
        #expect(try cli.run("round", "accept", "r1", "--state", "FRA", "--all").status == 0)
        let published = try cli.run("round", "publish", "r1")
        #expect(published.status == 0, "\(published.stderr)")
        #expect(try reported(cli) == 1)
        let after = try cli.run("report", "summary")
        #expect(after.stdout.contains("Published data: answers of reporting round r1"), "\(after.stdout)")
        #expect(try cli.run("verify").status == 0)

        let folder = cli.directory.appendingPathComponent("package").path
        let exported = try cli.run("export", "round", "r1", "--format", "datapackage", "--output", folder, "--license", "CC0-1.0")
        #expect(exported.status == 0, "\(exported.stderr)")
        let package = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/datapackage.json"))) as? [String: Any])
        #expect((package["licenses"] as? [[String: Any]])?.first?["name"] as? String == "CC0-1.0")
        #expect((package["resources"] as? [[String: Any]])?.compactMap { $0["path"] as? String } == ["measures.csv", "states.csv"])
        let measures = try String(contentsOfFile: folder + "/measures.csv", encoding: .utf8)
        #expect(measures.split(separator: "\n").count == 2)
        #expect(measures.contains("EXAMPLE law of FRA"))
        #expect(!measures.contains("\n\n"), "no blank row: frictionless refuses them")
        // A second export into the same folder is refused: an export never overwrites.
        let again = try cli.run("export", "round", "r1", "--format", "datapackage", "--output", folder, "--license", "CC0-1.0")
        #expect(again.status == 74)
        #expect(again.stderr.contains("not empty"))
    }

    /// `--article 7` is Article 7 itself (one obligation), `--article 7a` Article 7(a) (its obligation
    /// answered with measures), as in reports; an unknown Article is refused, naming the known ones.
    @Test func roundOpenArticleMeansWhatTheCatalogueMeans() throws {
        let cli = try CommandLineTool()
        #expect(try cli.run("round", "open", "r7", "--due", "2099-12-31", "--article", "7", "--states", "FRA").status == 0)
        #expect(try cli.run("round", "open", "r7a", "--due", "2099-12-31", "--article", "7a", "--states", "FRA").status == 0)
        let shown = try cli.json("round", "list", "--format", "json") as? [[String: Any]]
        #expect(shown?.map { $0["obligations"] as? [String] ?? [] } == [["art7.border-interdiction"], ["art7a.explosives-wmd-controls"]])
        let unknown = try cli.run("round", "open", "r12", "--due", "2099-12-31", "--article", "12")
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("'12' is not an Article of the catalogue; its Articles are 1, 2, 3"), "\(unknown.stderr)")
        let report = try cli.run("report", "summary", "--article", "7", "--format", "json")
        #expect(report.status == 0, "\(report.stderr)")
    }

    /// A drafted retraction shows its reason in `round show`, not a status and date it never had.
    @Test func roundShowPrintsARetractionWithoutInventedFields() throws {
        let cli = try CommandLineTool()
        let recorded = try cli.json(
            "measure", "record", "--state", "FRA", "--obligation", "art8.record-keeping", "--status", "partial", "--effective", "2004-03-01",
            "--title", "EXAMPLE act (test data)", "--kind", "legislation", "--format", "json") as? [String: Any]
        let seq = try #require(recorded?["seq"] as? Int)
        #expect(try cli.run("round", "open", "r1", "--due", "2099-12-31", "--article", "8", "--states", "FRA").status == 0)
        #expect(try cli.run("measure", "retract", "\(seq)", "--reason", "EXAMPLE repealed", "--round", "r1").status == 0)
        let text = try cli.run("round", "show", "r1", "--state", "FRA")
        #expect(text.stdout.contains("retract measure \(seq): EXAMPLE repealed"), "\(text.stdout)")
        #expect(!text.stdout.contains("no_measures"), "\(text.stdout)")
        let json = try cli.run("round", "show", "r1", "--format", "json")
        #expect(!json.stdout.contains("no_measures") && json.stdout.contains(#""measure_fields":null"#), "\(json.stdout)")
    }
}
