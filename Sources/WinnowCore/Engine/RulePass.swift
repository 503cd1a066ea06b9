/// Applies the rules to one page: `keep` protects, the first matching `drop`,
/// `meta`, `cut` or `list` rule decides, `strip` rules trim what is kept; then the
/// cut markers, list headings and grabs take effect.
struct RulePass {
    let page: Page
    let state: PassState
    let ruleSet: RuleSet
    let options: CleanOptions
    let scratch: RuleScratch
    var fates: [Fate]
    var metadata: [(key: String, value: String)] = []
    var warnings: [String] = []
    private var cuts: [(line: Int, rule: Int)] = []
    private var lists: [(line: Int, rule: Int)] = []
    private var grabs: [(line: Int, rule: CompiledRule)] = []

    init(page: Page, state: PassState, ruleSet: RuleSet, options: CleanOptions, scratch: RuleScratch) {
        self.page = page
        self.state = state
        self.ruleSet = ruleSet
        self.options = options
        self.scratch = scratch
        fates = page.blank.map { $0 ? .blank : .kept }
        scratch.scopeMisses.removeAll(keepingCapacity: true)
    }

    mutating func run() {
        if !ruleSet.rules.isEmpty {
            for i in 0..<page.count where !page.blank[i] && page.spans[i].content.count <= options.maxRuleLineBytes {
                matchLine(i)
            }
        }
        applyGrabs()
        applyCuts()
        applyLists()
    }

    /// Which rules match line `i` (see `LineMatchCache`), from the cache or worked out.
    private func matches(_ i: Int) -> LineMatchCache.Entry {
        // The worker's scratch holds both for the whole pass: read unretained (they
        // were retained and released on every line).
        Unmanaged.passUnretained(scratch.matchCache)._withUnsafeGuaranteedRef { cache in
            Unmanaged.passUnretained(scratch.match)._withUnsafeGuaranteedRef { scratch in
                matches(i, cache: cache, scratch: scratch)
            }
        }
    }

    private func matches(_ i: Int, cache: LineMatchCache, scratch: MatchScratch) -> LineMatchCache.Entry {
        if let cached = cache.entry(i) { return cached }
        let raw = page.line(i)
        let shadow = page.shadow(i)
        var entry = LineMatchCache.Entry()
        entry.start = Int32(cache.rules.count)
        let gaveUp = ruleSet.withRules(for: Language.selection(forLine: page.traits[i])) { rules in
            let marks = rules.prefilter.collect(shadow: shadow, raw: raw, scratch: scratch)
            var gaveUp = rules.keep.matches(marks, shadow: shadow, raw: raw, scratch: scratch, into: &cache.rules)
            entry.keepEnd = Int32(cache.rules.count)
            if gaveUp == nil { gaveUp = rules.act.matches(marks, shadow: shadow, raw: raw, scratch: scratch, into: &cache.rules) }
            entry.actEnd = Int32(cache.rules.count)
            if gaveUp == nil { gaveUp = rules.strip.matches(marks, shadow: shadow, raw: raw, scratch: scratch, into: &cache.rules) }
            return gaveUp
        }
        entry.end = Int32(cache.rules.count)
        let warning = gaveUp.map { rule, message in
            "line \(i + 1): rule '\(rule.rule.id)' (\(rule.rule.location.short)) gave up: \(message); the line is kept"
        }
        return cache.store(entry, line: i, limitHit: warning)
    }

    /// The rule at position `k` of the match cache.
    private func cachedRule(_ k: Int32) -> CompiledRule {
        ruleSet.rules[Int(scratch.matchCache.rules[Int(k)])]
    }

    /// The first rule of `range` (positions in the cache) whose scope allows line `i`.
    private func firstAllowed(_ range: Range<Int32>, at i: Int) -> CompiledRule? {
        for k in range {
            let rule = cachedRule(k)
            if allows(rule, at: i) { return rule }
        }
        return nil
    }

    /// Whether `rule`'s scope allows line `i`. A `first N` or `last N` rule that matched
    /// but stood too far in is noted: once other lines go, it may be in (`Cleaner.clean`).
    private func allows(_ rule: CompiledRule, at i: Int) -> Bool {
        if state.allows(rule.rule.scope, at: i, on: page) { return true }
        switch rule.rule.scope {
        case .first, .last: scratch.scopeMisses.append((i, rule.rule.scope))
        default: break
        }
        return false
    }

