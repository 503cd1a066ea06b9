import Testing
@testable import WinnowCore

/// `WordScan`'s counts, made inside the `LineTraits` scan and the content-word
/// split, against the two separate passes over the line and its shadow that made
/// them before (kept here as the definition), over every seed, eval and example
/// line, odd lines, and random bytes.
@Suite struct WordScanTests {
    @Test func sharedScansMatchTheTwoPassDefinition() throws {
        let odd = TextScanTests.oddLines + [
            "Hello—world foo–bar “quoted” it’s the—and of–the x…y …the", "www.example.com HTTP://x.org/a WWW.X.ORG",
            "user@mail.com a|b|c Home > News > World • item « guillemets »", "Ελληνικά Κείμενο Привет Мир ÀÉÎ × Übermäßig",
            "中文文本。日本語のテキスト！한국어？", "dash\u{2014} \u{201C}the\u{201D} \u{2026}and and\u{2026}", "a:/ ww. w.ww.",
        ]
        var checked = 0
        for line in try corpusLines() + odd {
            let bytes = Array(line.utf8)
            let shadow = Array(Normalizer.normalize(line).utf8)
            #expect(fused(bytes, shadow) == TwoPassScan(bytes, shadow), "\(line)")
            checked += 1
        }
        #expect(checked > 1000)
    }

    @Test func sharedScansMatchTheTwoPassDefinitionOnRandomBytes() {
        var generator = SplitMix64(seed: 11)
        // ASCII letters, punctuation and separators, "://" and "www." pieces, dashes,
        // quotes and ellipses (E2 80 ..), Arabic marks, CJK leads, stray bytes.
        let alphabet: [[UInt8]] = [[0x20], [0x2E], [0x3F], [0x31], [0x61], [0x57], [0x77], [0x3A], [0x2F], [0x40], [0x7C],
                                   [0x27], [0xE2, 0x80, 0x94], [0xE2, 0x80, 0x9C], [0xE2, 0x80, 0xA6], [0xE2, 0x80],
                                   [0xD8, 0x8C], [0xD9, 0x88], [0xC2, 0xAB], [0xE4, 0xB8, 0xAD], [0xE3, 0x80, 0x82],
                                   [0xCE, 0x91], [0x80], [0xFF], [0x09], [0x74, 0x68, 0x65]]
        for length in [0, 1, 2, 3, 5, 8, 20, 100, 400] {
            for _ in 0..<40 {
                let bytes = (0..<length).flatMap { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
                #expect(fused(bytes, bytes) == TwoPassScan(bytes, bytes), "\(bytes)")
            }
        }
    }

    /// A page keeps its lines' counts in a byte each; a line with more (255 and 256
    /// separators, 70 000) keeps them whole.
    @Test func aPageKeepsCountsPastAByte() {
        let text = String(repeating: "|", count: 70_000) + " the end?\nHome | News\n" + String(repeating: "|", count: 255)
            + " a\n" + String(repeating: "|", count: 256) + " the the\n" + String(repeating: "the ", count: 300) + "\n"
        let bytes = Array(text.utf8)
        bytes.withUnsafeBufferPointer { b in
            let page = Page(b, scanWords: true)
            var scans = page.wordScans
            _ = TopicModel.words(of: page, scans: &scans)
            for i in 0..<5 {
                let kept = scans[i], alone = WordScan(page.line(i), shadow: page.shadow(i))
                #expect(kept.punctuation == alone.punctuation && kept.separators == alone.separators
                        && kept.stopwords == alone.stopwords && kept.shortWords == alone.shortWords
                        && kept.capitalised == alone.capitalised && kept.cjk == alone.cjk
                        && kept.endsQuestion == alone.endsQuestion && kept.urlLike == alone.urlLike, "line \(i)")
            }
            #expect(scans[0].separators == 70_000 && scans[0].endsQuestion && scans[0].stopwords == 1)
            #expect(scans[1].separators == 1 && scans[1].shortWords == 0)
            #expect(scans[2].separators == 255 && scans[3].separators == 256 && scans[3].stopwords == 2)
            // Past a byte only once the shadow's words are added.
            #expect(scans[4].stopwords == 300 && scans[4].shortWords == 300)
        }
    }

