import Testing
@testable import WinnowCore

/// Each rule action, scope and option on small documents, detectors off.
@Suite struct ActionTests {
    var rulesOnly: CleanOptions {
        var o = CleanOptions()
        o.detectorsOff = Set(DetectorRegistry.standard.ids)
        return o
    }

    let prose = "This is a long body paragraph with many words in it that reads like an article sentence."

    @Test func dropRemovesOnlyTheMatchingLine() throws {
        let rules = try ruleSet("drop t.share ^Share$")
        #expect(clean("Title\nShare\n\(prose)\n", rules: rules, options: rulesOnly) == "Title\n\(prose)\n")
    }

    @Test func keepProtectsFromRulesAndDetectors() throws {
        let rules = try ruleSet("keep t.keep ^Share the joy$\ndrop t.share ^Share")
        let text = "Share the joy\nShare now\nShare the joy\n"
        // Protected lines survive the drop rule and the repeat detector.
        #expect(clean(text, rules: rules) == "Share the joy\nShare the joy\n")
        #expect(fates(text, rules: rules)[0] == .protected(rule: 0))
    }

    @Test func cutRemovesTheMarkerAndEverythingAfter() throws {
        let rules = try ruleSet("cut t.end ^END$")
        let text = "\(prose)\n\n\(prose) Two.\nEND\nfooter one\n\nfooter two\n"
        #expect(clean(text, rules: rules, options: rulesOnly) == "\(prose)\n\n\(prose) Two.\n")
        let f = fates(text, rules: rules, options: rulesOnly)
        #expect(f[3] == .removed(.rule(RuleHit(0, .cutMarker))))
        #expect(f[4] == .removed(.rule(RuleHit(0, .afterCut(marker: 3)))))
    }

    @Test func cutNearTheTopOnlyRemovesTheMarker() throws {
        // Less than 30% of the prose above the marker: the article is below it.
        let rules = try ruleSet("cut t.end ^END$")
        let text = "END\n\(prose)\n\(prose) Two.\n"
        #expect(clean(text, rules: rules, options: rulesOnly) == "\(prose)\n\(prose) Two.\n")
        #expect(fates(text, rules: rules, options: rulesOnly)[0] == .removed(.rule(RuleHit(0, .guardedCut(percentAbove: 0)))))
    }

    @Test func cutKeepsProtectedLinesBelowIt() throws {
        let rules = try ruleSet("cut t.end ^END$\nkeep t.keep ^Correction:")
        let text = "\(prose)\nEND\nCorrection: an earlier version misspelled a name.\nfooter\n"
        #expect(clean(text, rules: rules, options: rulesOnly) == "\(prose)\nCorrection: an earlier version misspelled a name.\n")
    }

    @Test func listRemovesTheHeadingAndTheHeadlinesUnderIt() throws {
        let rules = try ruleSet("list t.latest ^Latest$")
        let text = "\(prose)\nLatest\n\nFirst other story here\nSecond other story here\n\nBody resumes with a sentence that is long enough to count as prose for sure.\n"
        #expect(clean(text, rules: rules, options: rulesOnly) == "\(prose)\n\nBody resumes with a sentence that is long enough to count as prose for sure.\n")
    }

    @Test func listStopsAtTheFirstNonHeadlineLine() throws {
        let rules = try ruleSet("list t.latest ^Latest$")
        let text = "Latest\nOther story\n\(prose)\nShort tail line\n"
        #expect(clean(text, rules: rules, options: rulesOnly) == "\(prose)\nShort tail line\n")
    }

    @Test func stripRemovesSpansAndKeepsTheRest() throws {
        let rules = try ruleSet("strip t.ad \\s*\\[ad\\]")
        #expect(clean("One [ad] two [ad]\n[ad]\nthree\n", rules: rules, options: rulesOnly) == "One two\nthree\n")
    }

