/// Several rules' patterns in one JIT-compiled pattern that finds *every* member
/// matching a line in one call, not just the first:
///
///     (?J)(?:(?:p0)(?C0)(*THEN)(*F))|(?:(?:p1)(?C1)(*THEN)(*F))|…
///
/// When member k's pattern has matched, the callout notes k, `(*F)` fails, and
/// `(*THEN)` sends the engine straight to the next member instead of looking for
/// other ways to match pattern k. The whole match therefore always fails; the noted
/// callouts are the members that match (anywhere in the line, for unanchored ones).
/// A line that no member can match costs one JIT call, one that some members
/// match costs the same call, and the members need not be run again.
final class Alternation: Sendable {
    /// Nil when the members are tried one by one (a single rule, or PCRE2 refused
    /// the combination).
    let regex: Regex?
    /// The member rules (indexes in the rule set), in priority order.
    let members: [Int]

    init(regex: Regex?, members: [Int]) {
        self.regex = regex
        self.members = members
    }

    /// Callout numbers go up to 255.
    static let maxMembers = 256
    /// Pattern bytes per alternation: well under PCRE2's limits, and small enough
    /// that the JIT compiles quickly.
    static let maxBytes = 6000

    /// `members` (indexes in `rules`) as alternations of at most `maxMembers`
    /// rules and about `maxBytes` of pattern each.
    static func build(_ members: [Int], _ rules: [CompiledRule]) -> [Alternation] {
        var result: [Alternation] = []
        for part in split(members, rules) {
            if part.count > 1, let regex = try? Regex(pattern(part.map { rules[$0].regex.pattern })) {
                result.append(Alternation(regex: regex, members: part))
            } else {
                result += part.map { Alternation(regex: nil, members: [$0]) }
            }
        }
        return result
    }

    /// `(?J)` lets meta rules' named groups (id, date, source…) repeat.
    static func pattern(_ patterns: [String]) -> String {
        "(?J)" + patterns.enumerated().map { "(?:(?:\($1))(?C\($0))(*THEN)(*F))" }.joined(separator: "|")
    }

    /// Consecutive runs of members within both limits.
    private static func split(_ members: [Int], _ rules: [CompiledRule]) -> [[Int]] {
        var parts: [[Int]] = []
        var current: [Int] = []
        var size = 0
        for m in members {
            let length = rules[m].regex.pattern.utf8.count + 24
            if !current.isEmpty && (size + length > maxBytes || current.count == maxMembers) {
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

    /// Marks the members that match `subject` as matches. A single member, or every
    /// member when the alternation hits a match limit, is marked a candidate, to be
    /// tried on its own (which reports the limit against the rule).
    func collect(_ subject: UnsafeBufferPointer<UInt8>, scratch: MatchScratch, into marks: RuleMarks) {
        guard let regex else {
            for m in members { marks.markCandidate(m) }
            return
        }
        scratch.clearCallouts()
        switch regex.match(subject, scratch: scratch) {
        case .noMatch:
            for word in 0..<(members.count + 63) / 64 {
                var bits = scratch.calloutBits[word]
                while bits != 0 {
                    marks.markMatch(members[word * 64 + bits.trailingZeroBitCount])
                    bits &= bits - 1
                }
            }
        case .match, .limitExceeded, .failed:
            // `.match` cannot happen (every branch ends in (*F)); be safe anyway.
            for m in members { marks.markCandidate(m) }
        }
    }
}
