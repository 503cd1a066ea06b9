/// The one loop of every run that cleans (files, standard input, `-z`, `--jsonl`;
/// clean, explain, check, stats, eval, batch): a source's documents go to the
/// workers, and their outputs are written (or handed to a run's own consumer) in
/// input order, sequentially or on `jobs` threads (`OrderedPipeline`): the output,
/// the notices and the outcome are the same for any number of jobs.
public struct Runner {
    public var jobs = 1
    /// Stop at a malformed record, or at an input failing while read.
    public var strict = false
    /// Flush after every document, for a reader waiting on each one.
    public var lineBuffered = false
    /// Oversized documents pass through unchanged (the cleaned text); otherwise
    /// they are only noticed (explanations, checks).
    public var writesPassedThrough = true

    public init(jobs: Int = 1) { self.jobs = jobs }

    public struct Outcome {
        /// No input or document failed, and the output was written.
        public var ok = true
        /// Some document had lines to remove.
        public var foundChrome = false
    }

    /// Runs `source` through workers made by `makeWorker` into `sink`. `notice` is
    /// called in input order, one call at a time, as each document is written (with
    /// several jobs, on the thread of the worker that writes it).
    public func run<Worker: DocumentWorker>(_ source: some DocumentSource, into sink: OutputSink,
                                            notice: @escaping (Notice) -> Void,
                                            makeWorker: @escaping () -> Worker) -> Outcome where Worker.Output == DocumentOutput {
        let writer = RunWriter(runner: self, sink: sink, notice: notice)
        run(source, makeWorker: makeWorker, consume: { writer.write($0) })
        return writer.finish()
    }

    /// The loop alone, for a run that does its own writing (batch): each item's
    /// output goes to `consume`, in input order, one call at a time (with several jobs,
    /// on a worker's thread), until it returns false.
    public func run<Worker: DocumentWorker>(_ source: some DocumentSource, makeWorker: @escaping () -> Worker,
                                            consume: @escaping (RunnerOutput<Worker.Output>) -> Bool) {
        // A batch's documents are written as each is done when a reader waits on each.
        typealias Pipeline = OrderedPipeline<SourceItem, RunnerOutput<Worker.Output>>
        Pipeline(jobs: jobs, batching: .smallDocuments, outputsOneByOne: lineBuffered).run(
            produce: { feed in
                source.read { item in
                    guard let ticket = feed.submit(item, bytes: item.bytes) else { return false }
                    // The writer copies an oversized document's rest from the source's input.
                    if case .oversized = item { return feed.waitUntilConsumed(ticket) }
                    return true
                }
            },
            makeMapping: {
                let worker = makeWorker()
                guard worker.startsWithTurn else {
                    return .whole { item, turn in
                        guard case .document(let bytes, let place) = item else { return .passed(item) }
                        return .done(worker.process(bytes, place, turn: turn))
                    }
                }
                return .staged { item, turn in
                    guard case .document(let bytes, let place) = item else { return { .passed(item) } }
                    let finish = worker.start(bytes, place, turn: turn)
                    return { .done(finish()) }
                }
            },
            consume: consume)
    }
}

extension SourceItem {
    /// What the item weighs in a batch of the runner's pipeline: its bytes in memory.
    var bytes: Int {
        switch self {
        case .document(let bytes, _), .oversized(let bytes, _, _): bytes.count
        case .failure, .rejected, .unchanged: 0
        }
    }
}
