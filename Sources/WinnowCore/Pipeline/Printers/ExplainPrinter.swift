import Foundation

/// Shows every input line with its fate: plain (`LINE  VERDICT  REASON │ TEXT`,
/// removed lines dimmed on a terminal), JSON events, or a unified diff.
public struct ExplainPrinter {
    public enum Format: Sendable { case plain, json, diff }

    let ruleSet: RuleSet
    let format: Format
    let color: Bool
    /// Only the lines this rule decided (its index in the rule set).
    let onlyRule: Int?
    /// Each explanation starts with its document's name (more than one input).
    public var titled = false

    public init(ruleSet: RuleSet, format: Format, color: Bool, onlyRule: Int?) {
        self.ruleSet = ruleSet
        self.format = format
        self.color = color
        self.onlyRule = onlyRule
    }

    public func render(_ document: [UInt8], _ result: CleanResult, path: String, header: Bool) -> [UInt8] {
        switch format {
        case .plain: plain(document, result, title: header ? path : nil)
        case .json: json(document, result, path: path)
        case .diff: UnifiedDiff.render(document, onlyRule == nil ? result : onlyTheRules(result), path: path)
        }
    }

    /// `result` with the changes of every other rule and detector undone: the diff
    /// of `--rule ID --diff` removes only what that rule removed (still a patch of
    /// the input).
    private func onlyTheRules(_ result: CleanResult) -> CleanResult {
        var only = result
        for i in only.fates.indices where only.fates[i] != .blank && !shown(only.fates[i]) { only.fates[i] = .kept }
        return only
    }

    private func shown(_ fate: Fate) -> Bool {
        guard let onlyRule else { return true }
        return Explanation(ruleSet: ruleSet).ruleIndex(of: fate) == onlyRule
    }

    /// Words for the fates of `result`, whose detectors' reasons refer to its registry.
    private func explanation(_ result: CleanResult) -> Explanation {
        Explanation(ruleSet: ruleSet, detectors: result.detectors)
    }

    private func plain(_ document: [UInt8], _ result: CleanResult, title: String?) -> [UInt8] {
        var out: [UInt8] = []
        let explanation = explanation(result)
        func put(_ s: String) { out.append(contentsOf: s.utf8) }
        if let title { put("==> \(title) <==\n") }
        put("# language: \(result.language.rawValue); \(result.removedCount) of \(result.fates.filter { $0 != .blank }.count) lines removed\n")
        for (key, value) in result.metadata { put("# meta \(key): \(value)\n") }
        for warning in result.warnings { put("# warning: \(warning)\n") }
        let width = String(result.spans.count).count
        for (i, span) in result.spans.enumerated() where shown(result.fates[i]) {
            let fate = result.fates[i]
            let number = String(i + 1)
            put(String(repeating: " ", count: width - number.count) + number + "  ")
            let reason = explanation.reason(fate)
            let removed = fate.isRemoved
            if color { put(removed ? "\u{1B}[31m" : (fate == .blank ? "\u{1B}[2m" : "\u{1B}[32m")) }
            put(explanation.verdict(fate).padding(5))
            if color { put("\u{1B}[0m") }
            if !reason.isEmpty {
                if color { put("\u{1B}[33m") }
                put(" " + reason)
                if let evidence = result.modelEvidence[i] { put(" (" + ExplainPrinter.describe(evidence) + ")") }
                if color { put("\u{1B}[0m") }
            }
            if fate != .blank {
                put(" │ ")
                if color && removed { put("\u{1B}[2m") }
                out.append(contentsOf: document[span.content])
                if color && removed { put("\u{1B}[0m") }
            }
            put("\n")
        }
        return out
    }

    private func json(_ document: [UInt8], _ result: CleanResult, path: String) -> [UInt8] {
        var out: [UInt8] = []
        let explanation = explanation(result)
        func emit(_ build: (inout JSONWriter) -> Void) {
            var w = JSONWriter()
            w.beginObject()
            build(&w)
            w.endObject()
            out += w.bytes
            out.append(0x0A)
        }
        emit { w in
            w.key("type"); w.string("begin")
            w.key("path"); w.string(path)
            w.key("lang"); w.string(result.language.rawValue)
        }
        for (i, span) in result.spans.enumerated() where shown(result.fates[i]) {
            let fate = result.fates[i]
            emit { w in
                w.key("type"); w.string("line")
                w.key("line"); w.number(i + 1)
                w.key("fate"); w.string(explanation.verdict(fate))
                let reason = explanation.reason(fate)
                if !reason.isEmpty { w.key("reason"); w.string(reason) }
                if let r = explanation.ruleIndex(of: fate) {
                    let rule = explanation.ruleSet.rules[r].rule
                    w.key("rule"); w.beginObject()
                    w.key("id"); w.string(rule.id)
                    w.key("action"); w.string(rule.action.rawValue)
                    w.key("file"); w.string(rule.location.path)
                    w.key("line"); w.number(rule.location.line)
                    w.endObject()
                }
                if case .removed(.detector(let hit)) = fate {
                    w.key("detector"); w.string(result.detectors.name(hit))
                    w.key("evidence"); w.beginObject()
                    result.detectors.write(hit, to: &w, line: i, of: result)
                    w.endObject()
                }
                // Text that is not UTF-8 goes as {"bytes": BASE64} (as `rg --json` does), never as U+FFFD.
                let bytes = document[span.content]
                w.key("text")
                if let text = String(validating: bytes, as: UTF8.self) { w.string(text) } else {
                    w.beginObject(); w.key("bytes"); w.string(Data(bytes).base64EncodedString()); w.endObject()
                }
            }
        }
        for (key, value) in result.metadata {
            emit { w in w.key("type"); w.string("meta"); w.key("key"); w.string(key); w.key("value"); w.string(value) }
        }
        emit { w in
            w.key("type"); w.string("end")
            w.key("path"); w.string(path)
            w.key("lines"); w.number(result.fates.filter { $0 != .blank }.count)
            w.key("removed"); w.number(result.removedCount)
        }
        return out
    }

    /// "short_word_share -1.2, prose -0.8": each feature's push on the log-odds.
    static func describe(_ evidence: [(feature: String, weight: Double)]) -> String {
        evidence.map { "\($0.feature) \($0.weight >= 0 ? "+" : "")\(String(format: "%.2f", $0.weight))" }.joined(separator: ", ")
    }
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }

}
