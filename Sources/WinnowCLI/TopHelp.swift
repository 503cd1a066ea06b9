import ArgumentParser

/// `winnow --help`: the default command's usage and options first (as `rg --help`
/// shows its options), then the subcommands. Assembled from argument-parser's own
/// help for `winnow` and `winnow clean`, so it follows the command definitions.
enum TopHelp {
    /// Whether the arguments ask for the top-level help: `help` alone, or `-h` /
    /// `--help` anywhere (before `--`) when no subcommand is named.
    static func isRequested(_ arguments: [String]) -> Bool {
        if arguments == ["help"] { return true }
        if let first = arguments.first, subcommandNames.contains(first) { return false }
        let options = arguments.prefix { $0 != "--" }
        return options.contains("-h") || options.contains("--help")
    }

    static var subcommandNames: Set<String> {
        Set(Winnow.configuration.subcommands.map { $0._commandName } + ["help"])
    }

    static func text(columns: Int? = nil) -> String {
        let root = sections(Winnow.helpMessage(columns: columns))
        let clean = sections(Winnow.helpMessage(for: Clean.self, columns: columns))
        let overview = [root["OVERVIEW"], clean["OVERVIEW"].map(dropFirstParagraph)].compactMap { $0 }
        return (overview + [
            "USAGE: winnow [<options>] [<files> ...]\n       winnow <subcommand> [<options>]",
            clean["ARGUMENTS"], clean["OPTIONS"], root["SUBCOMMANDS"],
        ]).compactMap { $0 }.joined(separator: "\n\n") + "\n"
    }

    /// A help text's sections by heading (`OVERVIEW`, `USAGE`, `OPTIONS`…): each a
    /// line starting `HEADING:` up to the next, trailing blank lines trimmed.
    static func sections(_ help: String) -> [String: String] {
        var found: [String: String] = [:]
        var heading: String? = nil
        var lines: [Substring] = []
        func close() {
            guard let heading else { return }
            while lines.last?.allSatisfy(\.isWhitespace) == true { lines.removeLast() }
            found[heading] = lines.joined(separator: "\n")
        }
        for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
            if let colon = line.firstIndex(of: ":"), !line[..<colon].isEmpty,
               line[..<colon].allSatisfy({ $0.isUppercase && $0.isASCII }) {
                close()
                heading = String(line[..<colon])
                lines = []
            }
            lines.append(line)
        }
        close()
        return found
    }

    /// `OVERVIEW: abstract\n\ndiscussion` → `discussion` (clean's abstract only
    /// says it is the default command).
    private static func dropFirstParagraph(_ text: String) -> String? {
        guard let range = text.range(of: "\n\n") else { return nil }
        return String(text[range.upperBound...])
    }
}
