import ArgumentParser
import WinnowCore

/// `winnow learn DIR…`: propose rules for a site's template lines.
struct Learn: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "learn",
        abstract: "Propose rules for the template lines of a site, from many of its pages.",
        discussion: """
        Prints a rule file to review and save, e.g. `winnow learn pages/ --site example > rules/sites/example.rules`. \
        With --save-profile DIR, writes the site's profile instead: DIR/SITE.rules (the same rules) and \
        DIR/SITE.profile (the template lines the cross-document pass removes from these pages: their keys, \
        page counts and an example each, plain text); `winnow --profile DIR` or `--profile DIR/SITE.profile` \
        then applies both to new pages of the site without relearning.
        """
    )

    @Argument(help: "Folders of pages (every *.txt below), page files, or JSON Lines files with --jsonl.", completion: .file())
    var paths: [String]

    @Option(help: ArgumentHelp("Name used in the rule ids (SITE.learned-N).", valueName: "name"))
    var site = "site"

    @Flag(help: "Inputs are JSON Lines; learn from each record's text field.")
    var jsonl = false

    @Option(help: ArgumentHelp("With --jsonl: the field holding the text.", valueName: "key"))
    var textKey = "text"

    @Option(help: ArgumentHelp("A line must stand in at least this many pages.", valueName: "n"))
    var minPages = 3

    @Option(help: ArgumentHelp("...and in at least this share of the pages.", valueName: "share"))
    var minShare = 0.2

    @Flag(help: "Also propose lines that look like article prose.")
    var all = false

    @Option(help: ArgumentHelp("Write the site's profile (SITE.rules and SITE.profile) to this folder instead of printing the rules.", valueName: "dir"), completion: .directory)
    var saveProfile: String?

    @OptionGroup var rules: RuleOptions
    @OptionGroup var crossDoc: CrossDocOptions

    func validate() throws {
        // The site names the rule ids (SITE.learned-N) and the profile's files (SITE.rules).
        guard !site.isEmpty, RuleParser.isValidID(Substring(site)) else {
            throw ValidationError("--site: use letters, digits, '.', '-' and '_' (at least one)")
        }
        if minPages < 1 { throw ValidationError("--min-pages must be at least 1 (got \(minPages))") }
        if !(0...1).contains(minShare) { throw ValidationError("--min-share must be a number from 0 to 1 (got \(minShare))") }
        if crossDoc.noCrossDoc && saveProfile != nil { throw ValidationError("--save-profile needs the cross-document pass: drop --no-cross-doc") }
    }

    func run() throws {
        var learner = TemplateLearner()
        learner.minimumDocuments = minPages
        learner.minimumShare = minShare
        learner.includeProse = all
        learner.kinds = rules.cleanOptions.lineKinds
        // On the runner, as stats reads a corpus; learning cleans nothing and writes
        // nothing, and what cannot be read is said as stats says it.
        let learning = CorpusLearning(learner, keepsPages: saveProfile != nil)
        var runner = Runner(jobs: 1)
        runner.writesPassedThrough = false
        let outcome = runner.run(CorpusSource(paths: paths, textKey: jsonl ? textKey : nil), into: OutputSink(fd: 1),
                                 notice: Diagnostics.sayAboutCorpus) { LearningWorker(learning: learning) }
        // Fewer pages than a line must stand in: nothing can be proposed (a profile
        // still takes lines on two pages, --template-min-docs).
        let pages = learning.learner.documentCount
        if pages < minPages {
            Diagnostics.warning("\(pages) page\(pages == 1 ? "" : "s") read: a line must stand in at least \(minPages) "
                                + "(--min-pages) to be proposed, so no rule can be; give more of the site's pages")
        }
        if let saveProfile {
            try writeProfile(learning, to: saveProfile)
        } else {
            try writeStandardOutput(learning.learner.ruleFile(site: site))
        }
        if !outcome.ok { throw ExitCode(2) }
    }

    /// DIR/SITE.rules and DIR/SITE.profile: the pages cleaned as one batch site
    /// (the cross-document pass over them), its template removals recorded.
    private func writeProfile(_ learning: CorpusLearning, to folder: String) throws {
        let cleaner = Cleaner(ruleSet: try rules.loadRuleSet(), options: rules.cleanOptions)
        let profile = learning.profileText(site: site, rulesFile: site + ".rules", cleaner: cleaner,
                                           minimumDocuments: crossDoc.templateMinDocs)
        if let reason = Batch.makeFolder(folder) {
            Diagnostics.error("\(folder): cannot create the profile folder: \(reason)")
            throw ExitCode(2)
        }
        do {
            try AtomicWriter.write(Array(learning.learner.ruleFile(site: site).utf8), to: folder + "/" + site + ".rules")
            try AtomicWriter.write(Array(profile.utf8), to: folder + "/" + site + ".profile")
        } catch {
            Diagnostics.error("\(folder): \(error)")
            throw ExitCode(2)
        }
    }
}

/// `winnow stats DIR…`: lines removed per rule and detector over a corpus.
struct Stats: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stats",
        abstract: "Count the lines each rule and detector removes over a corpus, and list rules that never fire."
    )

    @OptionGroup var rules: RuleOptions

    @Argument(help: "Folders of pages (every *.txt below), page files, or JSON Lines files with --jsonl.", completion: .file())
    var paths: [String]

    @Flag(help: "Inputs are JSON Lines; use each record's text field.")
    var jsonl = false

    @Option(help: ArgumentHelp("With --jsonl: the field holding the text.", valueName: "key"))
    var textKey = "text"

    func run() throws {
        let ruleSet = try rules.loadRuleSet()
        // One worker: the printer counts as it goes.
        let counts = TallyPrinter(ruleSet: ruleSet)
        var runner = Runner(jobs: 1)
        runner.writesPassedThrough = false
        let outcome = runner.run(CorpusSource(paths: paths, textKey: jsonl ? textKey : nil), into: OutputSink(fd: 1),
                                 notice: Diagnostics.sayAboutCorpus) {
            var worker = TextDocumentWorker(cleaner: Cleaner(ruleSet: ruleSet, options: rules.cleanOptions), printer: counts)
            worker.noticesCleanerWarnings = false
            return worker
        }
        let (documents, lines, tally) = (counts.documents, counts.lines, counts.tally)
        var out = "\(documents) documents, \(lines) lines, \(tally.total) removed\n\nlines\treason\n"
        for (reason, count) in tally.ranked { out += "\(count)\t\(reason)\n" }
        // Over no document every rule "never fired": that list would say nothing.
        if documents > 0 {
            let silent = ruleSet.rules.filter { tally.lines(.rule($0.rule.id)) == 0 && $0.rule.action != .keep && $0.rule.action != .strip }
            out += "\nrules that never fired (\(silent.count)):\n"
            for r in silent { out += "\(r.rule.id)\t\(r.rule.location.short)\n" }
        } else if outcome.ok {
            Diagnostics.warning("no document in \(paths.joined(separator: ", ")) (a folder gives its *.txt files; --jsonl reads records)")
        }
        try writeStandardOutput(out)
        if !outcome.ok { throw ExitCode(2) }
    }
}
