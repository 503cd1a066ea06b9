import Foundation
import Testing
@testable import WinnowCore

/// The package's root folder (tests read seeds/ and rules/ from it).
let packageRoot: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
}()

func readFile(_ relative: String) throws -> [UInt8] {
    let data = try Data(contentsOf: URL(fileURLWithPath: packageRoot + "/" + relative))
    return [UInt8](data)
}

/// The default rule set, compiled once for all tests.
let defaultRules: RuleSet = try! RuleSet.defaults()

/// Parses and compiles rule text as one file.
func ruleSet(_ text: String, path: String = "test.rules") throws -> RuleSet {
    try RuleSet(files: [RuleParser(path: path).parse(text)])
}

/// Cleans text and returns the output as a string.
func clean(_ text: String, rules: RuleSet = defaultRules, options: CleanOptions = CleanOptions()) -> String {
    let bytes = Array(text.utf8)
    let result = Cleaner(ruleSet: rules, options: options).clean(bytes)
    return String(decoding: CleanWriter.cleaned(bytes, result), as: UTF8.self)
}

/// Cleans text and returns each line's fate.
func fates(_ text: String, rules: RuleSet = defaultRules, options: CleanOptions = CleanOptions()) -> [Fate] {
    Cleaner(ruleSet: rules, options: options).clean(Array(text.utf8)).fates
}
