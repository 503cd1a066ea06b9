#if canImport(Glibc)
import Glibc
#endif

/// Messages on standard error, prefixed with the program's name.
enum Diagnostics {
    static func error(_ message: String) {
        write(errorLine(message))
    }

    static func warning(_ message: String) {
        write(warningLine(message))
    }

    /// Rule diagnostics are printed as they are: `path:line:column: error: message`.
    static func plain(_ message: String) {
        write(plainLine(message))
    }

    static func errorLine(_ message: String) -> String { "winnow: \(message)\n" }
    static func warningLine(_ message: String) -> String { "winnow: warning: \(message)\n" }
    static func plainLine(_ message: String) -> String { message.hasSuffix("\n") ? message : message + "\n" }

    fileprivate static func write(_ text: String) {
        // A file name that is not UTF-8 is printed with its own bytes (`PathBytes`).
        var bytes = PathBytes.bytes(text)
        _ = bytes.withUnsafeMutableBytes { Glibc.write(2, $0.baseAddress, $0.count) }
    }
}

import ArgumentParser
import WinnowCore

/// Writes a command's whole output to standard output. A closed pipe ends quietly;
/// any other write error (a full disk) is reported and exits 2, so output is never
/// lost silently.
func writeStandardOutput(_ text: String) throws {
    let sink = OutputSink(fd: 1)
    do throws(OutputSink.Failure) {
        try sink.write(text)
        try sink.flush()
    } catch {
        if case .io(let failure) = error {
            Diagnostics.error(failure.description)
            throw ExitCode(2)
        }
    }
}
