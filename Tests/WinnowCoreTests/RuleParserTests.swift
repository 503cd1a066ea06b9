import Testing
@testable import WinnowCore

@Suite struct RuleParserTests {
    func parse(_ text: String) throws(RuleErrors) -> RuleFile {
        try RuleParser(path: "x.rules").parse(text)
    }

    func errors(_ text: String) -> [String] {
        do { _ = try RuleSet(files: [try parse(text)]); return [] }
        catch { return error.diagnostics.map(\.description) }
    }

    @Test func parsesRulesOptionsAndExamples() throws {
        let file = try parse("""
        # comment
        lang fa ar

        cut fa.end  ^انتهای\\s*پیام$
          where tail
          note End of the article.
          - انتهای پیام
          + این گزارش تا انتهای پیام وزیر را نقل کرده است.
        drop x.name   a b  c
          grab before 2
          raw
        strip s.tag  \\s*\\[ad\\]
          - text [ad]
          = text
        """)
        #expect(file.languages == [.fa, .ar])
        #expect(file.rules.map(\.id) == ["fa.end", "x.name", "s.tag"])
        let cut = file.rules[0]
        #expect(cut.action == .cut)
        #expect(cut.pattern == "^انتهای\\s*پیام$")
        #expect(cut.scope == .tail)
        #expect(cut.note == "End of the article.")
        #expect(cut.examples.map(\.mustRemove) == [true, false])
        #expect(cut.location.line == 4)
        #expect(cut.patternLocation.column == 13)
        #expect(file.rules[1].pattern == "a b  c")
        #expect(file.rules[1].grabBefore == 2 && file.rules[1].raw)
        #expect(file.rules[2].examples[0].stripped == "text")
    }

    @Test func patternErrorsPointAtTheColumnInTheFile() {
        // "(" unclosed: PCRE2 reports the end of the pattern.
        #expect(errors("drop a.b  ab(c") == ["x.rules:1:15: error: in pattern of 'a.b': missing closing parenthesis"])
        // The column counts characters, not bytes, also after Persian text
        // (PCRE2 reports an unclosed class at the end of the pattern).
        #expect(errors("drop a.b  سلام[") == ["x.rules:1:16: error: in pattern of 'a.b': missing terminating ] for character class"])
        // ...and after characters the shadow removes (the tatweel): the ")" is column 15.
        #expect(errors("drop a.b  خـبر)") == ["x.rules:1:15: error: in pattern of 'a.b': unmatched closing parenthesis"])
        // Tabs and spaces between the words count one column each.
        #expect(errors("drop\t a.b \t سلام[") == ["x.rules:1:18: error: in pattern of 'a.b': missing terminating ] for character class"])
        #expect(errors("drop a.b x\n \t where middle").first?.hasPrefix("x.rules:2:10: error: expected 'where head'") == true)
    }

    @Test(arguments: [
        ("frob a.b x", "x.rules:1:1: error: unknown action 'frob'"),
        ("drop", "x.rules:1:5: error: drop needs an id"),
        ("drop a.b", "x.rules:1:9: error: rule 'a.b' has no pattern"),
        ("drop a/b x", "x.rules:1:6: error: invalid rule id 'a/b'"),
        ("  - orphan", "x.rules:1:3: error: indented line outside a rule"),
        ("drop a.b x\n  where middle", "x.rules:2:9: error: expected 'where head'"),
        ("drop a.b x\n  grab before 9", "x.rules:2:8: error: expected 'grab before N'"),
        ("drop a.b x\n  frobnicate", "x.rules:2:3: error: unknown option 'frobnicate'"),
        ("drop a.b x\n  = y", "x.rules:2:3: error: '= result' must follow"),
        ("drop a.b x\nlang fa", "x.rules:2:1: error: 'lang' must come once"),
        ("lang xx", "x.rules:1:6: error: unknown language 'xx'"),
    ])
    func syntaxErrorsSayWhereAndWhat(_ text: String, _ expected: String) {
        let found = errors(text)
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix(expected) == true, "\(found)")
    }

    @Test func reportsEveryErrorNotJustTheFirst() {
        #expect(errors("frob a\ndrop b.c (\ndrop d.e )").count == 1)   // parse errors stop before compiling
        #expect(errors("drop b.c (\ndrop d.e )").count == 2)
    }

    @Test func warnsAboutDuplicateIDs() throws {
        let file = try parse("drop a.b x\ndrop a.b y")
        #expect(file.warnings.map(\.description) == ["x.rules:2:1: warning: duplicate rule id 'a.b' (first at line 1)"])
    }

    @Test func acceptsCRLFRuleFiles() throws {
        let file = try parse("lang en\r\ndrop a.b ^x$\r\n  - x\r\n")
        #expect(file.rules[0].pattern == "^x$")
        #expect(file.rules[0].examples[0].text == "x")
    }
}
