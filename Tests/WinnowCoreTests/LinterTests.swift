import Testing
@testable import WinnowCore

/// Each warning of `winnow check`.
@Suite struct LinterTests {
    func warnings(_ text: String) throws -> [String] {
        RuleLinter(ruleSet: try ruleSet(text)).run().map(\.description)
    }

    @Test func emptyMatch() throws {
        #expect(try warnings("drop t.a x*\n  - x\n  + y").contains("test.rules:1:10: warning: 't.a' matches the empty string: anchor it or require at least one character"))
    }

    @Test func noExamples() throws {
        #expect(try warnings("drop t.a ^x$") == ["test.rules:1:1: warning: 't.a' has no examples: add '- line' it must remove and '+ line' it must keep"])
    }

    @Test func cutWithoutPositionGuard() throws {
        #expect(try warnings("cut t.end ^END$\n  - END\n  + the END of it") == ["test.rules:1:1: warning: cut rule 't.end' has no position guard: add 'where tail' or 'where last N'"])
        #expect(try warnings("cut t.end ^END$\n  where last 20\n  - END\n  + the END of it").isEmpty)
    }

    @Test func shadowedRule() throws {
        let found = try warnings("drop t.wide ^Share\n  - Share it\n  + x\ndrop t.narrow ^Share now$\n  - Share now\n  + x")
        #expect(found == ["test.rules:4:1: warning: 't.narrow' is shadowed by 't.wide' (test.rules:1), which comes first and takes all its examples"])
    }

    @Test func slowRule() throws {
        var text = ""
        for i in 0..<8 { text += "drop t.fast\(i) ^fast\(i)$\n  - fast\(i)\n  + x\n" }
        text += "drop t.slow (?:\\S+\\s+){6}\\d{6}\n  - a b c d e f 123456\n  + x\n"
        var linter = RuleLinter(ruleSet: try ruleSet(text))
        linter.slowFloorNanos = 500
        let slow = linter.run().filter { $0.message.contains("is slow") }
        #expect(slow.count == 1)
        #expect(slow.first?.message.hasPrefix("'t.slow' is slow:") == true)
    }

    @Test func duplicateIDsAcrossFiles() throws {
        let a = try RuleParser(path: "a.rules").parse("drop t.x ^a$")
        let b = try RuleParser(path: "b.rules").parse("drop t.x ^b$")
        #expect(try RuleSet(files: [a, b]).warnings.map(\.description) == ["b.rules:1:1: warning: duplicate rule id 't.x' (first at a.rules:1)"])
    }

    @Test func cleanRulesHaveNoWarnings() throws {
        #expect(try warnings("drop t.a ^x$\n  - x\n  + y").isEmpty)
    }
}
