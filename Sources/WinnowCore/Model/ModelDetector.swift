/// Runs the line classifier (`CleanOptions.classifier`) over the lines the rules
/// and detectors kept and removes those it decides are chrome. Rules stay
/// certain: a line a rule protected, stripped or removed is never touched, and the
/// page's headline stays.
public struct ModelDetector: Detector {
    public static let id = "model"
    public static let summary = "lines the line classifier scores as chrome"
    public static let readsTopic = true
    public static let readsFeatures = true
    public static func isCertain(_ evidence: Evidence) -> Bool { false }

    /// The line's body probability and the classifier's threshold it is under, in
    /// thousandths.
    public struct Evidence: DetectorEvidence {
        public var permille: Int
        public var thresholdPermille: Int
        public init(permille: Int, thresholdPermille: Int) {
            self.permille = permille
            self.thresholdPermille = thresholdPermille
        }
        public var packed: PackedEvidence { PackedEvidence(permille, thresholdPermille) }
        public init(unpacking packed: PackedEvidence) { permille = packed.first; thresholdPermille = packed.second }
    }

    /// "model: body score 0.28 < threshold 0.3": the score is the line model's
    /// probability that the line is article body; under the threshold, it goes.
    public static func explain(_ evidence: Evidence) -> String {
        "model: body score \(Double(evidence.permille) / 1000) < threshold \(Double(evidence.thresholdPermille) / 1000)"
    }

    public static func write(_ evidence: Evidence, to json: inout JSONWriter, line: Int, of result: CleanResult) {
        json.key("score_permille"); json.number(evidence.permille)
        json.key("threshold_permille"); json.number(evidence.thresholdPermille)
        json.key("features"); json.beginObject()
        for (feature, weight) in result.modelEvidence[line] ?? [] {
            json.key(feature); json.number(Int((weight * 1000).rounded()))
        }
        json.endObject()
    }

    /// Pages with fewer kept lines are left alone: too little context to judge (a
    /// fragment, not a page), and the model was trained on whole pages.
    static let minimumKeptLines = 8

    let classifier: (any LineClassifier)?
    let collectEvidence: Bool
    let observe: ((LineFeatures, [Fate], Int?) -> Void)?
    /// The headlines the first pass found (the one the classifier reads, and the one
    /// no detector removes): kept in later passes too, when the classifier's own
    /// removals (of the lead) would hide them from `HeadlineGuard`.
    private var firstHeadline: Int?, firstProtected: Int?
    /// The last pass's input and the classifier's removals for it. The classifier
    /// decides from the page's features (one object for every pass of a document),
    /// the fates and the headline alone, so a later pass that hands it the same
    /// fates and headline (the rules settled) gets the same removals without
    /// scoring the page again.
    private var last: (fates: [Fate], headline: Int?, removals: [(line: Int, score: Double, threshold: Double)])?

    public init?(_ setup: DetectorSetup) {
        guard setup.options.classifier != nil || setup.observeClassifierInput != nil else { return nil }
        classifier = setup.options.classifier
        collectEvidence = setup.options.collectEvidence
        observe = setup.observeClassifierInput
    }

    public mutating func run(_ pass: DetectorPass, _ fates: inout DetectorFates<Self>) {
        guard let features = pass.features else { return }
        if firstHeadline == nil { firstHeadline = pass.modelHeadline }
        if firstProtected == nil { firstProtected = pass.headline }
        let headline = pass.modelHeadline ?? firstHeadline
        let protected = pass.headline ?? firstProtected
        observe?(features, fates.all, headline)
        guard let classifier else { return }
        let page = pass.page
        guard ModelDetector.keepsEnough(page, fates.all) else { return }
        let input = fates.all
        let removals: [(line: Int, score: Double, threshold: Double)]
        if let last, last.headline == headline, last.fates == input {
            removals = last.removals
        } else {
            removals = classifier.removals(features, fates: input, headline: headline)
            last = (input, headline, removals)
        }
        for (line, score, threshold) in removals where line != protected {
            fates.remove(line, Evidence(permille: Int((score * 1000).rounded(.down)),
                                        thresholdPermille: Int((threshold * 1000).rounded())))
            if collectEvidence {
                pass.modelEvidence[line] = classifier.evidence(features, fates: input, headline: headline, line: line)
            }
        }
    }

    /// Whether at least `minimumKeptLines` non-blank lines are kept: counted only
    /// that far.
    private static func keepsEnough(_ page: Page, _ fates: [Fate]) -> Bool {
        var kept = 0
        for i in 0..<page.count where !page.blank[i] && fates[i].isKept {
            kept += 1
            if kept == minimumKeptLines { return true }
        }
        return false
    }
}