    @Test func stripSpansMapBackThroughTheShadow() throws {
        // The shadow drops the tatweel; the stripped span still covers the original bytes.
        let rules = try ruleSet("strip t.tag \\s*\\(خبر\\)")
        #expect(clean("متن اصلی (خـبر) ادامه\n", rules: rules, options: rulesOnly) == "متن اصلی ادامه\n")
    }

    @Test func metaRecordsNamedGroupsFromTheOriginalBytes() throws {
        let rules = try ruleSet("meta t.id ^کد\\s*خبر\\s*:\\s*(?<id>\\d+)$")
        let result = Cleaner(ruleSet: rules, options: rulesOnly).clean(Array("كد خبر: ۱۲۳\n\(prose)\n".utf8))
        #expect(result.fates[0] == .removed(.rule(RuleHit(0, .meta))))
        // The value is taken from the original line: Persian digits, not the shadow's ASCII.
        #expect(result.metadata.map { "\($0.key)=\($0.value)" } == ["id=۱۲۳"])
    }

    @Test func grabBeforeTakesNameLinesAboveTheLabel() throws {
        let rules = try ruleSet("drop t.author ^Author$\n  grab before 2")
        let text = "\(prose)\n\nJane Doe\nJohn Roe\nAuthor\n\n\(prose) Again.\n"
        #expect(clean(text, rules: rules, options: rulesOnly) == "\(prose)\n\n\(prose) Again.\n")
        // A sentence above the label is not a name: it stays.
        #expect(clean("\(prose)\nAuthor\n", rules: rules, options: rulesOnly) == "\(prose)\n")
    }

    @Test func scopesLimitWhereARuleFires() throws {
        let rules = try ruleSet("drop t.head ^Tag$\n  where head\ndrop t.last ^Foot$\n  where last 1")
        let text = "Tag\n\(prose)\nTag\nFoot\n\(prose) Two.\nFoot\n"
        #expect(clean(text, rules: rules, options: rulesOnly) == "\(prose)\nTag\nFoot\n\(prose) Two.\n")
    }

    @Test func rawRulesSeeTheOriginalBytes() throws {
        let rules = try ruleSet("drop t.raw ^كد$\n  raw\ndrop t.shadow ^ي$")
        // The raw rule matches Arabic kaf only as written; the shadow rule matches both yeh forms.
        #expect(clean("كد\nکد\nي\nی\n", rules: rules, options: rulesOnly) == "کد\n")
    }

    @Test func firstMatchingRuleInFileOrderDecides() throws {
        let rules = try ruleSet("drop t.a ^x\ncut t.b ^x$")
        #expect(fates("x\n", rules: rules, options: rulesOnly)[0] == .removed(.rule(RuleHit(0, .drop))))
    }

    @Test func rulesApplyByLanguage() throws {
        let fa = try RuleParser(path: "fa.rules").parse("lang fa\ndrop fa.x ^حذف$")
        let en = try RuleParser(path: "en.rules").parse("lang en\ndrop en.x ^Remove$")
        let rules = try RuleSet(files: [fa, en])
        // A Persian page: the Persian rule fires, and the English rule on a Latin line.
        #expect(clean("این یک متن فارسی است که گچ و ژاله دارد.\nحذف\nRemove\n", rules: rules, options: rulesOnly)
                == "این یک متن فارسی است که گچ و ژاله دارد.\n")
        // An English page: the Persian rule does not fire on Persian text it does not cover.
        var english = rulesOnly
        english.language = .en
        #expect(clean("An English page.\nRemove\n", rules: rules, options: english) == "An English page.\n")
    }

    @Test func languageDetectionUsesPersianLetters() {
        let detect = { (s: String) -> Language in
            Array(s.utf8).withUnsafeBufferPointer { Language.detect(Page($0).letters) }
        }
        #expect(detect("گزارش پیش از این منتشر شده بود") == .fa)
        #expect(detect("قالت الوزارة في بيان إن الاجتماع سيعقد") == .ar)
        #expect(detect("The ministry said the meeting will take place") == .en)
    }
}
