/// `batch --report`: one JSON line a document, what became of it (its name,
/// status, language, sizes, lines removed by reason, what `meta` rules captured).
/// The run writes the lines in input order as the documents finish.
public struct ReportPrinter: Printer {
    public let ruleSet: RuleSet
    /// The name a document goes by in the report (a batch's: its path under the input folder).
    public let name: @Sendable (DocumentPlace) -> String

    public init(ruleSet: RuleSet, name: @escaping @Sendable (DocumentPlace) -> String) {
        self.ruleSet = ruleSet
        self.name = name
    }

    /// A cleaned document's line; its output is taken to be the cleaned text
    /// (`CleanTextPrinter`), written here only to be measured. A run that writes the
    /// text itself (batch) knows its size: `print(_:place:into:)`.
    public func print(_ document: [UInt8], _ result: CleanResult, place: DocumentPlace, into out: inout [UInt8]) {
        var text: [UInt8] = []
        CleanTextPrinter().print(document, result, place: place, into: &text)
        print(DocumentReport(cleaned: document, result, bytesOut: text.count, ruleSet: ruleSet), place: place, into: &out)
    }

    public var writesPassedThrough: Bool { false }

    /// The line of one document.
    public func print(_ report: DocumentReport, place: DocumentPlace, into out: inout [UInt8]) {
        ReportPrinter.line(name(place), report, into: &out)
    }

    /// The line of a document named `name`.
    public static func line(_ name: String, _ report: DocumentReport, into out: inout [UInt8]) {
        var json = JSONWriter()
        json.beginObject()
        json.key("path"); json.string(name)
        switch report.status {
        case .cleaned: json.key("status"); json.string("cleaned")
        case .skipped: json.key("status"); json.string("skipped")
        case .failed(let reason): json.key("status"); json.string("failed"); json.key("error"); json.string(reason)
        }
        if case .cleaned = report.status {
            json.key("lang"); json.string(report.language?.rawValue ?? "")
            json.key("bytes_in"); json.number(report.bytesIn)
            json.key("bytes_out"); json.number(report.bytesOut)
            json.key("lines_in"); json.number(report.linesIn)
            json.key("lines_removed"); json.number(report.tally.total)
            json.key("removed_by"); json.counts(report.tally)
            if report.overBudget { json.key("over_budget"); json.bool(true) }
            var seen = Set<String>()
            json.key("meta"); json.object(report.metadata.filter { seen.insert($0.key).inserted }.map { ($0.key, $0.value) })
        }
        json.endObject()
        out.append(contentsOf: json.bytes)
        out.append(0x0A)
    }
}
