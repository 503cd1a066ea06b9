/// Cleans documents: rules first, then the detectors. One `Cleaner` per worker
/// thread (it owns the match scratch and buffers); the `RuleSet` is shared.
public final class Cleaner {
    public let ruleSet: RuleSet
    public let options: CleanOptions
    let scratch: MatchScratch
    var shadow: [UInt8] = []
    var origins: [Int] = []
    var originShadow: [UInt8] = []

    public init(ruleSet: RuleSet, options: CleanOptions = CleanOptions()) {
        self.ruleSet = ruleSet
        self.options = options
        self.scratch = MatchScratch(captureCapacity: max(ruleSet.maxCaptureCount, 16), limits: options.matchLimits)
    }

    /// Decides the fate of every line of `document`.
    public func clean(_ document: UnsafeBufferPointer<UInt8>) -> CleanResult {
        let page = Page(document)
        let language = options.language ?? Language.detect(page.traits)
        var pass = RulePass(page: page, language: language, cleaner: self)
        pass.run()
        var fates = pass.fates
        if options.detectRepeats {
            RepeatDetector(nearShare: options.nearRepeatShare).run(page, &fates)
        }
        if options.detectHeadlineLists {
            HeadlineListDetector(minimum: options.headlineListMinimum).run(page, &fates)
        }
        return CleanResult(spans: page.spans, fates: fates, language: language,
                           metadata: pass.metadata, warnings: pass.warnings)
    }

    /// Convenience for callers holding an array.
    public func clean(_ document: [UInt8]) -> CleanResult {
        document.withUnsafeBufferPointer { clean($0) }
    }
}
