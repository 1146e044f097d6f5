import ArgumentParser

/// `cpsledger version`: what `--version` prints, or the same as JSON for a bug report or a script.
struct VersionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "version",
        abstract: "Print the version, the commit, the schema version and the reference data's date.",
        discussion: """
            The same as `cpsledger --version`. The commit is known only for a build made by Scripts/release-binary.sh; any other build says it has none rather than guess. JSON carries version, commit (null when not recorded), schema, migrations, reference_data_date.
            """)

    @Option(help: "The output format.") var format: OutputFormat = .text

    func run() throws {
        switch format {
        case .text: print(BuildInfo.current.text)
        case .json: emit(try jsonText(BuildInfo.current))
        }
    }
}
