/// Function words of Persian, Arabic and English (normalised spelling, as in the
/// shadow). The topic detectors ignore them: two lines share a topic when they
/// share content words, not "و" or "the". Words are handled as hashes of their
/// bytes: no `String` in the per-line path.
public enum Stopwords {
    /// Hashes of the stopwords' normalised, lower-cased bytes.
    static let hashes: HashTable = {
        var table = HashTable(capacity: 512)
        for list in [persian, arabic, english] {
            for word in list.split(separator: " ") where !word.isEmpty {
                let bytes = Array(Normalizer.normalize(String(word)).utf8)
                table.insertIfAbsent(ContentWords.hash(bytes[...]), 1)
            }
        }
        return table
    }()

    static let persian = """
    و در به از که این را با است برای آن یک تا هم می شود شد بود کرد کند کرده های ها یا اما اگر نیز \
    خود بر پس پیش بین روی زیر درباره همه هر چه چون وی او ما شما آنها ایشان من تو دیگر باید \
    نیست هست بوده شده شوند دارد داشت دارند خواهد کنند کردند گفت گفته همین همان چنین چند \
    بسیار بیش کم اینکه آنکه ولی زیرا تاکنون سال روز امروز دیروز اکنون هنوز حتی فقط نه
    """

    static let arabic = """
    في من على إلى عن أن إن كان كانت مع هذا هذه ذلك تلك التي الذي الذين هو هي هم ما لا لم لن قد \
    كل بعد قبل بين حتى أو ثم كما أيضا عند منذ خلال حيث إذا لكن بل غير نحو وقد وفي ومن وعلى \
    وأن وهو وهي فيه فيها به بها له لها لهم عليه عليها يكون تكون وكان قال وقال اليوم أمس
    """

    static let english = """
    the a an and or but of to in on at for from by with as is are was were be been being it its \
    this that these those he she they we you i his her their our your not no so than then there \
    here who whom which what when where why how all any each more most some such only also into \
    over after before about up down out has have had do does did will would can could should may \
    said says say new one two
    """
}

/// The content words of a line, as hashes of crude stems: the shadow split at
/// spaces and punctuation, ASCII lower-cased, words of one or two characters,
/// numbers and stopwords left out; a stem is the word without the Arabic article
/// "ال", cut to five characters ("storms" and "storm", "الخليج" and "خليج" match).
public enum ContentWords {
    /// Appends the content words of a line's shadow (already normalised) to `out`.
    /// One pass over the bytes: each word's hash, length and digit count are built
    /// as its bytes go by; only a word that counts is read again, for its stem.
    static func of(_ text: UnsafeBufferPointer<UInt8>, into out: inout [UInt64]) {
        let stopwords = Stopwords.hashes
        let n = text.count
        var start = 0, scalars = 0, digits = 0
        var full = RepeatDetector.fnvOffset
        var i = 0
        let table = ContentWords.byteTable
        while i < n {
            let b = text[i]
            let entry = table[Int(b)]
            let kind = UInt8(truncatingIfNeeded: entry >> 8)
            var breakLength = 0
            if kind & Kind.asciiBreak != 0 {
                breakLength = 1
            } else if kind & Kind.breakLead != 0 {
                breakLength = ContentWords.breakLength(text, i)
            }
            if breakLength > 0 {
                if i > start, scalars > 2, digits < scalars, stopwords[full] == nil {
                    out.append(ContentWords.stem(UnsafeBufferPointer(rebasing: text[start..<i]), scalars: scalars))
                }
                i += breakLength
                start = i; scalars = 0; digits = 0; full = RepeatDetector.fnvOffset
                continue
            }
            scalars += Int(kind & Kind.scalarStart)
            digits += Int((kind & Kind.digit) >> 1)
            full = (full ^ UInt64(entry & 0xFF)) &* RepeatDetector.fnvPrime
            i += 1
        }
        if n > start, scalars > 2, digits < scalars, stopwords[full] == nil {
            out.append(ContentWords.stem(UnsafeBufferPointer(rebasing: text[start..<n]), scalars: scalars))
        }
    }

    /// What a byte is to the word splitter, one bit each.
    private enum Kind {
        /// Starts a scalar (not a UTF-8 continuation byte): counts a character.
        static let scalarStart: UInt8 = 1
        static let digit: UInt8 = 2
        /// ASCII other than letters, digits and the apostrophe: ends a word.
        static let asciiBreak: UInt8 = 4
        /// Lead byte of the non-ASCII breaks (see `breakLength`).
        static let breakLead: UInt8 = 8
    }

    /// For each byte value: its `Kind` bits in the high byte, the byte in lower case
    /// in the low byte. Allocated once and never freed (a raw pointer: the loop
    /// above reads it with no bounds check or closure).
    nonisolated(unsafe) private static let byteTable: UnsafePointer<UInt16> = {
        let table = UnsafeMutablePointer<UInt16>.allocate(capacity: 256)
        for b in 0..<256 {
            var kind: UInt8 = b & 0xC0 != 0x80 ? Kind.scalarStart : 0
            if (0x30...0x39).contains(b) { kind |= Kind.digit }
            let wordByte = (0x30...0x39).contains(b) || (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) || b == 0x27
            if b < 0x80 && !wordByte { kind |= Kind.asciiBreak }
            if b == 0xD8 || b == 0xC2 || b == 0xE2 { kind |= Kind.breakLead }
            table[b] = UInt16(kind) << 8 | UInt16(lower(UInt8(b)))
        }
        return UnsafePointer(table)
    }()

    @inline(__always)
    private static func lower(_ b: UInt8) -> UInt8 { b &- 0x41 < 26 ? b | 0x20 : b }

    /// The hash of a content word's stem: its first five characters, after "ال" in
    /// a word of more than four.
    private static func stem(_ word: UnsafeBufferPointer<UInt8>, scalars: Int) -> UInt64 {
        var k = 0
        if scalars > 4, word.count >= 4, word[0] == 0xD8, word[1] == 0xA7, word[2] == 0xD9, word[3] == 0x84 { k = 4 }
        var stem = RepeatDetector.fnvOffset
        var count = 0
        while k < word.count {
            if word[k] & 0xC0 != 0x80 {
                if count == 5 { break }
                count += 1
            }
            stem = (stem ^ UInt64(lower(word[k]))) &* RepeatDetector.fnvPrime
            k += 1
        }
        return stem
    }

    /// Byte length of the non-ASCII break at `i` (Arabic comma, semicolon and
    /// question mark, guillemets, dashes, curly quotes, ellipsis), or 0.
    @inline(__always)
    private static func breakLength(_ s: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        guard i + 1 < s.count else { return 0 }
        let second = s[i + 1]
        switch s[i] {
        case 0xD8: return second == 0x8C || second == 0x9B || second == 0x9F ? 2 : 0
        case 0xC2: return second == 0xAB || second == 0xBB ? 2 : 0
        default:
            guard second == 0x80, i + 2 < s.count else { return 0 }
            return (0x93...0x9F).contains(s[i + 2]) || s[i + 2] == 0xA6 ? 3 : 0
        }
    }

    static func hash(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var h = RepeatDetector.fnvOffset
        for b in bytes { h = (h ^ UInt64(b)) &* RepeatDetector.fnvPrime }
        return h
    }
}
