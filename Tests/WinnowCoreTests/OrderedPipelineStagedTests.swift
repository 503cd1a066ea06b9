import Foundation
import Testing
@testable import WinnowCore

/// Staged workers (`OrderedPipeline.Mapping.staged`): each item's turn is taken in
/// its first stage, a worker starts its whole batch before it finishes any item,
/// and batches stay whole when every item takes its turn.
@Suite struct OrderedPipelineStagedTests {
    /// Every third item skips its section; the rest run theirs in the first stage.
    /// Returns the outputs as consumed and the sections in the order they ran.
    static func run(jobs: Int, batching: BatchLimits, oneByOne: Bool = false) -> (out: [Int], sections: [Int], batches: Int) {
        let pipeline = OrderedPipeline<Int, Int>(jobs: jobs, batching: batching, outputsOneByOne: oneByOne)
        var sections: [Int] = [], out: [Int] = []
        let lock = NSLock()
        pipeline.run(
            produce: { feed in for n in 0..<300 where feed.submit(n) == nil { return } },
            makeMapping: {
                var random = SplitMix64(seed: UInt64(jobs))
                return .staged { n, turn in
                    usleep(UInt32(random.next() % 100))
                    if n % 3 != 0 { turn.inOrder { lock.lock(); sections.append(n); lock.unlock() } }
                    let wait = UInt32(random.next() % 200)
                    return { usleep(wait); return n * 2 }
                }
            },
            consume: { out.append($0); return true })
        return (out, sections, pipeline.batchesTaken)
    }

    @Test func outputsAndSectionsComeInInputOrderForAnyNumberOfJobs() {
        for jobs in [1, 2, 3, 4] {
            for oneByOne in [false, true] {
                let run = Self.run(jobs: jobs, batching: BatchLimits(items: 8, bytes: .max), oneByOne: oneByOne)
                #expect(run.out == (0..<300).map { $0 * 2 }, "jobs \(jobs), one by one \(oneByOne)")
                #expect(run.sections == (0..<300).filter { $0 % 3 != 0 }, "jobs \(jobs), one by one \(oneByOne)")
            }
        }
    }

    /// Items that take turns do not shrink the batches to one item, as they do for a
    /// worker that maps items whole (`itemsTakeTurns`): 300 items in batches of up to
    /// 16 take far fewer than 300 hand-offs. How many depends on thread timing (an
    /// idle worker takes the open batch as it is), so the best of a few runs counts.
    @Test func batchesStayWholeWhenItemsTakeTurns() {
        var fewest = Int.max
        for _ in 0..<10 where fewest > 100 {
            fewest = min(fewest, Self.run(jobs: 2, batching: BatchLimits(items: 16, bytes: .max)).batches)
        }
        #expect(fewest <= 100, "at best \(fewest) batches for 300 items")
    }

    /// The second batch's items wait for the first batch's turns, not for its work:
    /// finishing item 0 waits until item 8 (in another batch, on the other worker)
    /// has run its section. A worker that mapped items whole would wait for itself.
    @Test func theNextBatchWaitsForTurnsNotForWork() {
        let pipeline = OrderedPipeline<Int, Int>(jobs: 2, batching: BatchLimits(items: 8, bytes: .max))
        let eightRan = DispatchSemaphore(value: 0)
        var waited: DispatchTimeoutResult?
        var out: [Int] = []
        pipeline.run(
            produce: { feed in for n in 0..<32 where feed.submit(n) == nil { return } },
            makeMapping: {
                .staged { n, turn in
                    turn.inOrder { if n == 8 { eightRan.signal() } }
                    return {
                        if n == 0 { waited = eightRan.wait(timeout: .now() + 20) }
                        return n
                    }
                }
            },
            consume: { out.append($0); return true })
        #expect(waited == .success)
        #expect(out == Array(0..<32))
    }
}
