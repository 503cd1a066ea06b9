/// Runs the examples rules carry. Each example is checked twice:
/// against its own rule's pattern (does `- line` match, does `+ line` not), and
/// through the whole rule set as a one-line document in each of the rule's
/// languages (is `- line` removed, is `+ line` kept), which catches one rule
/// undoing another.
public struct ExampleChecker {
    public let ruleSet: RuleSet

    public init(ruleSet: RuleSet) { self.ruleSet = ruleSet }

    /// Every failing example, as an error at the example's line.
    public func run() -> [Diagnostic] {
        let scratch = MatchScratch(captureCapacity: max(ruleSet.maxCaptureCount, 16))
        var cleaners: [Language: Cleaner] = [:]
        func cleaner(_ language: Language) -> Cleaner {
            if let c = cleaners[language] { return c }
            var options = CleanOptions()
            options.language = language
            let c = Cleaner(ruleSet: ruleSet, options: options)
            cleaners[language] = c
            return c
        }
        let explanation = Explanation(ruleSet: ruleSet)
        var problems: [Diagnostic] = []
        for compiled in ruleSet.rules {
            let rule = compiled.rule
            for example in rule.examples {
                let subject = rule.raw ? example.text : Normalizer.normalize(example.text)
                let outcome = Array(subject.utf8).withUnsafeBufferPointer { compiled.regex.match($0, scratch: scratch) }
                // A pattern that gives up on its own example would stop every later rule on such a line.
                if case .limitExceeded(let message) = outcome {
                    problems.append(Diagnostic(example.location, "'\(rule.id)' gives up on this example (\(message)): on such a line no later rule is tried; make the pattern atomic or possessive"))
                    continue
                }
                let matches = outcome == .match
                let wantMatch = rule.action == .keep ? !example.mustRemove : example.mustRemove
                if matches != wantMatch {
                    problems.append(Diagnostic(example.location, example.mustRemove
                        ? "'\(rule.id)' must \(rule.action == .keep ? "not protect" : "remove") this example, but its pattern \(matches ? "matches" : "does not match") it"
                        : "'\(rule.id)' must \(rule.action == .keep ? "protect" : "keep") this example, but its pattern \(matches ? "matches" : "does not match") it"))
                    continue
                }
                if rule.action == .keep { continue }
                for language in rule.languages.sorted() {
                    let bytes = ExampleChecker.document(for: example.text, scope: rule.scope)
                    let result = cleaner(language).clean(bytes)
                    guard let fate = result.fates.first(where: { $0 != .blank }).map({ _ in result.fates[ExampleChecker.exampleLine(scope: rule.scope)] }) else { continue }
                    if let problem = judge(example, rule: rule, index: compiled.index, fate: fate, bytes: bytes, result: result,
                                           language: language, explanation: explanation) {
                        problems.append(problem)
                        break
                    }
                }
            }
        }
        return problems
    }

    /// A body line (prose in no language, which no rule touches) that gives `where
    /// head`, `tail` and `edges` examples a body to stand before or after.
    static let filler = "1 2 3 4 5 6 7 8 9 10 11 12."

    /// The example as a document: alone, or above or below the filler body.
    static func document(for text: String, scope: RuleScope) -> [UInt8] {
        switch scope {
        case .head, .edges: Array((text + "\n" + filler + "\n").utf8)
        case .tail: Array((filler + "\n" + text + "\n").utf8)
        default: Array(text.utf8)
        }
    }

    /// The example's line in that document.
    static func exampleLine(scope: RuleScope) -> Int {
        if case .tail = scope { 1 } else { 0 }
    }

    private func judge(_ example: RuleExample, rule: Rule, index: Int, fate: Fate, bytes: [UInt8], result: CleanResult,
                       language: Language, explanation: Explanation) -> Diagnostic? {
        let by = explanation.reason(fate)
        if example.mustRemove {
            if rule.action == .strip {
                // Stripped down to nothing, the line goes (explain: `drop ID`): that is this rule stripping it all.
                if fate.isRemoved, explanation.ruleIndex(of: fate) == index {
                    if let expected = example.stripped, !expected.isEmpty {
                        return Diagnostic(example.location, "'\(rule.id)' strips this example to «», expected «\(expected)»")
                    }
                    return nil
                }
                guard case .stripped = fate else {
                    return Diagnostic(example.location, "'\(rule.id)' must strip this example (as a page in \(language.rawValue)), but the rule set gives: \(explanation.verdict(fate)) \(by)")
                }
                if let expected = example.stripped {
                    let out = String(decoding: CleanWriter.cleaned(bytes, result), as: UTF8.self)
                    let got = out.split(separator: "\n").map(String.init).first { $0 != ExampleChecker.filler } ?? ""
                    if got != expected {
                        return Diagnostic(example.location, "'\(rule.id)' strips this example to «\(got)», expected «\(expected)»")
                    }
                }
                return nil
            }
            guard fate.isRemoved else {
                return Diagnostic(example.location, "'\(rule.id)' example must be removed (as a page in \(language.rawValue)), but the rule set keeps it\(by.isEmpty ? "" : ": " + by)")
            }
            return nil
        }
        guard fate.isKept else {
            return Diagnostic(example.location, "'\(rule.id)' example must be kept (as a page in \(language.rawValue)), but it is removed: \(by)")
        }
        return nil
    }
}
