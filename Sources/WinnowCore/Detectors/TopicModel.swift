/// What the article is about: the content words of its kept prose lines. A short
/// line that shares most of its content words with the body is part of the story
/// (its headline, a subheading, a last paragraph without a full stop); a headline in
/// a "latest news" list is about something else.
public struct TopicModel {
    /// Content words of each line (empty for blank lines).
    let words: [[String]]
    /// How many kept prose lines each content word appears in.
    private var bodyCounts: [String: Int] = [:]

    public init(_ page: Page, fates: [Fate]) {
        var words = [[String]](repeating: [], count: page.count)
        for i in 0..<page.count where !page.blank[i] {
            words[i] = Stopwords.contentWords(Normalizer.normalize(String(decoding: page.line(i), as: UTF8.self)))
        }
        self.words = words
        for i in 0..<page.count where fates[i].isKept && page.traits[i].isProse {
            for w in Set(words[i]) { bodyCounts[w, default: 0] += 1 }
        }
    }

    /// Share of line `i`'s content words that also stand in the body's prose (not
    /// counting line `i` itself), or 0 for a line with fewer than two content words.
    public func overlap(_ i: Int, isProse: Bool) -> Double {
        let own = Set(words[i])
        guard own.count >= 2 else { return 0 }
        let shared = own.filter { (bodyCounts[$0] ?? 0) - (isProse ? 1 : 0) > 0 }.count
        return Double(shared) / Double(own.count)
    }

    /// Content words line `i` shares with line `j`.
    public func shared(_ i: Int, _ j: Int) -> Int {
        Set(words[i]).intersection(words[j]).count
    }
}
