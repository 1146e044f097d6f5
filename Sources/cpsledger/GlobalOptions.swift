import ArgumentParser

/// The options of ``LedgerOptions`` that may also come before the subcommand, as `git -C DIR` and
/// `sqlite3 FILE` have taught users: `cpsledger --db FILE init` is `cpsledger init --db FILE`.
///
/// argument-parser reads options only for the command that declares them, and the root command's
/// default subcommand (`report`) would take `--db FILE` and then refuse `init`. So the options that
/// come before the subcommand move to just after it, before parsing; what is left is parsed and
/// checked as usual (a subcommand without `--db` still says so).
enum GlobalOptions {
    /// The global options that take a value.
    static let names: Set<String> = ["--db", "--actor"]

    /// `arguments` with the global options found before the first subcommand moved to just after the
    /// subcommand path (`--db F import measures x.csv` → `import measures --db F x.csv`).
    static func hoisted(_ arguments: [String], root: any ParsableCommand.Type = CPSLedger.self) -> [String] {
        var leading: [String] = []
        var rest = arguments[...]
        while let first = rest.first {
            let name = first.split(separator: "=", maxSplits: 1).first.map(String.init) ?? first
            guard names.contains(name) else { break }
            let count = first.contains("=") ? 1 : min(2, rest.count)
            leading += rest.prefix(count)
            rest = rest.dropFirst(count)
        }
        guard !leading.isEmpty else { return arguments }
        var command = root
        var end = rest.startIndex
        while end < rest.endIndex,
            let subcommand = command.configuration.subcommands.first(where: { $0._commandName == rest[end] || $0.configuration.aliases.contains(rest[end]) })
        {
            command = subcommand
            end += 1
        }
        return Array(rest[..<end]) + leading + Array(rest[end...])
    }
}
