/// The word-level counts the line model reads that `LineTraits` does not keep:
/// stopwords, short and capitalised words, punctuation, separators. Counted in the
/// passes the page makes anyway, only when a model is in use: the original bytes'
/// counts in `LineTraits`' scan (as its `ScalarCounter`), the shadow's in the
/// content-word split (`ContentWords.of`, as its `ShadowWordCounter`).
///
/// Kept for every line of a page, so stored narrow: `UInt32` counts (one would
/// need a line of over 4 GiB to wrap) and two flags, 32 bytes a line.
struct WordScan {
    private var counts = (stopwords: UInt32(0), shortWords: UInt32(0), capitalised: UInt32(0), punctuation: UInt32(0),
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
    static func scans(of page: Page) -> [WordScan] {
        var scans = [WordScan](repeating: WordScan(), count: page.count)
        for i in 0..<page.count where !page.blank[i] {
            scans[i] = WordScan(page.line(i), shadow: page.shadow(i))
        }
        return scans
    }
}

extension WordScan: ScalarCounter {
    static var counts: Bool { true }

    @inline(__always)
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

extension WordScan: ShadowWordCounter {
    @inline(__always)
    mutating func word(scalars: Int, isStopword: Bool) {
        if scalars <= 3 { counts.shortWords &+= 1 }
        if isStopword { counts.stopwords &+= 1 }
    }
}
