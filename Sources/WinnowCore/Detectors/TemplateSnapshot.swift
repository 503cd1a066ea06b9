/// What the cross-document detector reads: in how many documents of a site a line
/// stands, and from how many on it is template.
public protocol TemplateCounts {
    func documentCount(_ key: UInt64, site: UInt64) -> Int
    var minimumDocuments: Int { get }
    /// The key of each line of the page (of `lines` lines) these counts were taken
    /// for, when they know them; nil: the detector works them out.
    func lineKeys(lines: Int) -> [UInt64]?
}

extension TemplateCounts {
    public func lineKeys(lines: Int) -> [UInt64]? { nil }
}

extension TemplateIndex: TemplateCounts {}

/// The counts of one document's lines as they stood in a `TemplateIndex` right
/// after the document was added. A stream learns as it goes: document k is cleaned
/// with what documents 1…k taught. Cleaning k from its snapshot gives the same
/// result while other threads already add the documents after it, so a stream can
/// be cleaned in parallel and stay byte-identical to one thread. Sites are kept
/// apart as in the index: a document is counted under its site's key and its
/// snapshot holds the counts of that site (`TemplateIndex.siteKey`; 0 when the
/// stream is one site), the only site the detector asks it about.
public struct TemplateSnapshot: TemplateCounts, Sendable {
    /// The document's line keys, sorted, and each one's count.
    private let keys: [UInt64]
    private let counts: [Int32]
    private let site: UInt64
    public let minimumDocuments: Int
    /// Each line's key, in page order (`TemplateKeys.byLine`).
    private let byLine: [UInt64]

    /// Adds a document to `index` and takes its snapshot. Callers keep the order of
    /// the stream (see `OrderedPipeline.Turn`); `keys` may be worked out before, on any thread.
    public init(adding keys: TemplateKeys, to index: TemplateIndex, site: UInt64 = 0) {
        index.add(keys: keys, site: site)
        self.keys = keys.lines
        counts = keys.lines.map { Int32(clamping: index.documentCount($0, site: site)) }
        self.site = site
        minimumDocuments = index.minimumDocuments
        byLine = keys.byLine
    }

    /// The document's own line keys, for its page (nil when `lines` says it is another).
    public func lineKeys(lines: Int) -> [UInt64]? { byLine.count == lines ? byLine : nil }

    /// The count of a line of this document (its keys are all there is: the
    /// detector asks only about the document's own non-blank lines).
    public func documentCount(_ key: UInt64, site: UInt64) -> Int {
        precondition(site == self.site, "a snapshot answers for its own site")
        var low = 0, high = keys.count
        while low < high {
            let mid = (low + high) / 2
            if keys[mid] < key { low = mid + 1 } else { high = mid }
        }
        return low < keys.count && keys[low] == key ? Int(counts[low]) : 0
    }
}
