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
