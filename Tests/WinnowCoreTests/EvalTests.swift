import Foundation
import Testing
@testable import WinnowCore

/// The evaluation set (eval/: 45 original pages from 9 invented sites with gold
/// files) scored with the default rules and cross-document detection, as
/// `winnow eval` does. The floors only go up: raise them when the scores improve.
@Suite struct EvalTests {
    static let floorRecall = 0.999
    static let floorChromeRemoval = 0.99
    static let floorExactPages = 39

    static func evaluate() throws -> Evaluation {
        let root = packageRoot + "/eval"
        var items: [(page: String, gold: String, site: String)] = []
        for site in try FileManager.default.contentsOfDirectory(atPath: root + "/pages").sorted() {
            for name in try FileManager.default.contentsOfDirectory(atPath: root + "/pages/" + site).sorted() where name.hasSuffix(".txt") {
                items.append((root + "/pages/\(site)/\(name)", root + "/gold/\(site)/\(name)", site))
            }
        }
        // One index per site (folder), a line template from 2 pages, as batch counts.
        let index = TemplateIndex(minimumDocuments: 2)
        for item in items { index.add(try readFile(String(item.page.dropFirst(packageRoot.count + 1))), site: TemplateIndex.siteKey(item.site)) }
        let cleaner = Cleaner(ruleSet: defaultRules)
        var evaluation = Evaluation()
        for item in items {
            let page = [UInt8](try Data(contentsOf: URL(fileURLWithPath: item.page)))
            let gold = [UInt8](try Data(contentsOf: URL(fileURLWithPath: item.gold)))
            cleaner.templateSite = TemplateIndex.siteKey(item.site)
            let result = cleaner.clean(page, templates: index)
            evaluation.add(page: item.page, document: page, gold: gold, result: result,
                           explanation: Explanation(ruleSet: defaultRules), groups: ["lang " + result.language.rawValue, item.site])
        }
        return evaluation
    }

    @Test func scoresStayAboveTheirFloors() throws {
        let e = try Self.evaluate()
        #expect(e.total.pages == 45)
        #expect(e.total.recall >= Self.floorRecall, "recall \(e.total.recall)")
        #expect(e.total.chromeRemoval >= Self.floorChromeRemoval, "chrome removal \(e.total.chromeRemoval)")
        #expect(e.total.exact >= Self.floorExactPages, "exact \(e.total.exact)")
        let lost = e.mistakes.filter(\.lost).map { "\($0.page):\($0.line) \($0.text.prefix(60))" }
        #expect(lost.isEmpty, "article lines removed: \(lost)")
    }

    @Test func everyLanguageScoresWell() throws {
        let e = try Self.evaluate()
        for lang in ["lang fa", "lang ar", "lang en"] {
            let c = try #require(e.byGroup[lang])
            #expect(c.recall >= 0.99 && c.chromeRemoval >= 0.95, "\(lang): recall \(c.recall), chrome removal \(c.chromeRemoval)")
        }
    }

    @Test func scoresCountCharacters() {
        var e = Evaluation()
        let page = Array("Title\nchrome\nBody.\n".utf8)
        let gold = Array("Title\nBody.\n".utf8)
        let result = Cleaner(ruleSet: .empty).clean(page)
        e.add(page: "p", document: page, gold: gold, result: result, explanation: Explanation(ruleSet: .empty), groups: [])
        #expect(e.total.recall == 1)
        #expect(e.total.chromeRemoval == 0)
        #expect(abs(e.total.precision - 10.0 / 16.0) < 1e-9)
        #expect(e.total.exact == 0)
    }

    /// A stripped line is scored by its text as written (the flag taken out): an
    /// output equal to the gold is exact (it scored 0: the original line was compared).
    /// A gold line the page does not hold is passed over and reported, instead of
    /// making every later gold line "chrome kept".
    @Test func strippedLinesAndStrayGoldLinesAreScoredAsTheyStand() throws {
        let rules = try RuleSet(files: [try RuleParser(path: "t.rules").parse("""
        strip t.flag  \\s*\\[(?i:updated|exclusive|video)\\]
        drop t.share  ^Share$
        """)])
        let p1 = "The river rose two metres overnight and the city closed three of its bridges today."
        let p2 = "Engineers will inspect the piers once the water falls, which may take until Friday."
        let page = Array("Council votes to close the bridge [Video]\n\n\(p1)\n\n\(p2)\nShare\n".utf8)
        var options = CleanOptions()
        options.detectorsOff = Set(DetectorRegistry.standard.ids)
        let result = Cleaner(ruleSet: rules, options: options).clean(page)
        var e = Evaluation()
        e.add(page: "a", document: page, gold: Array("Council votes to close the bridge\n\(p1)\n\(p2)\n".utf8), result: result,
              explanation: Explanation(ruleSet: rules), groups: [])
        #expect(e.total.exact == 1 && e.total.recall == 1 && e.total.chromeRemoval == 1, "\(e.total)")
        #expect(e.strayGold.isEmpty)
        var stray = Evaluation()
        stray.add(page: "b", document: page, gold: Array("A headline the page lacks\nCouncil votes to close the bridge\n\(p1)\n\(p2)\n".utf8),
                  result: result, explanation: Explanation(ruleSet: rules), groups: [])
        #expect(stray.strayGold.map(\.line) == [1])
        #expect(stray.total.recall == 1 && stray.total.chromeRemoval == 1 && stray.total.exact == 0, "\(stray.total)")
        #expect(stray.mistakes.isEmpty)
    }
}
