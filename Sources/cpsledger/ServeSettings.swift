import Foundation
import LedgerServer
import Logging

/// The settings of `cpsledger serve`, each from the first of: its flag, its environment variable
/// (`CPSLEDGER_` and the key in capitals, `-` as `_`), the configuration file of `--config`
/// (`key = value` lines), the default. A key or value that is not one is refused with the place it
/// was read from (the file and line, the variable or the flag), before anything is opened or started.
///
/// The file is read here rather than with swift-configuration: its file providers (JSON, YAML) keep
/// no line numbers, and a key they are not asked for is ignored, so a misspelt key would be silently
/// lost; an operator needs "cpsledger.conf, line 7: 'prot' is not a setting".
struct ServeSettings: Equatable, Sendable {
    var host = "127.0.0.1"
    var port = 8080
    var db = "cpsledger.sqlite"
    var signingKey: String?
    var checkpointEvery = 1
    var sessionHours = 8
    var logLevel = Logger.Level.info
    var trustedProxies = TrustedProxies.loopback

    /// Where a value was read: it names the value in a message.
    enum Source: Equatable, Sendable {
        case flag
        case environment(String)
        case file(path: String, line: Int)
    }

    /// A setting: its key in the file, what it takes (for the error's sentence), and how it is set.
    struct Key: Sendable {
        let name: String
        /// Read a value into the settings; the text after the value's name when it is not one
        /// ("is not a TCP port; use 1 to 65535 (0: any free port).").
        let apply: @Sendable (inout ServeSettings, String, Source) -> String?

        var environment: String { "CPSLEDGER_" + name.uppercased().replacingOccurrences(of: "-", with: "_") }
    }

    /// Every setting, in the order the documentation lists them.
    static let keys: [Key] = [
        Key(name: "host") { settings, value, _ in
            guard !value.isEmpty, !value.contains(where: \.isWhitespace) else { return "is not an address to listen on (e.g. 127.0.0.1, 0.0.0.0 or ::1)." }
            settings.host = value
            return nil
        },
        Key(name: "port") { settings, value, _ in
            guard let port = Int(value), (0...65535).contains(port) else { return "is not a TCP port; use 1 to 65535 (0: any free port)." }
            settings.port = port
            return nil
        },
        Key(name: "db") { settings, value, source in
            guard !value.isEmpty else { return "is empty; give the ledger file's path." }
            settings.db = resolved(value, source)
            return nil
        },
        Key(name: "signing-key") { settings, value, source in
            guard !value.isEmpty else { return "is empty; give the path of a key file from `cpsledger checkpoint key create`." }
            settings.signingKey = resolved(value, source)
            return nil
        },
        Key(name: "checkpoint-every") { settings, value, _ in
            guard let every = Int(value), every >= 1 else { return "must be a whole number of events, 1 or more." }
            settings.checkpointEvery = every
            return nil
        },
        Key(name: "session-hours") { settings, value, _ in
            guard let hours = Int(value), (1...168).contains(hours) else { return "is not a session lifetime; use a whole number of hours from 1 to 168." }
            settings.sessionHours = hours
            return nil
        },
        Key(name: "log-level") { settings, value, _ in
            guard let level = Logger.Level(rawValue: value.lowercased()) else {
                return "is not a log level; use one of " + Logger.Level.allCases.map(\.rawValue).joined(separator: ", ") + "."
            }
            settings.logLevel = level
            return nil
        },
        Key(name: "trusted-proxy") { settings, value, _ in
            guard let proxies = TrustedProxies(value) else {
                return "is not a list of proxy addresses; use IP addresses separated by commas (127.0.0.1, ::1), or none."
            }
            settings.trustedProxies = proxies
            return nil
        },
    ]

    /// A path read from a file is relative to the file's folder; elsewhere to the current folder.
    static func resolved(_ path: String, _ source: Source) -> String {
        guard case .file(let file, _) = source, !path.hasPrefix("/") else { return path }
        return URL(fileURLWithPath: file).deletingLastPathComponent().appendingPathComponent(path).path
    }

