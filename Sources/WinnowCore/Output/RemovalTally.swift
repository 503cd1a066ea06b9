/// Lines removed per reason: the rule id, or the detector's name. Summaries and
/// `--report` / `--meta` use it.
public struct RemovalTally: Sendable {
    public private(set) var counts: [String: Int] = [:]

    public init() {}

    public init(_ result: CleanResult, ruleSet: RuleSet) {
        for fate in result.fates {
            guard case .removed(let reason) = fate else { continue }
            counts[RemovalTally.key(reason, ruleSet), default: 0] += 1
        }
    }

    static func key(_ reason: Reason, _ ruleSet: RuleSet) -> String {
        if let r = reason.ruleIndex { return ruleSet.rules[r].rule.id }
        return reason.detector ?? "other"
    }

    public mutating func add(_ other: RemovalTally) {
        for (k, v) in other.counts { counts[k, default: 0] += v }
    }

    public var total: Int { counts.values.reduce(0, +) }

    /// Reasons by lines removed, most first (ties by name, for stable output).
    public var ranked: [(reason: String, lines: Int)] {
        counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { ($0.key, $0.value) }
    }
}
