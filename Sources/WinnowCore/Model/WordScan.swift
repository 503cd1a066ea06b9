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

    // Not inlined: the page's scan loop stays lean, and few scalars get here.
    @inline(never)
    mutating func see(_ scalar: UInt32, _ entry: UInt64, line s: UnsafeBufferPointer<UInt8>, end i: Int) {
        if entry & LineTraits.Lane.punctuation != 0 {
            counts.punctuation &+= 1
            // "://", "www." (any case) and "@": ASCII bytes are never part of a longer
            // character, so the bytes before are the characters before.
            switch scalar {
            case 0x2F: if i >= 3 && s[i - 3] == 0x3A && s[i - 2] == 0x2F { urlLike = true }
            case 0x2E: if i >= 4 && s[i - 4] | 0x20 == 0x77 && s[i - 3] | 0x20 == 0x77 && s[i - 2] | 0x20 == 0x77 { urlLike = true }
            case 0x40: urlLike = true
            default: break
            }
        }
        if entry & LineTraits.Lane.separator != 0 { counts.separators &+= 1 }
        if entry & LineTraits.Lane.cjk != 0 { counts.cjk &+= 1 }
        if entry & LineTraits.Lane.cjkBreak != 0 { counts.cjkBreaks &+= 1 }
    }

    @inline(__always)
    mutating func wordStart(_ entry: UInt64) {
        if entry & LineTraits.Lane.upper != 0 { counts.capitalised &+= 1 }
    }

    @inline(__always)
    mutating func end(last: UInt32) {
        endsQuestion = last == 0x3F || last == 0x61F
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

/// The `WordScan` of every line of a page, 16 bytes a line (32 as `WordScan`s): the
/// counts as `UInt16`, and a line with a count past 65,535 (a line of over 64 KB)
/// kept whole on the side, so no count is ever cut.
struct WordScans {
    private var packed: [Packed]
    private var wide: [Int: WordScan] = [:]

    init() { packed = [] }

    init(count: Int) { packed = [Packed](repeating: Packed(), count: count) }

    var count: Int { packed.count }

    subscript(i: Int) -> WordScan {
        get {
            let p = packed[i]
            return p.flags & Packed.isWide != 0 ? wide[i]! : p.unpacked
        }
        set {
            if let p = Packed(newValue) {
                packed[i] = p
                if !wide.isEmpty { wide[i] = nil }
            } else {
                packed[i].flags = Packed.isWide
                wide[i] = newValue
            }
        }
    }

    /// Adds the shadow's counts of line `i` (its stopwords and short words).
    mutating func add(_ shadow: ShadowCounts, at i: Int) {
        let p = packed[i]
        let stop = UInt32(p.counts.0) + shadow.stopwords, short = UInt32(p.counts.1) + shadow.shortWords
        if p.flags & Packed.isWide == 0, stop <= UInt32(UInt16.max), short <= UInt32(UInt16.max) {
            packed[i].counts.0 = UInt16(stop)
            packed[i].counts.1 = UInt16(short)
        } else {
            var whole = self[i]
            whole.counts.stopwords &+= shadow.stopwords
            whole.counts.shortWords &+= shadow.shortWords
            self[i] = whole
        }
    }

    private struct Packed {
        var counts: (UInt16, UInt16, UInt16, UInt16, UInt16, UInt16, UInt16) = (0, 0, 0, 0, 0, 0, 0)
        var flags: UInt8 = 0
        static let urlLike: UInt8 = 1, endsQuestion: UInt8 = 2, isWide: UInt8 = 4

        init() {}

        /// Nil when a count does not fit in 16 bits.
        @inline(__always)
        init?(_ s: WordScan) {
            let c = s.counts
            // All fit in 16 bits when their bits together do.
            guard c.stopwords | c.shortWords | c.capitalised | c.punctuation | c.separators | c.cjk | c.cjkBreaks
                    <= UInt32(UInt16.max) else { return nil }
            counts = (UInt16(c.stopwords), UInt16(c.shortWords), UInt16(c.capitalised), UInt16(c.punctuation),
                      UInt16(c.separators), UInt16(c.cjk), UInt16(c.cjkBreaks))
            flags = (s.urlLike ? Packed.urlLike : 0) | (s.endsQuestion ? Packed.endsQuestion : 0)
        }

        var unpacked: WordScan {
            var s = WordScan()
            s.counts = (UInt32(counts.0), UInt32(counts.1), UInt32(counts.2), UInt32(counts.3),
                        UInt32(counts.4), UInt32(counts.5), UInt32(counts.6))
            s.urlLike = flags & Packed.urlLike != 0
            s.endsQuestion = flags & Packed.endsQuestion != 0
            return s
        }
    }
}
