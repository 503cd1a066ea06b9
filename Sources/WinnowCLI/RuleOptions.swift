import ArgumentParser
import Foundation
import WinnowCore

/// Options shared by every command that cleans: which rules, which language,
/// which detectors.
struct RuleOptions: ParsableArguments {
    @Option(name: .customLong("rules"), help: ArgumentHelp("A rule file or folder (repeatable). Replaces the default rules.", valueName: "path"), completion: .file(extensions: ["rules"]))
    var rulePaths: [String] = []

    @Flag(help: "Use no rules but those given with --rules (detectors still run).")
    var noDefaultRules = false

    @Option(help: ArgumentHelp("Document language: \(LanguageChoice.valueList).", valueName: "lang"))
    var lang: LanguageChoice = .auto

    @Option(name: .customLong("no-detector"), help: ArgumentHelp("Turn off a detector (repeatable): \(DetectorName.help).", valueName: "id"))
    var detectorsOff: [DetectorName] = []

    @Flag(help: "Same as --no-detector repeats.")
    var noRepeats = false

    @Flag(help: "Same as --no-detector headline-list --no-detector menu.")
    var noHeadlineLists = false

    @Option(help: ArgumentHelp("A line model file, instead of the built-in one.", valueName: "file"), completion: .file(extensions: ["model"]))
    var model: String?

    @Flag(help: "Turn off the line model: rules and detectors decide alone.")
    var noModel = false

    @Flag(help: "Clean the output again until a round removes nothing (at most \(RuleOptions.settleRounds) rounds): cleaning the result again then changes nothing. Slower.")
    var settle = false

    static let settleRounds = 64

    /// Loads the rule set; prints rule errors as `path:line:column: error: message`
    /// and exits 2 when there are any.
    func loadRuleSet() throws -> RuleSet {
        _ = try loadModel()
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
        options.detectorsOff = Set(detectorsOff.map(\.id))
        if noRepeats { options.turnOff(RepeatDetector.self) }
        if noHeadlineLists { options.turnOff(HeadlineListDetector.self); options.turnOff(MenuDetector.self) }
        options.language = lang.language
        options.classifier = try? loadModel()
        if settle { options.settleRounds = RuleOptions.settleRounds }
        return options
    }

    /// The line model in force, nil with --no-model; a bad model file is an
    /// error (exit 2) the first time it is asked for, which `loadRuleSet` does.
    func loadModel() throws -> LineModel? {
        if noModel { return nil }
        guard let path = model else { return RuleOptions.defaultModel }
        if let cached = ModelCache.shared.model(at: path) { return cached }
        do {
            let loaded = try LineModel(contentsOfFile: path)
            ModelCache.shared.keep(loaded, at: path)
            return loaded
        } catch {
            Diagnostics.error("\(path): \(error)")
            throw ExitCode(2)
        }
    }

    /// The model that runs when neither --model nor --no-model is given.
    static var defaultModel: LineModel? { LineModel.embedded }
}

/// A detector's id on the command line: one of the registry's.
struct DetectorName: ExpressibleByArgument {
    let id: String

    init?(argument: String) {
        guard DetectorRegistry.standard.id(named: argument) != nil else { return nil }
        id = argument
    }

    static var allValueStrings: [String] { DetectorRegistry.standard.ids }

    /// "repeats = later copies of a line or block, exact or near; ...".
    static var help: String {
        DetectorRegistry.standard.detectors.map { "\($0.id) = \($0.summary)" }.joined(separator: "; ")
    }
}

/// Model files read once a run, whichever command asks.
final class ModelCache: @unchecked Sendable {
    static let shared = ModelCache()
    private var models: [String: LineModel] = [:]
    private let lock = NSLock()

    func model(at path: String) -> LineModel? { lock.withLock { models[path] } }
    func keep(_ model: LineModel, at path: String) { lock.withLock { models[path] = model } }
}
