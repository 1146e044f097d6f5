import Foundation
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `cpsledger serve --config FILE` and the CPSLEDGER_* variables: real files, the real binary.
@Suite struct ServeConfigurationTests {
    /// Writes `text` as a configuration file in the tool's folder; returns its path.
    func configFile(_ cli: CommandLineTool, _ text: String, name: String = "cpsledger.conf") throws -> String {
        let path = cli.directory.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// GET `path` on `port`: the status and body, or nil when nothing answers.
    func get(_ port: Int, _ path: String) async -> (Int, String)? {
        guard let url = URL(string: "http://127.0.0.1:\(port)\(path)"),
            let (data, response) = try? await URLSession.shared.data(from: url)
        else { return nil }
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    /// Starts `serve` and waits until it listens; the process, and its standard error so far.
    func serve(_ cli: CommandLineTool, _ arguments: [String], environment: [String: String]) throws -> (Process, URL) {
        let (server, _, errors) = try cli.start(["serve"] + arguments, environment: environment)
        for _ in 0..<300 {
            if String(decoding: (try? Data(contentsOf: errors)) ?? Data(), as: UTF8.self).contains("listening on") || !server.isRunning { break }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return (server, errors)
    }

    @Test func theFileSetsTheServerAndTheEnvironmentThenTheFlagsOverrideIt() async throws {
        let cli = try CommandLineTool()
        // Three different ports of a range no other test uses.
        let first = Int.random(in: 18_410...18_490)
        let ports = [first, first + 3, first + 6]
        // The ledger named relative to the file's folder; CPSLEDGER_DB empty counts as unset.
        let file = try configFile(cli, """
            # cpsledger serve settings (test)
            port = \(ports[0])
            db = "ledger.sqlite"   
            session-hours = 2  # a short day
            log-level = warning
            trusted-proxy = 127.0.0.1, ::1

            """)
        let (fromFile, errors) = try serve(cli, ["--config", file], environment: ["CPSLEDGER_DB": ""])
        defer { fromFile.terminate(); fromFile.waitUntilExit() }
        let signIn = await get(ports[0], "/sign-in")
        #expect(signIn?.0 == 200, "\(String(decoding: (try? Data(contentsOf: errors)) ?? Data(), as: UTF8.self))")
        #expect(signIn?.1.contains("The session lasts 2 hours") == true, "the file's session-hours")
        #expect(await get(ports[0], "/api/health")?.1.contains(#""events":"#) == true)
        fromFile.terminate()
        fromFile.waitUntilExit()

        // The environment beats the file; a flag beats both.
        let (fromEnvironment, _) = try serve(cli, ["--config", file], environment: ["CPSLEDGER_DB": "", "CPSLEDGER_PORT": String(ports[1]), "CPSLEDGER_SESSION_HOURS": "3"])
        defer { fromEnvironment.terminate(); fromEnvironment.waitUntilExit() }
        #expect(await get(ports[1], "/sign-in")?.1.contains("The session lasts 3 hours") == true)
        #expect(await get(ports[0], "/api/health") == nil, "the file's port is not used")
        fromEnvironment.terminate()
        fromEnvironment.waitUntilExit()

        let (fromFlag, _) = try serve(
            cli, ["--config", file, "--port", String(ports[2]), "--session-hours", "4"], environment: ["CPSLEDGER_DB": "", "CPSLEDGER_PORT": String(ports[1])])
        defer { fromFlag.terminate(); fromFlag.waitUntilExit() }
        #expect(await get(ports[2], "/sign-in")?.1.contains("The session lasts 4 hours") == true)
        #expect(await get(ports[1], "/api/health") == nil, "the environment's port is not used")
    }

    @Test func aBadKeyOrValueIsNamedWithItsFileAndLineAndNothingStarts() throws {
        let cli = try CommandLineTool(statusData: nil)
        let cases: [(text: String, says: String)] = [
            ("port = 8080\n\nprot = 8081\n", ", line 3: 'prot' is not a setting of cpsledger serve; the settings are host, port, db,"),
            ("# ports\nport = eighty\n", ", line 2: port = eighty is not a TCP port; use 1 to 65535 (0: any free port)."),
            ("log-level = loud\n", ", line 1: log-level = loud is not a log level; use one of trace, debug, info, notice, warning, error, critical."),
            ("trusted-proxy = proxy.example.org\n", ", line 1: trusted-proxy = proxy.example.org is not a list of proxy addresses"),
            ("session-hours = 0\n", ", line 1: session-hours = 0 is not a session lifetime; use a whole number of hours from 1 to 168."),
            ("checkpoint-every = -3\n", ", line 1: checkpoint-every = -3 must be a whole number of events, 1 or more."),
            ("port 8080\n", ", line 1: 'port 8080' is not a setting; write `key = value`"),
            ("port = 1\nport = 2\n", ", line 2: 'port' is set a second time (first on line 1); keep one."),
        ]
        for (index, entry) in cases.enumerated() {
            let file = try configFile(cli, "db = never.sqlite\n" + entry.text, name: "bad-\(index).conf")
            let run = try cli.run(["serve", "--config", file], environment: ["CPSLEDGER_DB": ""])
            #expect(run.status == 64, "\(entry.text): \(run.stderr)")
            // The file's line numbers count the db line written first.
            let says = entry.says.replacingOccurrences(of: #"line (\d)"#, with: "line ?", options: .regularExpression)
            let stderr = run.stderr.replacingOccurrences(of: #"line (\d)"#, with: "line ?", options: .regularExpression)
            #expect(stderr.contains(file + says), "\(run.stderr)")
            #expect(run.stderr.contains("Nothing was started."))
            #expect(!run.stderr.contains("listening"))
        }
        #expect(!FileManager.default.fileExists(atPath: cli.directory.appendingPathComponent("never.sqlite").path), "no ledger was created")
        // The exact line, once: the key is on line 3 of this file.
        let file = try configFile(cli, "port = 8080\n# next: a typo\nprot = 8081\n", name: "typo.conf")
        #expect(try cli.run(["serve", "--config", file]).stderr.contains("\(file), line 3: 'prot' is not a setting"))

        let variable = try cli.run(["serve"], environment: ["CPSLEDGER_LOG_LEVEL": "loud"])
        #expect(variable.status == 64)
        #expect(variable.stderr.contains("CPSLEDGER_LOG_LEVEL=loud (from the environment) is not a log level"), "\(variable.stderr)")
        let missing = try cli.run(["serve", "--config", cli.directory.appendingPathComponent("none.conf").path])
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("none.conf cannot be read: there is no such file."), "\(missing.stderr)")
        let flag = try cli.run(["serve", "--trusted-proxy", "everyone"])
        #expect(flag.status == 64)
        #expect(flag.stderr.contains("--trusted-proxy everyone is not a list of proxy addresses"), "\(flag.stderr)")
    }
}
