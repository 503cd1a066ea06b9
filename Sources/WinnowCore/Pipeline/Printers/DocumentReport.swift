/// What became of one document of a run that writes its own outputs (batch): the
/// facts its report line gives (`ReportPrinter`) and its summary adds up.
public struct DocumentReport: Sendable {
    public enum Status: Sendable { case cleaned, skipped, failed(String) }
    public var status: Status
    public var bytesIn = 0
    public var bytesOut = 0
    /// Lines that are not blank.
    public var linesIn = 0
    public var tally = RemovalTally()
    public var metadata: [(key: String, value: String)] = []
    public var language: Language?
    public var overBudget = false

    /// A document left as it was (skipped), or one that failed.
    public init(status: Status = .skipped) { self.status = status }

    /// A cleaned document, whose output holds `bytesOut` bytes.
    public init(cleaned document: [UInt8], _ result: CleanResult, bytesOut: Int, ruleSet: RuleSet) {
        status = .cleaned
        bytesIn = document.count
        self.bytesOut = bytesOut
        linesIn = result.fates.filter { $0 != .blank }.count
        tally = RemovalTally(result, ruleSet: ruleSet)
        metadata = result.metadata
        language = result.language
        overBudget = result.overBudget
    }
}
