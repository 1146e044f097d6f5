// swift-tools-version: 6.1
import Foundation
import PackageDescription

/// The commit a release build records for `cpsledger --version`: Scripts/release-binary.sh sets
/// CPSLEDGER_COMMIT from `git describe --always --dirty`. Any other build (from a tarball, or a plain
/// `swift build`) records none, and the binary says so rather than guess.
let releaseCommit = ProcessInfo.processInfo.environment["CPSLEDGER_COMMIT"].flatMap { commit in
    !commit.isEmpty && commit.count <= 64 && commit.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }) ? commit : nil
}

let package = Package(
    name: "cpsledger",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "cpsledger", targets: ["cpsledger"]),
        .library(name: "LedgerModel", targets: ["LedgerModel"]),
        .library(name: "LedgerStore", targets: ["LedgerStore"]),
        .library(name: "LedgerReports", targets: ["LedgerReports"]),
        .library(name: "LedgerServer", targets: ["LedgerServer"]),
        .library(name: "TransparencyLog", targets: ["TransparencyLog"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto", from: "4.5.2"),
        // The HTTP server of `cpsledger serve` (JSON API and dashboard), and its test client.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        // Already resolved for Hummingbird: its thread pool runs the server's report renders (LedgerServer/HeavyWork.swift).
        .package(url: "https://github.com/apple/swift-nio", from: "2.65.0"),
        // Browser sessions of the round pages (session middleware over Hummingbird's memory store).
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        // Reads the ZIP container of an XLSX workbook (`import ocindex`); the sheets' XML is read with XMLPullReader (LedgerModel).
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        // Already resolved for Hummingbird: the server's request log lines and its graceful shutdown on SIGTERM.
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        // GET /metrics in the Prometheus text format (its own registry, no global metrics backend).
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // The HTTP(S) client of `mirror` and `witness cosign`, over the NIO the server links (NIOSSL for TLS),
        // instead of URLSession, whose libcurl and its libraries every command loaded at start (issue 23).
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        // Pure domain types, catalogue rules and scoring: no I/O.
        .target(name: "LedgerModel"),
        // The SQL migrations of Schema/, embedded in the binary.
        .target(
            name: "LedgerSchema",
            path: "Schema",
            exclude: ["README.md"],
            resources: [.embedInCode("v0001_ledger.sql"), .embedInCode("v0002_treaties.sql"), .embedInCode("v0003_views.sql"), .embedInCode("v0004_tokens.sql"),
                .embedInCode("v0005_trust.sql"), .embedInCode("v0006_treaty_table_forms.sql"),
                .embedInCode("v0007_external_assessments.sql"), .embedInCode("v0008_measure_changes.sql"),
                .embedInCode("v0010_rounds.sql"),
                .embedInCode("v0011_compact.sql"),
                .embedInCode("v0012_search.sql"),
                .embedInCode("v0013_state_changes.sql"),
                .embedInCode("v0014_treaty_additions.sql"),
                .embedInCode("v0015_outside_scores.sql"),
                .embedInCode("v0016_log_subtrees.sql"),
            ]
        ),
        // The reference data of Fixtures/, embedded in the binary.
        .target(
            name: "LedgerFixtures",
            path: "Fixtures",
            exclude: ["SOURCES.md"],
            resources: [
                .embedInCode("catalogue.json"),
                .embedInCode("states.json"),
                .embedInCode("treaties.json"),
                .embedInCode("state-changes.json"),
                .embedInCode("state-names.json"),
                .embedInCode("crosswalks/fatf.json"),
                .embedInCode("crosswalks/fatf-jurisdictions.json"),
                .embedInCode("crosswalks/ocindex.json"),
                .embedInCode("untc/VI-15.csv"),
                .embedInCode("untc/VI-16.csv"),
                .embedInCode("untc/VI-17.csv"),
                .embedInCode("untc/VI-18.csv"),
                .embedInCode("untc/VI-19.csv"),
                .embedInCode("untc/XVIII-5.csv"),
                .embedInCode("untc/XVIII-7.csv"),
                .embedInCode("untc/XVIII-9.csv"),
                .embedInCode("untc/XVIII-11.csv"),
                .embedInCode("untc/XVIII-12.csv"),
                .embedInCode("untc/XVIII-12-a.csv"),
                .embedInCode("untc/XVIII-12-b.csv"),
                .embedInCode("untc/XVIII-12-c.csv"),
                .embedInCode("untc/XVIII-14.csv"),
                .embedInCode("untc/XVIII-15.csv"),
                .embedInCode("untc-xml-2018/VI-15.en.xml"),
                .embedInCode("untc-xml-2018/VI-16.en.xml"),
                .embedInCode("untc-xml-2018/VI-17.en.xml"),
                .embedInCode("untc-xml-2018/VI-18.en.xml"),
                .embedInCode("untc-xml-2018/VI-19.en.xml"),
                .embedInCode("untc-xml-2018/XVIII-5.en.xml"),
                .embedInCode("untc-xml-2018/XVIII-7.en.xml"),
                .embedInCode("untc-xml-2018/XVIII-9.en.xml"),
                .embedInCode("untc-xml-2018/XVIII-11.en.xml"),
                .embedInCode("untc-xml-2018/XVIII-12.en.xml"),
                .embedInCode("untc-xml-2018/XVIII-12-a.en.xml"),
                .embedInCode("untc-xml-2018/XVIII-12-b.en.xml"),
                .embedInCode("untc-xml-2018/XVIII-12-c.en.xml"),
                .embedInCode("untc-xml-2018/XVIII-14.en.xml"),
                .embedInCode("untc-xml-2018/XVIII-15.en.xml"),
                .embedInCode("untc-html-2026/XXVI-3-status-page.html"),
                .embedInCode("unoda/npt.csv"),
                .embedInCode("unoda/bwc.csv"),
            ]
        ),
        // The string catalogues of Localization/ (one JSON file per UN official language), embedded in the binary.
        .target(
            name: "LedgerStrings",
            path: "Localization",
            exclude: ["README.md"],
            resources: [
                .embedInCode("ar.json"), .embedInCode("en.json"), .embedInCode("es.json"), .embedInCode("fr.json"),
                .embedInCode("ru.json"), .embedInCode("zh.json"),
            ]
        ),
        // The machine-readable contracts of Contracts/: the OpenAPI document served at
        // /api/openapi.json, embedded in the binary (the JSON and Table Schemas are checked by CI).
        .target(
            name: "LedgerContracts",
            path: "Contracts",
            exclude: ["README.md", "json", "table"],
            resources: [.embedInCode("openapi.json")]
        ),
        // The RFC 6962 Merkle tree over the events and the transparency log's proofs and signed notes:
        // pure functions over hashes, no storage (a reader checks proofs with this and no ledger).
        .target(name: "TransparencyLog", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        .target(
            name: "LedgerStore",
            dependencies: [
                "LedgerModel", "LedgerSchema", "LedgerFixtures", "TransparencyLog",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API, already built for GRDB: the import binds its per-row statements by position.
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        // libxlsxwriter (Debian's libxlsxwriter-dev), a well-kept C writer of Excel workbooks: the
        // reports' XLSX format (a sheet per table, frozen headers, real dates), which a hand-written
        // ZIP-and-XML writer would have to get right for every spreadsheet program.
        .systemLibrary(name: "CXLSXWriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        .target(name: "LedgerReports", dependencies: ["LedgerModel", "LedgerStore", "LedgerFixtures", "LedgerStrings", "TransparencyLog", "CXLSXWriter"]),
        .target(
            name: "LedgerServer",
            dependencies: [
                "LedgerModel", "LedgerStore", "LedgerReports", "LedgerContracts", "TransparencyLog",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ]
        ),
        // The release commit as a C string (see `releaseCommit`): a C define carries a value, a Swift one cannot.
        .target(name: "BuildStamp", cSettings: releaseCommit.map { [.define("CPSLEDGER_COMMIT", to: "\"\($0)\"")] } ?? []),
        .executableTarget(
            name: "cpsledger",
            dependencies: [
                "LedgerModel", "LedgerStore", "LedgerReports", "LedgerServer", "BuildStamp", "TransparencyLog",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // Seeded input mutations shared by the fuzz tests of several test targets (not shipped).
        // ZIPFoundation writes the synthetic Organized Crime Index workbooks the importer's and reports' tests read.
        // A temporary ledger and edits behind its back (tampering) for every test target that needs them.
        .target(
            name: "LedgerTestSupport",
            dependencies: [
                "LedgerStore", "LedgerModel", .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ],
            path: "Tests/LedgerTestSupport"),
        .testTarget(name: "TransparencyLogTests", dependencies: ["TransparencyLog"], exclude: ["go"]),
        .testTarget(name: "LedgerModelTests", dependencies: ["LedgerModel", "LedgerFixtures", "LedgerTestSupport"]),
        // A test SQLite VFS that drops every write not yet synced at a "power cut", registered as
        // SQLite's default through GRDB's SQLite (the crash harness of LedgerStoreTests; not shipped).
        .target(name: "CrashVFS", dependencies: [.product(name: "GRDBSQLite", package: "GRDB.swift")], path: "Tests/CrashVFS"),
        // OldLedgers/: ledger files written by earlier builds, which OldLedgerTests opens (not resources: read by path).
        .testTarget(name: "LedgerStoreTests", dependencies: ["LedgerStore", "LedgerModel", "LedgerTestSupport", "CrashVFS", "TransparencyLog"], exclude: ["OldLedgers"]),
        .testTarget(name: "LedgerReportsTests", dependencies: ["LedgerReports", "LedgerStore", "LedgerModel", "LedgerStrings", "LedgerTestSupport", "TransparencyLog"], exclude: ["Golden", "FirstRelease"]),
        .testTarget(
            name: "LedgerServerTests",
            dependencies: [
                "LedgerServer", "LedgerReports", "LedgerStore", "LedgerModel", "LedgerContracts", "LedgerTestSupport", "TransparencyLog",
                // The catalogues, for the check that a page in a language shows none of their English.
                "LedgerStrings",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                // A second connection holding the write lock, as a CLI import would.
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        .testTarget(
            name: "CLITests",
            dependencies: ["cpsledger", "LedgerTestSupport", "TransparencyLog", .product(name: "GRDB", package: "GRDB.swift")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
