/// What the rule pass reuses from pass to pass and document to document on one
/// worker (one `Cleaner`): PCRE2 match data, buffers to map a shadow back to its
/// line, the rule matches of the document's lines, and the last pass's scope misses.
final class RuleScratch {
    let match: MatchScratch
    var origins: [Int] = []
    var originShadow: [UInt8] = []
    /// Rule matches per line of the document being cleaned.
    let matchCache = LineMatchCache()
    /// Lines a `first N` or `last N` rule matched but its scope kept out, in the last pass.
    var scopeMisses: [(line: Int, scope: RuleScope)] = []

    init(ruleSet: RuleSet, limits: MatchScratch.Limits) {
        match = MatchScratch(captureCapacity: max(ruleSet.maxCaptureCount, 16), limits: limits)
    }
}
