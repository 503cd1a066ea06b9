#if canImport(Glibc)
import Glibc
#endif

/// Drops every later copy of a kept line: exact copies (compared on the normalised
/// shadow with all spaces removed, so ZWNJ, spacing and ي/ی variants do not hide a
/// copy), near copies (most of the line's word triples already stood on one earlier
/// line), and an edited line inside a pasted-again block (between two copies, and
/// similar to a line between their originals). Only lines the rules kept count as
/// originals: a body subheading that happens to equal a section label the rules
/// removed at the top is not a copy. O(lines) with hashing: no pairwise comparison.
public struct RepeatDetector: Detector {
    public static let id = "repeats"
    public static let summary = "later copies of a line or block, exact or near"
    public static let readsTopic = false

    /// The earlier line this one copies.
    public enum Evidence: DetectorEvidence {
        /// The same text (after normalisation) already stood on line `of`.
        case copy(of: Int)
        /// Mostly the same words as line `of` (percent of this line's word triples).
        case near(of: Int, percent: Int)

        public var packed: PackedEvidence {
            switch self {
            case .copy(let line): PackedEvidence(line, -1)
            case .near(let line, let percent): PackedEvidence(line, percent)
            }
        }

        public init(unpacking packed: PackedEvidence) {
            self = packed.second < 0 ? .copy(of: packed.first) : .near(of: packed.first, percent: packed.second)
        }

        public func movingLines(_ line: (Int) -> Int) -> Evidence {
            switch self {
            case .copy(let k): .copy(of: line(k))
            case .near(let k, let percent): .near(of: line(k), percent: percent)
            }
        }

        /// The line copied.
        var original: Int {
            switch self {
            case .copy(let line), .near(let line, _): line
            }
        }
    }

    /// An exact copy is certain; a near copy may be a paragraph that only quotes.
    public static func isCertain(_ evidence: Evidence) -> Bool {
        switch evidence {
        case .copy: true
        case .near: false
        }
    }

    public static func explain(_ evidence: Evidence) -> String {
        switch evidence {
        case .copy(let line): "repeats: copy of line \(line + 1)"
        case .near(let line, let percent): "repeats: \(percent)% like line \(line + 1)"
        }
    }

    public static func write(_ evidence: Evidence, to json: inout JSONWriter, line: Int, of result: CleanResult) {
        switch evidence {
        case .copy(let k): json.key("copy_of_line"); json.number(k + 1)
        case .near(let k, let p): json.key("like_line"); json.number(k + 1); json.key("percent"); json.number(p)
        }
    }

    public init?(_ setup: DetectorSetup) { self.init(nearShare: setup.options.nearRepeatShare) }

    public var nearShare: Double
    /// Lines with fewer words are only checked for exact copies.
    public var nearMinimumWords = 8
    /// Word-set overlap that makes a line sandwiched in a copied block an edited copy.
    public var sandwichShare = 0.5

    public init(nearShare: Double = 0.8) { self.nearShare = nearShare }

    /// What the last pass handed it (`reading` of each fate) and the fates it changed.
    /// What it removes depends on the page and on that reading alone, and a later
    /// pass of the same document (its body's bounds moved) mostly hands it the same:
    /// it then makes the same removals without hashing the page again. A byte a line,
    /// not a copy of the fates (16 bytes a line), and only on pages of at most
    /// `memoLines` lines: on a page of a million repeated lines the removals alone
    /// would cost 24 bytes a line (docs/robustness.md, row 33).
    private var last: (input: [UInt8], changed: [(line: Int, fate: Fate)])?
    static let memoLines = 1 << 16

    public mutating func run(_ pass: DetectorPass, _ fates: inout DetectorFates<Self>) {
        guard fates.count <= RepeatDetector.memoLines else { return find(pass, &fates) }
        let id = fates.id
        let input = fates.all.map { RepeatDetector.reading($0, id) }
        if let last, last.input == input {
            for (line, fate) in last.changed { fates.all[line] = fate }
            return
        }
        find(pass, &fates)
        var changed: [(line: Int, fate: Fate)] = []
        for i in input.indices where RepeatDetector.reading(fates.all[i], id) != input[i] { changed.append((i, fates.all[i])) }
        last = (input, changed)
    }

    /// All the detector reads of a line's fate: blank, kept as it is, stripped,
    /// protected, removed by this detector (its evidence is read), or removed otherwise.
    private static func reading(_ fate: Fate, _ id: DetectorID) -> UInt8 {
        switch fate {
        case .blank: 0
        case .kept: 1
        case .stripped: 2
        case .protected: 3
        case .removed(.detector(let hit)) where hit.detector == id: 4
        case .removed: 5
        }
    }

