import Testing
@testable import WinnowCore

/// `FirstScalars` probes on the interpreter when there are few probes and on the
/// JIT's partial-matching code otherwise: both must give the same sets, or the
/// rules a line meets would depend on how many probes a pattern needs.
@Suite struct FirstScalarsEngineTests {
    func sets(_ pattern: String) throws -> (jit: FirstScalars?, interpreter: FirstScalars?, chosen: FirstScalars?) {
        // A fresh pattern each time: the JIT code, once compiled, stays with the pattern.
        (FirstScalars(try Regex(pattern), engine: .jit),
         FirstScalars(try Regex(pattern), engine: .interpreter),
         FirstScalars(try Regex(pattern)))
    }

    @Test func theEnginesAgreeOnEveryDefaultRule() throws {
        let rules = try RuleSet.defaults().rules
        var compared = 0
        for rule in rules {
            let (jit, interpreter, chosen) = try sets(rule.regex.pattern)
            #expect(jit == interpreter, "\(rule.rule.id)")
            #expect(chosen == jit, "\(rule.rule.id)")
            if jit != nil { compared += 1 }
        }
        #expect(compared > 50)
    }

    /// The default rules take their sets from the table `embed-rules` wrote
    /// (`EmbeddedRules.firstScalars`): it must hold what probing gives now, and a
    /// pattern outside it is probed.
    @Test func theEmbeddedTableHoldsWhatProbingGives() throws {
        var looked: Set<String> = []
        for rule in try RuleSet.defaults().rules where rule.literalPrefixes == nil {
            #expect(EmbeddedRules.firstScalars[rule.regex.pattern] != nil, "\(rule.rule.id) is not in the table")
            #expect(rule.firstScalars == FirstScalars(try Regex(rule.regex.pattern)), "\(rule.rule.id)")
            looked.insert(rule.regex.pattern)
        }
        #expect(looked.count == EmbeddedRules.firstScalars.count)
        let other = try Regex("^(?:xyzzy|plugh)\\d")
        #expect(EmbeddedRules.firstScalars[other.pattern] == nil)
        #expect(FirstScalars.of(other) == FirstScalars(other))
        #expect(FirstScalars.of(other)?.contains(0x78) == true)
        #expect(FirstScalars.of(other)?.contains(0x61) == false)
    }

    @Test func theEnginesAgreeOnTrickyStarts() throws {
        let patterns = [
            "^\\d{1,2}$", "^.{0,40}x", "^[\\s\\p{P}]*x", "^(?i)straße", "^\\p{Lu}", "^(?:a|\\x{600})",
            "^\\X", "^\\R", "^\\h*x", "^[^a-z]", "^(?:)", "^$", "^\\b\\w", "^(?i)ǅ", "^\\N", "^\\x{212A}",
            "^(?i)k", "^(?i)s", "^\\S+$", "^\\W", "^[\\x{80}-\\x{7FF}]", "^\\x{7FF}", "^[ا-ی]{2}", "^(?i)[à-ÿ]",
            "^(?:\\d+|[a-f]+)\\.", "^\\s*$", "^\\p{Arabic}", "^[[:punct:]]", "^\\x{A0}", "^(?i)é",
        ]
        for pattern in patterns {
            let (jit, interpreter, chosen) = try sets(pattern)
            #expect(jit == interpreter, "\(pattern)")
            #expect(chosen == jit, "\(pattern)")
            #expect(jit != nil, "\(pattern)")
        }
    }

    @Test func fewProbesRunOnTheInterpreterAndManyOnTheJIT() throws {
        // `^ک…`: one lead byte, 64 probes; `^\d…`: no first-byte information, 2,048.
        #expect(FirstScalars.interpreterMaximumProbes >= 64 && FirstScalars.interpreterMaximumProbes < 2048)
        let few = try #require(FirstScalars(try Regex("^کد\\s*خبر")))
        #expect(few.contains(Int(("ک" as Unicode.Scalar).value)) && !few.contains(Int(("م" as Unicode.Scalar).value)))
        let many = try #require(FirstScalars(try Regex("^\\d{1,2}:\\d{2}$")))
        #expect(many.contains(0x06F7) && !many.contains(Int(("x" as Unicode.Scalar).value)))
    }
}
