import CPCRE2

/// Per-thread matching state: match data (the ovector), a match context carrying
/// the match and depth limits, and a JIT stack. Reused for every match so the hot
/// path allocates nothing. Not thread-safe: one per worker.
public final class MatchScratch {
    let matchData: OpaquePointer
    let context: OpaquePointer
    private let jitStack: OpaquePointer?

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
    }

    deinit {
        pcre2_match_data_free_8(matchData)
        pcre2_match_context_free_8(context)
        if let jitStack { pcre2_jit_stack_free_8(jitStack) }
    }

    /// Marks for the rules a prefilter let through, reused from line to line.
    private let marks = CandidateMarks()

    /// The candidate marks, all cleared, for a group of `count` rules.
    func candidates(count: Int) -> CandidateMarks {
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

/// One mark per rule of a group, cleared in O(1): a rule is marked when its stamp
/// equals the current generation.
final class CandidateMarks {
    private var stamps: [UInt32] = []
    private var generation: UInt32 = 0

    func reset(count: Int) {
        if stamps.count < count { stamps += [UInt32](repeating: 0, count: count - stamps.count) }
        generation &+= 1
        if generation == 0 {
            for i in stamps.indices { stamps[i] = 0 }
            generation = 1
        }
    }

    @inline(__always) func mark(_ i: Int) { stamps[i] = generation }
    @inline(__always) func isMarked(_ i: Int) -> Bool { stamps[i] == generation }
}
