import Foundation
import Testing
@testable import WinnowCore

/// The seed pages, cleaned with the default rules, give exactly the expected lines.
@Suite struct GoldenTests {
    static let seeds: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: packageRoot + "/seeds")) ?? []
        return names.filter { $0.hasSuffix(".txt") }.sorted()
    }()

    @Test func thereAreFiveSeeds() {
        #expect(Self.seeds.count == 5)
    }

    @Test(arguments: seeds)
    func seedMatchesExpected(_ name: String) throws {
        let page = try readFile("seeds/" + name)
        let expected = String(decoding: try readFile("seeds/expected/" + name), as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        let result = Cleaner(ruleSet: defaultRules).clean(page)
        let output = String(decoding: CleanWriter.cleaned(page, result), as: UTF8.self)
        let got = output.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
        #expect(got == expected, "seed \(name): \(Self.diff(got, expected))")
    }

    @Test(arguments: seeds)
    func everyRemovedLineHasAReason(_ name: String) throws {
        let page = try readFile("seeds/" + name)
        let result = Cleaner(ruleSet: defaultRules).clean(page)
        let explanation = Explanation(ruleSet: defaultRules)
        for fate in result.fates where fate.isRemoved {
            #expect(!explanation.reason(fate).isEmpty)
        }
    }

    static func diff(_ got: [String], _ expected: [String]) -> String {
        let extra = got.filter { !expected.contains($0) }.prefix(3).map { "kept: " + $0.prefix(60) }
        let missing = expected.filter { !got.contains($0) }.prefix(3).map { "lost: " + $0.prefix(60) }
        return (extra + missing).joined(separator: "\n")
    }
}
