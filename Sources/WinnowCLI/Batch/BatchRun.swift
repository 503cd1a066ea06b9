import Foundation
import WinnowCore

/// The cleaning pass of a batch, on the library's `Runner`: `BatchSource` reads the
/// plan's files in path order, `jobs` `BatchWorker`s clean them and each writes its
/// own output (and makes its report line), and the runner hands every file's outcome
/// back in path order: its report line goes to the report at once, its counts to the
/// ledger (progress, summary), so neither depends on the number of jobs.
struct BatchRun {
    let items: [FolderTree.Item]
    let settings: BatchSettings
    let jobs: Int
    /// `--report`: the printer makes the lines of files no worker took; the file takes every line.
    var report: (printer: ReportPrinter, file: ReportFile)?
    /// Files the plan could not take (a dangling link), by path under the input folder,
    /// sorted: their report lines go in among the others, in path order.
    var planFailures: [(relative: String, reason: String)] = []

    /// Runs every item through a worker made by `makeWorker` into `ledger`.
    func run(into ledger: BatchLedger, makeWorker: @escaping () -> BatchWorker) {
        var next = 0, nextFailure = 0
        /// The plan's failures that sort before `relative` (all of them for nil).
        func reportFailures(before relative: String?) {
            while nextFailure < planFailures.count, relative.map({ planFailures[nextFailure].relative < $0 }) ?? true {
                var line: [UInt8] = []
                ReportPrinter.line(planFailures[nextFailure].relative, DocumentReport(status: .failed(planFailures[nextFailure].reason)), into: &line)
                report?.file.write(line)
                nextFailure += 1
            }
        }
        // No more workers than files: each builds a cleaner.
        Runner(jobs: min(jobs, max(items.count, 1))).run(BatchSource(items: items, settings: settings), makeWorker: makeWorker) { output in
            let item = items[next]
            next += 1
            reportFailures(before: item.relative)
            switch output {
            case .done(let done):
                if let done { report?.file.write(done.line) }
                ledger.add(item, done?.outcome)
            case .passed(.unchanged): passed(DocumentReport(), item, ledger)
            case .passed(.failure(let failure, _)): passed(DocumentReport(status: .failed(failure.message)), item, ledger)
            case .passed(.document), .passed(.oversized), .passed(.rejected):
                preconditionFailure("a batch's source hands on only documents, failures and unchanged files")
            }
            return true
        }
        reportFailures(before: nil)
        ledger.finishProgress()
    }

    /// A file no worker took (left unread, or failed to read).
    private func passed(_ outcome: DocumentReport, _ item: FolderTree.Item, _ ledger: BatchLedger) {
        if let report {
            var line: [UInt8] = []
            report.printer.print(outcome, place: DocumentPlace(path: item.input), into: &line)
            report.file.write(line)
        }
        ledger.add(item, outcome)
    }
}
