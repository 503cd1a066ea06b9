import ArgumentParser
import WinnowCore
#if canImport(Glibc)
import Glibc
#endif

/// Reads each input as one document and cleans it, explains it, or only checks
/// whether it has anything to remove. A missing or unreadable input is reported
/// and skipped; the run goes on.
struct DocumentRunner {
    enum Presentation {
        case clean
        case explain(ExplainPrinter)
        /// No output: the exit status says whether any document had lines to remove.
        case check
    }

    let cleaner: Cleaner
    let presentation: Presentation
    let maxDocBytes: Int
    let inputText: InputText
    /// The site of each file (profiles); nil leaves the cleaner's site alone.
    var sites: SiteOptions? = nil

    struct Outcome {
        /// No input failed.
        var ok = true
        /// Some document had at least one line to remove.
        var foundChrome = false
    }

    init(ruleSet: RuleSet, options: CleanOptions, maxDocBytes: Int, presentation: Presentation, inputText: InputText) {
        for warning in ruleSet.warnings { Diagnostics.plain(warning.description) }
        cleaner = Cleaner(ruleSet: ruleSet, options: options)
        self.presentation = presentation
        self.maxDocBytes = maxDocBytes
        self.inputText = inputText
    }

    func run(_ paths: [String]) -> Outcome {
        let sink = OutputSink(fd: 1)
        var outcome = Outcome()
        do throws(OutputSink.Failure) {
            for path in paths {
                try process(path, sink: sink, header: paths.count > 1, into: &outcome)
            }
            try sink.flush()
        } catch {
            switch error {
            case .brokenPipe: return outcome
            case .io(let failure):
                Diagnostics.error(failure.description)
                outcome.ok = false
            }
        }
        return outcome
    }

    private func process(_ path: String, sink: OutputSink, header: Bool, into outcome: inout Outcome) throws(OutputSink.Failure) {
        let name = path == "-" ? "(standard input)" : path
        let read: ByteReader.Outcome
        let fd: Int32
        do { (read, fd) = try ByteReader.read(path: path, cap: maxDocBytes) }
        catch {
            Diagnostics.error(error.description)
            outcome.ok = false
            return
        }
        defer { if fd > 0 { close(fd) } }
        switch read {
        case .overCap(let prefix):
            Diagnostics.warning("\(name): larger than --max-doc-bytes (\(maxDocBytes) bytes): passed through unchanged")
            if case .clean = presentation {
                try sink.write(prefix)
                // Like every cleaned document, it ends with a line end: the next one never fuses with it.
                let last = try sink.copyRest(of: fd, path: path) ?? prefix.last
                if last != 0x0A && last != 0x0D { try sink.write([0x0A]) }
            }
        case .complete(let raw):
            let document: [UInt8]
            switch inputText.prepare(raw, name: name) {
            case .text(let text): document = text
            case .notText(let why):
                try passThrough(raw, why: why, name: name, sink: sink, into: &outcome)
                return
            }
            sites?.use(for: cleaner, file: path)
            let result = cleaner.clean(document)
            for warning in result.warnings { Diagnostics.warning("\(name): \(warning)") }
            if result.removedCount > 0 { outcome.foundChrome = true }
            switch presentation {
            case .clean:
                var out: [UInt8] = []
                out.reserveCapacity(document.count)
                document.withUnsafeBufferPointer { CleanWriter.write($0, result, into: &out) }
                try sink.write(out)
            case .explain(let printer):
                try sink.write(printer.render(document, result, path: name, header: header))
            case .check:
                break
            }
        }
    }

    /// A document that is not text: reported, and written unchanged (ended with a
    /// line end, as every document) when cleaning.
    private func passThrough(_ raw: [UInt8], why: String, name: String, sink: OutputSink,
                             into outcome: inout Outcome) throws(OutputSink.Failure) {
        Diagnostics.error("\(name): \(why): passed through unchanged")
        outcome.ok = false
        guard case .clean = presentation else { return }
        try sink.write(raw)
        if let last = raw.last, last != 0x0A && last != 0x0D { try sink.write([0x0A]) }
    }
}
