import Testing
@testable import WinnowCore

/// The byte scanners of the per-line path (`LineTraits`, `ContentWords`,
/// `Language.selection`) against plain versions written from their definitions,
/// over every seed, eval and example line, and over random bytes.
@Suite struct TextScanTests {
    @Test func lineTraitsMatchTheirDefinition() throws {
        var checked = 0
        for line in try corpusLines() + TextScanTests.oddLines {
            let bytes = Array(line.utf8)
            #expect(traits(bytes) == reference(bytes), "\(line)")
            checked += 1
        }
        #expect(checked > 1000)
    }

    /// Chinese and Japanese put no space between words: a paragraph of them is many
    /// words and ends its sentence with 。！？, as a paragraph of English does; Korean
    /// spaces its words and is counted by its spaces.
    @Test func ideographicTextCountsWordsAndSentenceEnds() {
        func traits(_ line: String) -> LineTraits { Array(line.utf8).withUnsafeBufferPointer { LineTraits($0) } }
        let paragraph = traits("2017年4月1日，中共中央、国务院印发通知，决定设立河北雄安新区。")
        #expect(paragraph.words == 1 + 24 / 2)   // 24 Han characters
        #expect(paragraph.endsSentence)
        #expect(HeuristicLineKinds.isProse(paragraph))
        #expect(traits("首页").words == 2)
        #expect(traits("你好吗？").endsWithQuestion)
        #expect(traits("「どこへ戦いに行くの？」").endsSentence)
        #expect(traits("한국어 문장입니다").words == 2)
    }

    /// Hindi ends its sentences with the danda (।), Armenian with ։: a paragraph of
    /// either is prose, as one ending with "." is.
    @Test func dandaAndOtherFullStopsEndSentences() {
        func traits(_ line: String) -> LineTraits { Array(line.utf8).withUnsafeBufferPointer { LineTraits($0) } }
        let hindi = traits("राज्य सरकार ने पहले चरण में जैसलमेर, बाड़मेर और जोधपुर जिलों के स्कूलों को चुना है।")
        #expect(hindi.endsSentence)
        #expect(HeuristicLineKinds.isProse(hindi))
        #expect(traits("पहला वाक्य। दूसरा वाक्य").innerSentenceBreaks == 1)
        #expect(traits("Հայաստանը փոքր երկիր է։").endsSentence)
        #expect(!traits("राज्य सरकार").endsSentence)
    }

    /// The eight-bytes-at-a-time test that rules out lines without kana or Han: every
    /// byte value, at every offset of a word and in the tail.
    @Test func aByteAboveE2IsFoundAnywhere() {
        for length in [1, 7, 8, 9, 16, 21] {
            for at in 0..<length {
                for b in UInt8.min...UInt8.max {
                    var bytes = [UInt8](repeating: 0x61, count: length)
                    bytes[at] = b
                    let found = bytes.withUnsafeBytes { LineTraits.hasByteAboveE2($0.baseAddress!, length) }
                    #expect(found == (b > 0xE2), "\(length) \(at) \(b)")
                }
            }
        }
    }

    @Test func lineTraitsMatchTheirDefinitionOnRandomBytes() {
        var generator = SplitMix64(seed: 7)
        // Bytes drawn from ASCII, Arabic-script leads and continuations, spaces and
        // stray bytes; long lines so that the counts pass the lanes' flush points.
        let alphabet: [UInt8] = [0x20, 0x2E, 0x3F, 0x31, 0x61, 0x5A, 0x2D, 0xD8, 0xD9, 0xDA, 0xDB, 0x80, 0xA7,
                                 0xBF, 0x8C, 0xC2, 0xA0, 0xE2, 0x80, 0xA6, 0xF0, 0x9F, 0xFF, 0x09]
        for length in [0, 1, 2, 3, 7, 127, 128, 129, 255, 256, 600, 5000] {
            for _ in 0..<20 {
                let bytes = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
                #expect(traits(bytes) == reference(bytes), "\(bytes)")
            }
        }
    }

