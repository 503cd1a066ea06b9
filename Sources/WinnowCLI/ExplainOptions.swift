import ArgumentParser
import WinnowCore

/// How `--explain` / `winnow explain` shows its findings.
struct ExplainOptions: ParsableArguments {
    @Flag(help: "Print the explanation as one JSON event per line (begin, line, meta, end), like `rg --json`.")
    var json = false

    @Flag(help: "Print the explanation as a unified diff: the removed lines against the input.")
    var diff = false

    @Option(help: ArgumentHelp("Explain only the lines this rule decided.", valueName: "id"))
    var rule: String?

    var isSet: Bool { json || diff || rule != nil }

    func printer(ruleSet: RuleSet, color: Bool, titled: Bool) throws -> ExplainPrinter {
        if json && diff { throw ValidationError("--json and --diff cannot be combined") }
        var only: Int? = nil
        if let rule {
            guard let found = ruleSet.rules.first(where: { $0.rule.id == rule }) else {
                // Not a usage error: the id is fine as a word, the rules in force lack it.
                Diagnostics.error("--rule \(rule): unknown rule id (`winnow rules` lists the rules in force)")
                throw ExitCode(2)
            }
            only = found.index
        }
        var printer = ExplainPrinter(ruleSet: ruleSet, format: json ? .json : diff ? .diff : .plain, color: color && !json, onlyRule: only)
        printer.titled = titled
        return printer
    }
}
