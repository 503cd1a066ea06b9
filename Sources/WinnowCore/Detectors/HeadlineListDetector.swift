/// Drops runs of headline-like lines that are not the article. A run is
/// consecutive headline-like lines with no blank line between them (lines the rules
/// removed are looked through; the page's headline and lines about the article's
/// own topic end a run). A run is
/// - a *headline list* ("latest news", "most read" without a heading a rule could
///   catch) when at least `minimum` of its lines have three or more words, none
///   starts with a list marker ("-", "1.") and the line before it does not end with
///   a colon: those are the in-body lists an article keeps;
/// - a *menu* when the page has a body, the run stands outside it, has at least
///   `menuMinimum` lines and four in five of them have at most three words.
public struct HeadlineListDetector {
    public var minimum: Int
    public var menuMinimum = 4
    /// Lines sharing at least this share of their content words with the body are on topic.
    public var onTopicShare = 0.5

    public init(minimum: Int = 5) { self.minimum = minimum }

    public func run(_ page: Page, _ fates: inout [Fate], topic: TopicModel, headline: Int?) {
        var run: [Int] = []
        var introducedByColon = false
        var previousKept: Int? = nil
        func outsideBody(_ i: Int) -> Bool { page.allows(.edges, at: i) }
        func flush() {
            defer { run.removeAll() }
            guard !run.isEmpty, !run.contains(where: { page.traits[$0].startsWithListMarker }), !introducedByColon else { return }
            let items = run.filter { page.traits[$0].words >= 3 }.count
            if items >= minimum {
                for i in run { fates[i] = .removed(.headlineList(first: run[0], count: run.count)) }
                return
            }
            let short = run.filter { page.traits[$0].words <= 3 }.count
            if page.firstProse != nil, run.count >= menuMinimum, short * 5 >= run.count * 4, run.allSatisfy(outsideBody) {
                for i in run { fates[i] = .removed(.menu(first: run[0], count: run.count)) }
            }
        }
        for i in 0..<page.count {
            if page.blank[i] { flush(); previousKept = nil; continue }
            if fates[i].isRemoved { continue }
            let overlap = topic.overlap(i, isProse: false)
            // A line right under a body paragraph that shares some of its words
            // continues it (a last paragraph without a full stop).
            let continuesBody = run.isEmpty && previousKept.map { $0 == i - 1 && page.traits[$0].isProse } == true
                && overlap >= onTopicShare / 2
            let candidate = fates[i] == .kept && page.traits[i].isHeadlineLike && i != headline
                && overlap < onTopicShare && !continuesBody
            if candidate {
                if run.isEmpty { introducedByColon = previousKept.map { page.traits[$0].endsWithColon } ?? false }
                run.append(i)
            } else {
                flush()
            }
            previousKept = i
        }
        flush()
    }
}
