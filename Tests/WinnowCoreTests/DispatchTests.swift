import Foundation
import Testing
@testable import WinnowCore

/// Anchored rules are tried only on lines whose first character they can start
/// with (`FirstScalars`, `FirstCharDispatch`): that shortcut must never hide a match.
@Suite struct DispatchTests {
    func firstScalars(_ pattern: String) throws -> FirstScalars? {
        FirstScalars(try Regex(pattern))
    }

    func scalar(_ c: Unicode.Scalar) -> Int { Int(c.value) }

    @Test func anchoredPatternsKnowTheirFirstCharacters() throws {
        let home = try #require(try firstScalars("^(?i)home\\s*>"))
        #expect(home.contains(scalar("h")) && home.contains(scalar("H")))
        #expect(!home.contains(scalar("x")) && !home.contains(scalar(" ")))

        let persian = try #require(try firstScalars("^(?:کد|شناسه)\\s*خبر"))
        #expect(persian.contains(scalar("ک")) && persian.contains(scalar("ش")))
        #expect(!persian.contains(scalar("م")) && !persian.contains(scalar("k")))

        // An optional prefix: a weekday or straight to the digits.
        let date = try #require(try firstScalars("^(?:(?:السبت|الاحد)\\s*)?\\d{1,2}\\s+"))
        #expect(date.contains(scalar("ا")) && date.contains(scalar("7")))
        #expect(!date.contains(scalar("م")))

        // \s and \d under UCP reach beyond ASCII.
        let spaced = try #require(try firstScalars("^\\s*منبع"))
        #expect(spaced.contains(scalar(" ")) && spaced.contains(0xA0) && spaced.contains(scalar("م")))
    }

    @Test func patternsThatMayStartAnywhereAreNotSorted() throws {
        #expect(try firstScalars("منبع") == nil)                 // not anchored
        // Anchored, but PCRE2 knows no first byte: every character of the table is tried.
        let any = try #require(try firstScalars("^.{0,40}منبع"))
        #expect(any.contains(scalar("x")) && any.contains(scalar("ب")))
        let digits = try #require(try firstScalars("^\\d{1,2}:\\d{2}$"))
        #expect(digits.contains(scalar("7")) && digits.contains(0x06F7) && !digits.contains(scalar("x")))
        #expect(try firstScalars("^(?=کد)ک") == nil)             // lookahead: partial matching is not trusted
        #expect(try firstScalars("^(?!x)\\w") == nil)
        #expect(try firstScalars("^(*MARK:a)b") == nil)
    }

    @Test func linesStartingOutsideTheTableGetEveryRule() throws {
        // Classes keep these rules out of the prefix index: they go by first character.
        let rules = try ruleSet("""
        drop cjk ^(?:[漢]字|[a]bc)$
        drop arabic ^(?:[م]نبع|[o]k)$
        """)
        #expect(clean("漢字\nabc\nxyz\nمنبع\nok\n", rules: rules) == "xyz\n")
    }

    @Test func aLargeBucketGoesThroughItsAlternationsOnceUsedEnough() throws {
        // 30 anchored rules starting with "x" (classes keep them out of the prefix
        // index) and one starting anywhere: more than `alternationMinimum`, so once
        // the bucket of "x" has cost `compileAfterTries` it is tried behind alternations.
        var text = (0..<30).map { "drop x\($0) ^[x]\($0)y$" }.joined(separator: "\n")
        text += "\ndrop any ^.{0,3}zz$\n"
        let rules = try ruleSet(text).rules
        #expect(30 > RuleBucket.alternationMinimum)
        let dispatch = try #require(FirstCharDispatch(members: Array(0..<30), rules: rules, cache: AlternationCache()))
        let scratch = MatchScratch()
        func marks(_ line: String) -> (marked: [Int], known: [Int]) {
            let marks = scratch.ruleMarks(count: rules.count)
            Array(line.utf8).withUnsafeBufferPointer { dispatch.collect($0, rules, scratch: scratch, into: marks) }
            let marked = Array(marks.sortedMarks())
            return (marked, marked.filter(marks.isKnownMatch))
        }
        // At first every rule of the bucket is a candidate, none a known match.
        #expect(marks("x7y") == (Array(0..<30), []))
        for _ in 0..<(RuleBucket.compileAfterTries / 30 + 1) { _ = marks("x1y") }
        // Then the alternations tell exactly which rules match.
        #expect(marks("x7y") == ([7], [7]))
        #expect(marks("x29y") == ([29], [29]))
        #expect(marks("x31y") == ([], []))
        #expect(marks("y7y") == ([], []))
    }

    /// Every line of the seeds, the eval pages and the rule examples: a default rule
    /// that matches it can start with its first character.
    @Test func noDefaultRuleMatchesALineItsFirstCharactersExclude() throws {
        let lines = try corpusLines()
        let scratch = MatchScratch()
        var checked = 0
        for rule in defaultRules.rules {
            guard let first = rule.firstScalars else { continue }
            for line in lines {
                let subject = rule.rule.raw ? line : Normalizer.normalize(line)
                guard let c = subject.unicodeScalars.first, c.value < FirstScalars.tableSize,
                      rule.regex.matches(subject.utf8, scratch: scratch) else { continue }
                checked += 1
                #expect(first.contains(Int(c.value)), "rule \(rule.rule.id) matches \(line) but was sorted away from \(c)")
            }
        }
        #expect(checked > 100)
    }
}
