import ArgumentParser
import WinnowCore
#if canImport(Glibc)
import Glibc
#endif

/// The `winnow` command. With no subcommand it cleans (`winnow clean`).
///
/// Every command names itself (`commandName:`, the name ArgumentParser would
/// derive): deriving it takes a `String(describing:)` of the type, and parsing and
/// `TopHelp` ask for every subcommand's name on each run, about 10M instructions
/// of start-up (type metadata and protocol conformance lookups).
struct Winnow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "winnow",
        abstract: "Strip boilerplate from scraped web pages given as plain text; keep the article.",
        version: Version.number,
        subcommands: [Clean.self, Batch.self, Explain.self, Check.self, RulesCommand.self, Learn.self, Stats.self, Eval.self, Features.self],
        defaultSubcommand: Clean.self
    )
}

@main
enum Main {
    static func main() {
        // `| head` closes the pipe: stop quietly instead of dying of SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        do {
            // The raw argv: CommandLine.arguments replaces bytes that are not UTF-8 (a file
            // name such as `bad\xFF.txt`) with U+FFFD, and that name could not be opened.
            let raw = (1..<Int(CommandLine.argc)).compactMap { CommandLine.unsafeArgv[$0].map { PathBytes.string(cString: $0) } }
            let arguments = Main.expandSpellings(raw)
            if TopHelp.isRequested(arguments) { return try writeStandardOutput(TopHelp.text()) }
            if Version.isRequested(arguments) { return try writeStandardOutput(Version.text + "\n") }
            let (head, files) = Main.trailingFiles(arguments)
            if !files.isEmpty, var clean = try Winnow.parseAsRoot(head) as? Clean {
                clean.files += files
                try clean.run()
            } else {
                var command = try Winnow.parseAsRoot(arguments)
                try command.run()
            }
        } catch {
            // grep's convention: usage errors exit 2, not argument-parser's 64.
            if Winnow.exitCode(for: error) == .validationFailure {
                Diagnostics.error(Winnow.fullMessage(for: error))
                exit(2)
            }
            // A subcommand's --help (argument-parser's clean exit): written as every
            // other output is, so a failed write (`> /dev/full`) is an error, exit 2.
            if Winnow.exitCode(for: error) == .success, case let help = Winnow.fullMessage(for: error), !help.isEmpty {
                do { try writeStandardOutput(help + "\n") } catch { exit(2) }
                exit(0)
            }
            Winnow.exit(withError: error)
        }
    }

    /// argument-parser takes time quadratic in the number of arguments (10 000 file
    /// names: 2.4 s, 20 000: 9 s), so past `manyArguments` the names at the end of
    /// a `clean` command line (after the last `-`-argument) are held back from it
    /// and added to the files once parsed. The first of them stays with the parser:
    /// it may be an option's value (`--rules DIR a.txt …`). Returns the arguments
    /// for the parser and the names held back (none when the list is short).
    static func trailingFiles(_ arguments: [String]) -> (head: [String], files: [String]) {
        guard arguments.count > manyArguments else { return (arguments, []) }
        var start = arguments.count
        while start > 0, !arguments[start - 1].hasPrefix("-") { start -= 1 }
        guard arguments.count - start > 1 else { return (arguments, []) }
        return (Array(arguments[...start]), Array(arguments[(start + 1)...]))
    }

    static let manyArguments = 256

    /// Spellings argument-parser does not take: `--in-place=SUFFIX` (an option with an
    /// optional value) is `--in-place --backup-suffix SUFFIX`; `-j4` is `-j 4`.
    static func expandSpellings(_ arguments: [String]) -> [String] {
        arguments.flatMap { arg -> [String] in
            if arg.hasPrefix("--in-place=") { return ["--in-place", "--backup-suffix", String(arg.dropFirst("--in-place=".count))] }
            if arg.hasPrefix("-j"), arg.count > 2, Int(arg.dropFirst(2)) != nil { return ["-j", String(arg.dropFirst(2))] }
            return [arg]
        }
    }
}
