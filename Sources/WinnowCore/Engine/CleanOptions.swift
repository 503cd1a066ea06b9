/// Switches and thresholds of one cleaning run.
public struct CleanOptions: Sendable {
    /// The detectors that run after the rules, in order.
    public var detectors = DetectorRegistry.standard
    /// Ids of detectors switched off (`--no-detector ID`).
    public var detectorsOff: Set<String> = []
    /// The document language; nil guesses it from the letters.
    public var language: Language?
    /// Lines longer than this are never matched against rules (no chrome is that long).
    public var maxRuleLineBytes = 1 << 20
    /// A `cut` marker cuts only if at least this share of the page's prose stands above it.
    public var cutGuardShare = 0.3
    /// Shortest run of headline-like lines the headline-list detector removes.
    public var headlineListMinimum = 5
    /// A later line sharing at least this share of its word triples with an earlier
    /// line is a near repeat.
    public var nearRepeatShare = 0.8
    public var matchLimits = MatchScratch.Limits()
    /// Site profiles learned by an earlier run (`--profile`); the cleaner's
    /// `profile` is the one for the current site.
    public var profiles: ProfileSet?
    /// Most of a page's prose the uncertain removals (near repeats, headline lists,
    /// menus, template lines, the model's: see `Detector.isCertain`) may take; past it they are undone and the page is flagged.
    public var removalBudget = 0.4
    /// Says what each line looks like (prose, headline-like, ...): the facts the rules
    /// and detectors read, decided once per page.
    public var lineKinds: any LineKindClassifier = HeuristicLineKinds()
    /// Decides the lines the rules and detectors leave open; nil keeps them all.
    public var classifier: (any LineClassifier)?
    /// Keep the features behind each model removal (`CleanResult.modelEvidence`).
    public var collectEvidence = false
    /// Clean the output again, up to this many times, until a round removes nothing
    /// (`--settle`): the output is then what cleaning it again gives. 0: one round.
    public var settleRounds = 0

    public init() {}

    /// Switches a detector off.
    public mutating func turnOff(_ detector: any Detector.Type) { detectorsOff.insert(detector.id) }
}

/// The outcome of cleaning one document.
public struct CleanResult: Sendable {
    public var spans: [LineSpan]
    public var fates: [Fate]
    public var language: Language
    /// What `meta` rules captured, in line order: (group name, value).
    public var metadata: [(key: String, value: String)]
    /// Rules that hit a match limit, and other things a user should hear about.
    public var warnings: [String]
    /// Of those, the rules that hit a match limit (a stream or a batch, quiet about the
    /// rest, still says these: a rule that gave up decides nothing on its line).
    public var ruleWarnings: [String] = []
    /// The removal budget was exceeded: uncertain removals were undone.
    public var overBudget = false
    /// For each line the model removed, the features that pushed its score most
    /// (only with `CleanOptions.collectEvidence`).
    public var modelEvidence: [Int: [(feature: String, weight: Double)]] = [:]
    /// The lines the cross-document detector took for the site's template, with the
    /// documents each stood in, whatever removed them (what a site profile keeps).
    public var templateLines: [(line: Int, documents: Int)] = []
    /// The registry the detectors' reasons refer to.
    public var detectors: DetectorRegistry = .standard

    public var removedCount: Int { fates.reduce(0) { $0 + ($1.isRemoved ? 1 : 0) } }
}
