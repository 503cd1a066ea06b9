import Foundation
import Testing
@testable import WinnowCore

/// The ordered parallel map under streams: results in input order for any number
/// of jobs, a bounded window, in-order sections, answers without waiting for more
/// input, and a stop that ends the producer.
@Suite struct OrderedPipelineTests {
    /// Squares numbers, each after a random short sleep so the workers finish out of order.
    static func squares(_ count: Int, jobs: Int, window: Int? = nil, seed: UInt64) -> (out: [Int], maxInFlight: Int) {
        let pipeline = OrderedPipeline<Int, Int>(jobs: jobs, window: window)
        let inFlight = Counter()
        var out: [Int] = []
        pipeline.run(
            produce: { feed in
                for n in 0..<count {
                    inFlight.add(1)
                    guard feed.submit(n) != nil else { return }
                }
            },
            makeWorker: {
                var random = SplitMix64(seed: seed)
                return { n, _ in
                    usleep(UInt32(random.next() % 400))
                    return n * n
                }
            },
            consume: { out.append($0); inFlight.add(-1); return true })
        return (out, inFlight.peak)
    }

    @Test func resultsComeInInputOrderForAnyNumberOfJobs() {
        let expected = (0..<300).map { $0 * $0 }
        for jobs in [1, 2, 3, 4, 8] {
            #expect(Self.squares(300, jobs: jobs, seed: UInt64(jobs)).out == expected, "jobs \(jobs)")
        }
        #expect(Self.squares(0, jobs: 4, seed: 1).out.isEmpty)
    }

    @Test func noMoreThanTheWindowIsInFlight() {
        let run = Self.squares(200, jobs: 3, window: 5, seed: 7)
        #expect(run.out.count == 200)
        // The producer counts an item before submitting it: one more than the window.
        #expect(run.maxInFlight <= 6)
        #expect(OrderedPipeline<Int, Int>(jobs: 4).window == 16)
    }

    @Test func inOrderSectionsRunInInputOrderWhetherTakenOrNot() {
        // Every third item skips its section: it must not hold the others up.
        #expect(Self.sections(jobs: 4, batching: .unbatched, from: 0) == (0..<400).filter { $0 % 3 != 0 })
    }

    /// The items from `from` on, but every third, run an in-order section; returns
    /// them in the order the sections ran.
    static func sections(jobs: Int, batching: BatchLimits, from: Int) -> [Int] {
        let pipeline = OrderedPipeline<Int, Int>(jobs: jobs, batching: batching)
        var seen: [Int] = []
        let lock = NSLock()
        pipeline.run(
            produce: { feed in for n in 0..<400 { feed.submit(n) } },
            makeWorker: {
                var random = SplitMix64(seed: 3)
                return { n, turn in
                    usleep(UInt32(random.next() % 300))
                    guard n >= from && n % 3 != 0 else { return n }
                    return turn.inOrder {
                        lock.lock(); seen.append(n); lock.unlock()
                        return n
                    }
                }
            },
            consume: { _ in true })
        return seen
    }

    @Test func eachResultIsConsumedBeforeTheNextItemIsSubmitted() {
        // A request/response reader: it submits one item and waits for its answer,
        // also when items travel in batches (the item's batch goes at once).
        for jobs in [1, 2, 4] {
            for batching in [BatchLimits.unbatched, .smallDocuments] { expectAnswers(jobs: jobs, batching: batching) }
        }
    }

    func expectAnswers(jobs: Int, batching: BatchLimits) {
        let pipeline = OrderedPipeline<Int, Int>(jobs: jobs, batching: batching, outputsOneByOne: true)
        var answers: [Int] = []
        var waitedFine = true
        pipeline.run(
            produce: { feed in
                for n in 0..<20 {
                    guard let ticket = feed.submit(n, bytes: 10) else { return }
                    waitedFine = feed.waitUntilConsumed(ticket) && waitedFine
                }
            },
            makeWorker: { { n, _ in n + 100 } },
            consume: { answers.append($0); return true })
        #expect(answers == Array(100..<120), "jobs \(jobs), \(batching.items) a batch")
        #expect(waitedFine)
    }

    @Test func aStopEndsTheRunAndTheProducer() {
        for jobs in [1, 2, 4] {
            let pipeline = OrderedPipeline<Int, Int>(jobs: jobs)
            let refused = Counter()
            var out: [Int] = []
            pipeline.run(
                produce: { feed in
                    for n in 0..<10_000 where feed.submit(n) == nil {
                        refused.add(1)
                        return
                    }
                },
                makeWorker: { { n, _ in n } },
                consume: { out.append($0); return $0 < 9 })
            #expect(out == Array(0...9), "jobs \(jobs)")
            // The producer learns of the stop at its next submit (on its own thread: wait a little).
            let deadline = Date().addingTimeInterval(5)
            while refused.value == 0 && Date() < deadline { usleep(1000) }
            #expect(refused.value == 1, "jobs \(jobs)")
        }
    }

    /// A worker that finishes an item which needs no turn goes on to the next item at
    /// once, even while an earlier item is still being worked on: it used to wait for
    /// the earlier item's turn, which lock-stepped the workers. Item 0 is slow; the
    /// other worker must get through several later items meanwhile (the window is 8).
    @Test func aFastWorkerDoesNotWaitForASlowerEarlierItem() {
        let pipeline = OrderedPipeline<Int, Int>(jobs: 2, window: 8)
        let doneBeforeFirst = Counter()
        let firstDone = Counter()
        var out: [Int] = []
        pipeline.run(
            produce: { feed in for n in 0..<20 { guard feed.submit(n) != nil else { return } } },
            makeWorker: {
                { n, _ in
                    if n == 0 { usleep(300_000); firstDone.add(1) } else if firstDone.value == 0 { doneBeforeFirst.add(1) }
                    return n
                }
            },
            consume: { out.append($0); return true })
        #expect(out == Array(0..<20))
        #expect(doneBeforeFirst.value >= 5, "\(doneBeforeFirst.value) items done while item 0 was")
    }
}

/// A thread-safe counter that remembers its peak.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var current = 0
    private var highest = 0

    func add(_ delta: Int) {
        lock.lock(); defer { lock.unlock() }
        current += delta
        highest = max(highest, current)
    }

    var value: Int { lock.lock(); defer { lock.unlock() }; return current }
    var peak: Int { lock.lock(); defer { lock.unlock() }; return highest }
}
