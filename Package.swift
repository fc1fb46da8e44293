// swift-tools-version:6.1
// Etalon: a rule engine and process-modelling service for labour compliance.
// Dependencies point one way: etalon → Server → ProcessModel → RuleDSL. No third-party packages.
import PackageDescription

let strict: [SwiftSetting] = [
    .swiftLanguageMode(.v6),
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "Etalon",
    products: [
        .executable(name: "etalon", targets: ["etalon"]),
        .library(name: "RuleDSL", targets: ["RuleDSL"]),
    ],
    targets: [
        .target(name: "RuleDSL", swiftSettings: strict),
        .systemLibrary(name: "CSQLite", path: "Sources/CSQLite"),
        .target(name: "ProcessModel", dependencies: ["RuleDSL", "CSQLite"], swiftSettings: strict),
        .target(name: "Server", dependencies: ["ProcessModel"], swiftSettings: strict),
        .executableTarget(name: "etalon", dependencies: ["Server"], swiftSettings: strict),
        .testTarget(
            name: "RuleDSLTests", dependencies: ["RuleDSL"],
            resources: [.copy("Golden")], swiftSettings: strict),
        .testTarget(name: "ProcessModelTests", dependencies: ["ProcessModel"], swiftSettings: strict),
        .testTarget(name: "ServerTests", dependencies: ["Server"], swiftSettings: strict),
        .testTarget(name: "EtalonCLITests", dependencies: ["etalon"], swiftSettings: strict),
    ]
)
