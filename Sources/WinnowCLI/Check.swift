import ArgumentParser
import WinnowCore

/// `winnow check [PATH…]`: compile rule files and run their examples.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check rule files: compile every pattern and run every example.",
        discussion: "With no PATH, checks the built-in default rules. Exit status: 0 clean, 1 problems found, 2 could not run."
    )

    @Argument(help: "Rule files or folders (default: the built-in rules).")
    var paths: [String] = []

    func run() throws {
        let ruleSet: RuleSet
        do {
            ruleSet = paths.isEmpty ? try RuleSet.defaults() : try RuleSet.load(paths: paths)
        } catch {
            Diagnostics.plain(error.description)
            throw ExitCode(2)
        }
        let problems = ruleSet.warnings + ExampleChecker(ruleSet: ruleSet).run()
        for problem in problems { Diagnostics.plain(problem.description) }
        let examples = ruleSet.rules.reduce(0) { $0 + $1.rule.examples.count }
        Diagnostics.plain("\(ruleSet.rules.count) rules, \(examples) examples, \(problems.count) problem\(problems.count == 1 ? "" : "s")")
        if !problems.isEmpty { throw ExitCode(1) }
    }
}