    /// A page keeps a line of under 256 characters packed (a byte a count) and a
    /// longer one whole: either way it gives back the line's own traits.
    @Test func aPageKeepsEveryLinesTraits() throws {
        var generator = SplitMix64(seed: 17)
        let alphabet: [[UInt8]] = [[0x20], [0x2E], [0x31], [0x61], [0x5A], [0x3A], [0xD9, 0xBE], [0xD8, 0xA9], [0xDB, 0x8C]]
        var lines = try corpusLines().prefix(500).map { Array($0.utf8) }
        for length in [0, 1, 200, 254, 255, 256, 257, 300, 1000, 70_000] {
            for _ in 0..<3 {
                lines.append((0..<length).flatMap { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
            }
        }
        lines.append([UInt8](repeating: 0x61, count: 255))
        lines.append([UInt8](repeating: 0x61, count: 256))
        let text: [UInt8] = lines.flatMap { $0 + [0x0A] }
        text.withUnsafeBufferPointer { b in
            let page = Page(b)
            var long = 0
            for i in 0..<page.count {
                let own = page.blank[i] ? LineTraits() : LineTraits(page.line(i))
                #expect(page.traits[i] == own, "line \(i)")
                if own.chars > 255 { long += 1 }
            }
            #expect(long > 10)
        }
    }

    @Test func countsPastTheLaneLimit() {
        // 1000 Persian-only letters and 1000 digits: far past a lane's 255.
        let line = String(repeating: "پ", count: 1000) + " " + String(repeating: "7", count: 1000)
        let (t, letters) = traits(Array(line.utf8))
        #expect(letters.persianOnlyLetters == 1000 && letters.persianLetters == 1000 && t.arabicScript == 1000)
        #expect(t.hasPersianOnlyLetters && t.hasPersianLetters && !t.hasArabicLetters && !t.hasArabicOnlyLetters)
        #expect(t.digits == 1000 && t.words == 2 && t.chars == 2001)
        // Spaces on the 128th and 256th characters, where the lanes are emptied.
        let b = "\u{628}"
        let spaced = String(repeating: b, count: 127) + " " + String(repeating: b, count: 127) + " " + String(repeating: b, count: 100)
        #expect(traits(Array(spaced.utf8)).0.arabicScript == 354)
    }

    @Test func contentWordsMatchTheirDefinition() throws {
        var words = 0
        for line in try corpusLines() + TextScanTests.oddLines {
            let shadow = Array(Normalizer.normalize(line).utf8)
            var found: [UInt64] = []
            shadow.withUnsafeBufferPointer { ContentWords.of($0, into: &found) }
            #expect(found == referenceContentWords(shadow), "\(line)")
            words += found.count
        }
        #expect(words > 10_000)
    }

    /// Random words of ASCII letters in both cases, digits, Arabic letters and the
    /// article "ال": the one-pass stopword hash and stem (five characters, after the
    /// article) give what the definition gives, at every word length.
    @Test func contentWordsMatchTheirDefinitionOnRandomWords() {
        var generator = SplitMix64(seed: 11)
        let pieces: [[UInt8]] = [[0x61], [0x41], [0x5A], [0x74], [0x33], [0xD8, 0xA8], [0xDB, 0x8C], [0xD8, 0xA7, 0xD9, 0x84],
                                 [0xD8, 0xA7], [0xD9, 0x84], [0x20], [0x20], [0x2E], [0xE2, 0x80, 0x93],
                                 // ، and « break words; D8 8D, D9 8C and C2 AC are letters next to them.
                                 [0xD8, 0x8C], [0xC2, 0xAB], [0xD8, 0x8D], [0xD9, 0x8C], [0xC2, 0xAC]]
        for _ in 0..<3000 {
            var shadow: [UInt8] = []
            for _ in 0..<Int(generator.next() % 40) { shadow += pieces[Int(generator.next() % UInt64(pieces.count))] }
            var found: [UInt64] = []
            shadow.withUnsafeBufferPointer { ContentWords.of($0, into: &found) }
            #expect(found == referenceContentWords(shadow), "\(shadow)")
        }
    }

    /// The split's branch-free test for ، ؛ ؟ « » against the list, for every lead
    /// byte and every continuation byte.
    @Test func twoByteBreaksMatchTheirList() {
        let breaks: Set<[UInt8]> = [[0xD8, 0x8C], [0xD8, 0x9B], [0xD8, 0x9F], [0xC2, 0xAB], [0xC2, 0xBB]]
        for b0 in UInt8.min...UInt8.max {
            for b1 in UInt8(0x80)...0xBF {
                #expect(ContentWords.isTwoByteBreak(b0, b1) == breaks.contains([b0, b1]), "\(b0) \(b1)")
            }
        }
    }

    @Test func languageSelectionFollowsItsDefinition() throws {
        for line in try corpusLines() + TextScanTests.oddLines {
            let t = traits(Array(line.utf8)).0
            let persian = t.hasPersianLetters, arabic = t.hasArabicOnlyLetters
            var expected: [Language] = []
            if t.arabicScript > 0 { expected += persian == arabic ? [.fa, .ar] : (persian ? [.fa] : [.ar]) }
            if t.latinLetters > 0 { expected.append(.en) }
            if expected.isEmpty { expected = [.fa, .ar, .en] }
            #expect(Language.selection(forLine: t) == RuleSet.LanguageSelection(expected), "\(line)")
        }
    }

    /// × and ÷ stand among Latin-1's letters but are signs: a close button "×" is a
    /// line with no letter, which takes the rules of every language (docs/rules.md
    /// section 5). Counted as Latin, it took only `en` rules: a `lang fa` rule that
    /// `winnow learn` wrote for a Persian site's "×" never fired.
    @Test func timesAndDivideAreNoLetters() {
        for line in ["×", "÷", "× ×", "12 × 4 ÷ 2"] {
            let t = traits(Array(line.utf8)).0
            #expect(t.latinLetters == 0, "\(line)")
            #expect(Language.selection(forLine: t) == .everyLanguage, "\(line)")
        }
        #expect(traits(Array("Ô é ø ×".utf8)).0.latinLetters == 3)
    }

    /// Lines end at "\n", "\r\n" and a lone "\r"; the spans cover every byte once.
    @Test func lineSplitterMatchesItsDefinition() {
        var generator = SplitMix64(seed: 3)
        let alphabet: [UInt8] = [0x0A, 0x0D, 0x61, 0x20, 0xD8, 0xA7]
        for length in 0..<300 {
            let bytes = (0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
            var expected: [LineSpan] = []
            var start = 0, i = 0
            while i < bytes.count {
                if bytes[i] == 0x0A || bytes[i] == 0x0D {
                    let next = bytes[i] == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A ? i + 2 : i + 1
                    expected.append(LineSpan(start: start, end: i, next: next))
                    start = next
                    i = next
                } else {
                    i += 1
                }
            }
            if start < bytes.count { expected.append(LineSpan(start: start, end: bytes.count, next: bytes.count)) }
            #expect(bytes.withUnsafeBufferPointer { LineSplitter.split($0) } == expected, "\(bytes)")
        }
    }

    /// A page keeps a `LineTraits` a line: six counts and a flag byte, the Persian and
    /// Arabic letters as flags (their counts are the page's, `LetterTotals`).
    @Test func lineTraitsTakeTwentyEightBytes() {
        #expect(MemoryLayout<LineTraits>.stride == 28)
        var t = LineTraits()
        t.hasPersianLetters = true; t.hasArabicOnlyLetters = true; t.endsSentence = true
        #expect(t.hasPersianLetters && !t.hasPersianOnlyLetters && !t.hasArabicLetters && t.hasArabicOnlyLetters)
        #expect(t.endsSentence && !t.endsWithColon && !t.startsWithListMarker && !t.endsWithQuestion)
        t.hasPersianLetters = false
        #expect(!t.hasPersianLetters && t.hasArabicOnlyLetters && t.endsSentence)
    }

    /// Spans are packed in 32 bits (12 bytes a line): what goes in comes out, up to
    /// the largest document they can hold.
    @Test func lineSpanKeepsItsOffsetsInTwelveBytes() {
        #expect(MemoryLayout<LineSpan>.stride == 12)
        var generator = SplitMix64(seed: 5)
        for _ in 0..<2_000 {
            let a = Int(generator.next() % UInt64(LineSpan.maxDocumentBytes + 1))
            let b = Int(generator.next() % UInt64(LineSpan.maxDocumentBytes + 1))
            let next = max(a, b)
            let terminator = min(Int(generator.next() % 3), next - min(a, b))
            let span = LineSpan(start: min(a, b), end: next - terminator, next: next)
            #expect(span.start == min(a, b) && span.end == next - terminator && span.next == next)
            #expect(span.content == min(a, b)..<(next - terminator) && span.hasTerminator == (terminator > 0))
        }
        let last = LineSpan(start: LineSpan.maxDocumentBytes - 2, end: LineSpan.maxDocumentBytes, next: LineSpan.maxDocumentBytes)
        #expect(last.end == LineSpan.maxDocumentBytes && !last.hasTerminator)
    }

    /// The repeat detector's word hashes come with the line's spaceless hash, from
    /// the same pass: it must equal `spacelessHash`, and the words the split at spaces.
    @Test func wordHashesComeWithTheSpacelessHash() throws {
        for line in try corpusLines() + TextScanTests.oddLines {
            let shadow = Array(Normalizer.normalize(line).utf8)
            var words: [UInt64] = [42]
            let hash = shadow.withUnsafeBufferPointer { RepeatDetector.wordHashes($0, into: &words) }
            #expect(hash == shadow.withUnsafeBufferPointer { RepeatDetector.spacelessHash($0) }, "\(line)")
            let expected = shadow.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 }).map { ContentWords.hash($0) }
            #expect(words == [42] + expected, "\(line)")
        }
    }

    /// The repeat detector's word buffers hold every word of a line: sized by bytes
    /// for ordinary lines, by the words counted on a line of over 64 KiB.
    @Test func theRepeatBuffersHoldEveryWordOfAnyLine() throws {
        let lines = [String(repeating: "a ", count: 40_000), String(repeating: "word ", count: 20_000) + "\tend",
                     String(repeating: "x", count: 70_000), " \t " + String(repeating: "ab\t", count: 30_000)]
            + TextScanTests.oddLines
        for line in lines {
            let bytes = Array(line.utf8)
            let words = bytes.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 }).count
            let most = bytes.withUnsafeBufferPointer { RepeatDetector.mostWords($0) }
            #expect(most >= words, "\(line.prefix(20))")
            // Long lines get their words counted, not a slot for every other byte.
            if bytes.count > 1 << 16 { #expect(most == words + 1) } else { #expect(most == (bytes.count + 1) / 2 + 1) }
        }
    }

