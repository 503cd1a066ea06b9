/// Which rules match each line of the document being cleaned, whatever their
/// scope: worked out once per document (a pattern's verdict does not depend on the
/// pass) and read by every pass, which only weighs scopes again. The rule indexes
/// of all lines share one buffer (a line's keep, then act, then strip matches), so
/// caching a line allocates and retains nothing.
///
/// Owned by one `Cleaner`, so used by one thread, one access at a time: the stored
/// properties skip Swift's run-time exclusivity check.
final class LineMatchCache {
    /// A line's matches: `rules[start..<keepEnd]` keep rules, `[keepEnd..<actEnd]`
    /// drop, cut, list and meta rules, `[actEnd..<end]` strip rules, each in
    /// priority order.
    struct Entry: Equatable {
        var start: Int32 = 0
        var keepEnd: Int32 = 0
        var actEnd: Int32 = 0
        var end: Int32 = 0
    }

    /// Per line: `unmatched`, `matchedNone`, or `firstEntry + k` for `entries[k]`. Most
    /// lines match no rule: 4 bytes a line, and an entry only for a line that matches
    /// (a page of a million short lines held 16 MB of entries, nearly all empty).
    @exclusivity(unchecked) private var slots: [UInt32] = []
    @exclusivity(unchecked) private var entries: [Entry] = []
    private static let unmatched: UInt32 = 0, matchedNone: UInt32 = 1, firstEntry: UInt32 = 2
    /// Rule indexes in the rule set.
    @exclusivity(unchecked) var rules: [Int32] = []
    /// The warning for each line on which a rule hit a match limit.
    @exclusivity(unchecked) private(set) var limitHits: [Int: String] = [:]
    /// Whether a rule gave up on any line of the document: only then is `limitHits`
    /// looked up (16 bytes an entry, where a flag in each made it 20).
    var anyLimitHit: Bool { !limitHits.isEmpty }

    /// Forgets everything, for a document of `lines` lines.
    func reset(lines: Int) {
        slots.removeAll(keepingCapacity: true)
        slots.append(contentsOf: repeatElement(LineMatchCache.unmatched, count: lines))
        entries.removeAll(keepingCapacity: true)
        rules.removeAll(keepingCapacity: true)
        if !limitHits.isEmpty { limitHits = [:] }
    }

    /// Line `i`'s matches, if it was matched already.
    @inline(__always)
    func entry(_ i: Int) -> Entry? {
        let slot = slots[i]
        if slot >= LineMatchCache.firstEntry { return entries[Int(slot - LineMatchCache.firstEntry)] }
        return slot == LineMatchCache.unmatched ? nil : Entry(start: 0, keepEnd: 0, actEnd: 0, end: 0)
    }

    /// Keeps line `i`'s matches (and the warning, when a rule gave up); returns them.
    func store(_ entry: Entry, line i: Int, limitHit: String?) -> Entry {
        if let limitHit { limitHits[i] = limitHit }
        if entry.start == entry.end {
            slots[i] = LineMatchCache.matchedNone
        } else {
            slots[i] = LineMatchCache.firstEntry + UInt32(truncatingIfNeeded: entries.count)
            entries.append(entry)
        }
        return entry
    }
}
