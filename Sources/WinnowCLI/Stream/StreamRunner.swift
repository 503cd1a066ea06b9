import WinnowCore
#if canImport(Glibc)
import Glibc
#endif

/// Many documents through one stream: JSON Lines (`--jsonl`, one record a line,
/// the text field cleaned in place) or NUL-separated documents (`-z`). A reader
/// thread splits the inputs into records, `jobs` workers clean them, and this
/// thread writes them in input order (`OrderedPipeline`): the output, the messages
/// and the exit status are the same for any number of jobs.
struct StreamRunner {
    enum Mode { case jsonl(textKey: String, meta: Bool), nul }
    typealias Pipeline = OrderedPipeline<StreamItem, StreamOutput>

    let ruleSet: RuleSet
    let options: CleanOptions
    let mode: Mode
    let maxDocBytes: Int
    let strict: Bool
    /// Flush after every record (`--line-buffered`), for a reader waiting on each one.
    var lineBuffered = false
    /// How a `-z` document's bytes become text (JSON Lines text is UTF-8 by definition).
    var inputText = InputText(encoding: "utf-8")
    /// Drop lines that recur across the stream's documents (`--cross-doc`).
    var crossDoc = false
    var jobs = 1
    /// Which site each document is (`--site`, `--site-key`): each worker's cleaner
    /// takes the site of the record it cleans (its profile and cross-document counts).
    var sites = StreamSites()

    private var separator: UInt8 { if case .nul = mode { 0 } else { 0x0A } }

    /// Returns false when any record or input failed.
    func run(_ paths: [String]) -> Bool {
        let writer = StreamWriter(sink: OutputSink(fd: 1), maxDocBytes: maxDocBytes, strict: strict, lineBuffered: lineBuffered)
        let templates = crossDoc ? TemplateIndex() : nil
        let (ruleSet, options, mode, inputText, sites) = (ruleSet, options, mode, inputText, sites)
        Pipeline(jobs: jobs).run(
            produce: { feed in read(paths, into: feed) },
            makeWorker: {
                let worker = StreamRecordCleaner(cleaner: Cleaner(ruleSet: ruleSet, options: options), mode: mode,
                                                 inputText: inputText, templates: templates, sites: sites)
                return { worker.process($0, turn: $1) }
            },
            consume: { writer.write($0) })
        return writer.finish()
    }

    /// The reader: every input's records in order. Each input's last record is
    /// written with a separator too, so the next input's first one never fuses with it.
    private func read(_ paths: [String], into feed: Pipeline.Feed) {
        for path in paths {
            let fd: Int32 = path == "-" ? 0 : open(path.pathCString, O_RDONLY | O_CLOEXEC)
            let name = path == "-" ? "(standard input)" : path
            guard fd >= 0 else {
                let failure = IOFailure(path: path, errno: errno)
                if feed.submit(.failure(failure.description, endsRunWhenStrict: false)) == nil { return }
                continue
            }
            defer { if fd > 0 { close(fd) } }
            if !readRecords(fd: fd, name: name, into: feed) { return }
        }
    }

    /// Submits one input's records; false once the run has stopped.
    private func readRecords(fd: Int32, name: String, into feed: Pipeline.Feed) -> Bool {
        let reader = RecordReader(fd: fd, separator: separator, cap: maxDocBytes, path: name)
        var number = 0
        while true {
            let next: RecordReader.Next
            do { next = try reader.next() } catch {
                return feed.submit(.failure(error.description, endsRunWhenStrict: true)) != nil
            }
            number += 1
            let place = RecordPlace(name: name, number: number)
            switch next {
            case .end:
                return true
            case .oversized:
                // The writer copies the rest of the record from the reader: wait for it.
                guard let ticket = feed.submit(.oversized(reader.buffer, place, reader)),
                      feed.waitUntilConsumed(ticket) else { return false }
            case .record:
                // A copy of its own size: the reader's buffer is as large as the largest record yet.
                guard feed.submit(.record(Array(reader.buffer), place)) != nil else { return false }
            }
        }
    }
}

/// The writing end of a stream: records and messages in input order, the exit
/// status, and the end of the run (a closed pipe, a write error, --strict).
final class StreamWriter {
    private let sink: OutputSink
    private let maxDocBytes: Int
    private let strict: Bool
    private let lineBuffered: Bool
    private var ok = true
    private var failure: OutputSink.Failure?

    init(sink: OutputSink, maxDocBytes: Int, strict: Bool, lineBuffered: Bool) {
        self.sink = sink
        self.maxDocBytes = maxDocBytes
        self.strict = strict
        self.lineBuffered = lineBuffered
    }

    /// Writes one item's output; false when the run must stop.
    func write(_ output: StreamOutput) -> Bool {
        do throws(OutputSink.Failure) {
            let goOn = try put(output)
            if lineBuffered { try sink.flush() }
            return goOn
        } catch {
            failure = error
            return false
        }
    }

    private func put(_ output: StreamOutput) throws(OutputSink.Failure) -> Bool {
        switch output {
        case .cleaned(let record):
            record.messages.emit()
            if record.failed { ok = false }
            // Under --strict the run stops at a malformed record, before writing it.
            if record.malformed && strict { return false }
            try sink.write(record.bytes)
        case .passed(.oversized(let prefix, let place, let reader)):
            Diagnostics.warning("\(place.description): larger than --max-doc-bytes (\(maxDocBytes) bytes): passed through unchanged")
            try sink.write(prefix)
            try reader.copyRestOfRecord(to: sink)
        case .passed(.failure(let message, let endsRun)):
            Diagnostics.error(message)
            ok = false
            if endsRun && strict { return false }
        case .passed(.record):
            preconditionFailure("every record is cleaned")
        }
        return true
    }

    /// Flushes what is left; returns false when any record or input failed.
    func finish() -> Bool {
        if failure == nil {
            do throws(OutputSink.Failure) { try sink.flush() } catch { failure = error }
        }
        switch failure {
        case .brokenPipe, nil: return ok
        case .io(let io):
            Diagnostics.error(io.description)
            return false
        }
    }
}
