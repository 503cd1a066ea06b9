/// The buckets of one line's lexical keys (see `LexicalScore`), hashed straight
/// from the line's bytes: each word's FNV-1a over its folded bytes, no word
/// copied. The first word is hashed again behind "^", and the first three behind
/// "#short:" when the line has no more: short words, rarely. The keys are those of
/// hashing `LexicalScore.words` (EmbeddedModelTests checks it).
enum LineKeys {
    static let caret = FNV.feed(FNV.basis, CollectionOfOne(UInt8(ascii: "^")))
    static let shortPrefix = FNV.feed(FNV.basis, "#short:".utf8)
    static let empty = FNV.hash("<empty>".utf8)

    /// Writes the line's keys, masked, to `keys` (room for `line.count / 2 + 4`: see
    /// `LexicalScore.logit`) and returns how many.
    static func scan(_ line: UnsafeBufferPointer<UInt8>, into keys: UnsafeMutablePointer<UInt32>, mask: UInt32) -> Int {
        let fold = LineKeys.fold, pairs = LineKeys.pairs
        let n = line.count
        var count = 0, words = 0
        var last: UInt64 = 0, first: UInt64 = 0, short = LineKeys.shortPrefix
        var i = 0
        while i < n {
            let (h, end) = word(line, from: i, seed: FNV.basis, fold, pairs)
            guard end > i else {
                // Not a word's character: step over it (decoded as `word` decodes it).
                let b = line[i]
                i += b < 0x80 ? 1 : b >= 0xC2 && b < 0xE0 && i + 1 < n && line[i + 1] & 0xC0 == 0x80 ? 2 : LineTraits.decode(line, at: i).1
                continue
            }
            words += 1
            keys[count] = UInt32(truncatingIfNeeded: h) & mask
            count += 1
            last = h
            if words == 1 { first = word(line, from: i, seed: LineKeys.caret, fold, pairs).hash }
            if words <= 3 {
                if words > 1 { short = (short ^ UInt64(UInt8(ascii: " "))) &* FNV.prime }
                short = word(line, from: i, seed: short, fold, pairs).hash
            }
            i = end
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

    /// `seed` fed with the folded bytes of the word that starts at byte `start`, and
    /// the byte after it; `end == start` when no word starts there. A CJK character
    /// is a word alone: it ends the word before it.
    @inline(__always)
    static func word(_ line: UnsafeBufferPointer<UInt8>, from start: Int, seed: UInt64,
                     _ fold: UnsafePointer<UInt8>, _ pairs: UnsafePointer<UInt8>) -> (hash: UInt64, end: Int) {
        var h = seed, i = start
        let n = line.count
        while i < n {
            let b = line[i]
            if b < 0x80 {
                let f = fold[Int(b)]
                guard f != 0 else { break }
                h = (h ^ UInt64(f)) &* FNV.prime
                i += 1
                continue
            }
            if b &- 0xC0 < 0x20 && i + 1 < n {
                // Two bytes (Arabic script, Latin-1, Greek, Cyrillic...): never CJK.
                let c = line[i + 1]
                let f = pairs[Int(b & 0x1F) << 8 | Int(c)]
                if f == LineKeys.raw {
                    h = (h ^ UInt64(b)) &* FNV.prime
                    h = (h ^ UInt64(c)) &* FNV.prime
                    i += 2
                    continue
                }
                guard f != 0 else { break }
                if f != LineKeys.invalid {
                    h = (h ^ UInt64(f)) &* FNV.prime
                    i += 2
                    continue
                }
            }
            // An invalid byte decodes as U+FFFD (a word character) and is kept as it is.
            let (cp, width) = LineTraits.decode(line, at: i)
            let cjk = LexicalScore.isCJK(cp)
            guard cjk ? i == start : LexicalScore.isWord(cp) else { break }
            for k in i..<(i + width) { h = (h ^ UInt64(line[k])) &* FNV.prime }
            i += width
            if cjk { break }
        }
        return (h, i)
    }

    /// `fold`'s mark of a word character whose bytes are kept as they are.
    static let raw: UInt8 = 1
    /// `pairs`' mark of two bytes that are not one character.
    static let invalid: UInt8 = 2

    /// `fold` of the character of two bytes `b c` (`b` from C0 to DF) at index
    /// `(b & 0x1F) << 8 | c`, `invalid` where they are not a character (C0, C1, or `c`
    /// not a continuation byte): the pair looked up at once, not decoded.
    nonisolated(unsafe) static let pairs: UnsafePointer<UInt8> = {
        let table = UnsafeMutablePointer<UInt8>.allocate(capacity: 32 * 256)
        for lead in 0..<32 {
            for c in 0..<256 {
                let valid = lead >= 2 && c & 0xC0 == 0x80
                table[lead << 8 | c] = valid ? fold[lead << 6 | c & 0x3F] : invalid
            }
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
