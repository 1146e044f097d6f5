// swift-tools-version:6.1
import PackageDescription
let package = Package(
    name: "bench-column-reading",
    dependencies: [.package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0")],
    targets: [.executableTarget(name: "bench-column-reading", dependencies: [.product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift")])]
)
