/// Runs the line classifier over the lines the rules and detectors kept and
/// removes those it scores under its threshold. Rules stay certain: a line a rule
/// protected, stripped or removed is never touched, and the page's headline stays.
struct ClassifierPass {
    let classifier: any LineClassifier

    /// Removes the lines scored under the threshold; with `evidence`, returns the
    /// strongest features behind each removal (for `--explain`).
    func run(_ page: Page, _ features: LineFeatures, _ fates: inout [Fate], headline: Int?, evidence: Bool) -> [Int: [(feature: String, weight: Double)]] {
        let scores = classifier.scores(features, fates: fates, headline: headline)
        let input = fates
        var found: [Int: [(feature: String, weight: Double)]] = [:]
        for i in 0..<page.count where i != headline {
            guard case .kept = fates[i], let score = scores[i], score < classifier.threshold else { continue }
            fates[i] = .removed(.model(permille: Int((score * 1000).rounded(.down))))
            if evidence { found[i] = classifier.evidence(features, fates: input, headline: headline, line: i) }
        }
        return found
    }
}
