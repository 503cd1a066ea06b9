/// The writing end of a run: outputs and notices in input order, the outcome,
/// and the end of the run (a closed pipe, a write error, a strict run's failure).
final class RunWriter {
    private let runner: Runner
    private let sink: OutputSink
    private let notice: (Notice) -> Void
    private var outcome = Runner.Outcome()
    private var failure: OutputSink.Failure?

    init(runner: Runner, sink: OutputSink, notice: @escaping (Notice) -> Void) {
        self.runner = runner
        self.sink = sink
        self.notice = notice
    }

    /// Writes one item's output; false when the run must stop.
    func write(_ output: RunnerOutput<DocumentOutput>) -> Bool {
        do throws(OutputSink.Failure) {
            let goOn = try put(output)
            if runner.lineBuffered { try sink.flush() }
            return goOn
        } catch {
            failure = error
            return false
        }
    }

    private func put(_ output: RunnerOutput<DocumentOutput>) throws(OutputSink.Failure) -> Bool {
        switch output {
        case .done(let done):
            for n in done.notices { notice(n) }
            if done.failed { outcome.ok = false }
            if done.foundChrome { outcome.foundChrome = true }
            if done.malformed && runner.strict { return false }
            try sink.write(done.bytes)
        case .passed(.oversized(let prefix, let place, let rest)):
            notice(.tooLarge(place, passedThrough: runner.writesPassedThrough))
            guard runner.writesPassedThrough else { return true }
            try sink.write(prefix)
            try rest.copy(after: prefix, to: sink)
        case .passed(.failure(let failure, let endsRun)):
            notice(.unreadable(failure))
            outcome.ok = false
            if endsRun && runner.strict { return false }
        case .passed(.rejected(let rejected)):
            notice(rejected)
            outcome.ok = false
        case .passed(.unchanged):
            break
        case .passed(.document):
            preconditionFailure("every document goes to a worker")
        }
        return true
    }

    /// Flushes what is left and returns the outcome; a closed pipe is a quiet end.
    func finish() -> Runner.Outcome {
        if failure == nil {
            do throws(OutputSink.Failure) { try sink.flush() } catch { failure = error }
        }
        if case .io(let io) = failure {
            notice(.writeFailed(io))
            outcome.ok = false
        }
        return outcome
    }
}
