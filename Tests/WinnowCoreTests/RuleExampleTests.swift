import Foundation
import Testing
@testable import WinnowCore

/// Every example of every default rule file holds, and the embedded copy of the
/// rules is the same as rules/.
@Suite struct RuleExampleTests {
    @Test func everyExampleOfTheDefaultRulesHolds() {
        let problems = ExampleChecker(ruleSet: defaultRules).run()
        #expect(problems.isEmpty, "\(problems.map(\.description).joined(separator: "\n"))")
    }

    @Test func everyDefaultRuleHasExamplesToRemoveAndToKeep() {
        for compiled in defaultRules.rules {
            let examples = compiled.rule.examples
            #expect(examples.contains { $0.mustRemove }, "\(compiled.rule.id) has no '-' example")
            #expect(examples.contains { !$0.mustRemove }, "\(compiled.rule.id) has no '+' example")
        }
    }

    @Test func defaultRulesHaveNoWarnings() {
        #expect(defaultRules.warnings.isEmpty, "\(defaultRules.warnings)")
    }

    @Test func embeddedRulesMatchTheRulesFolder() throws {
        let files = try EmbeddedRulesSource.read(rulesFolder: packageRoot + "/rules")
        let rendered = EmbeddedRulesSource.render(files)
        let committed = try String(contentsOfFile: packageRoot + "/Sources/WinnowCore/RuleLanguage/EmbeddedRules.swift", encoding: .utf8)
        #expect(rendered == committed, "rules/ changed: run `swift run embed-rules` and commit the result")
        #expect(files.count == EmbeddedRules.files.count)
    }
}
