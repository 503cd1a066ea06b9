/// Cleans documents: rules first, then the detectors. One `Cleaner` per worker
/// thread (it owns the match scratch and buffers); the `RuleSet` is shared.
public final class Cleaner {
    public let ruleSet: RuleSet
    public let options: CleanOptions
    let scratch: RuleScratch
    /// The repeat detector's tables, kept from document to document.
    let repeats = RepeatScratch()
    /// Sees, in every pass, what the line classifier is given: the page, the fates
    /// after the rules and detectors, and the headline. `winnow features` keeps the
    /// last pass's for training.
    public var observeClassifierInput: ((LineFeatures, [Fate], Int?) -> Void)?
    /// The site of the next documents, whose counts the cross-document detector reads
    /// (`TemplateIndex.siteKey`; 0 when the run is one site).
    public var templateSite: UInt64 = 0
    /// The profile of the next documents' site (see `useSite`).
    public var profile: SiteProfile?

    public init(ruleSet: RuleSet, options: CleanOptions = CleanOptions()) {
        self.ruleSet = ruleSet
        self.options = options
        self.scratch = RuleScratch(ruleSet: ruleSet, limits: options.matchLimits)
    }

    /// Sets the site of the next documents: the key the template index counts them
    /// under (by default from the name) and the profile for that name.
    public func useSite(_ name: String?, key: UInt64? = nil) {
        templateSite = key ?? name.map(TemplateIndex.siteKey) ?? 0
        profile = options.profiles?.profile(forSite: name)
    }

