import WinnowCore

/// The filter's runs (`winnow`, `explain`, `--check`, `-z`, `--jsonl`), resolved
/// once from the options into a source, a worker and the library's `Runner`; the
/// runner's notices become messages on standard error here, at the edge.
struct FilterRun {
    let ruleSet: RuleSet
    let options: CleanOptions
    let maxDocBytes: Int
    let jobs: Int

    /// Each input one document, cleaned, explained or checked. No more workers than
    /// documents: each worker builds a cleaner. Files need a site only to pick a profile.
    func documents(_ paths: [String], printer: any Printer, inputText: InputText, sites: SiteOptions) -> Runner.Outcome {
        var runner = Runner(jobs: min(jobs, paths.count))
        runner.writesPassedThrough = printer.writesPassedThrough
        let (ruleSet, options) = (ruleSet, options)
        let site: ((Cleaner, DocumentPlace) -> Void)? = options.profiles == nil ? nil : { sites.use(for: $0, file: $1.path) }
        return run(runner, FileSource(paths: paths, cap: maxDocBytes)) {
            var worker = TextDocumentWorker(cleaner: Cleaner(ruleSet: ruleSet, options: options), printer: printer)
            worker.inputText = inputText
            worker.site = site
            return worker
        }
    }

    /// Each input one document, as the filter and `explain` both set it up: the
    /// evidence collected for an explanation, the profiles loaded, then the rule
    /// set's warnings said.
    static func documents(_ paths: [String], printer: any Printer, ruleSet: RuleSet, rules: RuleOptions, output: OutputOptions,
                          inputText: InputTextOptions, sites: SiteOptions, jobs: Int) throws -> Runner.Outcome {
        var options = rules.cleanOptions
        options.collectEvidence = printer is ExplainPrinter
        options.profiles = try sites.loadProfiles()
        sites.sayWhenNoProfileCanBePicked(options.profiles, documentsWithoutSite: paths.contains("-"), files: paths)
        for warning in ruleSet.warnings { Diagnostics.plain(warning.description) }
        return FilterRun(ruleSet: ruleSet, options: options, maxDocBytes: output.maxDocBytes, jobs: jobs)
            .documents(paths, printer: printer, inputText: inputText.policy, sites: sites)
    }

    /// NUL-separated documents: each cleaned as a whole document, quietly, and
    /// ended with its NUL. A `-z` document has no field naming its site: --site, or
    /// the stream's one site.
    func nulStream(_ paths: [String], runner: Runner, inputText: InputText, site: String?, learning: StreamLearning?) -> Runner.Outcome {
        let (ruleSet, options) = (ruleSet, options)
        return run(runner, RecordSource.nul(paths, cap: maxDocBytes)) {
            var worker = TextDocumentWorker(cleaner: Cleaner(ruleSet: ruleSet, options: options),
                                            printer: CleanTextPrinter(finalLineEnd: .likeInput))
            worker.inputText = inputText
            worker.site = { cleaner, _ in cleaner.useSite(site) }
            worker.learning = learning
            worker.separator = 0
            worker.noticesCleanerWarnings = false
            return worker
        }
    }

    /// JSON Lines records, their text field cleaned in place.
    func jsonlStream(_ paths: [String], runner: Runner, textKey: String, meta: Bool, sites: StreamSites,
                     learning: StreamLearning?) -> Runner.Outcome {
        let (ruleSet, options) = (ruleSet, options)
        return run(runner, RecordSource.jsonl(paths, cap: maxDocBytes)) {
            JSONLRecordWorker(cleaner: Cleaner(ruleSet: ruleSet, options: options), textKey: textKey, addMeta: meta,
                              sites: sites, learning: learning)
        }
    }

    private func run<W: DocumentWorker>(_ runner: Runner, _ source: some DocumentSource, worker: @escaping () -> W) -> Runner.Outcome
    where W.Output == DocumentOutput {
        let (maxDocBytes, strict) = (maxDocBytes, runner.strict)
        return runner.run(source, into: OutputSink(fd: 1), notice: { Diagnostics.say($0, maxDocBytes: maxDocBytes, strict: strict) },
                          makeWorker: worker)
    }
}
