// swift-tools-version: 6.1
import PackageDescription

// Linux only (built and tested on Debian 12): the C targets link the system's ICU,
// libxml2 and SQLite, and the library sets per-thread nice values and madvises
// huge pages through glibc. Sources/HanTM/Platform.swift stops a build elsewhere.
let package = Package(
    name: "hantm",
    products: [
        .library(name: "HanTM", targets: ["HanTM"]),
        .library(name: "HanTMServer", targets: ["HanTMServer"]),
        .executable(name: "hantm", targets: ["hantm"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
    ],
    targets: [
        // System ICU 72 behind a header that includes no ICU header: a module map over
        // <unicode/*.h> clashes with Foundation's private ICU.
        .target(
            name: "CICU",
            linkerSettings: [
                .linkedLibrary("icui18n"),
                .linkedLibrary("icuuc"),
                .linkedLibrary("icudata"),
            ]
        ),
        // libxml2's streaming reader, set up for untrusted TMX, behind a header that
        // includes no libxml2 header (Foundation on Linux carries its own XML module).
        .target(
            name: "CLibXML",
            cSettings: [.unsafeFlags(["-I/usr/include/libxml2"])],
            linkerSettings: [.linkedLibrary("xml2")]
        ),
        // Cache prefetch hints for the index's hot loops (Swift has none).
        .target(name: "CPrefetch"),
        // SQLite's process-wide settings, made as the program loads (sqlite3_config is variadic).
        .target(name: "CSQLiteConfig", linkerSettings: [.linkedLibrary("sqlite3")]),
        // GRDBSQLite: the import binds its parameters with SQLite's own calls (see BoundStatement).
        .target(name: "HanTM", dependencies: ["CICU", "CLibXML", "CPrefetch", "CSQLiteConfig", .product(name: "GRDB", package: "GRDB.swift"),
                                              .product(name: "GRDBSQLite", package: "GRDB.swift")]),
        .target(
            name: "HanTMServer",
            dependencies: [
                "HanTM",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "hantm",
            dependencies: [
                "HanTM",
                "HanTMServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "HanTMTests", dependencies: ["HanTM", "hantm"]),
        .testTarget(
            name: "HanTMServerTests",
            dependencies: [
                "HanTMServer",
                "hantm",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
    ]
)
