/// Rules tried in priority order behind combined prefilters: one alternation of all
/// combinable shadow rules and one of all combinable raw rules. A line that matches
/// no rule of the group costs one JIT call per prefilter; only a line a prefilter
/// accepts is tried rule by rule, to find which rule fires first.
final class RuleGroup: @unchecked Sendable {
    let rules: [CompiledRule]
    private let shadowFilter: Regex?
    private let rawFilter: Regex?
    private let hasUnfiltered: Bool

    init(_ rules: [CompiledRule]) {
        self.rules = rules
        shadowFilter = RuleGroup.combine(rules.filter { $0.combinable && !$0.rule.raw })
        rawFilter = RuleGroup.combine(rules.filter { $0.combinable && $0.rule.raw })
        hasUnfiltered = rules.contains { !$0.combinable }
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
        // No filter (no such rules, or PCRE2 refused the combination): try the rules one by one.
        let shadowHit = shadowFilter.map { $0.match(shadow, scratch: scratch) != .noMatch } ?? true
        let rawHit = rawFilter.map { $0.match(raw, scratch: scratch) != .noMatch } ?? true
        if !shadowHit && !rawHit && !hasUnfiltered { return }
        var stopped = false
        for rule in rules {
            if rule.combinable && !(rule.rule.raw ? rawHit : shadowHit) { continue }
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
