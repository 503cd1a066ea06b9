/// Finds the page's headline so no detector removes it. Candidates are the lines
/// above the body, kept by the rules, that look like a title (headline-like, a
/// question, or a title in two parts: `LineKind.titleLike`) and have three or more
/// words. In this order:
/// 1. the candidate sharing at least two content words with the lead (the first
///    prose line); of several, the one sharing most, then the nearest;
/// 2. the candidate of four or more words standing right above the lead (only
///    blank or removed lines between) that shares a content word with it;
/// 3. as 1, against the body's opening (the lead and the two prose lines after
///    it), sharing at least a third of its words: a standfirst often shares no
///    word with the headline, the paragraph after it does;
/// 4. as 2, when a quarter of its words (and at least one) stand in the opening.
/// Steps 3 and 4 are skipped when the lead itself looks like a title (a question
/// of ten words counts as prose): it is the page's title.
/// From 3 on, Chinese and Japanese (no spaces between words, so a run of such text
/// is one "content word") share a word for every two character pairs they share
/// (`CJKPairs`).
///
/// The line model reads the headline 1 and 2 find (`Found.byLead`), as it was
/// trained to; 3 and 4 only keep their line from every detector.
public enum HeadlineGuard {
    public struct Found: Equatable {
        /// The line no detector removes.
        public var line: Int?
        /// The headline by steps 1 and 2 alone: the line model's input.
        public var byLead: Int?
    }

    public static func find(_ page: Page, _ state: PassState, _ fates: [Fate], _ topic: TopicModel) -> Found {
        guard let lead = state.firstProse else { return Found() }
        let candidates = (0..<lead).filter {
            fates[$0].isKept && page.kinds[$0].isTitleLike && page.traits[$0].words >= 3
        }
        let above = lineAbove(lead, page, fates)
        let byLead = Reference([lead], page, topic, pairs: false)
        if let line = mostShared(candidates, with: byLead, share: nil)
            ?? above.flatMap({ byLead.shared($0).count >= 1 ? $0 : nil }) {
            return Found(line: line, byLead: line)
        }
        // A lead that looks like a title is the page's title itself (a question of ten
        // words counts as prose): no line above it is sought further.
        guard !page.kinds[lead].isTitleLike else { return Found() }
        let opening = Reference(openingLines(page, fates, lead: lead), page, topic, pairs: true)
        if let line = mostShared(candidates, with: opening, share: 3) { return Found(line: line) }
        if let i = above {
            let (n, own) = opening.shared(i)
            if n >= 1 && n * 4 >= own { return Found(line: i) }
        }
        return Found()
    }

    /// The kept line right above the lead (only blank or removed lines between), when
    /// it looks like a title of four or more words.
    private static func lineAbove(_ lead: Int, _ page: Page, _ fates: [Fate]) -> Int? {
        var i = lead - 1
        while i >= 0, page.blank[i] || fates[i].isRemoved { i -= 1 }
        guard i >= 0, fates[i].isKept, page.kinds[i].isTitleLike, page.traits[i].words >= 4 else { return nil }
        return i
    }

    /// The lead and the next two kept prose lines.
    private static func openingLines(_ page: Page, _ fates: [Fate], lead: Int) -> [Int] {
        var lines = [lead]
        var i = lead + 1
        while i < page.count && lines.count < 3 {
            if fates[i].isKept && page.kinds[i].isProse { lines.append(i) }
            i += 1
        }
        return lines
    }

    /// The candidate sharing the most (two or more, and with `share` at least
    /// 1/`share` of its own) words with `reference`, the nearest (the last) of equals.
    private static func mostShared(_ candidates: [Int], with reference: Reference, share: Int?) -> Int? {
        var best: (line: Int, shared: Int)? = nil
        for i in candidates {
            let (n, own) = reference.shared(i)
            if n >= 2, share.map({ n * $0 >= own }) ?? true, n >= (best?.shared ?? 0) { best = (i, n) }
        }
        return best?.line
    }

    /// Lines a candidate is compared with: their content words and, with `pairs`,
    /// their Chinese and Japanese character pairs (made once, for every candidate).
    private struct Reference {
        let lines: [Int]
        let page: Page
        let topic: TopicModel
        let pairs: CJKPairs?

        init(_ lines: [Int], _ page: Page, _ topic: TopicModel, pairs: Bool) {
            (self.lines, self.page, self.topic) = (lines, page, topic)
            self.pairs = pairs ? lines.reduce(into: CJKPairs()) { $0.add(page.line($1)) } : nil
        }

        /// Distinct content words of line `i` found in any of the lines, and how many it
        /// has; with pairs, for Chinese or Japanese text, half the character pairs they
        /// share and half of line `i`'s, when that is more.
        func shared(_ i: Int) -> (count: Int, own: Int) {
            let words = (topic.words.words(of: i, foundIn: lines), topic.words[i].count)
            guard let others = pairs, !others.isEmpty else { return words }
            let own = CJKPairs(page.line(i))
            guard !own.isEmpty else { return words }
            let shared = own.shared(with: others) / 2
            return shared > words.0 ? (shared, own.count / 2) : words
        }
    }
}

/// The distinct pairs of neighbouring Han or kana characters of some text: how
/// lines of Chinese or Japanese, which put no spaces between words, share words.
struct CJKPairs {
    private var pairs = Set<UInt64>()

    init() {}

    init(_ line: UnsafeBufferPointer<UInt8>) { add(line) }

    var isEmpty: Bool { pairs.isEmpty }
    var count: Int { pairs.count }

    mutating func add(_ line: UnsafeBufferPointer<UInt8>) {
        var previous: UInt32? = nil, i = 0
        while i < line.count {
            let (scalar, length) = LineTraits.decode(line, at: i)
            i += length
            guard CJKPairs.isHanOrKana(scalar) else { previous = nil; continue }
            if let p = previous { pairs.insert(UInt64(p) << 32 | UInt64(scalar)) }
            previous = scalar
        }
    }

    func shared(with other: CJKPairs) -> Int {
        let (small, large) = pairs.count <= other.pairs.count ? (pairs, other.pairs) : (other.pairs, pairs)
        return small.reduce(0) { $0 + (large.contains($1) ? 1 : 0) }
    }

    /// Hiragana, katakana and the CJK ideographs (with extension A).
    static func isHanOrKana(_ c: UInt32) -> Bool { (0x3041...0x30FF).contains(c) || (0x3400...0x9FFF).contains(c) }
}