    /// The settings from the defaults, then `file` (when given), then `environment`, then `flags`
    /// (key to value, as the flag was given), each overriding the one before.
    static func resolve(flags: [String: String], environment: [String: String], file: String?) throws(Problem) -> ServeSettings {
        var settings = ServeSettings()
        if let file {
            for entry in try read(file) {
                try settings.set(entry.key, entry.value, from: .file(path: file, line: entry.line))
            }
        }
        for key in keys {
            if let value = environment[key.environment] { try settings.set(key.name, value, from: .environment(key.environment)) }
        }
        for key in keys {
            if let value = flags[key.name] { try settings.set(key.name, value, from: .flag) }
        }
        return settings
    }

    mutating func set(_ name: String, _ value: String, from source: Source) throws(Problem) {
        guard let key = Self.keys.first(where: { $0.name == name }) else {
            guard case .file(let path, let line) = source else { preconditionFailure("only a file names keys freely") }
            throw .unknownKey(path: path, line: line, key: name)
        }
        if let reason = key.apply(&self, value, source) { throw .badValue(source: source, key: name, value: value, reason: reason) }
    }

    /// One `key = value` line of a configuration file.
    struct Entry: Equatable {
        let key: String
        let value: String
        let line: Int
    }

    /// The entries of a configuration file: `key = value` lines; blank lines and lines starting with
    /// `#` are skipped; a value may be in double quotes (to keep a `#` or spaces at its ends).
    static func read(_ path: String) throws(Problem) -> [Entry] {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "it is not readable UTF-8 text" : "there is no such file"
            throw .unreadable(path: path, reason: reason)
        }
        var entries: [Entry] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let equals = line.firstIndex(of: "=") else { throw .notASetting(path: path, line: index + 1, text: line) }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                value = String(value.dropFirst().dropLast())
            } else if let comment = value.range(of: " #") {
                value = value[..<comment.lowerBound].trimmingCharacters(in: .whitespaces)
            }
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0 == "-" || $0 == "_" }) else {
                throw .notASetting(path: path, line: index + 1, text: line)
            }
            if let first = entries.first(where: { $0.key == key }) {
                throw .repeatedKey(path: path, line: index + 1, key: key, first: first.line)
            }
            entries.append(Entry(key: key, value: value, line: index + 1))
        }
        return entries
    }

    /// A configuration that cannot be used: nothing was opened or started.
    enum Problem: Error, Equatable, CustomStringConvertible {
        case unreadable(path: String, reason: String)
        case notASetting(path: String, line: Int, text: String)
        case unknownKey(path: String, line: Int, key: String)
        case repeatedKey(path: String, line: Int, key: String, first: Int)
        case badValue(source: Source, key: String, value: String, reason: String)

        var description: String {
            switch self {
            case .unreadable(let path, let reason):
                "The configuration file \(path) cannot be read: \(reason). Nothing was started."
            case .notASetting(let path, let line, let text):
                "\(path), line \(line): '\(text)' is not a setting; write `key = value` (a line starting with # is a comment). Nothing was started."
            case .unknownKey(let path, let line, let key):
                "\(path), line \(line): '\(key)' is not a setting of cpsledger serve; the settings are "
                    + ServeSettings.keys.map(\.name).joined(separator: ", ") + ". Nothing was started."
            case .repeatedKey(let path, let line, let key, let first):
                "\(path), line \(line): '\(key)' is set a second time (first on line \(first)); keep one. Nothing was started."
            case .badValue(let source, let key, let value, let reason):
                switch source {
                case .flag: "--\(key) \(value) \(reason)"
                case .environment(let name): "\(name)=\(value) (from the environment) \(reason) Nothing was started."
                case .file(let path, let line): "\(path), line \(line): \(key) = \(value) \(reason) Nothing was started."
                }
            }
        }
    }
}
