/// Runs the line classifier over the lines the rules and detectors kept and
/// removes those it scores under its threshold. Rules stay certain: a line a rule
/// protected, stripped or removed is never touched, and the page's headline stays.
struct ClassifierPass {
    let classifier: any LineClassifier

    func run(_ page: Page, _ fates: inout [Fate], headline: Int?) {
        let scores = classifier.scores(page, fates: fates, headline: headline)
        for i in 0..<page.count where i != headline {
            guard case .kept = fates[i], let score = scores[i], score < classifier.threshold else { continue }
            fates[i] = .removed(.model(permille: Int((score * 1000).rounded(.down))))
        }
    }
}
