import Synchronization

/// Every rule of a run, compiled once and shared by all workers, with the rules
/// that apply to each combination of line languages grouped behind prefilters.
public final class RuleSet: @unchecked Sendable {
    public let rules: [CompiledRule]
    public let files: [RuleFile]
    public let warnings: [Diagnostic]
    /// Capture slots a `MatchScratch` needs for any rule here.
    public let maxCaptureCount: Int
    /// By `LanguageSelection.mask`, built on first use (see `rules(for:)`): an
    /// entry is written once, under `buildLock`, before its bit is set in `built`,
    /// and read only after its bit is seen set. (Not `AtomicLazyReference`: its
    /// `load` is not inlined and cost ~100 instructions a line.)
    private let bySelection: UnsafeMutablePointer<LanguageRules?>
    /// The same entries, read for every line without retaining (`bySelection` holds
    /// them): the workers share them, and retaining one for each line bounced its
    /// reference count between the cores. Written with `bySelection`.
    private let unretained: UnsafeMutablePointer<Unmanaged<LanguageRules>?>
    private let built = Atomic<Int>(0)
    private let buildLock = Mutex<Void>(())
    /// Alternations shared by the selections' prefilters.
    private let cache: AlternationCache

    /// The rules of one combination of languages: their prefilter, and the rules
    /// split by role. A class: a line's lookup retains one reference, not four.
    final class LanguageRules: Sendable {
        let prefilter: Prefilter
        let keep: RuleGroup
        let act: RuleGroup     // drop, cut, list, meta: first match wins
        let strip: RuleGroup

        init(prefilter: Prefilter, keep: RuleGroup, act: RuleGroup, strip: RuleGroup) {
            self.prefilter = prefilter
            self.keep = keep
            self.act = act
            self.strip = strip
        }
    }

    /// Compiles parsed rule files; every pattern error is reported, not just the first.
    public init(files: [RuleFile]) throws(RuleErrors) {
        var compiled: [CompiledRule] = []
        var errors: [Diagnostic] = []
        for rule in files.flatMap(\.rules) {
            do { compiled.append(try CompiledRule.compile(rule, index: compiled.count)) }
            catch { errors.append(error) }
        }
        guard errors.isEmpty else { throw RuleErrors(diagnostics: errors) }
        self.rules = compiled
        self.files = files
        // Ids must be unique across files too (within a file the parser warns).
        var firstSeen: [String: Rule] = [:]
        var crossFile: [Diagnostic] = []
        for compiled in compiled {
            let rule = compiled.rule
            if let first = firstSeen[rule.id] {
                if first.location.path != rule.location.path {
                    crossFile.append(Diagnostic(rule.location, .warning, "duplicate rule id '\(rule.id)' (first at \(first.location.short))"))
                }
            } else {
                firstSeen[rule.id] = rule
            }
        }
        self.warnings = files.flatMap(\.warnings) + crossFile
        self.maxCaptureCount = compiled.map(\.regex.captureCount).max() ?? 0
        self.cache = AlternationCache()
        let selections = LanguageSelection.everyLanguage.mask + 1
        // One bit of `built` per selection: up to six languages.
        precondition(selections <= Int.bitWidth, "more language selections than bits in RuleSet.built")
        self.bySelection = .allocate(capacity: selections)
        bySelection.initialize(repeating: nil, count: selections)
        self.unretained = .allocate(capacity: selections)
        unretained.initialize(repeating: nil, count: selections)
    }

    deinit {
        bySelection.deinitialize(count: LanguageSelection.everyLanguage.mask + 1)
        bySelection.deallocate()
        unretained.deallocate()
    }

    /// The rules for the languages of `selection`, built the first time a line
    /// needs them: a page's lines need a few of the selections, and building a
    /// selection's prefilter costs about as much as compiling its rules.
    func rules(for selection: LanguageSelection) -> LanguageRules {
        let bit = 1 << selection.mask
        if built.load(ordering: .acquiring) & bit != 0 { return bySelection[selection.mask]! }
        return buildLock.withLock { _ in
            if let known = bySelection[selection.mask] { return known }
            let made = build(selection)
            bySelection[selection.mask] = made
            unretained[selection.mask] = Unmanaged.passUnretained(made)
            built.bitwiseOr(bit, ordering: .releasing)
            return made
        }
    }

    private func build(_ key: LanguageSelection) -> LanguageRules {
        let group = { (rules: [CompiledRule]) in RuleGroup(rules, all: self.rules) }
        let applicable = self.rules.filter { key.contains(any: $0.rule.languages) }
        return LanguageRules(
            prefilter: Prefilter(applicable, all: self.rules, cache: cache),
            keep: group(applicable.filter { $0.rule.action == .keep }),
            act: group(applicable.filter { [.drop, .cut, .list, .meta].contains($0.rule.action) }),
            strip: group(applicable.filter { $0.rule.action == .strip }))
    }

    /// Runs `body` with the rules of `selection`, not retained (a line's matching).
    func withRules<T>(for selection: LanguageSelection, _ body: (LanguageRules) -> T) -> T {
        if built.load(ordering: .acquiring) & (1 << selection.mask) == 0 { _ = rules(for: selection) }
        return unretained[selection.mask]!._withUnsafeGuaranteedRef(body)
    }

    /// The empty rule set: detectors only.
    public static let empty: RuleSet = try! RuleSet(files: [])

    /// The default rules built into the binary (from `rules/` at build time).
    public static func defaults() throws(RuleErrors) -> RuleSet {
        try RuleSet(files: RuleSources.defaultFiles())
    }

    /// Loads rule files and folders (every `*.rules` below a folder, in path order).
    public static func load(paths: [String]) throws(RuleErrors) -> RuleSet {
        try RuleSet(files: RuleSources.load(paths: paths))
    }
}
