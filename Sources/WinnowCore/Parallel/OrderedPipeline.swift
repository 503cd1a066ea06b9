import Foundation

/// Maps a stream of items on `jobs` worker threads and hands the results back in
/// input order: a producer thread reads and submits items, the workers map them,
/// and the results are consumed one by one as soon as each and all earlier ones
/// are done (a reader waiting on one answer never waits for a window to fill).
/// The worker that finishes the next results in order consumes them itself, one
/// thread at a time: waking a consumer thread for each batch cost two context
/// switches a batch on two busy cores, and it read each output from the other
/// core's cache. With one job nothing runs on another thread: each item is mapped
/// and consumed as it is submitted.
///
/// Items travel in batches of consecutive items (`BatchLimits`), so the threads meet
/// once a batch. A batch is handed on when full; an idle worker is woken at once and
/// takes the open batch as it is: an item never waits for later ones while a worker
/// could take it. At most `window`
/// batches are in flight (submitted, not yet consumed), so memory is bounded by the
/// window times the batch's bytes (or the largest item), never by the stream.
public final class OrderedPipeline<Input, Output>: @unchecked Sendable {
    public let jobs: Int
    public let window: Int
    public let batching: BatchLimits
    /// Each output is handed back as soon as it is done (a reader waits on each),
    /// not with the rest of its batch.
    public let outputsOneByOne: Bool

    let monitor = Monitor()
    /// The producer waits for room in the window, or for an item to be consumed.
    private let consumedSome = Monitor.Condition()
    /// Idle workers wait for a batch.
    private let batchReady = Monitor.Condition()
    /// Workers wait for their item's turn (`OrderedPipeline+Turns`).
    let turnPassed = Monitor.Condition()
    /// The calling thread waits for the run to end.
    private let runEnded = Monitor.Condition()
    /// Batches submitted and not wholly consumed, oldest first; the last may be `open`.
    private var inFlight = FIFO<WorkBatch<Input, Output>>()
    /// Closed batches no worker has taken yet.
    private var queue = FIFO<WorkBatch<Input, Output>>()
    /// The batch items are being added to; no worker has it yet.
    private var open: WorkBatch<Input, Output>?
    private var idleWorkers = 0
    /// Idle workers signalled and not yet awake: no other is woken for the same batch.
    private var wokenWorkers = 0
    /// Batches workers took (each a hand-off), for the tests.
    private(set) var batchesTaken = 0
    /// A batch was closed while a worker was idle.
    private var workerToWake = false
    private var submitted = 0
    /// Items whose `consume` has returned.
    private var consumed = 0
    /// The producer waits until this item is consumed (`waitUntilConsumed`).
    private var awaited = Int.max
    var order = TurnOrder()
    /// Some item took its turn: batches hold one item.
    var itemsTakeTurns = false
    private var producing = true
    private var stopped = false
    /// A worker is consuming outputs (`consumeReady`): no other may start.
    private var consuming = false

    private var produce: ((Feed) -> Void)?
    private var makeWorker: (() -> Mapping)?
    /// With one job: the only worker and the consumer, called from `submit`.
    private var inlineWork: ((Input, Turn) -> Output)?
    private var inlineConsume: ((Output) -> Bool)?
    /// With several jobs: called by whichever worker consumes, one at a time.
    private var consume: ((Output) -> Bool)?
    /// What the consuming worker holds while it consumes a batch's outputs, kept for the next.
    private var consumingOutputs: [Output] = []

    /// `window` counts batches (4 per job unless given).
    public init(jobs: Int, window: Int? = nil, batching: BatchLimits = .unbatched, outputsOneByOne: Bool = false) {
        self.jobs = max(1, jobs)
        self.window = max(self.jobs, window ?? 4 * self.jobs)
        self.batching = batching
        self.outputsOneByOne = outputsOneByOne
    }

    /// Runs the pipeline to its end, or until `consume` returns false.
    /// - `produce` submits the items with `feed.submit`; it runs on its own thread
    ///   (with one job, on this one). It should return once `submit` returns nil.
    /// - `makeWorker` is called once on each worker thread: it returns that worker's
    ///   map function (a worker may own caches, such as a `Cleaner`).
    /// - `consume` runs once per item, in input order, one call at a time: on the
    ///   workers' threads (with one job, on this one). `run` returns once no call is left.
    /// When stopped, the producer thread is not waited for (it may be blocked reading),
    /// and a worker finishes the batch it has.
    public func run(produce: @escaping (Feed) -> Void,
                    makeWorker: @escaping () -> (Input, Turn) -> Output,
                    consume: @escaping (Output) -> Bool) {
        run(produce: produce, makeMapping: { .whole(makeWorker()) }, consume: consume)
    }

    /// How a worker maps an item: whole, or in two stages (`Mapping.staged`).
    public enum Mapping {
        case whole((Input, Turn) -> Output)
        /// The first stage takes the item's turn, if it needs one, and returns the
        /// second, which must not. A worker starts every item of its batch, in order,
        /// before it finishes any: the next batch's worker waits for these turns only,
        /// not for this batch's whole work (with `whole`, items that take turns go
        /// one a batch instead).
        case staged((Input, Turn) -> () -> Output)

