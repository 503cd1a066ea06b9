import Foundation
import WinnowCore
#if canImport(Glibc)
import Glibc
#endif

/// Where `batch --report` goes: the lines `ReportPrinter` makes, written in path
/// order, each at once as its document is done (an interrupted run's report ends at
/// the last of them), with the lines of the files the plan could not take among
/// them (`BatchRun.planFailures`). What
/// the report destroys is only what it replaces:
/// - a regular file (or a new one) is written to a hidden temporary file beside it,
///   renamed over it at the end (until then the old report stays whole; after a
///   `kill -9` the temporary file holds the lines of what was done);
/// - a device, a FIFO or a socket, and `-` (standard output), are written through;
/// - a symlink is followed: its target is written, the link stays.
final class ReportFile {
    struct Failure: Error { let message: String }

    private let path: String
    private let sink: OutputSink
    /// Set when writing to a temporary file: (temporary, target).
    private let rename: (temp: String, target: String)?
    private var failed: String?
    /// The reader of a pipe (`--report - | head`) went away: the report ends there,
    /// quietly, as the filter's output does; the run goes on writing its files.
    private var readerLeft = false

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

    /// Writes one document's line, at once.
    func write(_ line: [UInt8]) {
        emit(line)
        flush()
    }

    /// Closes the report and renames it into place.
    func finish() throws(Failure) {
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
        guard failed == nil, !readerLeft else { return }
        do { try sink.write(bytes) } catch { note(error) }
    }

    private func flush() {
        guard failed == nil, !readerLeft else { return }
        do { try sink.flush() } catch { note(error) }
    }

    private func note(_ error: OutputSink.Failure) {
        if case .brokenPipe = error, rename == nil { readerLeft = true } else { failed = ReportFile.describe(error) }
    }

    private static func describe(_ error: OutputSink.Failure) -> String {
        switch error {
        case .brokenPipe: String(cString: strerror(EPIPE))
        case .io(let failure): failure.message
        }
    }
}
