import Foundation
import TransparencyLog

/// What a witness remembers, per log: the log's verifier key and the last checkpoint note it
/// accepted. Kept as a small JSON file, `{"logs":{"ORIGIN":{"key":VKEY,"checkpoint":NOTE}}}`, always
/// replaced whole (written to a temporary file beside it, then renamed over it), so a crash leaves
/// the old state or the new, never half of one.
struct WitnessState: Codable {
    struct Log: Codable {
        /// The log's verifier key (ORIGIN+KEYID+KEY).
        var key: String
        /// The last checkpoint note accepted; nil before the first.
        var checkpoint: String?
    }

    var logs: [String: Log] = [:]

    /// Reads the state file; an empty state when there is none yet.
    static func read(_ path: String) throws -> WitnessState {
        guard FileManager.default.fileExists(atPath: path) else { return WitnessState() }
        guard let data = FileManager.default.contents(atPath: path), let state = try? JSONDecoder().decode(WitnessState.self, from: data) else {
            throw CommandLineError(.fileError, "--state '\(path)': it is not a witness state file (JSON with \"logs\"); nothing was changed.")
        }
        return state
    }

    /// Replaces the state file: a temporary file beside it, then a rename over it.
    func write(to path: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        let temporary = path + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
        guard FileManager.default.createFile(atPath: temporary, contents: try encoder.encode(self) + Data("\n".utf8)) else {
            throw CommandLineError(.fileError, "--state '\(path)': the temporary file \(temporary) cannot be written; nothing was changed.")
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: temporary)
            throw CommandLineError(.fileError, "--state '\(path)': it cannot be replaced (\(reason)); nothing was changed.")
        }
    }
}