        func callAsFunction(_ input: Input, _ turn: Turn) -> Output {
            switch self {
            case .whole(let map): map(input, turn)
            case .staged(let start): start(input, turn)()
            }
        }
    }

    /// The same, with each worker's `Mapping` from `makeMapping` (called once on
    /// each worker thread).
    public func run(produce: @escaping (Feed) -> Void,
                    makeMapping: @escaping () -> Mapping,
                    consume: @escaping (Output) -> Bool) {
        let feed = Feed(pipeline: self)
        guard jobs > 1 else {
            let mapping = makeMapping()
            inlineWork = { mapping($0, $1) }
            inlineConsume = consume
            defer { inlineWork = nil; inlineConsume = nil }
            produce(feed)
            return
        }
        self.produce = produce
        self.makeWorker = makeMapping
        self.consume = consume
        let producer = Thread { [self] in
            self.produce?(feed)
            endOfInput()
        }
        producer.stackSize = 4 << 20
        producer.start()
        for _ in 0..<jobs {
            let worker = Thread { [self] in work() }
            worker.stackSize = 4 << 20
            worker.start()
        }
        waitForTheEnd()
    }

    /// The producer's handle: submits items, and waits for one to be consumed.
    public final class Feed: @unchecked Sendable {
        private let pipeline: OrderedPipeline

        init(pipeline: OrderedPipeline) { self.pipeline = pipeline }

        /// Submits the next item of `bytes` bytes (what it weighs in a batch), waiting
        /// while the window is full. Returns the item's ticket, or nil once the consumer
        /// has stopped the run (the item is dropped).
        @discardableResult
        public func submit(_ input: Input, bytes: Int = 0) -> Int? { pipeline.submit(input, bytes: bytes) }

        /// Waits until the item of `ticket` has been consumed (the consumer may still
        /// read from something the producer shares with it, such as an input stream).
        /// False when the run stopped first.
        @discardableResult
        public func waitUntilConsumed(_ ticket: Int) -> Bool { pipeline.waitUntilConsumed(ticket) }
    }

    /// An item's place in the input order (`PipelineTurn`), the same type for every pipeline.
    public typealias Turn = PipelineTurn

    private func submit(_ input: Input, bytes: Int) -> Int? {
        if let work = inlineWork, let consume = inlineConsume {
            guard !stopped else { return nil }
            let ticket = submitted
            submitted += 1
            if !consume(work(input, Turn(keeper: nil, ticket: ticket))) { stopped = true }
            consumed += 1
            return ticket
        }
        monitor.lock()
        let ticket = add(input, bytes: bytes)
        let wake = takeWakeUp()
        monitor.unlock()
        // Woken after the unlock, a worker does not wake up only to wait for the lock.
        if wake { batchReady.signal() }
        return ticket
    }

    /// With the monitor held: adds the item to the open batch (a new one when it is full,
    /// once the window has room), and closes it once full or when a worker is idle.
    private func add(_ input: Input, bytes: Int) -> Int? {
        if let batch = open, batch.inputs.count >= itemLimit || batch.bytes + bytes > batching.bytes { close(batch) }
        if open == nil {
            while inFlight.count >= window && !stopped {
                // The batch just closed must not wait with the producer.
                if takeWakeUp() { batchReady.signal() }
                monitor.wait(consumedSome)
            }
            guard !stopped else { return nil }
            let batch = WorkBatch<Input, Output>(first: submitted)
            inFlight.append(batch)
            open = batch
        }
        guard !stopped, let batch = open else { return nil }
        let ticket = submitted
        submitted += 1
        batch.inputs.append(input)
        batch.bytes += bytes
        if batch.inputs.count >= itemLimit || batch.bytes >= batching.bytes {
            close(batch)
        } else {
            // An idle worker takes the open batch as it is when it wakes up, with the items
            // added meanwhile: closed here, a batch held one item each time a worker was idle.
            wakeAnIdleWorker()
        }
        return ticket
    }

    private var itemLimit: Int { itemsTakeTurns ? 1 : batching.items }

    /// With the monitor held: the open batch takes no more items and waits for a worker
    /// (an idle one is woken: `takeWakeUp`).
    private func close(_ batch: WorkBatch<Input, Output>) {
        batch.close()
        open = nil
        queue.append(batch)
        wakeAnIdleWorker()
    }

    /// With the monitor held: an idle worker is to be woken (`takeWakeUp`), unless
    /// every idle one was already.
    private func wakeAnIdleWorker() {
        guard idleWorkers > wokenWorkers else { return }
        wokenWorkers += 1
        workerToWake = true
    }

    /// With the monitor held: whether to wake an idle worker (once the monitor is unlocked).
    private func takeWakeUp() -> Bool {
        defer { workerToWake = false }
        return workerToWake
    }

    private func endOfInput() {
        monitor.lock(); defer { monitor.unlock() }
        if let batch = open { close(batch) }
        producing = false
        batchReady.broadcast()
        runEnded.signal()
    }

