/// What a line needs to meet of a set of rules, found in one pass over the line
/// for all of them, so that it costs a few JIT calls whatever the number of rules:
///
/// - Anchored rules whose matches start with known literal texts (`^(?:منبع|ماخذ)…`,
///   most chrome rules) are found by the line's opening bytes (`PrefixIndex`).
/// - Other anchored rules are sorted by the character their match can start with
///   (`FirstCharDispatch`): a line starting with "م" meets only the anchored rules
///   that can start with "م"; unless they can start with most characters.
/// - Unanchored rules, and anchored ones that can start almost anywhere, are tried
///   on lines that contain one of the literal texts their matches need
///   (`LiteralScanner`); those whose texts are shorter, on lines that hold one
///   (`ShortLiteralGuard`); those without such texts meet every line, in
///   `Alternation`s (by subject: shadow or raw).
/// - An alternation tells which of its rules match, in one call; the rules it
///   cannot tell about, and those that cannot join one, are tried on their own.
///
/// Rules are named by their index in the whole rule set (`CompiledRule.index`), so
/// that the prefilters of several language combinations share compiled
/// alternations (`AlternationCache`). `RuleGroup` then tries the marked rules.
final class Prefilter: @unchecked Sendable {
    /// Every rule of the rule set, by index.
    private let all: [CompiledRule]
    /// Rules by required literal (exact and caseless), with the subject they run on.
    private let scanners: [(scanner: LiteralScanner, raw: Bool)]
    /// Rules by short required texts, with the subject they run on.
    private let guards: [(guard: ShortLiteralGuard, raw: Bool)]
    /// The alternations every line meets, each with the subject it runs on.
    private let everyLine: [(alternation: Alternation, raw: Bool)]
    /// Anchored rules by literal prefix (exact and caseless), with the subject
    /// they run on.
    private let prefixIndexes: [(index: PrefixIndex, raw: Bool)]
    /// The other anchored combinable rules by first character.
    private let shadowDispatch: FirstCharDispatch?
    private let rawDispatch: FirstCharDispatch?
    /// The rules behind no prefilter (tried on every line), in priority order.
    private let unfiltered: [Int]
    /// What `collect` reads for every line, in its order, without retaining it (the
    /// lists above hold it): the workers share the rule set, and retaining the same
    /// objects and arrays for each line bounced their reference counts between the
    /// cores (at `-j 2`, `swift_retain` under `collect` took 2.7 times as long for the
    /// same lines as at `-j 1`).
    private let steps: UnsafeMutableBufferPointer<Step>
    private let unfilteredRules: UnsafeMutableBufferPointer<Int>

    private enum Step {
        case prefix(Unmanaged<PrefixIndex>, raw: Bool)
        case dispatch(Unmanaged<FirstCharDispatch>, raw: Bool)
        case scanner(Unmanaged<LiteralScanner>, raw: Bool)
        case guarded(Unmanaged<ShortLiteralGuard>, raw: Bool)
        case alternation(Unmanaged<Alternation>, raw: Bool)
    }

