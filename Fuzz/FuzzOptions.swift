// libFuzzer target (e): the command-line parser.
//
// The input is an argv: arguments separated by NUL bytes, each read as `main` reads
// the raw argv (`PathBytes`, so bytes that are not UTF-8 survive). Runs what `main`
// does before a command runs: `expandSpellings`, `trailingFiles` and
// swift-argument-parser's `parseAsRoot` with every command's `validate()`, then the
// messages a usage error prints. Nothing may crash or trap: every bad argv is a
// thrown error. Commands are parsed, never run (validation only reads the file
// system: `batch` looks at its folders, `--input-encoding` asks iconv).
//
// Compiled into one module with the WinnowCLI sources (their `@main` renamed, see
// build.sh), over WinnowCore and ArgumentParser modules built with the same flags.
import ArgumentParser
import WinnowCore

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let arguments = bytes.split(separator: 0, omittingEmptySubsequences: false).prefix(64).map { part in
        part.withUnsafeBufferPointer { PathBytes.string($0) }
    }
    let expanded = Main.expandSpellings(arguments)
    let (head, files) = Main.trailingFiles(expanded)
    precondition(head.count + files.count == expanded.count, "trailingFiles lost arguments")
    do {
        let command = try Winnow.parseAsRoot(head)
        _ = command
    } catch {
        // What main prints for it; exit codes come from argument-parser too.
        _ = Winnow.exitCode(for: error)
        _ = Winnow.fullMessage(for: error)
    }
    return 0
}
