/// Keeps the detectors from gutting a page. When the uncertain removals (near
/// repeats, headline-list runs, menus, template lines) would take more than
/// `share` of the page's prose characters (on a page of at least five prose
/// lines), they are undone: the page is kept
/// rather than emptied, and flagged. Rules and exact repeats are certain and stay.
public struct RemovalBudget {
    public var share: Double
    public var minimumProseLines = 5

    public init(share: Double) { self.share = share }

    /// Returns true when it had to undo removals.
    @discardableResult
    public func enforce(_ page: Page, _ fates: inout [Fate]) -> Bool {
        var total = 0, uncertain = 0, proseLines = 0
        for i in 0..<page.count where page.traits[i].isProse {
            total += page.traits[i].chars
            proseLines += 1
            if case .removed(let reason) = fates[i], RemovalBudget.isUncertain(reason) { uncertain += page.traits[i].chars }
        }
        // A page of a few paragraphs is too small to judge.
        guard proseLines >= minimumProseLines, Double(uncertain) > share * Double(total) else { return false }
        // The model's least sure removals go back first, until the page is within
        // the budget; only then is everything uncertain undone.
        let byScore = (0..<page.count).compactMap { i -> (line: Int, permille: Int)? in
            guard page.traits[i].isProse, case .removed(.model(let permille)) = fates[i] else { return nil }
            return (i, permille)
        }.sorted { ($0.permille, $1.line) > ($1.permille, $0.line) }
        for (line, _) in byScore {
            fates[line] = .kept
            uncertain -= page.traits[line].chars
            if Double(uncertain) <= share * Double(total) { return true }
        }
        for i in 0..<page.count {
            if case .removed(let reason) = fates[i], RemovalBudget.isUncertain(reason) { fates[i] = .kept }
        }
        return true
    }

    static func isUncertain(_ reason: Reason) -> Bool {
        switch reason {
        case .nearRepeatOf, .headlineList, .menu, .template, .profile, .model: true
        case .rule, .meta, .cutMarker, .afterCut, .guardedCut, .listHeading, .listItem, .grabbed, .repeatOf: false
        }
    }
}
