import ArgumentParser
import WinnowCore
#if canImport(Glibc)
import Glibc
#endif

/// `winnow [OPTIONS] [FILE…]`: each file is one document; no file or `-` reads stdin.
struct Clean: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "clean",
        abstract: "Clean documents (the default command).",
        discussion: "Each FILE is one document; with no FILE, or -, standard input is one document. The cleaned text goes to standard output."
    )

    @OptionGroup var rules: RuleOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var inputText: InputTextOptions

    @Flag(help: "Instead of the cleaned text, print every input line with its fate and the reason.")
    var explain = false

    @OptionGroup var explainOptions: ExplainOptions

    @Flag(help: "Print nothing; exit 0 if some document has lines to remove, 1 if none has.")
    var check = false

    @OptionGroup var stream: StreamOptions

    @OptionGroup var sites: SiteOptions

    @Option(help: ArgumentHelp("With --jsonl: the field naming each record's site, a URL (its host is the site) or a name; \"url\" by default, when a record has it. Cross-document counts and profiles are kept per site.", valueName: "field"))
    var siteKey: String?

    @OptionGroup var parallel: JobsOption

    @Argument(help: "Documents to clean (default: standard input).", completion: .file())
    var files: [String] = []

    func validate() throws {
        let (jsonl, nullData) = (stream.jsonl, stream.nullData)
        if jsonl && nullData { throw ValidationError("--jsonl and --null-data cannot be combined") }
        if explain && stream.isStream { throw ValidationError("--explain works on whole documents, not with --jsonl or --null-data") }
        if (stream.meta || stream.strict || stream.textKey != "text") && !jsonl { throw ValidationError("--meta, --strict and --text-key go with --jsonl") }
        if stream.meta && stream.textKey == JSONLSplicePrinter.metaKey {
            throw ValidationError("--meta writes a \"\(JSONLSplicePrinter.metaKey)\" field: it cannot be the --text-key")
        }
        if stream.crossDoc && !stream.isStream { throw ValidationError("--cross-doc goes with --jsonl or --null-data") }
        if stream.lineBuffered && !stream.isStream { throw ValidationError("--line-buffered goes with --jsonl or --null-data") }
        if siteKey != nil && !jsonl { throw ValidationError("--site-key goes with --jsonl") }
        if siteKey != nil && sites.site != nil { throw ValidationError("--site-key and --site cannot be combined (--site makes every record one site)") }
        // A site is read for what is kept per site: nothing else uses it here.
        if (siteKey != nil || sites.site != nil) && !stream.crossDoc && sites.profile == nil {
            throw ValidationError("\(siteKey != nil ? "--site-key" : "--site") names the site for --cross-doc or --profile: give one of them")
        }
        if jsonl && inputText.convertsFromNamed {
            throw ValidationError("--input-encoding does not go with --jsonl: JSON Lines are UTF-8 text; convert the file first (iconv -f NAME -t UTF-8)")
        }
        if nullData && inputText.hasNulsInText {
            throw ValidationError("--input-encoding \(inputText.inputEncoding) does not go with --null-data: its text holds NUL bytes, which -z splits at; convert the stream first")
        }
        if check && (explain || stream.isStream) { throw ValidationError("--check cannot be combined with --explain, --jsonl or --null-data") }
        if explainOptions.isSet && !explain { throw ValidationError("--json, --diff and --rule go with --explain") }
    }

    func run() throws {
        let ruleSet = try rules.loadRuleSet()
        let inputs = files.isEmpty ? ["-"] : files
        guard stream.isStream else { return try runDocuments(ruleSet, inputs) }
        for warning in ruleSet.warnings { Diagnostics.plain(warning.description) }
        var options = rules.cleanOptions
        options.profiles = try sites.loadProfiles()
        sites.sayWhenNoProfileCanBePicked(options.profiles, documentsWithoutSite: stream.nullData)
        let run = FilterRun(ruleSet: ruleSet, options: options, maxDocBytes: output.maxDocBytes, jobs: parallel.workers)
        let runner = stream.runner(jobs: parallel.workers)
        let learning = stream.crossDoc ? StreamLearning() : nil
        let outcome = stream.jsonl
            ? run.jsonlStream(inputs, runner: runner, textKey: stream.textKey, meta: stream.meta,
                              sites: StreamSites(fixed: sites.site,
                                                 // The site field is read only when something is kept per site.
                                                 field: stream.crossDoc || sites.profile != nil ? (siteKey ?? "url") : nil),
                              learning: learning)
            : run.nulStream(inputs, runner: runner, inputText: inputText.policy, site: sites.site, learning: learning)
        if !outcome.ok { throw ExitCode(2) }
    }

    /// Each input one document: cleaned, explained or checked.
    private func runDocuments(_ ruleSet: RuleSet, _ inputs: [String]) throws {
        let printer: any Printer
        if check { printer = SilentPrinter() }
        else if explain { printer = try explainOptions.printer(ruleSet: ruleSet, color: output.useColor(fd: 1), titled: inputs.count > 1) }
        else { printer = CleanTextPrinter() }
        let outcome = try FilterRun.documents(inputs, printer: printer, ruleSet: ruleSet, rules: rules, output: output,
                                              inputText: inputText, sites: sites, jobs: parallel.workers)
        if !outcome.ok { throw ExitCode(2) }
        if check && !outcome.foundChrome { throw ExitCode(1) }
    }
}

/// `winnow explain FILE…`: the same as `winnow --explain FILE…`.
struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show every line of a document with its fate: kept, or removed by which rule or detector."
    )

    @OptionGroup var rules: RuleOptions
    @OptionGroup var output: OutputOptions
    @OptionGroup var explainOptions: ExplainOptions
    @OptionGroup var inputText: InputTextOptions
    @OptionGroup var sites: SiteOptions
    @OptionGroup var parallel: JobsOption

    @Argument(help: "Documents to explain (default: standard input).", completion: .file())
    var files: [String] = []

    func run() throws {
        let ruleSet = try rules.loadRuleSet()
        let inputs = files.isEmpty ? ["-"] : files
        let printer = try explainOptions.printer(ruleSet: ruleSet, color: output.useColor(fd: 1), titled: inputs.count > 1)
        let outcome = try FilterRun.documents(inputs, printer: printer, ruleSet: ruleSet, rules: rules, output: output,
                                              inputText: inputText, sites: sites, jobs: parallel.workers)
        if !outcome.ok { throw ExitCode(2) }
    }
}

/// Options about what is written.
struct OutputOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Documents larger than this many bytes pass through unchanged, with a warning.", valueName: "bytes"))
    var maxDocBytes: Int = 256 << 20

    @Option(help: ArgumentHelp("Colour in explanations: auto, always or never (auto honours NO_COLOR and TERM=dumb).", valueName: "when"))
    var color: ColorChoice = .auto

    enum ColorChoice: String, ExpressibleByArgument, CaseIterable { case auto, always, never }

    init() {}
    init(color: ColorChoice) { self.color = color }

    mutating func validate() throws {
        if maxDocBytes < 1 { throw ValidationError("--max-doc-bytes must be at least 1") }
        // A larger document cannot be split into lines (LineSpan's 32-bit offsets): it passes through.
        maxDocBytes = min(maxDocBytes, LineSpan.maxDocumentBytes)
    }

    func useColor(fd: Int32) -> Bool {
        switch color {
        case .always: return true
        case .never: return false
        case .auto:
            if let noColor = getenv("NO_COLOR"), noColor.pointee != 0 { return false }
            if let term = getenv("TERM"), String(cString: term) == "dumb" { return false }
            return isatty(fd) != 0
        }
    }
}
