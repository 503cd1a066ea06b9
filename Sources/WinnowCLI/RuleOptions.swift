import ArgumentParser
import WinnowCore

/// Options shared by every command that cleans: which rules, which language,
/// which detectors.
struct RuleOptions: ParsableArguments {
    @Option(name: .customLong("rules"), help: ArgumentHelp("A rule file or folder (repeatable). Replaces the default rules.", valueName: "path"))
    var rulePaths: [String] = []

    @Flag(help: "Use no rules but those given with --rules (detectors still run).")
    var noDefaultRules = false

    @Option(help: ArgumentHelp("Document language: auto, fa, ar or en.", valueName: "lang"))
    var lang: LanguageChoice = .auto

    @Flag(help: "Turn off the repeated-line and repeated-block detector.")
    var noRepeats = false

    @Flag(help: "Turn off the headline-list detector.")
    var noHeadlineLists = false

    enum LanguageChoice: String, ExpressibleByArgument, CaseIterable {
        case auto, fa, ar, en
    }

    /// Loads the rule set; prints rule errors as `path:line:column: error: message`
    /// and exits 2 when there are any.
    func loadRuleSet() throws -> RuleSet {
        do throws(RuleErrors) {
            let ruleSet: RuleSet
            if !rulePaths.isEmpty {
                ruleSet = try RuleSet.load(paths: rulePaths)
            } else if noDefaultRules {
                ruleSet = .empty
            } else {
                ruleSet = try RuleSet.defaults()
            }
            return ruleSet
        } catch {
            Diagnostics.plain(error.description)
            throw ExitCode(2)
        }
    }

    var cleanOptions: CleanOptions {
        var options = CleanOptions()
        options.detectRepeats = !noRepeats
        options.detectHeadlineLists = !noHeadlineLists
        options.language = lang == .auto ? nil : Language(rawValue: lang.rawValue)
        return options
    }
}
