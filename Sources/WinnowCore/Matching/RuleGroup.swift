/// Rules of one role (keep; drop, cut, list and meta; strip) for one combination
/// of languages, tried in priority order among those the line's `Prefilter` marked.
final class RuleGroup: @unchecked Sendable {
    /// The group's rules, in priority order.
    let rules: [CompiledRule]
    /// Every rule of the rule set, by index.
    private let all: [CompiledRule]
    /// Whether rule n (by index in the rule set) belongs to the group.
    private let isMember: [Bool]

    init(_ rules: [CompiledRule], all: [CompiledRule]) {
        self.rules = rules
        self.all = all
        var isMember = [Bool](repeating: false, count: all.count)
        for rule in rules { isMember[rule.index] = true }
        self.isMember = isMember
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
            let rule = all[n]
            if marks.isKnownMatch(n) {
                found.append(Int32(n))
                continue
            }
            switch rule.regex.match(rule.rule.raw ? raw : shadow, scratch: scratch) {
            case .match:
                found.append(Int32(n))
            case .noMatch:
                continue
            case .limitExceeded(let message), .failed(let message):
                return (rule, message)
            }
        }
        return nil
    }
}
