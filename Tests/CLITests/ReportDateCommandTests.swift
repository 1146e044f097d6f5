import Foundation
import Testing

/// The report commands on the shipped ledger (the one `cpsledger` creates on first use) and on an
/// empty one, on the dates of issue 8's crash and the ends of the served range: nothing traps; a date
/// the tool does not serve exits 1 with a message naming the option and the range.
@Suite struct ReportDateCommandTests {
    /// One shipped ledger for the suite (creating it imports the 15 status tables), only read.
    static let shipped = Result { try CommandLineTool(statusData: true) }

    /// The last day reports are served for (31 December, ten years from now, UTC) and the day after;
    /// the tool reads the same clock.
    static let lastServed: String = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return "\(calendar.component(.year, from: Date()) + 10)-12-31"
    }()
    static let firstRefused = "\(Int(lastServed.prefix(4))! + 1)-01-01"

    static let kinds: [[String]] = [
        ["summary"], ["state", "FRA"], ["obligation", "art8.record-keeping"], ["matrix"], ["changes", "--from", "1945-10-24"],
        ["treaties"], ["quality"],
    ]

    /// `changes` takes its later date as --to; the others --as-of.
    static func arguments(_ kind: [String], date: String, format: String) -> [String] {
        ["report"] + kind + [kind[0] == "changes" ? "--to" : "--as-of", date, "--format", format]
    }

    @Test func theIssuesExamplesRunOnTheShippedLedger() throws {
        let cli = try Self.shipped.get()
        let treaties = try cli.run("report", "treaties", "--as-of", "2000-12-31")
        #expect(treaties.status == 0, "\(treaties.stderr)")
        #expect(treaties.stdout.contains("2000-12-31"))
        let summary = try cli.run("report", "summary", "--as-of", "1999-12-31", "--format", "html")
        #expect(summary.status == 0, "\(summary.stderr)")
        #expect(summary.stdout.hasPrefix("<!DOCTYPE html>"))
    }

    @Test func everyKindAndFormatRunsOnTheShippedLedgerInTheServedRange() throws {
        let cli = try Self.shipped.get()
        for kind in Self.kinds {
            for format in ["text", "md", "csv", "json", "html"] {
                let result = try cli.run(Self.arguments(kind, date: "1999-12-31", format: format))
                #expect(result.status == 0, "\(kind) \(format): \(result.stderr)")
                #expect(!result.stdout.isEmpty, "\(kind) \(format)")
            }
            for date in ["1945-10-24", "1961-03-29", Self.lastServed] {
                let result = try cli.run(Self.arguments(kind, date: date, format: "html"))
                #expect(result.status == 0, "\(kind) \(date): \(result.stderr)")
            }
        }
    }

    @Test func aDateOutsideTheServedRangeIsAUsageMistakeThatSaysTheRange() throws {
        let cli = try Self.shipped.get()
        for kind in Self.kinds {
            let result = try cli.run(Self.arguments(kind, date: "9999-12-31", format: "json"))
            #expect(result.status == 64, "\(kind): \(result.stderr)")
            let option = kind[0] == "changes" ? "--to" : "--as-of"
            #expect(result.stderr.contains("Error: \(option) 9999-12-31 is outside the dates reports are served for: 1945-10-24 (the founding of the United Nations) to \(Self.lastServed) (the latest date a measure may take effect, 10 years ahead)."), "\(kind): \(result.stderr)")
            #expect(result.stdout.isEmpty)
        }
        for date in ["1900-01-01", "1945-10-23", Self.firstRefused, "2100-12-31"] {
            let result = try cli.run("report", "summary", "--as-of", date)
            #expect(result.status == 64, "\(date): \(result.stderr)")
            #expect(result.stderr.contains("--as-of \(date) is outside the dates reports are served for"))
        }
        let from = try cli.run("report", "changes", "--from", "1900-01-01", "--to", "2000-01-01")
        #expect(from.status == 64)
        #expect(from.stderr.contains("--from 1900-01-01 is outside"))
    }

    @Test func everyKindRunsOnAnEmptyLedgerAtTheEndsOfTheRange() throws {
        let cli = try CommandLineTool(statusData: false)
        for kind in Self.kinds {
            for (date, format) in [("1945-10-24", "html"), (Self.lastServed, "json")] {
                let result = try cli.run(Self.arguments(kind, date: date, format: format))
                #expect(result.status == 0, "\(kind) \(date): \(result.stderr)")
            }
        }
    }

    @Test func aNULOrAFutureAssessmentIsRefusedByTheCommandLineAndNothingIsWritten() throws {
        let cli = try CommandLineTool(statusData: false)
        let note = try cli.run(
            "measure", "record", "--state", "FRA", "--obligation", "art8.record-keeping", "--status", "implemented", "--effective", "1990-07-12",
            "--kind", "legislation", "--title", "EXAMPLE \u{202E}wal", "--note", "tab\tand escape \u{1B}[31m")
        #expect(note.status == 2)
        #expect(note.stderr.contains("--title: field 'title'"), "\(note.stderr)")
        #expect(note.stderr.contains("U+202E"))
        #expect(note.stderr.contains("--note: field 'note'"))
        let assess = try cli.run("assess", "--state", "FRA", "--obligation", "art8.record-keeping", "--rating", "compliant", "--date", "2999-01-01")
        #expect(assess.status == 2)
        #expect(assess.stderr.contains("field 'assessed_on' value '2999-01-01': is after today"), "\(assess.stderr)")
        let actor = try cli.run("measure", "record", "--actor", "me\u{1B}", "--state", "FRA", "--obligation", "art8.record-keeping", "--status", "no_measures", "--effective", "1990-07-12")
        #expect(actor.status == 2)
        #expect(actor.stderr.contains("field 'actor'"), "\(actor.stderr)")
        #expect((try cli.json("measure", "list", "--format", "json") as! [Any]).isEmpty)
        #expect(try cli.run("verify").status == 0)
    }
}
