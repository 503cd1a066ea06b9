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

    /// A first pass over the files: which lines the files of each site (folder)
    /// share. Nil when turned off.
    /// `jobs` threads read the files and work out their line keys, a chunk of files
    /// at a time; the keys are counted in path order, so the index is the same for
    /// any number of jobs. Files that cannot be read, are not regular files or are
    /// larger than `maxBytes` are left out (the cleaning pass reports them). Once
    /// `stop()` says so, no further file is read and the index is left partial.
    func index(over paths: [String], maxBytes: Int = 256 << 20, jobs: Int = 1,
               stop: @Sendable () -> Bool = { false }) -> TemplateIndex? {
        guard !noCrossDoc else { return nil }
        let index = TemplateIndex(minimumDocuments: templateMinDocs)
        let chunk = 256
        let slots = UnsafeMutableBufferPointer<TemplateKeys?>.allocate(capacity: chunk)
        defer { slots.deallocate() }
        let shared = SharedSlots(slots)
        var start = 0
        while start < paths.count && !stop() {
            let part = paths[start..<min(start + chunk, paths.count)]
            _ = slots.initialize(from: repeatElement(nil, count: part.count))
            let workers = max(1, min(jobs, part.count))
            DispatchQueue.concurrentPerform(iterations: workers) { w in
                for k in stride(from: w, to: part.count, by: workers) where !stop() {
                    shared.slots[k] = CrossDocOptions.lineKeys(path: part[part.startIndex + k], maxBytes: maxBytes)
                }
            }
            for k in 0..<part.count {
                if let keys = slots[k] { index.add(keys: keys, site: CrossDocOptions.site(of: part[part.startIndex + k])) }
            }
            slots.baseAddress!.deinitialize(count: part.count)
            start += part.count
        }
        return index
    }

    /// The site of a file: its folder.
    static func site(of path: String) -> UInt64 {
        TemplateIndex.siteKey((path as NSString).deletingLastPathComponent)
    }

    /// The line keys of one file, or nil when it is not a regular file, cannot be
    /// read or is too large. Opened without blocking: a FIFO must not hang the pass.
    private static func lineKeys(path: String, maxBytes: Int) -> TemplateKeys? {
        guard let file = try? OpenedFile.open(path, nonBlocking: true) else { return nil }
        defer { close(file.fd) }
        guard file.isRegular, case .complete(let bytes)? = try? ByteReader.read(fd: file.fd, cap: maxBytes, path: path) else { return nil }
        return bytes.withUnsafeBufferPointer { TemplateIndex.keys($0) }
    }
}

/// Per-file slots the first pass's threads fill, each its own indexes.
private final class SharedSlots: @unchecked Sendable {
    let slots: UnsafeMutableBufferPointer<TemplateKeys?>
    init(_ slots: UnsafeMutableBufferPointer<TemplateKeys?>) { self.slots = slots }
}
