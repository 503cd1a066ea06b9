import ArgumentParser
import Foundation
import WinnowCore
#if canImport(Glibc)
import Glibc
#endif

/// `winnow batch IN -o OUT`: clean every text file under IN into the same path
/// under OUT (or in place), in parallel, with progress, a summary and a report.
struct Batch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "batch",
        abstract: "Clean every text file under a folder, in parallel.",
        discussion: """
        Each output is written to a temporary file and renamed: an interrupted run leaves every \
        output complete or absent, and running again finishes the job (with --skip-existing, \
        outputs newer than their inputs are not redone). A file that cannot be cleaned (unreadable, \
        binary, not UTF-8, over the size cap) is reported and skipped; the exit status is then 2.
        """
    )

    @OptionGroup var rules: RuleOptions

    @Argument(help: "The folder to clean.", completion: .directory)
    var input: String

    @Option(name: .shortAndLong, help: ArgumentHelp("The output folder (mirrors the input's layout).", valueName: "dir"), completion: .directory)
    var output: String?

    @Flag(help: "Rewrite the files themselves instead of writing to -o.")
    var inPlace = false

    @Option(help: ArgumentHelp("With --in-place: keep each original as NAME+SUFFIX (also written --in-place=SUFFIX).", valueName: "suffix"))
    var backupSuffix: String?

    @OptionGroup var parallel: JobsOption

    @Option(help: ArgumentHelp("Which files count as input, by name.", valueName: "pattern"))
    var glob = "*.txt"

    @Flag(help: "Also clean hidden files and enter hidden folders.")
    var hidden = false

    @Flag(help: "Skip inputs whose output exists and is newer.")
    var skipExisting = false

    @Flag(inversion: .prefixedNo, help: "Show a progress line on standard error (default: when it is a terminal).")
    var progress: Bool?

    @Option(help: ArgumentHelp("Write one JSON line per document to this file.", valueName: "file"), completion: .file())
    var report: String?

    @Option(help: ArgumentHelp("Files larger than this many bytes are reported and skipped.", valueName: "bytes"))
    var maxDocBytes: Int = 256 << 20

    @Option(help: ArgumentHelp("Colour in the summary: auto, always or never.", valueName: "when"))
    var color: OutputOptions.ColorChoice = .auto

    @OptionGroup var crossDoc: CrossDocOptions
    @OptionGroup var sites: SiteOptions

    @Option(help: ArgumentHelp("Write a profile of every site (folder) to this folder: SITE.profile with the template lines the run removed, for --profile in later runs.", valueName: "dir"), completion: .directory)
    var saveProfiles: String?
    @OptionGroup var inputText: InputTextOptions

    var workers: Int { parallel.workers }

    mutating func validate() throws {
        if inPlace == (output != nil) { throw ValidationError("give either -o DIR or --in-place") }
        if backupSuffix != nil && !inPlace { throw ValidationError("--backup-suffix goes with --in-place") }
        if maxDocBytes < 1 { throw ValidationError("--max-doc-bytes must be at least 1") }
        // A larger document cannot be split into lines (LineSpan's 32-bit offsets): it passes through.
        maxDocBytes = min(maxDocBytes, LineSpan.maxDocumentBytes)
        if saveProfiles != nil && crossDoc.noCrossDoc { throw ValidationError("--save-profiles keeps what the cross-document pass learns: it cannot go with --no-cross-doc") }
        if let output {
            let inside = Batch.resolved(output), root = Batch.resolved(input)
            if inside == root || inside.hasPrefix(root.hasSuffix("/") ? root : root + "/") {
                throw ValidationError("-o \(output): the output folder is the input folder or inside it (outputs would replace inputs, or be read as inputs by the next run); use --in-place to rewrite the inputs")
            }
        }
    }

    /// The files to clean: the plan's, less the backups an earlier `--in-place` run
    /// left beside its inputs (NAME+SUFFIX next to NAME, when the glob takes both):
    /// cleaned as inputs, they would lose the original text they keep. Says so, and
    /// says when nothing matched at all.
    private func inputs(of plan: FolderTree) -> [FolderTree.Item] {
        var items = plan.items
        if inPlace, let suffix = backupSuffix, !suffix.isEmpty {
            let planned = Set(items.map(\.relative))
            let isBackup = { (item: FolderTree.Item) in
                item.relative.hasSuffix(suffix) && planned.contains(String(item.relative.dropLast(suffix.count)))
            }
            let backups = items.filter(isBackup).count
            if backups > 0 {
                items.removeAll(where: isBackup)
                Diagnostics.plain("winnow: \(backups) backup\(backups == 1 ? "" : "s") of an earlier run (NAME\(suffix) beside NAME) left alone")
            }
        }
        if items.isEmpty && plan.failures.isEmpty {
            Diagnostics.warning("\(input): no file matches \(glob)\(hidden ? "" : " (hidden files and folders skipped: --hidden)")")
        }
        return items
    }

    /// `path` made absolute with its symlinks resolved, also when its last parts do
    /// not exist yet (they are taken as written, `.` and `..` applied).
    static func resolved(_ path: String) -> String {
        var head = (path as NSString).standardizingPath
        if !head.hasPrefix("/") { head = FileManager.default.currentDirectoryPath + "/" + head }
        var tail: [String] = []
        while true {
            if let real = realpath(head, nil) {
                defer { free(real) }
                return (([String(cString: real)] + tail.reversed()).joined(separator: "/") as NSString).standardizingPath
            }
            guard head != "/" && !head.isEmpty else { return path }
            tail.append((head as NSString).lastPathComponent)
            head = (head as NSString).deletingLastPathComponent
        }
    }

    func run() throws {
        // A missing input is reported as `winnow FILE` reports a missing file.
        var info = stat()
        let problem = stat(input.pathCString, &info) != 0 ? String(cString: strerror(errno))
            : info.st_mode & S_IFMT != S_IFDIR ? "not a folder" : nil
        if let problem {
            Diagnostics.error("\(input): \(problem)")
            throw ExitCode(2)
        }
        let ruleSet = try rules.loadRuleSet()
        for warning in ruleSet.warnings { Diagnostics.plain(warning.description) }
        let root = input.hasSuffix("/") && input.count > 1 ? String(input.dropLast()) : input
        // From here on Ctrl-C (or SIGTERM) ends the run with its summary and 130.
        Interrupt.install()
        var settings = BatchSettings(inputRoot: root, outputRoot: output, inPlace: inPlace, backupSuffix: backupSuffix,
                                     skipExisting: skipExisting, maxDocBytes: maxDocBytes, inputText: inputText.policy)
        settings.sites = sites
        settings.recorder = saveProfiles.map { _ in ProfileRecorder() }
        if let output {
            if let reason = Batch.makeFolder(output) {
                Diagnostics.error("\(output): cannot create the output folder: \(reason)")
                throw ExitCode(2)
            }
            _ = AtomicWriter.removeStaleTemporaries(under: output)
        } else {
            _ = AtomicWriter.removeStaleTemporaries(under: root)
        }
        let plan = FolderTree(root: root, glob: glob, includeHidden: hidden)
        if let output, let landing = Batch.outputsInsideInput(plan.items.map(\.relative), input: root, output: output) {
            Diagnostics.error("-o \(output): the input folder is inside the output folder, and \(landing.count) output\(landing.count == 1 ? "" : "s") would be written inside the input folder (\(landing.example), replacing an input or read as one by the next run); choose another output folder")
            throw ExitCode(2)
        }
        for failure in plan.failures { Diagnostics.error("\(failure.path): \(failure.reason)") }
        let items = inputs(of: plan)
        var reporter: ReportFile? = nil
        if let report {
            do { reporter = try ReportFile(path: report) } catch {
                Diagnostics.error("\(report): \(error.message)")
                throw ExitCode(2)
            }
        }

        // First pass: the lines the files share (the sites' templates). Ctrl-C stops it
        // too; the cleaning pass then starts no file, and the run ends as any interrupted one.
        var options = rules.cleanOptions
        options.profiles = try sites.loadProfiles()
        let learning = crossDoc.firstPass(over: items.map(\.input), maxBytes: maxDocBytes, jobs: workers,
                                          kinds: options.lineKinds, stop: { Interrupt.requested })
        let cleanOptions = options
        let ledger = BatchLedger(total: items.count, progress: progress ?? (isatty(2) != 0))
        // The report names each file by its path under the input folder.
        let printer = reporter.map { _ in ReportPrinter(ruleSet: ruleSet) { [settings] in settings.item(at: $0).relative } }
        var run = BatchRun(items: items, settings: settings, jobs: workers)
        if let printer, let reporter {
            run.report = (printer, reporter)
            // Named as the other files are, by their path under the input folder.
            run.planFailures = plan.failures.map { failure in
                (failure.path.hasPrefix(root + "/") ? String(failure.path.dropFirst(root.count + 1)) : failure.path, failure.reason)
            }.sorted { $0.0 < $1.0 }
        }
        let started = Date()
        run.run(into: ledger) {
            BatchWorker(cleaner: Cleaner(ruleSet: ruleSet, options: cleanOptions), settings: settings, learning: learning, report: printer)
        }
        let elapsed = Date().timeIntervalSince(started)

        for failure in ledger.failures { Diagnostics.error("\(failure.input): \(failure.reason)") }
        let failed = plan.failures.count + ledger.failures.count
        if let reporter, let report {
            do { try reporter.finish() } catch {
                Diagnostics.error("\(report): \(error.message)")
                throw ExitCode(2)
            }
        }
        if let recorder = settings.recorder, let saveProfiles {
            try Batch.writeProfiles(recorder, to: saveProfiles)
        }
        let summary = BatchSummary(ledger.totals, failed: failed, elapsed: elapsed,
                                   interrupted: Interrupt.requested, color: OutputOptions(color: color).useColor(fd: 2))
        Diagnostics.plain(summary.text)
        if Interrupt.requested { throw ExitCode(130) }
        if failed > 0 { throw ExitCode(2) }
    }

    /// Writes DIR/SITE.profile for every site the recorder saw (`--save-profiles`).
    static func writeProfiles(_ recorder: ProfileRecorder, to folder: String) throws {
        if let reason = makeFolder(folder) {
            Diagnostics.error("\(folder): cannot create the profiles folder: \(reason)")
            throw ExitCode(2)
        }
        for site in recorder.siteNames {
            let path = folder + "/" + (site.isEmpty ? "site" : site) + ".profile"
            do { try AtomicWriter.write(Array(recorder.profileText(site: site).utf8), to: path, mode: 0o644, owner: nil, backupSuffix: nil) } catch {
                Diagnostics.error("\(path): \(error)")
                throw ExitCode(2)
            }
        }
    }

    /// When the input folder is inside the output folder (`batch pages/raw -o pages`),
    /// the outputs of the files whose relative paths start with the input's own place
    /// in it (`raw/…`) land inside the input folder, on an input or beside them.
    /// Those outputs' count and the first of them; nil when there are none.
    static func outputsInsideInput(_ relatives: [String], input: String, output: String)
        -> (count: Int, example: String)? {
        let root = resolved(input), out = resolved(output)
        let outPrefix = out.hasSuffix("/") ? out : out + "/"
        guard root.hasPrefix(outPrefix) else { return nil }
        let place = String(root.dropFirst(outPrefix.count)) + "/"
        let landing = relatives.filter { $0.hasPrefix(place) }
        guard let first = landing.first else { return nil }
        return (landing.count, (output.hasSuffix("/") ? output : output + "/") + first)
    }

    /// `mkdir -p`; returns why it failed, or nil.
    static func makeFolder(_ path: String) -> String? {
        var built = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            built += "/" + part
            var info = stat()
            if stat(built.pathCString, &info) == 0 {
                if info.st_mode & S_IFMT != S_IFDIR { return "\(built) is not a folder" }
                continue
            }
            if mkdir(built.pathCString, 0o755) != 0 && errno != EEXIST { return String(cString: strerror(errno)) }
        }
        return nil
    }
}
