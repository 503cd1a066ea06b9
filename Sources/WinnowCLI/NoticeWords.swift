import WinnowCore
#if canImport(Glibc)
import Glibc
#endif

/// The library's typed notices in the command line's words: the edge where a
/// run's warnings and failures become text (with the CLI's own option names).
extension Diagnostics {
    /// Says a run's notice in the command line's words (its option names included).
    /// `strict`: a bad record ends the run (`--strict`) instead of passing through.
    static func say(_ notice: Notice, maxDocBytes: Int, strict: Bool = false) {
        switch notice {
        case .unreadable(let failure), .writeFailed(let failure):
            error(failure.description)
        case .tooLarge(let place, let passed):
            warning("\(place): larger than --max-doc-bytes (\(maxDocBytes) bytes): \(passed ? "passed through unchanged" : "not cleaned")")
        case .notText(let place, let why, let passed):
            error("\(place): \(why): \(passed ? "passed through unchanged" : "not cleaned")")
        case .converted(let place, let encoding):
            plain("winnow: \(place): \(encoding) text (detected), converted to UTF-8")
        case .cleaning(let place, let message):
            warning("\(place): \(message)")
        case .badRecord(let place, let failure, let key):
            error("\(place): \(describe(failure, key: key)); " + (strict ? "not written: --strict stops the run here" : "passed through unchanged"))
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
