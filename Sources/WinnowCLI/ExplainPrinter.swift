import WinnowCore

/// Prints every input line with its fate: `LINE  VERDICT  REASON │ TEXT`.
/// Removed lines are dimmed on a terminal; the text is the line's own bytes.
struct ExplainPrinter {
    let explanation: Explanation
    let color: Bool

    init(ruleSet: RuleSet, color: Bool) {
        explanation = Explanation(ruleSet: ruleSet)
        self.color = color
    }

    func render(_ document: [UInt8], _ result: CleanResult, title: String?) -> [UInt8] {
        var out: [UInt8] = []
        func put(_ s: String) { out.append(contentsOf: s.utf8) }
        if let title { put("==> \(title) <==\n") }
        put("# language: \(result.language.rawValue); \(result.removedCount) of \(result.fates.filter { $0 != .blank }.count) lines removed\n")
        for (key, value) in result.metadata { put("# meta \(key): \(value)\n") }
        let width = String(result.spans.count).count
        for (i, span) in result.spans.enumerated() {
            let fate = result.fates[i]
            let number = String(i + 1)
            put(String(repeating: " ", count: width - number.count) + number + "  ")
            let verdict = explanation.verdict(fate)
            let reason = explanation.reason(fate)
            let removed = fate.isRemoved
            if color { put(removed ? "\u{1B}[31m" : (fate == .blank ? "\u{1B}[2m" : "\u{1B}[32m")) }
            put(verdict.padding(5))
            if color { put("\u{1B}[0m") }
            if !reason.isEmpty {
                if color { put("\u{1B}[33m") }
                put(" " + reason)
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
}

extension String {
    func padding(_ width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}
