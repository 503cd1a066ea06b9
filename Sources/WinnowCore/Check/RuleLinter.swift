import Foundation

/// Warnings about rules that compile and pass their examples but are still
/// likely wrong: a pattern that matches the empty string, a rule an earlier rule
/// shadows, a rule without examples, a pattern much slower than the others, a cut
/// with no position guard.
public struct RuleLinter {
    public let ruleSet: RuleSet
    /// A rule is slow when it takes this many times the median time per line...
    public var slowFactor = 20.0
    /// ...and at least this many nanoseconds per line.
    public var slowFloorNanos = 2_000.0

    public init(ruleSet: RuleSet) { self.ruleSet = ruleSet }

    public func run() -> [Diagnostic] {
        let scratch = MatchScratch(captureCapacity: max(ruleSet.maxCaptureCount, 16))
        var out: [Diagnostic] = []
        for compiled in ruleSet.rules {
            let rule = compiled.rule
            if compiled.regex.matches([UInt8](), scratch: scratch) {
                out.append(Diagnostic(rule.patternLocation, .warning, "'\(rule.id)' matches the empty string: anchor it or require at least one character"))
            }
            if rule.examples.isEmpty {
                out.append(Diagnostic(rule.location, .warning, "'\(rule.id)' has no examples: add '- line' it must remove and '+ line' it must keep"))
            }
            if rule.action == .cut, case .anywhere = rule.scope {
                out.append(Diagnostic(rule.location, .warning, "cut rule '\(rule.id)' has no position guard: add 'where tail' or 'where last N'"))
            }
            if let shadow = shadowingRule(for: compiled, scratch: scratch) {
                out.append(Diagnostic(rule.location, .warning, "'\(rule.id)' is shadowed by '\(shadow.rule.id)' (\(shadow.rule.location.short)), which comes first and takes all its examples"))
            }
        }
        out += slowRules(scratch: scratch)
        return out
    }

    /// An earlier rule with the same role that matches every example this rule must remove.
    private func shadowingRule(for compiled: CompiledRule, scratch: MatchScratch) -> CompiledRule? {
        let removes = compiled.rule.examples.filter(\.mustRemove)
        guard !removes.isEmpty, compiled.rule.action != .keep, compiled.rule.action != .strip else { return nil }
        for earlier in ruleSet.rules[..<compiled.index] {
            guard earlier.rule.action != .keep, earlier.rule.action != .strip,
                  case .anywhere = earlier.rule.scope,
                  !earlier.rule.languages.isDisjoint(with: compiled.rule.languages) else { continue }
            let all = removes.allSatisfy { example in
                let text = earlier.rule.raw ? example.text : Normalizer.normalize(example.text)
                return earlier.regex.matches(text.utf8, scratch: scratch)
            }
            if all { return earlier }
        }
        return nil
    }

    /// Times each pattern over a built-in sample (every example line of every rule,
    /// plus long generated lines) and flags outliers.
    private func slowRules(scratch: MatchScratch) -> [Diagnostic] {
        var sample: [[UInt8]] = ruleSet.rules.flatMap { $0.rule.examples.map { Array(Normalizer.normalize($0.text).utf8) } }
        let words = ["خبر", "گزارش", "الوزير", "قال", "news", "the", "2024", "۱۴۰۳", ":", "-", "a", "aaaa"]
        var rng: UInt64 = 0x2545F4914F6CDD1D
        for length in [20, 80, 300, 1200] {
            for _ in 0..<20 {
                var line = ""
                for _ in 0..<(length / 5) {
                    rng = rng &* 6364136223846793005 &+ 1442695040888963407
                    line += words[Int(rng >> 33) % words.count] + " "
                }
                sample.append(Array(line.utf8))
            }
        }
        guard ruleSet.rules.count >= 5 else { return [] }
        var times: [(CompiledRule, Double)] = []
        for compiled in ruleSet.rules {
            var best = Double.infinity
            for _ in 0..<3 {
                let start = DispatchTime.now().uptimeNanoseconds
                for line in sample { _ = line.withUnsafeBufferPointer { compiled.regex.match($0, scratch: scratch) } }
                best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / Double(sample.count))
            }
            times.append((compiled, best))
        }
        let sorted = times.map(\.1).sorted()
        let median = sorted[sorted.count / 2]
        return times.filter { $0.1 > median * slowFactor && $0.1 > slowFloorNanos }.map { compiled, nanos in
            Diagnostic(compiled.rule.patternLocation, .warning,
                       String(format: "'%@' is slow: %.1f µs a line, %.0f× the median rule", compiled.rule.id, nanos / 1000, nanos / median))
        }
    }
}
