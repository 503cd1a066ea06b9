import Foundation
import WinnowCore

/// What a batch adds up from each file's outcome, in path order as the files
/// finish: the progress line's counts, the summary's totals, and the failures to
/// list at the end. (Its report lines are `BatchRun`'s, made by `ReportPrinter`.)
final class BatchLedger {
    private let progress: ProgressTicker?
    private(set) var totals = BatchSummary.Totals()
    /// The files that failed, with the reason, in path order.
    private(set) var failures: [(input: String, reason: String)] = []

    init(total: Int, progress: Bool) {
        self.progress = progress ? ProgressTicker(total: total) : nil
    }

    /// The outcome of `item`; nil when it was not started (the run was interrupted).
    func add(_ item: FolderTree.Item, _ outcome: DocumentReport?) {
        guard let outcome else { return }
        totals.add(outcome)
        if case .failed(let reason) = outcome.status { failures.append((item.input, reason)) }
        progress?.advance(bytes: outcome.bytesIn)
    }

    func finishProgress() {
        progress?.stop()
    }
}