    static let oddLines = [
        "", " ", "  - item", "۱- مورد", "12) twelve", "(a) option", "• dot", "«آیا؟»", "He said \"stop.\"",
        "a.b c. d? e", "ـــ", "کلمه\u{200C}ای", "مستشفى علي", "الخليج العربي", "Storms STORM storms", "The 1990s and 3D",
        "x\u{2026} y\u{2026}", "عنوان: ", "Title：", "don't can't", "a\u{00A0}b\u{3000}c",
        "\tتب\t\tدو ", "x\t", "\t", " \t a",
        "新闻。今天很好！", "你好吗？", "「どこへ戦いに行くの？」", "（注）", "理论中国网-2022年第4期", "한국어 문장입니다.", "ひらがな カタカナ 漢字",
    ]

    /// The scan, and the letters it adds to a page's counts.
    private func traits(_ bytes: [UInt8]) -> (LineTraits, LetterTotals) {
        var letters = LetterTotals()
        let t = bytes.withUnsafeBufferPointer { LineTraits($0, letters: &letters) }
        #expect(t == bytes.withUnsafeBufferPointer { LineTraits($0) })
        return (t, letters)
    }

    /// LineTraits as its doc comments define it, one scalar at a time.
    private func reference(_ bytes: [UInt8]) -> (LineTraits, LetterTotals) {
        var scalars: [UInt32] = []
        bytes.withUnsafeBufferPointer { b in
            var i = 0
            while i < b.count {
                let (scalar, length) = LineTraits.decode(b, at: i)
                scalars.append(scalar)
                i += length
            }
        }
        let space = LineTraits.isSpace, final = LineTraits.isSentenceFinal
        func isDigit(_ c: UInt32) -> Bool { (0x30...0x39).contains(c) || (0x660...0x669).contains(c) || (0x6F0...0x6F9).contains(c) }
        let persianOnly: Set<UInt32> = [0x67E, 0x686, 0x698, 0x6AF], persian = persianOnly.union([0x6A9, 0x6CC])
        let arabicOnly: Set<UInt32> = [0x629, 0x649], arabic = arabicOnly.union([0x643, 0x64A])
        func isArabicScript(_ c: UInt32) -> Bool {
            !isDigit(c) && ((0x600...0x6FF).contains(c) || (0x750...0x77F).contains(c) || (0xFB50...0xFDFF).contains(c) || (0xFE70...0xFEFF).contains(c))
        }
        func isLatin(_ c: UInt32) -> Bool { (0x41...0x5A).contains(c) || (0x61...0x7A).contains(c) || ((0xC0...0x24F).contains(c) && c != 0xD7 && c != 0xF7) }
        var t = LineTraits()
        t.chars = scalars.count
        // Runs of non-space characters, and a word for every two kana or Han characters.
        t.words = scalars.indices.filter { !space(scalars[$0]) && ($0 == 0 || space(scalars[$0 - 1])) }.count
            + scalars.filter { (0x3040...0x9FFF).contains($0) }.count / 2
        t.digits = scalars.filter(isDigit).count
        t.latinLetters = scalars.filter(isLatin).count
        t.arabicScript = scalars.filter(isArabicScript).count
        var letters = LetterTotals()
        letters.arabicScript = t.arabicScript
        letters.latinLetters = t.latinLetters
        letters.persianLetters = scalars.filter(persian.contains).count
        letters.persianOnlyLetters = scalars.filter(persianOnly.contains).count
        letters.arabicLetters = scalars.filter(arabic.contains).count
        letters.arabicOnlyLetters = scalars.filter(arabicOnly.contains).count
        t.hasPersianLetters = letters.persianLetters > 0
        t.hasPersianOnlyLetters = letters.persianOnlyLetters > 0
        t.hasArabicLetters = letters.arabicLetters > 0
        t.hasArabicOnlyLetters = letters.arabicOnlyLetters > 0
        t.innerSentenceBreaks = scalars.indices.dropLast().filter { final(scalars[$0]) && space(scalars[$0 + 1]) }.count
        let shown = scalars.filter { !space($0) }
        let last = shown.last ?? 0
        let end = LineTraits.isClosing(last) ? (shown.dropLast().last ?? 0) : last
        t.endsSentence = final(end)
        t.endsWithColon = end == 0x3A || end == 0xFF1A
        t.endsWithQuestion = end == 0x3F || end == 0x61F || end == 0xFF1F
        let opening = Array(scalars.drop(while: space).prefix(3))
        t.startsWithListMarker = !opening.isEmpty
            && LineTraits.isListMarker(opening[0], opening.count > 1 ? opening[1] : nil, opening.count > 2 ? opening[2] : 0)
        return (t, letters)
    }

