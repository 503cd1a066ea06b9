import Foundation
import WinnowCore
#if canImport(Glibc)
import Glibc
#endif

/// `batch --report PATH`: one JSON line per document, in path order, each written as
/// soon as it and every document before it are done (an interrupted run's report
/// ends at the last of them), then one line per file the plan could not take. What the report destroys is only what it replaces:
/// - a regular file (or a new one) is written to a hidden temporary file beside it,
///   renamed over it at the end (until then the old report stays whole; after a
///   `kill -9` the temporary file holds the lines of what was done);
/// - a device, a FIFO or a socket, and `-` (standard output), are written through;
/// - a symlink is followed: its target is written, the link stays.
final class ReportWriter {
    struct Failure: Error { let message: String }

    private let path: String
    private let sink: OutputSink
    /// Set when writing to a temporary file: (temporary, target).
    private let rename: (temp: String, target: String)?
    private var failed: String?

    /// Opens the report before any document is cleaned: a report that cannot be
    /// written stops the run before it does anything.
    init(path: String) throws(Failure) {
        self.path = path
        if path == "-" {
            sink = OutputSink(fd: 1)
            rename = nil
            return
        }
        var info = stat()
        var target = path
        if stat(path, &info) == 0 {
            if info.st_mode & S_IFMT == S_IFDIR { throw Failure(message: String(cString: strerror(EISDIR))) }
            if info.st_mode & S_IFMT != S_IFREG {
                let fd = open(path, O_WRONLY | O_CLOEXEC)
                guard fd >= 0 else { throw Failure(message: String(cString: strerror(errno))) }
                sink = OutputSink(fd: fd, name: path)
                rename = nil
                return
            }
            if let real = realpath(path, nil) { target = String(cString: real); free(real) }
        } else if lstat(path, &info) == 0 {
            // A dangling symlink: create its target through it.
            let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            guard fd >= 0 else { throw Failure(message: String(cString: strerror(errno))) }
            sink = OutputSink(fd: fd, name: path)
            rename = nil
            return
        }
        let temp = AtomicWriter.temporaryPath(for: target)
        let mode = info.st_mode & S_IFMT == S_IFREG ? info.st_mode & 0o7777 : 0o644
        let fd = AtomicWriter.openTemporary(temp, mode: mode)
        guard fd >= 0 else {
            let dir = (target as NSString).deletingLastPathComponent
            throw Failure(message: "cannot create a file in \(dir.isEmpty ? "." : dir): \(String(cString: strerror(errno)))")
        }
        fchmod(fd, mode)
        sink = OutputSink(fd: fd, name: path)
        rename = (temp, target)
    }

    /// Writes one document's line, at once (documents come in path order as they finish).
    func add(_ relative: String, _ outcome: FileOutcome) {
        emit(ReportWriter.line(relative, outcome))
        flush()
    }

    /// Writes the lines of the plan's failures, closes the report and renames it into place.
    func finish(failures: [(path: String, reason: String)]) throws(Failure) {
        for failure in failures {
            var json = JSONWriter()
            json.object([("path", failure.path), ("status", "failed"), ("error", failure.reason)])
            emit(json.bytes + [0x0A])
        }
        flush()
        if let rename {
            if close(sink.fd) != 0, failed == nil { failed = "cannot write \(path): \(String(cString: strerror(errno)))" }
            if failed == nil, Glibc.rename(rename.temp, rename.target) != 0 {
                failed = "cannot rename into \(rename.target): \(String(cString: strerror(errno)))"
            }
            if failed != nil { unlink(rename.temp) }
        } else if sink.fd != 1 {
            close(sink.fd)
        }
        if let failed { throw Failure(message: failed) }
    }

    private func emit(_ bytes: [UInt8]) {
        guard failed == nil else { return }
        do { try sink.write(bytes) } catch { failed = ReportWriter.describe(error) }
    }

    private func flush() {
        guard failed == nil else { return }
        do { try sink.flush() } catch { failed = ReportWriter.describe(error) }
    }

    private static func describe(_ error: OutputSink.Failure) -> String {
        switch error {
        case .brokenPipe: String(cString: strerror(EPIPE))
        case .io(let failure): failure.message
        }
    }

    /// One document's line.
    static func line(_ relative: String, _ outcome: FileOutcome) -> [UInt8] {
        var json = JSONWriter()
        json.beginObject()
        json.key("path"); json.string(relative)
        switch outcome.status {
        case .cleaned: json.key("status"); json.string("cleaned")
        case .skipped: json.key("status"); json.string("skipped")
        case .failed(let reason): json.key("status"); json.string("failed"); json.key("error"); json.string(reason)
        }
        if case .cleaned = outcome.status {
            json.key("lang"); json.string(outcome.language?.rawValue ?? "")
            json.key("bytes_in"); json.number(outcome.bytesIn)
            json.key("bytes_out"); json.number(outcome.bytesOut)
            json.key("lines_in"); json.number(outcome.linesIn)
            json.key("lines_removed"); json.number(outcome.tally.total)
            json.key("removed_by"); json.counts(outcome.tally)
            if outcome.overBudget { json.key("over_budget"); json.bool(true) }
            var seen = Set<String>()
            json.key("meta"); json.object(outcome.metadata.filter { seen.insert($0.key).inserted }.map { ($0.key, $0.value) })
        }
        json.endObject()
        return json.bytes + [0x0A]
    }
}
