/// Finds the page's headline so no detector removes it: a headline-like line (or a
/// question, or a title in two parts: `LineKind.titleLike`) of
/// three or more words above the body, kept by the rules, sharing at least two
/// content words with the lead (the first prose line); of several, the one sharing
/// most, then the nearest. Failing that, the headline-like line of four or more
/// words standing right above the lead (only blank or removed lines between) that
/// shares a word with it.
public enum HeadlineGuard {
    public static func find(_ page: Page, _ state: PassState, _ fates: [Fate], _ topic: TopicModel) -> Int? {
        guard let lead = state.firstProse else { return nil }
        var best: (line: Int, shared: Int)? = nil
        for i in 0..<lead where fates[i].isKept && page.kinds[i].isTitleLike && page.traits[i].words >= 3 {
            let shared = topic.shared(i, lead)
            if shared >= 2, shared >= (best?.shared ?? 0) { best = (i, shared) }
        }
        if let best { return best.line }
        var i = lead - 1
        while i >= 0, page.blank[i] || fates[i].isRemoved { i -= 1 }
        guard i >= 0, fates[i].isKept, page.kinds[i].isTitleLike, page.traits[i].words >= 4, topic.shared(i, lead) >= 1 else { return nil }
        return i
    }
}
