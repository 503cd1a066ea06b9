// swift-tools-version:6.0
import PackageDescription

/// The commit `winnow --version` reports: scripts/install.sh sets WINNOW_COMMIT from
/// git; any other build says "unknown". Only the characters of a commit id are kept.
let commit = String((Context.environment["WINNOW_COMMIT"] ?? "").filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }.prefix(64))

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
        .target(name: "WinnowCore", dependencies: ["CPCRE2", "CEmbeddedModel"]),
        // The embedded line model's lexical table as C arrays, read in place at start-up
        // (`python3 train/embed_model.py` writes it from models/line.model).
        .target(name: "CEmbeddedModel"),
        // The build's commit, for `winnow --version` (a C define, so a value can be set at build time).
        .target(name: "CBuildInfo", cSettings: commit.isEmpty ? [] : [.define("WINNOW_COMMIT", to: "\"\(commit)\"")]),
        // `swift run embed-rules` rewrites Sources/WinnowCore/RuleLanguage/EmbeddedRules.swift
        // from rules/, so the binary carries its default rules (a test checks they agree).
        .executableTarget(name: "embed-rules", dependencies: ["WinnowCore"], path: "Sources/EmbedRules"),
        .executableTarget(
            name: "WinnowCLI",
            dependencies: [
                "WinnowCore",
                "CBuildInfo",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Shared by the test targets: scratch folders removed at exit.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(
            name: "WinnowCoreTests",
            dependencies: ["WinnowCore", "TestSupport"]
        ),
        // Runs the built `winnow` binary: exit codes, messages, pipes, stdin.
        .testTarget(
            name: "WinnowCLITests",
            dependencies: ["WinnowCLI", "TestSupport"]
        ),
    ]
)
