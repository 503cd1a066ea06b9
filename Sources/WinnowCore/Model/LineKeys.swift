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
        let fold = seeds.fold, pairs = seeds.pairs, skip = seeds.skip, caret = seeds.caret
        let n = line.count
        var count = 0, words = 0
        var last: UInt64 = 0, first: UInt64 = 0, short = seeds.shortPrefix
        var i = 0
        while i < n {
            let end: Int, h: UInt64
            if words == 0 {
                var three = Leading(caret: caret, short: short)
                end = word(line, from: i, into: &three, fold, pairs)
                if end > i {
                    short = three.short
                    first = three.caret
                }
                h = three.word
            } else if words < 3 {
                // The second and third words: no "^" hash (the first's alone is kept).
                var two = Pair(short: (short ^ UInt64(UInt8(ascii: " "))) &* FNV.prime)
                end = word(line, from: i, into: &two, fold, pairs)
                if end > i { short = two.short }
                h = two.word
            } else {
                var one = Single()
                end = word(line, from: i, into: &one, fold, pairs)
                h = one.word
            }
            guard end > i else {
                // Not a word's character: step over it (decoded as `word` decodes it).
                let b = line[i]
                i += b < 0x80 ? 1 : b >= 0xC2 && b < 0xE0 && i + 1 < n && line[i + 1] & 0xC0 == 0x80 ? 2 : LineTraits.decode(line, at: i).1
                continue
            }
            words &+= 1
            keys[count] = UInt32(truncatingIfNeeded: h) & mask
            count &+= 1
            last = h
            i = end
            // Spaces and ASCII punctuation after a word: stepped over here, not by `word`.
            while i < n && skip[Int(line[i])] != 0 { i &+= 1 }
        }
        func add(_ hash: UInt64) {
            keys[count] = UInt32(truncatingIfNeeded: hash) & mask
            count += 1
        }
        if words == 0 {
            add(LineKeys.empty)
        } else {
            add(first)
            add((last ^ UInt64(UInt8(ascii: "$"))) &* FNV.prime)
            if words <= 3 { add(short) }
        }
        return count
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

    /// One word's own hash.
    struct Single: Sink {
        var word = FNV.basis

        @inline(__always)
        mutating func feed(_ b: UInt8) { word = (word ^ UInt64(b)) &* FNV.prime }
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
                let c = line[i &+ 1]
                let f = pairs[Int(b) &<< 8 | Int(c)]
                if f == LineKeys.raw {
                    sink.feed(b)
                    sink.feed(c)
                    i &+= 2
                    // The rest of a run of such characters (a word in Arabic script),
                    // in a tighter loop: an ASCII lead byte is `invalid` in `pairs`.
                    while i &+ 1 < n {
                        let b = line[i], c = line[i &+ 1]
                        guard pairs[Int(b) &<< 8 | Int(c)] == LineKeys.raw else { break }
                        sink.feed(b)
                        sink.feed(c)
                        i &+= 2
                    }
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

    /// `fold` of the character of two bytes `b c` at index `b << 8 | c`, `invalid`
    /// where they are not one character of two bytes (`b` not from C2 to DF, or `c`
    /// not a continuation byte; an ASCII `b` too): the pair looked up at once, not decoded.
    nonisolated(unsafe) static let pairs: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 256 * 256)
        table.initialize(repeating: invalid, count: 256 * 256)
        for lead in 0xC2..<0xE0 {
            for c in 0x80..<0xC0 { table[lead << 8 | c] = fold[(lead & 0x1F) << 6 | c & 0x3F] }
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
