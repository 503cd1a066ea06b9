/// The buckets of one line's lexical keys (see `LexicalScore`), hashed straight
/// from the line's bytes: each word's FNV-1a over its folded bytes, no word
/// copied. The first three words also feed "#short:w1 w2 w3" as they are read (the
/// first, "^w1" too). The keys are those of hashing `LexicalScore.words`
/// (EmbeddedModelTests checks it).
enum LineKeys {
    static let caret = FNV.feed(FNV.basis, CollectionOfOne(UInt8(ascii: "^")))
    static let shortPrefix = FNV.feed(FNV.basis, "#short:".utf8)
    static let empty = FNV.hash("<empty>".utf8)

    /// The tables and seeds a line's scan reads, behind one lazy global (one
    /// check a line, not one each).
    struct Seeds {
        let fold: UnsafePointer<UInt8>, pairs: UnsafePointer<UInt8>, skip: UnsafePointer<UInt8>
        let caret: UInt64, shortPrefix: UInt64
    }
    nonisolated(unsafe) static let seeds = Seeds(fold: fold, pairs: pairs, skip: skip, caret: caret, shortPrefix: shortPrefix)

    /// 1 for each ASCII byte that is not part of a word (what is stepped over after
    /// one), 0 for the other bytes: one look-up a byte, no test of its high bit.
    nonisolated(unsafe) static let skip: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256)
        for b in 0..<256 { table[b] = b < 0x80 && fold[b] == 0 ? 1 : 0 }
        return UnsafePointer(table)
    }()

    /// Writes the line's keys, masked, to `keys` (room for `line.count / 2 + 4`: see
    /// `LexicalScore.logit`) and returns how many.
    static func scan(_ line: UnsafeBufferPointer<UInt8>, into keys: UnsafeMutablePointer<UInt32>, mask: UInt32) -> Int {
        // The tables and seeds read once a line, not once a word.
        let seeds = LineKeys.seeds
        let fold = seeds.fold, pairs = seeds.pairs, skip = seeds.skip
        let n = line.count
        // A key a word so far: `count` is also the number of words read.
        var count = 0
        var first: UInt64 = 0, short = seeds.shortPrefix
        var i = 0
        // The first three words also feed "#short:" (the first, "^" too).
        while i < n && count < 3 {
            let end: Int, h: UInt64
            if count == 0 {
                var three = Leading(caret: seeds.caret, short: short)
                end = word(line, from: i, into: &three, fold, pairs)
                if end > i {
                    short = three.short
                    first = three.caret
                }
                h = three.word
            } else {
                // The second and third words: no "^" hash (the first's alone is kept).
                var two = Pair(short: (short ^ UInt64(UInt8(ascii: " "))) &* FNV.prime)
                end = word(line, from: i, into: &two, fold, pairs)
                if end > i { short = two.short }
                h = two.word
            }
            guard end > i else {
                i = stepOver(line, at: i)
                continue
            }
            keys[count] = UInt32(truncatingIfNeeded: h) & mask
            count &+= 1
            i = end
            // Spaces and ASCII punctuation after a word: stepped over here, not by `word`.
            while i < n && skip[Int(line[i])] != 0 { i &+= 1 }
        }
        let words = count < 3 ? count : tail(line, from: i, into: keys, count: count, mask: mask, seeds)
        count = words
        func add(_ key: UInt32) {
            keys[count] = key & mask
            count += 1
        }
        if words == 0 {
            add(UInt32(truncatingIfNeeded: LineKeys.empty))
        } else {
            add(UInt32(truncatingIfNeeded: first))
            // "w$" from the last word's key, not its whole hash: the low bits of a xor
            // and of a product depend only on the low bits of their operands, and the
            // mask keeps fewer than 32.
            add((keys[words - 1] ^ UInt32(UInt8(ascii: "$"))) &* UInt32(truncatingIfNeeded: FNV.prime))
            if words <= 3 { add(UInt32(truncatingIfNeeded: short)) }
        }
        return count
    }

    /// The keys of the words from byte `start` on (those after the third): each
    /// word's own hash alone; returns the new count. One loop over characters, not one
    /// a word: a word's key is written when the character after it is met, so a
    /// space between two words costs a few instructions, not a call of `word` and a
    /// loop over separators. Splits as `word` and `stepOver` do.
    @inline(never)
    private static func tail(_ line: UnsafeBufferPointer<UInt8>, from start: Int, into keys: UnsafeMutablePointer<UInt32>,
                             count: Int, mask: UInt32, _ seeds: Seeds) -> Int {
        let fold = seeds.fold, pairs = seeds.pairs
        let n = line.count
        var i = start, count = count
        var one = Single(), inWord = false
        @inline(__always) func feed(_ b: UInt8) { one.feed(b) }
        @inline(__always) func close() {
            if inWord {
                keys[count] = UInt32(truncatingIfNeeded: one.word) & mask
                count &+= 1
                one = Single()
                inWord = false
            }
        }
        /// A character `fold` or `pairs` maps to `f`: a word's byte, or (0) a separator.
        @inline(__always) func take(_ f: UInt8) {
            if f != 0 {
                feed(f)
                inWord = true
            } else {
                close()
            }
        }
        while i < n {
            let b = line[i]
            if b < 0x80 {
                take(fold[Int(b)])
                i &+= 1
                continue
            }
            if i &+ 1 < n {
                let f = pairs[pair(line, at: i)]
                if f == LineKeys.raw {
                    i = rawRun(line, from: i, into: &one, pairs)
                    inWord = true
                    continue
                }
                if f != LineKeys.invalid {
                    take(f)
                    i &+= 2
                    continue
                }
            }
            let (kind, width) = LineKeys.kind(line, at: i)
            switch kind {
            case .word:
                for k in i..<(i &+ width) { feed(line[k]) }
                inWord = true
            case .cjk:
                // A word alone: it ends the word before it.
                close()
                for k in i..<(i &+ width) { feed(line[k]) }
                inWord = true
                close()
            case .other:
                close()
            }
            i &+= width
        }
        close()
        return count
    }

    /// The byte after the character at `i`, which is not a word's (decoded as `word`
    /// decodes it).
    @inline(__always)
    private static func stepOver(_ line: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        let b = line[i], n = line.count
        return i + (b < 0x80 ? 1 : b >= 0xC2 && b < 0xE0 && i + 1 < n && line[i + 1] & 0xC0 == 0x80 ? 2 : LineTraits.decode(line, at: i).1)
    }

    /// Where the folded bytes of a word go: its own hash, and for the first three
    /// words the line's "#short:" and "^" hashes as well.
    protocol Sink {
        mutating func feed(_ b: UInt8)
    }

    /// The hashes the first word feeds: its own, "^" and "#short:".
    struct Leading: Sink {
        var word: UInt64, caret: UInt64, short: UInt64

        init(caret: UInt64, short: UInt64) {
            word = FNV.basis
            self.caret = caret
            self.short = short
        }

        @inline(__always)
        mutating func feed(_ b: UInt8) {
            word = (word ^ UInt64(b)) &* FNV.prime
            caret = (caret ^ UInt64(b)) &* FNV.prime
            short = (short ^ UInt64(b)) &* FNV.prime
        }
    }

    /// The second and third words' hashes: their own and the line's "#short:".
    struct Pair: Sink {
        var word: UInt64, short: UInt64

        init(short: UInt64) {
            word = FNV.basis
            self.short = short
        }

        @inline(__always)
        mutating func feed(_ b: UInt8) {
            word = (word ^ UInt64(b)) &* FNV.prime
            short = (short ^ UInt64(b)) &* FNV.prime
        }
    }

    /// `sink` fed with the folded bytes of the word that starts at byte `start`;
    /// returns the byte after it, `start` when no word starts there. A CJK
    /// character is a word alone: it ends the word before it.
    @inline(__always)
    static func word<S: Sink>(_ line: UnsafeBufferPointer<UInt8>, from start: Int, into sink: inout S,
                              _ fold: UnsafePointer<UInt8>, _ pairs: UnsafePointer<UInt8>) -> Int {
        var i = start
        let n = line.count
        // Each way out returns at once (no flag carried round the loop); indices
        // stay below `n`, so their sums cannot overflow.
        while i < n {
            let b = line[i]
            if b < 0x80 {
                let f = fold[Int(b)]
                if f == 0 { return i }
                sink.feed(f)
                i &+= 1
                continue
            }
            if i &+ 1 < n {
                // Two bytes (Arabic script, Latin-1, Greek, Cyrillic...): never CJK.
                let f = pairs[pair(line, at: i)]
                if f == LineKeys.raw {
                    i = rawRun(line, from: i, into: &sink, pairs)
                    continue
                }
                if f == 0 { return i }
                if f != LineKeys.invalid {
                    sink.feed(f)
                    i &+= 2
                    continue
                }
            }
            let (kind, width) = LineKeys.kind(line, at: i)
            if kind == .cjk {
                guard i == start else { return i }
                for k in i..<(i &+ width) { sink.feed(line[k]) }
                return i &+ width
            }
            guard kind == .word else { return i }
            for k in i..<(i &+ width) { sink.feed(line[k]) }
            i &+= width
        }
        return i
    }

    /// One word's own hash.
    struct Single: Sink {
        var word = FNV.basis

        @inline(__always)
        mutating func feed(_ b: UInt8) { word = (word ^ UInt64(b)) &* FNV.prime }
    }

    /// `pairs`' index of the two bytes at `i` (and `i + 1`): both read in one load.
    @inline(__always)
    static func pair(_ line: UnsafeBufferPointer<UInt8>, at i: Int) -> Int {
        Int(UInt16(littleEndian: UnsafeRawPointer(line.baseAddress! + i).loadUnaligned(as: UInt16.self)))
    }

    /// `sink` fed with the run of two-byte word characters kept as they are that
    /// starts at byte `i` (a word in Arabic script), in a tight loop; returns the byte
    /// after it. An ASCII lead byte is `invalid` in `pairs`.
    @inline(__always)
    static func rawRun<S: Sink>(_ line: UnsafeBufferPointer<UInt8>, from start: Int, into sink: inout S,
                                _ pairs: UnsafePointer<UInt8>) -> Int {
        var i = start
        // A pair starts before the last byte.
        let end = line.count &- 1
        while i < end {
            let p = pair(line, at: i)
            guard pairs[p] == LineKeys.raw else { break }
            sink.feed(UInt8(truncatingIfNeeded: p))
            sink.feed(UInt8(truncatingIfNeeded: p &>> 8))
            i &+= 2
        }
        return i
    }

    enum Kind { case word, cjk, other }

    /// What the character at byte `i` is to the split, and its width. Not inlined:
    /// characters of three and four bytes are rare outside CJK pages, and the loop
    /// over the others stays lean.
    @inline(never)
    static func kind(_ line: UnsafeBufferPointer<UInt8>, at i: Int) -> (Kind, Int) {
        // An invalid byte decodes as U+FFFD (a word character) and is kept as it is.
        let (cp, width) = LineTraits.decode(line, at: i)
        return (LexicalScore.isCJK(cp) ? .cjk : LexicalScore.isWord(cp) ? .word : .other, width)
    }

    /// `fold`'s mark of a word character whose bytes are kept as they are.
    static let raw: UInt8 = 1
    /// `pairs`' mark of two bytes that are not one character.
    static let invalid: UInt8 = 2

    /// `fold` of the character of two bytes `b c` at index `c << 8 | b` (`pair`: the
    /// two read as one little-endian number), `invalid` where they are not one
    /// character of two bytes (`b` not from C2 to DF, or `c` not a continuation byte;
    /// an ASCII `b` too): the pair looked up at once, not decoded.
    nonisolated(unsafe) static let pairs: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256 * 256)
        table.initialize(repeating: invalid, count: 256 * 256)
        for lead in 0xC2..<0xE0 {
            for c in 0x80..<0xC0 { table[c << 8 | lead] = fold[(lead & 0x1F) << 6 | c & 0x3F] }
        }
        return UnsafePointer(table)
    }()

    /// Each scalar below U+0800 as a word's byte: ASCII digits and Arabic-Indic
    /// digits as "0", ASCII letters in lower case, `raw` for the other word
    /// characters (kept as they are), 0 for what is not part of a word.
    nonisolated(unsafe) static let fold: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 0x800)
        for cp in 0..<UInt32(0x800) {
            let folded: UInt8
            switch cp {
            case 0x30...0x39, 0x660...0x669, 0x6F0...0x6F9: folded = UInt8(ascii: "0")
            case 0x41...0x5A: folded = UInt8(cp + 32)
            case 0x61...0x7A: folded = UInt8(cp)
            default: folded = cp >= 0x80 && LexicalScore.isWord(cp) ? raw : 0
            }
            table[Int(cp)] = folded
        }
        return UnsafePointer(table)
    }()
}
