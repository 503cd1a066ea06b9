/// What the article is about: the content words of its kept prose lines. A short
/// line that shares most of its content words with the body is part of the story
/// (its headline, a subheading, a last paragraph without a full stop); a headline in
/// a "latest news" list is about something else.
public struct TopicModel {
    /// Content words of each line (empty for blank lines), computed once a page.
    let words: [[UInt64]]
    /// How many kept prose lines each content word appears in.
    private var bodyCounts = HashTable(capacity: 256)

    /// The content words of every line of a page.
    static func words(of page: Page) -> [[UInt64]] {
        (0..<page.count).map { page.blank[$0] ? [] : ContentWords.of(page.shadow($0)) }
    }

    public init(_ page: Page, fates: [Fate], words: [[UInt64]]? = nil) {
        self.words = words ?? TopicModel.words(of: page)
        for i in 0..<page.count where fates[i].isKept && page.traits[i].isProse {
            for w in Set(self.words[i]) { bodyCounts.add(w, 1) }
        }
    }

    /// Share of line `i`'s content words that also stand in the body's prose (not
    /// counting line `i` itself), or 0 for a line with fewer than two content words.
    public func overlap(_ i: Int, isProse: Bool) -> Double {
        let own = Set(words[i])
        guard own.count >= 2 else { return 0 }
        let shared = own.filter { Int(bodyCounts[$0] ?? 0) - (isProse ? 1 : 0) > 0 }.count
        return Double(shared) / Double(own.count)
    }

    /// Content words line `i` shares with line `j`.
    public func shared(_ i: Int, _ j: Int) -> Int {
        Set(words[i]).intersection(words[j]).count
    }
}
