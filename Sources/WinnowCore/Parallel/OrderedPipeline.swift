import Foundation

/// Maps a stream of items on `jobs` worker threads and hands the results back in
/// input order: a producer thread reads and submits items, the workers map them,
/// the calling thread consumes the results one by one as soon as each and all
/// earlier ones are done (a reader waiting on one answer never waits for a window
/// to fill). At most `window` items are in flight (submitted, not yet consumed),
/// so memory is bounded by the window, never by the stream. With one job nothing
/// runs on another thread: each item is mapped and consumed as it is submitted.
public final class OrderedPipeline<Input, Output>: TurnKeeper, @unchecked Sendable {
    public let jobs: Int
    public let window: Int

    private let monitor = Monitor()
    /// The producer waits for room in the window (and for an item to be consumed).
    private let consumedOne = Monitor.Condition()
    /// Workers wait for an item.
    private let submittedOne = Monitor.Condition()
    /// Workers wait for their item's turn.
    private let turnPassed = Monitor.Condition()
    /// The writer waits for its next result.
    private let resultReady = Monitor.Condition()
    /// Submitted items not yet taken by a worker: `queue[queueHead...]`.
    private var queue: [(ticket: Int, input: Input)] = []
    private var queueHead = 0
    private var results: [Int: Output] = [:]
    private var submitted = 0
    /// Items whose `consume` has returned.
    private var consumed = 0
    /// The next item whose in-order section (`Turn.inOrder`) may run.
    private var turn = 0
    /// Items after `turn` that finished without taking their turn: the turn skips
    /// them when it gets there, so their workers go on at once.
    private var passedEarly = Set<Int>()
    private var producing = true
    private var stopped = false

    private var produce: ((Feed) -> Void)?
    private var makeWorker: (() -> (Input, Turn) -> Output)?
    /// With one job: the only worker and the consumer, called from `submit`.
    private var inlineWork: ((Input, Turn) -> Output)?
    private var inlineConsume: ((Output) -> Bool)?

    public init(jobs: Int, window: Int? = nil) {
        self.jobs = max(1, jobs)
        self.window = max(self.jobs, window ?? 4 * self.jobs)
    }

    /// Runs the pipeline to its end, or until `consume` returns false.
    /// - `produce` submits the items with `feed.submit`; it runs on its own thread
    ///   (with one job, on this one). It should return once `submit` returns nil.
    /// - `makeWorker` is called once on each worker thread: it returns that worker's
    ///   map function (a worker may own caches, such as a `Cleaner`).
    /// - `consume` runs on this thread, once per item, in input order.
    /// When stopped, the producer thread is not waited for (it may be blocked reading).
    public func run(produce: @escaping (Feed) -> Void,
                    makeWorker: @escaping () -> (Input, Turn) -> Output,
                    consume: @escaping (Output) -> Bool) {
        let feed = Feed(pipeline: self)
        guard jobs > 1 else {
            inlineWork = makeWorker()
            inlineConsume = consume
            defer { inlineWork = nil; inlineConsume = nil }
            produce(feed)
            return
        }
        self.produce = produce
        self.makeWorker = makeWorker
        let producer = Thread { [self] in
            self.produce?(feed)
            monitor.lock()
            producing = false
            submittedOne.broadcast()
            resultReady.signal()
            monitor.unlock()
        }
        producer.stackSize = 4 << 20
        producer.start()
        for _ in 0..<jobs {
            let worker = Thread { [self] in work() }
            worker.stackSize = 4 << 20
            worker.start()
        }
        consumeInOrder(consume)
    }

    /// The producer's handle: submits items, and waits for one to be consumed.
    public final class Feed: @unchecked Sendable {
        private let pipeline: OrderedPipeline

        init(pipeline: OrderedPipeline) { self.pipeline = pipeline }

        /// Submits the next item, waiting while the window is full. Returns the item's
        /// ticket, or nil once the consumer has stopped the run (the item is dropped).
        @discardableResult
        public func submit(_ input: Input) -> Int? { pipeline.submit(input) }

        /// Waits until the item of `ticket` has been consumed (the consumer may still
        /// read from something the producer shares with it, such as an input stream).
        /// False when the run stopped first.
        @discardableResult
        public func waitUntilConsumed(_ ticket: Int) -> Bool { pipeline.waitUntilConsumed(ticket) }
    }

    /// An item's place in the input order (`PipelineTurn`), the same type for every pipeline.
    public typealias Turn = PipelineTurn

