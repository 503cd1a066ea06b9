/// Rules tried in priority order behind combined prefilters. The combinable rules
/// are split by kind (shadow or raw subject, anchored or not: anchored rules apart,
/// so their alternation stays anchored and fails in one step) and each kind into
/// chunks of at most `chunkBytes` of pattern, each one JIT-compiled alternation,
/// itself split into smaller alternations of at most `partBytes`. A line that
/// matches no rule costs one JIT call per chunk; in a chunk that accepts it, the
/// parts are tried, and only the rules of a part that accepts it one by one, to
/// find which rules match (so 1000 rules cost a few calls, not 1000).
///
/// Anchored rules are first sorted by the character their match can start with
/// (`FirstScalars`): a line starting with "م" is tried only against the anchored
/// rules that can start with "م", one JIT call each, and never against the anchored
/// alternation (which tries every branch in turn). Lines starting with a character
/// the table does not cover go through the anchored prefilters as before.
final class RuleGroup: @unchecked Sendable {
    let rules: [CompiledRule]
    /// The prefilters, and for each the positions (in `rules`) of its rules.
    private let chunks: [(filter: Regex, raw: Bool, anchored: Bool, parts: [(filter: Regex, members: [Int])])]
    /// Anchored combinable rules by first character: for shadow subjects, then raw ones.
    private let dispatch: [FirstCharDispatch?]
    /// Each rule's chunk, or -1 when it is tried on its own.
    private let chunkOf: [Int]
    private let hasUnfiltered: Bool

    /// Pattern bytes per alternation: well under PCRE2's limits, and small enough
    /// that the JIT compiles quickly.
    static let chunkBytes = 6000
    static let partBytes = 800

    init(_ rules: [CompiledRule]) {
        self.rules = rules
        var chunks: [(filter: Regex, raw: Bool, anchored: Bool, parts: [(filter: Regex, members: [Int])])] = []
        var chunkOf = [Int](repeating: -1, count: rules.count)
        var dispatch: [FirstCharDispatch?] = []
        for raw in [false, true] {
            for anchored in [true, false] {
                let members = rules.indices.filter {
                    rules[$0].combinable && rules[$0].rule.raw == raw && rules[$0].regex.isAnchored == anchored
                }
                if anchored { dispatch.append(FirstCharDispatch(members: members, rules: rules)) }
                for chunk in RuleGroup.split(members, rules, limit: RuleGroup.chunkBytes) {
                    guard let filter = RuleGroup.combine(chunk.map { rules[$0] }) else { continue }
                    var parts: [(filter: Regex, members: [Int])] = []
                    for part in RuleGroup.split(chunk, rules, limit: RuleGroup.partBytes) {
                        // A part PCRE2 refuses is split into single rules.
                        if let partFilter = RuleGroup.combine(part.map { rules[$0] }) { parts.append((partFilter, part)) }
                        else { parts += part.map { (rules[$0].regex, [$0]) } }
                    }
                    for m in chunk { chunkOf[m] = chunks.count }
                    chunks.append((filter, raw, anchored, parts))
                }
            }
        }
        self.chunks = chunks
        self.dispatch = dispatch
        self.chunkOf = chunkOf
        hasUnfiltered = chunkOf.contains(-1)
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
        var dispatched = (shadow: false, raw: false)
        if let members = dispatch[0]?.members(startingLike: shadow) {
            for m in members { candidate.mark(m) }
            anyHit = anyHit || !members.isEmpty
            dispatched.shadow = true
        }
        if let members = dispatch[1]?.members(startingLike: raw) {
            for m in members { candidate.mark(m) }
            anyHit = anyHit || !members.isEmpty
            dispatched.raw = true
        }
        for chunk in chunks {
            if chunk.anchored && (chunk.raw ? dispatched.raw : dispatched.shadow) { continue }
            let subject = chunk.raw ? raw : shadow
            guard chunk.filter.match(subject, scratch: scratch) != .noMatch else { continue }
            for part in chunk.parts where part.members.count == 1 || part.filter.match(subject, scratch: scratch) != .noMatch {
                for m in part.members { candidate.mark(m) }
                anyHit = true
            }
        }
        if !anyHit { return }
        var stopped = false
        for (n, rule) in rules.enumerated() {
            if chunkOf[n] >= 0 && !candidate.isMarked(n) { continue }
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

/// Anchored rules sorted by the first character of the line they can match: for
/// each character below `FirstScalars.tableSize`, the rules (positions in the
/// group) whose match can start with it. Characters sharing a list share one bucket.
struct FirstCharDispatch {
    private let bucketOf: [UInt16]
    private let buckets: [[Int]]

    /// Nil when there is nothing to sort.
    init?(members: [Int], rules: [CompiledRule]) {
        guard !members.isEmpty else { return nil }
        var bucketOf = [UInt16](repeating: 0, count: FirstScalars.tableSize)
        var buckets: [[Int]] = []
        var bucketIndex: [[Int]: UInt16] = [:]
        for scalar in 0..<FirstScalars.tableSize {
            let list = members.filter { rules[$0].firstScalars?.contains(scalar) ?? true }
            if let known = bucketIndex[list] {
                bucketOf[scalar] = known
            } else {
                bucketIndex[list] = UInt16(buckets.count)
                bucketOf[scalar] = UInt16(buckets.count)
                buckets.append(list)
            }
        }
        self.bucketOf = bucketOf
        self.buckets = buckets
    }

    /// The rules a line starting like `subject` can match, or nil when its first
    /// character is outside the table (or not valid UTF-8): then every rule can.
    @inline(__always)
    func members(startingLike subject: UnsafeBufferPointer<UInt8>) -> [Int]? {
        guard let b0 = subject.first else { return nil }
        if b0 < 0x80 { return buckets[Int(bucketOf[Int(b0)])] }
        guard b0 >= 0xC2, b0 < 0xE0, subject.count > 1, subject[1] & 0xC0 == 0x80 else { return nil }
        return buckets[Int(bucketOf[Int(b0 & 0x1F) << 6 | Int(subject[1] & 0x3F)])]
    }
}
