import ArgumentParser
import WinnowCore
#if canImport(Glibc)
import Glibc
#endif

/// Reads each input as one document and cleans it, explains it, or only checks
/// whether it has anything to remove. A missing or unreadable input is reported
/// and skipped; the run goes on. A reader thread reads the files in order, `jobs`
/// workers clean them, and this thread writes them in input order
/// (`OrderedPipeline`): the same output and messages for any number of jobs.
struct DocumentRunner {
    enum Presentation {
        case clean
        case explain(ExplainPrinter)
        /// No output: the exit status says whether any document had lines to remove.
        case check
    }
    typealias Pipeline = OrderedPipeline<DocumentItem, DocumentOutput>

    let ruleSet: RuleSet
    let options: CleanOptions
    let presentation: Presentation
    let maxDocBytes: Int
    let inputText: InputText
    var jobs = 1
    /// The site of each file (profiles); nil leaves the cleaners' site alone.
    var sites: SiteOptions? = nil

    struct Outcome {
        /// No input failed.
        var ok = true
        /// Some document had at least one line to remove.
        var foundChrome = false
    }

    init(ruleSet: RuleSet, options: CleanOptions, maxDocBytes: Int, presentation: Presentation, inputText: InputText, jobs: Int = 1) {
        for warning in ruleSet.warnings { Diagnostics.plain(warning.description) }
        self.ruleSet = ruleSet
        self.options = options
        self.presentation = presentation
        self.maxDocBytes = maxDocBytes
        self.inputText = inputText
        self.jobs = jobs
    }

    func run(_ paths: [String]) -> Outcome {
        let writer = DocumentWriter(sink: OutputSink(fd: 1), presentation: presentation, maxDocBytes: maxDocBytes)
        let (ruleSet, options, presentation, inputText, sites) = (ruleSet, options, presentation, inputText, sites)
        let header = paths.count > 1
        // No more workers than documents: each worker builds a cleaner.
        Pipeline(jobs: min(jobs, paths.count)).run(
            produce: { feed in read(paths, into: feed) },
            makeWorker: {
                let worker = WholeDocumentCleaner(cleaner: Cleaner(ruleSet: ruleSet, options: options), presentation: presentation,
                                                  inputText: inputText, header: header, sites: sites)
                return { item, _ in worker.process(item) }
            },
            consume: { writer.write($0) })
        return writer.finish()
    }

    /// The reader: each input whole, or its first bytes when it is over the cap (the
    /// writer then copies the rest from the descriptor, which stays open until it has).
    private func read(_ paths: [String], into feed: Pipeline.Feed) {
        for path in paths {
            let name = path == "-" ? "(standard input)" : path
            let read: ByteReader.Outcome
            let fd: Int32
            do { (read, fd) = try ByteReader.read(path: path, cap: maxDocBytes) }
            catch {
                if feed.submit(.failure(error.description)) == nil { return }
                continue
            }
            defer { if fd > 0 { close(fd) } }
            switch read {
            case .complete(let raw):
                if feed.submit(.whole(raw, name: name, path: path)) == nil { return }
            case .overCap(let prefix):
                guard let ticket = feed.submit(.overCap(prefix, name: name, path: path, fd: fd)),
                      feed.waitUntilConsumed(ticket) else { return }
            }
        }
    }
}

/// One input of a file list, as the reader hands it on.
enum DocumentItem {
    /// `path` as given (its folder names its site, for profiles).
    case whole([UInt8], name: String, path: String)
    /// Over --max-doc-bytes: its first bytes; the rest is still on `fd`.
    case overCap([UInt8], name: String, path: String, fd: Int32)
    /// It could not be opened or read.
    case failure(String)
}

/// What the writer gets for an input.
enum DocumentOutput {
    case done(DoneDocument)
    /// Nothing to clean: the item as it came.
    case passed(DocumentItem)
}

/// A document cleaned (or explained, or checked): what to write and say about it.
struct DoneDocument {
    var bytes: [UInt8] = []
    var messages = DeferredMessages()
    var failed = false
    var foundChrome = false
}
