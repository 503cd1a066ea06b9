/// Cleans documents: rules first, then the detectors. One `Cleaner` per worker
/// thread (it owns the match scratch and buffers); the `RuleSet` is shared.
public final class Cleaner {
    public let ruleSet: RuleSet
    public let options: CleanOptions
    let scratch: MatchScratch
    var origins: [Int] = []
    var originShadow: [UInt8] = []
    /// Rule matches per line of the document being cleaned.
    let matchCache = LineMatchCache()
    /// Sees, in every pass, what the line classifier is given: the page, the fates
    /// after the rules and detectors, and the headline. `winnow features` keeps the
    /// last pass's for training.
    public var observeClassifierInput: ((LineFeatures, [Fate], Int?) -> Void)?
    /// The headline the first pass found: the classifier keeps it in later passes
    /// too, when its own removals (of the lead) would hide it from `HeadlineGuard`.
    private var firstHeadline: Int?
    /// Lines a `first N` or `last N` rule matched but its scope kept out, in the last pass.
    var scopeMisses: [(line: Int, scope: RuleScope)] = []
    /// The site of the next documents, whose counts the cross-document detector reads
    /// (`TemplateIndex.siteKey`; 0 when the run is one site).
    public var templateSite: UInt64 = 0
    /// The profile of the next documents' site (see `useSite`).
    public var profile: SiteProfile?
    /// What the cross-document detector reads for the document being cleaned.
    private var templates: (any TemplateCounts)?

    public init(ruleSet: RuleSet, options: CleanOptions = CleanOptions()) {
        self.ruleSet = ruleSet
        self.options = options
        self.scratch = MatchScratch(captureCapacity: max(ruleSet.maxCaptureCount, 16), limits: options.matchLimits)
    }

    /// Sets the site of the next documents: the key the template index counts them
    /// under (by default from the name) and the profile for that name.
    public func useSite(_ name: String?, key: UInt64? = nil) {
        templateSite = key ?? name.map(TemplateIndex.siteKey) ?? 0
        profile = options.profiles?.profile(forSite: name)
    }

    /// Decides the fate of every line of `document`.
    ///
    /// What the rules do depends on the page's language and on where its body
    /// starts and ends (`where head`, `where tail`), and both can change when the
    /// rules remove lines (an Arabic disclaimer under a Persian article, a pasted-again
    /// copy). So the pass runs again with the language and body bounds of the lines it
    /// kept until they settle (at most eight more times: pages mixed from several pages
    /// took up to six): the result is then what cleaning the output again gives, which
    /// makes cleaning idempotent.
    public func clean(_ document: UnsafeBufferPointer<UInt8>) -> CleanResult {
        clean(document, templates: options.templates)
    }

    /// Cleans with the cross-document counts of this document's snapshot (a stream
    /// cleaned in parallel, see `TemplateSnapshot`) instead of `options.templates`.
    public func clean(_ document: UnsafeBufferPointer<UInt8>, snapshot: TemplateSnapshot?) -> CleanResult {
        clean(document, templates: snapshot ?? options.templates)
    }

