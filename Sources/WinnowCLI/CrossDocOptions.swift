import ArgumentParser
import Foundation
import WinnowCore
#if canImport(Glibc)
import Glibc
#endif

/// Cross-document chrome detection in runs over many documents.
struct CrossDocOptions: ParsableArguments {
    @Flag(help: "Turn off cross-document detection (lines that recur across the pages of a site, its folder).")
    var noCrossDoc = false

    @Option(help: ArgumentHelp("A line is template when it stands in at least this many distinct pages of its site (its folder); copies of one article count once.", valueName: "n"))
    var templateMinDocs = 2

    func validate() throws {
        // One document would make every line a template line.
        if templateMinDocs < 2 { throw ValidationError("--template-min-docs must be at least 2 (got \(templateMinDocs))") }
    }

    /// The first pass of a run over a folder's files (`TemplateFirstPass`): which
    /// lines the files of each site (folder) share, for the workers to clean with.
    /// Nil when turned off. Once `stop()` says so, no further file is read and the
    /// index is left partial.
    func firstPass(over paths: [String], maxBytes: Int = 256 << 20, jobs: Int = 1,
                   kinds: any LineKindClassifier = HeuristicLineKinds(),
                   stop: @escaping @Sendable () -> Bool = { false }) -> LearnedTemplates? {
        guard !noCrossDoc else { return nil }
        let pass = TemplateFirstPass(minimumDocuments: templateMinDocs, maxBytes: maxBytes, jobs: jobs, kinds: kinds)
        return LearnedTemplates(pass.index(over: paths, stop: stop))
    }
}
