/// Runs the line classifier over the lines the rules and detectors kept and
/// removes those it decides are chrome. Rules stay certain: a line a rule
/// protected, stripped or removed is never touched, and the page's headline stays.
struct ClassifierPass {
    let classifier: any LineClassifier

    /// Removes the lines the classifier decides are chrome; with `evidence`,
    /// returns the strongest features behind each removal (for `--explain`).
    func run(_ page: Page, _ features: LineFeatures, _ fates: inout [Fate], headline: Int?, evidence: Bool) -> [Int: [(feature: String, weight: Double)]] {
        let input = fates
        var found: [Int: [(feature: String, weight: Double)]] = [:]
        for (line, score) in classifier.removals(features, fates: fates, headline: headline) {
            fates[line] = .removed(.model(permille: Int((score * 1000).rounded(.down))))
            if evidence { found[line] = classifier.evidence(features, fates: input, headline: headline, line: line) }
        }
        return found
    }
}
