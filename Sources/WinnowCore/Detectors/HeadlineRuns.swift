/// Runs of headline-like lines, what the headline-list and menu detectors weigh. A
/// run is consecutive headline-like lines kept so far with no blank line between
/// them (removed lines are looked through; the page's headline and lines about the
/// article's own topic end a run). Runs that start with a list marker ("-", "1.")
/// or follow a line ending with a colon are the in-body lists an article keeps,
/// and are not given.
struct HeadlineRuns {
    /// Lines sharing at least this share of their content words with the body are on topic.
    var onTopicShare = 0.5

    /// Calls `body` with each run, in page order.
    func forEach<D>(_ pass: DetectorPass, _ fates: DetectorFates<D>, _ body: ([Int]) -> Void) {
        let page = pass.page, topic = pass.topic, headline = pass.headline
        var run: [Int] = []
        var introducedByColon = false
        var previousKept: Int? = nil
        func flush() {
            defer { run.removeAll() }
            guard !run.isEmpty, !run.contains(where: { page.traits[$0].startsWithListMarker }), !introducedByColon else { return }
            body(run)
        }
        for i in 0..<page.count {
            if page.blank[i] { flush(); previousKept = nil; continue }
            if fates[i].isRemoved { continue }
            // The topic is weighed only for lines that could join a run: most lines are not headline-like.
            var candidate = fates[i] == .kept && page.kinds[i].isHeadlineLike && i != headline
            if candidate {
                let overlap = topic.overlap(i, isProse: false)
                // A line right under a body paragraph that shares some of its words
                // continues it (a last paragraph without a full stop).
                let continuesBody = run.isEmpty && previousKept.map { $0 == i - 1 && page.kinds[$0].isProse } == true
                    && overlap >= onTopicShare / 2
                candidate = overlap < onTopicShare && !continuesBody
            }
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

    /// Lines of three or more words in `run`: what makes it a list of headlines.
    static func items(_ run: [Int], _ page: Page) -> Int { run.filter { page.traits[$0].words >= 3 }.count }
}

/// Evidence of a run: its first line and its length.
public struct HeadlineRun: DetectorEvidence {
    public var first: Int
    public var count: Int

    public init(first: Int, count: Int) {
        self.first = first
        self.count = count
    }

    public var packed: PackedEvidence { PackedEvidence(first, count) }
    public init(unpacking packed: PackedEvidence) { self.init(first: packed.first, count: packed.second) }
    public func movingLines(_ line: (Int) -> Int) -> HeadlineRun { HeadlineRun(first: line(first), count: count) }

    func write(to json: inout JSONWriter) {
        json.key("run_from_line"); json.number(first + 1); json.key("run_length"); json.number(count)
    }
}
