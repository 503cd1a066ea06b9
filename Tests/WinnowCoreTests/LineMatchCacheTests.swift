import Testing
@testable import WinnowCore

/// The match cache keeps 4 bytes a line and an entry only for a line that matches
/// a rule: what it gives back must be what was stored.
struct LineMatchCacheTests {
    @Test func givesBackWhatWasStored() {
        let cache = LineMatchCache()
        cache.reset(lines: 5)
        #expect((0..<5).allSatisfy { cache.entry($0) == nil })
        let some = LineMatchCache.Entry(start: 3, keepEnd: 4, actEnd: 6, end: 7)
        _ = cache.store(some, line: 1, limitHit: nil)
        // A line that matched nothing reads as an empty entry, not as unmatched.
        let none = LineMatchCache.Entry(start: 7, keepEnd: 7, actEnd: 7, end: 7)
        #expect(cache.store(none, line: 3, limitHit: "gave up") == none)
        let other = LineMatchCache.Entry(start: 7, keepEnd: 7, actEnd: 8, end: 9)
        _ = cache.store(other, line: 4, limitHit: nil)
        #expect(cache.entry(0) == nil && cache.entry(2) == nil)
        #expect(cache.entry(1) == some && cache.entry(4) == other)
        let empty = cache.entry(3)
        #expect(empty != nil && empty!.start == empty!.end)
        #expect(cache.anyLimitHit && cache.limitHits[3] == "gave up")
        // A new document forgets the last one's.
        cache.reset(lines: 2)
        #expect(cache.entry(0) == nil && cache.entry(1) == nil && !cache.anyLimitHit)
    }
}
