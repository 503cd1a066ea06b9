import Foundation
import WinnowCore

/// The closing summary of a batch on standard error: documents, bytes in and out,
/// share removed, speed, and the rules and detectors that removed most lines.
struct BatchSummary {
    let text: String

    /// The outcomes added up as the files finish (none is kept).
    struct Totals {
        var cleaned = 0, skipped = 0, bytesIn = 0, bytesOut = 0, linesIn = 0
        var tally = RemovalTally()

        mutating func add(_ o: DocumentReport) {
            switch o.status {
            case .cleaned: cleaned += 1
            case .skipped: skipped += 1
            case .failed: return
            }
            bytesIn += o.bytesIn; bytesOut += o.bytesOut; linesIn += o.linesIn
            tally.add(o.tally)
        }
    }

    init(_ t: Totals, failed: Int, elapsed: Double, interrupted: Bool, color: Bool) {
        let removed = t.bytesIn > 0 ? 100 * Double(t.bytesIn - t.bytesOut) / Double(t.bytesIn) : 0
        let rate = Double(t.bytesIn) / max(elapsed, 0.001) / 1e6
        let failedText = failed > 0 && color ? "\u{1B}[31m\(failed) failed\u{1B}[0m" : "\(failed) failed"
        var lines = [String(format: "winnow: %d cleaned, %d skipped, %@%@; %@ in, %@ out (%.1f%% removed); %d of %d lines removed; %.2f s, %.1f MB/s",
                            t.cleaned, t.skipped, failedText, interrupted ? ", interrupted" : "",
                            BatchSummary.size(t.bytesIn), BatchSummary.size(t.bytesOut), removed,
                            t.tally.total, t.linesIn, elapsed, rate)]
        let top = t.tally.ranked.prefix(8)
        if !top.isEmpty {
            lines.append("winnow: most lines removed by: " + top.map { "\($0.reason) \($0.lines)" }.joined(separator: ", "))
        }
        text = lines.joined(separator: "\n")
    }

    static func size(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? String(format: "%.1f MB", Double(bytes) / 1e6) : bytes >= 1024 ? String(format: "%.1f kB", Double(bytes) / 1e3) : "\(bytes) B"
    }
}
