/// Function words of every language of the table (`Language.stopwords`, in
/// normalised spelling, as in the shadow). The topic detectors ignore them: two
/// lines share a topic when they share content words, not "و" or "the". Words are
/// handled as hashes of their bytes: no `String` in the per-line path.
public enum Stopwords {
    /// Hashes of the stopwords' normalised, lower-cased bytes.
    static let hashes = KeySet(Language.allCases.flatMap { language in
        language.stopwords.split(separator: " ").filter { !$0.isEmpty }
            .map { ContentWords.hash(Array(Normalizer.normalize(String($0)).utf8)[...]) }
    })

    /// Characters in the longest stopword: longer words need no lookup.
    static let longest: Int = Language.allCases.flatMap { $0.stopwords.split(separator: " ") }
        .map { Normalizer.normalize(String($0)).unicodeScalars.count }.max() ?? 0
}

/// The content words of a line, as hashes of crude stems: the shadow split at
/// spaces and punctuation, ASCII lower-cased, words of one or two characters,
/// numbers and stopwords left out; a stem is the word without the Arabic article
/// "ال", cut to five characters ("storms" and "storm", "الخليج" and "خليج" match).
public enum ContentWords {
    /// Appends the content words of a line's shadow (already normalised) to `out`.
    /// One pass over the bytes finds the words, counts their characters and digits
    /// (a two-byte character, Arabic script, at a time) and hashes them: a word is
    /// read again only for a stem after the article "ال".
    /// `checks`: the tables, read once for many lines.
    static func of(_ text: UnsafeBufferPointer<UInt8>, into out: inout [UInt64], checks: WordChecks = WordChecks()) {
        var none = NoWordCount()
        of(text, into: &out, counting: &none, checks: checks)
    }

    /// The same, also showing `counter` each word as the line model splits the
    /// shadow (`WordScan`): its words are these, except that a dash, curly quote or
    /// ellipsis inside a word does not split it.
    @inline(__always)
    static func of<Counter: ShadowWordCounter>(_ text: UnsafeBufferPointer<UInt8>, into out: inout [UInt64],
                                               counting counter: inout Counter, checks: WordChecks = WordChecks()) {
        let ascii = ContentWords.asciiKinds, lower = checks.lower
        let n = text.count
        // Counts and sums stay far below overflow (a line is far shorter than
        // Int.max bytes): wrapping arithmetic spares the overflow checks.
        var start = 0, scalars = 0, digits = 0
        var hash = WordHash()
        // The counter's word, when a dash or quote joined pieces of it: where it
        // starts and the characters of its earlier pieces (the joining marks included).
        var joinedStart = 0, joinedScalars = 0
        var i = 0
        while i < n {
            let b = text[i]
            var breakLength = 0
            if b < 0x80 {
                let kind = ascii[Int(b)]
                if kind == AsciiKind.wordBreak {
                    breakLength = 1
                } else {
                    hash.startCharacter(scalars)
                    hash.feed(lower[Int(b)])
                    scalars &+= 1
                    digits &+= Int(kind)   // AsciiKind.digit is 1, a letter 0
                    i &+= 1
                    continue
                }
            } else if b >= 0xC2, b < 0xE0, i &+ 1 < n, text[i &+ 1] & 0xC0 == 0x80 {
                var b0 = b, b1 = text[i &+ 1]
                if !ContentWords.isTwoByteBreak(b0, b1) {
                    // A run of two-byte characters (Arabic script) in a loop of its
                    // own: its state stays in registers.
                    while true {
                        hash.startCharacter(scalars)
                        hash.feed(b0)
                        hash.feed(b1)
                        scalars &+= 1
                        i &+= 2
                        guard i &+ 1 < n else { break }
                        b0 = text[i]
                        b1 = text[i &+ 1]
                        guard b0 &- 0xC2 < 0x1E, b1 & 0xC0 == 0x80, !ContentWords.isTwoByteBreak(b0, b1) else { break }
                    }
                    continue
                }
                breakLength = 2
            } else if b == 0xE2 {
                breakLength = ContentWords.threeByteBreakLength(text, i)
            }
            if breakLength == 0 {
                // Any other byte is part of the word, a character where one starts.
                if b & 0xC0 != 0x80 {
                    hash.startCharacter(scalars)
                    scalars &+= 1
                }
                hash.feed(b)
                i &+= 1
                continue
            }
            if Counter.counts && breakLength == 3 {
                // The counter's word goes on across the mark, itself one character.
                if joinedScalars == 0 { joinedStart = start }
                joinedScalars &+= scalars &+ 1
                if i > start {
                    ContentWords.consider(UnsafeBufferPointer(rebasing: text[start..<i]), scalars: scalars, digits: digits,
                                          hash: hash, checks: checks, into: &out)
                }
            } else {
                ContentWords.endWord(text, start..<i, scalars: scalars, digits: digits, hash: hash,
                                     joined: (joinedStart, joinedScalars), checks: checks, into: &out, counting: &counter)
                joinedScalars = 0
            }
            i &+= breakLength
            start = i; scalars = 0; digits = 0
            hash = WordHash()
        }
        ContentWords.endWord(text, start..<n, scalars: scalars, digits: digits, hash: hash,
                             joined: (joinedStart, joinedScalars), checks: checks, into: &out, counting: &counter)
    }

