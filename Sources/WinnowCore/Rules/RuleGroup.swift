/// Rules tried in priority order behind prefilters, so that a line costs a few JIT
/// calls whatever the number of rules.
///
/// - Anchored rules (most chrome rules: `^…$`) are sorted by the character their
///   match can start with (`FirstCharDispatch`): a line starting with "م" meets only
///   the anchored rules that can start with "م" (one by one, or behind alternations
///   of them when there are many).
/// - Unanchored rules are split by subject (shadow or raw) into chunks of at most
///   `chunkBytes` of pattern, each one JIT-compiled alternation, itself split into
///   parts of at most `partBytes`: in a chunk that accepts a line, the parts are
///   tried, and only the rules of a part that accepts it one by one.
/// - Rules that cannot join an alternation are tried on their own.
final class RuleGroup: @unchecked Sendable {
    let rules: [CompiledRule]
    /// The unanchored prefilters, and for each the positions (in `rules`) of its rules.
    private let chunks: [(filter: Regex, raw: Bool, parts: [(filter: Regex, members: [Int])])]
    /// Anchored combinable rules by first character, for shadow and for raw subjects.
    private let shadowDispatch: FirstCharDispatch?
    private let rawDispatch: FirstCharDispatch?
    /// Whether a rule sits behind a prefilter or a dispatch (else it is tried on its own).
    private let filtered: [Bool]
    private let hasUnfiltered: Bool

    /// Pattern bytes per alternation: well under PCRE2's limits, and small enough
    /// that the JIT compiles quickly.
    static let chunkBytes = 6000
    static let partBytes = 800

    init(_ rules: [CompiledRule]) {
        self.rules = rules
        var chunks: [(filter: Regex, raw: Bool, parts: [(filter: Regex, members: [Int])])] = []
        var filtered = [Bool](repeating: false, count: rules.count)
        var dispatch: [FirstCharDispatch?] = []
        for raw in [false, true] {
            let anchored = rules.indices.filter {
                rules[$0].combinable && rules[$0].rule.raw == raw && rules[$0].regex.isAnchored
            }
            dispatch.append(FirstCharDispatch(members: anchored, rules: rules))
            for m in anchored { filtered[m] = true }
            let unanchored = rules.indices.filter {
                rules[$0].combinable && rules[$0].rule.raw == raw && !rules[$0].regex.isAnchored
            }
            for chunk in RuleGroup.split(unanchored, rules, limit: RuleGroup.chunkBytes) {
                guard let filter = RuleGroup.combine(chunk.map { rules[$0] }) else { continue }
                for m in chunk { filtered[m] = true }
                chunks.append((filter, raw, RuleGroup.parts(of: chunk, rules, limit: RuleGroup.partBytes)))
            }
        }
        self.chunks = chunks
        shadowDispatch = dispatch[0]
        rawDispatch = dispatch[1]
        self.filtered = filtered
        hasUnfiltered = filtered.contains(false)
    }

    /// Alternations of `members` of at most `limit` pattern bytes each; a part PCRE2
    /// refuses is split into single rules.
    static func parts(of members: [Int], _ rules: [CompiledRule], limit: Int) -> [(filter: Regex, members: [Int])] {
        var parts: [(filter: Regex, members: [Int])] = []
        for part in split(members, rules, limit: limit) {
            if let filter = combine(part.map { rules[$0] }) { parts.append((filter, part)) }
            else { parts += part.map { (rules[$0].regex, [$0]) } }
        }
        return parts
    }

    var isEmpty: Bool { rules.isEmpty }

    /// Consecutive runs of rules whose patterns add up to at most `limit` bytes.
    static func split(_ members: [Int], _ rules: [CompiledRule], limit: Int) -> [[Int]] {
        var parts: [[Int]] = []
        var current: [Int] = []
        var size = 0
        for m in members {
            let length = rules[m].regex.pattern.utf8.count + 6
            if !current.isEmpty && size + length > limit {
                parts.append(current)
                current = []
                size = 0
            }
            current.append(m)
            size += length
        }
        if !current.isEmpty { parts.append(current) }
        return parts
    }

    /// The alternation of the rules' patterns, e.g. `(?:^a$)|(?:b)`; nil if PCRE2
    /// refuses the combination (then those rules are tried on their own).
    static func combine(_ rules: [CompiledRule]) -> Regex? {
        guard rules.count > 1 else { return rules.first?.regex }
        return try? Regex(alternation(of: rules.map(\.regex.pattern)))
    }

    /// `(?J)` lets meta rules' named groups (id, date, source…) repeat.
    static func alternation(of patterns: [String]) -> String {
        "(?J)" + patterns.map { "(?:\($0))" }.joined(separator: "|")
    }

    /// Calls `visit` with each rule whose pattern matches, in priority order, until it
    /// returns true. A rule that hits a match limit is reported through `onLimit` and
    /// ends the search: no later rule decides a line an earlier one could not.
    func forEachMatch(shadow: UnsafeBufferPointer<UInt8>, raw: UnsafeBufferPointer<UInt8>,
                      scratch: MatchScratch, onLimit: (CompiledRule, String) -> Void,
                      _ visit: (CompiledRule) -> Bool) {
        if rules.isEmpty { return }
        // Rules a prefilter let through (by position in `rules`).
        let candidate = scratch.candidates(count: rules.count)
        var anyHit = hasUnfiltered
        if let shadowDispatch, shadowDispatch.markCandidates(shadow, rules, scratch: scratch, marks: candidate) { anyHit = true }
        if let rawDispatch, rawDispatch.markCandidates(raw, rules, scratch: scratch, marks: candidate) { anyHit = true }
        for chunk in chunks {
            let subject = chunk.raw ? raw : shadow
            guard chunk.filter.match(subject, scratch: scratch) != .noMatch else { continue }
            for part in chunk.parts where part.members.count == 1 || part.filter.match(subject, scratch: scratch) != .noMatch {
                for m in part.members { candidate.mark(m) }
                anyHit = true
            }
        }
        if !anyHit { return }
        var stopped = false
        for n in rules.indices where !filtered[n] || candidate.isMarked(n) {
            let rule = rules[n]
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