    /// The site the cleaner is set to, to set again: a staged worker cleans a
    /// document after it has set the sites of later ones.
    public var site: (key: UInt64, profile: SiteProfile?) {
        get { (templateSite, profile) }
        set { (templateSite, profile) = newValue }
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
    ///
    /// `templates` are the cross-document counts to clean it with, handed out per
    /// document by the run's `TemplateLearning`; nil turns the cross-document detector off.
    public func clean(_ document: UnsafeBufferPointer<UInt8>, templates: (any TemplateCounts)? = nil) -> CleanResult {
        clean(document, built: nil, templates: templates)
    }

    /// The same for a page `page(_:)` built (cross-document learning keys it first).
    public func clean(_ page: Page, templates: (any TemplateCounts)? = nil) -> CleanResult {
        clean(page.bytes, built: page, templates: templates)
    }

    /// The page `clean` builds for `document`. Cross-document learning keys it before
    /// the document's turn, and `clean(_: Page, templates:)` then cleans it: the page
    /// (the traits' scan, the shadows, the kinds) is built once, not twice.
    public func page(_ document: UnsafeBufferPointer<UInt8>) -> Page {
        Page(document, scanWords: activeDetectors(templates: nil).readsFeatures, kinds: options.lineKinds)
    }

    private func activeDetectors(templates: (any TemplateCounts)?) -> ActiveDetectors {
        let setup = DetectorSetup(options: options, profile: profile, templates: templates, templateSite: templateSite,
                                  observeClassifierInput: observeClassifierInput)
        return ActiveDetectors(options.detectors, setup: setup, off: options.detectorsOff)
    }

    private func clean(_ document: UnsafeBufferPointer<UInt8>, built: Page?, templates: (any TemplateCounts)?) -> CleanResult {
        var result = cleanRound(document, built: built, templates: templates)
        if options.settleRounds > 0 { settle(document, &result) }
        return result
    }

    /// One round: the rules and detectors, run until the page's body settles.
    func cleanRound(_ document: UnsafeBufferPointer<UInt8>, built: Page?, templates: (any TemplateCounts)?) -> CleanResult {
        var detectors = activeDetectors(templates: templates)
        let modelReads = detectors.readsFeatures
        // With a model, the page's scans also count what it reads of each line.
        var page = built.flatMap { $0.scansWords == modelReads ? $0 : nil }
            ?? Page(document, scanWords: modelReads, kinds: options.lineKinds)
        scratch.matchCache.reset(lines: page.count)
        // Reported only: lines pick their rules by their own letters.
        let language = options.language ?? Language.reported(for: page)
        // Content words depend on the page only: computed once for every pass.
        let words: WordLists
        if modelReads {
            // Moved out while they are filled, so the page's copy does not force a copy.
            var scans = page.wordScans
            page.wordScans = WordScans()
            words = TopicModel.words(of: page, scans: &scans)
            page.wordScans = scans
        } else {
            words = detectors.readTopic ? TopicModel.words(of: page) : WordLists()
        }
        // What the line model reads: computed once, read in every pass.
        let features = modelReads ? LineFeatures(page) : nil
        var state = PassState(page)
        var result = cleanOnce(page, state, &detectors, language: language, words: words, features: features)
        for _ in 0..<8 {
            // Gaps count kept lines only: what the output will hold. Only the kept prose
            // lines' places are kept (an array of every line's place cost 8 bytes a line).
            var keptProse: [Int] = [], prosePlaces: [Int32] = []
            // Counted first: one allocation each, not one a doubling.
            let keptProseCount = (0..<page.count).reduce(0) { $0 + (result.fates[$1].isKept && page.kinds[$1].isProse ? 1 : 0) }
            keptProse.reserveCapacity(keptProseCount)
            prosePlaces.reserveCapacity(keptProseCount)
            var seen = 0
            for i in 0..<page.count where result.fates[i].isKept {
                if page.kinds[i].isProse {
                    keptProse.append(i)
                    prosePlaces.append(Int32(truncatingIfNeeded: seen))
                }
                seen += 1
            }
            var body = Page.bodyBounds(prose: keptProse) { Int(prosePlaces[$0]) }
            keptProse = []; prosePlaces = []
            // The body only shrinks from one pass to the next, so the passes settle
            // (a removed menu must not pull a cookie notice above it into the body).
            if let b = body, let first = state.firstProse, let last = state.lastProse {
                let clamped = (first: max(b.first, first), last: min(b.last, last))
                if clamped.first <= clamped.last { body = clamped }
            }
            // A cut marker held back because of prose that is gone now (a pasted-again
            // copy) would cut on the output: weigh only the kept prose and run again.
            var cutWaits = false
            if result.fates.contains(where: Cleaner.isGuardedCut) {
                let survivors = result.fates.map(\.isKept)
                cutWaits = survivors != state.survivors
                if cutWaits { state.survivors = survivors }
            }
            // `first N` and `last N` count the output's lines: a rule held out by lines
            // that are gone now would fire on the output, so count the kept lines and run
            // again. Every line's place is worked out only when such a rule was held out.
            var placesMove = false
            if !scratch.scopeMisses.isEmpty {
                var moved = state
                moved.keptPlaces = (Cleaner.keptPlaces(result.fates), seen)
                placesMove = scratch.scopeMisses.contains { moved.allows($0.scope, at: $0.line, on: page) }
                if placesMove { state.keptPlaces = moved.keptPlaces }
            }
            if body?.first == state.firstProse && body?.last == state.lastProse && !cutWaits && !placesMove { break }
            state.firstProse = body?.first
            state.lastProse = body?.last
            // Let go of the last pass's fates before the next pass makes its own.
            result.fates = []
            result = cleanOnce(page, state, &detectors, language: language, words: words, features: features)
        }
        return result
    }

    /// Each line's place among the kept lines (the number kept above it).
    private static func keptPlaces(_ fates: [Fate]) -> [Int32] {
        var places = [Int32](copies: 0, count: fates.count)
        var seen: Int32 = 0
        for i in fates.indices {
            places[i] = seen
            if fates[i].isKept { seen += 1 }
        }
        return places
    }

    private static func isGuardedCut(_ fate: Fate) -> Bool {
        guard case .removed(.rule(let hit)) = fate, case .guardedCut = hit.effect else { return false }
        return true
    }

    private func cleanOnce(_ page: Page, _ state: PassState, _ detectors: inout ActiveDetectors, language: Language,
                           words: WordLists, features: LineFeatures?) -> CleanResult {
        var rules = RulePass(page: page, state: state, ruleSet: ruleSet, options: options, scratch: scratch)
        rules.run()
        // Moved out, not copied: the detectors change them.
        var fates = rules.fates
        rules.fates = []
        let pass = DetectorPass(page: page, state: state, features: features, words: words, scratch: scratch.match,
                                repeats: repeats)
        detectors.run(pass, &fates)
        var warnings = rules.warnings
        let overBudget = RemovalBudget(share: options.removalBudget, detectors: options.detectors).enforce(page, &fates)
        if overBudget {
            warnings.append("the detectors would remove over \(Int(options.removalBudget * 100))% of the page's prose: their uncertain removals were undone")
        }
        var result = CleanResult(spans: page.spans, fates: fates, language: language,
                                 metadata: rules.metadata, warnings: warnings, detectors: options.detectors)
        result.overBudget = overBudget
        result.ruleWarnings = rules.warnings
        result.templateLines = pass.templateLines
        result.modelEvidence = pass.modelEvidence.filter { fates[$0.key].isRemoved }
        return result
    }

    /// Convenience for callers holding an array.
    public func clean(_ document: [UInt8], templates: (any TemplateCounts)? = nil) -> CleanResult {
        document.withUnsafeBufferPointer { clean($0, templates: templates) }
    }
}
