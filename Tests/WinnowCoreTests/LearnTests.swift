import Testing
@testable import WinnowCore

/// `winnow learn` on pages of two invented sites: it must find and generalise
/// their template lines and leave their article lines out.
@Suite struct LearnTests {
    static let persianWords = ["بازار", "شهر", "دولت", "باران", "مدرسه", "پزشکان", "کارخانه", "جاده", "کشاورزان", "دانشگاه", "موزه", "قطار", "رودخانه", "بیمارستان", "کتابخانه", "ورزشگاه"]
    static let verbs = ["اعلام کرد", "افزایش یافت", "بسته شد", "بازگشایی شد", "گسترش می‌یابد", "تعطیل شد"]
    static let months = ["فروردین", "اردیبهشت", "خرداد", "مهر", "آبان", "آذر"]
    static let names = ["مریم احمدی", "علی رضایی", "سارا کریمی", "رضا موسوی", "نرگس تهرانی"]

    /// A unique article sentence for page `p`, paragraph `k`.
    static func sentence(_ rng: inout SplitMix64, _ p: Int, _ k: Int) -> String {
        let w = (0..<9).map { _ in persianWords.randomElement(using: &rng)! }
        return "\(w[0]) و \(w[1]) در گزارش شماره \(p * 10 + k) درباره \(w[2]) و \(w[3]) گفتند که \(w[4]) در کنار \(w[5]) \(verbs.randomElement(using: &rng)!) و \(w[6]) نیز \(w[7]) را دید."
    }

    /// Site A: ids, dates, author cards, share line, a latest-news list.
    static func pageA(_ p: Int, _ rng: inout SplitMix64) -> (String, template: [String], article: [String]) {
        let template = ["کد خبر: \(100000 + p * 37)",
                        "تاریخ انتشار: \(p % 28 + 1) \(months[p % months.count]) ۱۴۰۳",
                        "نویسنده: \(names[p % names.count])",
                        "اشتراک گذاری",
                        "آخرین اخبار"]
        let headline = (0..<6).map { _ in persianWords.randomElement(using: &rng)! }.joined(separator: " ")
        let article = [headline] + (0..<5).map { sentence(&rng, p, $0) }
        let list = (0..<5).map { "\(persianWords.randomElement(using: &rng)!) \(persianWords.randomElement(using: &rng)!) و \(persianWords.randomElement(using: &rng)!) \(p)\($0)" }
        let page = [template[0], template[1], article[0], template[2]] + article.dropFirst() + [template[3], template[4]] + list
        return (page.joined(separator: "\n") + "\n", template, article)
    }

    /// Site B: another template in English.
    static func pageB(_ p: Int, _ rng: inout SplitMix64) -> (String, template: [String], article: [String]) {
        let template = ["Story ID \(5000 + p * 11)", "Updated \(p % 12 + 1) hours ago", "Share this story", "Follow The Ledger on X", "Copyright 2025 The Ledger"]
        let nouns = ["council", "harbour", "school", "market", "bridge", "library", "clinic", "festival", "factory", "river"]
        func s(_ k: Int) -> String {
            let n = (0..<6).map { _ in nouns.randomElement(using: &rng)! }
            return "The \(n[0]) and the \(n[1]) were the subject of report \(p * 10 + k), which said the \(n[2]) near the \(n[3]) would change how the \(n[4]) serves the \(n[5])."
        }
        let article = [(0..<6).map { _ in nouns.randomElement(using: &rng)!.capitalized }.joined(separator: " ")] + (0..<5).map(s)
        let page = [template[0], article[0], template[1]] + article.dropFirst() + [template[2], template[3], template[4]]
        return (page.joined(separator: "\n") + "\n", template, article)
    }

