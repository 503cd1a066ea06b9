/// What one pass of the cleaner assumes beyond the page's facts: where the body
/// stands (the passes move it to the prose lines they keep, see `Cleaner.clean`),
/// and what the previous pass kept, once it matters.
public struct PassState {
    /// First and last line of the body, or nil when the page has no prose.
    public internal(set) var firstProse: Int?
    public internal(set) var lastProse: Int?
    /// Lines the previous pass kept, when there was one: the cut guard weighs only
    /// the prose that will be in the output.
    var survivors: [Bool]?
    /// Each line's place among the lines the previous pass kept, and how many it kept,
    /// once they matter: `first N` and `last N` then count the lines of the output.
    var keptPlaces: (ordinal: [Int32], count: Int)?

    /// The first pass's: the page's own body.
    init(_ page: Page) {
        firstProse = page.body?.first
        lastProse = page.body?.last
    }

    /// Whether a rule with `scope` may fire on line `i` of `page`.
    public func allows(_ scope: RuleScope, at i: Int, on page: Page) -> Bool {
        switch scope {
        case .anywhere: return true
        // A page without prose has no body, so no head and no tail: such rules wait
        // for a page they can place.
        case .head: return firstProse.map { i < $0 } ?? false
        case .tail: return lastProse.map { i > $0 } ?? false
        case .edges: return allows(.head, at: i, on: page) || allows(.tail, at: i, on: page)
        case .first(let n): return place(i, on: page) < n
        case .last(let n): return (keptPlaces?.count ?? page.nonBlankCount) - place(i, on: page) <= n
        }
    }

    /// Line `i`'s place among the lines the last pass kept, or among the non-blank ones.
    private func place(_ i: Int, on page: Page) -> Int {
        keptPlaces.map { Int($0.ordinal[i]) } ?? page.ordinal(i)
    }
}