    private func submit(_ input: Input) -> Int? {
        if let work = inlineWork, let consume = inlineConsume {
            guard !stopped else { return nil }
            let ticket = submitted
            submitted += 1
            if !consume(work(input, Turn(keeper: nil, ticket: ticket))) { stopped = true }
            consumed += 1
            return ticket
        }
        monitor.lock(); defer { monitor.unlock() }
        while submitted - consumed >= window && !stopped { monitor.wait(consumedOne) }
        guard !stopped else { return nil }
        let ticket = submitted
        submitted += 1
        queue.append((ticket, input))
        submittedOne.signal()
        return ticket
    }

    private func waitUntilConsumed(_ ticket: Int) -> Bool {
        if inlineWork != nil { return ticket < consumed }
        monitor.lock(); defer { monitor.unlock() }
        while consumed <= ticket && !stopped { monitor.wait(consumedOne) }
        return consumed > ticket
    }

    /// A worker thread: takes the oldest waiting item, maps it, stores the result.
    private func work() {
        guard let map = makeWorker?() else { return }
        while let (ticket, input) = take() {
            let turn = Turn(keeper: self, ticket: ticket)
            let output = map(input, turn)
            monitor.lock()
            // An item that did not take its turn gives it up without waiting for it:
            // waiting lock-stepped the workers (one that finished early idled until the
            // item before it was done), which held -j 2 to about 75% of two cores.
            if !turn.taken { giveUpTurn(ticket) }
            results[ticket] = output
            if ticket == consumed { resultReady.signal() }
            monitor.unlock()
        }
    }

    /// The oldest waiting item, or nil once there will be none (or the run stopped).
    private func take() -> (Int, Input)? {
        monitor.lock(); defer { monitor.unlock() }
        while queueHead == queue.count && producing && !stopped { monitor.wait(submittedOne) }
        guard !stopped, queueHead < queue.count else { return nil }
        let item = queue[queueHead]
        queueHead += 1
        // Drop the taken front now and then, so the queue does not grow with the stream.
        if queueHead >= 64 && queueHead * 2 >= queue.count {
            queue.removeFirst(queueHead)
            queueHead = 0
        }
        return item
    }

    func waitForTurn(_ ticket: Int) {
        monitor.lock(); defer { monitor.unlock() }
        while turn != ticket { monitor.wait(turnPassed) }
    }

    func passTurn() {
        monitor.lock(); defer { monitor.unlock() }
        advanceTurn()
    }

    /// With the monitor held: `ticket` needs no turn. It is skipped now if the turn is
    /// its own, or when the turn gets to it.
    private func giveUpTurn(_ ticket: Int) {
        if turn == ticket { advanceTurn() } else { passedEarly.insert(ticket) }
    }

    /// With the monitor held: the turn moves past the current item and every later
    /// one that gave its turn up already.
    private func advanceTurn() {
        turn += 1
        while passedEarly.remove(turn) != nil { turn += 1 }
        // Several workers may wait, each for its own ticket: all must look.
        turnPassed.broadcast()
    }

    private func consumeInOrder(_ consume: (Output) -> Bool) {
        while true {
            monitor.lock()
            while results[consumed] == nil && !(!producing && consumed == submitted) { monitor.wait(resultReady) }
            guard let output = results.removeValue(forKey: consumed) else {
                monitor.unlock()
                return
            }
            monitor.unlock()
            let goOn = consume(output)
            monitor.lock()
            consumed += 1
            consumedOne.signal()
            if !goOn {
                stopped = true
                for condition in [consumedOne, submittedOne, turnPassed, resultReady] { condition.broadcast() }
            }
            monitor.unlock()
            if !goOn { return }
        }
    }
}

/// The pipeline an item's turn waits on (whatever its input and output types).
protocol TurnKeeper: AnyObject {
    func waitForTurn(_ ticket: Int)
    func passTurn()
}

/// An item's place in the input order, for work that must see the items in that
/// order (learning from a stream as it goes) while the rest runs in parallel.
public final class PipelineTurn: @unchecked Sendable {
    private let keeper: (any TurnKeeper)?
    let ticket: Int
    var taken = false

    init(keeper: (any TurnKeeper)?, ticket: Int) {
        self.keeper = keeper
        self.ticket = ticket
    }

    /// Runs `body` once every earlier item has passed its turn (run its own
    /// `inOrder`, or finished without calling it). At most once per item.
    public func inOrder<T>(_ body: () -> T) -> T {
        precondition(!taken, "one in-order section per item")
        taken = true
        guard let keeper else { return body() }
        keeper.waitForTurn(ticket)
        defer { keeper.passTurn() }
        return body()
    }
}
