import Foundation
import WinnowCore

/// The cleaning pass of a batch, on the library's `OrderedPipeline` (the engine of
/// the `Runner`): the plan's files go to `jobs` workers, each writing its own
/// outputs, and their outcomes come back in path order to the ledger (report,
/// progress, summary), so neither depends on the number of jobs. Once interrupted,
/// no further file is started.
struct BatchRun {
    typealias Turn = OrderedPipeline<Int, FileOutcome?>.Turn

    let items: [FolderTree.Item]
    let jobs: Int

    /// Runs every item through a worker made by `makeWorker` into `ledger`.
    func run(into ledger: BatchLedger, makeWorker: @escaping () -> BatchWorker) {
        let items = items
        // No more workers than files: each builds a cleaner.
        OrderedPipeline<Int, FileOutcome?>(jobs: min(jobs, max(items.count, 1))).run(
            produce: { feed in
                for index in items.indices {
                    if Interrupt.requested || feed.submit(index) == nil { return }
                }
            },
            makeWorker: {
                let worker = makeWorker()
                return { index, turn in Interrupt.requested ? nil : worker.process(items[index], turn: turn) }
            },
            consume: { outcome in
                ledger.add(outcome)
                return true
            })
        ledger.finishProgress()
    }
}
