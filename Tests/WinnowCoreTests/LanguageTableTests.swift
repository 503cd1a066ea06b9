import Testing
@testable import WinnowCore

/// The language table is the one place languages are named: every row is
/// complete, and rule files, stopwords, per-line rule selection and page
/// detection read it (the CLI's `--lang` too: `LanguageOptionTests`).
@Suite struct LanguageTableTests {
    @Test func everyRowHasACodeANameAScriptAndAStoplist() {
        #expect(!Language.allCases.isEmpty)
        #expect(Set(Language.allCases.map(\.code)).count == Language.allCases.count, "codes are unique")
        for language in Language.allCases {
            // "auto" is --lang's guess, "all" a rule file's every language.
            #expect(!["", "auto", "all"].contains(language.code))
            #expect(RuleParser.isValidID(language.code[...]) && !language.code.contains("."))
            #expect(!language.name.isEmpty)
            #expect(Language(rawValue: language.code) == language)
            #expect(!language.evidence.isEmpty, "\(language)")
            let words = language.stopwords.split(separator: " ")
            #expect(words.count >= 20, "\(language): a stoplist")
            for word in words {
                let bytes = Array(Normalizer.normalize(String(word)).utf8)
                #expect(Stopwords.hashes.contains(ContentWords.hash(bytes[...])), "\(language): \(word)")
            }
        }
    }

    /// Every script has a language, and languages that share a script each have
    /// marker letters, or no line could be told to be in one of them.
    @Test func languagesOfOneScriptHaveMarkers() {
        for script in Script.allCases {
            let rows = Language.allCases.filter { $0.script == script }
            #expect(!rows.isEmpty, "\(script)")
            if rows.count > 1 { #expect(rows.allSatisfy { $0.marker != nil }, "\(script)") }
        }
    }

    @Test func ruleFilesTakeTheTablesCodes() throws {
        for language in Language.allCases {
            let file = try RuleParser(path: "x.rules").parse("lang \(language.code)\ndrop x.a  ^a$\n")
            #expect(file.languages == [language])
            #expect(file.rules[0].languages == [language])
        }
        let all = try RuleParser(path: "x.rules").parse("lang all\ndrop x.a  ^a$\n")
        #expect(all.languages == Set(Language.allCases))
        do {
            _ = try RuleParser(path: "x.rules").parse("lang zz\n")
            Issue.record("'lang zz' was taken")
        } catch {
            let codes = Language.allCases.map(\.code).joined(separator: ", ")
            #expect(error.description == "x.rules:1:6: error: unknown language 'zz' (expected \(codes) or all)")
        }
    }

    /// A rule set has rules for every non-empty set of the table's languages,
    /// which is what a line can select.
    @Test func aRuleSetCoversEveryCombinationOfLanguages() {
        let selections = RuleSet.LanguageSelection.all
        #expect(selections.count == (1 << Language.allCases.count) - 1)
        #expect(Set(selections).count == selections.count)
        for language in Language.allCases {
            let alone = RuleSet.LanguageSelection([language])
            #expect(selections.contains(alone))
            #expect(alone.contains(any: [language]))
            _ = defaultRules.rules(for: alone)
        }
        // A line's matching reads the same rules, unretained.
        for selection in selections {
            #expect(defaultRules.withRules(for: selection) { $0 } === defaultRules.rules(for: selection))
        }
        #expect(RuleSet.LanguageSelection.everyLanguage == RuleSet.LanguageSelection(Language.allCases))
        // A line without letters takes every language.
        #expect(Language.selection(forLine: LineTraits()) == .everyLanguage)
    }

    /// `Language.detect` over the table gives what the rule written out for
    /// Persian, Arabic and English did, ties included.
    @Test func detectionFollowsItsDefinition() {
        var generator = SplitMix64(seed: 11)
        func small() -> Int { Int(generator.next() % 4) }
        for _ in 0..<5000 {
            var page: [LetterTotals] = []
            for _ in 0..<(1 + small()) {
                var t = LetterTotals()
                t.latinLetters = small()
                t.persianOnlyLetters = small()
                t.persianLetters = t.persianOnlyLetters + small()
                t.arabicOnlyLetters = small()
                t.arabicLetters = t.arabicOnlyLetters + small()
                t.arabicScript = t.persianLetters + t.arabicLetters + small()
                page.append(t)
            }
            var sums = LetterTotals()
            for t in page {
                sums.latinLetters += t.latinLetters; sums.arabicScript += t.arabicScript
                sums.persianLetters += t.persianLetters; sums.persianOnlyLetters += t.persianOnlyLetters
                sums.arabicLetters += t.arabicLetters; sums.arabicOnlyLetters += t.arabicOnlyLetters
            }
            #expect(Language.detect(sums) == LanguageTableTests.writtenOut(page), "\(page)")
        }
        #expect(Language.detect(LetterTotals()) == .en)
    }

    /// A page in a script the table does not hold is reported undetermined, not "en"
    /// (a few Latin letters in it, a menu's "Home", change nothing).
    @Test func aPageInAnotherScriptIsReportedUndetermined() {
        func reported(_ text: String) -> String {
            Array(text.utf8).withUnsafeBufferPointer { Language.reported(for: Page($0)).code }
        }
        #expect(reported("Home\nΗ κυβέρνηση ανακοίνωσε χθες νέα μέτρα για την οικονομία.\n") == "und")
        #expect(reported("首页\n杭州试点无人驾驶公交线路，首批乘客体验平稳。\n") == "und")
        #expect(reported("Москва закрыла два моста на реке из-за паводка.\n") == "und")
        #expect(reported("The council approved the budget on Tuesday.\n") == "en")
        #expect(reported("شورای شهر بودجه را روز سه‌شنبه تصویب کرد.\n") == "fa")
        #expect(Language(rawValue: "und") == nil)
    }

    /// The rule before the table.
    static func writtenOut(_ traits: [LetterTotals]) -> Language {
        var arabicScript = 0, latin = 0, faScore = 0, arScore = 0
        for t in traits {
            arabicScript += t.arabicScript
            latin += t.latinLetters
            faScore += 3 * t.persianOnlyLetters + (t.persianLetters - t.persianOnlyLetters)
            arScore += t.arabicLetters
        }
        if latin > arabicScript || arabicScript == 0 { return .en }
        return faScore > arScore ? .fa : .ar
    }
}
