/// Turns a line's fate into words: "drop fa.news-id (rules/fa/meta.rules:12)",
/// "repeats: copy of line 3", "headline-list: run of 12 headline-like lines from
/// line 50". Line numbers are 1-based.
public struct Explanation {
    public let ruleSet: RuleSet
    /// The registry the detectors' reasons refer to (`CleanResult.detectors`); each
    /// detector words its own removals.
    public let detectors: DetectorRegistry

    public init(ruleSet: RuleSet, detectors: DetectorRegistry = .standard) {
        self.ruleSet = ruleSet
        self.detectors = detectors
    }

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
        case .rule(let hit): describe(hit)
        case .detector(let hit): detectors.explain(hit)
        }
    }

    func describe(_ hit: RuleHit) -> String {
        let r = hit.rule
        switch hit.effect {
        case .drop: return rule(r)
        case .meta: return "\(rule(r)) (metadata)"
        case .cutMarker: return "\(rule(r)) cut marker"
        case .afterCut(let marker): return "after cut marker on line \(marker + 1) (\(ruleSet.rules[r].rule.id))"
        case .guardedCut(let percent): return "\(rule(r)) cut marker too high (\(percent)% of prose above): only this line"
        case .listHeading: return "\(rule(r)) list heading"
        case .listItem(let heading): return "in list under line \(heading + 1) (\(ruleSet.rules[r].rule.id))"
        case .grabbed(let anchor): return "name next to line \(anchor + 1) (\(ruleSet.rules[r].rule.id))"
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
