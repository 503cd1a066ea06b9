/// The removed lines as a unified diff against the input (three lines of
/// context): applying it to the input deletes exactly the removed lines. Blank-line
/// collapsing is not shown; stripped spans show as a changed line.
enum UnifiedDiff {
    static func render(_ document: [UInt8], _ result: CleanResult, path: String) -> [UInt8] {
        var out: [UInt8] = []
        func put(_ s: String) { out.append(contentsOf: s.utf8) }
        let n = result.spans.count
        let changed = (0..<n).filter { result.fates[$0].isRemoved || isStripped(result.fates[$0]) }
        guard !changed.isEmpty else { return out }
        put("--- \(path)\n+++ \(path) (cleaned)\n")
        // Group changed lines into hunks whose context windows overlap.
        var hunks: [(Int, Int)] = []
        for i in changed {
            let lo = max(0, i - 3), hi = min(n, i + 4)
            if let last = hunks.last, lo <= last.1 { hunks[hunks.count - 1].1 = hi } else { hunks.append((lo, hi)) }
        }
        var shift = 0   // output lines minus input lines before the hunk
        for (lo, hi) in hunks {
            var body: [UInt8] = []
            var oldCount = 0, newCount = 0
            for i in lo..<hi {
                let span = result.spans[i]
                let text = Array(document[span.content])
                // Each line keeps its own line end, so the diff applies to CRLF files too.
                let end: [UInt8] = span.hasTerminator ? Array(document[span.end..<span.next]) : Array("\n\\ No newline at end of file\n".utf8)
                switch result.fates[i] {
                case .removed:
                    body += [0x2D] + text + end; oldCount += 1
                case .stripped(_, let spans):
                    body += [0x2D] + text + end
                    var kept: [UInt8] = []
                    var at = span.start
                    for r in spans { kept += document[at..<r.lowerBound]; at = r.upperBound }
                    kept += document[at..<span.end]
                    body += [0x2B] + kept + end
                    oldCount += 1; newCount += 1
                case .blank, .kept, .protected:
                    body += [0x20] + text + end; oldCount += 1; newCount += 1
                }
            }
            put("@@ -\(lo + 1),\(oldCount) +\(lo + 1 + shift),\(newCount) @@\n")
            out += body
            shift += newCount - oldCount
        }
        return out
    }

    private static func isStripped(_ fate: Fate) -> Bool { if case .stripped = fate { true } else { false } }
}
