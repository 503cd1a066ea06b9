/// The line model's word evidence: a logistic regression over the hashed words
/// of a line, learned from many sites ("comments", "share", "©", "related" lean
/// to chrome in any page; topic words cancel out across sites). Its logit is one
/// more stage-1 input, `lexical`.
///
/// A line's keys are its distinct words, its first word marked `^w`, its last
/// `w$`, and the whole line `#short:w1 w2` when it has at most three words
/// (`<empty>` when it has none). Words are runs of letters and digits; digits
/// fold to `0` and ASCII letters to lower case; CJK characters are words of one.
/// Each key hashes (FNV-1a, 64 bits) to one of 2^bits buckets; the distinct
/// buckets weigh 1/√count each. `train/lexical.py` computes the same.
struct LexicalScore: Sendable {
    let bits: Int
    let intercept: Double
    /// 2^bits weights; buckets the file does not list weigh 0.
    let weights: [Double]

    init(bits: Int, intercept: Double, entries: [(bucket: Int, weight: Double)]) {
        self.bits = bits
        self.intercept = intercept
        var weights = [Double](repeating: 0, count: 1 << bits)
        for entry in entries { weights[entry.bucket] = entry.weight }
        self.weights = weights
    }

    /// The weights of buckets read from two parallel arrays (the embedded model's binary copy).
    init(bits: Int, intercept: Double, buckets: UnsafeBufferPointer<UInt32>, weights entryWeights: UnsafeBufferPointer<Double>) {
        self.bits = bits
        self.intercept = intercept
        var weights = [Double](repeating: 0, count: 1 << bits)
        weights.withUnsafeMutableBufferPointer { w in
            for k in 0..<min(buckets.count, entryWeights.count) {
                precondition(Int(buckets[k]) < w.count, "lexical bucket out of range")
                w[Int(buckets[k])] = entryWeights[k]
            }
        }
        self.weights = weights
    }

    /// The line's logit: its keys hashed as its bytes are read (`LineKeys`), no
    /// word copied; `words` is the same split, spelled out.
    func logit(_ line: UnsafeBufferPointer<UInt8>) -> Double {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: LexicalScore.keyCapacity(line.count)) { keys in
            logit(line, keys: keys.baseAddress!)
        }
    }

    /// The most keys a line of `bytes` bytes has, and beside them the slots that
    /// find the distinct ones (`DistinctBuckets`). A word and a separator take at
    /// least two bytes (a CJK word alone three): at most (bytes + 1) / 2 words, plus
    /// ^first, last$ and #short.
    static func keyCapacity(_ bytes: Int) -> Int { keys(bytes) + DistinctBuckets.slots(for: keys(bytes)) }

    private static func keys(_ bytes: Int) -> Int { bytes / 2 + 4 }

    /// The logit, with room for `keyCapacity(line.count)` values at `keys` (a page
    /// scores its lines in one buffer).
    func logit(_ line: UnsafeBufferPointer<UInt8>, keys: UnsafeMutablePointer<UInt32>) -> Double {
        let n = LineKeys.scan(line, into: keys, mask: UInt32(truncatingIfNeeded: (1 << bits) - 1))
        let slots = keys + LexicalScore.keys(line.count)
        let (sum, distinct) = weights.withUnsafeBufferPointer { DistinctBuckets.sum(keys, count: n, slots: slots, weights: $0) }
        return intercept + sum / Double(distinct).squareRoot()
    }

    /// Writes the line's folded words one after the other into `folded`, the end
    /// of each into `ends`; returns how many.
    static func words(_ line: UnsafeBufferPointer<UInt8>, folded: UnsafeMutableBufferPointer<UInt8>,
                      ends: UnsafeMutableBufferPointer<Int>) -> Int {
        var count = 0, length = 0, inWord = false
        func close() {
            if inWord { ends[count] = length; count += 1; inWord = false }
        }
        var i = 0
        while i < line.count {
            // An invalid byte decodes as U+FFFD: part of a word, as in the training text's replacement.
            let (cp, width) = LineTraits.decode(line, at: i)
            defer { i += width }
            if isCJK(cp) {
                close()
                for b in 0..<width { folded[length + b] = line[i + b] }
                length += width
                ends[count] = length; count += 1
                continue
            }
            guard isWord(cp) else { close(); continue }
            inWord = true
            if (0x30...0x39).contains(cp) || (0x660...0x669).contains(cp) || (0x6F0...0x6F9).contains(cp) {
                folded[length] = UInt8(ascii: "0"); length += 1
            } else if (0x41...0x5A).contains(cp) {
                folded[length] = UInt8(cp + 32); length += 1
            } else {
                for b in 0..<width { folded[length + b] = line[i + b] }
                length += width
            }
        }
        close()
        return count
    }

    static func isCJK(_ cp: UInt32) -> Bool { (0x3040...0x9FFF).contains(cp) || (0xAC00...0xD7AF).contains(cp) }

    /// Letters and digits, roughly: ASCII alphanumerics, and every other scalar but
    /// Latin-1 signs, general and CJK punctuation, and Arabic-script punctuation.
    static func isWord(_ cp: UInt32) -> Bool {
        if cp < 0x80 {
            return (0x30...0x39).contains(cp) || (0x41...0x5A).contains(cp) || (0x61...0x7A).contains(cp)
        }
        switch cp {
        case 0x80...0xBF, 0x2000...0x206F, 0x3000...0x303F, 0xFF00...0xFF0F, 0xFE30...0xFE4F,
             0x060C, 0x061B, 0x061F, 0x06D4, 0x066B, 0x066C:
            return false
        default:
            return true
        }
    }
}
