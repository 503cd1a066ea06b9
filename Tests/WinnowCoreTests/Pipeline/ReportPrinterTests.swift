import Foundation
import Testing
@testable import WinnowCore

/// `batch --report`'s printer alone: a JSON line a document, fields in a fixed order.
@Suite struct ReportPrinterTests {
    let page = "Title\n×\nBody line one.\nBody line one.".bytes
    let printer = ReportPrinter(ruleSet: defaultRules) { "site/" + $0.path }

    func line(_ report: DocumentReport) -> String {
        var out: [UInt8] = []
        printer.print(report, place: DocumentPlace(path: "a.txt"), into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    @Test func aCleanedDocumentsLineSaysWhatWasRemovedAndHowMuchIsLeft() throws {
        let result = Cleaner(ruleSet: defaultRules).clean(page)
        var out: [UInt8] = []
        printer.print(page, result, place: DocumentPlace(path: "a.txt"), into: &out)
        let text = String(decoding: out, as: UTF8.self)
        #expect(text.hasPrefix(#"{"path":"site/a.txt","status":"cleaned","lang":"en","bytes_in":38,"bytes_out":21,"lines_in":4,"lines_removed":2,"removed_by":{"#))
        #expect(text.hasSuffix("}\n") && text.filter { $0 == "\n" }.count == 1)
        let fields = try #require(JSONSerialization.jsonObject(with: Data(out)) as? [String: Any])
        #expect((fields["removed_by"] as? [String: Int])?.values.reduce(0, +) == 2)
        #expect(fields["over_budget"] == nil)
        // The same line as from the facts with the size the run wrote.
        var written: [UInt8] = []
        CleanTextPrinter().print(page, result, place: DocumentPlace(path: "a.txt"), into: &written)
        #expect(line(DocumentReport(cleaned: page, result, bytesOut: written.count, ruleSet: defaultRules)) == text)
        #expect(!printer.writesPassedThrough)
    }

    @Test func skippedAndFailedDocumentsSayOnlyThat() {
        #expect(line(DocumentReport()) == #"{"path":"site/a.txt","status":"skipped"}"# + "\n")
        #expect(line(DocumentReport(status: .failed("binary file (NUL bytes)")))
                == #"{"path":"site/a.txt","status":"failed","error":"binary file (NUL bytes)"}"# + "\n")
    }

    @Test func anOverBudgetDocumentSaysSoBeforeItsMeta() {
        var report = DocumentReport(status: .cleaned)
        report.overBudget = true
        report.metadata = [("id", "7"), ("id", "8"), ("date", "today")]
        #expect(line(report).hasSuffix(#""removed_by":{},"over_budget":true,"meta":{"id":"7","date":"today"}}"# + "\n"))
    }
}
