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
    static func of(_ text: UnsafeBufferPointer<UInt8>, into out: inout [UInt64]) {
        let stopwords = Stopwords.hashes
        var start = 0
        var i = 0
        while i <= text.count {
            let (isBreak, length) = i < text.count ? breakAt(text, i) : (true, 1)
            if isBreak {
                if i > start { consider(UnsafeBufferPointer(rebasing: text[start..<i]), stopwords: stopwords, into: &out) }
                i += length
                start = i
            } else {
                i += 1
            }
        }
    }

    @inline(__always)
    private static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b + 0x20 : b }

    private static func consider(_ word: UnsafeBufferPointer<UInt8>, stopwords: HashTable, into out: inout [UInt64]) {
        var scalars = 0, digits = 0
        var full = RepeatDetector.fnvOffset
        for b in word {
            if b & 0xC0 != 0x80 { scalars += 1 }
            if b >= 0x30 && b <= 0x39 { digits += 1 }
            full = (full ^ UInt64(lower(b))) &* RepeatDetector.fnvPrime
        }
        guard scalars > 2, digits < scalars, stopwords[full] == nil else { return }
        var start = 0
        if scalars > 4, word.count >= 4, word[0] == 0xD8, word[1] == 0xA7, word[2] == 0xD9, word[3] == 0x84 { start = 4 }
        // The first five characters.
        var stem = RepeatDetector.fnvOffset
        var count = 0
        var k = start
        while k < word.count {
            if word[k] & 0xC0 != 0x80 {
                if count == 5 { break }
                count += 1
            }
            stem = (stem ^ UInt64(lower(word[k]))) &* RepeatDetector.fnvPrime
            k += 1
        }
        out.append(stem)
    }

    /// Spaces and punctuation between words (ASCII, Arabic comma, semicolon and
    /// question mark, guillemets, curly quotes), with their byte length.
    @inline(__always)
    private static func breakAt(_ s: UnsafeBufferPointer<UInt8>, _ i: Int) -> (Bool, Int) {
        let b = s[i]
        if b < 0x80 {
            let isLetterOrDigit = (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == 0x27
            return (!isLetterOrDigit, 1)
        }
        // Only these lead bytes start a break: ، ؛ ؟ (D8), « » (C2), dashes, quotes and … (E2).
        guard b == 0xD8 || b == 0xC2 || b == 0xE2, i + 1 < s.count else { return (false, 1) }
        let second = s[i + 1]
        switch b {
        case 0xD8: if second == 0x8C || second == 0x9B || second == 0x9F { return (true, 2) }
        case 0xC2: if second == 0xAB || second == 0xBB { return (true, 2) }
        default:
            if second == 0x80, i + 2 < s.count, (0x93...0x9F).contains(s[i + 2]) || s[i + 2] == 0xA6 { return (true, 3) }
        }
        return (false, 1)
    }

    static func hash(_ bytes: ArraySlice<UInt8>) -> UInt64 {
        var h = RepeatDetector.fnvOffset
        for b in bytes { h = (h ^ UInt64(b)) &* RepeatDetector.fnvPrime }
        return h
    }
}