    init(_ rules: [CompiledRule], all: [CompiledRule], cache: AlternationCache) {
        self.all = all
        var everyLine: [(alternation: Alternation, raw: Bool)] = []
        var filtered = [Bool](repeating: false, count: all.count)
        var prefixIndexes: [(index: PrefixIndex, raw: Bool)] = []
        var scanners: [(scanner: LiteralScanner, raw: Bool)] = []
        var guards: [(guard: ShortLiteralGuard, raw: Bool)] = []
        var dispatch: [FirstCharDispatch?] = []
        for raw in [false, true] {
            let own = rules.filter { $0.rule.raw == raw }.map(\.index)
            for (caseless, entries) in Prefilter.byCase(own, { all[$0].literalPrefixes.map { ($0.texts, $0.caseless) } }) {
                if let index = PrefixIndex(entries, caseless: caseless) { prefixIndexes.append((index, raw)) }
                for entry in entries { filtered[entry.rule] = true }
            }
            let combinable = own.filter { !filtered[$0] && all[$0].combinable }
            let sorted = combinable.filter { all[$0].firstScalars.map { !$0.isBroad } ?? false }
            dispatch.append(FirstCharDispatch(members: sorted, rules: all, cache: cache))
            for m in sorted { filtered[m] = true }
            let unsorted = own.filter { !filtered[$0] }
            for (caseless, entries) in Prefilter.byCase(unsorted, { all[$0].requiredLiterals.map { ($0.texts, $0.caseless) } }) {
                if let scanner = LiteralScanner(entries, caseless: caseless) { scanners.append((scanner, raw)) }
                for entry in entries { filtered[entry.rule] = true }
            }
            // Exact texts only: under (?i) a text with letters would need a caseless search.
            let short = own.filter { !filtered[$0] }.compactMap { m in
                all[m].shortLiterals.flatMap { literals in
                    !literals.caseless || literals.texts.allSatisfy({ $0.allSatisfy { !(0x61...0x7A).contains($0) } })
                        ? (rule: m, texts: literals.texts) : nil
                }
            }
            if let guarded = ShortLiteralGuard(short) { guards.append((guarded, raw)) }
            for entry in short { filtered[entry.rule] = true }
            let others = combinable.filter { !filtered[$0] }
            everyLine += cache.alternations(of: others, all).map { ($0, raw) }
            for m in combinable { filtered[m] = true }
        }
        self.everyLine = everyLine
        self.scanners = scanners
        self.guards = guards
        self.prefixIndexes = prefixIndexes
        shadowDispatch = dispatch[0]
        rawDispatch = dispatch[1]
        unfiltered = rules.map(\.index).filter { !filtered[$0] }
        var steps = prefixIndexes.map { Step.prefix(.passUnretained($0.index), raw: $0.raw) }
        if let shadow = dispatch[0] { steps.append(.dispatch(.passUnretained(shadow), raw: false)) }
        if let raw = dispatch[1] { steps.append(.dispatch(.passUnretained(raw), raw: true)) }
        steps += scanners.map { .scanner(.passUnretained($0.scanner), raw: $0.raw) }
        steps += guards.map { .guarded(.passUnretained($0.guard), raw: $0.raw) }
        steps += everyLine.map { .alternation(.passUnretained($0.alternation), raw: $0.raw) }
        let stepList = UnsafeMutableBufferPointer<Step>.allocate(capacity: steps.count)
        _ = stepList.initialize(from: steps)
        self.steps = stepList
        let unfilteredList = UnsafeMutableBufferPointer<Int>.allocate(capacity: unfiltered.count)
        _ = unfilteredList.initialize(from: unfiltered)
        unfilteredRules = unfilteredList
    }

    deinit {
        steps.deallocate()
        unfilteredRules.deallocate()
    }

    /// The rules of `members` that have literal texts, exact ones then caseless ones.
    private static func byCase(_ members: [Int], _ literals: (Int) -> (texts: [[UInt8]], caseless: Bool)?)
        -> [(caseless: Bool, entries: [(rule: Int, texts: [[UInt8]])])] {
        let found = members.compactMap { m in literals(m).map { (rule: m, texts: $0.texts, caseless: $0.caseless) } }
        return [false, true].map { caseless in
            (caseless, found.filter { $0.caseless == caseless }.map { (rule: $0.rule, texts: $0.texts) })
        }
    }

    /// The marks for one line: rules known to match, and rules that may (to be tried).
    func collect(shadow: UnsafeBufferPointer<UInt8>, raw: UnsafeBufferPointer<UInt8>, scratch: MatchScratch) -> RuleMarks {
        let marks = scratch.ruleMarks(count: all.count)
        for n in unfilteredRules { marks.markCandidate(n) }
        for step in steps {
            switch step {
            case .prefix(let index, let isRaw):
                index._withUnsafeGuaranteedRef { $0.collect(isRaw ? raw : shadow, into: marks) }
            case .dispatch(let dispatch, let isRaw):
                dispatch._withUnsafeGuaranteedRef { $0.collect(isRaw ? raw : shadow, all, scratch: scratch, into: marks) }
            case .scanner(let scanner, let isRaw):
                scanner._withUnsafeGuaranteedRef { $0.collect(isRaw ? raw : shadow, scratch: scratch, into: marks) }
            case .guarded(let guarded, let isRaw):
                guarded._withUnsafeGuaranteedRef { $0.collect(isRaw ? raw : shadow, into: marks) }
            case .alternation(let alternation, let isRaw):
                alternation._withUnsafeGuaranteedRef { $0.collect(isRaw ? raw : shadow, scratch: scratch, into: marks) }
            }
        }
        return marks
    }
}
