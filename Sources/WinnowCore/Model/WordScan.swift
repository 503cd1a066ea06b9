import Foundation

/// The word-level counts the line model reads that `LineTraits` does not keep:
/// stopwords, short and capitalised words, punctuation, separators. Counted in the
/// passes the page makes anyway, only when a model is in use: the original bytes'
/// counts in `LineTraits`' scan (as its `ScalarCounter`), the shadow's in the
/// content-word split (`ContentWords.of`, as its `ShadowWordCounter`).
///
/// `UInt32` counts (one would need a line of over 4 GiB to wrap); a page keeps
/// them narrower still, as `WordScans`.
struct WordScan {
    fileprivate var counts = (stopwords: UInt32(0), shortWords: UInt32(0), capitalised: UInt32(0), punctuation: UInt32(0),
                          separators: UInt32(0), cjk: UInt32(0), cjkBreaks: UInt32(0))
    var urlLike = false
    var endsQuestion = false

    var stopwords: Int { Int(counts.stopwords) }
    var shortWords: Int { Int(counts.shortWords) }
    var capitalised: Int { Int(counts.capitalised) }
    var punctuation: Int { Int(counts.punctuation) }
    /// | • · » › « ‹ > / and dashes: what menus and breadcrumbs are joined with.
    var separators: Int { Int(counts.separators) }
    /// Han, kana and hangul characters: scripts written without spaces.
    var cjk: Int { Int(counts.cjk) }
    /// 。！？: sentence ends of those scripts.
    var cjkBreaks: Int { Int(counts.cjkBreaks) }

    init() {}

    /// The counts of one line, scanned on its own (the page-wide scans do the same
    /// work inside passes they make anyway).
    init(_ line: UnsafeBufferPointer<UInt8>, shadow: UnsafeBufferPointer<UInt8>) {
        _ = LineTraits(line, counting: &self)
        var words: [UInt64] = []
        ContentWords.of(shadow, into: &words, counting: &self)
    }

    /// The scans of every line of `page` (zero for blank lines), when the page was
    /// built without them.
    static func scans(of page: Page) -> WordScans {
        var scans = WordScans(count: page.count)
        for i in 0..<page.count where !page.blank[i] {
            scans[i] = WordScan(page.line(i), shadow: page.shadow(i))
        }
        return scans
    }
}

extension WordScan: ScalarCounter {
    static var counts: Bool { true }

    mutating func end(_ line: UnsafeBufferPointer<UInt8>, last: UInt32, shapes: LineTraits.ShapeCounts) {
        func narrow(_ v: Int) -> UInt32 { UInt32(truncatingIfNeeded: v) }
        counts.capitalised = narrow(shapes.capitalised); counts.punctuation = narrow(shapes.punctuation)
        counts.separators = narrow(shapes.separators); counts.cjk = narrow(shapes.cjk); counts.cjkBreaks = narrow(shapes.cjkBreaks)
        endsQuestion = last == 0x3F || last == 0x61F
        // Punctuation is ASCII, so a line without any holds no URL marks.
        if shapes.punctuation > 0 { urlLike = WordScan.hasURLMarks(line) }
    }

    /// "://", "www." (any case) or "@": ASCII bytes are never part of a longer
    /// character, so a byte match is a character match.
    static func hasURLMarks(_ s: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = s.baseAddress else { return false }
        let n = s.count
        if memchr(base, 0x40, n) != nil { return true }
        var from = 0
        while from < n, let hit = memchr(base + from, 0x2F, n - from) {
            let i = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) - base
            if i >= 2 && s[i - 2] == 0x3A && s[i - 1] == 0x2F { return true }
            from = i + 1
        }
        from = 0
        while from < n, let hit = memchr(base + from, 0x2E, n - from) {
            let i = UnsafePointer(hit.assumingMemoryBound(to: UInt8.self)) - base
            if i >= 3 && s[i - 3] | 0x20 == 0x77 && s[i - 2] | 0x20 == 0x77 && s[i - 1] | 0x20 == 0x77 { return true }
            from = i + 1
        }
        return false
    }
}

