import ArgumentParser
import WinnowCore
#if canImport(Glibc)
import Glibc
#endif

/// The `winnow` command. With no subcommand it cleans (`winnow clean`).
struct Winnow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "winnow",
        abstract: "Strip boilerplate from scraped web pages given as plain text; keep the article.",
        version: "0.1.0",
        subcommands: [Clean.self, Batch.self, Explain.self, Check.self, RulesCommand.self, Learn.self, Stats.self, Eval.self],
        defaultSubcommand: Clean.self
    )
}

@main
enum Main {
    static func main() {
        // `| head` closes the pipe: stop quietly instead of dying of SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try Winnow.parseAsRoot(Main.expandSpellings(Array(CommandLine.arguments.dropFirst())))
            try command.run()
        } catch {
            // grep's convention: usage errors exit 2, not argument-parser's 64.
            if Winnow.exitCode(for: error) == .validationFailure {
                Diagnostics.error(Winnow.fullMessage(for: error))
                exit(2)
            }
            Winnow.exit(withError: error)
        }
    }

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
