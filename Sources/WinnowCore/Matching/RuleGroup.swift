/// Rules of one role (keep; drop, cut, list and meta; strip) for one combination
/// of languages, tried in priority order among those the line's `Prefilter` marked.
final class RuleGroup: @unchecked Sendable {
    /// The group's rules, in priority order.
    let rules: [CompiledRule]
    /// Every rule of the rule set, by index.
    private let all: [CompiledRule]
    /// Whether rule n (by index in the rule set) belongs to the group.
    private let isMember: [Bool]
    /// Rule n's pattern and whether it reads the raw line, for the loop over a
    /// line's candidates: reached through the rule, each candidate cost four
    /// reference-count calls. Unretained: `all` keeps the patterns alive as long
    /// as the group.
    private let patterns: [(regex: Unmanaged<Regex>, raw: Bool)]

    init(_ rules: [CompiledRule], all: [CompiledRule]) {
        self.rules = rules
        self.all = all
        var isMember = [Bool](repeating: false, count: all.count)
        for rule in rules { isMember[rule.index] = true }
        self.isMember = isMember
        patterns = all.map { (Unmanaged.passUnretained($0.regex), $0.rule.raw) }
    }

    /// Appends to `found` the index (in the rule set) of each rule of the group whose
    /// pattern matches the line, in priority order; `marks` come from the line's
    /// prefilter. (`scratch` holds no captures then: a caller that needs them runs
    /// the rule again.) A rule that hits a match limit ends the search and is
    /// returned with PCRE2's message: no later rule decides a line an earlier one
    /// could not.
    func matches(_ marks: RuleMarks, shadow: UnsafeBufferPointer<UInt8>, raw: UnsafeBufferPointer<UInt8>,
                 scratch: MatchScratch, into found: inout [Int32]) -> (rule: CompiledRule, message: String)? {
        if rules.isEmpty { return nil }
        for n in marks.sortedMarks() where isMember[n] {
            if marks.isKnownMatch(n) {
                found.append(Int32(n))
                continue
            }
            let pattern = patterns[n]
            let outcome = pattern.regex._withUnsafeGuaranteedRef { $0.match(pattern.raw ? raw : shadow, scratch: scratch) }
            switch outcome {
            case .match:
                found.append(Int32(n))
            case .noMatch:
                continue
            case .limitExceeded(let message), .failed(let message):
                return (all[n], message)
            }
        }
        return nil
    }
}
