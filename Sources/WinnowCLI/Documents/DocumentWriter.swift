import WinnowCore

/// The writing end of a file list: documents and messages in input order, and the
/// outcome. A closed pipe ends the run quietly; another write error is reported.
final class DocumentWriter {
    private let sink: OutputSink
    private let presentation: DocumentRunner.Presentation
    private let maxDocBytes: Int
    private var outcome = DocumentRunner.Outcome()
    private var failure: OutputSink.Failure?

    init(sink: OutputSink, presentation: DocumentRunner.Presentation, maxDocBytes: Int) {
        self.sink = sink
        self.presentation = presentation
        self.maxDocBytes = maxDocBytes
    }

    /// Writes one input's output; false when the run must stop.
    func write(_ output: DocumentOutput) -> Bool {
        do throws(OutputSink.Failure) {
            try put(output)
            return true
        } catch {
            failure = error
            return false
        }
    }

    private func put(_ output: DocumentOutput) throws(OutputSink.Failure) {
        switch output {
        case .done(let done):
            done.messages.emit()
            if done.failed { outcome.ok = false }
            if done.foundChrome { outcome.foundChrome = true }
            try sink.write(done.bytes)
        case .passed(.overCap(let prefix, let name, let path, let fd)):
            Diagnostics.warning("\(name): larger than --max-doc-bytes (\(maxDocBytes) bytes): passed through unchanged")
            guard case .clean = presentation else { return }
            try sink.write(prefix)
            // Like every cleaned document, it ends with a line end: the next one never fuses with it.
            let last = try sink.copyRest(of: fd, path: path) ?? prefix.last
            if last != 0x0A && last != 0x0D { try sink.write([0x0A]) }
        case .passed(.failure(let message)):
            Diagnostics.error(message)
            outcome.ok = false
        case .passed(.whole):
            preconditionFailure("every whole document is cleaned")
        }
    }

    /// Flushes what is left and returns the outcome.
    func finish() -> DocumentRunner.Outcome {
        if failure == nil {
            do throws(OutputSink.Failure) { try sink.flush() } catch { failure = error }
        }
        if case .io(let io) = failure {
            Diagnostics.error(io.description)
            outcome.ok = false
        }
        return outcome
    }
}
