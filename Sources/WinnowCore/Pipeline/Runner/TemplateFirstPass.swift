import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The first pass of a run over a folder's files (batch, eval): which lines the
/// files of each site (folder) share, learnt before any file is cleaned, so that a
/// site's first page is cleaned knowing its last. The files are read and keyed on
/// `jobs` threads of an `OrderedPipeline` and counted in path order: the index is
/// the same for any number of jobs.
public struct TemplateFirstPass {
    public var minimumDocuments: Int
    /// Larger files are left out (the cleaning pass reports them).
    public var maxBytes: Int
    public var jobs: Int
    /// What decides a line's kind, as the cleaner's options say (`CleanOptions.lineKinds`).
    public var kinds: any LineKindClassifier

    public init(minimumDocuments: Int, maxBytes: Int = 256 << 20, jobs: Int = 1,
                kinds: any LineKindClassifier = HeuristicLineKinds()) {
        self.minimumDocuments = minimumDocuments
        self.maxBytes = maxBytes
        self.jobs = jobs
        self.kinds = kinds
    }

    /// Counts the lines of the files at `paths`, each under its site (`site(of:)`).
    /// Files that cannot be read or are not regular files are left out. Once `stop()`
    /// says so, no further file is read and the index is left partial.
    public func index(over paths: [String], stop: @escaping @Sendable () -> Bool = { false }) -> TemplateIndex {
        let index = TemplateIndex(minimumDocuments: minimumDocuments)
        let maxBytes = maxBytes, kinds = kinds
        // Sixteen files a hand-off (a worker reads them itself).
        OrderedPipeline<Int, (keys: TemplateKeys, site: UInt64)?>(jobs: min(jobs, max(paths.count, 1)), batching: .smallDocuments).run(
            produce: { feed in
                for k in paths.indices {
                    if stop() || feed.submit(k) == nil { return }
                }
            },
            makeWorker: {
                { k, _ in
                    guard !stop(), let keys = TemplateFirstPass.lineKeys(path: paths[k], maxBytes: maxBytes, kinds: kinds) else { return nil }
                    return (keys, TemplateFirstPass.site(of: paths[k]))
                }
            },
            consume: { counted in
                if let counted { index.add(keys: counted.keys, site: counted.site) }
                return true
            })
        return index
    }

    /// The site of a file: its folder.
    public static func site(of path: String) -> UInt64 {
        TemplateIndex.siteKey((path as NSString).deletingLastPathComponent)
    }

    /// The line keys of one file, or nil when it is not a regular file, cannot be
    /// read or is too large. Opened without blocking: a FIFO must not hang the pass.
    private static func lineKeys(path: String, maxBytes: Int, kinds: any LineKindClassifier) -> TemplateKeys? {
        guard let file = try? OpenedFile.open(path, nonBlocking: true) else { return nil }
        defer { close(file.fd) }
        guard file.isRegular, case .complete(let bytes)? = try? ByteReader.read(file, cap: maxBytes, path: path) else { return nil }
        return bytes.withUnsafeBufferPointer { TemplateIndex.keys($0, kinds: kinds) }
    }
}
