// swift-tools-version:6.0
import PackageDescription

// Swift 6 language mode (strict concurrency) is set once, for every target, by `swiftLanguageModes`.
let package = Package(
    name: "posbridge",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "posbridge", targets: ["posbridge"]),
        .executable(name: "posbridge-emulator", targets: ["posbridge-emulator"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.20.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.60.0"),
        // Imported by the emulators next to Hummingbird, which brings them too.
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibArchive", pkgConfig: "libarchive",
            providers: [.apt(["libarchive-dev"]), .brew(["libarchive"])]),
        .systemLibrary(
            name: "CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]),
        .systemLibrary(
            name: "CXXHash", pkgConfig: "libxxhash",
            providers: [.apt(["libxxhash-dev"]), .brew(["xxhash"])]),

        .target(
            name: "PosBridgeCore",
            dependencies: [.product(name: "Logging", package: "swift-log")]),
        .target(
            name: "Snapshots",
            dependencies: [
                "PosBridgeCore", "CLibXML2", "CXXHash",
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .target(name: "Diffing", dependencies: ["PosBridgeCore", "Snapshots"]),
        .target(
            name: "Archiving",
            dependencies: [
                "PosBridgeCore", "CLibArchive",
                .product(name: "Crypto", package: "swift-crypto"),
            ]),
        .target(
            name: "PosBridgeConfiguration",
            dependencies: ["PosBridgeCore", "PosBridgeHTTP", .product(name: "Yams", package: "Yams")]),
        .target(
            name: "PosBridgeHTTP",
            dependencies: [
                "PosBridgeCore",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]),
        .target(
            name: "BusinessCentral",
            dependencies: [
                "PosBridgeCore", "Snapshots", "PosBridgeConfiguration", "PosBridgeHTTP",
                .product(name: "Logging", package: "swift-log"),
            ]),
        .target(
            name: "Lightspeed",
            dependencies: [
                "PosBridgeCore", "Snapshots", "PosBridgeConfiguration", "PosBridgeHTTP",
                .product(name: "Logging", package: "swift-log"),
            ]),
        .target(
            name: "EmulatorCore",
            dependencies: [
                "PosBridgeCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .target(
            name: "BCEmulator",
            dependencies: ["EmulatorCore", "PosBridgeCore", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(
            name: "LightspeedEmulator",
            dependencies: ["EmulatorCore", "PosBridgeCore", .product(name: "GRDB", package: "GRDB.swift")]),
        .target(
            name: "Pipelines",
            dependencies: [
                "PosBridgeCore", "Snapshots", "Diffing", "PosBridgeConfiguration",
                // The run drives the connectors and the archive (design: Pipelines → connectors and stages).
                "Archiving", "BusinessCentral", "Lightspeed", "PosBridgeHTTP",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        .executableTarget(
            name: "posbridge-emulator",
            dependencies: [
                "EmulatorCore", "BCEmulator", "LightspeedEmulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]),
        .executableTarget(
            name: "posbridge",
            dependencies: [
                "PosBridgeCore", "Snapshots", "Diffing", "Archiving", "BusinessCentral", "Lightspeed", "PosBridgeHTTP",
                "Pipelines", "PosBridgeConfiguration",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]),

        .target(
            name: "TestSupport",
            dependencies: [
                "PosBridgeCore", "EmulatorCore", "BCEmulator", "LightspeedEmulator",
                .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(name: "PosBridgeCoreTests", dependencies: ["PosBridgeCore", "TestSupport"]),
        .testTarget(name: "SnapshotsTests", dependencies: ["Snapshots", "PosBridgeCore", "TestSupport"]),
        .testTarget(name: "DiffingTests", dependencies: ["Diffing", "Snapshots", "PosBridgeCore", "TestSupport"]),
        .testTarget(name: "ArchivingTests", dependencies: ["Archiving", "TestSupport"]),
        .testTarget(name: "PosBridgeConfigurationTests", dependencies: ["PosBridgeConfiguration"]),
        .testTarget(
            name: "BusinessCentralTests",
            dependencies: [
                "BusinessCentral", "Snapshots", "TestSupport", "PosBridgeHTTP", "PosBridgeConfiguration", "PosBridgeCore",
                .product(name: "Logging", package: "swift-log"),
                // A loopback HTTP server for the real transport's test.
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]),
        .testTarget(
            name: "LightspeedTests",
            dependencies: [
                "Lightspeed", "Snapshots", "TestSupport", "PosBridgeHTTP", "PosBridgeConfiguration", "PosBridgeCore",
                .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(name: "BCEmulatorTests", dependencies: ["BCEmulator", "EmulatorCore", "PosBridgeCore", "TestSupport"]),
        .testTarget(name: "LightspeedEmulatorTests", dependencies: ["LightspeedEmulator", "EmulatorCore", "PosBridgeCore", "TestSupport"]),
        // The real clients against the emulators over loopback.
        .testTarget(
            name: "IntegrationTests",
            dependencies: [
                "BusinessCentral", "Lightspeed", "BCEmulator", "LightspeedEmulator", "EmulatorCore", "PosBridgeCore", "Snapshots",
                "PosBridgeConfiguration", "PosBridgeHTTP", "TestSupport",
                .product(name: "Logging", package: "swift-log"),
            ]),
        .testTarget(
            name: "PipelinesTests",
            dependencies: [
                "Pipelines", "PosBridgeCore", "Snapshots", "TestSupport", "Lightspeed",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .testTarget(name: "PosbridgeCLITests", dependencies: ["TestSupport", "PosBridgeCore"]),
    ],
    swiftLanguageModes: [.v6]
)
