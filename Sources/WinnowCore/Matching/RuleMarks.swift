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
