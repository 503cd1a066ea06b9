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

    /// Calls `visit` with each rule of the group whose pattern matches, in priority
    /// order, until it returns true; `marks` come from the line's prefilter.
    /// (`scratch` holds no captures then: a caller that needs them runs the rule
    /// again.) A rule that hits a match limit is reported through `onLimit` and ends
    /// the search: no later rule decides a line an earlier one could not.
    func forEachMatch(_ marks: RuleMarks, shadow: UnsafeBufferPointer<UInt8>, raw: UnsafeBufferPointer<UInt8>,
                      scratch: MatchScratch, onLimit: (CompiledRule, String) -> Void,
                      _ visit: (CompiledRule) -> Bool) {
        if rules.isEmpty { return }
        for n in marks.sortedMarks() where isMember[n] {
            let rule = all[n]
            if marks.isKnownMatch(n) {
                if visit(rule) { return }
                continue
            }
            switch rule.regex.match(rule.rule.raw ? raw : shadow, scratch: scratch) {
            case .match:
                if visit(rule) { return }
            case .noMatch:
                continue
            case .limitExceeded(let message), .failed(let message):
                onLimit(rule, message)
                return
            }
        }
    }
}
