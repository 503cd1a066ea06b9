import CPCRE2

/// Per-thread matching state: match data (the ovector), a match context carrying
/// the match and depth limits and the callout that `Alternation` uses, and a JIT
/// stack. Reused for every match so the hot path allocates nothing. Not
/// thread-safe: one per worker.
public final class MatchScratch {
    let matchData: OpaquePointer
    let context: OpaquePointer
    private let jitStack: OpaquePointer?
    /// One bit per callout number (0–255): the callouts a match passed since
    /// `clearCallouts()`.
    let calloutBits: UnsafeMutablePointer<UInt64>

    /// Limits that stop a catastrophically backtracking pattern long before it hangs.
    public struct Limits: Sendable {
        public var matchLimit: UInt32 = 1_000_000
        public var depthLimit: UInt32 = 10_000
        public init() {}
    }

    public init(captureCapacity: Int = 32, limits: Limits = Limits()) {
        matchData = pcre2_match_data_create_8(UInt32(max(1, captureCapacity + 1)), nil)!
        context = pcre2_match_context_create_8(nil)!
        pcre2_set_match_limit_8(context, limits.matchLimit)
        pcre2_set_depth_limit_8(context, limits.depthLimit)
        jitStack = pcre2_jit_stack_create_8(32 * 1024, 1024 * 1024, nil)
        if let jitStack { pcre2_jit_stack_assign_8(context, nil, UnsafeMutableRawPointer(jitStack)) }
        calloutBits = .allocate(capacity: 4)
        calloutBits.initialize(repeating: 0, count: 4)
        // Rules cannot contain callouts (see CompiledRule.isCombinable), so only
        // alternations built by winnow reach this: it notes the number and lets
        // the match go on.
        pcre2_set_callout_8(context, { block, bits in
            guard let block, let bits else { return 0 }
            let n = Int(block.pointee.callout_number)
            bits.assumingMemoryBound(to: UInt64.self)[n >> 6] |= 1 << UInt64(n & 63)
            return 0
        }, calloutBits)
    }

    @inline(__always) func clearCallouts() { calloutBits.update(repeating: 0, count: 4) }

    deinit {
        pcre2_match_data_free_8(matchData)
        pcre2_match_context_free_8(context)
        if let jitStack { pcre2_jit_stack_free_8(jitStack) }
        calloutBits.deallocate()
    }

    /// A line with ASCII letters in lower case, for `LiteralScanner`. (Used by one
    /// thread, one access at a time: no run-time exclusivity check.)
    @exclusivity(unchecked) var folded: [UInt8] = []

    /// Marks for the rules a prefilter let through, reused from line to line.
    private let marks = RuleMarks()

    /// The rule marks, all cleared, for a rule set of `count` rules.
    func ruleMarks(count: Int) -> RuleMarks {
        marks.reset(count: count)
        return marks
    }

    /// Byte range of capture `group` from the last successful match, or nil if unset.
    public func range(_ group: Int) -> Range<Int>? {
        guard group < Int(pcre2_get_ovector_count_8(matchData)) else { return nil }
        let ovector = pcre2_get_ovector_pointer_8(matchData)!
        let start = ovector[2 * group], end = ovector[2 * group + 1]
        // PCRE2_UNSET is ~0, which Swift sees as -1 (size_t imports as Int).
        if start < 0 || end < start { return nil }
        return Int(start)..<Int(end)
    }
}

/// What the prefilter learnt about each rule of a rule set for one line: nothing
/// (the rule cannot match), that it may match (try it), or that it matches.
/// Cleared in O(1) by moving to a new generation of stamps.
///
/// Touched for every rule a line meets, by one thread (like `MatchScratch`), and
/// never while another access is in progress: the stored properties skip Swift's
/// run-time exclusivity check, which cost more than the marking itself.
final class RuleMarks {
    @exclusivity(unchecked) private var stamps: [UInt32] = []
    /// `generation` stamps a candidate, `generation + 1` a known match.
    @exclusivity(unchecked) private var generation: UInt32 = 0
    /// The marked rules, in the order they were first marked.
    @exclusivity(unchecked) private(set) var marked: [Int] = []

    func reset(count: Int) {
        if stamps.count < count { stamps += [UInt32](repeating: 0, count: count - stamps.count) }
        marked.removeAll(keepingCapacity: true)
        generation &+= 2
        if generation < 2 {
            for i in stamps.indices { stamps[i] = 0 }
            generation = 2
        }
    }

    /// Rule `i` may match.
    @inline(__always) func markCandidate(_ i: Int) {
        if stamps[i] < generation { stamps[i] = generation; marked.append(i) }
    }

    /// Rule `i` matches (a prefilter ran its pattern).
    @inline(__always) func markMatch(_ i: Int) {
        if stamps[i] < generation { marked.append(i) }
        stamps[i] = generation + 1
    }

    @inline(__always) func isMarked(_ i: Int) -> Bool { stamps[i] >= generation }

    /// The marked rules in priority order (index in the rule set).
    func sortedMarks() -> [Int] {
        if marked.count > 1 { marked.sort() }
        return marked
    }

    @inline(__always) func isKnownMatch(_ i: Int) -> Bool { stamps[i] == generation + 1 }
}
