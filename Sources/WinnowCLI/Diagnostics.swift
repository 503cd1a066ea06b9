#if canImport(Glibc)
import Glibc
#endif

/// Messages on standard error, prefixed with the program's name.
enum Diagnostics {
    static func error(_ message: String) {
        write("winnow: \(message)\n")
    }

    static func warning(_ message: String) {
        write("winnow: warning: \(message)\n")
    }

    /// Rule diagnostics are printed as they are: `path:line:column: error: message`.
    static func plain(_ message: String) {
        write(message.hasSuffix("\n") ? message : message + "\n")
    }

    private static func write(_ text: String) {
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { Glibc.write(2, $0.baseAddress, $0.count) }
    }
}