    private func waitUntilConsumed(_ ticket: Int) -> Bool {
        if inlineWork != nil { return ticket < consumed }
        monitor.lock(); defer { monitor.unlock() }
        // No later item joins its batch: the producer waits.
        if let batch = open, ticket >= batch.first { close(batch) }
        if takeWakeUp() { batchReady.signal() }
        awaited = ticket
        defer { awaited = .max }
        while consumed <= ticket && !stopped { monitor.wait(consumedSome) }
        return consumed > ticket
    }

    /// A worker thread: takes the oldest waiting batch, maps its items in order (a
    /// staged worker starts them all, then finishes them), and hands their outputs
    /// back: all at once, or each as it is done.
    private func work() {
        guard let mapping = makeWorker?() else { return }
        // Outputs handed back one by one go as each is done: each item is then mapped whole.
        var start: ((Input, Turn) -> () -> Output)?
        if case .staged(let first) = mapping, !outputsOneByOne { start = first }
        let turns = WorkerTurns(pipeline: self, staged: start != nil)
        var outputs: [Output] = []
        var finishes: [() -> Output] = []
        while let (batch, inputs) = take() {
            if let start {
                for (k, input) in inputs.enumerated() {
                    let turn = Turn(keeper: turns, ticket: batch.first + k)
                    finishes.append(start(input, turn))
                    turns.finished(turn)
                }
                // The batch's last items that took no turn let the next batch's start now.
                giveUpUntaken(turns, before: batch.first + inputs.count)
                for finish in finishes { outputs.append(finish()) }
                finishes.removeAll(keepingCapacity: true)
            } else {
                for (k, input) in inputs.enumerated() {
                    let turn = Turn(keeper: turns, ticket: batch.first + k)
                    outputs.append(mapping(input, turn))
                    turns.finished(turn)
                    if outputsOneByOne { handBack(&outputs, of: batch, upTo: turn.ticket + 1, turns) }
                }
            }
            if !outputs.isEmpty { handBack(&outputs, of: batch, upTo: batch.first + inputs.count, turns) }
        }
    }

    /// The oldest closed batch, or else the open one (an idle worker does not wait for
    /// it to fill); nil once there will be none (or the run stopped).
    private func take() -> (WorkBatch<Input, Output>, [Input])? {
        monitor.lock(); defer { monitor.unlock() }
        while !stopped {
            let next = queue.removeFirst() ?? open
            if let batch = next {
                if batch === open {
                    batch.close()
                    open = nil
                }
                let inputs = batch.inputs
                batch.inputs = []
                batchesTaken += 1
                return (batch, inputs)
            }
            guard producing else { return nil }
            idleWorkers += 1
            monitor.wait(batchReady)
            idleWorkers -= 1
            wokenWorkers = max(0, wokenWorkers - 1)
        }
        return nil
    }

    /// Hands `outputs` (of `batch`'s items before `end`) back, and gives up the turns
    /// of those that did not take theirs. When they are next in order and no other
    /// worker is consuming, this one consumes them (and what is ready after them).
    private func handBack(_ outputs: inout [Output], of batch: WorkBatch<Input, Output>, upTo end: Int, _ turns: WorkerTurns) {
        monitor.lock()
        giveUp(turns.untaken(before: end))
        batch.ready.append(contentsOf: outputs)
        outputs.removeAll(keepingCapacity: true)
        guard batch === inFlight.first && !consuming && !stopped else {
            monitor.unlock()
            return
        }
        consuming = true
        consumeReady()
    }

    /// With the monitor held and `consuming` set: consumes the oldest batch's ready
    /// outputs, and the next batch's, until the oldest has none ready (its worker then
    /// consumes them when it hands them back); unlocks the monitor.
    private func consumeReady() {
        var outputs = consumingOutputs
        consumingOutputs = []
        var wakeProducer = false
        while !stopped, let batch = inFlight.first, !batch.ready.isEmpty {
            swap(&outputs, &batch.ready)
            monitor.unlock()
            if wakeProducer { consumedSome.signal() }
            wakeProducer = false
            var goOn = true, count = 0
            for output in outputs where goOn {
                goOn = consume!(output)
                count += 1
            }
            outputs.removeAll(keepingCapacity: true)
            monitor.lock()
            consumed += count
            batch.consumed += count
            let freed = batch.isConsumed
            if freed { _ = inFlight.removeFirst() }
            // The producer refills half the window at a time: one wake-up for several batches.
            if (freed && inFlight.count <= window / 2) || consumed > awaited { wakeProducer = true }
            if !goOn {
                stopped = true
                for condition in [consumedSome, batchReady, turnPassed] { condition.broadcast() }
            }
        }
        consuming = false
        consumingOutputs = outputs
        let ended = stopped || (!producing && inFlight.isEmpty)
        monitor.unlock()
        if wakeProducer { consumedSome.signal() }
        if ended { runEnded.signal() }
    }

    /// The calling thread's part: waits until every output is consumed, or the run
    /// stopped, and no worker is consuming.
    private func waitForTheEnd() {
        monitor.lock(); defer { monitor.unlock() }
        while consuming || !(stopped || (!producing && inFlight.isEmpty)) { monitor.wait(runEnded) }
    }
}
