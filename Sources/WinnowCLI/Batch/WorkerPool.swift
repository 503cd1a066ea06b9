import Foundation
import WinnowCore

/// Runs a `BatchWorker` per thread over the plan's items. The items (sorted by
/// path) are cut into one run of neighbours per worker: each worker takes the
/// next item of its own run, and once that is done, the last item of the run
/// with most left. So workers mostly write into different folders: two threads
/// creating and renaming files in one folder queue on its lock (`perf`: with
/// interleaved items, a third of `batch -j2`'s samples were the kernel spinning
/// on it). Outcomes are stored by item index, so the report and the outputs do not
/// depend on the number of workers.
final class WorkerPool: @unchecked Sendable {
    private let items: [FolderTree.Item]
    private let jobs: Int
    private let makeWorker: () -> BatchWorker
    private let lock = NSLock()
    private let finished = DispatchSemaphore(value: 0)
    /// Each worker's run of items still to take: `runs[w].lowerBound` is its next.
    private var runs: [Range<Int>]
    private var running = 0
    private(set) var outcomesStorage: [FileOutcome?]
    private var doneCount = 0
    private var doneBytes = 0

    init(items: [FolderTree.Item], jobs: Int, makeWorker: @escaping () -> BatchWorker) {
        self.items = items
        self.jobs = max(1, min(jobs, max(items.count, 1)))
        self.makeWorker = makeWorker
        outcomesStorage = Array(repeating: nil, count: items.count)
        let jobs = self.jobs
        runs = (0..<jobs).map { w in (items.count * w / jobs)..<(items.count * (w + 1) / jobs) }
    }

    func start() {
        running = jobs
        for w in 0..<jobs {
            let thread = Thread { [self] in
                let worker = makeWorker()
                while let index = claim(for: w) {
                    let outcome = worker.process(items[index])
                    record(outcome, at: index)
                }
                lock.lock(); running -= 1; let last = running == 0; lock.unlock()
                if last { finished.signal() }
            }
            thread.stackSize = 4 << 20
            thread.start()
        }
    }

    /// Waits up to `timeout` seconds; true once every worker has stopped.
    func wait(timeout: Double) -> Bool {
        if finished.wait(timeout: .now() + timeout) == .success {
            finished.signal()   // later calls return at once
            return true
        }
        return false
    }

    /// The next item for worker `w`: the front of its own run, else the back of
    /// the longest run left.
    private func claim(for w: Int) -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard !Interrupt.requested else { return nil }
        if let index = runs[w].first {
            runs[w] = (index + 1)..<runs[w].upperBound
            return index
        }
        guard let longest = runs.indices.max(by: { runs[$0].count < runs[$1].count }), let index = runs[longest].last else {
            return nil
        }
        runs[longest] = runs[longest].lowerBound..<index
        return index
    }

    private func record(_ outcome: FileOutcome, at index: Int) {
        lock.lock(); defer { lock.unlock() }
        outcomesStorage[index] = outcome
        doneCount += 1
        doneBytes += outcome.bytesIn
    }

    var outcomes: [FileOutcome?] { lock.lock(); defer { lock.unlock() }; return outcomesStorage }

    /// The outcomes of the items done from `start` on, up to the first not done.
    func doneRun(from start: Int) -> [FileOutcome] {
        lock.lock(); defer { lock.unlock() }
        var run: [FileOutcome] = []
        for i in start..<outcomesStorage.count {
            guard let outcome = outcomesStorage[i] else { break }
            run.append(outcome)
        }
        return run
    }
    var done: Int { lock.lock(); defer { lock.unlock() }; return doneCount }
    var bytesDone: Int { lock.lock(); defer { lock.unlock() }; return doneBytes }
}
