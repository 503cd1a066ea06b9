// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "winnow",
    products: [
        .executable(name: "winnow", targets: ["WinnowCLI"]),
        .library(name: "WinnowCore", targets: ["WinnowCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // libpcre2-8 from the system (Debian: libpcre2-dev).
        .systemLibrary(
            name: "CPCRE2",
            pkgConfig: "libpcre2-8",
            providers: [.apt(["libpcre2-dev"])]
        ),
        .target(name: "WinnowCore", dependencies: ["CPCRE2"]),
        // `swift run embed-rules` rewrites Sources/WinnowCore/Rules/EmbeddedRules.swift
        // from rules/, so the binary carries its default rules (a test checks they agree).
        .executableTarget(name: "embed-rules", dependencies: ["WinnowCore"], path: "Sources/EmbedRules"),
        .executableTarget(
            name: "WinnowCLI",
            dependencies: [
                "WinnowCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "WinnowCoreTests",
            dependencies: ["WinnowCore"]
        ),
        // Runs the built `winnow` binary: exit codes, messages, pipes, stdin.
        .testTarget(
            name: "WinnowCLITests",
            dependencies: ["WinnowCLI"]
        ),
    ]
)
