/// Every rule of a run, compiled once and shared by all workers, with the rules
/// that apply to each combination of line languages grouped behind prefilters.
public final class RuleSet: @unchecked Sendable {
    public let rules: [CompiledRule]
    public let files: [RuleFile]
    public let warnings: [Diagnostic]
    /// Capture slots a `MatchScratch` needs for any rule here.
    public let maxCaptureCount: Int
    /// By `LanguageSelection.mask`.
    private let bySelection: [LanguageRules?]
    /// The same, read for every line without retaining (`bySelection` holds them): the
    /// workers share them, and retaining one for each line bounced its reference count
    /// between the cores.
    private let unretained: UnsafeMutableBufferPointer<Unmanaged<LanguageRules>?>

    /// The rules of one combination of languages: their prefilter, and the rules
    /// split by role. A class: a line's lookup retains one reference, not four.
    final class LanguageRules {
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
        // Every selection a line can have (see Language.selection(forLine:)): built up front so
        // workers only read.
        var table = [LanguageRules?](repeating: nil, count: LanguageSelection.everyLanguage.mask + 1)
        let cache = AlternationCache()
        let group = { (rules: [CompiledRule]) in RuleGroup(rules, all: compiled) }
        for key in LanguageSelection.all {
            let applicable = compiled.filter { key.contains(any: $0.rule.languages) }
            table[key.mask] = LanguageRules(
                prefilter: Prefilter(applicable, all: compiled, cache: cache),
                keep: group(applicable.filter { $0.rule.action == .keep }),
                act: group(applicable.filter { [.drop, .cut, .list, .meta].contains($0.rule.action) }),
                strip: group(applicable.filter { $0.rule.action == .strip }))
        }
        self.bySelection = table
        let unretained = UnsafeMutableBufferPointer<Unmanaged<LanguageRules>?>.allocate(capacity: table.count)
        _ = unretained.initialize(from: table.map { $0.map(Unmanaged.passUnretained) })
        self.unretained = unretained
    }

    deinit { unretained.deallocate() }

    func rules(for selection: LanguageSelection) -> LanguageRules {
        bySelection[selection.mask]!
    }

    /// Runs `body` with the rules of `selection`, not retained (a line's matching).
    func withRules<T>(for selection: LanguageSelection, _ body: (LanguageRules) -> T) -> T {
        unretained[selection.mask]!._withUnsafeGuaranteedRef(body)
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
