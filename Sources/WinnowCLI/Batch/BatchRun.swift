import Foundation
import WinnowCore

/// The cleaning pass of a batch, on the library's `Runner`: `BatchSource` reads the
/// plan's files in path order, `jobs` `BatchWorker`s clean them and each writes its
/// own output, and the runner hands every file's outcome back in path order to the
/// ledger (report, progress, summary), so neither depends on the number of jobs.
struct BatchRun {
    let items: [FolderTree.Item]
    let settings: BatchSettings
    let jobs: Int

    /// Runs every item through a worker made by `makeWorker` into `ledger`.
    func run(into ledger: BatchLedger, makeWorker: @escaping () -> BatchWorker) {
        // No more workers than files: each builds a cleaner.
        Runner(jobs: min(jobs, max(items.count, 1))).run(BatchSource(items: items, settings: settings), makeWorker: makeWorker) { output in
            switch output {
            case .done(let outcome): ledger.add(outcome)
            case .passed(.unchanged): ledger.add(FileOutcome())
            case .passed(.failure(let failure, _)): ledger.add(FileOutcome(status: .failed(failure.message)))
            case .passed(.document), .passed(.oversized), .passed(.rejected):
                preconditionFailure("a batch's source hands on only documents, failures and unchanged files")
            }
            return true
        }
        ledger.finishProgress()
    }
}
