import ArgumentParser
import WinnowCore

/// `winnow check [PATH…]`: compile rule files and run their examples.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check rule files: compile every pattern and run every example.",
        discussion: "With no PATH, checks the built-in default rules. Exit status: 0 clean, 1 problems found, 2 could not run."
    )

    @Argument(help: "Rule files or folders (default: the built-in rules).", completion: .file(extensions: ["rules"]))
    var paths: [String] = []

    @Option(help: ArgumentHelp("Output format: text (path:line:column: severity: message) or json (one object per line).", valueName: "format"))
    var format: Format = .text

    enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

    func run() throws {
        let ruleSet: RuleSet
        do {
            ruleSet = paths.isEmpty ? try RuleSet.defaults() : try RuleSet.load(paths: paths)
        } catch {
            try report(error.diagnostics)
            throw ExitCode(2)
        }
        let problems = ruleSet.warnings + ExampleChecker(ruleSet: ruleSet).run() + RuleLinter(ruleSet: ruleSet).run()
        try report(problems)
        let examples = ruleSet.rules.reduce(0) { $0 + $1.rule.examples.count }
        if format == .text {
            Diagnostics.plain("\(ruleSet.rules.count) rule\(ruleSet.rules.count == 1 ? "" : "s"), \(examples) example\(examples == 1 ? "" : "s"), \(problems.count) problem\(problems.count == 1 ? "" : "s")")
        }
        if !problems.isEmpty { throw ExitCode(1) }
    }

    /// Text diagnostics go to standard error; JSON ones to standard output, for tools.
    private func report(_ diagnostics: [Diagnostic]) throws {
        switch format {
        case .text:
            for d in diagnostics { Diagnostics.plain(d.description) }
        case .json:
            var out: [UInt8] = []
            for d in diagnostics {
                var w = JSONWriter()
                w.beginObject()
                w.key("path"); w.string(d.location.path)
                w.key("line"); w.number(d.location.line)
                w.key("column"); w.number(d.location.column)
                w.key("severity"); w.string(d.severity.rawValue)
                w.key("message"); w.string(d.message)
                w.endObject()
                out += w.bytes + [0x0A]
            }
            try writeStandardOutput(String(decoding: out, as: UTF8.self))
        }
    }
}
