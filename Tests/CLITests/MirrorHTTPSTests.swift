import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Testing

/// `mirror` over HTTPS (AsyncHTTPClient with NIOSSL since issue 23, in place of URLSession and libcurl):
/// it speaks TLS and checks the server's certificate against the system's trust roots, so a server
/// whose certificate nobody vouches for is refused with libcurl's words (as URLSession gave them), exit 69,
/// before any event is read.
@Suite struct MirrorHTTPSTests {
    static let openssl = ["/usr/bin/openssl", "/usr/local/bin/openssl"].first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Starts openssl with `arguments` in `directory`.
    static func openssl(_ arguments: [String], in directory: URL) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: openssl!)
        process.arguments = arguments
        process.currentDirectoryURL = directory
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        // A pipe left open: s_server ends when its standard input ends.
        process.standardInput = Pipe()
        try process.run()
        return process
    }

    /// Whether a TCP connection to `port` on 127.0.0.1 is accepted.
    static func accepts(port: Int) -> Bool {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socket >= 0 else { return false }
        defer { close(socket) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }

    @Test(.enabled(if: openssl != nil, "openssl is not installed, so no TLS server can be started"))
    func aServerWhoseCertificateNoTrustRootVouchesForIsRefused() async throws {
        let cli = try CommandLineTool()
        let made = try Self.openssl(
            ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "key.pem", "-out", "cert.pem", "-days", "1", "-subj", "/CN=127.0.0.1"],
            in: cli.directory)
        made.waitUntilExit()
        try #require(made.terminationStatus == 0, "openssl could not make a self-signed certificate")
        // A port of the range this suite's work was given; -www answers any request with a status page.
        let port = 18_117
        let server = try Self.openssl(["s_server", "-accept", String(port), "-cert", "cert.pem", "-key", "key.pem", "-www", "-quiet"], in: cli.directory)
        defer {
            // s_server does not end on SIGTERM.
            kill(server.processIdentifier, SIGKILL)
            server.waitUntilExit()
        }
        // Wait until it accepts connections (a fixed pause was too short on a busy machine), at most 20 s.
        var listening = false
        for _ in 0..<200 where server.isRunning && !listening {
            try await Task.sleep(for: .milliseconds(100))
            listening = Self.accepts(port: port)
        }
        try #require(listening, "openssl s_server did not start on port \(port)")
        let mirror = try cli.run("mirror", "https://127.0.0.1:\(port)")
        #expect(mirror.status == 69, "\(mirror.stderr)")
        #expect(mirror.stderr.contains("Cannot read https://127.0.0.1:\(port)/api/checkpoints/latest: SSL certificate problem"), "\(mirror.stderr)")
    }
}