    /// The end of a word of the counter's split (see `of`): the content word
    /// `text[word]`, and the counter's word, which starts earlier when `joined`
    /// holds pieces before it.
    @inline(__always)
    private static func endWord<Counter: ShadowWordCounter>(_ text: UnsafeBufferPointer<UInt8>, _ word: Range<Int>, scalars: Int,
                                                            digits: Int, hash: WordHash, joined: (start: Int, scalars: Int),
                                                            checks: WordChecks, into out: inout [UInt64],
                                                            counting counter: inout Counter) {
        guard Counter.counts else {
            if !word.isEmpty {
                consider(UnsafeBufferPointer(rebasing: text[word]), scalars: scalars, digits: digits, hash: hash,
                         checks: checks, into: &out)
            }
            return
        }
        if joined.scalars > 0 {
            endJoinedWord(text, word, scalars: scalars, digits: digits, hash: hash, joined: joined, checks: checks,
                          into: &out, counting: &counter)
            return
        }
        // Only stray continuation bytes, or nothing: no word for the counter, nor a
        // content word (`consider` takes three characters or more).
        guard scalars > 0 else { return }
        let isStopword = scalars <= checks.longest && checks.stopwords.contains(hash.full)
        counter.word(scalars: scalars, isStopword: isStopword)
        guard scalars > 2, digits < scalars, !isStopword else { return }
        out.append(stemHash(UnsafeBufferPointer(rebasing: text[word]), scalars: scalars, hash, checks.lower))
    }

    /// Pieces joined by dashes or quotes: the content word and the counter's word
    /// differ. Rare, so not inlined: the split's loop stays lean.
    @inline(never)
    private static func endJoinedWord<Counter: ShadowWordCounter>(_ text: UnsafeBufferPointer<UInt8>, _ word: Range<Int>,
                                                                  scalars: Int, digits: Int, hash: WordHash,
                                                                  joined: (start: Int, scalars: Int), checks: WordChecks,
                                                                  into out: inout [UInt64], counting counter: inout Counter) {
        if !word.isEmpty {
            consider(UnsafeBufferPointer(rebasing: text[word]), scalars: scalars, digits: digits, hash: hash,
                     checks: checks, into: &out)
        }
        let total = joined.scalars + scalars
        let whole = UnsafeBufferPointer(rebasing: text[joined.start..<word.upperBound])
        let isStopword = total <= checks.longest && checks.stopwords.contains(ContentWords.hash(lowered: whole, checks.lower))
        counter.word(scalars: total, isStopword: isStopword)
    }

    /// FNV-1a of the bytes, ASCII lower-cased: how stopwords are looked up.
    @inline(__always)
    private static func hash(lowered word: UnsafeBufferPointer<UInt8>, _ lower: UnsafePointer<UInt8>) -> UInt64 {
        var full = FNV.basis
        for b in word { full = (full ^ UInt64(lower[Int(b)])) &* FNV.prime }
        return full
    }

    /// Appends the stem of `word` unless it is too short, a number or a stopword.
    @inline(__always)
    private static func consider(_ word: UnsafeBufferPointer<UInt8>, scalars: Int, digits: Int, hash: WordHash,
                                 checks: WordChecks, into out: inout [UInt64]) {
        guard scalars > 2, digits < scalars else { return }
        if scalars <= checks.longest && checks.stopwords.contains(hash.full) { return }
        out.append(stemHash(word, scalars: scalars, hash, checks.lower))
    }

    /// The stem's hash: the word's own first five characters (hashed in the split),
    /// or, after the article, read again.
    @inline(__always)
    private static func stemHash(_ word: UnsafeBufferPointer<UInt8>, scalars: Int, _ hash: WordHash,
                                 _ lower: UnsafePointer<UInt8>) -> UInt64 {
        hasArticle(word, scalars: scalars) ? stem(word, scalars: scalars, lower) : hash.stem(scalars: scalars)
    }

    private enum AsciiKind {
        static let letter: UInt8 = 0
        static let digit: UInt8 = 1
        /// ASCII other than letters, digits and the apostrophe: ends a word.
        static let wordBreak: UInt8 = 2
    }

