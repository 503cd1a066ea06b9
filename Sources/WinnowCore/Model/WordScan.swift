/// The word-level counts the line model reads that `LineTraits` does not keep:
/// stopwords, short and capitalised words, punctuation, separators. One pass over
/// the line and one over its shadow; only run when a model is in use.
struct WordScan {
    var stopwords = 0
    var shortWords = 0
    var capitalised = 0
    var punctuation = 0
    /// | • · » › « ‹ > / and dashes: what menus and breadcrumbs are joined with.
    var separators = 0
    var urlLike = false
    var endsQuestion = false
    /// Han, kana and hangul characters: scripts written without spaces.
    var cjk = 0
    /// 。！？: sentence ends of those scripts.
    var cjkBreaks = 0

    init(_ line: UnsafeBufferPointer<UInt8>, shadow: UnsafeBufferPointer<UInt8>) {
        scanOriginal(line)
        scanShadow(shadow)
    }

    private mutating func scanOriginal(_ s: UnsafeBufferPointer<UInt8>) {
        var i = 0, atWordStart = true
        var last: UInt32 = 0
        // The last four ASCII bytes, lower-cased: finds "://" and "www." in the same pass.
        var window: UInt32 = 0
        let n = s.count
        while i < n {
            let c: UInt32
            let b = s[i]
            if b < 0x80 {
                c = UInt32(b)
                i += 1
                window = window << 8 | UInt32(b &- 0x41 < 26 ? b | 0x20 : b)
                if window & 0xFF_FFFF == WordScan.schemeEnd || window == WordScan.www { urlLike = true }
            } else {
                window = 0
                if b >= 0xC2, b < 0xE0, i + 1 < n, s[i + 1] & 0xC0 == 0x80 {
                    c = UInt32(b & 0x1F) << 6 | UInt32(s[i + 1] & 0x3F)
                    i += 2
                } else {
                    let (decoded, length) = LineTraits.decode(s, at: i)
                    c = decoded
                    i += length
                }
            }
            if LineTraits.isSpace(c) { atWordStart = true; continue }
            if atWordStart, WordScan.isUpper(c) { capitalised += 1 }
            atWordStart = false
            last = c
            if c < 0x80 {
                if WordScan.isAsciiPunctuation(UInt8(c)) {
                    punctuation += 1
                    if c == 0x7C || c == 0x3E || c == 0x2F { separators += 1 }
                    if c == 0x40 { urlLike = true }
                }
                continue
            }
            switch c {
            case 0x2022, 0xB7, 0xBB, 0x203A, 0xAB, 0x2039, 0x2013, 0x2014: separators += 1
            case 0x3002, 0xFF01, 0xFF1F: cjkBreaks += 1
            case 0x3040...0x30FF, 0x3400...0x9FFF, 0xAC00...0xD7AF: cjk += 1
            default: break
            }
        }
        endsQuestion = last == 0x3F || last == 0x61F
    }

    /// "://" and "www." as `scanOriginal`'s window holds them.
    private static let schemeEnd: UInt32 = 0x3A_2F2F
    private static let www: UInt32 = 0x7777_772E

    private mutating func scanShadow(_ s: UnsafeBufferPointer<UInt8>) {
        let longest = Stopwords.longest
        var hash = RepeatDetector.fnvOffset
        var scalars = 0
        func endWord() {
            if scalars > 0 {
                if scalars <= 3 { shortWords += 1 }
                if scalars <= longest, Stopwords.hashes[hash] != nil { stopwords += 1 }
            }
            hash = RepeatDetector.fnvOffset
            scalars = 0
        }
        var i = 0
        while i < s.count {
            let b = s[i]
            let breaksWord: Bool
            if b < 0x80 {
                let isLetter = (b | 0x20) &- 0x61 < 26 || b &- 0x30 < 10 || b == 0x27
                breaksWord = !isLetter
            } else if i + 1 < s.count, (b == 0xD8 && (s[i + 1] == 0x8C || s[i + 1] == 0x9B || s[i + 1] == 0x9F))
                        || (b == 0xC2 && (s[i + 1] == 0xAB || s[i + 1] == 0xBB)) {
                breaksWord = true
            } else {
                breaksWord = false
            }
            if breaksWord {
                endWord()
                i += b < 0x80 ? 1 : 2
                continue
            }
            if b & 0xC0 != 0x80 { scalars += 1 }
            // A word longer than every stopword needs no hash.
            if scalars <= longest {
                let lower = b &- 0x41 < 26 ? b | 0x20 : b
                hash = (hash ^ UInt64(lower)) &* RepeatDetector.fnvPrime
            }
            i += 1
        }
        endWord()
    }

    /// Upper-case letters of the Latin, Greek and Cyrillic alphabets.
    static func isUpper(_ c: UInt32) -> Bool {
        (0x41...0x5A).contains(c) || ((0xC0...0xDE).contains(c) && c != 0xD7)
            || (0x391...0x3A9).contains(c) || (0x400...0x42F).contains(c)
    }

    static func isAsciiPunctuation(_ b: UInt8) -> Bool {
        (0x21...0x2F).contains(b) || (0x3A...0x40).contains(b) || (0x5B...0x60).contains(b) || (0x7B...0x7E).contains(b)
    }
}