    private func find(_ pass: DetectorPass, _ fates: inout DetectorFates<Self>) {
        let page = pass.page
        // Reused from page to page (`RepeatScratch`).
        let scratch = pass.repeats
        var (exact, shingleOwner) = scratch.tables(lines: page.count)
        // The lines looked at: those the rules kept. Their word hashes are worked out
        // again for the few lines the sandwich check weighs, not kept for every line
        // (8 bytes a word and 16 a line, on a page of a million short lines). A bit a line.
        var looked = LineFlags(count: page.count)
        var lastLooked = -1
        for i in 0..<page.count where !page.blank[i] && fates[i].isKept { looked[i] = true; lastLooked = i }
        // `words` and `shingles` are buffers, only ever grown: a line's are their first
        // `count` (emptying and sizing the arrays took ~400 instructions a line).
        var words = scratch.words, shingles = scratch.shingles, distinct = scratch.distinct, owners = scratch.owners
        scratch.words = []; scratch.shingles = []; scratch.distinct = StampedSet(); scratch.owners = []
        for i in 0..<page.count where looked[i] {
            let text = page.shadow(i)
            let most = RepeatDetector.mostWords(text)
            if words.count < most {
                words.append(contentsOf: repeatElement(0, count: most - words.count))
                shingles.append(contentsOf: repeatElement(0, count: most - shingles.count))
            }
            let (count, hash) = words.withUnsafeMutableBufferPointer { RepeatDetector.wordHashes(text, writingTo: $0.baseAddress!) }
            let earliest = Int(exact.insertIfAbsent(hash, Int32(i)))
            if earliest != i, RepeatDetector.sameWithoutSpaces(page.shadow(earliest), text) {
                if removable(fates[i]) { fates.remove(i, .copy(of: earliest)) }
                continue
            }
            let shingleCount = words.withUnsafeBufferPointer { words in
                shingles.withUnsafeMutableBufferPointer { RepeatDetector.shingles(UnsafeBufferPointer(rebasing: words[..<count]), into: $0.baseAddress!) }
            }
            // No line owns a shingle yet (the page's first lines): nothing to be near.
            if count >= nearMinimumWords, removable(fates[i]), shingleOwner.count > 0,
               let (earlier, share) = bestEarlier(shingles[..<shingleCount], owners: shingleOwner, distinct: &distinct, owned: &owners),
               share >= nearShare {
                fates.remove(i, .near(of: earlier, percent: Int(share * 100)))
            }
            // The last line looked at is no line's original: its shingles need no owner.
            if i != lastLooked { shingleOwner.insertIfAbsent(contentsOf: shingles[..<shingleCount], Int32(i)) }
        }
        scratch.giveBack(exact: consume exact, shingleOwner: consume shingleOwner)
        (scratch.words, scratch.shingles, scratch.distinct, scratch.owners) = (words, shingles, distinct, owners)
        dropSandwichedEdits(page, &fates) { i in
            var hashes: [UInt64] = []
            if looked[i] { _ = RepeatDetector.wordHashes(page.shadow(i), into: &hashes) }
            return hashes
        }
    }

    /// Room enough for the words of `text`: a byte and a separator each at most. A
    /// line of over 64 KiB has its words counted instead: the buffers grow to the
    /// longest line, and sized by bytes they took 16 bytes a byte of a line of a
    /// page pasted whole (docs/robustness.md, row 40).
    static func mostWords(_ text: UnsafeBufferPointer<UInt8>) -> Int {
        guard text.count > 1 << 16 else { return (text.count + 1) / 2 + 1 }
        var words = 0, inWord = false
        for b in text {
            let space = isSpaceOrTab(b)
            if !space && !inWord { words += 1 }
            inWord = !space
        }
        return words + 1
    }

    /// FNV-1a of the bytes, spaces and tabs skipped: ZWNJ, spacing and line ends
    /// (in the shadow, ZWNJ is a space) do not hide a copy.
    static func spacelessHash(_ text: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash = FNV.basis
        for b in text where b != 0x20 && b != 0x09 { hash = (hash ^ UInt64(b)) &* FNV.prime }
        return hash
    }

    /// Whether two lines are the same once spaces and tabs are removed.
    static func sameWithoutSpaces(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        // Most copies are byte for byte: one memcmp, not a loop a byte (on a page of
        // glued pages the loop was 7% of the run).
        if a.count == b.count, let pa = a.baseAddress, let pb = b.baseAddress, memcmp(pa, pb, a.count) == 0 { return true }
        var i = 0, j = 0
        while true {
            while i < a.count && (a[i] == 0x20 || a[i] == 0x09) { i += 1 }
            while j < b.count && (b[j] == 0x20 || b[j] == 0x09) { j += 1 }
            if i == a.count || j == b.count { return i == a.count && j == b.count }
            if a[i] != b[j] { return false }
            i += 1; j += 1
        }
    }

    private func removable(_ fate: Fate) -> Bool {
        switch fate {
        case .kept, .stripped: true
        case .blank, .protected, .removed: false
        }
    }

