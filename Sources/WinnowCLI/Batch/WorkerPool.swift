import Foundation

/// Runs a `BatchWorker` per thread over the plan's items. Each thread takes the
/// next item from a shared counter; outcomes are stored by item index, so the
/// report and the outputs do not depend on the number of workers.
final class WorkerPool: @unchecked Sendable {
    private let items: [BatchPlan.Item]
    private let jobs: Int
    private let makeWorker: () -> BatchWorker
    private let lock = NSLock()
    private let finished = DispatchSemaphore(value: 0)
    private var nextIndex = 0
    private var running = 0
    private(set) var outcomesStorage: [FileOutcome?]
    private var doneCount = 0
    private var doneBytes = 0

    init(items: [BatchPlan.Item], jobs: Int, makeWorker: @escaping () -> BatchWorker) {
        self.items = items
        self.jobs = max(1, min(jobs, max(items.count, 1)))
        self.makeWorker = makeWorker
        outcomesStorage = Array(repeating: nil, count: items.count)
    }

    func start() {
        running = jobs
        for _ in 0..<jobs {
            let thread = Thread { [self] in
                let worker = makeWorker()
                while let index = claim() {
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

    private func claim() -> Int? {
        lock.lock(); defer { lock.unlock() }
        guard !Interrupt.requested, nextIndex < items.count else { return nil }
        nextIndex += 1
        return nextIndex - 1
    }

    private func record(_ outcome: FileOutcome, at index: Int) {
        lock.lock(); defer { lock.unlock() }
        outcomesStorage[index] = outcome
        doneCount += 1
        doneBytes += outcome.bytesIn
    }

    var outcomes: [FileOutcome?] { lock.lock(); defer { lock.unlock() }; return outcomesStorage }
    var done: Int { lock.lock(); defer { lock.unlock() }; return doneCount }
    var bytesDone: Int { lock.lock(); defer { lock.unlock() }; return doneBytes }
}
