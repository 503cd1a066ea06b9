/// Lines removed per reason: by rule id, or by detector id, apart (a rule whose id
/// is `menu` is not the menu detector). Summaries and `--report` / `--meta` use it.
public struct RemovalTally: Sendable {
    /// What removed the lines.
    public enum Key: Hashable, Sendable {
        case rule(String)
        case detector(String)

        public var id: String {
            switch self {
            case .rule(let id), .detector(let id): id
            }
        }
    }

    public private(set) var counts: [Key: Int] = [:]

    public init() {}

    public init(_ result: CleanResult, ruleSet: RuleSet) {
        for fate in result.fates {
            guard case .removed(let reason) = fate else { continue }
            counts[RemovalTally.key(reason, ruleSet, result.detectors), default: 0] += 1
        }
    }

    static func key(_ reason: Reason, _ ruleSet: RuleSet, _ detectors: DetectorRegistry) -> Key {
        switch reason {
        case .rule(let hit): .rule(ruleSet.rules[hit.rule].rule.id)
        case .detector(let hit): .detector(detectors.name(hit))
        }
    }

    public mutating func add(_ other: RemovalTally) {
        for (k, v) in other.counts { counts[k, default: 0] += v }
    }

    public var total: Int { counts.values.reduce(0, +) }

    /// Lines removed for one reason.
    public func lines(_ key: Key) -> Int { counts[key] ?? 0 }

    /// Reasons by lines removed, most first (ties by name, for stable output), each
    /// named by its id; a detector whose id a rule of the tally also has is named
    /// "detector ID", so the names stay apart.
    public var ranked: [(reason: String, lines: Int)] {
        let ruleIds = Set(counts.keys.compactMap { if case .rule(let id) = $0 { id } else { nil } })
        func name(_ key: Key) -> String {
            switch key {
            case .rule(let id): id
            case .detector(let id): ruleIds.contains(id) ? "detector " + id : id
            }
        }
        return counts.map { (reason: name($0.key), lines: $0.value) }
            .sorted { $0.lines != $1.lines ? $0.lines > $1.lines : $0.reason < $1.reason }
    }
}
