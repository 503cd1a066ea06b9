/// Prints nothing: counts the documents, their lines and the lines removed per
/// reason (`stats`). Used by one worker at a time (a sequential run).
public final class TallyPrinter: Printer {
    public let ruleSet: RuleSet
    public private(set) var documents = 0
    /// Lines that are not blank.
    public private(set) var lines = 0
    public private(set) var tally = RemovalTally()

    public init(ruleSet: RuleSet) { self.ruleSet = ruleSet }

    public func print(_ document: [UInt8], _ result: CleanResult, place: DocumentPlace, into out: inout [UInt8]) {
        documents += 1
        lines += result.fates.filter { $0 != .blank }.count
        tally.add(RemovalTally(result, ruleSet: ruleSet))
    }

    public var writesPassedThrough: Bool { false }
}