    private mutating func matchLine(_ i: Int) {
        let found = matches(i)
        if scratch.matchCache.anyLimitHit, let warning = scratch.matchCache.limitHits[i] { warnings.append(warning) }
        if found.start == found.end { return }
        if let rule = firstAllowed(found.start..<found.keepEnd, at: i) {
            fates[i] = .protected(rule: rule.index)
            return
        }
        let raw = page.line(i)
        let changed = page.hasOwnShadow(i)
        let shadow = page.shadow(i)
        if let rule = firstAllowed(found.keepEnd..<found.actEnd, at: i) {
            if rule.rule.action == .meta {
                let subject = rule.rule.raw ? raw : shadow
                // Run the pattern again to fill the captures.
                if rule.regex.match(subject, scratch: scratch.match) == .match {
                    recordMeta(rule, line: i, subject: subject, shadowChanged: changed && !rule.rule.raw)
                }
            }
            act(rule, on: i)
            return
        }
        var spans: [Range<Int>] = []
        var stripRule = -1
        for k in found.actEnd..<found.end {
            let rule = cachedRule(k)
            guard allows(rule, at: i) else { continue }
            let subject = rule.rule.raw ? raw : shadow
            let hits = allMatches(rule.regex, in: subject)
            if changed && !rule.rule.raw { computeOrigins(of: raw) }
            let mapped = (changed && !rule.rule.raw) ? hits.map(originalRange) : hits
            spans += mapped.map { ($0.lowerBound + page.spans[i].start)..<($0.upperBound + page.spans[i].start) }
            if stripRule < 0 && !mapped.isEmpty { stripRule = rule.index }
        }
        if stripRule >= 0 && !spans.isEmpty { recordStrip(spans, rule: stripRule, line: i) }
    }

    private mutating func act(_ rule: CompiledRule, on i: Int) {
        switch rule.rule.action {
        case .drop: fates[i] = .removed(.rule(RuleHit(rule.index, .drop)))
        case .meta: fates[i] = .removed(.rule(RuleHit(rule.index, .meta)))
        case .cut: cuts.append((i, rule.index))
        case .list: lists.append((i, rule.index))
        case .keep, .strip: return
        }
        if rule.rule.grabBefore > 0 || rule.rule.grabAfter > 0 { grabs.append((i, rule)) }
    }

    /// Every non-overlapping match of `regex` in `subject` (byte ranges).
    private func allMatches(_ regex: Regex, in subject: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var found: [Range<Int>] = []
        var start = 0
        while start <= subject.count, regex.match(subject, from: start, scratch: scratch.match) == .match,
              let range = scratch.match.range(0) {
            if !range.isEmpty { found.append(range) }
            start = range.isEmpty ? range.upperBound + 1 : range.upperBound
        }
        return found
    }

    /// Fills `scratch.origins` for the line (in a second buffer: the shadow is in use).
    private func computeOrigins(of raw: UnsafeBufferPointer<UInt8>) {
        Normalizer.shadow(of: raw, into: &scratch.originShadow, origins: &scratch.origins)
    }

    /// Maps a byte range of the current shadow back to the line's original bytes.
    private func originalRange(_ r: Range<Int>) -> Range<Int> {
        scratch.origins[r.lowerBound]..<scratch.origins[r.upperBound]
    }

    private mutating func recordMeta(_ rule: CompiledRule, line i: Int, subject: UnsafeBufferPointer<UInt8>, shadowChanged: Bool) {
        let raw = page.line(i)
        if shadowChanged { computeOrigins(of: raw) }
        for (name, group) in rule.namedGroups {
            guard let range = scratch.match.range(group) else { continue }
            let original = shadowChanged ? originalRange(range) : range
            let value = String(decoding: UnsafeBufferPointer(rebasing: raw[original]), as: UTF8.self)
            metadata.append((name, value.trimmingSpaces()))
        }
    }

    private mutating func recordStrip(_ spans: [Range<Int>], rule: Int, line i: Int) {
        let merged = RulePass.merge(spans)
        let span = page.spans[i]
        var left = 0, at = span.start
        for r in merged {
            left += LineSplitter.isBlank(page.bytes, LineSpan(start: at, end: r.lowerBound, next: r.lowerBound)) ? 0 : 1
            at = r.upperBound
        }
        left += LineSplitter.isBlank(page.bytes, LineSpan(start: at, end: span.end, next: span.end)) ? 0 : 1
        // A line stripped down to nothing is removed, not printed blank.
        fates[i] = left == 0 ? .removed(.rule(RuleHit(rule, .drop))) : .stripped(rule: rule, spans: merged)
    }

