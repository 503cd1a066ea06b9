/// Finds the page's headline so no detector removes it: a headline-like line of
/// three or more words above the body, kept by the rules, sharing at least two
/// content words with the lead (the first prose line). Of several, the one sharing
/// most wins; ties go to the one nearest the lead.
public enum HeadlineGuard {
    public static func find(_ page: Page, _ fates: [Fate], _ topic: TopicModel) -> Int? {
        guard let lead = page.firstProse else { return nil }
        var best: (line: Int, shared: Int)? = nil
        for i in 0..<lead where fates[i].isKept && page.traits[i].isHeadlineLike && page.traits[i].words >= 3 {
            let shared = topic.shared(i, lead)
            if shared >= 2, shared >= (best?.shared ?? 0) { best = (i, shared) }
        }
        return best?.line
    }
}
