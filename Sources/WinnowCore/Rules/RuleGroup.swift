/// Rules tried in priority order behind combined prefilters: one alternation of all
/// combinable shadow rules and one of all combinable raw rules. A line that matches
/// no rule of the group costs one JIT call per prefilter; only a line a prefilter
/// accepts is tried rule by rule, to find which rule fires first.
final class RuleGroup: @unchecked Sendable {
    let rules: [CompiledRule]
    /// One prefilter per kind of rule: shadow or raw subject, anchored or not.
    /// Anchored rules are kept apart so their alternation stays anchored too.
    private let filters: [Regex?]
    /// Each rule's kind: 2 × raw + anchored, or -1 when it is not combined.
    private let kinds: [Int]
    private let hasUnfiltered: Bool
    /// The kinds some rule here has.
    private let presentKinds: [Int]

    static func kind(_ rule: CompiledRule) -> Int {
        rule.combinable ? (rule.rule.raw ? 2 : 0) + (rule.regex.isAnchored ? 1 : 0) : -1
    }

    init(_ rules: [CompiledRule]) {
        self.rules = rules
        let kinds = rules.map(RuleGroup.kind)
        self.kinds = kinds
        filters = (0..<4).map { kind in RuleGroup.combine(rules.filter { RuleGroup.kind($0) == kind }) }
        hasUnfiltered = rules.contains { !$0.combinable }
        presentKinds = (0..<4).filter { kinds.contains($0) }
    }

    var isEmpty: Bool { rules.isEmpty }

    /// The alternation of the rules' patterns, e.g. `(?:^a$)|(?:b)`; nil if there are
    /// none or PCRE2 refuses the combination (then every rule is tried on its own).
    static func combine(_ rules: [CompiledRule]) -> Regex? {
        guard rules.count > 1 else { return rules.first?.regex }
        return try? Regex(alternation(of: rules.map(\.regex.pattern)))
    }

    static func alternation(of patterns: [String]) -> String {
        patterns.map { "(?:\($0))" }.joined(separator: "|")
    }

    /// Calls `visit` with each rule whose pattern matches, in priority order, until it
    /// returns true. A rule that hits a match limit is reported through `onLimit` and
    /// ends the search: no later rule decides a line an earlier one could not.
    func forEachMatch(shadow: UnsafeBufferPointer<UInt8>, raw: UnsafeBufferPointer<UInt8>,
                      scratch: MatchScratch, onLimit: (CompiledRule, String) -> Void,
                      _ visit: (CompiledRule) -> Bool) {
        if rules.isEmpty { return }
        // A kind with no filter (PCRE2 refused the combination): try its rules one by one.
        var hits: (Bool, Bool, Bool, Bool) = (false, false, false, false)
        var anyHit = hasUnfiltered
        withUnsafeMutableBytes(of: &hits) { h in
            for kind in presentKinds {
                let hit = filters[kind].map { $0.match(kind >= 2 ? raw : shadow, scratch: scratch) != .noMatch } ?? true
                h[kind] = hit ? 1 : 0
                anyHit = anyHit || hit
            }
        }
        if !anyHit { return }
        let hit = [hits.0, hits.1, hits.2, hits.3]
        var stopped = false
        for (n, rule) in rules.enumerated() {
            if kinds[n] >= 0 && !hit[kinds[n]] { continue }
            switch rule.regex.match(rule.rule.raw ? raw : shadow, scratch: scratch) {
            case .match:
                if visit(rule) { return }
            case .noMatch:
                continue
            case .limitExceeded(let message), .failed(let message):
                onLimit(rule, message)
                stopped = true
            }
            if stopped { return }
        }
    }
}