    /// `AsciiKind` of each ASCII byte. A raw pointer, allocated once and never freed,
    /// so the loop reads it with no bounds check.
    nonisolated(unsafe) private static let asciiKinds: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 128)
        for b in 0..<128 {
            let isLetter = (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) || b == 0x27
            table[b] = (0x30...0x39).contains(b) ? AsciiKind.digit : isLetter ? AsciiKind.letter : AsciiKind.wordBreak
        }
        return UnsafePointer(table)
    }()

    /// ، ؛ ؟ (D8 8C, 9B, 9F) and « » (C2 AB, BB) end words. `b1` is a continuation
    /// byte (80–BF): its low six bits pick a bit of the lead byte's mask. No branch on
    /// the lead byte: Arabic letters lead with D8 or D9 in no order a branch predictor
    /// can learn, and `b0 == 0xD8 && …` missed on about half of them.
    @inline(__always)
    static func isTwoByteBreak(_ b0: UInt8, _ b1: UInt8) -> Bool {
        let afterD8: UInt64 = 1 << 0x0C | 1 << 0x1B | 1 << 0x1F, afterC2: UInt64 = 1 << 0x2B | 1 << 0x3B
        let mask = (b0 == 0xD8 ? afterD8 : 0) | (b0 == 0xC2 ? afterC2 : 0)
        return mask &>> UInt64(b1 & 0x3F) & 1 != 0
    }

    /// Byte length of the break at `i` if it is a dash, curly quote or ellipsis
    /// (E2 80 93–9F, E2 80 A6), else 0.
    @inline(__always)
    private static func threeByteBreakLength(_ s: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        guard i + 2 < s.count, s[i + 1] == 0x80 else { return 0 }
        return (0x93...0x9F).contains(s[i + 2]) || s[i + 2] == 0xA6 ? 3 : 0
    }

    /// Each byte, ASCII lower-cased: one load where the comparison took seven
    /// instructions a byte of every word hashed. Allocated once, never freed.
    nonisolated(unsafe) fileprivate static let lowered: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        for b in 0..<256 { table[b] = UInt8(b) &- 0x41 < 26 ? UInt8(b) | 0x20 : UInt8(b) }
        return UnsafePointer(table)
    }()

    /// The hash of a content word's stem: its first five characters, after "ال" in
    /// a word of more than four.
    private static func stem(_ word: UnsafeBufferPointer<UInt8>, scalars: Int, _ lower: UnsafePointer<UInt8>) -> UInt64 {
        var k = hasArticle(word, scalars: scalars) ? 4 : 0
        var stem = FNV.basis
        var count = 0
        while k < word.count {
            if word[k] & 0xC0 != 0x80 {
                if count == 5 { break }
                count += 1
            }
            stem = (stem ^ UInt64(lower[Int(word[k])])) &* FNV.prime
            k += 1
        }
        return stem
    }

    /// A word of more than four characters starting with "ال": its stem starts after it.
    @inline(__always)
    /// The four bytes are compared as one word: a comparison a byte was a branch a
    /// byte, the first (D8, or D9) a coin toss for the predictor.
    private static func hasArticle(_ word: UnsafeBufferPointer<UInt8>, scalars: Int) -> Bool {
        guard scalars > 4, word.count >= 4, let base = word.baseAddress else { return false }
        return UInt32(littleEndian: UnsafeRawPointer(base).loadUnaligned(as: UInt32.self)) == 0x84D9_A7D8
    }

    static func hash(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var h = FNV.basis
        for b in bytes { h = (h ^ UInt64(b)) &* FNV.prime }
        return h
    }
}

/// What each word of a line is looked up in, read from the statics once a page
/// (a static is checked for initialisation at every read).
struct WordChecks {
    let stopwords = Stopwords.hashes
    /// Words of more characters are no stopwords.
    let longest = Stopwords.longest
    /// ASCII lower case of each byte (`ContentWords.lowered`).
    let lower = ContentWords.lowered
}

/// Sees the words of a shadow as the line model splits them (see `ContentWords.of`).
protocol ShadowWordCounter {
    /// Whether the counter wants the words: false compiles the counting away.
    static var counts: Bool { get }
    /// A word of `scalars` characters (at least one), and whether it is a stopword.
    mutating func word(scalars: Int, isStopword: Bool)
}

extension ShadowWordCounter {
    static var counts: Bool { true }
}

/// Counts nothing: the plain content-word split.
struct NoWordCount: ShadowWordCounter {
    static var counts: Bool { false }
    @inline(__always) mutating func word(scalars: Int, isStopword: Bool) {}
}
