/// Turns a line's fate into words: "drop fa.news-id (rules/fa/meta.rules:12)",
/// "repeat of line 3", "headline list (12 lines from line 50)". Line numbers are 1-based.
public struct Explanation {
    public let ruleSet: RuleSet

    public init(ruleSet: RuleSet) { self.ruleSet = ruleSet }

    /// Short verdict: keep, drop, strip, blank.
    public func verdict(_ fate: Fate) -> String {
        switch fate {
        case .blank: "blank"
        case .kept: "keep"
        case .protected: "keep"
        case .stripped: "strip"
        case .removed: "drop"
        }
    }

    /// Why, or "" for a plain kept or blank line.
    public func reason(_ fate: Fate) -> String {
        switch fate {
        case .blank, .kept: return ""
        case .protected(let r): return "protected by \(rule(r))"
        case .stripped(let r, let spans): return "\(rule(r)) removed \(spans.count) span\(spans.count == 1 ? "" : "s")"
        case .removed(let reason): return describe(reason)
        }
    }

    public func describe(_ reason: Reason) -> String {
        switch reason {
        case .rule(let r): return rule(r)
        case .meta(let r): return "\(rule(r)) (metadata)"
        case .cutMarker(let r): return "\(rule(r)) cut marker"
        case .afterCut(let r, let marker): return "after cut marker on line \(marker + 1) (\(ruleSet.rules[r].rule.id))"
        case .guardedCut(let r, let percent): return "\(rule(r)) cut marker too high (\(percent)% of prose above): only this line"
        case .listHeading(let r): return "\(rule(r)) list heading"
        case .listItem(let r, let heading): return "in list under line \(heading + 1) (\(ruleSet.rules[r].rule.id))"
        case .grabbed(let r, let anchor): return "name next to line \(anchor + 1) (\(ruleSet.rules[r].rule.id))"
        case .repeatOf(let line): return "repeats: copy of line \(line + 1)"
        case .nearRepeatOf(let line, let percent): return "repeats: \(percent)% like line \(line + 1)"
        case .headlineList(let first, let count): return "headline-list: run of \(count) headline-like lines from line \(first + 1)"
        case .menu(let first, let count): return "menu: run of \(count) short lines outside the body from line \(first + 1)"
        case .template(let documents): return "cross-document: this line stands in \(documents) documents of the run"
        case .profile(let hit):
            if let rule = hit.rule { return "profile \(hit.site): rule \(rule) (\(hit.file):\(hit.line))" }
            return "profile \(hit.site): \(hit.file):\(hit.line) (a template line of \(hit.pages) pages)"
        case .model(let permille): return "model: body score \(Double(permille) / 1000) under its threshold"
        }
    }

    /// The rule that decided this fate, if a rule did.
    public func ruleIndex(of fate: Fate) -> Int? {
        switch fate {
        case .protected(let r), .stripped(let r, _): r
        case .removed(let reason): reason.ruleIndex
        case .blank, .kept: nil
        }
    }

    func rule(_ index: Int) -> String {
        let r = ruleSet.rules[index].rule
        return "\(r.id) (\(r.location.short))"
    }
}
