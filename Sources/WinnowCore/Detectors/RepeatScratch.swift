/// What the repeat detector keeps from page to page on one worker (one `Cleaner`):
/// its two tables, emptied slot by slot, and its buffers. Fresh tables cost a page
/// of 60 lines 14 KB of zeroing in every pass, more than filling them did.
final class RepeatScratch {
    /// Tables past this many slots (1.5 MB) are let go after their page, not kept
    /// for the worker's lifetime.
    static let largestKept = 1 << 17

    private var exact: HashTable?
    private var shingleOwner: HashTable?
    var words: [UInt64] = [], shingles: [UInt64] = [], owners: [Int32] = []
    var distinct = StampedSet()

    /// The tables for a page of `lines` lines, empty: the kept ones or new ones.
    /// The table's size never changes a verdict (the first owner of a key wins).
    func tables(lines: Int) -> (exact: HashTable, shingleOwner: HashTable) {
        // Sized for an ordinary page, they grow: sized for the largest possible (8
        // shingles a line), the shingle table cost a page of 1M short lines 100 MB
        // before any was stored.
        let exact = self.exact ?? HashTable(capacity: min(lines, 1 << 16), reusable: true)
        let shingleOwner = self.shingleOwner ?? HashTable(capacity: min(lines * 8, 1 << 16), reusable: true)
        // Let go here, so the caller holds the only reference and fills them in place.
        self.exact = nil
        self.shingleOwner = nil
        return (exact, shingleOwner)
    }

    /// Takes the tables back, emptied, unless they grew too large to keep.
    func giveBack(exact: consuming HashTable, shingleOwner: consuming HashTable) {
        if exact.slots <= RepeatScratch.largestKept {
            exact.removeAll()
            self.exact = exact
        }
        if shingleOwner.slots <= RepeatScratch.largestKept {
            shingleOwner.removeAll()
            self.shingleOwner = shingleOwner
        }
    }
}
