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
    /// The marked rules, in the order they were first marked: room for every rule
    /// (a rule is marked once a generation), emptied by setting the count. As an
    /// array, every mark checked its uniqueness and capacity, and every line's
    /// `removeAll(keepingCapacity:)` took ~85 instructions.
    @exclusivity(unchecked) private var marked = UnsafeMutableBufferPointer<Int>(start: nil, count: 0)
    @exclusivity(unchecked) private var markedCount = 0

    deinit { marked.deallocate() }

    func reset(count: Int) {
        if stamps.count < count { stamps += [UInt32](repeating: 0, count: count - stamps.count) }
        if marked.count < stamps.count {
            marked.deallocate()
            marked = .allocate(capacity: stamps.count)
        }
        markedCount = 0
        generation &+= 2
        if generation < 2 {
            for i in stamps.indices { stamps[i] = 0 }
            generation = 2
        }
    }

    /// Rule `i` may match.
    @inline(__always) func markCandidate(_ i: Int) {
        if stamps[i] < generation { stamps[i] = generation; mark(i) }
    }

    /// Rule `i` matches (a prefilter ran its pattern).
    @inline(__always) func markMatch(_ i: Int) {
        if stamps[i] < generation { mark(i) }
        stamps[i] = generation + 1
    }

    @inline(__always) private func mark(_ i: Int) {
        marked[markedCount] = i
        markedCount &+= 1
    }

    @inline(__always) func isMarked(_ i: Int) -> Bool { stamps[i] >= generation }

    /// The marked rules in priority order (index in the rule set), until the next reset.
    func sortedMarks() -> UnsafeBufferPointer<Int> {
        var marks = UnsafeMutableBufferPointer(rebasing: marked[..<markedCount])
        if markedCount > 1 { marks.sort() }
        return UnsafeBufferPointer(marks)
    }

    @inline(__always) func isKnownMatch(_ i: Int) -> Bool { stamps[i] == generation + 1 }
}
