import ArgumentParser
import WinnowCore

/// `winnow rules`: list the rules in force; `--export` prints their patterns.
struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "List the rules in force, or export their patterns.",
        discussion: "--export prints one normalised PCRE2 pattern per line (the line rules: drop, meta, cut, list); --export --combined prints them as one alternation, e.g. for pcre2grep."
    )

    @OptionGroup var rules: RuleOptions

    @Flag(help: "Print the patterns instead of the list.")
    var export = false

    @Flag(help: "With --export: one combined alternation.")
    var combined = false

    func validate() throws {
        if combined && !export { throw ValidationError("--combined goes with --export") }
        // The detectors and the model are not rules: these options change no line of the list.
        let ignored = [(rules.settle, "--settle"), (rules.model != nil, "--model"), (rules.noModel, "--no-model"),
                       (!rules.detectorsOff.isEmpty, "--no-detector"), (rules.noRepeats, "--no-repeats"),
                       (rules.noHeadlineLists, "--no-headline-lists")].filter(\.0).map(\.1)
        if let first = ignored.first {
            throw ValidationError("\(first) changes how pages are cleaned, not which rules are in force: `winnow rules` does not take it")
        }
    }

    func run() throws {
        let ruleSet = try rules.loadRuleSet()
        var lines: [String] = []
        if export {
            let patterns = ruleSet.rules.filter { [.drop, .meta, .cut, .list].contains($0.rule.action) }.map(\.regex.pattern)
            // (?J): rules may reuse group names (meta rules' id, date, source...).
            lines = combined ? (patterns.isEmpty ? [] : ["(?J)" + patterns.map { "(?:\($0))" }.joined(separator: "|")]) : patterns
        } else {
            for compiled in ruleSet.rules {
                let r = compiled.rule
                let langs = r.languages.count == Language.allCases.count ? "all" : r.languages.sorted().map(\.rawValue).joined(separator: ",")
                lines.append("\(r.id)\t\(r.action.rawValue)\t\(langs)\t\(r.scope)\t\(r.location.short)")
            }
        }
        let sink = OutputSink(fd: 1)
        do throws(OutputSink.Failure) {
            if !lines.isEmpty { try sink.write(lines.joined(separator: "\n") + "\n") }
            try sink.flush()
        } catch {
            if case .io(let failure) = error {
                Diagnostics.error(failure.description)
                throw ExitCode(2)
            }
        }
    }
}
