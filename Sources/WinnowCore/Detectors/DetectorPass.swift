/// What the detectors read in one pass of the cleaner, and what they leave for the
/// result beside the fates. Made once a pass, shared by its detectors in turn.
public final class DetectorPass {
    public let page: Page
    /// Where the pass takes the body to be, which lines the last pass kept.
    public let state: PassState
    /// What the line classifier reads, when the page was built for one.
    public let features: LineFeatures?
    /// Content words of every line, worked out once a document.
    let words: WordLists
    /// For detectors that match patterns (a profile's rules).
    let scratch: MatchScratch
    /// The repeat detector's tables and buffers, kept by the worker.
    let repeats: RepeatScratch
    private var found: (topic: TopicModel, headline: HeadlineGuard.Found)?
    /// Lines the cross-document detector took for template (`CleanResult.templateLines`).
    var templateLines: [(line: Int, documents: Int)] = []
    /// Features behind the model's removals (`CleanResult.modelEvidence`).
    var modelEvidence: [Int: [(feature: String, weight: Double)]] = [:]

    init(page: Page, state: PassState, features: LineFeatures?, words: WordLists, scratch: MatchScratch,
         repeats: RepeatScratch = RepeatScratch()) {
        self.page = page
        self.state = state
        self.features = features
        self.words = words
        self.scratch = scratch
        self.repeats = repeats
    }

    /// What the article is about, from the lines kept before the first detector
    /// that reads it (see `Detector.readsTopic`).
    public var topic: TopicModel {
        guard let found else { preconditionFailure("a detector reading the topic must say so (readsTopic)") }
        return found.topic
    }

    /// The page's headline, which no detector removes (see `HeadlineGuard`).
    public var headline: Int? { found?.headline.line }

    /// The headline as the line model reads it (`HeadlineGuard.Found.byLead`).
    public var modelHeadline: Int? { found?.headline.byLead }

    var knowsTopic: Bool { found != nil }

    func findTopic(_ fates: [Fate]) {
        let topic = TopicModel(page, fates: fates, words: words)
        found = (topic, HeadlineGuard.find(page, state, fates, topic))
    }
}
