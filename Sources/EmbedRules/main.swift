import Foundation
import WinnowCore

/// Rewrites Sources/WinnowCore/RuleLanguage/EmbeddedRules.swift from rules/.
/// Run from the package root: `swift run embed-rules`.
let root = FileManager.default.currentDirectoryPath
let target = root + "/Sources/WinnowCore/RuleLanguage/EmbeddedRules.swift"
do {
    let files = try EmbeddedRulesSource.read(rulesFolder: root + "/rules")
    try EmbeddedRulesSource.render(files).write(toFile: target, atomically: true, encoding: .utf8)
    print("embed-rules: wrote \(files.count) rule files to \(target)")
} catch {
    FileHandle.standardError.write(Data("embed-rules: \(error)\n".utf8))
    exit(1)
}
