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
}
