import ArgumentParser
import WinnowCore
#if canImport(Glibc)
import Glibc
#endif

/// Reads each input as one document, cleans or explains it, writes to stdout.
/// A missing or unreadable input is reported and skipped; the run goes on.
struct DocumentRunner {
    let cleaner: Cleaner
    let explainer: ExplainPrinter?
    let maxDocBytes: Int

    init(ruleSet: RuleSet, options: CleanOptions, output: OutputOptions, explain: Bool) {
        for warning in ruleSet.warnings { Diagnostics.plain(warning.description) }
        cleaner = Cleaner(ruleSet: ruleSet, options: options)
        explainer = explain ? ExplainPrinter(ruleSet: ruleSet, color: output.useColor(fd: 1)) : nil
        maxDocBytes = output.maxDocBytes
    }

    /// Returns false when any input failed.
    func run(_ paths: [String]) -> Bool {
        let sink = OutputSink(fd: 1)
        var ok = true
        do throws(OutputSink.Failure) {
            for path in paths {
                ok = try process(path, sink: sink, header: paths.count > 1) && ok
            }
            try sink.flush()
        } catch {
            switch error {
            case .brokenPipe: return ok
            case .io(let failure):
                Diagnostics.error(failure.description)
                return false
            }
        }
        return ok
    }

    private func process(_ path: String, sink: OutputSink, header: Bool) throws(OutputSink.Failure) -> Bool {
        let outcome: ByteReader.Outcome
        let fd: Int32
        do { (outcome, fd) = try ByteReader.read(path: path, cap: maxDocBytes) }
        catch {
            Diagnostics.error(error.description)
            return false
        }
        defer { if fd > 0 { close(fd) } }
        switch outcome {
        case .overCap(let prefix):
            Diagnostics.warning("\(path == "-" ? "(standard input)" : path): larger than --max-doc-bytes (\(maxDocBytes) bytes): passed through unchanged")
            if explainer == nil {
                try sink.write(prefix)
                try sink.copyRest(of: fd, path: path)
            }
        case .complete(let document):
            let result = cleaner.clean(document)
            for warning in result.warnings { Diagnostics.warning("\(path == "-" ? "(standard input)" : path): \(warning)") }
            if let explainer {
                try sink.write(explainer.render(document, result, title: header ? path : nil))
            } else {
                var out: [UInt8] = []
                out.reserveCapacity(document.count)
                document.withUnsafeBufferPointer { CleanWriter.write($0, result, into: &out) }
                try sink.write(out)
            }
        }
        return true
    }
}
