/// What the article is about: the content words of its kept prose lines. A short
/// line that shares most of its content words with the body is part of the story
/// (its headline, a subheading, a last paragraph without a full stop); a headline in
/// a "latest news" list is about something else.
public struct TopicModel {
    /// Content words of each line (none for blank lines), computed once a page.
    let words: WordLists
    /// How many kept prose lines each content word appears in.
    private var bodyCounts = HashTable(capacity: 256)

    /// The content words of every line of a page.
    static func words(of page: Page) -> WordLists {
        let checks = WordChecks()
        return WordLists(count: page.count, most: mostWords(page)) { i, out in
            if !page.blank[i] { ContentWords.of(page.shadow(i), into: &out, checks: checks) }
        }
    }

    /// The same, counting in the same pass what the line model reads of each
    /// line's shadow into `scans` (a `WordScan` a line).
    static func words(of page: Page, scans: inout WordScans) -> WordLists {
        let checks = WordChecks()
        return WordLists(count: page.count, most: mostWords(page)) { i, out in
            guard !page.blank[i] else { return }
            var counts = ShadowCounts()
            ContentWords.of(page.shadow(i), into: &out, counting: &counts, checks: checks)
            scans.add(counts, at: i)
        }
    }

    /// At most this many content words stand on the page: each has three characters
    /// or more and a break after it, and a shadow is never longer than its line.
    static func mostWords(_ page: Page) -> Int { page.bytes.count / 4 + 1 }

    init(_ page: Page, fates: [Fate], words: WordLists? = nil) {
        self.words = words ?? TopicModel.words(of: page)
        for i in 0..<page.count where fates[i].isKept && page.kinds[i].isProse {
            bodyCounts.add(contentsOf: self.words[i], 1)
        }
    }

    /// How many content words line `i` has, repeats included.
    public func wordCount(_ i: Int) -> Int { words.total(i) }

    /// Share of line `i`'s content words that also stand in the body's prose (not
    /// counting line `i` itself), or 0 for a line with fewer than two content words.
    public func overlap(_ i: Int, isProse: Bool) -> Double {
        let own = words[i]
        guard own.count >= 2 else { return 0 }
        let shared = own.reduce(0) { $0 + (Int(bodyCounts[$1] ?? 0) - (isProse ? 1 : 0) > 0 ? 1 : 0) }
        return Double(shared) / Double(own.count)
    }

    /// Content words line `i` shares with line `j`.
    public func shared(_ i: Int, _ j: Int) -> Int {
        words.shared(i, j)
    }
}