    static func merge(_ spans: [Range<Int>]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        for r in spans.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = out.last, r.lowerBound <= last.upperBound {
                out[out.count - 1] = last.lowerBound..<max(last.upperBound, r.upperBound)
            } else {
                out.append(r)
            }
        }
        return out
    }

    private mutating func applyGrabs() {
        for (anchor, rule) in grabs {
            grab(from: anchor, step: -1, count: rule.rule.grabBefore, rule: rule.index)
            grab(from: anchor, step: 1, count: rule.rule.grabAfter, rule: rule.index)
        }
    }

    private mutating func grab(from anchor: Int, step: Int, count: Int, rule: Int) {
        var left = count
        var j = anchor + step
        while left > 0, j >= 0, j < page.count, !page.blank[j] {
            if fates[j].isRemoved { j += step; continue }
            guard fates[j] == .kept, page.kinds[j].isNameLike else { return }
            fates[j] = .removed(.rule(RuleHit(rule, .grabbed(anchor: Int32(anchor)))))
            left -= 1
            j += step
        }
    }

    /// The first cut marker with enough prose above it removes itself and everything
    /// after it (but protected lines); a marker too high only removes itself.
    private mutating func applyCuts() {
        guard !cuts.isEmpty else { return }
        var proseAbove = [Int](copies: 0, count: page.count + 1)
        for i in 0..<page.count {
            let counts = page.kinds[i].isProse && (state.survivors?[i] ?? true)
            proseAbove[i + 1] = proseAbove[i] + (counts ? page.traits[i].chars : 0)
        }
        let total = proseAbove[page.count]
        for (line, rule) in cuts {
            let share = total > 0 ? Double(proseAbove[line]) / Double(total) : 0
            guard proseAbove[line] > 0, share >= options.cutGuardShare else {
                fates[line] = .removed(.rule(RuleHit(rule, .guardedCut(percentAbove: Int32(share * 100)))))
                continue
            }
            fates[line] = .removed(.rule(RuleHit(rule, .cutMarker)))
            for j in (line + 1)..<page.count where fates[j] == .kept || isStripped(fates[j]) {
                fates[j] = .removed(.rule(RuleHit(rule, .afterCut(marker: Int32(line)))))
            }
            return
        }
    }

    private func isStripped(_ fate: Fate) -> Bool { if case .stripped = fate { true } else { false } }

    /// A list heading removes itself and the headline-like lines right after it
    /// (blank lines directly under the heading are skipped; the next blank line or
    /// non-headline line ends the run).
    private mutating func applyLists() {
        for (heading, rule) in lists where fates[heading] == .kept {
            fates[heading] = .removed(.rule(RuleHit(rule, .listHeading)))
            for j in RulePass.listItems(after: heading, on: page, fates: fates) {
                fates[j] = .removed(.rule(RuleHit(rule, .listItem(heading: Int32(heading)))))
            }
        }
    }

    /// The lines a list heading at `heading` takes: after blank lines, the run of kept
    /// headline-like lines up to a blank line or another kind of line (lines already
    /// removed are passed over). `winnow learn` asks it too, of a page with every line kept.
    static func listItems(after heading: Int, on page: Page, fates: [Fate]) -> [Int] {
        var items: [Int] = []
        var j = heading + 1
        while j < page.count, page.blank[j] { j += 1 }
        while j < page.count, !page.blank[j] {
            if fates[j].isRemoved { j += 1; continue }
            guard fates[j] == .kept, page.kinds[j].isHeadlineLike else { break }
            items.append(j)
            j += 1
        }
        return items
    }
}

extension String {
    /// Without white space, and without the invisible marks the shadow treats as
    /// spaces (ZWNJ, ZWJ, zero-width space, BOM, bidi marks), at either end.
    func trimmingSpaces() -> String {
        func blank(_ c: Unicode.Scalar) -> Bool {
            c.properties.isWhitespace || (0x200B...0x200F).contains(c.value) || (0x202A...0x202E).contains(c.value)
                || (0x2066...0x2069).contains(c.value) || c.value == 0xFEFF
        }
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !blank($0) }), let last = scalars.lastIndex(where: { !blank($0) }) else { return "" }
        return String(scalars[first...last])
    }
}
