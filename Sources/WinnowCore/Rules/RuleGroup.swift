/// Rules tried in priority order behind prefilters, so that a line costs a few JIT
/// calls whatever the number of rules.
///
/// - Anchored rules whose matches start with known literal texts (`^(?:منبع|ماخذ)…`,
///   most chrome rules) are found by the line's opening bytes (`PrefixIndex`).
/// - Other anchored rules are sorted by the character their match can start with
///   (`FirstCharDispatch`): a line starting with "م" meets only the anchored rules
///   that can start with "م".
/// - Unanchored rules are split by subject (shadow or raw) into `Alternation`s.
/// - An alternation tells which of its rules match, in one call; the rules it
///   cannot tell about, and those that cannot join one, are tried on their own.
final class RuleGroup: @unchecked Sendable {
    let rules: [CompiledRule]
    /// The unanchored rules' alternations, each with the subject it runs on.
    private let unanchored: [(alternation: Alternation, raw: Bool)]
    /// Anchored rules by literal prefix (exact and caseless), with the subject
    /// they run on.
    private let prefixIndexes: [(index: PrefixIndex, raw: Bool)]
    /// The other anchored combinable rules by first character.
    private let shadowDispatch: FirstCharDispatch?
    private let rawDispatch: FirstCharDispatch?
    /// The rules behind no prefilter (tried on every line), in priority order.
    private let unfiltered: [Int]

    init(_ rules: [CompiledRule]) {
        self.rules = rules
        var unanchored: [(alternation: Alternation, raw: Bool)] = []
        var filtered = [Bool](repeating: false, count: rules.count)
        var prefixIndexes: [(index: PrefixIndex, raw: Bool)] = []
        var dispatch: [FirstCharDispatch?] = []
        for raw in [false, true] {
            let own = rules.indices.filter { rules[$0].rule.raw == raw }
            for caseless in [false, true] {
                let indexed = own.compactMap { m in
                    rules[m].literalPrefixes.flatMap { $0.caseless == caseless ? (rule: m, prefixes: $0.texts) : nil }
                }
                if let index = PrefixIndex(indexed, caseless: caseless) { prefixIndexes.append((index, raw)) }
                for entry in indexed { filtered[entry.rule] = true }
            }
            let combinable = own.filter { !filtered[$0] && rules[$0].combinable }
            let anchored = combinable.filter { rules[$0].regex.isAnchored }
            dispatch.append(FirstCharDispatch(members: anchored, rules: rules))
            let others = combinable.filter { !rules[$0].regex.isAnchored }
            unanchored += Alternation.build(others, rules).map { ($0, raw) }
            for m in combinable { filtered[m] = true }
        }
        self.unanchored = unanchored
        self.prefixIndexes = prefixIndexes
        shadowDispatch = dispatch[0]
        rawDispatch = dispatch[1]
        unfiltered = rules.indices.filter { !filtered[$0] }
    }

    var isEmpty: Bool { rules.isEmpty }

    /// Calls `visit` with each rule whose pattern matches, in priority order, until it
    /// returns true. (`scratch` holds no captures then: a caller that needs them runs
    /// the rule again.) A rule that hits a match limit is reported through `onLimit`
    /// and ends the search: no later rule decides a line an earlier one could not.
    func forEachMatch(shadow: UnsafeBufferPointer<UInt8>, raw: UnsafeBufferPointer<UInt8>,
                      scratch: MatchScratch, onLimit: (CompiledRule, String) -> Void,
                      _ visit: (CompiledRule) -> Bool) {
        if rules.isEmpty { return }
        let marks = scratch.ruleMarks(count: rules.count)
        for n in unfiltered { marks.markCandidate(n) }
        for (index, isRaw) in prefixIndexes { index.collect(isRaw ? raw : shadow, into: marks) }
        shadowDispatch?.collect(shadow, rules, scratch: scratch, into: marks)
        rawDispatch?.collect(raw, rules, scratch: scratch, into: marks)
        for (alternation, isRaw) in unanchored {
            _ = alternation.collect(isRaw ? raw : shadow, scratch: scratch, into: marks)
        }
        for n in marks.sortedMarks() {
            let rule = rules[n]
            if marks.isKnownMatch(n) {
                if visit(rule) { return }
                continue
            }
            switch rule.regex.match(rule.rule.raw ? raw : shadow, scratch: scratch) {
            case .match:
                if visit(rule) { return }
            case .noMatch:
                continue
            case .limitExceeded(let message), .failed(let message):
                onLimit(rule, message)
                return
            }
        }
    }
}
