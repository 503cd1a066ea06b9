/// Drops every later copy of a kept line: exact copies (compared on the normalised
/// shadow with all spaces removed, so ZWNJ, spacing and ي/ی variants do not hide a
/// copy), near copies (most of the line's word triples already stood on one earlier
/// line), and an edited line inside a pasted-again block (between two copies, and
/// similar to a line between their originals). Only lines the rules kept count as
/// originals: a body subheading that happens to equal a section label the rules
/// removed at the top is not a copy. O(lines) with hashing: no pairwise comparison.
public struct RepeatDetector {
    public var nearShare: Double
    /// Lines with fewer words are only checked for exact copies.
    public var nearMinimumWords = 8
    /// Word-set overlap that makes a line sandwiched in a copied block an edited copy.
    public var sandwichShare = 0.5

    public init(nearShare: Double = 0.8) { self.nearShare = nearShare }

    public func run(_ page: Page, _ fates: inout [Fate]) {
        var exact: [UInt64: [Int]] = [:]
        var shingleOwner: [UInt64: Int] = [:]
        var keys: [[UInt8]] = Array(repeating: [], count: page.count)
        var words: [[UInt64]] = Array(repeating: [], count: page.count)
        var shadow: [UInt8] = []
        for i in 0..<page.count where !page.blank[i] {
            let raw = page.line(i)
            let changed = Normalizer.shadow(of: raw, into: &shadow)
            let text = changed ? shadow : Array(raw)
            keys[i] = text.filter { $0 != 0x20 && $0 != 0x09 }
            words[i] = RepeatDetector.wordHashes(text)
            guard fates[i].isKept else { continue }
            let hash = RepeatDetector.fnv(keys[i])
            if let earlier = exact[hash]?.first(where: { keys[$0] == keys[i] }) {
                if removable(fates[i]) { fates[i] = .removed(.repeatOf(earlier)) }
                continue
            }
            exact[hash, default: []].append(i)
            let shingles = RepeatDetector.shingles(words[i])
            if words[i].count >= nearMinimumWords, removable(fates[i]),
               let (earlier, share) = bestEarlier(shingles, owners: shingleOwner), share >= nearShare {
                fates[i] = .removed(.nearRepeatOf(earlier, percent: Int(share * 100)))
            }
            for s in shingles where shingleOwner[s] == nil { shingleOwner[s] = i }
        }
        dropSandwichedEdits(page, &fates, words: words)
    }

    private func removable(_ fate: Fate) -> Bool {
        switch fate {
        case .kept, .stripped: true
        default: false
        }
    }

    /// The earlier line owning most of these shingles, with the share it owns.
    private func bestEarlier(_ shingles: [UInt64], owners: [UInt64: Int]) -> (Int, Double)? {
        guard !shingles.isEmpty else { return nil }
        var counts: [Int: Int] = [:]
        for s in Set(shingles) { if let owner = owners[s] { counts[owner, default: 0] += 1 } }
        guard let best = counts.max(by: { $0.value < $1.value || ($0.value == $1.value && $0.key > $1.key) }) else { return nil }
        return (best.key, Double(best.value) / Double(Set(shingles).count))
    }

    /// A kept line whose nearest non-blank neighbours are both copies of earlier lines
    /// a < b, and which shares most words with a line between a and b, is an edited copy.
    private func dropSandwichedEdits(_ page: Page, _ fates: inout [Fate], words: [[UInt64]]) {
        func originOf(_ j: Int) -> Int? {
            if case .removed(.repeatOf(let k)) = fates[j] { return k }
            if case .removed(.nearRepeatOf(let k, _)) = fates[j] { return k }
            return nil
        }
        func neighbour(_ i: Int, _ step: Int) -> Int? {
            var j = i + step
            while j >= 0, j < page.count, page.blank[j] { j += step }
            return (j >= 0 && j < page.count) ? j : nil
        }
        for i in 0..<page.count where fates[i] == .kept && words[i].count >= 3 {
            guard let p = neighbour(i, -1), let n = neighbour(i, 1),
                  let a = originOf(p), let b = originOf(n), a < b, b - a <= 8 else { continue }
            let mine = Set(words[i])
            for k in (a + 1)..<b where !page.blank[k] {
                let theirs = Set(words[k])
                let overlap = Double(mine.intersection(theirs).count) / Double(max(mine.count, theirs.count))
                if overlap >= sandwichShare {
                    fates[i] = .removed(.nearRepeatOf(k, percent: Int(overlap * 100)))
                    break
                }
            }
        }
    }

    static func wordHashes(_ text: [UInt8]) -> [UInt64] {
        var out: [UInt64] = []
        var hash: UInt64 = fnvOffset
        var inWord = false
        for b in text {
            if b == 0x20 || b == 0x09 {
                if inWord { out.append(hash); hash = fnvOffset; inWord = false }
            } else {
                hash = (hash ^ UInt64(b)) &* fnvPrime
                inWord = true
            }
        }
        if inWord { out.append(hash) }
        return out
    }

    static func shingles(_ words: [UInt64]) -> [UInt64] {
        guard words.count >= 3 else { return [] }
        return (0...(words.count - 3)).map { i in
            (words[i] &* 0x9E37_79B9_7F4A_7C15) ^ (words[i + 1] &* 0xC2B2_AE3D_27D4_EB4F) ^ words[i + 2]
        }
    }

    static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let fnvPrime: UInt64 = 0x100_0000_01b3

    static func fnv(_ bytes: [UInt8]) -> UInt64 {
        var hash = fnvOffset
        for b in bytes { hash = (hash ^ UInt64(b)) &* fnvPrime }
        return hash
    }
}
