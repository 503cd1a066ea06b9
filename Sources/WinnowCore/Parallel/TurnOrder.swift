/// Whose in-order section (`PipelineTurn.inOrder`) may run next, over the items'
/// tickets. Items that need no turn give it up in runs of consecutive tickets (what
/// a worker finished of its batch); the turn skips a run when it gets there.
struct TurnOrder {
    /// The ticket whose section may run.
    private(set) var next = 0
    /// Runs given up ahead of the turn: first ticket → the ticket after the run.
    private var skipped: [Int: Int] = [:]

    /// The items of `run` need no turn (none of them has had it). True when the turn moved.
    mutating func giveUp(_ run: Range<Int>) -> Bool {
        guard !run.isEmpty else { return false }
        guard run.lowerBound == next else {
            skipped[run.lowerBound] = run.upperBound
            return false
        }
        next = run.upperBound
        skipAhead()
        return true
    }

    /// The item whose turn it is has run its section.
    mutating func pass() {
        next += 1
        skipAhead()
    }

    private mutating func skipAhead() {
        while let end = skipped.removeValue(forKey: next) { next = end }
    }
}
