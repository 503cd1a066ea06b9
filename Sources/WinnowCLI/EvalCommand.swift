import ArgumentParser
import Foundation
import WinnowCore

/// `winnow eval`: score the cleaner on pages with gold files.
struct Eval: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Score cleaning against gold files: recall, chrome removal, precision, F1, exact pages.",
        discussion: "PAGES/SITE/NAME.txt is scored against GOLD/SITE/NAME.txt (the kept lines, as in GOLD.md)."
    )

    @OptionGroup var rules: RuleOptions

    @Option(help: ArgumentHelp("The pages folder.", valueName: "dir"), completion: .directory)
    var pages = "eval/pages"

    @Option(help: ArgumentHelp("The gold folder (same layout).", valueName: "dir"), completion: .directory)
    var gold = "eval/gold"

    @Option(help: ArgumentHelp("How many of the worst lines to list.", valueName: "n"))
    var worst = 20

    @Flag(help: "Score the same pages with each decider, rows side by side: the rules and detectors alone (as --no-model), then with the line model.")
    var compare = false

    @OptionGroup var crossDoc: CrossDocOptions
    @OptionGroup var sites: SiteOptions

    func validate() throws {
        if worst < 0 { throw ValidationError("--worst must be at least 0 (got \(worst))") }
        if compare && rules.noModel { throw ValidationError("--compare scores with and without the line model: drop --no-model") }
    }

    func run() throws {
        let ruleSet = try rules.loadRuleSet()
        var options = rules.cleanOptions
        let plan = FolderTree(root: pages, glob: "*.txt", includeHidden: false)
        guard !plan.items.isEmpty else {
            var info = stat()
            let why = stat(pages, &info) != 0 ? String(cString: strerror(errno))
                : info.st_mode & S_IFMT != S_IFDIR ? "not a folder" : "no page (*.txt) in this folder"
            Diagnostics.error("\(pages): \(why)")
            throw ExitCode(2)
        }
        options.profiles = try sites.loadProfiles()
        // Like a batch run: a first pass learns the lines the pages share.
        let learning = crossDoc.firstPass(over: plan.items.map(\.input), kinds: options.lineKinds)
        var runs: [EvalReport.Scored] = []
        for (decider, options) in try deciders(options) {
            runs.append(EvalReport.Scored(decider: decider, evaluation: try score(plan, ruleSet: ruleSet, options: options, learning: learning)))
        }
        try writeStandardOutput(EvalReport.text(runs, worst: worst))
    }

    /// The options each decider cleans with: one run as the options say, or with
    /// `--compare` the rules and detectors alone, then with the line model.
    private func deciders(_ options: CleanOptions) throws -> [(String?, CleanOptions)] {
        guard compare else { return [(nil, options)] }
        guard options.classifier != nil else {
            Diagnostics.error("--compare: no line model to compare with")
            throw ExitCode(2)
        }
        var alone = options
        alone.classifier = nil
        return [("no-model", alone), ("model", options)]
    }

    /// Cleans every page on the `Runner` (one job: the worst lines keep the pages'
    /// order) and scores it against its gold file. A missing page or gold file is an error.
    private func score(_ plan: FolderTree, ruleSet: RuleSet, options: CleanOptions, learning: LearnedTemplates?) throws -> Evaluation {
        let relative = Dictionary(plan.items.map { ($0.input, $0.relative) }, uniquingKeysWith: { first, _ in first })
        let goldRoot = gold
        let scorer = GoldScorePrinter(explanation: Explanation(ruleSet: ruleSet)) { place in
            let name = relative[place.path] ?? place.path
            return (name, FileManager.default.contents(atPath: goldRoot + "/" + name).map { [UInt8]($0) })
        }
        var unreadable: [String] = []
        let sites = sites
        _ = Runner(jobs: 1).run(FileSource(paths: plan.items.map(\.input), cap: .max), into: OutputSink(fd: 1),
                                notice: { if case .unreadable(let failure) = $0 { unreadable.append(relative[failure.path] ?? failure.path) } }) {
            var worker = TextDocumentWorker(cleaner: Cleaner(ruleSet: ruleSet, options: options), printer: scorer)
            worker.site = { cleaner, place in sites.use(for: cleaner, file: place.path, folderKey: TemplateFirstPass.site(of: place.path)) }
            worker.learning = learning
            worker.noticesCleanerWarnings = false
            return worker
        }
        if let first = (unreadable + scorer.missingGold).min() {
            Diagnostics.error("\(first): page or gold file missing")
            throw ExitCode(2)
        }
        // Said once, whatever the number of runs (--compare scores the same gold twice).
        if options.classifier == nil || !compare {
            for stray in scorer.evaluation.strayGold {
                Diagnostics.warning("\(goldRoot)/\(stray.page):\(stray.line): a gold line the page does not hold (passed over): \(stray.text)")
            }
        }
        return scorer.evaluation
    }
}