    @Test func learnsTemplateLinesAndLeavesArticleLinesOut() throws {
        var rng = SplitMix64(seed: 11)
        var learner = TemplateLearner()
        var articles: [String] = []
        for p in 0..<12 {
            let a = Self.pageA(p, &rng), b = Self.pageB(p, &rng)
            learner.add(Array(a.0.utf8))
            learner.add(Array(b.0.utf8))
            articles += a.article + b.article
        }
        let text = learner.ruleFile(site: "test")
        #expect(text.contains("# pages mostly in \(learner.language?.rawValue ?? "?")\nlang all\n"), "\(text)")
        let file = try RuleParser(path: "learned.rules").parse(text)
        let rules = try RuleSet(files: [file])
        let scratch = MatchScratch()
        func matched(_ line: String) -> Bool {
            rules.rules.contains { $0.regex.matches(Normalizer.normalize(line).utf8, scratch: scratch) }
        }
        // Template lines of pages it has not seen (new ids, dates, names) are removed by
        // the rules alone (a line below a cut goes with the cut, not by a rule of its own)...
        var options = CleanOptions()
        options.detectorsOff = Set(DetectorRegistry.standard.ids)
        let cleaner = Cleaner(ruleSet: rules, options: options)
        for p in 40..<44 {
            for (page, template) in [Self.pageA(p, &rng), Self.pageB(p, &rng)].map({ ($0.0, $0.template) }) {
                let bytes = Array(page.utf8)
                let kept = Set(bytes.withUnsafeBufferPointer { buffer in
                    let result = cleaner.clean(buffer)
                    return result.spans.indices.filter { !result.fates[$0].isRemoved }.map {
                        String(decoding: buffer[result.spans[$0].content], as: UTF8.self)
                    }
                })
                for line in template { #expect(!kept.contains(line), "not learned: \(line)\n\(text)") }
            }
        }
        // ...and no article line is.
        for line in articles { #expect(!matched(line), "article line learned: \(line)") }
        // Digits and varying words are generalised, not copied.
        #expect(text.contains(#"^کد\s+خبر:\s+\d+$"#))
        #expect(text.contains(#"\S+"#))
        // The list heading is proposed as a list, with real examples.
        #expect(text.contains("list test.learned-"))
        #expect(text.contains("  - آخرین اخبار"))
    }

    /// As many pages of two languages: the rule file's `lang` must not depend on the
    /// order a dictionary lists them in (it changes from one run to the next; the same
    /// two pages gave `lang fa` or `lang ar`). The first in `Language`'s order wins.
    @Test func aTieOfLanguagesGoesToTheFirstInOrder() {
        let persian = "این یک خبر است که در آن گفته شد که کار پیش رفت و همه چیز خوب بود.\n"
        let arabic = "قال المسؤول إن العمل مستمر في المدينة وإن النتائج كانت جيدة هذا العام.\n"
        for order in [[persian, arabic], [arabic, persian]] {
            for _ in 0..<8 {
                var learner = TemplateLearner()
                for page in order { learner.add(Array(page.utf8)) }
                #expect(Set(learner.languages.keys) == [.fa, .ar])
                #expect(learner.language == .ar)
            }
        }
    }

    @Test func proseIsLeftOutUnlessAsked() {
        var learner = TemplateLearner()
        let disclaimer = "This story was written by our partners, and the views in it are theirs alone, not ours, as always."
        let headlines = ["Rain returns to the valley", "Council backs new bridge", "Harbour fish prices climb", "Library opens late on Fridays", "School choir wins the cup"]
        for h in headlines { learner.add(Array("\(h)\n\(disclaimer)\n".utf8)) }
        #expect(learner.candidates().isEmpty)
        learner.includeProse = true
        #expect(learner.candidates().first?.looksLikeProse == true)
    }

    /// A site whose pages list the other pages' headlines under "Related": each
    /// headline stands in every page, as often as a template line. None may be
    /// proposed (before: one drop rule a headline, and every page lost its own).
    static func relatedSite() -> (pages: [String], headlines: [String]) {
        let headlines = ["Rain returns to the valley after a dry spring", "Council backs the new bridge over the river",
                         "Harbour fish prices climb for a third month", "Library opens late on Fridays from next week",
                         "School choir wins the county cup in its first year"]
        let pages = headlines.indices.map { p -> String in
            // The lead shares the headline's words, as a real lead does (`HeadlineGuard`).
            let lead = "Reporters said on Tuesday that \(headlines[p].lowercased()), and the town heard the news at noon."
            let body = [lead] + (0..<3).map { k in "Paragraph \(k) of story \(p) says that the people of the town were told about it, and most of them agreed with what they heard." }
            let related = headlines.indices.filter { $0 != p }.map { headlines[$0] }
            return (["The Valley Post", "Home", "News", "", headlines[p], ""] + body + ["", "Related"] + related + ["", "© 2025 The Valley Post"])
                .joined(separator: "\n") + "\n"
        }
        return (pages, headlines)
    }

    @Test func aPagesHeadlineIsNeverProposedThoughOtherPagesListIt() throws {
        let site = Self.relatedSite()
        var learner = TemplateLearner()
        for page in site.pages { learner.add(Array(page.utf8)) }
        let text = learner.ruleFile(site: "test")
        let rules = try RuleSet(files: [try RuleParser(path: "learned.rules").parse(text)])
        let scratch = MatchScratch()
        for headline in site.headlines {
            #expect(!rules.rules.contains { $0.regex.matches(Normalizer.normalize(headline).utf8, scratch: scratch) },
                    "a headline is proposed: \(headline)\n\(text)")
        }
        // The template itself is still found.
        #expect(text.contains(#"^The\s+Valley\s+Post$"#))
        // Asked for everything, the headlines come with a warning.
        learner.includeProse = true
        #expect(learner.candidates().contains { $0.isHeadline })
        #expect(learner.ruleFile(site: "test").contains("(a page's headline: check it)"))
    }

    /// A menu's last item right above the headline, followed by short lines: as a
    /// `list` heading it would take the headline among its items, so it is a `drop`.
    @Test func aListThatWouldTakeTheHeadlineIsADrop() {
        var learner = TemplateLearner()
        let titles = ["Storm closes the coast road for two days", "Farmers count the cost of the late frost",
                      "New ferry timetable starts on Monday morning", "Museum finds a lost painting in its attic"]
        for (p, title) in titles.enumerated() {
            let lead = "Reporters said on Monday that the \(title.lowercased()), as the town council had feared."
            let body = [lead] + (0..<3).map { k in "Paragraph \(k) of report \(p) explains what happened and what the town council plans to do about it next week." }
            let page = (["Ask us a question", "Home » News » Local", "By Sam Reed and Ann Cole", "Updated \(p + 1) May 2025 at noon", title] + body)
                .joined(separator: "\n") + "\n"
            learner.add(Array(page.utf8))
        }
        let ask = learner.candidates().first { $0.examples.contains("Ask us a question") }
        #expect(ask?.action == .drop, "\(learner.ruleFile(site: "test"))")
    }

    /// Learned rules must fire on the pages they were learned from. `where tail` means
    /// below the last prose line: a "Comments" heading with comments (prose) under it
    /// is no tail line, whatever its place on the page. A tab-indented menu item gets
    /// `\s*` at the pattern's ends (the shadow keeps the tab). A byline whose next lines
    /// are the template's own (a date, "Listen to this article") is no list heading.
    @Test func learnedRulesFireOnThePagesTheyCameFrom() throws {
        var pages: [String] = []
        let stories = ["the harbour wall", "the night market", "the river ferry", "the old mill", "the school roof"]
        for (p, story) in stories.enumerated() {
            let lead = "Work on \(story) began on Monday, the council said, and it should end before the winter storms."
            let body = [lead] + (0..<3).map { k in "Paragraph \(k) about \(story) says what the town plans next, and why it will take so long." }
            let comments = (0..<4).map { k in "Reader \(k) wrote that \(story) was long overdue, and that the council should have acted years ago." }
            let page = ["The Valley Post", "\tHome", "\tSport", "By Sam Reed", "Tuesday \(p + 1) October 2025, 7:30am",
                        "Listen to this article", "News about \(story) for the town today", "", ] + body
                + ["", "Comments"] + comments + ["", "© 2025 The Valley Post"]
            pages.append(page.joined(separator: "\n") + "\n")
        }
        var learner = TemplateLearner()
        for page in pages { learner.add(Array(page.utf8)) }
        let text = learner.ruleFile(site: "test")
        let rules = try RuleSet(files: [try RuleParser(path: "learned.rules").parse(text)])
        let cleaner = Cleaner(ruleSet: rules, options: CleanOptions())
        var fired = Set<String>()
        for page in pages {
            let bytes = Array(page.utf8)
            let result = bytes.withUnsafeBufferPointer { cleaner.clean($0) }
            for fate in result.fates {
                if case .removed(let reason) = fate, let rule = reason.ruleIndex { fired.insert(rules.rules[rule].rule.id) }
            }
        }
        let all = Set(rules.rules.map(\.rule.id))
        #expect(all.subtracting(fired).isEmpty, "never fired: \(all.subtracting(fired).sorted())\n\(text)")
        #expect(text.contains(#"^\s*Home\s*$"#), "\(text)")
        #expect(!text.contains("^Comments$\n  where tail"), "\(text)")
        let byline = learner.candidates().first { $0.examples.contains("By Sam Reed") }
        #expect(byline?.action == .drop, "\(text)")
    }

    /// The titles of a "Related stories" list stand low on every page with no prose
    /// after them, as the list's heading does: each would be a cut, and every one but
    /// the heading's would never fire (the heading's cut takes them). They are left out.
    @Test func aCutBelowAnotherCutIsLeftOut() {
        var learner = TemplateLearner()
        let related = ["Coastguard rescues four from stranded yacht", "Exporters report record kiwifruit season"]
        for p in 0..<4 {
            let body = (0..<4).map { k in "Paragraph \(k) of report \(p) explains what happened and what the town council plans to do about it next week." }
            learner.add(Array((["Harbour Wire", "Story \(p) of the week in the harbour town"] + body + ["Related stories"] + related).joined(separator: "\n").utf8))
        }
        let cuts = learner.candidates().filter { $0.action == .cut }
        #expect(cuts.map(\.examples) == [["Related stories"]], "\(learner.ruleFile(site: "test"))")
    }
}
