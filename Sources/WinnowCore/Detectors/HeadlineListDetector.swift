/// Drops runs of headline-like lines that are not the article: "latest news" and
/// "most read" lists that come without a heading a rule could catch. A run is
/// consecutive headline-like lines with no blank line between them (lines already
/// removed are looked through). It is a list when at least `minimum` of its lines
/// have three or more words, none starts with a list marker ("-", "1."), and the
/// line before it does not end with a colon: those are the in-body lists an
/// article keeps.
public struct HeadlineListDetector {
    public var minimum: Int

    public init(minimum: Int = 5) { self.minimum = minimum }

    public func run(_ page: Page, _ fates: inout [Fate]) {
        var run: [Int] = []
        var introducedByColon = false
        var previousKept: Int? = nil
        func flush() {
            defer { run.removeAll() }
            let items = run.filter { page.traits[$0].words >= 3 }.count
            guard items >= minimum, !introducedByColon,
                  !run.contains(where: { page.traits[$0].startsWithListMarker }) else { return }
            for i in run { fates[i] = .removed(.headlineList(first: run[0], count: run.count)) }
        }
        for i in 0..<page.count {
            if page.blank[i] { flush(); previousKept = nil; continue }
            if fates[i].isRemoved { continue }
            if fates[i] == .kept && page.traits[i].isHeadlineLike {
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