    private func fused(_ line: [UInt8], _ shadow: [UInt8]) -> TwoPassScan {
        let s = line.withUnsafeBufferPointer { l in shadow.withUnsafeBufferPointer { WordScan(l, shadow: $0) } }
        return TwoPassScan(stopwords: s.stopwords, shortWords: s.shortWords, capitalised: s.capitalised,
                           punctuation: s.punctuation, separators: s.separators, urlLike: s.urlLike,
                           endsQuestion: s.endsQuestion, cjk: s.cjk, cjkBreaks: s.cjkBreaks)
    }
}

/// The counts as `WordScan` made them up to 83177d3: one pass over the line, one
/// over its shadow.
private struct TwoPassScan: Equatable {
    var stopwords = 0, shortWords = 0, capitalised = 0, punctuation = 0, separators = 0
    var urlLike = false, endsQuestion = false
    var cjk = 0, cjkBreaks = 0

    init(stopwords: Int, shortWords: Int, capitalised: Int, punctuation: Int, separators: Int, urlLike: Bool,
         endsQuestion: Bool, cjk: Int, cjkBreaks: Int) {
        self.stopwords = stopwords; self.shortWords = shortWords; self.capitalised = capitalised
        self.punctuation = punctuation; self.separators = separators; self.urlLike = urlLike
        self.endsQuestion = endsQuestion; self.cjk = cjk; self.cjkBreaks = cjkBreaks
    }

    init(_ line: [UInt8], _ shadow: [UInt8]) {
        line.withUnsafeBufferPointer { scanOriginal($0) }
        shadow.withUnsafeBufferPointer { scanShadow($0) }
    }

    private mutating func scanOriginal(_ s: UnsafeBufferPointer<UInt8>) {
        var i = 0, atWordStart = true
        var last: UInt32 = 0
        var window: UInt32 = 0
        while i < s.count {
            let c: UInt32
            let b = s[i]
            if b < 0x80 {
                c = UInt32(b)
                i += 1
                window = window << 8 | UInt32(b &- 0x41 < 26 ? b | 0x20 : b)
                if window & 0xFF_FFFF == 0x3A_2F2F || window == 0x7777_772E { urlLike = true }
            } else {
                window = 0
                let (decoded, length) = LineTraits.decode(s, at: i)
                c = decoded
                i += length
            }
            if LineTraits.isSpace(c) { atWordStart = true; continue }
            let isUpper = (0x41...0x5A).contains(c) || ((0xC0...0xDE).contains(c) && c != 0xD7)
                || (0x391...0x3A9).contains(c) || (0x400...0x42F).contains(c)
            if atWordStart, isUpper { capitalised += 1 }
            atWordStart = false
            last = c
            if c < 0x80 {
                let p = UInt8(c)
                if (0x21...0x2F).contains(p) || (0x3A...0x40).contains(p) || (0x5B...0x60).contains(p) || (0x7B...0x7E).contains(p) {
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

    private mutating func scanShadow(_ s: UnsafeBufferPointer<UInt8>) {
        var word: [UInt8] = []
        var scalars = 0
        func endWord() {
            if scalars > 0 {
                if scalars <= 3 { shortWords += 1 }
                let lowered = word.map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 }
                if scalars <= Stopwords.longest, Stopwords.hashes.contains(ContentWords.hash(lowered[...])) { stopwords += 1 }
            }
            word = []
            scalars = 0
        }
        var i = 0
        while i < s.count {
            let b = s[i]
            let breaksWord: Bool
            if b < 0x80 {
                breaksWord = !((b | 0x20) &- 0x61 < 26 || b &- 0x30 < 10 || b == 0x27)
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
            word.append(b)
            i += 1
        }
        endWord()
    }
}
