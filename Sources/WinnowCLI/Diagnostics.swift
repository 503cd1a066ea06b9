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

extension Diagnostics {
    /// Says a run's notice in the command line's words (its option names included).
    static func say(_ notice: Notice, maxDocBytes: Int) {
        switch notice {
        case .unreadable(let failure), .writeFailed(let failure):
            error(failure.description)
        case .tooLarge(let place):
            warning("\(place): larger than --max-doc-bytes (\(maxDocBytes) bytes): passed through unchanged")
        case .notText(let place, let why):
            error("\(place): \(why): passed through unchanged")
        case .converted(let place, let encoding):
            plain("winnow: \(place): \(encoding) text (detected), converted to UTF-8")
        case .misread(let place, let encoding, let reason):
            warning("\(place): looks like \(encoding) but is not (\(reason)); read as it is")
        case .cleaning(let place, let message):
            warning("\(place): \(message)")
        case .badRecord(let place, let failure, let key):
            error("\(place): \(describe(failure, key: key)); passed through unchanged")
        case .repeatedKey(let place, let key, let count):
            warning("\(place): the \"\(key)\" field occurs \(count) times: every string occurrence cleaned")
        }
    }

    /// Why a JSON Lines record could not be read.
    static func describe(_ error: JSONLError, key: String) -> String {
        switch error {
        case .notAnObject(let offset): "not a JSON object (byte \(offset + 1))"
        case .malformed(let offset, let reason): "malformed JSON at byte \(offset + 1): \(reason)"
        case .missingKey: "no \"\(key)\" field"
        case .notAString(let offset): "the \"\(key)\" field is not a string (byte \(offset + 1))"
        }
    }

    /// Says what a corpus command (`stats`, `learn`) could not read: a path that
    /// is not there, a file that cannot be read, a record that is skipped.
    static func sayAboutCorpus(_ notice: Notice) {
        switch notice {
        case .unreadable(let failure) where failure.errno != ENOENT:
            error("\(failure.path): cannot read")
        case .badRecord(let place, let failure, let key):
            error("\(place): \(describe(failure, key: key)); skipped")
        default:
            say(notice, maxDocBytes: .max)
        }
    }
}
