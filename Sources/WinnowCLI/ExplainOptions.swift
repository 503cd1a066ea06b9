import ArgumentParser
import WinnowCore

/// How `--explain` / `winnow explain` shows its findings.
struct ExplainOptions: ParsableArguments {
    @Flag(help: "With --explain: one JSON event per line (begin, line, meta, end), like `rg --json`.")
    var json = false

    @Flag(help: "With --explain: the removed lines as a unified diff against the input.")
    var diff = false

    @Option(help: ArgumentHelp("With --explain: show only the lines this rule decided.", valueName: "id"))
    var rule: String?

    var isSet: Bool { json || diff || rule != nil }

    func printer(ruleSet: RuleSet, color: Bool) throws -> ExplainPrinter {
        if json && diff { throw ValidationError("--json and --diff cannot be combined") }
        var only: Int? = nil
        if let rule {
            guard let found = ruleSet.rules.first(where: { $0.rule.id == rule }) else {
                throw ValidationError("no rule with id '\(rule)'")
            }
            only = found.index
        }
        return ExplainPrinter(ruleSet: ruleSet, format: json ? .json : diff ? .diff : .plain, color: color && !json, onlyRule: only)
    }
}