/// The shadow's part of a `WordScan`, counted alone (`WordScans.add`).
struct ShadowCounts: ShadowWordCounter {
    var stopwords: UInt32 = 0, shortWords: UInt32 = 0

    @inline(__always)
    mutating func word(scalars: Int, isStopword: Bool) {
        if scalars <= 3 { shortWords &+= 1 }
        if isStopword { stopwords &+= 1 }
    }
}

extension WordScan: ShadowWordCounter {
    @inline(__always)
    mutating func word(scalars: Int, isStopword: Bool) {
        if scalars <= 3 { counts.shortWords &+= 1 }
        if isStopword { counts.stopwords &+= 1 }
    }
}

/// The `WordScan` of every line of a page, 8 bytes a line (32 as `WordScan`s): a
/// byte a count, and a line with a count past 255 (a line of over 255 characters)
/// kept whole on the side, its slot holding its index there, so no count is ever cut.
struct WordScans {
    private var slots: [UInt64]
    private var long: [WordScan] = []
    private static let urlLike: UInt64 = 1 << 56, endsQuestion: UInt64 = 1 << 57
    /// Set in the slot of a line kept whole in `long`, its index in the low 32 bits.
    private static let isLong: UInt64 = 1 << 63

    init() { slots = [] }

    init(count: Int) { slots = [UInt64](copies: 0, count: count) }

    var count: Int { slots.count }

    subscript(i: Int) -> WordScan {
        @inline(__always)
        get {
            let slot = slots[i]
            return slot & WordScans.isLong != 0 ? long[Int(slot & 0xFFFF_FFFF)] : WordScans.unpacked(slot)
        }
        // Inlined: the page's scan sets a line's at a time, and a call cost more than the packing.
        @inline(__always)
        set {
            if slots[i] & WordScans.isLong != 0 {
                long[Int(slots[i] & 0xFFFF_FFFF)] = newValue
            } else if let p = WordScans.packed(newValue) {
                slots[i] = p
            } else {
                slots[i] = WordScans.isLong | UInt64(long.count)
                long.append(newValue)
            }
        }
    }

    /// Adds the shadow's counts of line `i` (its stopwords and short words).
    @inline(__always)
    mutating func add(_ shadow: ShadowCounts, at i: Int) {
        let slot = slots[i]
        let stop = UInt32(truncatingIfNeeded: slot & 0xFF) &+ shadow.stopwords
        let short = UInt32(truncatingIfNeeded: slot >> 8 & 0xFF) &+ shadow.shortWords
        if slot & WordScans.isLong == 0, stop | short <= 0xFF {
            slots[i] = slot & ~0xFFFF | UInt64(stop) | UInt64(short) << 8
        } else {
            var whole = self[i]
            whole.counts.stopwords &+= shadow.stopwords
            whole.counts.shortWords &+= shadow.shortWords
            self[i] = whole
        }
    }

    /// The scan in 64 bits, a byte a count, or nil when a count does not fit in one.
    @inline(__always)
    private static func packed(_ s: WordScan) -> UInt64? {
        let c = s.counts
        // All fit in a byte when their bits together do.
        guard c.stopwords | c.shortWords | c.capitalised | c.punctuation | c.separators | c.cjk | c.cjkBreaks
                <= 0xFF else { return nil }
        return UInt64(c.stopwords) | UInt64(c.shortWords) << 8 | UInt64(c.capitalised) << 16 | UInt64(c.punctuation) << 24
            | UInt64(c.separators) << 32 | UInt64(c.cjk) << 40 | UInt64(c.cjkBreaks) << 48
            | (s.urlLike ? urlLike : 0) | (s.endsQuestion ? endsQuestion : 0)
    }

    @inline(__always)
    private static func unpacked(_ p: UInt64) -> WordScan {
        func byte(_ k: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: p >> (8 * k) & 0xFF) }
        var s = WordScan()
        s.counts = (byte(0), byte(1), byte(2), byte(3), byte(4), byte(5), byte(6))
        s.urlLike = p & urlLike != 0
        s.endsQuestion = p & endsQuestion != 0
        return s
    }
}