    /// ContentWords as its doc comment defines it, on scalars.
    private func referenceContentWords(_ shadow: [UInt8]) -> [UInt64] {
        let breaks = Set<UInt32>([0x060C, 0x061B, 0x061F, 0xAB, 0xBB, 0x2026] + Array(0x2013...0x201F))
        func isBreak(_ c: Unicode.Scalar) -> Bool {
            c.isASCII ? !(("0"..."9").contains(c) || ("a"..."z").contains(c) || ("A"..."Z").contains(c) || c == "'")
                : breaks.contains(c.value)
        }
        let text = String(decoding: shadow, as: UTF8.self)
        var out: [UInt64] = []
        for word in text.unicodeScalars.split(whereSeparator: isBreak) {
            let lowered = word.map { ("A"..."Z").contains($0) ? Unicode.Scalar($0.value + 0x20)! : $0 }
            let bytes = lowered.flatMap { Array(String($0).utf8) }
            let digits = lowered.filter { ("0"..."9").contains($0) }.count
            guard lowered.count > 2, digits < lowered.count, !Stopwords.hashes.contains(ContentWords.hash(bytes[...])) else { continue }
            let stemmed = lowered.count > 4 && lowered.starts(with: ["ا", "ل"]) ? Array(lowered.dropFirst(2)) : lowered
            out.append(ContentWords.hash(stemmed.prefix(5).flatMap { Array(String($0).utf8) }[...]))
        }
        return out
    }
}

