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
        for i in 0..<page.count {
            if case .removed(let reason) = fates[i], RemovalBudget.isUncertain(reason) { fates[i] = .kept }
        }
        return true
    }

    static func isUncertain(_ reason: Reason) -> Bool {
        switch reason {
        case .nearRepeatOf, .headlineList, .menu, .template: true
        default: false
        }
    }
}
