/// Runs the line classifier over the lines the rules and detectors kept and
/// removes those it decides are chrome. Rules stay certain: a line a rule
/// protected, stripped or removed is never touched, and the page's headline stays.
struct ClassifierPass {
    let classifier: any LineClassifier

    /// Pages with fewer kept lines are left alone: too little context to judge (a
    /// fragment, not a page), and the model was trained on whole pages.
    static let minimumKeptLines = 8

    /// Removes the lines the classifier decides are chrome; with `evidence`,
    /// returns the strongest features behind each removal (for `--explain`).
    func run(_ page: Page, _ features: LineFeatures, _ fates: inout [Fate], headline: Int?, evidence: Bool) -> [Int: [(feature: String, weight: Double)]] {
        let kept = (0..<page.count).reduce(0) { $0 + (!page.blank[$1] && fates[$1].isKept ? 1 : 0) }
        guard kept >= ClassifierPass.minimumKeptLines else { return [:] }
        let input = fates
        var found: [Int: [(feature: String, weight: Double)]] = [:]
        for (line, score) in classifier.removals(features, fates: fates, headline: headline) {
            fates[line] = .removed(.model(permille: Int((score * 1000).rounded(.down))))
            if evidence { found[line] = classifier.evidence(features, fates: input, headline: headline, line: line) }
        }
        return found
    }
}