@Suite struct HashTableTests {
    /// Every key is its own, 0 and 1 included (0 marks an empty slot inside).
    @Test func keysZeroAndOneAreDistinct() {
        var table = HashTable(capacity: 4)
        #expect(table.insertIfAbsent(1, 10) == 10)
        #expect(table.insertIfAbsent(0, 20) == 20)
        #expect(table.insertIfAbsent(0, 30) == 20)
        #expect(table[0] == 20 && table[1] == 10 && table[2] == nil)
        table.add(0, 5)
        for k in UInt64(2)..<200 { table.add(k, 1) }   // grows several times
        #expect(table[0] == 25 && table[1] == 10 && table[199] == 1 && table.count == 200)
        table.rebuild { $0 > 1 ? $0 / 5 : nil }
        #expect(table[0] == 5 && table[1] == 2 && table[199] == nil && table.count == 2)
        table.removeAll()
        #expect(table[0] == nil && table[1] == nil && table.count == 0)
    }

    /// The bulk inserts and adds give what the same keys one at a time give (repeats
    /// within one call, key 0, growth in the middle), and a reusable table emptied
    /// slot by slot is as empty as a new one, through several rounds.
    @Test func bulkAndReusedTablesMatchOneAtATime() {
        var x: UInt64 = 77
        func key() -> UInt64 {
            x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return x >> 58 == 0 ? 0 : x >> 50   // key 0 now and then, and repeats
        }
        var reused = HashTable(capacity: 2, reusable: true), reusedAdds = HashTable(capacity: 2, reusable: true)
        for round in 0..<6 {
            var single = HashTable(capacity: 2), singleAdds = HashTable(capacity: 2)
            var seen: [UInt64] = []
            for batch in 0..<40 {
                let keys = (0..<(batch % 9)).map { _ in key() }
                for k in keys { single.insertIfAbsent(k, Int32(batch)); singleAdds.add(k, Int32(round + 1)) }
                reused.insertIfAbsent(contentsOf: keys, Int32(batch))
                reusedAdds.add(contentsOf: keys[...], Int32(round + 1))
                seen += keys
            }
            #expect(reused.count == single.count && reusedAdds.count == singleAdds.count)
            for k in seen + [1, 2, 3] {
                #expect(reused[k] == single[k], "round \(round) key \(k)")
                #expect(reusedAdds[k] == singleAdds[k], "round \(round) key \(k)")
            }
            reused.removeAll()
            reusedAdds.removeAll()
            #expect(reused.count == 0 && seen.allSatisfy { reused[$0] == nil && reusedAdds[$0] == nil })
        }
    }
}