    /// The earlier line owning most of these shingles, with the share it owns.
    /// (`distinct` and `owned` are reused from line to line.)
    private func bestEarlier(_ shingles: ArraySlice<UInt64>, owners: HashTable, distinct: inout StampedSet,
                             owned: inout [Int32]) -> (Int, Double)? {
        guard !shingles.isEmpty else { return nil }
        // Owners of this line's distinct shingles; the most frequent owner wins (the
        // earliest on ties).
        owned.removeAll(keepingCapacity: true)
        var distinctCount = 0
        shingles.withUnsafeBufferPointer { shingles in
            distinct.forEachDistinct(shingles) { shingle in
                distinctCount += 1
                if let owner = owners[shingle] { owned.append(owner) }
            }
        }
        guard !owned.isEmpty else { return nil }
        owned.sort()
        var best = (line: owned[0], count: 0)
        var run = 0
        for k in owned.indices {
            run = k > 0 && owned[k - 1] == owned[k] ? run + 1 : 1
            if run > best.count { best = (owned[k], run) }
        }
        return (Int(best.line), Double(best.count) / Double(distinctCount))
    }

    /// A kept line whose nearest non-blank neighbours are both copies of earlier lines
    /// a < b, and which shares most words with a line between a and b, is an edited copy.
    private func dropSandwichedEdits(_ page: Page, _ fates: inout DetectorFates<Self>, words: (Int) -> [UInt64]) {
        func originOf(_ j: Int) -> Int? { fates.evidence(j)?.original }
        func neighbour(_ i: Int, _ step: Int) -> Int? {
            var j = i + step
            while j >= 0, j < page.count, page.blank[j] { j += step }
            return (j >= 0 && j < page.count) ? j : nil
        }
        for i in 0..<page.count where fates[i] == .kept {
            // The neighbours first: they rule out nearly every line without its words.
            guard let p = neighbour(i, -1), let n = neighbour(i, 1),
                  let a = originOf(p), let b = originOf(n), a < b, b - a <= 8 else { continue }
            let own = words(i)
            guard own.count >= 3 else { continue }
            let mine = Set(own)
            for k in (a + 1)..<b where !page.blank[k] {
                let theirs = Set(words(k))
                let overlap = Double(mine.intersection(theirs).count) / Double(max(mine.count, theirs.count))
                if overlap >= sandwichShare {
                    fates.remove(i, .near(of: k, percent: Int(overlap * 100)))
                    break
                }
            }
        }
    }

    /// Appends the hash of each word of `text` (split at spaces and tabs) to `out`,
    /// and returns `spacelessHash(text)`, worked out in the same pass. (The pointer
    /// version has its own label: `&array` would convert to a pointer and pick it.)
    static func wordHashes(_ text: UnsafeBufferPointer<UInt8>, into out: inout [UInt64]) -> UInt64 {
        // Room for the most words the line can hold (a byte and a separator each),
        // written through a pointer: one uniqueness check a line, not one a word.
        let start = out.count, most = (text.count + 1) / 2 + 1
        out.append(contentsOf: repeatElement(0, count: most))
        let (found, spaceless) = out.withUnsafeMutableBufferPointer { wordHashes(text, writingTo: $0.baseAddress! + start) }
        out.removeLast(most - found)
        return spaceless
    }

    /// Writes the hash of each word of `text` to `hashes`, which has room for
    /// `(text.count + 1) / 2`; returns how many and `spacelessHash(text)`, worked out
    /// in the same pass. A loop a word, not a flag a byte: inside a word a byte costs
    /// one test (most bytes are above the space), the two hash steps and the end check.
    static func wordHashes(_ text: UnsafeBufferPointer<UInt8>, writingTo hashes: UnsafeMutablePointer<UInt64>)
        -> (count: Int, spaceless: UInt64) {
        var spaceless: UInt64 = FNV.basis
        guard let bytes = text.baseAddress else { return (0, spaceless) }
        let n = text.count
        var found = 0
        var i = 0
        while i < n {
            var b = bytes[i]
            if isSpaceOrTab(b) { i += 1; continue }
            var hash: UInt64 = FNV.basis
            repeat {
                hash = (hash ^ UInt64(b)) &* FNV.prime
                spaceless = (spaceless ^ UInt64(b)) &* FNV.prime
                i += 1
                guard i < n else { break }
                b = bytes[i]
            } while !isSpaceOrTab(b)
            hashes[found] = hash
            found += 1
        }
        return (found, spaceless)
    }

    /// Space or tab, the word separators: one comparison for a byte above the space.
    @inline(__always)
    private static func isSpaceOrTab(_ b: UInt8) -> Bool {
        b <= 0x20 && (b == 0x20 || b == 0x09)
    }

    /// Writes the hashes of the word triples of `words` to `out` (room for as many
    /// as there are words); returns how many.
    static func shingles(_ words: UnsafeBufferPointer<UInt64>, into out: UnsafeMutablePointer<UInt64>) -> Int {
        guard words.count >= 3 else { return 0 }
        for i in 0..<(words.count - 2) {
            out[i] = (words[i] &* 0x9E37_79B9_7F4A_7C15) ^ (words[i + 1] &* 0xC2B2_AE3D_27D4_EB4F) ^ words[i + 2]
        }
        return words.count - 2
    }
}