    private func clean(_ document: UnsafeBufferPointer<UInt8>, templates: (any TemplateCounts)?) -> CleanResult {
        self.templates = templates
        defer { self.templates = nil }
        let modelReads = options.classifier != nil || observeClassifierInput != nil
        // With a model, the page's scans also count what it reads of each line.
        var page = Page(document, scanWords: modelReads)
        matchCache.reset(lines: page.count)
        // Reported only: lines pick their rules by their own letters.
        let language = options.language ?? Language.detect(page.traits)
        // Content words depend on the page only: computed once for every pass.
        let words: WordLists
        if modelReads {
            // Moved out while they are filled, so the page's copy does not force a copy.
            var scans = page.wordScans
            page.wordScans = WordScans()
            words = TopicModel.words(of: page, scans: &scans)
            page.wordScans = scans
        } else {
            words = options.detectHeadlineLists || templates != nil || options.profiles != nil ? TopicModel.words(of: page) : WordLists()
        }
        // What the line model reads: computed once, read in every pass.
        let features = modelReads ? LineFeatures(page) : nil
        firstHeadline = nil
        var result = cleanOnce(page, language: language, words: words, features: features)
        for _ in 0..<8 {
            let kept = result.fates.indices.filter { result.fates[$0].isKept }
            // Gaps count kept lines only: what the output will hold.
            var keptOrdinal = [Int](repeating: 0, count: page.count)
            var seen = 0
            for i in 0..<page.count {
                keptOrdinal[i] = seen
                if result.fates[i].isKept { seen += 1 }
            }
            var body = Page.bodyBounds(prose: kept.filter { page.traits[$0].isProse }, ordinal: keptOrdinal)
            // The body only shrinks from one pass to the next, so the passes settle
            // (a removed menu must not pull a cookie notice above it into the body).
            if let b = body, let first = page.firstProse, let last = page.lastProse {
                let clamped = (first: max(b.first, first), last: min(b.last, last))
                if clamped.first <= clamped.last { body = clamped }
            }
            // A cut marker held back because of prose that is gone now (a pasted-again
            // copy) would cut on the output: weigh only the kept prose and run again.
            let survivors = result.fates.map(\.isKept)
            let cutWaits = result.fates.contains { if case .removed(.guardedCut) = $0 { true } else { false } }
                && survivors != page.survivors
            if cutWaits { page.survivors = survivors }
            // `first N` and `last N` count the output's lines: a rule held out by lines
            // that are gone now would fire on the output, so count the kept lines and run again.
            var moved = page
            moved.keptPlaces = (keptOrdinal, seen)
            let placesMove = scopeMisses.contains { moved.allows($0.scope, at: $0.line) }
            if placesMove { page.keptPlaces = moved.keptPlaces }
            if body?.first == page.firstProse && body?.last == page.lastProse && !cutWaits && !placesMove { break }
            page.firstProse = body?.first
            page.lastProse = body?.last
            // Let go of the last pass's fates before the next pass makes its own.
            result.fates = []
            result = cleanOnce(page, language: language, words: words, features: features)
        }
        return result
    }

    private func cleanOnce(_ page: Page, language: Language, words: WordLists, features: LineFeatures?) -> CleanResult {
        var pass = RulePass(page: page, cleaner: self)
        pass.run()
        // Moved out, not copied: the detectors change them.
        var fates = pass.fates
        pass.fates = []
        if options.detectRepeats {
            RepeatDetector(nearShare: options.nearRepeatShare).run(page, &fates)
        }
        var headline: Int? = nil
        var templateLines: [(line: Int, documents: Int)] = []
        if options.detectHeadlineLists || templates != nil || options.profiles != nil || options.classifier != nil || observeClassifierInput != nil {
            let topic = TopicModel(page, fates: fates, words: words)
            headline = HeadlineGuard.find(page, fates, topic)
            if let profile {
                ProfileDetector(profile: profile).run(page, &fates, topic: topic, headline: headline, scratch: scratch)
            }
            if let templates {
                templateLines = TemplateDetector(counts: templates, site: templateSite).run(page, &fates, topic: topic, headline: headline)
            }
            if options.detectHeadlineLists {
                HeadlineListDetector(minimum: options.headlineListMinimum).run(page, &fates, topic: topic, headline: headline)
            }
        }
        var evidence: [Int: [(feature: String, weight: Double)]] = [:]
        if let features {
            if firstHeadline == nil { firstHeadline = headline }
            let headline = headline ?? firstHeadline
            observeClassifierInput?(features, fates, headline)
            if let classifier = options.classifier {
                evidence = ClassifierPass(classifier: classifier).run(page, features, &fates, headline: headline,
                                                                      evidence: options.collectEvidence)
            }
        }
        var warnings = pass.warnings
        let overBudget = RemovalBudget(share: options.removalBudget).enforce(page, &fates)
        if overBudget {
            warnings.append("the detectors would remove over \(Int(options.removalBudget * 100))% of the page's prose: their uncertain removals were undone")
        }
        var result = CleanResult(spans: page.spans, fates: fates, language: language,
                                 metadata: pass.metadata, warnings: warnings)
        result.overBudget = overBudget
        result.templateLines = templateLines
        result.modelEvidence = evidence.filter { fates[$0.key].isRemoved }
        return result
    }

    /// Convenience for callers holding an array.
    public func clean(_ document: [UInt8]) -> CleanResult {
        document.withUnsafeBufferPointer { clean($0) }
    }
}
