import Foundation
import WinnowCore

/// What a batch does with each file's outcome, in path order as the files finish:
/// its report line (written at once: a reader of the report, or what a `kill -9`
/// leaves of it, sees every file done), the progress line's counts,
/// the summary's totals, and the failures to list at the end.
final class BatchLedger {
    private let items: [FolderTree.Item]
    private let report: ReportWriter?
    private let progress: ProgressTicker?
    private var next = 0
    private(set) var totals = BatchSummary.Totals()
    /// The files that failed, with the reason, in path order.
    private(set) var failures: [(input: String, reason: String)] = []

    init(items: [FolderTree.Item], report: ReportWriter?, progress: Bool) {
        self.items = items
        self.report = report
        self.progress = progress ? ProgressTicker(total: items.count) : nil
    }

    /// The next item's outcome; nil when it was not started (the run was interrupted).
    func add(_ outcome: FileOutcome?) {
        let item = items[next]
        next += 1
        if let outcome {
            totals.add(outcome)
            if case .failed(let reason) = outcome.status { failures.append((item.input, reason)) }
            report?.add(item.relative, outcome)
            progress?.advance(bytes: outcome.bytesIn)
        }
    }

    func finishProgress() {
        progress?.stop()
    }
}
