import Foundation
import Testing
@testable import WinnowCore

/// Each printer alone, on one cleaned document.
@Suite struct PrinterTests {
    let page = "Title\n×\nBody line one.\nBody line one.".bytes
    var result: CleanResult {
        var options = CleanOptions()
        options.collectEvidence = true
        return Cleaner(ruleSet: defaultRules, options: options).clean(page)
    }
    let place = DocumentPlace(path: "page.txt")

    func printed(_ printer: some Printer) -> String {
        var out: [UInt8] = []
        printer.print(page, result, place: place, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    @Test func cleanTextIsTheCleanWritersOutput() {
        #expect(printed(CleanTextPrinter()) == "Title\nBody line one.\n")
        #expect(printed(CleanTextPrinter()) == String(decoding: CleanWriter.cleaned(page, result), as: UTF8.self))
        // A stream's record keeps the input's shape: no line end where it had none.
        #expect(printed(CleanTextPrinter(finalLineEnd: .likeInput)) == "Title\nBody line one.")
        #expect(CleanTextPrinter().writesPassedThrough)
    }

    @Test func aCheckPrintsNothing() {
        #expect(printed(SilentPrinter()).isEmpty)
        #expect(!SilentPrinter().writesPassedThrough)
    }

    @Test func anExplanationShowsEveryLineWithItsFate() {
        var printer = ExplainPrinter(ruleSet: defaultRules, format: .plain, color: false, onlyRule: nil)
        let plain = printed(printer)
        #expect(plain.hasPrefix("# language: "))
        #expect(plain.split(separator: "\n").filter { $0.contains(" │ ") }.count == 4)
        printer.titled = true
        #expect(printed(printer).hasPrefix("==> page.txt <==\n"))
        #expect(!printer.writesPassedThrough)
    }

    @Test func aJSONExplanationIsOneEventALine() throws {
        let json = printed(ExplainPrinter(ruleSet: defaultRules, format: .json, color: false, onlyRule: nil))
        let events = try json.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(events.map { $0?["type"] as? String } == ["begin", "line", "line", "line", "line", "end"])
        #expect(events.last??["path"] as? String == "page.txt")
    }

    @Test func aDiffExplanationDeletesTheRemovedLines() {
        let diff = printed(ExplainPrinter(ruleSet: defaultRules, format: .diff, color: false, onlyRule: nil))
        #expect(diff.hasPrefix("--- page.txt\n+++ page.txt (cleaned)\n"))
        #expect(diff.contains("\n-×\n"))
    }

    @Test func goldScoresAddUpAndPrintNothing() {
        // The gold keeps the title and the body line; the lone symbol is chrome.
        let scorer = GoldScorePrinter(explanation: Explanation(ruleSet: defaultRules)) { place in
            place.path == "page.txt" ? ("site/page.txt", "Title\nBody line one.\nBody line one.\n".bytes) : ("site/none.txt", nil)
        }
        #expect(printed(scorer).isEmpty)
        #expect(!scorer.writesPassedThrough)
        #expect(scorer.evaluation.total.pages == 1)
        #expect(scorer.evaluation.byGroup["site site"]?.pages == 1)
        var out: [UInt8] = []
        scorer.print(page, result, place: DocumentPlace(path: "none.txt"), into: &out)
        #expect(scorer.missingGold == ["site/none.txt"])
        #expect(scorer.evaluation.total.pages == 1)
    }
}
