/// Keeps the detectors from gutting a page. When the uncertain removals (those a
/// detector does not call certain: near repeats, headline-list runs, menus,
/// template lines, the model's) would take more than `share` of the page's prose
/// characters (on a page of at least five prose lines), they are undone: the page
/// is kept rather than emptied, and flagged. Rules and exact repeats are certain and stay.
public struct RemovalBudget {
    public var share: Double
    public var minimumProseLines = 5
    /// Reads each removal's certainty.
    public var detectors: DetectorRegistry

    public init(share: Double, detectors: DetectorRegistry = .standard) {
        self.share = share
        self.detectors = detectors
    }

    /// Returns true when it had to undo removals.
    @discardableResult
    public func enforce(_ page: Page, _ fates: inout [Fate]) -> Bool {
        var total = 0, uncertain = 0, proseLines = 0
        for i in 0..<page.count where page.kinds[i].isProse {
            total += page.traits[i].chars
            proseLines += 1
            if isUncertain(fates[i]) { uncertain += page.traits[i].chars }
        }
        // A page of a few paragraphs is too small to judge.
        guard proseLines >= minimumProseLines, Double(uncertain) > share * Double(total) else { return false }
        // The model's least sure removals go back first, until the page is within
        // the budget; only then is everything uncertain undone.
        let byScore = (0..<page.count).compactMap { i -> (line: Int, permille: Int)? in
            guard page.kinds[i].isProse, let model = fates[i].evidence(of: ModelDetector.self, in: detectors) else { return nil }
            return (i, model.permille)
        }.sorted { ($0.permille, $1.line) > ($1.permille, $0.line) }
        for (line, _) in byScore {
            fates[line] = .kept
            uncertain -= page.traits[line].chars
            if Double(uncertain) <= share * Double(total) { return true }
        }
        for i in 0..<page.count where isUncertain(fates[i]) { fates[i] = .kept }
        return true
    }

    func isUncertain(_ fate: Fate) -> Bool {
        guard case .removed(let reason) = fate else { return false }
        switch reason {
        case .rule: return false
        case .detector(let hit): return !detectors.isCertain(hit)
        }
    }
}
